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
      cache/<model>/<sha256>.npy              per-article vectors by content hash (survive crashes)
      cache/<model>/<sha256>.tokens-*.npz     per-article token vectors
      cache/<model>/<sha256>.context-*.npy    per-article context vectors
      .lock                                   held by the one writer

A generation is written completely (manifest last) before `current` points at it, so a crash at any moment
leaves the previous index live. Readers verify sizes and checksums from the manifest.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import BinaryIO

import numpy as np

from embeddings.errors import IndexCorrupt, IndexNotFound, ModelMismatch, TinbotError
from retrieval.maxsim import TOKEN_FORMAT, TokenVectors
from retrieval.passages import CONTEXT_FORMAT
from retrieval.types import Article, Sentence

logger = logging.getLogger(__name__)

FORMAT_VERSION = 1
CURRENT = "current"
DATA_FILES = ("vectors.faiss", "embeddings.npy", "articles.json", "sentences.jsonl")  # in every generation


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
    with open(tmp, "wb") as fh:
        write(fh)
        if sync:
            fh.flush()
            os.fsync(fh.fileno())
    os.replace(tmp, path)


@contextmanager
def writer_lock(index_dir: Path) -> Iterator[None]:
    """One writer at a time per index folder; a second `tinbot index` waits instead of racing."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / ".lock", "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            logger.warning("%s: another indexer is running; waiting for it", index_dir)
            fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def live_generation(index_dir: Path) -> Path | None:
    link = index_dir / CURRENT
    if not link.is_symlink() and not link.exists():
        return None
    target = link.resolve()
    return target if target.is_dir() else None


def new_generation_dir(index_dir: Path) -> Path:
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    path = index_dir / f"gen-{stamp}-{os.getpid()}-{time.monotonic_ns() % 100000:05d}.tmp"
    path.mkdir(parents=True)
    return path


def write_metadata(gen: Path, articles: list[Article], sentences: list[Sentence]) -> None:
    (gen / "articles.json").write_text(json.dumps([asdict(a) for a in articles], ensure_ascii=False),
                                       encoding="utf-8")
    with open(gen / "sentences.jsonl", "w", encoding="utf-8") as fh:
        for s in sentences:
            fh.write(json.dumps([s.sentence_id, s.article_id, s.index, s.text, s.start, s.end, s.kind],
                                ensure_ascii=False))
            fh.write("\n")


def read_metadata(gen: Path) -> tuple[list[Article], list[Sentence]]:
    raw = json.loads((gen / "articles.json").read_text(encoding="utf-8"))
    articles = [Article(**{**a, "captions": tuple(a["captions"])}) for a in raw]
    sentences = []
    with open(gen / "sentences.jsonl", encoding="utf-8") as fh:
        for line in fh:
            sid, aid, idx, text, start, end, kind = json.loads(line)
            sentences.append(Sentence(sid, aid, idx, text, start, end, kind))
    return articles, sentences


def publish(index_dir: Path, gen_tmp: Path, manifest: dict) -> Path:
    """Checksum every data file, write the manifest last, rename the folder and swap `current` to it."""
    manifest = dict(manifest)
    names = sorted(p.name for p in gen_tmp.iterdir() if p.is_file() and p.name != "manifest.json")
    missing = set(DATA_FILES) - set(names)
    if missing:
        raise TinbotError(f"{gen_tmp}: {', '.join(sorted(missing))} not written; index not published")
    manifest["files"] = {name: {"bytes": (gen_tmp / name).stat().st_size, "sha256": file_sha256(gen_tmp / name)}
                         for name in names}
    for name in names:
        with open(gen_tmp / name, "rb+") as fh:
            os.fsync(fh.fileno())
    write_file_atomic(gen_tmp / "manifest.json",
                      json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"))
    gen = gen_tmp.with_name(gen_tmp.name.removesuffix(".tmp"))
    os.rename(gen_tmp, gen)
    link_tmp = index_dir / f".{CURRENT}.tmp-{os.getpid()}"
    if link_tmp.is_symlink() or link_tmp.exists():
        link_tmp.unlink()
    os.symlink(gen.name, link_tmp)
    os.replace(link_tmp, index_dir / CURRENT)
    fsync_dir(index_dir)
    return gen


def prune_generations(index_dir: Path, keep: int = 2) -> None:
    """Drop unfinished folders and all but the newest `keep` generations (readers may still use the last)."""
    live = live_generation(index_dir)
    gens = sorted(p for p in index_dir.glob("gen-*") if p.is_dir())
    finished = [p for p in gens if not p.name.endswith(".tmp")]
    keepers = set(finished[-keep:]) | ({live} if live else set())
    for path in gens:
        if path not in keepers:
            shutil.rmtree(path, ignore_errors=True)


def read_manifest(gen: Path) -> dict:
    try:
        return json.loads((gen / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise IndexCorrupt(f"{gen}: manifest.json is missing or unreadable; rebuild with: tinbot index") from exc


def verify(gen: Path, manifest: dict, *, checksums: bool = True) -> None:
    """Sizes always, checksums by default: a truncated or tampered file is an error, never silent garbage."""
    if manifest.get("format") != FORMAT_VERSION:
        raise ModelMismatch(f"{gen}: index format {manifest.get('format')} is not {FORMAT_VERSION}; "
                            "rebuild with: tinbot index")
    for name, info in manifest.get("files", {}).items():
        path = gen / name
        if not path.is_file() or path.stat().st_size != info["bytes"]:
            raise IndexCorrupt(f"{path}: missing or truncated; rebuild with: tinbot index")
        if checksums and file_sha256(path) != info["sha256"]:
            raise IndexCorrupt(f"{path}: checksum mismatch (modified or damaged); rebuild with: tinbot index")


def open_generation(index_dir: Path) -> Path:
    gen = live_generation(index_dir)
    if gen is None:
        raise IndexNotFound(f"no index in {index_dir}; build one with: tinbot index [PATH ...]")
    return gen


def load_vectors(gen: Path, name: str = "embeddings.npy") -> np.ndarray:
    try:
        return np.load(gen / name, mmap_mode="r")
    except (OSError, ValueError) as exc:
        raise IndexCorrupt(f"{gen}/{name}: unreadable ({exc}); rebuild with: tinbot index") from exc


class EmbeddingCache:
    """Per-article vectors keyed by content hash and passage format: unchanged files are never re-embedded."""

    def __init__(self, index_dir: Path, model_id: str, passage_format: str) -> None:
        slug = hashlib.sha256(f"{model_id}\0{passage_format}".encode()).hexdigest()[:16]
        self.dir = index_dir / "cache" / slug
        self.dir.mkdir(parents=True, exist_ok=True)

    def _path(self, sha256: str) -> Path:
        return self.dir / f"{sha256}.npy"

    def _context_path(self, sha256: str) -> Path:
        return self.dir / f"{sha256}.context-{CONTEXT_FORMAT}.npy"

    def get(self, sha256: str, n: int, dim: int) -> np.ndarray | None:
        return _read_vectors(self._path(sha256), n, dim)

    def put(self, sha256: str, vectors: np.ndarray) -> None:
        _write_vectors(self._path(sha256), vectors)

    def get_context(self, sha256: str, n: int, dim: int) -> np.ndarray | None:
        """The article's context vectors (`retrieval/passages.py: context_texts`), if cached."""
        return _read_vectors(self._context_path(sha256), n, dim)

    def put_context(self, sha256: str, vectors: np.ndarray) -> None:
        _write_vectors(self._context_path(sha256), vectors)

    def _tokens_path(self, sha256: str) -> Path:
        return self.dir / f"{sha256}.tokens-{TOKEN_FORMAT}.npz"

    def get_tokens(self, sha256: str, n: int, dim: int) -> TokenVectors | None:
        try:
            with np.load(self._tokens_path(sha256)) as z:
                tv = TokenVectors(z["data"], z["scales"], z["offsets"])
        except (OSError, ValueError, KeyError):
            return None
        ok = tv.n_sentences == n and tv.data.ndim == 2 and tv.data.shape[1] == dim and tv.data.dtype == np.int8
        return tv if ok and len(tv.scales) == len(tv.data) == int(tv.offsets[-1]) else None

    def put_tokens(self, sha256: str, tokens: TokenVectors) -> None:
        _replace_with(self._tokens_path(sha256),
                     lambda fh: np.savez(fh, data=tokens.data, scales=tokens.scales, offsets=tokens.offsets))

    def prune(self, keep: set[str]) -> None:
        """Drop the files of articles not in `keep`, and token or context files of an older format."""
        for path in [*self.dir.glob("*.npy"), *self.dir.glob("*.tokens*.npz")]:
            stale = (path.suffix == ".npz" and TOKEN_FORMAT not in path.name) or (
                ".context-" in path.name and CONTEXT_FORMAT not in path.name)
            if path.name.split(".")[0] not in keep or stale:
                path.unlink(missing_ok=True)


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
    if index_dir.exists() and not index_dir.is_dir():
        raise TinbotError(f"{index_dir} is a file, not an index folder; choose another --index-dir")
