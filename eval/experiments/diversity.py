"""Diversifying the ranked list: at most `cap` sentences per paragraph (or per XQuAD article) in the order,
the skipped ones after, so rank 1 never changes and a one-article corpus keeps its order.

    python eval/experiments/diversity.py

Does spreading the top 5 over more paragraphs catch answers whose paragraph the first hits missed?
"""
from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lab_eval import gold_rows, setup  # noqa: E402

from retrieval.search import Searcher  # noqa: E402


def diversify(order: Sequence[int], cap: int, group: Sequence[str]) -> list[int]:
    out, skipped, count = [], [], {}
    for r in order:
        if count.get(group[r], 0) < cap:
            out.append(r)
            count[group[r]] = count.get(group[r], 0) + 1
        else:
            skipped.append(r)
    return out + skipped


def main() -> int:
    _, enc, service, items = setup()
    index = service.index
    searcher = Searcher(index, enc)
    paragraph = [s.article_id for s in index.sentences]  # the converter makes one article per paragraph
    article = [index.articles[a].title.rsplit(" p", 1)[0] for a in paragraph]
    ranked = [(it.lang, [h.row for h in searcher.search(it.question, 30)], rows)
              for it, rows in gold_rows(index, items)]
    for name, cap, group in (("none", 10**6, paragraph), ("2 per paragraph", 2, paragraph),
                             ("3 per paragraph", 3, paragraph), ("3 per article", 3, article),
                             ("4 per article", 4, article)):
        for lang in ("en", "vi"):
            mine = [(diversify(order, cap, group), rows) for lg, order, rows in ranked if lg == lang]
            hit = {k: sum(any(r in rows for r in o[:k]) for o, rows in mine) / len(mine) for k in (1, 3, 5)}
            print(f"{name:16s} {lang}: Hit@1 {hit[1]:.3f}  Hit@3 {hit[3]:.3f}  Hit@5 {hit[5]:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
