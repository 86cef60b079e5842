"""Ask the questions readers wrote (six in the thirty-third session, `readers_s33.jsonl`; nine in the thirty-fourth,
`readers_s34.jsonl`; six in the thirty-fifth, `readers_s35.jsonl`) again and count, per reader, the unanswerable ones
answered and the answerable ones declined, then (at the commit they ran: `snapshot`) and now.

The readers read only the articles of a held-out set, wrote about 60 questions each (`kind` "U": one they made sure no
article answers; "A": one an article answers) and judged the answers; each file keeps the questions and whether each
was answered then. Whether an answer is right is their judgement, not kept here: this counts decisions.

    python eval/experiments/readers_rerun.py [--tinbot .venv/bin/tinbot] [FILE ...]   (from the repository's root;
                                                                                        ~1 minute a file)
"""
from __future__ import annotations

import argparse
import json
import subprocess
from collections import defaultdict
from pathlib import Path

ROWS = sorted(Path(__file__).parent.glob("readers_s*.jsonl"))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--tinbot", default=".venv/bin/tinbot")
    p.add_argument("files", nargs="*", type=Path, default=ROWS, help="the readers' files (default: every one)")
    args = p.parse_args()
    by_reader: dict[str, list[dict]] = defaultdict(list)
    for path in args.files:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            by_reader[row["reader"]].append(row)
    for reader, rows in sorted(by_reader.items()):
        run = subprocess.run([args.tinbot, "ask", "--json", "--corpus", rows[0]["corpus"]],
                             input="\n".join(r["question"] for r in rows) + "\n", capture_output=True, text=True,
                             check=True)
        now = [json.loads(line)["answered"] for line in run.stdout.splitlines()]
        unanswerable = [(r["answered_then"], a) for r, a in zip(rows, now) if r["kind"] == "U"]
        answerable = [(r["answered_then"], a) for r, a in zip(rows, now) if r["kind"] == "A"]
        print(f"{reader} ({rows[0]['corpus']}, asked at {rows[0]['snapshot']}): unanswerable answered "
              f"{sum(t for t, _ in unanswerable)} -> {sum(a for _, a in unanswerable)} of {len(unanswerable)}; "
              f"answerable declined {sum(not t for t, _ in answerable)} -> {sum(not a for _, a in answerable)} "
              f"of {len(answerable)}")


if __name__ == "__main__":
    main()
