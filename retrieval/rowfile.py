"""Rows of a 2-D .npy file read on demand with `pread`, instead of memory-mapping the file.

A question reads a few hundred scattered rows of the index's vector files (100 candidates' sentence and context
vectors, 30 re-scored sentences' paragraph vectors and token vectors). Memory-mapped, every row read maps the
page-cache folio around it into the process, and on this machine's kernel (Linux 6.18, ext4 with large folios)
a folio is up to 2 MB: reading 10 rows of 1.5 KB added 13-19 MB to the process's RSS, and 40 questions mapped
1.2 GB of a 100k-sentence index (service RSS 1,665 MB; 547 MB in the 2026-11-27 run, before these probes).
`pread` copies only the rows asked for, about 1 us a row; the page cache still keeps the files' hot parts, but
as the kernel's memory, shared and reclaimable, not the process's. A file of at most MAP_LIMIT bytes is still
mapped (`open_rows`): all of it resident costs less than the ~0.5 ms a question's reads add (at 10k sentences
only the token vectors are larger).
"""
from __future__ import annotations

import os
import weakref
from pathlib import Path

import numpy as np

from embeddings.errors import IndexCorrupt

MAP_LIMIT = 64 << 20


def open_rows(path: Path) -> np.ndarray | RowFile:
    """The 2-D array stored in `path`: memory-mapped up to MAP_LIMIT bytes, read by rows above."""
    if Path(path).stat().st_size <= MAP_LIMIT:
        arr = np.load(path, mmap_mode="r")
        if arr.ndim != 2:
            raise ValueError(f"not a 2-D array (shape {arr.shape})")
        return arr
    return RowFile(path)


class RowFile:
    """A read-only 2-D array stored as .npy whose rows are read when indexed: `rf[i]`, `rf[a:b]`,
    `rf[array_of_rows]` give ndarrays, `np.asarray(rf)` reads it all."""

    ndim = 2

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        with open(self.path, "rb") as fh:
            version = np.lib.format.read_magic(fh)
            read_header = {(1, 0): np.lib.format.read_array_header_1_0,
                           (2, 0): np.lib.format.read_array_header_2_0}.get(version)
            if read_header is None:
                raise ValueError(f".npy format version {version} is not supported")
            shape, fortran, dtype = read_header(fh)
            self._offset = fh.tell()
        if len(shape) != 2 or fortran or dtype.hasobject:
            raise ValueError(f"not a C-ordered 2-D array of numbers (shape {shape}, dtype {dtype})")
        self.shape: tuple[int, int] = (int(shape[0]), int(shape[1]))
        self.dtype = dtype
        self._row_bytes = self.shape[1] * dtype.itemsize
        expected = self._offset + self.shape[0] * self._row_bytes
        if self.path.stat().st_size < expected:
            raise ValueError(f"{self.path.stat().st_size} bytes, shorter than the {expected} its header gives")
        self._fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        weakref.finalize(self, os.close, self._fd)

    def __len__(self) -> int:
        return self.shape[0]

    def __repr__(self) -> str:
        return f"RowFile({str(self.path)!r}, shape={self.shape}, dtype={self.dtype})"

    def __getitem__(self, key: object) -> np.ndarray:
        if isinstance(key, (int, np.integer)):
            row = self._check(np.array([key], dtype=np.int64))[0]
            return self.runs(np.array([row]), np.array([1]))[0]
        if isinstance(key, slice):
            start, stop, step = key.indices(self.shape[0])
            if step == 1:
                return self.runs(np.array([start]), np.array([max(0, stop - start)]))
            key = np.arange(start, stop, step)
        rows = np.asarray(key)
        if rows.ndim != 1 or (rows.size and not np.issubdtype(rows.dtype, np.integer)):
            raise TypeError(f"RowFile rows must be an int, a slice or a 1-D array of ints, not {key!r:.80}")
        rows = self._check(rows.astype(np.int64))
        if np.all(rows[1:] > rows[:-1]):  # sorted and distinct already (candidate rows are)
            return self.runs(rows, np.ones(len(rows), dtype=np.int64))
        # Each distinct row once, in file order, so that neighbours are read in one call.
        distinct, back = np.unique(rows, return_inverse=True)
        return self.runs(distinct, np.ones(len(distinct), dtype=np.int64))[back.reshape(-1)]

    def runs(self, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Rows `starts[i]` to `starts[i] + lengths[i]` for each i, concatenated in that order; runs that
        follow each other in the file are read in one call (a call costs about 1 us)."""
        starts, lengths = np.asarray(starts, dtype=np.int64), np.asarray(lengths, dtype=np.int64)
        out = np.empty((int(lengths.sum()), self.shape[1]), dtype=self.dtype)
        if not len(lengths):
            return out
        view = memoryview(out.reshape(-1).view(np.uint8))
        firsts = np.flatnonzero(np.concatenate([[True], starts[1:] != starts[:-1] + lengths[:-1]]))
        at = 0
        for start, n in zip(starts[firsts].tolist(), np.add.reduceat(lengths, firsts).tolist()):
            size = n * self._row_bytes
            if size and os.preadv(self._fd, [view[at:at + size]], self._offset + start * self._row_bytes) != size:
                raise IndexCorrupt(f"{self.path}: shorter than when it was opened (changed under tinbot); "
                                   f"rebuild the index with tinbot index")
            at += size
        return out

    def __array__(self, dtype: object = None, copy: object = None) -> np.ndarray:
        whole = self.runs(np.array([0]), np.array([self.shape[0]]))
        return whole if dtype is None else whole.astype(dtype)

    def _check(self, rows: np.ndarray) -> np.ndarray:
        n = self.shape[0]
        if rows.size and (rows.min() < -n or rows.max() >= n):
            raise IndexError(f"row out of range for {n} rows")
        return np.where(rows < 0, rows + n, rows)
