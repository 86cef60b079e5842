"""How a context vector's cosine combines with the sentence's own: refinements of the shipped max.

    python eval/experiments/context_rules.py

A context vector holds the sentence before, so when that sentence alone answers, the one after it can outscore
it through its context (the commonest right-paragraph miss: the answer one sentence before the top quote,
misses.py). Rules, with c = context cosine, d = own cosine, p = the previous sentence's own cosine:
"max" (shipped) max(d, c); "beats previous" c counts only if c > p; "capped" max(d, min(c, max(p, d))), context
lifts a sentence to tie the one it continues, never past it; "half excess" max(d, c - 0.5 max(0, p - d)).
Then 2-fold cross-validation by XQuAD article: the rule best on one half, measured on the other.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lab_eval import gold_rows, hit_line, item_folds, ranks, setup  # noqa: E402

import retrieval.search as search  # noqa: E402


def rule(name: str):
    def combine(self, cand: np.ndarray, dense: np.ndarray, qvec: np.ndarray) -> np.ndarray:
        c = np.asarray(self.index.context[cand]) @ qvec[0]
        prev = self._previous[cand]
        p = np.where(prev >= 0, np.asarray(self.index.vectors[np.maximum(prev, 0)]) @ qvec[0], -1.0)
        if name == "none":
            out = dense
        elif name == "max":
            out = np.maximum(dense, c)
        elif name == "beats previous":
            out = np.where(c > p, np.maximum(dense, c), dense)
        elif name == "capped":
            out = np.maximum(dense, np.minimum(c, np.maximum(p, dense)))
        else:
            out = np.maximum(dense, c - 0.5 * np.maximum(0.0, p - dense))
        return np.asarray(out, dtype=np.float32)
    return combine


def main() -> int:
    _, enc, service, items = setup()
    index = service.index
    data = gold_rows(index, items)
    fold_of = item_folds(index, data)
    names = ("none", "max", "beats previous", "capped", "half excess")
    right: dict[str, np.ndarray] = {}
    for name in names:
        search.Searcher._with_context = rule(name)
        rs = ranks(search.Searcher(index, enc), data)
        right[name] = np.array([r == 0 for r in rs])
        for lang in ("en", "vi"):
            mine = [r for r, (it, _) in zip(rs, data) if it.lang == lang]
            won = sum(1 for a, b in zip(right["none"], right[name]) if b and not a)
            print(hit_line(f"{name} {lang}", mine), f"(both languages: won {won}, "
                  f"lost {sum(1 for a, b in zip(right['none'], right[name]) if a and not b)})" if lang == "vi" else "")
    for train in (0, 1):
        best = max(names, key=lambda n: right[n][fold_of == train].mean())
        held = {n: right[n][fold_of != train].mean() for n in names}
        print(f"chosen on fold {train}: {best}; on the other fold it scores {held[best]:.3f} (Hit@1, both "
              f"languages); there: " + ", ".join(f"{n} {v:.3f}" for n, v in held.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
