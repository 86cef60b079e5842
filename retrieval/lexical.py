"""BM25 over Vietnamese syllables and syllable pairs, with a diacritic-free twin for unaccented questions.

Numbers stay whole tokens (`120,3`, `12/7`), so a question that names a figure matches it exactly.
Term weights are precomputed into a sparse matrix: scoring a question is one sparse column sum.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from retrieval.textnorm import folded_tokens, tokens

K1 = 1.2
B = 0.75


def features(toks: Sequence[str]) -> list[str]:
    """Syllables plus adjacent pairs: Vietnamese words are mostly two syllables (`ngân sách`)."""
    return list(toks) + [f"{a}_{b}" for a, b in zip(toks, toks[1:])]


class Bm25:
    def __init__(self, docs: Sequence[Sequence[str]], k1: float = K1, b: float = B) -> None:
        from scipy import sparse

        vocab: dict[str, int] = {}
        rows, cols, tfs = [], [], []
        lengths = np.zeros(len(docs), dtype=np.float32)
        for i, doc in enumerate(docs):
            counts: dict[int, int] = {}
            for tok in doc:
                j = vocab.setdefault(tok, len(vocab))
                counts[j] = counts.get(j, 0) + 1
            lengths[i] = len(doc)
            rows.extend([i] * len(counts))
            cols.extend(counts.keys())
            tfs.extend(counts.values())
        n = max(len(docs), 1)
        tf = np.asarray(tfs, dtype=np.float32)
        col = np.asarray(cols, dtype=np.int64)
        row = np.asarray(rows, dtype=np.int64)
        df = np.bincount(col, minlength=len(vocab)).astype(np.float32)
        self.idf = np.log1p((n - df + 0.5) / (df + 0.5)).astype(np.float32)
        avgdl = float(lengths.mean()) if len(docs) else 1.0
        denom = tf + k1 * (1 - b + b * lengths[row] / max(avgdl, 1e-9))
        weights = self.idf[col] * tf * (k1 + 1) / denom
        self.vocab = vocab
        self.n_docs = len(docs)
        self._m = sparse.csc_matrix((weights, (row, col)), shape=(len(docs), len(vocab)), dtype=np.float32)

    def scores(self, query: Sequence[str]) -> np.ndarray:
        ids = sorted({self.vocab[t] for t in query if t in self.vocab})
        if not ids:
            return np.zeros(self.n_docs, dtype=np.float32)
        return np.asarray(self._m[:, ids].sum(axis=1)).ravel().astype(np.float32)

    def query_weight(self, query: Sequence[str]) -> float:
        """Sum of idf of known query features: how much lexical evidence the question can carry."""
        return float(sum(self.idf[self.vocab[t]] for t in set(query) if t in self.vocab))


class LexicalIndex:
    """Accented and folded BM25 over the same sentences; `scores` picks by whether the question has diacritics."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.accented = Bm25([features(tokens(t)) for t in texts])
        self.folded = Bm25([features(folded_tokens(t)) for t in texts])

    def scores(self, question: str, *, folded: bool) -> np.ndarray:
        if folded:
            return self.folded.scores(features(folded_tokens(question)))
        return self.accented.scores(features(tokens(question)))
