"""FAISS indexes checked against the NumPy brute-force oracle."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from retrieval.vectors import FaissIndex, NumpyIndex


def unit(rng: np.random.Generator, n: int, d: int) -> np.ndarray:
    x = rng.standard_normal((n, d)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def test_flat_matches_numpy_oracle(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    vecs, queries = unit(rng, 2000, 64), unit(rng, 20, 64)
    index = FaissIndex.build(vecs, "flat")
    index.save(tmp_path / "v.faiss")
    loaded = FaissIndex.load(tmp_path / "v.faiss", "flat")
    fs, fi = loaded.search(queries, 10)
    ns, ni = NumpyIndex(vecs).search(queries, 10)
    np.testing.assert_allclose(fs, ns, atol=1e-5)
    # ids may differ only where scores tie
    for a, b, s in zip(fi, ni, ns):
        assert set(a[~np.isclose(s, s[-1])]) == set(b[~np.isclose(s, s[-1])])


def test_hnsw_recall_against_exact() -> None:
    rng = np.random.default_rng(0)
    vecs, queries = unit(rng, 5000, 64), unit(rng, 50, 64)
    _, approx = FaissIndex.build(vecs, "hnsw").search(queries, 10)
    _, exact = NumpyIndex(vecs).search(queries, 10)
    recall = np.mean([len(set(a) & set(e)) / 10 for a, e in zip(approx, exact)])
    assert recall >= 0.95


def test_fewer_vectors_than_k_pads_with_minus_one() -> None:
    vecs = unit(np.random.default_rng(1), 3, 8)
    for index in (FaissIndex.build(vecs, "flat"), NumpyIndex(vecs)):
        _, ids = index.search(vecs[:1], 5)
        assert list(ids[0][3:]) == [-1, -1] and ids[0][0] == 0


def test_unknown_kind_is_an_error() -> None:
    with pytest.raises(ValueError, match="flat, hnsw"):
        FaissIndex.build(np.zeros((1, 4), np.float32), "ivf")
