"""One article of about N sentences with no blank lines (a book or a web dump pasted as one file), from the
benchmark sources (bench/corpus.py). Each repeat of a source sentence gets " (bản K)" before its final stop, so
no two sentences are the same. Measure indexing it:

    python -m bench.long_article /tmp/long 2400
    /usr/bin/time -v tinbot index /tmp/long --index-dir /tmp/long-index   # "Maximum resident set size"
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from bench.corpus import load_sources

_STOP = re.compile(r"([.!?])(\s|$)")


def write_long_article(out_dir: Path, sentences: int) -> int:
    """Write `out_dir/long.txt`; return the number of sentences the sources gave it (about `sentences`)."""
    sources = load_sources()
    if not sources:
        raise SystemExit("no source articles (seeds/ and the XQuAD-vi folder are both missing)")
    parts: list[str] = []
    total = copy = 0
    while total < sentences:
        for src in sources:
            if total >= sentences:
                break
            body = " ".join(src.body.split())
            parts.append(_STOP.sub(lambda m: f" (bản {copy}){m.group(1)}{m.group(2)}", body) if copy else body)
            total += src.sentences
        copy += 1
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "long.txt").write_text("date 2024-01 Một bài rất dài\n\n" + " ".join(parts) + "\n", encoding="utf-8")
    return total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("sentences", type=int)
    args = ap.parse_args(argv)
    n = write_long_article(args.out_dir, args.sentences)
    print(f"{args.out_dir / 'long.txt'}: one paragraph, about {n} sentences")
    return 0


if __name__ == "__main__":
    sys.exit(main())
