"""A quantity question answered with a figure of another measure, as a decline signal (shipped:
`retrieval/measures.py`, used by `retrieval.answer.make_answer`; this script measures it against the product
without it).

    python eval/experiments/unit_conflict.py     # a few minutes once the eval indexes are cached

The seed's "Dân số huyện Cẩm Xuyên là bao nhiêu người?" (unanswerable) is answered with a sentence whose only
figure is "6 tháng": a count of people asked, a duration offered. Unlike `typed_decline.py --strict`, which
wants the question's unit or counted noun next to a figure (and lost 33 of 70 right quantity answers that word
it otherwise), this gate fires only on a contradiction: the question's wording says what the answer measures
(a count of something for "bao nhiêu người" / "how many people"; a share for "tỷ lệ" / "what percentage"; a
duration for "bao lâu"; money, a distance, an age...), and every figure the quote offers (`spans.QUANTITY`, not
already in the question) carries a unit of another measure ("6 tháng", "120,3 tỷ đồng", "12,6%"). A bare
number, or a number before a noun that is no unit, contradicts nothing.

Counted over every set of `background_declines.py` and news_synth2, both languages, on what the product answers
(`retrieval.answer.answer_with`): right answers at rank 1 ("answerable") and the sets' own unanswerable
questions ("unans"), and on XQuAD-vi each question asked without its own paragraph ("on topic"). Lines starting
with "[" show every answer the gate would decline outside the answerable ones of XQuAD-vi and the two news_synth
sets (`--all` shows those too).
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from background_declines import SETS as BACKGROUND_SETS  # noqa: E402
from lab_eval import ROOT, decline_cases, setup  # noqa: E402

import retrieval.answer  # noqa: E402
import retrieval.search as search  # noqa: E402
from retrieval.answer import answer_lang, answer_with  # noqa: E402
from retrieval.asks import question_type  # noqa: E402
from retrieval.evaluate import is_correct  # noqa: E402
from retrieval.measures import contradicts, offered_measures  # noqa: E402

SETS = {**BACKGROUND_SETS, "news_synth2": [("eval/news_synth2/gold.jsonl", "eval/news_synth2/corpus")]}
QUIET = ("xquad", "news_synth", "news_synth2")  # their right answers lost are printed only with --all


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--all", action="store_true", help="also print news_synth's and XQuAD-vi's right answers lost")
    args = ap.parse_args()
    counts: Counter[tuple] = Counter()
    search.CANDIDATES = 200
    retrieval.answer.contradicts = lambda question, sentence: False  # the product as it was without the gate
    names = args.sets.split(",")
    for name in names:
        for gold, corpus in SETS[name]:
            _, enc, service, items = setup(ROOT / gold, ROOT / corpus)
            index = service.index
            searcher = service.searcher
            for it in items:
                if question_type(it.question) != "quantity":
                    continue
                lang = answer_lang(it.question)
                hits = searcher.search(it.question, 200)
                cases = decline_cases(index, it, hits, on_topic=name == "xquad")
                for case, hs in cases:
                    answer = answer_with(it.question, hs, searcher, top_k=3)
                    if not answer.answered:
                        continue
                    text = answer.quotes[0].text
                    if case == "answerable" and not is_correct(text, it):
                        continue
                    gate = contradicts(it.question, text)
                    counts[name, lang, case, gate] += 1
                    quiet = case == "on topic" or (case == "answerable" and name in QUIET)
                    if gate and (args.all or not quiet):
                        print(f"  [{name} {lang} {case}] {it.question} | {offered_measures(it.question, text)} "
                              f"| {text[:100]}")
    print("quantity questions the product answers; of them, declined by the gate:")
    for name in names:
        for lang in ("vi", "en"):
            for case in ("answerable", "on topic", "unans"):
                n = counts[name, lang, case, True] + counts[name, lang, case, False]
                if n:
                    print(f"{name:14s} {lang} {case:10s} answered {n:4d}, "
                          f"contradicted {counts[name, lang, case, True]:3d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
