"""Where the shipped hybrid goes when the answer is not in its top k: same paragraph, same XQuAD article, or
another article.

    python eval/experiments/misses.py            # counts per language, k = 5
    python eval/experiments/misses.py --show 10  # and the first 10 English questions sent to another article

Right paragraph, wrong sentences: a ranking problem inside the paragraph (split by where the answer is from
the top quote: the next sentence, the previous one, further). Another article: the question did not
say enough to find its subject (XQuAD questions were written with their article in view, "Who sang the national
anthem?") or the model did not match it across languages.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lab_eval import gold_rows, setup  # noqa: E402

from retrieval.search import Searcher  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--show", type=int, default=0, help="print this many English questions sent elsewhere")
    args = ap.parse_args()
    _, enc, service, items = setup()
    index = service.index
    searcher = Searcher(index, enc)

    def where(row: int) -> tuple[str, str]:
        title = index.articles[index.sentences[row].article_id].title
        return title, title.rsplit(" p", 1)[0]

    counts: Counter[tuple[str, str]] = Counter()
    shown = 0
    for it, rows in gold_rows(index, items):
        hits = searcher.search(it.question, args.k)
        if any(h.row in rows for h in hits):
            continue
        (top_par, top_art), (gold_par, gold_art) = where(hits[0].row), where(rows[0])
        place = "same paragraph" if top_par == gold_par else "same article" if top_art == gold_art else "other article"
        counts[(it.lang, place)] += 1
        if place == "same paragraph":
            step = min((r - hits[0].row for r in rows), key=abs)
            counts[(it.lang, {1: "answer in the next sentence", -1: "in the previous one"}.get(step, "further"))] += 1
        if place == "other article" and it.lang == "en" and shown < args.show:
            shown += 1
            print(f"{it.question}\n    went to [{top_par}], answer in [{gold_par}]")
    for lang in sorted({lang for lang, _ in counts}):
        places = ("same paragraph", "same article", "other article")
        total = sum(counts[(lang, p)] for p in places)
        parts = ", ".join(f"{p} {counts[(lang, p)]}" for p in places)
        near = ", ".join(f"{p} {counts[(lang, p)]}" for p in ("answer in the next sentence", "in the previous one",
                                                              "further"))
        print(f"{lang}: {total} questions without a correct quote in the top {args.k}: {parts} ({near})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
