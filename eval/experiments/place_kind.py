"""A which-province / which-country question: a sentence naming a province or a country it does not, ranked higher?

    python eval/experiments/place_kind.py [--sets xquad,seed_gold,...] [--grid 0,0.02,0.03,0.05] [--kinds province]

"Huyện Cẩm Xuyên thuộc tỉnh nào?" is answered by "huyện Cẩm Xuyên (Hà Tĩnh)": news places a district by its
province in brackets, without "tỉnh". The answer type of a name question credits any capitalised name the question
does not hold, so "Trưởng ban Dân vận Tỉnh ủy Trương Thanh Huyền ..." (a person, and "Tỉnh" to match the question's
word) ranks first. For a question asking which province ("tỉnh nào", "which province") or which country ("quốc gia
nào", "nước nào", "which country"), a re-scored sentence gains `w` when it names one, not named in the question
(`retrieval.which.kind_span`: a province of `retrieval.places`, with or without "tỉnh" before it; a country of its
table). The top 30 of every such question, ranked as shipped but without the bonus, are re-ranked for each `w` of
the grid; rank 1 right per set and language, and the questions whose rank 1 changes at `--at`. Shipped at 0.05
(`retrieval.search.PLACE_BONUS`).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from english_glossary import SETS  # noqa: E402
from lab_eval import ROOT, gold_rows, setup  # noqa: E402

import retrieval.search as search  # noqa: E402
from retrieval.textnorm import fold  # noqa: E402
from retrieval.which import _COUNTRY_ASKED, asked_kinds, kind_span  # noqa: E402


def asks_place(question: str, kinds: set[str]) -> bool:
    return ("province" in kinds and "tinh" in asked_kinds(question)) or (
        "country" in kinds and bool(_COUNTRY_ASKED.search(fold(question).lower())))



def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default=",".join(s for s in SETS if s != "user_review"))
    ap.add_argument("--grid", default="0,0.02,0.03,0.05,0.08")
    ap.add_argument("--kinds", default="province,country")
    ap.add_argument("--at", type=float, default=0.05, help="show the questions whose rank 1 changes at this w")
    args = ap.parse_args()
    grid = [float(x) for x in args.grid.split(",")]
    search.PLACE_BONUS = 0.0  # the product without it: w = 0 is what it ranked before
    sums: dict[tuple[str, float], list[int]] = {}
    for name in args.sets.split(","):
        gold, corpus = SETS[name]
        _, _, service, items = setup(ROOT / gold, ROOT / corpus)
        index = service.index
        for it, rows in gold_rows(index, items):
            if not asks_place(it.question, set(args.kinds.split(","))):
                continue
            hits = service.searcher.search(it.question, 30)
            if not hits:
                continue
            texts = [index.sentences[h.row].text for h in hits]
            fit = np.array([kind_span(it.question, t) is not None for t in texts], float)
            score = np.array([h.score for h in hits])
            right = [h.row in rows for h in hits]
            for w in grid:
                top = int(np.argmax(score + w * fit))
                sums.setdefault((f"{name} {it.lang}", w), []).append(int(right[top]))
            before, after = int(np.argmax(score)), int(np.argmax(score + args.at * fit))
            if before != after:
                mark = "+" if right[after] else ("-" if right[before] else "~")
                print(f"{mark} {name} {it.id}: {it.question}\n    was: {texts[before][:100]}\n"
                      f"    now: {texts[after][:100]}")
    print(f"\n{'set':24s} {'n':>4s}  " + "  ".join(f"w={w:g}" for w in grid))
    for key in sorted({k for k, _ in sums}):
        n = len(sums[(key, grid[0])])
        print(f"{key:24s} {n:4d}  " + "  ".join(f"{sum(sums[(key, w)]):5d}" for w in grid))
    totals = [sum(sum(v) for (k, w2), v in sums.items() if w2 == w) for w in grid]
    print(f"{'all':24s} {sum(len(v) for (k, w2), v in sums.items() if w2 == grid[0]):4d}  "
          + "  ".join(f"{t:5d}" for t in totals))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
