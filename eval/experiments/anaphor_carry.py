"""MaxSim carry by sentence opening: a sentence that begins like a continuation ("Ông...", "Họ...", "Do đó,",
"... này") inherits more of the previous sentence's matches than one that does not.

    python eval/experiments/anaphor_carry.py

The shipped carry is 0.8 for every sentence (retrieval/maxsim.py: CARRY). Rows: (carry for continuations, carry
for the rest). The opening test is a word list on folded text, so it marks about 17% of XQuAD-vi's sentences.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lab_eval import gold_rows, hit_line, ranks, setup  # noqa: E402

import retrieval.search as search  # noqa: E402
from retrieval.maxsim import maxsim  # noqa: E402
from retrieval.textnorm import fold  # noqa: E402

PRONOUN = r"(?:ong|ba|anh|chi|co|ho|no|chung|day|do|dieu nay|dieu do|viec nay|viec do)"
CONNECTIVE = (r"(?:sau do|do do|tuy nhien|ngoai ra|dong thoi|ben canh do|vi vay|vi the|trong khi do|theo cach nay|"
              r"cung|nhung|tuy vay|hon nua|khi do|luc do|tu do)")
OPENING = re.compile(rf"^(?:{CONNECTIVE}\b,?\s*)?(?:{PRONOUN}\b|(?:\S+\s+){{0,4}}?(?:nay|do|ay)\b)")


def main() -> int:
    _, enc, service, items = setup()
    index = service.index
    cont = np.array([bool(OPENING.search(fold(s.text).lower())) for s in index.sentences])
    print(f"continuations: {cont.mean():.1%} of {len(cont)} sentences")
    data = gold_rows(index, items)
    for hi, lo in ((0.8, 0.8), (1.0, 0.8), (0.9, 0.8), (1.0, 0.7), (0.9, 0.7), (1.0, 0.6)):
        def by_opening(q, tokens, rows, prev, carry=0.8, hi=hi, lo=lo):
            # The max over (own, carry x previous) is monotone in carry: score both carries, pick per row.
            rows = np.asarray(rows, dtype=np.int64)
            return np.where(cont[rows], maxsim(q, tokens, rows, prev, hi), maxsim(q, tokens, rows, prev, lo))
        search.maxsim = by_opening
        searcher = search.Searcher(index, enc)
        for lang in ("en", "vi"):
            print(hit_line(f"carry {hi} continuation / {lo} other, {lang}",
                           ranks(searcher, [d for d in data if d[0].lang == lang])), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
