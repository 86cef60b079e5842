"""Evaluation: gold questions, the correctness rule, and the metrics `tinbot eval` reports.

Gold format (one JSON object per line)::

    {"id": str, "question": str, "lang": "vi" | "en" | ..., "answers": [str, ...], "context": str (optional),
     "answer_start": int (optional), "previous": str (optional)}

`answers: []` marks a question the corpus cannot answer: the right behaviour is to decline. `previous` is the
question asked before it in the same conversation: the question is then asked as a follow-up of it, as the REPL
and the Telegram bot ask it ("còn năm ngoái?" after "Sơn La có bao nhiêu vụ cháy rừng?").

**Correctness.** A ranked quote is correct for an answerable item when, after `match_form` (NFC, lower-case,
invisible format characters such as U+200B dropped, runs of whitespace collapsed to one space):

1. it contains one of `answers`, and
2. when `context` is given, the quote lies inside the context (the normalised quote text is a substring of the
   normalised context). This says "the quote comes from that passage" without depending on how the corpus files
   were named or split, so it holds for any corpus that contains the passage verbatim.

This is the rule of the issue and of the measured baselines. It is lenient when the answer occurs in several
sentences of the context (11 % of the XQuAD-vi questions), so items that carry `answer_start` (the offset of
`answers[0]` in the raw `context`, as XQuAD gives it) are also scored **strictly**: the quote must also cover
that exact occurrence. The strict Hit@1 is reported next to the lenient one; it is never the headline.

**What is ranked.** `run_gold` asks the searcher for the same hits `QAService.ask` uses and keeps two views of
them: the ranked candidates (the top `depth` hits, *regardless* of the "not found" threshold) for Hit@k and MRR,
and the `Answer` that `answer_with` builds from those hits for the decline metrics. Retrieval quality and the
threshold are thus measured separately, on one search per question. Where the answer quotes first another of the
hits than the first (the first tells of another year or variety than asked, the next of the asked one:
`retrieval.answer.MENDED_GAP`), or the author's line or date, that quote is ranked first, as the reader sees it.

Everything here is pure: no files are read or written; the service and clock are passed in.
"""
from __future__ import annotations

import json
import math
import re
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Protocol

from embeddings.errors import BadQuestion, TinbotError
from retrieval.answer import MORE_QUOTES, answer_with, clean_question, in_conversation, not_a_question, quote_for
from retrieval.direct import direct_answer
from retrieval.search import Searcher
from retrieval.smalltalk import small_talk
from retrieval.types import Quote

HIT_KS = (1, 3, 5)
# Above this many sentence checks the "reachable" diagnostic is skipped (it is a brute-force scan).
REACHABLE_BUDGET = 5_000_000


class GoldFormatError(TinbotError):
    """A gold file line is not in the gold format; the message names the line and the fix."""


@dataclass(frozen=True)
class GoldItem:
    id: str
    question: str
    lang: str
    answers: tuple[str, ...]
    context: str | None = None
    answer_start: int | None = None  # offset of answers[0] in the raw context, for the strict rule
    previous: str | None = None  # the conversation's question before this one

    @property
    def answerable(self) -> bool:
        return bool(self.answers)


@dataclass(frozen=True)
class QuestionResult:
    """One gold question after a run. Ranks are 1-based; None means no correct quote within the depth."""

    item: GoldItem
    ranked: tuple[Quote, ...]  # top `depth` candidates, best first, regardless of the threshold
    answered: bool  # what the user would see: False when the answer declined
    seconds: float
    first_correct: int | None
    first_correct_strict: int | None
    reachable: bool | None = None  # some indexed sentence is correct at all (None: not computed)
    error: str | None = None  # the question was refused (BadQuestion)
    offers_closest: bool = False  # declined, with its closest sentences kept to be shown on request
    reason: str = ""  # why it was declined (`Answer.reason`); "" when answered


@dataclass(frozen=True)
class GroupMetrics:
    """Metrics over one group of questions (all of them, or one `lang`)."""

    questions: int
    answerable: int
    unanswerable: int
    depth: int
    hit_at: tuple[float, ...]  # hit_at[k - 1] = Hit@k over answerable questions, k = 1..depth
    mrr: float  # MRR@depth over answerable questions
    hit_at_1_strict: float | None  # None when no item carries answer_start
    answered_correct_at_1: float  # answered (not declined) and rank 1 correct, over answerable questions
    answerable_declined: int  # answerable questions the threshold declined
    declined_correctly: int  # unanswerable questions declined
    answered_wrongly: int  # unanswerable questions answered
    mean_quote_chars: float | None  # mean length of the rank-1 quote, over questions with one
    p50_seconds: float
    p95_seconds: float
    unreachable: int  # answerable questions no indexed sentence can answer (segmentation, corpus gaps)
    bolded: int = 0  # answerable questions whose correct rank-1 quote has a bolded answer span
    bold_right: float | None = None  # share of those where the bolded span is (part of) a gold answer
    declined_right_at_1: int = 0  # of `answerable_declined`, those offering closest sentences, the first correct

    def hit(self, k: int) -> float | None:
        return self.hit_at[k - 1] if 1 <= k <= len(self.hit_at) else None


@dataclass(frozen=True)
class EvalReport:
    mode: str
    depth: int
    overall: GroupMetrics
    by_lang: dict[str, GroupMetrics]
    results: tuple[QuestionResult, ...] = field(repr=False)


# --- gold ---------------------------------------------------------------------------------------------------

def parse_gold(lines: Iterable[str], source: str = "gold") -> list[GoldItem]:
    """Read gold items from JSON lines; blank lines and lines starting with '#' are skipped."""
    items: list[GoldItem] = []
    seen: set[str] = set()
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"{source}:{n}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldFormatError(f"{where}: not JSON ({exc.msg})") from exc
        item = gold_item(row, where)
        if item.id in seen:
            raise GoldFormatError(f"{where}: duplicate id {item.id!r}")
        seen.add(item.id)
        items.append(item)
    if not items:
        raise GoldFormatError(f"{source}: no gold questions")
    return items


def gold_item(row: object, where: str = "gold") -> GoldItem:
    if not isinstance(row, dict):
        raise GoldFormatError(f"{where}: expected a JSON object")
    for key in ("id", "question", "lang", "answers"):
        if key not in row:
            raise GoldFormatError(f"{where}: missing {key!r} (gold lines need id, question, lang, answers)")
    answers = row["answers"]
    if not isinstance(answers, list) or not all(isinstance(a, str) for a in answers):
        raise GoldFormatError(f"{where}: 'answers' must be a list of strings ([] = not answerable)")
    if any(not match_form(a) for a in answers):
        raise GoldFormatError(f"{where}: an answer is empty after normalisation")
    context = row.get("context")
    if context is not None and not isinstance(context, str):
        raise GoldFormatError(f"{where}: 'context' must be a string")
    start = row.get("answer_start")
    if start is not None and (not isinstance(start, int) or context is None or not answers
                              or context[start:start + len(answers[0])] != answers[0]):
        raise GoldFormatError(f"{where}: 'answer_start' must be the offset of answers[0] in 'context'")
    if not isinstance(row["question"], str) or not isinstance(row["lang"], str):
        raise GoldFormatError(f"{where}: 'question' and 'lang' must be strings")
    previous = row.get("previous")
    if previous is not None and not isinstance(previous, str):
        raise GoldFormatError(f"{where}: 'previous' must be a string (the question asked before this one)")
    return GoldItem(str(row["id"]), row["question"], row["lang"], tuple(answers), context, start, previous or None)


# --- correctness --------------------------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=8192)
def match_form(text: str) -> str:
    """The form answers, quotes and contexts are compared in: NFC, lower case, no format chars, single spaces."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return _SPACES.sub(" ", text.lower()).strip()


def is_correct(quote_text: str, item: GoldItem) -> bool:
    """The lenient rule (see the module docstring): contains an answer and, given a context, lies inside it."""
    return _matches(match_form(quote_text), item)


def _matches(quote: str, item: GoldItem) -> bool:
    """`is_correct` on a quote already in `match_form`."""
    if not any(match_form(a) in quote for a in item.answers):
        return False
    return item.context is None or quote in match_form(item.context)


def is_correct_strict(quote_text: str, item: GoldItem) -> bool:
    """The lenient rule, plus: the quote covers the gold occurrence `answer_start` of the raw context."""
    if not is_correct(quote_text, item):
        return False
    if item.answer_start is None or item.context is None:
        return True
    a_start, a_end = item.answer_start, item.answer_start + len(item.answers[0])
    at = item.context.find(quote_text)
    while at >= 0:
        if at <= a_start and a_end <= at + len(quote_text):
            return True
        at = item.context.find(quote_text, at + 1)
    return False


def bold_is_right(quote: Quote, item: GoldItem) -> bool:
    """The quote's bolded span and one of the gold answers overlap as text: one contains the other (after
    the same normalisation as `is_correct`). "120,3" for "120,3 tỷ đồng" is right; "29%" is not."""
    span = quote.answer_text
    if not span:
        return False
    bold = match_form(span)
    return any(bold in form or form in bold for form in (match_form(a) for a in item.answers) if form)


def first_rank(texts: Sequence[str], item: GoldItem, *, strict: bool = False) -> int | None:
    judge = is_correct_strict if strict else is_correct
    return next((i for i, t in enumerate(texts, 1) if judge(t, item)), None)


# --- running ------------------------------------------------------------------------------------------------

class ServiceLike(Protocol):
    """What `run_gold` needs from `retrieval.service.QAService`."""

    mode: str

    @property
    def searcher(self) -> Searcher: ...


def run_question(service: ServiceLike, item: GoldItem, depth: int, *,
                 clock: Callable[[], float] = time.perf_counter) -> QuestionResult:
    """Ask one gold question the way `QAService.ask` does; time the question-to-answer part only."""
    started = clock()
    try:
        text = clean_question(item.question)
    except BadQuestion as exc:
        return QuestionResult(item, (), False, clock() - started, None, None, error=str(exc))
    searcher = service.searcher  # one index for the whole question, as in QAService.ask
    hits = searcher.search(text, depth + MORE_QUOTES)  # as QAService.ask: top_k + the "more" quotes
    talk = small_talk(text)  # declined unsearched, as QAService.ask does; still ranked for Hit@k
    by = None if talk else direct_answer(text, searcher, previous=item.previous, k=depth)
    answer = (not_a_question(text, talk) if talk else
              by or answer_with(text, hits, searcher, top_k=depth))
    read = None if by is not None or talk else in_conversation(answer, text, item.previous, searcher, depth)
    if read is not None:  # as QAService.ask: read as a follow-up, its hits are ranked
        answer, hits = read
    ranked = tuple(quote_for(searcher.index, h, text) for h in hits[:depth])
    if by is not None:  # the author's line or the date first, as QAService.ask answers with it
        ranked = (by.quotes + ranked)[:depth]
    elif answer.answered and answer.quotes and ranked and answer.quotes[0].sentence_id != ranked[0].sentence_id:
        # a hit the answer put first (`answer._mended`) is ranked first, as the reader sees it
        first = answer.quotes[0]
        ranked = ((first,) + tuple(q for q in ranked if q.sentence_id != first.sentence_id))[:depth]
    seconds = clock() - started
    texts = [q.text for q in ranked]
    return QuestionResult(item, ranked, answer.answered, seconds, first_rank(texts, item),
                          first_rank(texts, item, strict=True),
                          offers_closest=not answer.answered and bool(answer.more), reason=answer.reason)


def run_gold(service: ServiceLike, items: Sequence[GoldItem], *, depth: int = 5,
             clock: Callable[[], float] = time.perf_counter,
             on_result: Callable[[QuestionResult], None] | None = None) -> EvalReport:
    """Run every gold item through `service` and summarise.

    Call `service.warm_up()` first for honest latency, and keep the index fixed during the run (a QAService
    with `auto_reload=False`): the "reachable" diagnostic is computed on the index the run started with."""
    index = service.searcher.index
    # What a quote can be: a sentence, or an author's line or a date (retrieval/article_facts.py).
    texts = [s.text for s in index.sentences] + [t for a in index.articles.values() for t in (a.author, a.date) if t]
    check_reach = len(texts) * len(items) <= REACHABLE_BUDGET
    forms = [match_form.__wrapped__(t) for t in texts] if check_reach else []
    results = []
    for item in items:
        result = run_question(service, item, depth, clock=clock)
        if check_reach and item.answerable:
            result = replace(result, reachable=any(_matches(f, item) for f in forms))
        results.append(result)
        if on_result is not None:
            on_result(result)
    return build_report(service.mode, results, depth)


# --- metrics ------------------------------------------------------------------------------------------------

def percentile(values: Sequence[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default); 0.0 for no values."""
    if not values:
        return 0.0
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100.0
    lo, hi = math.floor(pos), math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def summarize(results: Sequence[QuestionResult], depth: int) -> GroupMetrics:
    answerable = [r for r in results if r.item.answerable]
    unanswerable = [r for r in results if not r.item.answerable]
    n = len(answerable)

    def share(count: int) -> float:
        return count / n if n else 0.0

    hit_at = tuple(share(sum(1 for r in answerable if r.first_correct is not None and r.first_correct <= k))
                   for k in range(1, depth + 1))
    mrr = sum(1.0 / r.first_correct for r in answerable if r.first_correct) / n if n else 0.0
    strict_items = [r for r in answerable if r.item.answer_start is not None]
    strict = (sum(1 for r in strict_items if r.first_correct_strict == 1) / len(strict_items)
              if strict_items else None)
    lengths = [len(r.ranked[0].text) for r in results if r.ranked]
    bolded = [r for r in answerable if r.first_correct == 1 and r.ranked[0].answer_span is not None]
    seconds = [r.seconds for r in results]
    return GroupMetrics(
        questions=len(results), answerable=n, unanswerable=len(unanswerable), depth=depth,
        hit_at=hit_at, mrr=mrr, hit_at_1_strict=strict,
        answered_correct_at_1=share(sum(1 for r in answerable if r.answered and r.first_correct == 1)),
        answerable_declined=sum(1 for r in answerable if not r.answered),
        declined_correctly=sum(1 for r in unanswerable if not r.answered),
        answered_wrongly=sum(1 for r in unanswerable if r.answered),
        mean_quote_chars=sum(lengths) / len(lengths) if lengths else None,
        p50_seconds=percentile(seconds, 50), p95_seconds=percentile(seconds, 95),
        unreachable=sum(1 for r in answerable if r.reachable is False),
        bolded=len(bolded),
        bold_right=sum(bold_is_right(r.ranked[0], r.item) for r in bolded) / len(bolded) if bolded else None,
        declined_right_at_1=sum(1 for r in answerable if r.offers_closest and r.first_correct == 1),
    )


def build_report(mode: str, results: Sequence[QuestionResult], depth: int) -> EvalReport:
    langs = sorted({r.item.lang for r in results})
    by_lang = {lang: summarize([r for r in results if r.item.lang == lang], depth) for lang in langs}
    return EvalReport(mode, depth, summarize(results, depth), by_lang, tuple(results))
