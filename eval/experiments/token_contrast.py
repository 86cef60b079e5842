"""MaxSim with question tokens weighted by how much they tell the candidates apart.

    python eval/experiments/token_contrast.py

Shipped MaxSim is the plain mean, over question tokens, of each token's best match in a sentence. A token that
matches every candidate about equally (the subject of the whole paragraph, "Panthers") says nothing about
which sentence answers; one that matches a single sentence says a lot. Here, among the re-scored candidates of
one question, each token is weighted by the spread of its best matches (max - mean over candidates, to the
power `p`), and a sentence's MaxSim is the weighted mean. Weights come from the question's own candidates, not
from the corpus (corpus IDF was tried before and did not help). `p` = 0 is the shipped MaxSim.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lab_eval import gold_rows, hit_line, item_folds, ranks, setup  # noqa: E402

import retrieval.search as search  # noqa: E402
from retrieval.maxsim import CARRY, token_matches  # noqa: E402
from retrieval.search import Searcher  # noqa: E402


def contrast_maxsim(power: float):
    def score(query_tokens, tokens, rows, prev, carry: float = CARRY):
        if len(rows) == 0 or len(query_tokens) == 0:
            return np.zeros(len(rows), dtype=np.float32)
        own = token_matches(query_tokens, tokens, rows, prev, carry)
        if power == 0:
            return own.mean(axis=0).astype(np.float32)
        spread = np.maximum(own.max(axis=1) - own.mean(axis=1), 1e-6) ** power
        return (spread / spread.sum() @ own).astype(np.float32)
    return score


def main() -> int:
    _, enc, service, items = setup()
    index = service.index
    data = gold_rows(index, items)
    fold_of = item_folds(index, data)
    for p in (0.0, 0.25, 0.5, 1.0):
        search.maxsim = contrast_maxsim(p)
        s = Searcher(index, enc)
        for lang in ("en", "vi"):
            sub = [(d, f) for d, f in zip(data, fold_of) if d[0].lang == lang]
            rs = ranks(s, [d for d, _ in sub])
            halves = [np.mean([r == 0 for r, (_, f) in zip(rs, sub) if f == k]) for k in (0, 1)]
            print(hit_line(f"p {p} [{lang}]", rs) + f"  halves {halves[0]:.3f} / {halves[1]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
