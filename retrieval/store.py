"""The index folder on disk: generations swapped in atomically behind a `current` symlink.

    <index-dir>/
      current -> gen-20261127T193000-1234     the live generation (replaced atomically)
      gen-.../manifest.json                   model, dimension, versions, corpus fingerprint, checksums
      gen-.../vectors.faiss                   FAISS index over sentence vectors
      gen-.../embeddings.npy                  the same vectors (float32), reused when re-indexing
      gen-.../articles.json, sentences.jsonl  metadata: titles, dates, verbatim sentences and offsets
      gen-.../tokens.npy, token_scales.npy,   int8 token vectors of every sentence, for token-level matching
              token_offsets.npy               (retrieval/maxsim.py; absent when the encoder gives none)
      gen-.../context.npy                     per sentence, a vector of it read after the sentence before it
                                              (retrieval/passages.py: context_texts)
      gen-.../paragraph.npy, rest.npy         per sentence, a vector of its paragraph and of that paragraph
                                              without it (retrieval/passages.py: paragraph_texts)
      cache/<model>/<sha256>.npy              per-article vectors by content hash (survive crashes)
      cache/<model>/<sha256>.tokens-*.npz     per-article token vectors
      cache/<model>/<sha256>.context-*.npy,   per-article context, paragraph and rest vectors
              .paragraph-*.npy, .rest-*.npy
      gen-.../.verified                       per data file, the state (size, times, inode) its checksum
                                              was last confirmed in: an unchanged file is not hashed again
      .lock                                   held by the one writer

A generation is written completely (manifest last) before `current` points at it, so a crash at any moment
leaves the previous index live. Readers verify sizes and checksums from the manifest. Only folders tinbot made
(its name pattern plus its marker or manifest) are ever deleted: the index folder may hold other things.
"""
from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np

from embeddings.errors import IndexCorrupt, IndexNotFound, ModelMismatch, TinbotError
from retrieval.maxsim import TOKEN_FORMAT, TokenVectors
from retrieval.passages import CONTEXT_FORMAT, PARAGRAPH_FORMAT
from retrieval.rowfile import RowFile, open_rows
from retrieval.types import Article, Sentence

logger = logging.getLogger(__name__)

FORMAT_VERSION = 1
CURRENT = "current"
DATA_FILES = ("vectors.faiss", "embeddings.npy", "articles.json", "sentences.jsonl")  # in every generation
MANIFEST = "manifest.json"
MARKER = ".tinbot-generation"  # written first into every generation folder: "tinbot made this"
VERIFIED = ".verified"  # per data file: the stat state and checksum it was last confirmed with
GENERATION_NAME = re.compile(r"gen-\d{8}T\d{6}-\d+-\d{5}(\.tmp)?")  # as new_generation_dir names them
# Errors only writing raises: inside an index build they mean the file system refused, not a bug.
WRITE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG})


def rebuild_hint(index_dir: Path) -> str:
    return f"rebuild it with: tinbot index --index-dir {index_dir} <your articles>"


def read_error(path: Path, exc: OSError, index_dir: Path) -> TinbotError | None:
    """The error for an index file the system refuses to read, or None when rebuilding is the fix: a file
    without read permission (another user built the index, a restored backup's modes) is no damage, and
    rebuilding over it would fail the same way."""
    if exc.errno not in (errno.EACCES, errno.EPERM):
        return None
    return TinbotError(f"cannot read {path}: permission denied; give your user read access (e.g. chmod -R u+rwX "
                       f"{index_dir}), run tinbot as the user who built it, or choose another --index-dir")


def write_error(index_dir: Path, exc: OSError) -> TinbotError:
    reason = exc.strerror or str(exc)
    where = f" ({exc.filename})" if exc.filename else ""
    fix = {errno.ENOSPC: "free space or choose another --index-dir",
           errno.EDQUOT: "free space or choose another --index-dir",
           errno.EACCES: "make it writable or choose another --index-dir",
           errno.EPERM: "make it writable or choose another --index-dir",
           errno.EROFS: "choose an --index-dir on a writable disk"}.get(exc.errno or 0,
                                                                       "choose another --index-dir or free space")
    return TinbotError(f"cannot write the index in {index_dir}: {reason}{where}; {fix}")


@contextmanager
def writing_to(index_dir: Path) -> Iterator[None]:
    """Report the file system refusing a write (full, read-only, a file where a folder should be) as one
    clear error; other exceptions pass unchanged. For what comes before the lock (the folder and its lock
    file): everything written under the lock (cache, generation, publishing) is converted by `writer_lock`."""
    try:
        yield
    except OSError as exc:
        raise write_error(index_dir, exc) from exc


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_file_atomic(path: Path, data: bytes) -> None:
    _replace_with(path, lambda fh: fh.write(data), sync=True)


def _replace_with(path: Path, write: Callable[[BinaryIO], object], *, sync: bool = False) -> None:
    """Write `path` through a temporary file renamed over it, so a crash never leaves it half-written; with
    `sync`, the data reaches the disk before the rename."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with open(tmp, "wb") as fh:
            write(fh)
            if sync:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def writer_lock(index_dir: Path, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """One writer at a time per index folder; a second `tinbot index` waits instead of racing, and says so
    through `on_wait` (default: a logged warning).

    If the work inside fails, its unfinished generation is removed (the live one is untouched), and a write
    the file system refused inside the index folder becomes one clear error."""
    with writing_to(index_dir):
        index_dir.mkdir(parents=True, exist_ok=True)
        fh = open(index_dir / ".lock", "a+")
    with fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            (on_wait or logger.warning)(f"another tinbot index is writing {index_dir}; waiting for it to finish "
                                        "(Ctrl-C to stop waiting)")
            fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        except BaseException as exc:
            remove_unfinished_generations(index_dir)
            if isinstance(exc, OSError) and _refused_write(index_dir, exc):
                raise write_error(index_dir, exc) from exc
            raise
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _refused_write(index_dir: Path, exc: OSError) -> bool:
    """Whether `exc` is the file system refusing a write into the index folder (not a read elsewhere)."""
    if exc.errno in WRITE_ERRNOS:
        return True
    inside = os.path.abspath(index_dir) + os.sep
    return bool(exc.filename) and os.path.abspath(os.fsdecode(exc.filename)).startswith(inside)


def check_current_link(index_dir: Path) -> None:
    """`current` must be tinbot's symlink (or absent): never read, replace or delete someone's folder or file."""
    link = index_dir / CURRENT
    if link.exists() and not link.is_symlink():
        kind = "folder" if link.is_dir() else "file"
        raise TinbotError(f"{link} is a {kind}, not tinbot's link to the live index; move it out of {index_dir} "
                          "(or choose another --index-dir) and index again")


def live_generation(index_dir: Path) -> Path | None:
    """The folder `current` points at, or None if there is no link or it points at nothing."""
    link = index_dir / CURRENT
    if not link.is_symlink():
        return None
    target = link.resolve()
    return target if target.is_dir() else None


def new_generation_dir(index_dir: Path) -> Path:
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    path = index_dir / f"gen-{stamp}-{os.getpid()}-{time.monotonic_ns() % 100000:05d}.tmp"
    path.mkdir(parents=True)
    (path / MARKER).write_bytes(b"")
    return path


def is_generation(path: Path) -> bool:
    """Whether `path` is a generation folder tinbot made: its exact name, and its marker or manifest (an
    unfinished one may also be empty, if tinbot stopped right after creating it)."""
    if path.is_symlink() or not path.is_dir() or not GENERATION_NAME.fullmatch(path.name):
        return False
    if (path / MARKER).is_file() or (path / MANIFEST).is_file():
        return True
    return path.name.endswith(".tmp") and not any(path.iterdir())


def remove_unfinished_generations(index_dir: Path) -> None:
    """Drop generations that were never published (call with the writer lock held)."""
    for path in index_dir.glob("gen-*.tmp"):
        if is_generation(path):
            shutil.rmtree(path, ignore_errors=True)


def write_metadata(gen: Path, articles: list[Article], sentences: list[Sentence]) -> None:
    (gen / "articles.json").write_text(json.dumps([asdict(a) for a in articles], ensure_ascii=False),
                                       encoding="utf-8")
    with open(gen / "sentences.jsonl", "w", encoding="utf-8") as fh:
        for s in sentences:
            fh.write(json.dumps([s.sentence_id, s.article_id, s.index, s.text, s.start, s.end, s.kind],
                                ensure_ascii=False))
            fh.write("\n")


def read_metadata(gen: Path) -> tuple[list[Article], list[Sentence]]:
    """Articles and sentences as written by `write_metadata`; anything else is a damaged index."""
    articles = read_articles(gen)
    return articles, _read_sentences(gen / "sentences.jsonl", {a.article_id for a in articles})


def read_articles(gen: Path) -> list[Article]:
    path = gen / "articles.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return [Article(**{**a, "captions": tuple(a["captions"])}) for a in raw]
    except (ValueError, TypeError, KeyError) as exc:  # bad JSON or UTF-8, or not a list of articles
        raise IndexCorrupt(f"{path}: not a list of articles ({exc}); {rebuild_hint(gen.parent)}") from exc


def live_articles(index_dir: Path) -> list[Article]:
    """The articles of the live index, or none if there is none or it cannot be read (then nothing is kept)."""
    live = live_generation(index_dir)
    try:
        return read_articles(live) if live else []
    except (IndexCorrupt, OSError):
        return []


def _read_sentences(path: Path, article_ids: set[str]) -> list[Sentence]:
    try:
        with open(path, encoding="utf-8") as fh:
            hint = rebuild_hint(path.parent.parent)  # once: per line it cost 0.27 s of a cold start at 100k
            return [_sentence(path, n, line, article_ids, hint) for n, line in enumerate(fh, 1)]
    except UnicodeDecodeError as exc:
        raise IndexCorrupt(f"{path}: not UTF-8 ({exc}); {rebuild_hint(path.parent.parent)}") from exc


def _sentence(path: Path, n: int, line: str, article_ids: set[str], hint: str) -> Sentence:
    try:
        sid, aid, idx, text, start, end, kind = json.loads(line)
    except (ValueError, TypeError) as exc:  # not JSON, or not a list of seven fields
        raise IndexCorrupt(f"{path} line {n}: not a sentence record ({exc}); {hint}") from exc
    if not isinstance(aid, str) or aid not in article_ids:
        raise IndexCorrupt(f"{path} line {n}: article {aid!r} is not in articles.json; {hint}")
    return Sentence(sid, aid, idx, text, start, end, kind)


def data_files(gen: Path) -> list[str]:
    """The files a generation's manifest lists: all but the manifest and hidden ones (marker, temp files)."""
    return sorted(p.name for p in gen.iterdir() if p.is_file() and p.name != MANIFEST and p.name[0] != ".")


def publish(index_dir: Path, gen_tmp: Path, manifest: dict) -> Path:
    """Checksum every data file, write the manifest last, rename the folder and swap `current` to it."""
    manifest = dict(manifest)
    check_current_link(index_dir)
    names = data_files(gen_tmp)
    missing = set(DATA_FILES) - set(names)
    if missing:
        raise TinbotError(f"{gen_tmp}: {', '.join(sorted(missing))} not written; index not published")
    states = {name: file_state(gen_tmp / name) for name in names}
    manifest["files"] = {name: {"bytes": states[name][0], "sha256": file_sha256(gen_tmp / name)} for name in names}
    for name in names:
        with open(gen_tmp / name, "rb+") as fh:
            os.fsync(fh.fileno())
    note_verified(gen_tmp, {name: {"state": states[name], "sha256": manifest["files"][name]["sha256"]}
                            for name in names if file_state(gen_tmp / name) == states[name]})
    write_file_atomic(gen_tmp / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"))
    gen = gen_tmp.with_name(gen_tmp.name.removesuffix(".tmp"))
    os.rename(gen_tmp, gen)
    _point_current_at(index_dir, gen)
    return gen


def _point_current_at(index_dir: Path, gen: Path) -> None:
    """Swap `current` to `gen` in one rename; a failure leaves the old link (and no temporary one)."""
    link_tmp = index_dir / f".{CURRENT}.tmp-{os.getpid()}"
    link_tmp.unlink(missing_ok=True)
    try:
        os.symlink(gen.name, link_tmp)
        os.replace(link_tmp, index_dir / CURRENT)
    except BaseException:
        link_tmp.unlink(missing_ok=True)
        raise
    fsync_dir(index_dir)


def prune_generations(index_dir: Path, keep: int = 2) -> None:
    """Drop unfinished generations and all but the newest `keep` (readers may still use the last); folders
    tinbot did not make are left alone, whatever their name."""
    live = live_generation(index_dir)
    gens = [p for p in index_dir.glob("gen-*") if is_generation(p)]
    keepers = set(finished_generations(index_dir)[-keep:]) | ({live} if live else set())
    for path in gens:
        if path not in keepers:
            shutil.rmtree(path, ignore_errors=True)


def finished_generations(index_dir: Path) -> list[Path]:
    """The published generations tinbot made in `index_dir`, oldest first."""
    return sorted((p for p in index_dir.glob("gen-*") if is_generation(p) and not p.name.endswith(".tmp")),
                  key=_published_at)


def _published_at(gen: Path) -> tuple[int, str]:
    """When `gen` was published (its manifest is written last): names alone do not order generations made
    within one second."""
    try:
        return (gen / MANIFEST).stat().st_mtime_ns, gen.name
    except OSError:
        return 0, gen.name


def read_manifest(gen: Path) -> dict:
    """The manifest, if it is one: a JSON object naming the model, dimension and checksummed files."""
    path = gen / MANIFEST
    if path.exists() and not path.is_file():  # a FIFO would block the read for ever, a folder fails obscurely
        raise IndexCorrupt(f"{path} is not a regular file; {rebuild_hint(gen.parent)}")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:  # missing, not UTF-8, not JSON
        if isinstance(exc, OSError) and (refused := read_error(path, exc, gen.parent)):
            raise refused from exc
        raise IndexCorrupt(f"{path} is missing or unreadable; {rebuild_hint(gen.parent)}") from exc
    problem = _manifest_problem(manifest)
    if problem:
        raise IndexCorrupt(f"{path} is damaged or not tinbot's ({problem}); {rebuild_hint(gen.parent)}")
    return manifest


def _manifest_problem(manifest: object) -> str | None:
    if not isinstance(manifest, dict):
        return f"a JSON {type(manifest).__name__}, not an object"
    model, dim, files = manifest.get("model"), manifest.get("dim"), manifest.get("files")
    if not isinstance(model, str) or not model:
        return f"model {model!r}"
    if isinstance(dim, bool) or not isinstance(dim, int) or dim <= 0:
        return f"dimension {dim!r}"
    if not isinstance(files, dict):
        return "no file checksums"
    for name, info in files.items():
        if not (isinstance(info, dict) and isinstance(info.get("bytes"), int) and isinstance(info.get("sha256"), str)
                and name == Path(name).name):
            return f"bad checksum entry for {name!r}"
    return None


def verify(gen: Path, manifest: dict, *, checksums: bool = True) -> None:
    """Sizes always, checksums by default: a truncated, tampered, unlisted or missing file is an error, never
    silent garbage. A file whose size, modification and change times and inode are those it last matched its
    checksum with (`.verified`, written when publishing and after a check) is not hashed again: hashing every
    byte on each start took 1.9 s of a 3.6 s cold start at 100k sentences, and grows with the index."""
    hint = rebuild_hint(gen.parent)
    if manifest.get("format") != FORMAT_VERSION:
        raise ModelMismatch(f"{gen}: index format {manifest.get('format')} is not {FORMAT_VERSION}; {hint}")
    files = manifest["files"]
    unlisted = sorted(set(DATA_FILES) - set(files)) or sorted(set(data_files(gen)) - set(files))
    if unlisted:
        raise IndexCorrupt(f"{gen}: {', '.join(unlisted)} not listed in {MANIFEST} (damaged or mixed); {hint}")
    known = _read_verified(gen)
    confirmed = {}
    for name, info in files.items():
        path = gen / name
        if not path.is_file() or path.stat().st_size != info["bytes"]:
            state = "missing" if not path.is_file() else "truncated" if path.stat().st_size < info["bytes"] \
                else "longer than recorded (modified or damaged)"
            raise IndexCorrupt(f"{path}: {state}; {hint}")
        if not checksums:
            continue
        seen = {"state": file_state(path), "sha256": info["sha256"]}
        if known.get(name) == seen:
            confirmed[name] = seen
            continue
        try:
            matches = file_sha256(path) == info["sha256"]
        except OSError as exc:
            raise read_error(path, exc, gen.parent) or IndexCorrupt(f"{path}: unreadable ({exc}); {hint}") from exc
        if not matches:
            raise IndexCorrupt(f"{path}: checksum mismatch (modified or damaged); {hint}")
        if file_state(path) == seen["state"]:  # not changed while it was read
            confirmed[name] = seen
    if checksums and confirmed != known:
        note_verified(gen, confirmed)


def file_state(path: Path) -> list[int]:
    """What changes when a file's content may have: size, modification and change times, inode."""
    st = path.stat()
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def _read_verified(gen: Path) -> dict:
    try:
        known = json.loads((gen / VERIFIED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return known if isinstance(known, dict) else {}


def note_verified(gen: Path, confirmed: dict) -> None:
    """Remember the files whose checksums were just confirmed; best effort (a read-only index just hashes
    again next time)."""
    try:
        write_file_atomic(gen / VERIFIED, json.dumps(confirmed).encode("utf-8"))
    except OSError as exc:
        logger.debug("could not note verified checksums in %s: %s", gen, exc)


def open_generation(index_dir: Path) -> Path:
    """The live generation; a missing one is IndexNotFound only when there never was one."""
    ensure_not_live_file(index_dir)  # a file there is a mistake to name now, not a reason to build
    link = index_dir / CURRENT
    if not link.is_symlink():
        built = finished_generations(index_dir)
        if built:  # `current` deleted: building a seed index in its place would hide the user's articles
            newest = built[-1].name
            raise IndexCorrupt(f"{index_dir} holds a built index ({newest}) but its `{CURRENT}` link is missing; "
                               f"{rebuild_hint(index_dir)}, or link it back: ln -s {newest} {link}")
        raise IndexNotFound(f"no index in {index_dir}; build one with: tinbot index --index-dir {index_dir} "
                            "[PATH ...]")
    gen = live_generation(index_dir)
    if gen is None:
        raise IndexCorrupt(f"the live index generation of {index_dir} is missing: {link} points to "
                           f"{os.readlink(link)}, which is gone; {rebuild_hint(index_dir)}")
    return gen


def load_vectors(gen: Path, name: str = "embeddings.npy") -> np.ndarray | RowFile:
    """Per-sentence vectors, read as questions need them (`retrieval.rowfile`)."""
    try:
        return open_rows(gen / name)
    except (OSError, ValueError) as exc:
        if isinstance(exc, OSError) and (refused := read_error(gen / name, exc, gen.parent)):
            raise refused from exc
        raise IndexCorrupt(f"{gen}/{name}: unreadable ({exc}); {rebuild_hint(gen.parent)}") from exc


# Vectors stored per sentence besides its own, by kind, and the text format each is embedded from.
EXTRA_FORMATS = {"context": CONTEXT_FORMAT, "paragraph": PARAGRAPH_FORMAT, "rest": PARAGRAPH_FORMAT}
# A cached part of a long article holds every kind of vector: it is read back only if all formats still hold.
_PART_FORMATS = ";".join([f"tokens:{TOKEN_FORMAT}", *(f"{k}:{v}" for k, v in EXTRA_FORMATS.items())])


@dataclass(frozen=True)
class CachedPart:
    """The vectors of consecutive sentences of one article: its own, token vectors (None if the encoder gives
    none) and the second vectors of each kind in `EXTRA_FORMATS`."""
    vectors: np.ndarray
    tokens: TokenVectors | None
    extras: dict[str, np.ndarray]


class EmbeddingCache:
    """Per-article vectors keyed by content hash, under a folder per model, passage format and passage recipe
    (embeddings.encoder.passage_recipe_of): unchanged files are never re-embedded, and vectors computed another
    way are never mixed in."""

    def __init__(self, index_dir: Path, model_id: str, passage_format: str, recipe: str = "") -> None:
        key = f"{model_id}\0{passage_format}" + (f"\0{recipe}" if recipe else "")
        self.dir = index_dir / "cache" / hashlib.sha256(key.encode()).hexdigest()[:16]
        self.dir.mkdir(parents=True, exist_ok=True)

    def _path(self, sha256: str) -> Path:
        return self.dir / f"{sha256}.npy"

    def _extra_path(self, kind: str, sha256: str) -> Path:
        return self.dir / f"{sha256}.{kind}-{EXTRA_FORMATS[kind]}.npy"

    def get(self, sha256: str, n: int, dim: int) -> np.ndarray | None:
        return _read_vectors(self._path(sha256), n, dim)

    def put(self, sha256: str, vectors: np.ndarray) -> None:
        _write_vectors(self._path(sha256), vectors)

    def get_extra(self, kind: str, sha256: str, n: int, dim: int) -> np.ndarray | None:
        """The article's second vectors of `kind` (one of `EXTRA_FORMATS`: retrieval/passages.py), if cached."""
        return _read_vectors(self._extra_path(kind, sha256), n, dim)

    def put_extra(self, kind: str, sha256: str, vectors: np.ndarray) -> None:
        _write_vectors(self._extra_path(kind, sha256), vectors)

    def _tokens_path(self, sha256: str) -> Path:
        return self.dir / f"{sha256}.tokens-{TOKEN_FORMAT}.npz"

    def get_tokens(self, sha256: str, n: int, dim: int) -> TokenVectors | None:
        try:
            with np.load(self._tokens_path(sha256)) as z:
                tv = TokenVectors(z["data"], z["scales"], z["offsets"])
        except (OSError, ValueError, KeyError):
            return None
        return tv if _tokens_fit(tv, n, dim) else None

    def put_tokens(self, sha256: str, tokens: TokenVectors) -> None:
        _replace_with(self._tokens_path(sha256),
                     lambda fh: np.savez(fh, data=tokens.data, scales=tokens.scales, offsets=tokens.offsets))

    def _part_path(self, sha256: str, start: int, stop: int) -> Path:
        return self.dir / f"{sha256}.part-{start}-{stop}.npz"

    def get_part(self, sha256: str, start: int, stop: int, dim: int, with_tokens: bool) -> CachedPart | None:
        """Sentences `start`..`stop` of a long article, cached by an earlier run that did not finish it."""
        try:
            with np.load(self._part_path(sha256, start, stop)) as z:
                if str(z["formats"]) != _PART_FORMATS:
                    return None
                tokens = TokenVectors(z["data"], z["scales"], z["offsets"]) if with_tokens else None
                part = CachedPart(z["vectors"], tokens, {kind: z[kind] for kind in EXTRA_FORMATS})
        except (OSError, ValueError, KeyError):
            return None
        n = stop - start
        ok = all(block.shape == (n, dim) and block.dtype == np.float32
                 for block in (part.vectors, *part.extras.values()))
        return part if ok and (tokens is None or _tokens_fit(tokens, n, dim)) else None

    def put_part(self, sha256: str, start: int, stop: int, part: CachedPart) -> None:
        tokens = {} if part.tokens is None else {"data": part.tokens.data, "scales": part.tokens.scales,
                                                  "offsets": part.tokens.offsets}
        _replace_with(self._part_path(sha256, start, stop),
                      lambda fh: np.savez(fh, formats=np.array(_PART_FORMATS), vectors=part.vectors,
                                          **tokens, **part.extras))

    def drop_parts(self, sha256: str) -> None:
        """Once the whole article is cached, its parts are not needed."""
        for path in self.dir.glob(f"{sha256}.part-*.npz"):
            path.unlink(missing_ok=True)

    def prune(self, keep: set[str]) -> None:
        """Drop the files of articles not in `keep`, and token, context or paragraph files of an older format."""
        for path in [*self.dir.glob("*.npy"), *self.dir.glob("*.tokens*.npz"), *self.dir.glob("*.part-*.npz")]:
            stale = (".tokens-" in path.name and TOKEN_FORMAT not in path.name) or any(
                f".{kind}-" in path.name and fmt not in path.name for kind, fmt in EXTRA_FORMATS.items())
            if path.name.split(".")[0] not in keep or stale:
                path.unlink(missing_ok=True)


def _tokens_fit(tv: TokenVectors, n: int, dim: int) -> bool:
    """Token vectors read from the cache are int8 rows of `dim` for exactly `n` sentences, consistently sized."""
    return (tv.n_sentences == n and tv.data.ndim == 2 and tv.data.shape[1] == dim and tv.data.dtype == np.int8
            and len(tv.scales) == len(tv.data) == int(tv.offsets[-1]))


def _read_vectors(path: Path, n: int, dim: int) -> np.ndarray | None:
    """Float32 vectors of shape (n, dim) from `path`, or None if missing, unreadable or of another shape."""
    try:
        arr = np.load(path)
    except (OSError, ValueError):
        return None
    return arr if arr.shape == (n, dim) and arr.dtype == np.float32 else None


def _write_vectors(path: Path, vectors: np.ndarray) -> None:
    _replace_with(path, lambda fh: np.save(fh, np.asarray(vectors, dtype=np.float32)))


def ensure_not_live_file(index_dir: Path) -> None:
    """Refuse, before any work, an index folder that is a file or whose `current` is not tinbot's link."""
    if index_dir.exists() and not index_dir.is_dir():
        raise TinbotError(f"{index_dir} is a file, not an index folder; choose another --index-dir")
    check_current_link(index_dir)


def ensure_index_folder(index_dir: Path) -> None:
    """Refuse, before writing, a folder that holds other things but no sign of tinbot (a mistyped --index-dir
    such as a project or the model cache): an index goes into a new or empty folder, or an index folder."""
    ensure_not_live_file(index_dir)
    outer = next((p for p in Path(os.path.abspath(index_dir)).parents if (p / CURRENT).is_symlink()), None)
    if outer is not None:  # e.g. `--index-dir idx/sub`: a foreign folder inside an index, or an index inside one
        raise TinbotError(f"{index_dir} is inside the index folder {outer}; give --index-dir a folder outside it "
                          f"(or {outer} itself to rebuild that index)")
    if not index_dir.is_dir():
        return
    entries = [p for p in index_dir.iterdir() if not p.name.startswith(".")]
    ours = (index_dir / CURRENT).is_symlink() or (index_dir / ".lock").exists() or any(
        p.name == "cache" or is_generation(p) for p in entries)
    if entries and not ours:
        shown = ", ".join(sorted(p.name for p in entries)[:3]) + (", ..." if len(entries) > 3 else "")
        raise TinbotError(f"{index_dir} is not empty ({shown}) and holds no tinbot index; give --index-dir a new "
                          "or empty folder (tinbot fills it with current, gen-*, cache/)")
