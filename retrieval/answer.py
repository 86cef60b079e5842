"""From ranked hits to an `Answer`: quotes with citations, or an honest 'not found'."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import replace

from embeddings.errors import BadQuestion, LinkNotQuestion
from retrieval import followup
from retrieval.asks import question_type
from retrieval.glossary import covers, glossary
from retrieval.goals import target_only
from retrieval.index import LoadedIndex
from retrieval.language import detect_language
from retrieval.measures import asked_focus, mismatch, tells_asked
from retrieval.parts import question_parts
from retrieval.reasons import asks_why, reason_span
from retrieval.roles import holder_mismatch, holder_span, role_found, titled_otherwise
from retrieval.search import Hit, Searcher
from retrieval.siblings import article_named
from retrieval.spans import answer_span
from retrieval.textnorm import fold
from retrieval.types import Answer, Mismatch, Quote, SmallTalk
from retrieval.verdicts import penalty_span
from retrieval.whereabouts import asks_where, place_span
from retrieval.which import kind_span

MAX_QUESTION_CHARS = 1000
MORE_QUOTES = 10
# Whether to answer is decided on the best hit's own dense cosine (not its context vector's; the fused score mixes
# scales), per model and question language: cross-lingual (English) cosines run lower than Vietnamese ones.
# Vietnamese 0.84 comes from leave-one-article-out on XQuAD-vi (91% of unanswerable declined,
# eval/experiments/README.md); English 0.74 is below that calibration's 0.78 because 0.78 declined half of the
# answerable English seed questions.
MIN_SCORE = {("intfloat/multilingual-e5-small", "vi"): 0.84, ("intfloat/multilingual-e5-small", "en"): 0.74,
             ("hashing", "vi"): 0.25, ("hashing", "en"): 0.25}
DEFAULT_MIN_SCORE = 0.80
# For Vietnamese questions, a hit re-scored with token-level MaxSim is judged on its fused score instead: it
# separates answerable from unanswerable far better (leave-one-article-out on XQuAD-vi, AUC 0.998 vs 0.985 for
# the cosine). 1.20 declines 97% of the unanswerable questions there and still answers 0.801 right of Hit@1 0.817;
# the cosine at 0.84 declines 90% and answers 0.777 right (eval/experiments/decline_signals.py). The fused score
# here leaves out the paragraph terms (`Hit.paragraph`, about +0.17): as good a separator with them (1.37 declines
# 97% and answers 0.804 right), and without them one threshold holds for indexes built before them. Not for
# English: the seed's English questions score lower than XQuAD's, and the XQuAD-calibrated fused threshold
# declines 5 of its 12 answerable ones (4 before context vectors; their top scores: `tinbot eval
# eval/seed_gold.jsonl --corpus seeds --json`). English answers must instead beat a floor measured on each index
# with off-topic questions (`retrieval.offtopic`), passed to `make_answer` as `floor`.
FUSED_MIN_SCORE = {("intfloat/multilingual-e5-small", "vi"): 1.20}
# And no re-scored answer may fall more than this short of what unrelated text offers the question: the
# background's best fused score (retrieval/background.py), `background` in `make_answer`. At 0.02 short, English
# right answers lost 7 of 1,307 over seven sets and held-out off-topic English questions declined rose 0.827 ->
# 0.926 (at 0: 14 lost, 0.953; eval/experiments/background_declines.py). Vietnamese answers are compared too
# (since 2026-12-05, eleventh session): none of 1,405 right ones lost, and off-topic Vietnamese questions written
# apart from the project (offtopic_fresh_vi.txt) declined 0.972 -> 0.994 end to end, where the fused threshold
# alone had seemed enough on the team's own (279 of 280); about 0.5 ms a question (eval/experiments/README.md).
BACKGROUND_MARGIN = -0.02

# Quotes after the first must be nearly as good as it, or they are noise.
FOLLOW_GAP = 0.04
# A first sentence telling of another year, month, numbered or named thing, variety, place in a contest, casualty
# or title's holder than the one asked gives way to one of the next `MENDED_DEPTH` hits, of its article and at most
# `MENDED_GAP` below it (`MENDED_GAP_THING` for a thing: all but a year or a month), that tells of the asked one
# ("Who won the women's singles?": the men's final first at 1.25, "Ở nội dung đơn nữ, Lâm Thu Trang ..." second at
# 1.18). Over every gold set (eval/experiments/README.md, twenty-sixth session) it answered 9 questions right that
# were declined (3 a title's holder, found at 0.2, not 0.05), one unanswerable question and one wrongly; at 0.1 for
# a year, 3 unanswerable and one right more; from other articles, for a casualty without its figure ("chưa có
# trường hợp tử vong"), or for a measure asked (where no sentence can be seen to tell of it), as many unanswerable
# questions were answered as right ones.
MENDED_GAP = 0.05
MENDED_GAP_THING = 0.2
MENDED_DEPTH = 5
_THINGS = frozenset({"variety", "numbered", "named", "casualty", "place", "holder", "location"})

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
# Invisible inside a word ("s\u200bách" is "sách" as the reader sees it): removed, not made a space.
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# A web address: with a scheme, "www.", or a domain under a common top-level domain, written in lower case or
# with a path ("vnexpress.net", "Tiki.vn/abc"); "ASP.NET", "Amazon.com" are names, searched as words.
_DOMAIN = r"\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|vn|info|io|gov|edu|co|me|tv|news)\b"
_URL = rf"(?i:\b[a-z][a-z0-9+.-]*://\S+|\bwww\.\S+|{_DOMAIN}/\S*)"
_LINK = re.compile(rf"{_URL}|{_DOMAIN}(?![\w/])")
_PASTED_URL = re.compile(_URL)  # a page's address pasted with the question: not searched (a bare domain may be)


def clean_question(raw: str) -> str:
    """Strip control characters and web addresses pasted with the question, collapse spaces; refuse empty,
    over-long and undecodable questions, and bare links, with a clear reason."""
    if _SURROGATE.search(raw):  # bytes that were not UTF-8, kept as surrogates by the terminal or stdin decoder
        raise BadQuestion("the question has bytes that are not UTF-8; set the terminal or input to UTF-8 "
                          "(e.g. LANG=C.UTF-8) and ask again")
    text = unicodedata.normalize("NFC", _CONTROL.sub(" ", _INVISIBLE.sub("", raw)))
    text = " ".join(text.split())
    if not text:
        raise BadQuestion("the question is empty; type a question, e.g. 'thu ngân sách đạt bao nhiêu?'")
    if len(text) > MAX_QUESTION_CHARS:
        raise BadQuestion(f"the question is {len(text):,} characters long; please keep it to at most "
                          f"{MAX_QUESTION_CHARS:,}")
    if not any(ch.isalnum() for ch in text):
        raise BadQuestion("the question has no letters or digits; type a question in words")
    if not any(ch.isalnum() for ch in _LINK.sub(" ", text)):
        raise LinkNotQuestion("the question is only a link, and tinbot does not open links: ask about the "
                              "indexed articles in words (to add an article, save its text as a .txt file in your "
                              "articles folder and index that folder again: tinbot index FOLDER)")
    return " ".join(_PASTED_URL.sub(" ", text).split())


def quote_for(index: LoadedIndex, hit: Hit, question: str, *, span: bool = True) -> Quote:
    """The hit as a quote; with `span`, the answer inside it found (`retrieval.spans.answer_span`)."""
    s = index.sentences[hit.row]
    a = index.articles[s.article_id]
    spans = answer_spans(question, s.text) if span else ()
    return Quote(text=s.text, score=round(hit.score, 4), title=a.title, date=a.date, source=a.source,
                 sentence_id=s.sentence_id, start=s.start, end=s.end,
                 answer_span=spans[0] if spans else None, also_spans=spans[1:])


def answer_spans(question: str, sentence: str) -> tuple[tuple[int, int], ...]:
    """The answers inside `sentence` (`bold_span`): one for each part of a question that asks two things
    (`retrieval.parts`), none overlapping another nor written in the question, each after the one before where the
    sentence has one there; at most one otherwise."""
    parts = question_parts(question)
    found: list[tuple[int, int]] = []
    asked = fold(question)
    for part in parts if len(parts) > 1 else ():
        # news answers in the order asked: a later part's answer after the earlier ones', if there is one there
        for before in ([(0, max(b for _, b in found))] if found else [], []):
            span = _part_answer(part, sentence, asked, tuple(found + before))
            if span is not None:
                found.append(span)
                break
    if not found:
        span = bold_span(question, sentence)
        found = [span] if span is not None else []
    return tuple(found)


def _part_answer(part: str, sentence: str, asked: str, taken: tuple[tuple[int, int], ...]) -> tuple[int, int] | None:
    """The answer to one part of a question (`bold_span`), not a figure the question writes (`asked`, folded):
    "How much capacity will the 500 kV line add?" is not answered by its "500"."""
    for _ in range(4):
        span = bold_span(part, sentence, taken=taken)
        if span is None or not re.search(rf"(?<!\w){re.escape(fold(sentence[span[0]:span[1]]))}(?!\w)", asked):
            return span
        taken += (span,)
    return None


def bold_span(question: str, sentence: str, taken: tuple[tuple[int, int], ...] = ()) -> tuple[int, int] | None:
    """The answer inside `sentence`: for a why-question the reason it gives (`retrieval.reasons`), for a
    where-question the place (`retrieval.whereabouts`), for a which-question the name of the kind asked
    (`retrieval.which`); a court's penalty asked and told (`retrieval.verdicts`); else
    the person holding the title asked about (`retrieval.roles`), else the span of the asked-for type
    (`retrieval.spans.answer_span`); nothing where the only people with that title's head hold another title
    (`roles.titled_otherwise`). `taken`: spans bolded for another part of the question, not to bold again."""
    if asks_why(question):  # the reason given, or nothing: a figure or a name is no reason
        return reason_span(question, sentence)
    if asks_where(question):  # the place a locative word introduces, or nothing
        return place_span(question, sentence, taken)
    named = kind_span(question, sentence, taken)  # "Quận nào ...?": the name written after "quận"
    if named is not None:
        return named
    penalty = penalty_span(question, sentence, taken)  # a court's penalty asked and told ("tù chung thân")
    if penalty is not None:
        return penalty
    held = holder_span(question, sentence)
    if held is None and titled_otherwise(question, sentence):
        return None
    return held or answer_span(question, sentence, taken, asked_focus(question))


def with_answer_spans(quotes: Sequence[Quote], question: str) -> tuple[Quote, ...]:
    """`quotes` with the answer inside each found: for an answer's `more` quotes, which `make_answer` leaves
    unmarked because most are never shown (`tinbot ask` prints none of them)."""
    out = []
    for q in quotes:
        spans = () if q.answer_span is not None else answer_spans(question, q.text)
        out.append(replace(q, answer_span=spans[0], also_spans=spans[1:]) if spans else q)
    return tuple(out)


def confident(hit: Hit, min_score: float, fused_min: float | None = None, floor: float | None = None) -> bool:
    """Above the threshold: the fused score (without the paragraph terms) if `fused_min` is given and the hit
    was re-scored with MaxSim, else the dense cosine, and then also above `floor` (the index's off-topic English
    score, `retrieval.offtopic`) if the hit was re-scored; in lexical-only mode (no cosine) any lexical match
    counts."""
    if hit.dense <= -1.0:
        return hit.score > 0.0
    fused = hit.fused
    if fused_min is not None and hit.maxsim > 0.0:
        return fused >= fused_min
    return hit.dense >= min_score and (floor is None or hit.maxsim <= 0.0 or fused > floor)


_FIGURE = re.compile(r"\d+(?:[.,/:-]\d+)*")


def figure_found(question: str, sentence: str) -> bool:
    """A question that is only figures ("18.426", "12/2026") asks where they are written: found when the
    sentence has each of them as written, whatever the scores say."""
    figures = _FIGURE.findall(question)
    return (bool(figures) and not any(ch.isalpha() for ch in question)
            and all(re.search(rf"(?<![\d.,]){re.escape(f)}(?!\d|[.,/]\d)", sentence) for f in figures))


def answer_lang(question: str) -> str:
    """The language an answer is given in: the question's, Vietnamese when it is neither."""
    lang = detect_language(question)
    return lang if lang in ("vi", "en") else "vi"


def not_a_question(question: str, talk: SmallTalk) -> Answer:
    """The answer to small talk: nothing searched, nothing quoted."""
    return Answer(question=question, answered=False, lang=talk.lang or answer_lang(question), small_talk=talk)


def min_score_for(model_id: str, lang: str) -> float:
    return MIN_SCORE.get((model_id, lang), DEFAULT_MIN_SCORE)


def answer_with(question: str, hits: list[Hit], searcher: Searcher, *, top_k: int) -> Answer:
    """`make_answer` with what `searcher` knows of its index: the names it never mentions, what the background
    text offers the question and, for an English question, how well off-topic English questions score on it and
    which articles mention the Vietnamese names the question gives (`retrieval.names`)."""
    english = answer_lang(question) == "en"
    names = searcher.english_names(question)  # found once, for both uses
    phrases = glossary().phrases(question) if english else []  # found once, for every hit judged
    return make_answer(question, hits, searcher.index, top_k=top_k,
                       unknown=searcher.unknown_terms(question, names if english else None),
                       floor=searcher.english_floor if english else None,
                       names_in=(lambda row: searcher.names_mentioned(names, row)) if names else None,
                       covered=(lambda row: covers(phrases, searcher.index.sentences[row].text)) if phrases else None,
                       background=searcher.background_best(question) if hits else None)


def _distinct(hits: list[Hit], index: LoadedIndex) -> list[Hit]:
    """The hits without repeats of a sentence already quoted (an article pasted twice, or filed twice under
    another title): the same words twice tell the reader nothing more."""
    seen: set[str] = set()
    out = []
    for h in hits:
        key = " ".join(index.sentences[h.row].text.split())
        if key not in seen:
            seen.add(key)
            out.append(h)
    return out


def make_answer(question: str, hits: list[Hit], index: LoadedIndex, *, top_k: int,
                min_score: float | None = None, unknown: Sequence[str] = (), floor: float | None = None,
                names_in: Callable[[int], bool] | None = None, background: float | None = None,
                covered: Callable[[int], bool] | None = None) -> Answer:
    """Quotes for the best hits, or 'not found' when the best is not close enough (`confident`; `floor`: see
    there), when it tells of something other than what the question asks for (`retrieval.measures.mismatch`,
    `retrieval.roles.holder_mismatch`, `retrieval.goals.target_only`), or when the question names something
    (`unknown`: a name) that the corpus never mentions; the answer says which (`Answer.reason`).

    `names_in(row)`, for a question that gives names: whether the article of `row` mentions them all. A hit
    from an article that does not is no answer; one from an article that does needs no `floor`: on news the
    floor declined a fifth of the English questions answered right, and the names tell what it guessed
    (eval/experiments/english_floor_news.py). `covered(row)`, for an English question: whether the sentence of
    `row` writes nearly every phrase of it the glossary translates (`retrieval.glossary.covers`); such a hit needs no
    `floor` either: with every phrase, 50 right answers more over every gold set, 6 wrong ones, one off-topic
    question of 1,440 more answered (eval/experiments/README.md); three in four, see `COVER_SHARE`."""
    lang = answer_lang(question)
    hits = _distinct(hits, index)
    fused_min = None
    if min_score is None:
        min_score = min_score_for(index.model, lang)
        fused_min = FUSED_MIN_SCORE.get((index.model, lang))
    names_of: dict[str, dict[tuple[str, str], str]] = {}  # per article judged: the units it names (`article_named`)

    def doubt(hit: Hit) -> tuple[str, Mismatch | None] | None:
        """Why `hit` is no answer (an `Answer.reason`, with its mismatch), or None when it is one."""
        if background is not None and hit.maxsim > 0.0 and hit.fused <= background + BACKGROUND_MARGIN:
            return "off_topic", None
        waived = names_in is not None or (covered is not None and covered(hit.row))
        if not confident(hit, min_score, fused_min, None if waived else floor):
            return "not_close", None
        if names_in is not None and not names_in(hit.row):
            return "names_elsewhere", None
        # "Bao nhiêu người?" is not answered by a sentence whose only figure is "6 tháng" (retrieval/measures.py),
        # nor "Ai là giám đốc ...?" by a sentence naming only a deputy director, or no one (retrieval/roles.py),
        # nor "thực thu bao nhiêu?" by a sentence telling only the target (retrieval/goals.py).
        sentence = index.sentences[hit.row]
        text = sentence.text
        article = index.articles[sentence.article_id]
        named = names_of.get(sentence.article_id)
        if named is None:
            first, end = index.article_rows[sentence.article_id]
            named = names_of[sentence.article_id] = article_named(
                (article.title,) + tuple(s.text for s in index.sentences[first:end]))
        found = (mismatch(question, text, article.title, article.date, named)
                 or holder_mismatch(question, text) or target_only(question, text))
        return None if found is None else ("mismatch", found)

    def sure_of(hit: Hit) -> bool:
        return doubt(hit) is None

    def found_anyway(text: str) -> bool:
        # A person's title asked for and written next to their name ("Ông Lâm giữ chức vụ gì?"): found, whatever
        # the scores say; a question so short scores low.
        return figure_found(question, text) or role_found(question, text)

    why = doubt(hits[0]) if hits else ("not_close", None)
    top = index.sentences[hits[0].row].text if hits else ""
    if why is not None and why[1] is not None and not found_anyway(top):
        hits = _mended(question, hits, why[1], index, sure_of)
        why = doubt(hits[0])
        top = index.sentences[hits[0].row].text
    sure = bool(hits) and (why is None or found_anyway(top))
    if not sure or unknown:
        # The closest sentences are kept for a reader who asks to see them anyway ("not sure"), unless the
        # question names something the articles never mention: then they are about something else.
        closest = () if unknown else tuple(quote_for(index, h, question, span=False) for h in hits[:MORE_QUOTES])
        reason, found = ("not_mentioned", None) if unknown else (why or ("not_close", None))
        return Answer(question=question, answered=False, quotes=(), lang=lang, more=closest,
                      not_mentioned=tuple(unknown), reason=reason, mismatch=found)
    best = hits[0].score
    chosen = [hits[0]] + [h for h in hits[1:top_k] if h.score >= best - FOLLOW_GAP and sure_of(h)]
    # "More": the next hits not quoted already (a hit skipped above does not shift a quoted one in here).
    rest = [h for h in hits[1:] if h not in chosen and sure_of(h)][:MORE_QUOTES]
    return Answer(question=question, answered=True, lang=lang,
                  quotes=tuple(quote_for(index, h, question) for h in chosen),
                  more=tuple(quote_for(index, h, question, span=False) for h in rest))


def _mended(question: str, hits: list[Hit], found: Mismatch, index: LoadedIndex,
            sure_of: Callable[[Hit], bool]) -> list[Hit]:
    """`hits` with the first of the next few that tells of what the first one's mismatch (`found`) says it does not,
    from the same article and close enough below it (`MENDED_GAP`), put first; `hits` as they are if none does."""
    article = index.sentences[hits[0].row].article_id
    gap = MENDED_GAP_THING if found.kind in _THINGS else MENDED_GAP
    typed = question_type(question)  # a quantity, date or name asked: the mending sentence must have one to bold
    for hit in hits[1:MENDED_DEPTH]:
        if hit.score < hits[0].score - gap:
            break
        sentence = index.sentences[hit.row]
        if (sentence.article_id == article and tells_asked(question, found, sentence.text)
                and (typed is None or answer_spans(question, sentence.text)) and sure_of(hit)):
            return [hit] + [h for h in hits if h is not hit]
    return hits


def previous_question(previous: str) -> str | None:
    """The conversation's earlier question as it was read (`clean_question`); None if it could not be."""
    try:
        return clean_question(previous)
    except BadQuestion:
        return None


def follow_up(text: str, previous: str, searcher: Searcher, k: int) -> tuple[Answer, list[Hit]] | None:
    """`text`, a short question declined alone, answered as a follow-up of `previous` (the question before it in
    the conversation; retrieval/followup.py), with the hits the answer was chosen from; None when that reading
    finds no sentence, good enough and with a word of the follow-up itself, to answer it with."""
    before = previous_question(previous)
    if before is None:
        return None
    joined = followup.read_with(before, text)
    hits = searcher.search(joined, k + MORE_QUOTES)
    hits = [h for h in hits if followup.adds_to(text, searcher.index.sentences[h.row].text)]
    answer = answer_with(joined, hits, searcher, top_k=k)
    if not answer.answered:
        return None
    return replace(answer, question=text, follows=before), hits


# A short question answered alone from another article than its follow-up reading's is read as a follow-up when
# that article has every word of its own (`followup.written_in`), or when it says it follows ("còn ...?"):
# eval/followups/ against eval/switches/.
SWITCH_TO_CONVERSATION = True


def in_conversation(alone: Answer, text: str, previous: str | None, searcher: Searcher,
                    k: int) -> tuple[Answer, list[Hit]] | None:
    """The answer to `text` as a follow-up of `previous` and its hits (`follow_up`), when that reading should
    replace `alone`, the answer `text` gets alone: when alone it is declined; or when alone it is answered from
    another article than the follow-up reading, which has every word of `text`'s own ("so với cùng kỳ năm
    ngoái?" after a question on rice prices, answered alone from an article on forest fires) or which `text`
    says it follows ("còn ...?", "and ...?"). A question that says so, answered alone from another article than
    `previous` and not in the conversation, is declined with its own hits ("còn năm ngoái?" after a question on
    exam results, over articles where only one on rice says "năm ngoái"). None otherwise."""
    if not previous or not followup.is_short(text) or (alone.answered and not SWITCH_TO_CONVERSATION):
        return None
    read = follow_up(text, previous, searcher, k)
    says_so = followup.says_follow_up(text)
    if read is None:
        if says_so and alone.answered and _elsewhere(alone, previous, searcher):
            declined = replace(alone, answered=False, quotes=(), more=alone.quotes + alone.more, reason="other_article")
            return declined, searcher.search(text, k + MORE_QUOTES)
        return None
    if not alone.answered:
        return read
    theirs, mine = (_article(searcher, a) for a in (read[0], alone))
    if theirs == mine:
        return None
    return read if says_so or followup.written_in(text, searcher.index.article_text(theirs)) else None


def _article(searcher: Searcher, answer: Answer) -> str:
    index = searcher.index
    return index.article_of(index.row_of(answer.quotes[0].sentence_id)).article_id


def _elsewhere(alone: Answer, previous: str, searcher: Searcher) -> bool:
    """Whether `alone` quotes another article than the one `previous` is answered from."""
    before = previous_question(previous)
    said = searcher.search(before, 1) if before is not None else []
    return bool(said) and searcher.index.article_of(said[0].row).article_id != _article(searcher, alone)
