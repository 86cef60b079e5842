"""Answers whose first quote has nothing in bold: how often are they right? Three readers proposed declining them.

Reads the `--json` tables of `JSON=1 bash eval/all_sets.sh DIR` and counts, per answer type the question's wording
asks (`retrieval.asks.question_type`: date, name, quantity or none), the answered questions whose first quote has no
bold: right at rank 1, wrong (another sentence first) and unanswerable.

    python eval/experiments/no_bold_answers.py DIR          (from the repository's root)
"""
from __future__ import annotations

import collections
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from retrieval.asks import question_type  # noqa: E402
from retrieval.evaluate import parse_gold  # noqa: E402


def questions() -> dict[tuple[str, str], str]:
    """(set name as all_sets.sh names its table, question id) -> question."""
    script = (ROOT / "eval" / "all_sets.sh").read_text(encoding="utf-8")
    golds = {"seed_gold": "eval/seed_gold.jsonl", "seed_review": "eval/seed_review.jsonl",
             "user_review": "eval/user_review/gold.jsonl", "xquad": "build/xquad_vi/gold.jsonl"}
    for name in set(re.findall(r"news_\w+|encyclopedic_heldout|wiki_synth2?|reader_review|followups|switches", script)):
        golds[name] = f"eval/{name}/gold.jsonl"
    out = {}
    for name, path in golds.items():
        if (ROOT / path).exists():
            with open(ROOT / path, encoding="utf-8") as fh:
                out.update({(name, item.id): item.question for item in parse_gold(fh, path)})
    return out


def main() -> None:
    asked = questions()
    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    for table in sorted(Path(sys.argv[1]).glob("*.json")):
        for q in json.loads(table.read_text(encoding="utf-8"))["runs"]["hybrid"]["questions"]:
            if not q["answered"] or q.get("top_bold"):
                continue
            text = asked.get((table.stem, q["id"]))
            kind = "right" if q["answerable"] and q["rank"] == 1 else "wrong" if q["answerable"] else "unanswerable"
            counts[(str(question_type(text)) if text else "?", kind)] += 1
    for (asks, kind), n in sorted(counts.items()):
        print(f"{asks:9s} {kind:13s} {n}")


if __name__ == "__main__":
    main()
