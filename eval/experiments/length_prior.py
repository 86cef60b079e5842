"""Does the shipped ranking favour long (or short) sentences? A length prior on the shipped hybrid scores.

    python eval/experiments/length_prior.py

Re-ranks the shipped `Searcher`'s top 30 by `score - lam * ln(words)` for a small grid of `lam` (negative: favour
long sentences), per language, and picks `lam` by 2-fold cross-validation over XQuAD articles (`topic_folds`).
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lab_eval import gold_rows, setup, topic_folds  # noqa: E402

from retrieval.search import Searcher  # noqa: E402

GRID = (-0.02, -0.01, 0.0, 0.005, 0.01, 0.02, 0.03)


def main() -> int:
    _, enc, service, items = setup()
    index = service.index
    searcher = Searcher(index, enc)
    folds = topic_folds(index)
    words = np.array([len(s.text.split()) for s in index.sentences], float)
    runs = []
    for it, rows in gold_rows(index, items):
        hits = searcher.search(it.question, 30)
        runs.append((it.lang, folds[rows[0]], np.array([h.row for h in hits]), np.array([h.score for h in hits]),
                     set(rows)))

    def hit1(lam: float, lang: str, fold: int | None = None) -> float:
        return float(np.mean([r[np.argmax(s - lam * np.log(words[r]))] in gold for lg, f, r, s, gold in runs
                              if lg == lang and fold in (None, f)]))

    for lang in ("en", "vi"):
        print(f"{lang} Hit@1 by lam: " + "  ".join(f"{lam:+.3f}: {hit1(lam, lang):.3f}" for lam in GRID))
        cv = [(lam := max(GRID, key=lambda x: hit1(x, lang, 1 - f)), hit1(lam, lang, f), hit1(0.0, lang, f))
              for f in (0, 1)]
        print(f"{lang} 2-fold CV: " + "; ".join(f"fold {f}: lam {lam:+.3f} gives {h:.3f} (shipped {b:.3f})"
                                                for f, (lam, h, b) in enumerate(cv)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
