"""Would a larger paragraph term bring English answers from other paragraphs into the first five?

    python eval/experiments/paragraph_weight.py [--sets xquad,wiki_synth2] [--grid -0.5,0,0.5,1,2,4]

The shipped top 30 are re-ranked by `score + w * paragraph` (`Hit.paragraph`: the paragraph terms the shipped
score already holds, so w = 0 is the product and w = 1 doubles them); Hit@1 / Hit@5 per language and weight.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from background_declines import SETS  # noqa: E402
from lab_eval import ROOT, gold_rows, setup  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="xquad,wiki_synth2")
    ap.add_argument("--grid", default="-0.5,0,0.5,1,2,4")
    args = ap.parse_args()
    grid = [float(x) for x in args.grid.split(",")]
    for name in args.sets.split(","):
        runs = []
        for gold, corpus in SETS[name]:
            _, _, service, items = setup(ROOT / gold, ROOT / corpus)
            for it, rows in gold_rows(service.index, items):
                hits = service.searcher.search(it.question, 30)
                runs.append((it.lang, set(rows), np.array([h.row for h in hits], int),
                             np.array([h.score for h in hits]), np.array([h.paragraph for h in hits])))
        for lang in sorted({r[0] for r in runs}):
            mine = [r for r in runs if r[0] == lang and len(r[2])]
            cells = []
            for w in grid:
                firsts = [rows[np.argsort(-(s + w * p), kind="stable")][:5] for _, _, rows, s, p in mine]
                h1 = np.mean([f[0] in g for f, (_, g, *_) in zip(firsts, mine)])
                h5 = np.mean([any(x in g for x in f) for f, (_, g, *_) in zip(firsts, mine)])
                cells.append(f"{w:g}: {h1:.3f}/{h5:.3f}")
            print(f"{name:14s} {lang:12s} n={len(mine):4d}  Hit@1/Hit@5 by weight  " + "  ".join(cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
