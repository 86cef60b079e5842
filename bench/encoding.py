"""Passage encoding throughput per backend, in interleaved rounds so machine load hits every backend alike.

Each round encodes the same slice of real passages (`<title>. <sentence>`, as the indexer embeds them) with
every backend in turn; the ratio to the baseline is taken per round and the median ratio reported. CPU seconds
are recorded too: on a shared machine they show what an otherwise idle one would do.
"""
from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bench.backends import BASELINE, BackendPool
from bench.corpus import SourceArticle
from retrieval.articles import parse_article
from retrieval.passages import passage_text


@dataclass(frozen=True)
class EncodingRow:
    backend: str
    sentences: int
    rounds: int
    sentences_per_s: float  # over all rounds, wall clock
    ratio: float  # median over rounds of (this backend's rate / baseline's rate in the same round)
    cpu_sentences_per_s: float  # sentences per CPU second (all threads), x cores = an idle machine's ceiling
    load_seconds: float
    cosine_min: float  # against the baseline's vectors of the same sentences
    cosine_mean: float


def passages_of(sources: Sequence[SourceArticle]) -> list[str]:
    out = []
    for src in sources:
        parsed = parse_article(f"date {src.date} {src.title}\n\n{src.body}", src.name, "0")
        out.extend(passage_text(parsed.article, s) for s in parsed.sentences)
    return out


def run_encoding(pool: BackendPool, backends: list[str], texts: Sequence[str], *, rounds: int = 3) -> list[EncodingRow]:
    names = [BASELINE] + [b for b in backends if b != BASELINE] if BASELINE in backends else list(backends)
    for name in names:
        pool.get(name)
    chunks = [list(c) for c in np.array_split(np.asarray(texts, dtype=object), rounds) if len(c)]
    wall = {n: 0.0 for n in names}
    cpu = {n: 0.0 for n in names}
    ratios: dict[str, list[float]] = {n: [] for n in names}
    vecs: dict[str, list[np.ndarray]] = {n: [] for n in names}
    for chunk in chunks:
        rate = {}
        for name in names:
            enc = pool.get(name)
            c0, t0 = time.process_time(), time.perf_counter()
            vecs[name].append(enc.encode_passages(chunk))
            dt, dc = time.perf_counter() - t0, time.process_time() - c0
            wall[name] += dt
            cpu[name] += dc
            rate[name] = len(chunk) / dt
        for name in names:
            ratios[name].append(rate[name] / rate[names[0]])
    base = np.concatenate(vecs[names[0]])
    rows = []
    for name in names:
        v = np.concatenate(vecs[name])
        cos = (v * base).sum(axis=1)
        rows.append(EncodingRow(name, len(texts), len(chunks), len(texts) / wall[name],
                                float(np.median(ratios[name])), len(texts) / max(cpu[name], 1e-9),
                                pool.load_seconds.get(name, float("nan")), float(cos.min()), float(cos.mean())))
    return rows
