"""Swap in a neighbour that holds the asked-for type? For typed questions whose top quote does not.

    python eval/experiments/neighbour_type.py

A common miss is the answer one sentence before or after the top quote. For a question with an answer type (a
number for "bao nhiêu", a year for "khi nào", a name for "ai") whose top quote offers none, this takes instead
the sentence next to it (same article) that does, if its shipped score is within `delta` of the top. `delta`
is picked by 2-fold cross-validation over XQuAD articles (`topic_folds`).
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lab_eval import gold_rows, setup, topic_folds  # noqa: E402

from retrieval.asks import question_type  # noqa: E402
from retrieval.search import Searcher  # noqa: E402
from retrieval.textnorm import fold, normalize  # noqa: E402

DELTAS = (0.0, 0.02, 0.04, 0.06, 0.08, 0.1, 0.15)


def main() -> int:
    _, enc, service, items = setup()
    index = service.index
    searcher = Searcher(index, enc)
    folds = topic_folds(index)
    article = [s.article_id for s in index.sentences]
    runs = []
    for it, rows in gold_rows(index, items):
        q = normalize(it.question)
        hits = searcher.search(it.question, 30)
        kind = question_type(q)
        offers = {h.row: searcher._evidence(h.row).offers(kind, fold(q)) for h in hits} if kind else None
        runs.append((it.lang, folds[rows[0]], hits, offers, set(rows)))

    def pick(hits, offers, delta: float) -> int:
        top = hits[0]
        if offers is None or offers[top.row]:
            return top.row
        near = [h for h in hits[1:] if abs(h.row - top.row) == 1 and article[h.row] == article[top.row]
                and offers[h.row] and top.score - h.score <= delta]
        return near[0].row if near else top.row

    def hit1(delta: float, lang: str, fold_: int | None = None) -> float:
        return float(np.mean([pick(h, o, delta) in gold for lg, f, h, o, gold in runs
                              if lg == lang and fold_ in (None, f)]))

    for lang in ("en", "vi"):
        print(f"{lang} Hit@1 by delta: " + "  ".join(f"{d:.2f}: {hit1(d, lang):.3f}" for d in DELTAS))
        for f in (0, 1):
            best = max(DELTAS, key=lambda d: hit1(d, lang, 1 - f))
            print(f"{lang} fold {f}: delta {best:.2f} chosen on the other fold gives {hit1(best, lang, f):.3f} "
                  f"(shipped {hit1(0.0, lang, f):.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
