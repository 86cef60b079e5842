"""Reading article files into an `Article` and its quotable `Sentence`s.

Format (the seed article): a first line `date YYYY-MM <title>`, paragraphs separated by blank lines,
photo captions as short lines without final punctuation, the author's name as the last line.
Plain text without the header works too: the title then comes from the file name.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from embeddings.errors import BadArticle
from retrieval.sentences import split_sentences
from retrieval.types import Article, Sentence

logger = logging.getLogger(__name__)

ARTICLE_SUFFIXES = (".txt",)
MAX_FILE_BYTES = 8 * 1024 * 1024  # a news article is tens of KB; 8 MB is a dump, not an article

_HEADER = re.compile(r"^\s*date\s+(\d{4})-(\d{2})(?:\s+(.*\S))?\s*$", re.IGNORECASE)
_HEADER_LIKE = re.compile(r"^\s*date\b", re.IGNORECASE)
_BLOCK = re.compile(r"\S(?:.*\S)?(?:\n[ \t]*\S.*)*", re.MULTILINE)  # runs of non-blank lines
_FINAL_PUNCT = tuple(".!?…:;\"”)»")
_AUTHOR = re.compile(r"^[A-ZÀ-ỸĐ][\w'.-]*(?:\s+[A-ZÀ-ỸĐ][\w'.-]*){0,4}$")


@dataclass(frozen=True)
class ParsedArticle:
    article: Article
    sentences: tuple[Sentence, ...]


def decode(data: bytes, source: str) -> str:
    """Strict UTF-8 (a BOM is dropped); anything else is a clear `BadArticle`."""
    if not data.strip():
        raise BadArticle(f"{source}: empty file, skipped")
    if b"\x00" in data[:8192]:
        raise BadArticle(f"{source}: binary file (NUL bytes), skipped")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadArticle(
            f"{source}: not UTF-8 (byte {exc.start}); convert it, e.g. iconv -f WINDOWS-1258 -t UTF-8"
        ) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def is_caption(block: str) -> bool:
    """A short single line without final punctuation: a photo caption or a sub-heading."""
    line = block.strip()
    return "\n" not in line and len(line) <= 160 and not line.endswith(_FINAL_PUNCT)


def looks_like_author(block: str) -> bool:
    line = block.strip()
    return "\n" not in line and len(line) <= 60 and bool(_AUTHOR.match(line))


def article_id_for(key: str) -> str:
    """Stable id from the path under the indexed folder: unchanged while the file keeps its name."""
    stem = key[:-4] if key.lower().endswith(".txt") else key
    return re.sub(r"[^\w.\-/]+", "_", stem).strip("/") or "article"


def parse_article(text: str, source: str, sha256: str, key: str | None = None) -> ParsedArticle:
    """Split a decoded file into header, body sentences, captions and author, keeping offsets."""
    article_id = article_id_for(key or Path(source).name)
    first_nl = text.find("\n")
    first_line = text if first_nl < 0 else text[:first_nl]
    title, date, body_start = "", "", 0
    match = _HEADER.match(first_line)
    if match and 1 <= int(match.group(2)) <= 12:
        date = f"{match.group(1)}-{match.group(2)}"
        title = (match.group(3) or "").strip()
        body_start = len(first_line)
    elif _HEADER_LIKE.match(first_line):
        logger.warning("%s: malformed 'date YYYY-MM <title>' header; read as plain text", source)
    if not title:
        title = Path(source).stem.replace("_", " ")

    blocks = [(m.start(), m.group()) for m in _BLOCK.finditer(text, body_start)]
    author = ""
    if len(blocks) > 1 and looks_like_author(blocks[-1][1]):
        author = blocks.pop()[1].strip()

    sentences: list[Sentence] = []
    captions: list[str] = []

    def add(start: int, end: int, kind: str) -> None:
        idx = len(sentences)
        sentences.append(Sentence(f"{article_id}#{idx}", article_id, idx, text[start:end], start, end, kind))

    for offset, block in blocks:
        if is_caption(block):
            captions.append(block.strip())
            lead = len(block) - len(block.lstrip())
            add(offset + lead, offset + len(block.rstrip()), "caption")
            continue
        for s, e in split_sentences(block):
            add(offset + s, offset + e, "body")
    if not sentences:
        raise BadArticle(f"{source}: no text after the header, skipped")
    article = Article(article_id, source, title, date, author, tuple(captions), sha256)
    return ParsedArticle(article, tuple(sentences))


def read_article(path: Path, key: str | None = None) -> ParsedArticle:
    """Read and parse one file; every problem becomes a `BadArticle` naming the file."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise BadArticle(f"{source}: {size // (1024 * 1024)} MB is over the {MAX_FILE_BYTES // (1024 * 1024)} MB "
                             "limit for one article; split it into articles")
        data = path.read_bytes()
    except PermissionError as exc:
        raise BadArticle(f"{source}: unreadable (permission denied)") from exc
    except OSError as exc:
        raise BadArticle(f"{source}: unreadable ({exc.strerror or exc})") from exc
    text = decode(data, source)
    return parse_article(text, source, hashlib.sha256(data).hexdigest(), key)


def find_article_files(paths: Iterable[Path]) -> Iterator[tuple[Path, str]]:
    """Yield (path, key) for every article file under `paths`, recursively, in sorted order.

    The key (`<folder name>/<relative path>`) names the article whatever form the path was given in.

    Symlink loops are cut by remembering visited real directories; hidden files are skipped.
    """
    seen_dirs: set[str] = set()
    seen_files: set[str] = set()
    for root in paths:
        if not root.exists():
            raise BadArticle(f"{root}: no such file or directory")
        if root.is_file():
            real = os.path.realpath(root)
            if real not in seen_files:
                seen_files.add(real)
                yield root, root.name
            continue
        found: list[tuple[Path, str]] = []
        for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
            real = os.path.realpath(dirpath)
            if real in seen_dirs:
                dirnames[:] = []
                continue
            seen_dirs.add(real)
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.startswith(".") or not name.lower().endswith(ARTICLE_SUFFIXES):
                    continue
                path = Path(dirpath) / name
                real_file = os.path.realpath(path)
                if real_file in seen_files:
                    continue
                seen_files.add(real_file)
                rel = os.path.relpath(path, root).replace(os.sep, "/")
                found.append((path, f"{root.resolve().name}/{rel}"))
        yield from sorted(found, key=lambda item: item[1])
