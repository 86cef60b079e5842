"""Does the top quote offer what a typed question asks for? A decline signal for on-topic unanswerable questions.

    python eval/experiments/typed_decline.py [--strict]

A question typed by `retrieval/asks.question_type` ("bao nhiêu" -> a quantity, "khi nào" -> a date, "ai" -> a
name) whose answer is missing from the corpus often gets a quote on its subject that holds nothing of that
type: the seed's "Dân số huyện Cẩm Xuyên là bao nhiêu người?" is answered with a sentence praising the
district's results, which holds no count. Same three cases as `coverage_decline.py`: each XQuAD-vi question
asked as is ("answerable"), without its own paragraph ("on topic") and without its whole article ("off
topic"). Counted per language over typed questions: how many the shipped rule answers, and how many of those
a gate "decline when the top quote offers no item of the asked type" would decline, split into right answers
lost and unanswerable declined. `--strict`: a quantity question whose wording names a unit or a counted noun
("tỷ lệ", "bao nhiêu người") also wants an item with that unit (`span_plan.Plan.fit`, as the bold span does).
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lab_eval import gold_rows, setup  # noqa: E402

import retrieval.search as search  # noqa: E402
from retrieval.answer import FUSED_MIN_SCORE, confident, min_score_for  # noqa: E402
from retrieval.asks import question_type  # noqa: E402
from retrieval.evaluate import is_correct  # noqa: E402
from retrieval.span_plan import plan_for as _plan  # noqa: E402
from retrieval.span_shapes import TypeEvidence  # noqa: E402
from retrieval.textnorm import fold  # noqa: E402


def fits(question: str, sentence: str) -> bool:
    """True unless the question names a unit or a counted noun ("bao nhiêu người", "tỷ lệ") and no item of its
    type in the sentence has it (`span_plan.Plan.fit`)."""
    plan = _plan(question)
    wanted = 10.0 * (len(plan.units) + (plan.counted is not None)) if plan else 0.0
    if not wanted:
        return True
    return any(plan.fit(m.group(), sentence[m.end():]) >= wanted for m in plan.pattern.finditer(sentence))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--strict", action="store_true", help="quantity questions also want their unit or counted noun")
    args = ap.parse_args()
    _, enc, service, items = setup()
    index = service.index
    search.CANDIDATES = 200
    searcher = search.Searcher(index, enc)
    art = [s.article_id for s in index.sentences]
    topic = [index.articles[a].title.rsplit(" p", 1)[0] for a in art]
    counts: Counter[tuple] = Counter()
    for it, gold in gold_rows(index, items):
        kind = question_type(it.question)
        if kind is None:
            continue
        hits = searcher.search(it.question, 200)
        own_art, own_topic = art[gold[0]], topic[gold[0]]
        cases = (("answerable", hits), ("on topic", [h for h in hits if art[h.row] != own_art]),
                 ("off topic", [h for h in hits if topic[h.row] != own_topic]))
        for case, hs in cases:
            top = hs[0]
            if not confident(top, min_score_for(index.model, it.lang), FUSED_MIN_SCORE.get((index.model, it.lang))):
                continue
            text = index.sentences[top.row].text
            right = case == "answerable" and is_correct(text, it)
            offers = TypeEvidence.of(text).offers(kind, fold(it.question))
            if args.strict:
                offers = offers and fits(it.question, text)
            counts[it.lang, kind, case, right, offers] += 1
    for lang in ("en", "vi"):
        for kind in ("quantity", "date", "name", "all"):
            label = "type" if kind == "all" else kind
            def n(case, right=None, offers=None):
                return sum(v for (lg, kd, cs, rt, of), v in counts.items()
                           if lg == lang and kind in (kd, "all") and cs == case
                           and (right is None or rt == right) and (offers is None or of == offers))
            print(f"{lang} {kind:8s} answered right {n('answerable', True):3d}, of them no {label} offered "
                  f"{n('answerable', True, False):3d} | answered on topic {n('on topic'):3d}, no type "
                  f"{n('on topic', offers=False):3d} | off topic {n('off topic'):3d}, no type "
                  f"{n('off topic', offers=False):3d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
