"""A sentence about another period than the question's, ranked lower?

    python eval/experiments/period_penalty.py [--sets seed,xquad,...]

The seed's "tinh hinh quoc phong an ninh 6 thang dau nam the nao" ranks a sentence about "6 tháng cuối năm"
above the one about the first half that answers it. Here a sentence "names another period" when the question
names a period of some kind (a year, a half-year, a quarter, a month) and the sentence names periods of that kind
but none of the question's ("năm 2022" against "năm 2023"; a sentence naming both years does not conflict, so
"so với cùng kỳ năm 2022" beside 2023 is no conflict). The shipped `Searcher`'s top 30 are re-ranked by
`score - pen * conflict` for a grid of `pen` (`lab_eval.rerank_sets`); on XQuAD-vi `pen` is also chosen by
2-fold cross-validation over articles (`topic_folds`). Periods are read on the accent-free lower-case text, so
unaccented questions count.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from background_declines import SETS  # noqa: E402
from lab_eval import rerank_sets  # noqa: E402

from retrieval.textnorm import fold  # noqa: E402

GRID = (0.0, 0.01, 0.02, 0.03, 0.05, 0.08, 1.0)
MONTHS_EN = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december")
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_YEAR = re.compile(r"(?<![\d/.,])((?:19|20)\d\d)(?:\s*[-–]\s*((?:19|20)\d\d))?(?![\d/.,]\d)")
_HALF = re.compile(r"\b(?:6|sau) thang (dau|cuoi) nam\b|\b(first|second|last) (?:half|six months)\b")
_QUARTER = re.compile(r"\bquy (i{1,3}|iv|[1-4])\b|\b(first|second|third|fourth) quarter\b|\bq([1-4])\b")
_MONTH = re.compile(r"\bthang (1[0-2]|0?[1-9])\b"
                    r"|(?:\b(?:in|of|since|until|by|early|late|mid) |-)(" + "|".join(MONTHS_EN) + r")\b"
                    r"|\b(" + "|".join(MONTHS_EN) + r") (?=\d)")
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 2, "dau": 1, "cuoi": 2}


def periods(text: str) -> set[tuple[str, int]]:
    """(kind, value) of every year, half-year, quarter and month `text` names."""
    t = fold(text).lower()
    out: set[tuple[str, int]] = set()
    for m in _YEAR.finditer(t):
        first, last = int(m.group(1)), int(m.group(2) or m.group(1))
        out |= {("year", y) for y in range(first, last + 1)} if 0 <= last - first <= 10 else {("year", first)}
    for m in _HALF.finditer(t):
        out.add(("half", _ORDINAL[m.group(1) or m.group(2)]))
    for m in _QUARTER.finditer(t):
        roman_or_digit, word, q = m.groups()
        out.add(("quarter", (ROMAN.get(roman_or_digit) or int(roman_or_digit)) if roman_or_digit
                 else _ORDINAL[word] if word else int(q)))
    for m in _MONTH.finditer(t):
        digits, name = m.group(1), m.group(2) or m.group(3)
        out.add(("month", int(digits) if digits else MONTHS_EN.index(name) + 1))
    return out


def conflict(question: set, sentence: set) -> bool:
    kinds = {k for k, _ in question}
    return any({p for p in sentence if p[0] == k} and not ({p for p in sentence if p[0] == k} & question)
               for k in kinds)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default=",".join(SETS))
    args = ap.parse_args()
    cache: dict[tuple[str, int], set] = {}

    def penalty(question: str, hits: list, index) -> np.ndarray | None:
        asked = periods(question)
        if not asked:
            return None
        got = [cache.setdefault((str(index.path), h.row), periods(index.sentences[h.row].text)) for h in hits]
        return -np.array([conflict(asked, g) for g in got], float)

    rerank_sets(penalty, GRID, args.sets.split(","), "naming a period")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
