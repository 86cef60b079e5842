"""Do the question's matched words sit together in the sentence, as a phrase, rather than scattered?

    python eval/experiments/token_proximity.py [--sets seed,xquad,...] [--tau 0.85] [--gap 2] [--langs vi,en]

MaxSim scores each question token by its best match in the sentence, wherever that match is: "Trát Mộc Hợp ủng hộ
ai" matches a sentence naming Trát Mộc Hợp at its start and "ủng hộ" at its end as well as one that says "Trát Mộc
Hợp ủng hộ tầng lớp...". Here a sentence earns, over the question's consecutive token pairs, the share whose
best matches (both at cosine >= `tau`) stand within `gap` tokens of each other in the sentence, in the question's
order for Vietnamese questions and in either order for English ones (English puts adjectives before nouns,
Vietnamese after). The shipped top 30 are re-ranked for a grid of weights (`lab_eval.rerank_sets`).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from background_declines import SETS  # noqa: E402
from lab_eval import rerank_sets  # noqa: E402

from retrieval.language import detect_language  # noqa: E402
from retrieval.search import Searcher  # noqa: E402

GRID = (0.0, 0.01, 0.02, 0.03, 0.05, 0.08, 0.12)
_last: dict = {}


def _remember_query(rank):
    def wrapped(self, query, k, *args, **kwargs):
        _last["query"], _last["searcher"] = query, self
        return rank(self, query, k, *args, **kwargs)
    return wrapped


def proximity(qtok: np.ndarray, vecs: np.ndarray, tau: float, gap: int, ordered: bool) -> float:
    """Share of consecutive question-token pairs whose best sentence matches are strong and close."""
    if len(qtok) < 2 or len(vecs) == 0:
        return 0.0
    sims = qtok @ vecs.T
    pos, best = sims.argmax(axis=1), sims.max(axis=1)
    strong = best >= tau
    d = np.diff(pos)
    near = (d >= 1) & (d <= gap) if ordered else (np.abs(d) >= 1) & (np.abs(d) <= gap)
    return float(np.mean(strong[:-1] & strong[1:] & near))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--tau", type=float, default=0.85)
    ap.add_argument("--gap", type=int, default=2)
    ap.add_argument("--langs", default="vi,en")
    args = ap.parse_args()
    langs = set(args.langs.split(","))
    Searcher._rank = _remember_query(Searcher._rank)

    def signal(question: str, hits: list, index) -> np.ndarray | None:
        query, searcher = _last["query"], _last["searcher"]
        lang = detect_language(question)
        if query.qtok is None or searcher.tokens is None or lang not in langs:
            return None
        rows = np.array([h.row for h in hits], np.int64)
        vecs, lengths = searcher.tokens.gather(rows)
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        return np.array([proximity(query.qtok, vecs[s:s + n], args.tau, args.gap, lang == "vi")
                         for s, n in zip(starts, lengths)])

    rerank_sets(signal, GRID, args.sets.split(","), f"tau {args.tau} gap {args.gap}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
