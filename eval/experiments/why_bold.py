"""How well why-questions' bold spans match their gold answers, over a `JSON=1 bash eval/all_sets.sh DIR` run (the
eval's "bold" column leaves why-questions out: it counts quantities, dates and names).

    python eval/experiments/why_bold.py DIR [--show]

For the why-questions whose rank-1 quote is right: how many have a bold that is part of a gold answer (or holds
one), how many a bold that is not, and how many no bold at all; XQuAD-vi apart from the team's own sets.
"""
from __future__ import annotations

import glob
import json
import os
import sys
from collections import Counter

sys.path.insert(0, os.getcwd())

from retrieval.evaluate import match_form  # noqa: E402
from retrieval.reasons import asks_why  # noqa: E402


def _golds(path: str) -> dict[str, dict]:
    out = {}
    for line in open(path, encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            item = json.loads(line)
            out[item["id"]] = item
    return out


def main(run_dir: str, show: bool) -> None:
    counts: Counter[tuple[str, str]] = Counter()
    wrong = []
    for f in sorted(glob.glob(os.path.join(run_dir, "*.json"))):
        name = os.path.basename(f)[:-5]
        report = json.load(open(f, encoding="utf-8"))
        gold = _golds(report["gold"])
        group = "xquad" if name == "xquad" else "own sets"
        for q in report["runs"]["hybrid"]["questions"]:
            item = gold[q["id"]]
            if q["rank"] != 1 or not asks_why(item["question"]):
                continue
            if not q["top_bold"]:
                counts[(group, "no bold")] += 1
                continue
            bold = match_form(q["top_bold"])
            right = any(bold in match_form(a) or match_form(a) in bold for a in item["answers"])
            counts[(group, "bold right" if right else "bold wrong")] += 1
            if not right:
                wrong.append((name, item["question"], q["top_bold"], item["answers"]))
    for group in ("own sets", "xquad"):
        print(group + ":", ", ".join(f"{k} {counts[(group, k)]}" for k in ("bold right", "bold wrong", "no bold")))
    if show:
        for row in wrong:
            print(*row, sep=" | ")


if __name__ == "__main__":
    main(sys.argv[1], "--show" in sys.argv[2:])
