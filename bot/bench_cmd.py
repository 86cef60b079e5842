"""`tinbot bench`: speed, memory and retrieval quality, each beside a baseline measured in the same run.

Only argument parsing lives at import time; the benchmark (numpy, faiss, the models) is imported when run.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

SECTION_NAMES = ("encoding", "quality", "indexing", "ann", "latency", "process")


def _sizes(text: str) -> tuple[int, ...]:
    """'1k,10k,1M' -> (1000, 10000, 1000000)."""
    out = []
    for part in text.split(","):
        part = part.strip().lower()
        mult = 1_000_000 if part.endswith("m") else 1_000 if part.endswith("k") else 1
        try:
            out.append(int(float(part.rstrip("km")) * mult))
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a list of sizes: {text!r} (e.g. 1k,10k,100k)") from None
    return tuple(out)


def add_bench_parser(sub: argparse._SubParsersAction, add_common: Callable[..., None]) -> None:
    p = sub.add_parser(
        "bench", help="benchmark encoding, indexing, search latency, cold start and memory",
        description="Measure encoding throughput per backend, `tinbot index` end to end, retrieval quality "
        "(XQuAD-vi Hit@1), FAISS alone at 100k/1M random vectors, warm question latency at 1k-1M sentences, "
        "cold start and memory. Every figure sits beside the baseline (sentence-transformers fp32 + exact "
        "FAISS) measured in the same run. Prints tables on stdout; --json writes everything. The full run "
        "takes one to two hours on 2 cores (the 1M HNSW builds dominate) and ~10 GB of memory; --quick is a "
        "smoke run of about a minute.")
    p.add_argument("--model", metavar="M", help="model to benchmark (default intfloat/multilingual-e5-small; "
                   "'hashing' checks the benchmark itself in seconds)")
    p.add_argument("--quick", action="store_true", help="small sizes, no quality or indexing section (CI)")
    p.add_argument("--json", metavar="FILE", help="also write all results to FILE as JSON")
    p.add_argument("--only", metavar="SECTIONS", help="comma-separated subset of: " + ", ".join(SECTION_NAMES))
    p.add_argument("--latency-sizes", type=_sizes, metavar="N,N", help="sentences for the latency section "
                   "(default 1k,10k,100k,1M; quick 1k)")
    p.add_argument("--ann-sizes", type=_sizes, metavar="N,N", help="vectors for FAISS alone "
                   "(default 100k,1M; quick 10k)")
    p.add_argument("--questions", type=int, metavar="N", help="questions per latency measurement (default 100)")
    p.add_argument("--quality-limit", type=int, metavar="N", help="XQuAD-vi questions per language (default all)")
    p.add_argument("--work-dir", metavar="DIR", help="scratch folder for generated corpora and indexes "
                   "(default: a temporary folder, removed afterwards)")
    p.set_defaults(func=cmd_bench)


def cmd_bench(args: argparse.Namespace) -> int:
    from bench.run import BenchConfig, render_tables, run_bench, write_json
    from embeddings.errors import TinbotError
    from retrieval.config import Settings

    settings = Settings.from_env()
    over: dict = {}
    if args.model:
        over["model"] = args.model
    if args.only:
        wanted = tuple(s.strip() for s in args.only.split(",") if s.strip())
        unknown = [s for s in wanted if s not in SECTION_NAMES]
        if unknown:
            raise TinbotError(f"unknown bench section(s) {', '.join(unknown)}; choose from {', '.join(SECTION_NAMES)}")
        over["sections"] = wanted
    for key in ("latency_sizes", "ann_sizes", "questions", "quality_limit"):
        if getattr(args, key) is not None:
            over[key] = getattr(args, key)
    if args.work_dir:
        over["work_dir"] = Path(args.work_dir)
        Path(args.work_dir).mkdir(parents=True, exist_ok=True)
    cfg = (BenchConfig.quick_config(settings.cache_dir, **over) if args.quick
           else BenchConfig(cache_dir=settings.cache_dir, **over))
    result = run_bench(cfg, note=lambda m: print(m, file=sys.stderr, flush=True))
    print(render_tables(result))
    if args.json:
        write_json(result, Path(args.json))
        print(f"results written to {args.json}", file=sys.stderr)
    return 0
