"""FAISS alone on random unit vectors (dim 384): latency, recall@10 against exact search, bytes per vector and
build time, for the index types `retrieval.vectors` can build.

Recall is given two ways: `recall@10` compares the index's own top 10 with the exact top 10; `rerank@10`
compares the exact top 10 with the top 10 after re-scoring the index's top `CANDIDATES` with exact cosines,
which is what `retrieval.search.Searcher` does, so it is the recall a user sees.
Uniform random vectors have no cluster structure: they are the hard case for every approximate index.
"""
from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bench.stats import percentile

DIM = 384
CANDIDATES = 100  # as retrieval.search.CANDIDATES


@dataclass(frozen=True)
class AnnRow:
    n: int
    kind: str  # as retrieval.vectors: flat, hnsw, ivfpq (with parameters in `params`)
    params: str
    build_seconds: float
    bytes_per_vector: float
    p50_ms: float
    p95_ms: float
    cpu_p50_ms: float  # CPU time per query: what an idle machine would show for this single-threaded search
    recall_at_10: float
    rerank_at_10: float


def unit_vectors(n: int, dim: int = DIM, seed: int = 0, chunk: int = 100_000) -> np.ndarray:
    rng = np.random.default_rng(seed)
    out = np.empty((n, dim), dtype=np.float32)
    for start in range(0, n, chunk):
        block = rng.standard_normal((min(chunk, n - start), dim), dtype=np.float32)
        out[start:start + len(block)] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return out


def exact_topk(base: np.ndarray, queries: np.ndarray, k: int, chunk: int = 200_000) -> np.ndarray:
    """Exact top-k ids by inner product, in chunks so 1M x queries never sits in memory at once."""
    best_s = np.full((len(queries), 0), -np.inf, dtype=np.float32)
    best_i = np.zeros((len(queries), 0), dtype=np.int64)
    for start in range(0, len(base), chunk):
        sims = queries @ base[start:start + chunk].T
        part = np.argpartition(-sims, min(k, sims.shape[1] - 1), axis=1)[:, :k]
        s = np.take_along_axis(sims, part, axis=1)
        best_s = np.concatenate([best_s, s], axis=1)
        best_i = np.concatenate([best_i, part + start], axis=1)
        keep = np.argsort(-best_s, axis=1)[:, :k]
        best_s = np.take_along_axis(best_s, keep, axis=1)
        best_i = np.take_along_axis(best_i, keep, axis=1)
    return best_i


def _recall(found: np.ndarray, truth: np.ndarray, k: int = 10) -> float:
    hits = sum(len(set(f[:k].tolist()) & set(t[:k].tolist())) for f, t in zip(found, truth))
    return hits / (len(truth) * k)


def _index_bytes(index: object) -> int:
    import faiss

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "i.faiss"
        faiss.write_index(index, str(path))
        return os.path.getsize(path)


def measure_index(base: np.ndarray, queries: np.ndarray, truth: np.ndarray, kind: str,
                  search_params: list[dict]) -> list[AnnRow]:
    """Build one index of `kind` over `base`; measure each search setting (e.g. several efSearch values)."""
    import faiss

    from retrieval.vectors import SEARCH_THREADS, FaissIndex

    threads = faiss.omp_get_max_threads()
    started = time.perf_counter()
    index = FaissIndex.build(base, kind)
    build = time.perf_counter() - started
    faiss.omp_set_num_threads(SEARCH_THREADS)  # search as a loaded index does
    nbytes = _index_bytes(index._index)
    rows = []
    for params in search_params or [{}]:
        index.set_search_params(**params)
        index.search(queries[:5], CANDIDATES)  # warm
        times, cpu, found = [], [], []
        for q in queries:
            c0, t0 = time.process_time(), time.perf_counter()
            _, ids = index.search(q[None, :], CANDIDATES)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
            found.append(ids[0])
        found_arr = np.stack(found)
        # Exact re-scoring of the candidates, as the Searcher does.
        reranked = []
        for q, ids in zip(queries, found_arr):
            ids = ids[ids >= 0]
            order = np.argsort(-(base[ids] @ q), kind="stable")
            reranked.append(ids[order])
        rerank = np.stack([np.pad(r[:10], (0, 10 - min(10, len(r))), constant_values=-1) for r in reranked])
        label = ",".join(f"{k}={v}" for k, v in params.items()) or index.describe()
        rows.append(AnnRow(len(base), index.kind, label if not params else f"{index.describe()} {label}",
                           build, nbytes / len(base), percentile(times, 50) * 1e3, percentile(times, 95) * 1e3,
                           percentile(cpu, 50) * 1e3,
                           _recall(found_arr, truth), _recall(rerank, truth)))
    del index
    faiss.omp_set_num_threads(threads)
    return rows


def run_ann(sizes: list[int], *, queries: int = 200, kinds: dict[str, list[dict]] | None = None,
            seed: int = 0) -> list[AnnRow]:
    """FAISS alone at each size; `kinds` maps an index kind to the search settings to try."""
    kinds = kinds or {"flat": [{}], "hnsw": [{"ef_search": ef} for ef in (256, 512, 1024, 2048)],
                      "ivfpq": [{"nprobe": 16}, {"nprobe": 64}]}
    rows: list[AnnRow] = []
    for n in sizes:
        base = unit_vectors(n, seed=seed)
        qs = unit_vectors(queries, seed=seed + 1)
        truth = exact_topk(base, qs, 10)
        for kind, params in kinds.items():
            rows.extend(measure_index(base, qs, truth, kind, params))
        del base
    return rows
