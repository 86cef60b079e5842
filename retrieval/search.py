"""Ranking sentences for a question: dense (FAISS), lexical (BM25) or hybrid.

Hybrid adds the lexical score, scaled by the best lexical score for the question, to the dense cosine for
Vietnamese questions only: lexical evidence helps Vietnamese questions and hurts English ones (measured).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from embeddings.encoder import Encoder
from retrieval.index import LoadedIndex
from retrieval.language import detect_language, has_diacritics
from retrieval.lexical import LexicalIndex
from retrieval.textnorm import normalize

MODES = ("dense", "lexical", "hybrid")
CANDIDATES = 100
LEXICAL_WEIGHT = 0.1
CAPTION_PENALTY = 0.02


@dataclass(frozen=True)
class Hit:
    row: int
    score: float
    dense: float
    lexical: float


class Searcher:
    def __init__(self, index: LoadedIndex, encoder: Encoder, mode: str = "hybrid") -> None:
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; choose one of {', '.join(MODES)}")
        self.index = index
        self.encoder = encoder
        self.mode = mode

    @cached_property
    def lexical(self) -> LexicalIndex:
        return LexicalIndex([s.text for s in self.index.sentences])

    @cached_property
    def _caption_mask(self) -> np.ndarray:
        return np.array([s.kind == "caption" for s in self.index.sentences], dtype=bool)

    def search(self, question: str, k: int) -> list[Hit]:
        n = len(self.index.sentences)
        if n == 0 or not question.strip():
            return []
        q = normalize(question)
        lang = detect_language(q)
        dense = np.full(n, -1.0, dtype=np.float32)
        if self.mode in ("dense", "hybrid"):
            qvec = self.encoder.encode_queries([q])
            scores, ids = self.index.faiss.search(qvec, min(CANDIDATES, n))
            keep = ids[0] >= 0
            cand = ids[0][keep]
            # Exact cosine for the candidates, so an approximate index never distorts the scores.
            dense[cand] = np.asarray(self.index.vectors[cand]) @ qvec[0]
        lexical = np.zeros(n, dtype=np.float32)
        if self.mode == "lexical" or (self.mode == "hybrid" and lang == "vi"):
            lexical = self.lexical.scores(q, folded=not has_diacritics(q))
        if self.mode == "dense":
            total = dense.copy()
        elif self.mode == "lexical":
            total = lexical.copy()
        else:
            top = float(lexical.max()) if lexical.size else 0.0
            total = dense + (LEXICAL_WEIGHT * lexical / top if top > 0 else 0.0)
            total[dense <= -1.0] = -np.inf
        total = total - CAPTION_PENALTY * self._caption_mask
        if self.mode == "lexical":
            total[lexical <= 0] = -np.inf
        order = np.argsort(-total, kind="stable")[:k]
        return [Hit(int(i), float(total[i]), float(dense[i]), float(lexical[i]))
                for i in order if np.isfinite(total[i])]
