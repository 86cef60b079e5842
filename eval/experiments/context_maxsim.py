"""Token-level MaxSim over a window of sentences as context for each candidate sentence.

    python eval/experiments/context_maxsim.py

Each re-scored candidate gets, on top of its own MaxSim (with the shipped carry from the previous sentence),
w x the MaxSim of the question against all token vectors of the sentences within `radius` of it in the same
article (radius 100 = the whole XQuAD paragraph): a region that holds all of the question's concepts should
lift its sentences, most of all for English questions whose right paragraph is not found.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lab_eval import gold_rows, hit_line, ranks, setup  # noqa: E402

import retrieval.search as search  # noqa: E402
from retrieval.maxsim import maxsim as shipped_maxsim  # noqa: E402


def main() -> int:
    _, enc, service, items = setup()
    index = service.index
    spans = index.article_rows
    article = [s.article_id for s in index.sentences]

    def window_maxsim(q: np.ndarray, tokens, rows: np.ndarray, radius: int) -> np.ndarray:
        out = np.zeros(len(rows), np.float32)
        for j, r in enumerate(rows):
            first, end = spans[article[r]]
            vecs, _ = tokens.gather(np.arange(max(first, r - radius), min(end, r + radius + 1)))
            out[j] = (q @ vecs.T).max(axis=1).mean()
        return out

    data = gold_rows(index, items)
    for radius, weight in [(0, 0.0), (1, 0.5), (2, 0.5), (2, 1.0), (100, 0.5)]:
        def patched(q, tokens, rows, prev, radius=radius, weight=weight):
            own = shipped_maxsim(q, tokens, rows, prev)
            return own + weight * window_maxsim(q, tokens, rows, radius) if weight else own

        search.maxsim = patched
        rs = ranks(search.Searcher(index, enc), data)
        label = "shipped" if not weight else f"+ {weight} x window MaxSim, radius {radius}"
        for lang in ("en", "vi"):
            print(hit_line(f"{label}, {lang}", [r for (it, _), r in zip(data, rs) if it.lang == lang]), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
