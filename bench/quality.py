"""Retrieval quality per backend combination on the XQuAD-vi dev questions (Hit@1, as `tinbot eval` scores it).

The corpus is the XQuAD-vi paragraphs converted by `retrieval.xquad` (one article per paragraph); questions
are English and Vietnamese. Each passage backend indexes the corpus once; each query backend then asks all
questions through the same `QAService` path the bot uses.
"""
from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bench.backends import BackendPool
from embeddings.encoder import Encoder, questions_in, token_layer_of
from embeddings.registry import SplitEncoder
from retrieval.config import Settings
from retrieval.evaluate import parse_gold, run_gold
from retrieval.index import load_index
from retrieval.indexer import build_index
from retrieval.service import QAService
from retrieval.xquad import convert_xquad


class _MemoQueries:
    """Query vectors (and token vectors) memoised by text: each question is embedded once per query backend,
    whatever the mode."""

    def __init__(self, inner: Encoder) -> None:
        self.model_id, self.dim, self._inner = inner.model_id, inner.dim, inner
        self._memo: dict[str, np.ndarray] = {}
        self._tuned: dict[str, _MemoQueries] = {}

    def for_questions_in(self, lang: str) -> _MemoQueries:
        """Questions in `lang` through the inner encoder's tuning for it, if any, memoised apart."""
        if lang not in self._tuned:
            tuned = questions_in(self._inner, lang)
            self._tuned[lang] = self if tuned is self._inner else _MemoQueries(tuned)
        return self._tuned[lang]

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        key = "\0".join(texts)
        if key not in self._memo:
            self._memo[key] = self._inner.encode_queries(texts)
        return self._memo[key]

    def encode_passages(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        return self._inner.encode_passages(texts, progress=progress)

    @property
    def token_layer(self) -> int | None:
        return token_layer_of(self._inner)

    def encode_queries_with_tokens(self, texts: Sequence[str]) -> tuple[np.ndarray, list[np.ndarray]]:
        key = "\0tokens\0" + "\0".join(texts)
        if key not in self._memo:
            self._memo[key] = self._inner.encode_queries_with_tokens(texts)  # type: ignore[attr-defined]
        return self._memo[key]  # type: ignore[return-value]

    def encode_passages_with_tokens(self, texts: Sequence[str], starts: Sequence[int], *,
                                    progress: bool = False) -> tuple[np.ndarray, list[np.ndarray]]:
        return self._inner.encode_passages_with_tokens(texts, starts, progress=progress)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class QualityRow:
    query: str
    passage: str
    mode: str
    questions: int
    hit1: float
    hit1_vi: float
    hit1_en: float
    mrr: float
    answered_correct_at_1: float
    index_seconds: float


def run_quality(pool: BackendPool, combos: list[tuple[str, str]], xquad: Path, *, modes: tuple[str, ...] = ("hybrid",),
                limit: int | None = None, work: Path | None = None,
                on_row: Callable[[QualityRow], None] | None = None) -> list[QualityRow]:
    with tempfile.TemporaryDirectory(prefix="tinbot-bench-q-", dir=work) as tmp:
        tmp_path = Path(tmp)
        conv = convert_xquad(xquad, tmp_path / "xquad")
        items = parse_gold(conv.gold_path.read_text(encoding="utf-8").splitlines(), str(conv.gold_path))
        if limit:
            # Keep both languages: the gold file lists English then Vietnamese questions.
            half = max(1, limit // 2)
            items = [i for i in items if i.lang == "en"][:half] + [i for i in items if i.lang == "vi"][:half]
        rows: list[QualityRow] = []
        indexes: dict[str, tuple[Path, float]] = {}
        memo: dict[str, _MemoQueries] = {}
        for query, passage in combos:
            if passage not in indexes:
                idx_dir = tmp_path / f"index-{passage}"
                enc = pool.split(passage, passage)
                started = time.perf_counter()
                build_index([conv.corpus_dir], enc, idx_dir)
                indexes[passage] = (idx_dir, time.perf_counter() - started)
            idx_dir, seconds = indexes[passage]
            if query not in memo:
                memo[query] = _MemoQueries(pool.split(query, query))
            enc = SplitEncoder(memo[query].model_id, memo[query].dim, lambda q=query: memo[q],
                               lambda p=passage: pool.get(p), f"{query}:{passage}")
            settings = Settings(cache_dir=pool.cache_dir, index_dir=idx_dir, model=enc.model_id,
                                corpus=(conv.corpus_dir,))
            index = load_index(idx_dir)
            for mode in modes:
                service = QAService(settings, index, mode=mode, encoder=enc)
                report = run_gold(service, items, depth=5)
                by = report.by_lang
                rows.append(QualityRow(query, passage, mode, report.overall.answerable, report.overall.hit(1) or 0.0,
                                       by["vi"].hit(1) if "vi" in by else float("nan"),
                                       by["en"].hit(1) if "en" in by else float("nan"),
                                       report.overall.mrr, report.overall.answered_correct_at_1, seconds))
                if on_row is not None:
                    on_row(rows[-1])
        return rows
