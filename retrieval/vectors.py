"""The vector index behind a small interface: FAISS for real use, a NumPy twin as the test oracle.

Vectors are L2-normalised, so inner product is cosine similarity. Which FAISS index (`tinbot bench`, docs/SCALING.md):

- `flat` (exact) up to `HNSW_THRESHOLD` vectors: one question scans every vector, ~1.5 KB each
  (~6.5 ms at 100k, ~60 ms at 1M on one core).
- `hnsw` above it: HNSW32 over 8-bit scalar-quantised vectors (656 bytes a vector instead of 1,808 for HNSW
  over floats, and a faster build). The Searcher re-scores the top `CANDIDATES` with exact cosines from the
  float vectors, so what a user sees is the exact order of those candidates. efSearch grows with the index
  (`hnsw_ef_search`): measured on e5-like vectors (docs/SCALING.md), recall@10 after
  re-scoring 0.96-0.99 at 1M with efSearch 1024-2048 in 6-12 ms, where flat search takes ~60 ms.
- `ivfpq` on request (`index_kind="ivfpq"`): 48-byte product-quantised codes in inverted lists, for corpora
  whose float vectors no longer fit in memory (~10M sentences and up per machine); the exact re-scoring
  reads float vectors from the memory-mapped embeddings.npy, so recall after re-scoring stays high.
"""
from __future__ import annotations

import math
from pathlib import Path
from typing import Protocol

import numpy as np

KINDS = ("flat", "hnsw", "ivfpq")
HNSW_THRESHOLD = 100_000
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
# efSearch by index size: (up to this many vectors, efSearch). Recall falls as the graph grows, so the search
# widens with it; above the last size the last value holds.
HNSW_EF_SEARCH = ((300_000, 512), (3_000_000, 1024), (30_000_000, 2048))
IVF_PQ_M = 48  # bytes per vector (384 dims / 48 = 8 dims per sub-quantizer, 8 bits each)
IVF_NPROBE = 64
IVF_MIN_VECTORS = 10_000  # fewer than this cannot train the coarse quantizer well: use flat instead
# Threads FAISS may use to answer a question. One: a single query gains little from two threads on two cores,
# and on a busy machine OpenMP threads waiting for each other made flat search 3x slower (tinbot bench).
SEARCH_THREADS = 1


class VectorIndex(Protocol):
    kind: str

    @property
    def ntotal(self) -> int: ...

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Return (scores, ids), each of shape (len(queries), k); missing hits have id -1."""
        ...


class NumpyIndex:
    """Brute-force inner product in NumPy: the oracle FAISS results are checked against."""

    kind = "numpy"

    def __init__(self, vectors: np.ndarray) -> None:
        self._vectors = np.ascontiguousarray(vectors, dtype=np.float32)

    @property
    def ntotal(self) -> int:
        return len(self._vectors)

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        sims = np.asarray(queries, dtype=np.float32) @ self._vectors.T
        k_eff = min(k, self.ntotal)
        ids = np.argsort(-sims, axis=1, kind="stable")[:, :k_eff]
        scores = np.take_along_axis(sims, ids, axis=1)
        if k_eff < k:
            pad = k - k_eff
            ids = np.pad(ids, ((0, 0), (0, pad)), constant_values=-1)
            scores = np.pad(scores, ((0, 0), (0, pad)), constant_values=-np.inf)
        return scores.astype(np.float32), ids.astype(np.int64)


def choose_kind(n: int) -> str:
    """The automatic choice: exact below `HNSW_THRESHOLD` vectors, HNSW above."""
    return "hnsw" if n > HNSW_THRESHOLD else "flat"


def hnsw_ef_search(n: int) -> int:
    """efSearch for an HNSW index of `n` vectors (HNSW_EF_SEARCH)."""
    return next((ef for size, ef in HNSW_EF_SEARCH if n <= size), HNSW_EF_SEARCH[-1][1])


def ivf_lists(n: int) -> int:
    """Coarse cells for IVF: about 4 * sqrt(n), a power of two, at least 64 (FAISS's guideline)."""
    return max(64, 2 ** round(math.log2(4 * math.sqrt(max(n, 1)))))


class FaissIndex:
    """A FAISS index (flat, HNSW or IVF-PQ; inner product) read from or written to one file."""

    def __init__(self, index: object, kind: str) -> None:
        self._index = index
        self.kind = kind

    @property
    def ntotal(self) -> int:
        return int(self._index.ntotal)  # type: ignore[attr-defined]

    @classmethod
    def build(cls, vectors: np.ndarray, kind: str = "auto") -> FaissIndex:
        import faiss

        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        n, dim = len(vectors), vectors.shape[1]
        if kind == "auto":
            kind = choose_kind(n)
        if kind == "ivfpq" and n < IVF_MIN_VECTORS:
            kind = "flat"  # too few vectors to train on; exact search is fast at this size anyway
        if kind == "flat":
            index = faiss.IndexFlatIP(dim)
        elif kind == "hnsw":
            index = faiss.IndexHNSWSQ(dim, faiss.ScalarQuantizer.QT_8bit, HNSW_M, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
            index.train(vectors)
        elif kind == "ivfpq":
            m = IVF_PQ_M if dim % IVF_PQ_M == 0 else next(d for d in (32, 24, 16, 8, 4, 2, 1) if dim % d == 0)
            index = faiss.index_factory(dim, f"IVF{ivf_lists(n)},PQ{m}", faiss.METRIC_INNER_PRODUCT)
            rng = np.random.default_rng(0)
            sample = vectors if n <= 100_000 else vectors[np.sort(rng.choice(n, 100_000, replace=False))]
            index.train(sample)
        else:
            raise ValueError(f"unknown index kind {kind!r} (flat, hnsw, ivfpq or auto)")
        if n:
            index.add(vectors)
        built = cls(index, kind)
        built.set_search_params()
        return built

    def set_search_params(self, *, ef_search: int | None = None, nprobe: int | None = None) -> None:
        """Search-time knobs (defaults: `hnsw_ef_search(ntotal)`, IVF_NPROBE); not stored in the file."""
        if self.kind == "hnsw":
            self._index.hnsw.efSearch = ef_search or hnsw_ef_search(self.ntotal)  # type: ignore[attr-defined]
        elif self.kind == "ivfpq":
            import faiss

            faiss.extract_index_ivf(self._index).nprobe = nprobe or IVF_NPROBE

    def describe(self) -> str:
        if self.kind == "hnsw":
            storage = "_SQ8" if "SQ" in type(self._index).__name__ else ""
            return f"HNSW{HNSW_M}{storage},efC={HNSW_EF_CONSTRUCTION}"
        if self.kind == "ivfpq":
            import faiss

            ivf = faiss.extract_index_ivf(self._index)
            return f"IVF{ivf.nlist},PQ{ivf.code_size}"
        return "Flat"

    def save(self, path: Path) -> None:
        import faiss

        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path, kind: str) -> FaissIndex:
        import faiss

        # Memory-mapped, not read: the file's pages are shared with the page cache (and with other bot
        # replicas on the machine), and only those a search touches become resident.
        loaded = cls(faiss.read_index(str(path), faiss.IO_FLAG_MMAP), kind)
        loaded.set_search_params()
        faiss.omp_set_num_threads(SEARCH_THREADS)  # a loaded index serves questions (process-wide setting)
        return loaded

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        queries = np.ascontiguousarray(queries, dtype=np.float32)
        scores, ids = self._index.search(queries, k)  # type: ignore[attr-defined]
        return scores, ids
