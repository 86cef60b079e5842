"""Compare two `JSON=1 bash eval/all_sets.sh DIR` runs question by question (hybrid mode).

    JSON=1 bash eval/all_sets.sh /tmp/before     (at the old commit)
    JSON=1 bash eval/all_sets.sh /tmp/after
    python eval/compare_questions.py /tmp/before /tmp/after [--quiet]

Prints each question whose rank, answer (given or declined) or bolded span changed, then counts: right answers at
rank 1 gained and lost, wrong answers given (rank 1 not right), unanswerable questions answered, and bolds of right
rank-1 quotes that became right or wrong against the gold answers (`retrieval.evaluate.bold_is_right`'s test).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from retrieval.evaluate import match_form  # noqa: E402


def _gold(path: str) -> dict[str, dict]:
    items = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            item = json.loads(line)
            items[item["id"]] = item
    return items


def _bold_right(bold: str | None, answers: list[str]) -> bool | None:
    if not bold:
        return None
    b = match_form(bold)
    return any(b in match_form(a) or match_form(a) in b for a in answers if match_form(a))


def _questions(path: Path) -> tuple[dict, dict[str, dict]]:
    run = json.loads(path.read_text(encoding="utf-8"))
    return _gold(run["gold"]), {q["id"]: q for q in run["runs"]["hybrid"]["questions"]}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("old", type=Path)
    p.add_argument("new", type=Path)
    p.add_argument("--quiet", action="store_true", help="counts only")
    args = p.parse_args(argv)
    counts: Counter[str] = Counter()
    for old_file in sorted(args.old.glob("*.json")):
        new_file = args.new / old_file.name
        if not new_file.exists():
            print(f"{old_file.stem}: not in {args.new}")
            continue
        gold, old = _questions(old_file)
        _, new = _questions(new_file)
        for qid, x in old.items():
            y = new[qid]
            right = (x["rank"] == 1 and x["answered"], y["rank"] == 1 and y["answered"])
            if x["answerable"]:
                counts["right answers gained"] += not right[0] and right[1]
                counts["right answers lost"] += right[0] and not right[1]
                counts["wrong answers given, more"] += (y["answered"] and y["rank"] != 1) and not (
                    x["answered"] and x["rank"] != 1)
                counts["wrong answers given, fewer"] += (x["answered"] and x["rank"] != 1) and not (
                    y["answered"] and y["rank"] != 1)
                if y["rank"] == 1 and x["top_bold"] != y["top_bold"]:
                    was, now = (_bold_right(b, gold[qid]["answers"]) for b in (x["top_bold"], y["top_bold"]))
                    counts["bolds made right"] += bool(now) and not was
                    counts["bolds made wrong"] += now is False and was is not False
            else:
                counts["unanswerable answered, more"] += y["answered"] and not x["answered"]
                counts["unanswerable answered, fewer"] += x["answered"] and not y["answered"]
            changed = (x["rank"], x["answered"], x["top_bold"]) != (y["rank"], y["answered"], y["top_bold"])
            if changed and not args.quiet:
                print(f"{old_file.stem} {qid}: {gold[qid]['question']}\n"
                      f"  rank {x['rank']} -> {y['rank']}, answered {x['answered']} -> {y['answered']}, "
                      f"bold {x['top_bold']!r} -> {y['top_bold']!r}")
    for key in sorted(counts):
        print(f"{key}: {counts[key]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
