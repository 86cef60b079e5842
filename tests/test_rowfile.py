"""Index vectors read by rows with pread (retrieval/rowfile.py) give what the stored array holds."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from retrieval import rowfile
from retrieval.index import load_index
from retrieval.indexer import build_index
from retrieval.maxsim import TokenVectors
from retrieval.rowfile import RowFile, open_rows
from retrieval.search import Searcher
from tests.conftest import DATA
from tests.test_search import WordTokens


@pytest.fixture()
def stored(tmp_path: Path) -> tuple[np.ndarray, RowFile]:
    arr = np.random.default_rng(0).standard_normal((50, 8)).astype(np.float32)
    np.save(tmp_path / "v.npy", arr)
    return arr, RowFile(tmp_path / "v.npy")


def test_rows_read_by_index_slice_and_list_are_the_stored_ones(stored) -> None:
    arr, rf = stored
    assert rf.shape == arr.shape and rf.dtype == arr.dtype and len(rf) == 50 and rf.ndim == 2
    np.testing.assert_array_equal(rf[3], arr[3])
    np.testing.assert_array_equal(rf[-1], arr[-1])
    np.testing.assert_array_equal(rf[np.int64(7)], arr[7])
    np.testing.assert_array_equal(rf[10:20], arr[10:20])
    np.testing.assert_array_equal(rf[40:100], arr[40:100])
    np.testing.assert_array_equal(rf[::7], arr[::7])
    rows = np.array([49, 0, 13, 13, -2])  # any order, repeats, from the end
    np.testing.assert_array_equal(rf[rows], arr[rows])
    assert rf[np.array([], dtype=np.int64)].shape == (0, 8)
    np.testing.assert_array_equal(np.asarray(rf), arr)
    np.testing.assert_array_equal(rf.runs(np.array([5, 0]), np.array([3, 2])), np.concatenate([arr[5:8], arr[0:2]]))


def test_bad_rows_are_refused(stored) -> None:
    _, rf = stored
    with pytest.raises(IndexError):
        rf[np.array([1, 50])]
    with pytest.raises(IndexError):
        rf[-51]
    with pytest.raises(TypeError):
        rf[np.array([0.5])]


def test_the_file_is_read_not_mapped_into_the_process(stored) -> None:
    """Mapped, each row read brought up to 2 MB of page cache into the process (see the module docstring)."""
    _, rf = stored
    rf[np.arange(50)]
    assert str(rf.path) not in Path("/proc/self/maps").read_text()


def test_a_file_that_is_not_a_2d_array_or_is_cut_short_is_refused(tmp_path: Path) -> None:
    np.save(tmp_path / "one.npy", np.zeros(5, np.float32))
    with pytest.raises(ValueError, match="2-D"):
        RowFile(tmp_path / "one.npy")
    np.save(tmp_path / "cut.npy", np.zeros((10, 4), np.float32))
    data = (tmp_path / "cut.npy").read_bytes()
    (tmp_path / "cut.npy").write_bytes(data[:-16])
    with pytest.raises(ValueError, match="shorter"):
        RowFile(tmp_path / "cut.npy")


def test_small_files_are_mapped_and_larger_ones_read_by_rows(stored, monkeypatch) -> None:
    arr, rf = stored
    assert isinstance(open_rows(rf.path), np.memmap)
    monkeypatch.setattr(rowfile, "MAP_LIMIT", arr.nbytes - 1)
    assert isinstance(open_rows(rf.path), RowFile)


def test_token_vectors_read_by_rows_gather_what_they_gather_in_memory(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(rowfile, "MAP_LIMIT", 0)
    rng = np.random.default_rng(1)
    blocks = [rng.standard_normal((n, 6)).astype(np.float32) for n in (3, 0, 5, 1, 4)]
    held = TokenVectors.from_blocks(blocks, 6)
    held.save(tmp_path)
    loaded = TokenVectors.load(tmp_path)
    assert isinstance(loaded.data, RowFile)
    rows = np.array([4, 0, 2, 1, 2])
    for got, want in zip(loaded.gather(rows), held.gather(rows)):
        np.testing.assert_array_equal(got, want)


def test_an_index_read_by_rows_ranks_as_the_mapped_one(tmp_path: Path, monkeypatch) -> None:
    enc = WordTokens()
    build_index([DATA / "articles"], enc, tmp_path / "idx")
    mapped = load_index(tmp_path / "idx")
    monkeypatch.setattr(rowfile, "MAP_LIMIT", 0)
    read = load_index(tmp_path / "idx")
    read_by_rows = (read.vectors, read.context, read.paragraph, read.rest, read.tokens.data)
    assert all(isinstance(a, RowFile) for a in read_by_rows)
    for question in [s.text for s in mapped.sentences[::7]] + ["thu ngân sách", "what was budget revenue?"]:
        want, got = (Searcher(ix, enc, "hybrid").search(question, 5) for ix in (mapped, read))
        assert [(h.row, h.score, h.maxsim, h.paragraph) for h in got] == [(h.row, h.score, h.maxsim, h.paragraph)
                                                                         for h in want]
