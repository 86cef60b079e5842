"""Off-topic English questions that nobody on the team wrote: the questions of chatterbot-corpus.

    pip download chatterbot-corpus==1.3.3 --no-deps -d /tmp/cc
    python eval/experiments/chatterbot_questions.py /tmp/cc/chatterbot_corpus-1.3.3-py2.py3-none-any.whl

chatterbot-corpus (BSD-3-Clause, copyright Gunther Cox; "all training data contained within this corpus is user
contributed") holds the dialogues a ChatterBot is primed with. The first line of each English conversation that
ends with "?" is a question someone typed to a chat bot; none is about Vietnam. Written, one per line, in the
order of the package's files and without repeats, to `offtopic_chatterbot_trivia.txt` (trivia.yml: general
knowledge, "Which art movement is Salvador Dali associated with?") and `offtopic_chatterbot_chat.txt` (every
other file: the bot itself, computers, coding requests, food, greetings...). The background text
(`retrieval/background_articles/`) was written before these were read; see README.md "Background text".
"""
from __future__ import annotations

import argparse
import zipfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
PREFIX = "chatterbot_corpus/data/english/"


def questions(wheel: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"trivia": [], "chat": []}
    seen: set[str] = set()
    with zipfile.ZipFile(wheel) as zf:
        for name in sorted(n for n in zf.namelist() if n.startswith(PREFIX) and n.endswith(".yml")):
            data = yaml.safe_load(zf.read(name).decode("utf-8")) or {}
            for conversation in data.get("conversations") or []:
                first = conversation[0] if conversation else None
                if not isinstance(first, str):
                    continue
                line = " ".join(first.split())
                if line.endswith("?") and line.lower() not in seen:
                    seen.add(line.lower())
                    out["trivia" if name.endswith("/trivia.yml") else "chat"].append(line)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("wheel", type=Path, help="chatterbot_corpus-1.3.3-py2.py3-none-any.whl")
    args = ap.parse_args()
    for group, lines in questions(args.wheel).items():
        path = HERE / f"offtopic_chatterbot_{group}.txt"
        path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        print(f"{path.name}: {len(lines)} questions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
