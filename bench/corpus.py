"""Benchmark corpora: the seed articles plus the XQuAD-vi paragraphs, repeated with varied ids to any size.

A copy differs from its original only in its header line (`date YYYY-MM <title> · bản N`), so every file has its
own content hash (the indexer skips byte-identical files) and its own title, and the sentences stay real
Vietnamese news and encyclopaedia text with real lengths.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from retrieval.articles import parse_article


@dataclass(frozen=True)
class SourceArticle:
    name: str  # file stem
    title: str
    date: str
    body: str  # the article text after its header line
    sentences: int


def xquad_dir() -> Path:
    """The XQuAD-vi folder: `TINBOT_XQUAD_DIR`, else the one beside the repo (`../shared/eval/xquad_vi`), as the
    issue names it."""
    from retrieval.config import PROJECT_ROOT

    given = os.environ.get("TINBOT_XQUAD_DIR")
    return Path(given).expanduser() if given else PROJECT_ROOT.parent / "shared" / "eval" / "xquad_vi"


def seed_dir() -> Path:
    from retrieval.config import PROJECT_ROOT

    return PROJECT_ROOT / "seeds"




def load_sources(seeds: Path | None = None, xquad: Path | None = None) -> list[SourceArticle]:
    """The seed articles and one article per XQuAD-vi paragraph (title = its article title and paragraph)."""
    out: list[SourceArticle] = []
    seeds = seed_dir() if seeds is None else seeds
    for path in sorted(seeds.glob("*.txt")) if seeds.is_dir() else []:
        text = path.read_text(encoding="utf-8-sig")
        parsed = parse_article(text, str(path), "0")
        body = text.partition("\n")[2] if parsed.article.date else text
        out.append(SourceArticle(path.stem, parsed.article.title, parsed.article.date or "2023-01", body,
                                 len(parsed.sentences)))
    xquad = xquad_dir() if xquad is None else xquad
    para_file = xquad / "paragraphs.jsonl"
    if para_file.is_file():
        with open(para_file, encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                row = json.loads(line)
                body = row["context"].rstrip("\n") + "\n"
                title = row["paragraph_id"].replace("_", " ")
                n = len(parse_article(f"date 2020-01 {title}\n\n{body}", row["paragraph_id"], "0").sentences)
                out.append(SourceArticle(row["paragraph_id"], title, "2020-01", body, n))
    return out


def copies(sources: list[SourceArticle], sentences: int) -> Iterator[tuple[int, SourceArticle]]:
    """(copy number, source) for a corpus of about `sentences`: every source once (copy 0), then again, whole
    articles until their sentences reach `sentences`. `write_corpus` and `latency.synthetic_index` build from it."""
    total = copy = 0
    while sources and total < sentences:
        for src in sources:
            if total >= sentences:
                break
            yield copy, src
            total += src.sentences
        copy += 1


def corpus_size(sources: list[SourceArticle], sentences: int) -> int:
    """How many sentences a corpus of about `sentences` holds."""
    return sum(src.sentences for _, src in copies(sources, sentences))


def write_corpus(out_dir: Path, sources: list[SourceArticle], sentences: int) -> tuple[int, int]:
    """Write article files into `out_dir` until about `sentences` sentences; return (articles, sentences).

    Copy 0 of every source is written first, so any corpus contains the originals before repeats.
    """
    if not sources:
        raise ValueError("no source articles (seeds/ and the XQuAD-vi folder are both missing)")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = total = 0
    for copy, src in copies(sources, sentences):
        suffix = f" · bản {copy}" if copy else ""
        name = f"{src.name}__{copy:05d}.txt"
        (out_dir / name).write_text(f"date {src.date} {src.title}{suffix}\n\n{src.body}", encoding="utf-8")
        written += 1
        total += src.sentences
    return written, total
