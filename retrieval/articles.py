"""Reading article files into an `Article` and its quotable `Sentence`s.

Format (the seed article): a first line `date YYYY-MM <title>`, paragraphs separated by blank lines,
photo captions as short lines without final punctuation, the author's name as the last line.
Plain text without the header works too: the title then comes from the file name.
"""
from __future__ import annotations

import bisect
import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from embeddings.errors import BadArticle
from retrieval.sentences import split_sentences
from retrieval.types import Article, Sentence


ARTICLE_SUFFIXES = (".txt",)
MAX_FILE_BYTES = 8 * 1024 * 1024  # a news article is tens of KB; 8 MB is a dump, not an article

# "date:" too, and a day ("date 2024-07-15"): the article is dated by its month, as the seed is.
_HEADER = re.compile(r"^\s*date:?\s+(\d{4})-(\d{2})(?:-(0[1-9]|[12]\d|3[01]))?(?:\s+(.*\S))?\s*$", re.IGNORECASE)
# "date 2023-13 ...", "date 2023 ...", "date 07/2023 ...": meant as the header, with a date that is not YYYY-MM.
_HEADER_LIKE = re.compile(r"^\s*date:?\s+(\S*\d\S*)(?:\s+(.*\S))?\s*$", re.IGNORECASE)
_LINE = re.compile(r"\S(?:.*\S)?")  # a non-blank line, trimmed
_BLOCK = re.compile(r"\S(?:.*\S)?(?:\n[ \t]*\S.*)*", re.MULTILINE)  # runs of non-blank lines
_BLANK_LINES = re.compile(r"(?:[ \t]*\n)*")
_FINAL_PUNCT = tuple(".!?…:;\"”)»")
_AUTHOR = re.compile(r"^[A-ZÀ-ỸĐ][\w'.-]*(?:\s+[A-ZÀ-ỸĐ][\w'.-]*){0,4}$")


@dataclass(frozen=True)
class ParsedArticle:
    article: Article
    sentences: tuple[Sentence, ...]
    # Per sentence, the number of the paragraph (blank-line separated block) it comes from; a caption is a
    # paragraph of its own. Used at index time only (retrieval/passages.py: paragraph_texts).
    paragraphs: tuple[int, ...]
    warnings: tuple[str, ...] = ()  # indexed anyway, but the file should be fixed (e.g. a header's bad date)


def decode(data: bytes, source: str) -> str:
    """The file's text exactly as plain UTF-8 decodes it (a BOM stays, as do CRs: offsets index this text);
    anything else is a clear `BadArticle`."""
    if not data.strip():
        raise BadArticle(f"{source}: empty file, skipped")
    wide = wide_encoding(data)
    if wide:
        raise BadArticle(f"{source}: {wide} text (byte-order mark), not UTF-8; convert it, "
                         f"e.g. iconv -f {wide} -t UTF-8")
    kind = next((name for magic, name in _DOCUMENTS if data.startswith(magic)), None)
    if kind:  # named, with the fix: a reporter's .docx saved as .txt is the likely case
        raise BadArticle(f"{source}: {kind}, not text; save it as plain text (UTF-8) and index that, skipped")
    if b"\x00" in data[:8192]:
        wide = wide_encoding_without_bom(data)
        if wide:
            raise BadArticle(f"{source}: {wide} text without a byte-order mark, not UTF-8; convert it, "
                             f"e.g. iconv -f {wide} -t UTF-8")
        raise BadArticle(f"{source}: binary file (NUL bytes), skipped")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        if _mostly_utf8(data):  # one stray byte in UTF-8 text: converting the whole file would garble it
            raise BadArticle(
                f"{source}: not UTF-8 at line {line} (byte {exc.start}: {data[exc.start:exc.end].hex(' ')}), in "
                "text that is UTF-8 elsewhere; fix that line, or drop such bytes with iconv -c -f UTF-8 -t UTF-8"
            ) from exc
        raise BadArticle(
            f"{source}: not UTF-8 (line {line}, byte {exc.start}); convert it to UTF-8, "
            "e.g. iconv -f WINDOWS-1258 -t UTF-8 if it is Vietnamese Windows text"
        ) from exc


def _mostly_utf8(data: bytes) -> bool:
    """Whether `data` holds real UTF-8 (multi-byte characters) with only a few bytes that do not decode."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    wide = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    return wide >= 4 and bad * 4 <= wide


def wide_encoding_without_bom(data: bytes) -> str:
    """"UTF-16LE" or "UTF-16BE" for text saved without a BOM (a NUL beside each ASCII letter and space), if it
    decodes to text that is mostly printable ASCII, without NULs; else "" (binary data)."""
    head = data[:8192]
    for name, nuls in (("UTF-16LE", head[1::2]), ("UTF-16BE", head[0::2])):
        if nuls.count(0) * 2 >= len(nuls) and len(data) % 2 == 0:
            try:
                text = data.decode(name.lower().replace("utf-16", "utf-16-"))
            except UnicodeDecodeError:
                continue
            plain = sum(1 for ch in text if ch.isascii() and (ch.isprintable() or ch in "\t\r\n"))
            if "\x00" not in text and plain >= 0.6 * len(text):  # mostly ASCII, as Vietnamese text is
                return name
    return ""


# Documents people save articles in, by their first bytes.
_DOCUMENTS = ((b"PK\x03\x04", "a Word or ZIP document (.docx, .odt, .zip)"), (b"%PDF", "a PDF"),
              (b"\xd0\xcf\x11\xe0", "a Word 97-2003 document (.doc)"), (b"{\\rtf", "an RTF document"))
_WIDE_BOMS = (("UTF-32", b"\xff\xfe\x00\x00"), ("UTF-32", b"\x00\x00\xfe\xff"),  # UTF-32 first: its LE BOM
              ("UTF-16", b"\xff\xfe"), ("UTF-16", b"\xfe\xff"))                   # starts like UTF-16's


def wide_encoding(data: bytes) -> str:
    """The encoding ("UTF-16" or "UTF-32") whose BOM starts `data`, if it decodes to text without NULs, else "".

    Checking the decode keeps binary data that happens to start with FF FE reported as binary."""
    for name, bom in _WIDE_BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(name.lower())
            except UnicodeDecodeError:
                continue
            if "\x00" not in text:
                return name
    return ""


@dataclass(frozen=True)
class Normalised:
    """Text as the parser wants it (no BOM, LF line ends) and the way back to the original's offsets.

    `dropped` holds, for each character removed from the original (the BOM, the CR of each CRLF), the
    position in `text` it was removed before; CR alone becomes LF in place, so it shifts nothing."""

    text: str
    dropped: tuple[int, ...]

    @classmethod
    def of(cls, original: str) -> Normalised:
        removed = [0] if original.startswith("\ufeff") else []
        removed += [m.start() for m in re.finditer("\r\n", original)]
        text = original.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        return cls(text, tuple(pos - k for k, pos in enumerate(removed)))

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the original of the non-empty span `text[start:end]`."""
        first = start + bisect.bisect_right(self.dropped, start)
        last = end - 1 + bisect.bisect_right(self.dropped, end - 1)
        return first, last + 1


def is_caption(block: str) -> bool:
    """A short single line without final punctuation: a photo caption or a sub-heading."""
    line = block.strip()
    return "\n" not in line and len(line) <= 160 and not line.endswith(_FINAL_PUNCT)


def _lines_are_paragraphs(block: str) -> bool:
    """A body without blank lines whose lines are whole paragraphs (text copied from a web page puts one newline
    between them), not a paragraph wrapped at some width: three lines or more, and none running on into the
    next (a line ending without final punctuation, the next starting in lower case)."""
    lines = [line.strip() for line in block.split("\n") if line.strip()]
    return len(lines) >= 3 and not any(not a.endswith(_FINAL_PUNCT) and b[0].islower()
                                       for a, b in zip(lines, lines[1:]))


def looks_like_author(block: str) -> bool:
    line = block.strip()
    return "\n" not in line and len(line) <= 60 and bool(_AUTHOR.match(unicodedata.normalize("NFC", line)))


def article_id_for(key: str) -> str:
    """Stable id from the path under the indexed folder: unchanged while the file keeps its name."""
    stem = unicodedata.normalize("NFC", key[:-4] if key.lower().endswith(".txt") else key)  # macOS names: NFD
    return re.sub(r"[^\w.\-/]+", "_", stem).strip("/") or "article"


def parse_article(original: str, source: str, sha256: str, key: str | None = None) -> ParsedArticle:
    """Split a decoded file into header, body sentences, captions and author.

    Parsing sees LF line ends and no BOM; each sentence's offsets and text are mapped back to `original`."""
    article_id = article_id_for(key or Path(source).name)
    normalised = Normalised.of(original)
    text = normalised.text
    skip = _BLANK_LINES.match(text).end()  # the header is the first line that is not blank
    first_nl = text.find("\n", skip)
    first_line = text[skip:] if first_nl < 0 else text[skip:first_nl]
    title, date, body_start, warnings = "", "", 0, []
    date_span = (-1, -1)
    match = _HEADER.match(first_line)
    near = _HEADER_LIKE.match(first_line)
    if match and 1 <= int(match.group(2)) <= 12:
        date = f"{match.group(1)}-{match.group(2)}"
        date_span = normalised.original_span(skip + match.start(1), skip + match.end(2))
        title = (match.group(4) or "").strip()
        body_start = skip + len(first_line)
    elif near:  # a header all the same: its title is the title, not a sentence to quote
        title, body_start = (near.group(2) or "").strip(), skip + len(first_line)
        warnings.append(f"{source}: header date {near.group(1)!r} is not YYYY-MM (e.g. 'date 2023-07 <title>'); "
                        "indexed without a date")
    if not title:
        title = Path(source).stem.replace("_", " ")

    blocks = [(m.start(), m.group()) for m in _BLOCK.finditer(text, body_start)]
    if len(blocks) == 1 and _lines_are_paragraphs(blocks[0][1]):  # pasted from a web page: one line each
        offset = blocks[0][0]
        blocks = [(offset + m.start(), m.group()) for m in _LINE.finditer(blocks[0][1])]
    author, author_span = "", (-1, -1)
    if len(blocks) > 1 and looks_like_author(blocks[-1][1]):
        offset, block = blocks.pop()
        lead = len(block) - len(block.lstrip())
        author_span = normalised.original_span(offset + lead, offset + len(block.rstrip()))
        author = block.strip()

    sentences: list[Sentence] = []
    paragraphs: list[int] = []
    captions: list[str] = []

    def add(start: int, end: int, kind: str, paragraph: int) -> None:
        idx = len(sentences)
        start, end = normalised.original_span(start, end)
        sentences.append(Sentence(f"{article_id}#{idx}", article_id, idx, original[start:end], start, end, kind))
        paragraphs.append(paragraph)

    for number, (offset, block) in enumerate(blocks):
        if is_caption(block):
            captions.append(block.strip())
            lead = len(block) - len(block.lstrip())
            add(offset + lead, offset + len(block.rstrip()), "caption", number)
            continue
        for s, e in split_sentences(block):
            add(offset + s, offset + e, "body", number)
    if not sentences:
        raise BadArticle(f"{source}: no text after the header, skipped")
    article = Article(article_id, source, title, date, author, tuple(captions), sha256, *author_span, *date_span)
    return ParsedArticle(article, tuple(sentences), tuple(paragraphs), tuple(warnings))


def read_article(path: Path, key: str | None = None) -> ParsedArticle:
    """Read and parse one file; every problem becomes a `BadArticle` naming the file."""
    source = printable_source(path)
    try:
        data = read_regular_file(path, source)
    except PermissionError as exc:
        raise BadArticle(f"{source}: unreadable (permission denied)") from exc
    except OSError as exc:
        raise BadArticle(f"{source}: unreadable ({exc.strerror or exc})") from exc
    text = decode(data, source)
    parsed = parse_article(text, source, hashlib.sha256(data).hexdigest(), key)
    # Stored absolute: a quote's source opens from any folder, not only where `tinbot index` ran.
    return replace(parsed, article=replace(parsed.article, source=os.path.abspath(path)))


def printable_source(path: Path) -> str:
    """`str(path)`, refused when the name is not UTF-8: it could be neither printed nor stored in the index."""
    source = str(path)
    try:
        source.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise BadArticle(f"{os.fsencode(path)!r}: file name is not valid UTF-8, skipped; "
                         "rename it (e.g. convmv -f WINDOWS-1258 -t UTF-8 --notest)") from exc
    return source


def read_regular_file(path: Path, source: str) -> bytes:
    """The bytes of a regular file (after symlinks) of at most `MAX_FILE_BYTES`.

    Anything else is refused before it is opened: opening a FIFO blocks forever and a device (a link to
    /dev/zero) never ends."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise BadArticle(f"{source}: not a regular file, skipped")
    if info.st_size > MAX_FILE_BYTES:
        raise BadArticle(f"{source}: {info.st_size // (1024 * 1024)} MB is over the "
                         f"{MAX_FILE_BYTES // (1024 * 1024)} MB limit for one article; split it into articles")
    return path.read_bytes()


def find_article_files(paths: Iterable[Path]) -> Iterator[tuple[Path, str]]:
    """Yield (path, key) for every article file under `paths`, recursively, in sorted order.

    The key (`<folder name>/<relative path>`) names the article whatever form the path was given in, and its
    `article_id_for` is unique: see `unique_key`. A path that is not a folder is yielded as given, so that
    `read_article` can say what is wrong with it (a FIFO, a device...).

    Symlink loops are cut by remembering visited real directories; hidden files are skipped.
    """
    seen_dirs: set[str] = set()
    seen_files: set[str] = set()
    used_ids: set[str] = set()
    for root in paths:
        if not root.exists():
            raise BadArticle(f"{root}: no such file or directory")
        if not root.is_dir():
            real = os.path.realpath(root)
            if real not in seen_files:
                seen_files.add(real)
                yield root, unique_key(root.name, real, used_ids)
            continue
        found: list[tuple[Path, str, str]] = []
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
                found.append((path, f"{root.resolve().name}/{rel}", real_file))
        for path, key, real_file in sorted(found, key=lambda item: item[1]):
            yield path, unique_key(key, real_file, used_ids)


def unique_key(key: str, real_path: str, used_ids: set[str]) -> str:
    """`key`, or when its article id is taken (`a/news/x.txt` and `b/news/x.txt`, `x y.txt` and `x_y.txt`)
    `key` with a short hash of the file's real path before the suffix, so both articles are indexed.

    The first file in walk order keeps the plain id; the suffix depends on the path only, so the same paths
    get the same ids on every run. Identical content is still dropped later as a duplicate, by content hash."""
    stem, dot, suffix = key.rpartition(".") if key.lower().endswith(ARTICLE_SUFFIXES) else (key, "", "")
    digest = hashlib.sha256(os.fsencode(real_path)).hexdigest()
    candidates = [key] + [f"{stem}-{digest[:n]}{dot}{suffix}" for n in (8, 16, 64)]
    chosen = next((c for c in candidates if article_id_for(c) not in used_ids), candidates[-1])
    used_ids.add(article_id_for(chosen))
    return chosen
