"""What the quotes after the first are worth: `FOLLOW_GAP` (retrieval/answer.py) shows every quote scoring
within the gap of the best.

    python eval/experiments/follow_quotes.py

Per gap and question language, over the answered XQuAD-vi questions: quotes shown per answer, how often the
first quote is right, how often only a later one is ("rescued"), and the share of later quotes that are right.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lab_eval import gold_rows, setup  # noqa: E402

import retrieval.answer as answer  # noqa: E402
from retrieval.evaluate import is_correct  # noqa: E402
from retrieval.search import Searcher  # noqa: E402


def main() -> int:
    _, enc, service, items = setup()
    index = service.index
    searcher = Searcher(index, enc)
    runs = [(it, searcher.search(it.question, 15)) for it, _ in gold_rows(index, items)]
    for gap in (0.0, 0.02, 0.04, 0.06):
        answer.FOLLOW_GAP = gap
        for lang in ("en", "vi"):
            n = shown = first_right = rescued = later = later_right = 0
            for it, hits in runs:
                if it.lang != lang:
                    continue
                a = answer.make_answer(it.question, hits, index, top_k=5)
                if not a.answered:
                    continue
                right = [is_correct(q.text, it) for q in a.quotes]
                n, shown = n + 1, shown + len(right)
                first_right += right[0]
                rescued += (not right[0]) and any(right[1:])
                later, later_right = later + len(right) - 1, later_right + sum(right[1:])
            print(f"gap {gap:.2f} {lang}: {n} answered, {shown / n:.2f} quotes each, "
                  f"first right {first_right / n:.3f}, rescued by a later quote {rescued / n:.3f}, "
                  f"later quotes right {later_right / max(later, 1):.3f} of {later}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
