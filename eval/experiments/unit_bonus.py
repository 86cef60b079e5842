"""A sentence whose figure carries what the question's wording asks for, ranked higher?

    python eval/experiments/unit_bonus.py [--sets seed,xquad,...]

"Bệnh dịch hạch xảy ra ở Venice mấy lần?" ranks "... đã giết chết 50.000 người ở Venice" above "Bệnh dịch xảy ra
ở Venice 22 lần ...": both offer a number, so the answer-type bonus does not tell them apart. The bold span
already reads what the wording asks for (`retrieval/spans.py`: a unit, "phần trăm" wants "%", "bao lâu" a
duration; the counted noun after "bao nhiêu" / "mấy" / "how many"; a date's precision, "năm nào" a year). Here
a re-scored sentence earns `w` when one of its spans of the asked-for type fits that wording (`_Plan.fit` of 10 or
more) and the span is not already in the question; the shipped top 30 are re-ranked for a grid of `w`
(`lab_eval.rerank_sets`). Questions whose wording asks for nothing particular are left as they are.

Shipped for Vietnamese questions at w = 0.05 (`retrieval.search.WORDING_BONUS`, `spans.fits_wording`); this
script turns it off and re-ranks every question, English ones too, to show why they were left out.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from background_declines import SETS  # noqa: E402
from lab_eval import rerank_sets  # noqa: E402

import retrieval.search as search  # noqa: E402
from retrieval.spans import fits_wording  # noqa: E402

GRID = (0.0, 0.01, 0.02, 0.03, 0.05, 0.08, 0.12)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default=",".join(SETS))
    args = ap.parse_args()
    search.WORDING_BONUS = 0.0  # the product as it was without it

    def bonus(question: str, hits: list, index) -> np.ndarray | None:
        got = [fits_wording(question, index.sentences[h.row].text) for h in hits]
        return None if got[0] is None else np.array(got, float)

    rerank_sets(bonus, GRID, args.sets.split(","), "asking a unit")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
