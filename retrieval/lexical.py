"""BM25 over Vietnamese syllables and syllable pairs, with a diacritic-free twin for unaccented questions.

Numbers stay whole tokens (`120,3`, `12/7`), so a question that names a figure matches it exactly.
Term weights are precomputed at index time into posting lists (CSC arrays) saved beside the vectors and
memory-mapped when the index is opened: starting the bot builds nothing, and only the posting lists a
question touches are read. Terms are found through sorted 64-bit hashes of their text, so no vocabulary
dictionary has to be loaded either. Scoring a question is a sum over its terms' posting lists.
"""
from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np

from retrieval.textnorm import folded_tokens, tokens

K1 = 1.2
B = 0.75
# BM25F: each sentence is scored with its article's title as a second field, a title word counting as this much
# of an occurrence in every sentence of the article (the sentence's length alone normalises). A news question
# names its article's subject ("... thi vào lớp 10 Hà Nội ..."), which the headline and the lead sentence repeat:
# scored alone, the lead outscored the sentence that answers without repeating the subject. The title gives
# every sentence of the article those words, and saturation leaves the lead little extra for saying them again.
# The lexical counterpart of embedding `title. sentence` (retrieval/passages.py); measured in eval/README.md.
TITLE_WEIGHT = 0.5
TWINS = ("accented", "folded")
_ARRAYS = ("keys", "idf", "indptr", "indices", "data")


def features(toks: Sequence[str]) -> list[str]:
    """Syllables plus adjacent pairs: Vietnamese words are mostly two syllables (`ngân sách`)."""
    return list(toks) + [f"{a}_{b}" for a, b in pairwise(toks)]


def term_key(term: str) -> int:
    """A stable signed 64-bit hash of a term (collisions are negligible at a few million terms)."""
    return int.from_bytes(hashlib.blake2b(term.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


@dataclass(frozen=True)
class LexicalScores:
    """BM25 scores of the rows that share a term with the question (every other row scores 0)."""

    rows: np.ndarray  # int64, ascending
    values: np.ndarray  # float32, > 0

    def best(self) -> float:
        return float(self.values.max()) if len(self.values) else 0.0

    def top(self, k: int) -> np.ndarray:
        """Rows of the `k` best scores (any order)."""
        if len(self.rows) <= k:
            return self.rows
        return self.rows[np.argpartition(-self.values, k - 1)[:k]]

    def of(self, rows: np.ndarray) -> np.ndarray:
        """Scores of `rows` (0 for rows sharing no term)."""
        if not len(self.rows):
            return np.zeros(len(rows), dtype=np.float32)
        pos = np.minimum(np.searchsorted(self.rows, rows), len(self.rows) - 1)
        return np.where(self.rows[pos] == rows, self.values[pos], 0.0).astype(np.float32)

    def dense(self, n: int) -> np.ndarray:
        out = np.zeros(n, dtype=np.float32)
        out[self.rows] = self.values
        return out


class Bm25:
    """BM25 weights as posting lists: term `keys[j]` (sorted) occurs in rows `indices[indptr[j]:indptr[j+1]]`
    with weights `data[...]` (idf times the saturated term frequency)."""

    def __init__(self, keys: np.ndarray, idf: np.ndarray, indptr: np.ndarray, indices: np.ndarray,
                 data: np.ndarray, n_docs: int) -> None:
        self.keys, self.idf, self.indptr, self.indices, self.data = keys, idf, indptr, indices, data
        self.n_docs = n_docs

    @classmethod
    def build(cls, docs: Sequence[Sequence[str]], k1: float = K1, b: float = B, *,
              titles: Sequence[Sequence[str]] | None = None, title_weight: float = TITLE_WEIGHT) -> Bm25:
        """Posting lists of `docs`; with `titles` (one per doc), BM25F with the title as a field of weight
        `title_weight` (`TITLE_WEIGHT`): a term's frequency is its count in the doc plus that weight times its
        count in the title, and a term found in either counts toward its document frequency."""
        vocab: dict[str, int] = {}
        rows, cols, tfs = [], [], []
        lengths = np.zeros(len(docs), dtype=np.float32)
        for i, doc in enumerate(docs):
            counts: dict[int, float] = {}
            for tok in doc:
                j = vocab.setdefault(tok, len(vocab))
                counts[j] = counts.get(j, 0) + 1
            for tok in titles[i] if titles is not None and title_weight > 0 else ():
                j = vocab.setdefault(tok, len(vocab))
                counts[j] = counts.get(j, 0) + title_weight
            lengths[i] = len(doc)
            rows.extend([i] * len(counts))
            cols.extend(counts.keys())
            tfs.extend(counts.values())
        n = max(len(docs), 1)
        tf = np.asarray(tfs, dtype=np.float32)
        col = np.asarray(cols, dtype=np.int64)
        row = np.asarray(rows, dtype=np.int32)
        df = np.bincount(col, minlength=len(vocab)).astype(np.float32)
        idf = np.log1p((n - df + 0.5) / (df + 0.5)).astype(np.float32)
        avgdl = float(lengths.mean()) if len(docs) else 1.0
        weights = idf[col] * tf * (k1 + 1) / (tf + k1 * (1 - b + b * lengths[row] / max(avgdl, 1e-9)))
        # Columns in the order of their keys, rows ascending inside each column.
        hashes = np.array([term_key(t) for t in vocab], dtype=np.int64)
        rank = np.empty(len(vocab), dtype=np.int64)
        order = np.argsort(hashes, kind="stable")
        rank[order] = np.arange(len(vocab))
        by = np.lexsort((row, rank[col]))
        indptr = np.concatenate([[0], np.cumsum(np.bincount(rank[col], minlength=len(vocab)))]).astype(np.int64)
        return cls(hashes[order], idf[order], indptr, row[by], weights[by].astype(np.float32), len(docs))

    def save(self, folder: Path, name: str) -> list[str]:
        files = []
        for part in _ARRAYS:
            np.save(folder / f"bm25_{name}_{part}.npy", getattr(self, part))
            files.append(f"bm25_{name}_{part}.npy")
        return files

    @classmethod
    def load(cls, folder: Path, name: str, n_docs: int) -> Bm25 | None:
        """Memory-mapped posting lists saved by `save`, or None if the index has none (older indexes)."""
        paths = [folder / f"bm25_{name}_{part}.npy" for part in _ARRAYS]
        if not all(p.is_file() for p in paths):
            return None
        keys, idf, indptr, indices, data = (np.load(p, mmap_mode="r") for p in paths)
        return cls(keys, idf, indptr, indices, data, n_docs)

    def _columns(self, query: Sequence[str]) -> np.ndarray:
        if not len(self.keys):
            return np.zeros(0, np.int64)
        wanted = np.unique(np.array([term_key(t) for t in set(query)], dtype=np.int64))
        pos = np.minimum(np.searchsorted(self.keys, wanted), len(self.keys) - 1)
        return pos[np.asarray(self.keys[pos]) == wanted]

    def rows_with(self, term: str) -> np.ndarray:
        """The rows whose text (or title, with BM25F) holds `term`, ascending; empty if none does."""
        cols = self._columns([term])
        return np.asarray(self.indices[self.indptr[cols[0]]:self.indptr[cols[0] + 1]]) if len(cols) \
            else np.zeros(0, np.int32)

    def scores(self, query: Sequence[str]) -> LexicalScores:
        cols = self._columns(query)
        if not len(cols):
            return LexicalScores(np.zeros(0, np.int64), np.zeros(0, np.float32))
        rows = np.concatenate([self.indices[self.indptr[j]:self.indptr[j + 1]] for j in cols])
        weights = np.concatenate([self.data[self.indptr[j]:self.indptr[j + 1]] for j in cols])
        if len(rows) * 8 > self.n_docs:  # many postings: accumulate into a dense vector
            total = np.bincount(rows, weights=weights, minlength=self.n_docs)
            hit = np.flatnonzero(total > 0)
            return LexicalScores(hit.astype(np.int64), total[hit].astype(np.float32))
        hit, inverse = np.unique(rows, return_inverse=True)
        return LexicalScores(hit.astype(np.int64), np.bincount(inverse, weights=weights).astype(np.float32))


class LexicalIndex:
    """Accented and folded BM25 over the same sentences; `scores` picks by whether the question has diacritics."""

    def __init__(self, accented: Bm25, folded: Bm25) -> None:
        self.accented = accented
        self.folded = folded

    @classmethod
    def build(cls, texts: Sequence[str], titles: Sequence[str] | None = None) -> LexicalIndex:
        """Both twins over `texts`, each scored with its title (`titles`, one per text: BM25F, `TITLE_WEIGHT`)."""
        twins = []
        for tokenize in (tokens, folded_tokens):
            titled = None
            if titles is not None:
                seen: dict[str, list[str]] = {}  # an article's title is tokenised once
                for t in titles:
                    if t not in seen:
                        seen[t] = features(tokenize(t))
                titled = [seen[t] for t in titles]
            twins.append(Bm25.build([features(tokenize(t)) for t in texts], titles=titled))
        return cls(*twins)

    def save(self, folder: Path) -> list[str]:
        return self.accented.save(folder, TWINS[0]) + self.folded.save(folder, TWINS[1])

    @classmethod
    def load(cls, folder: Path, n_docs: int) -> LexicalIndex | None:
        twins = [Bm25.load(folder, name, n_docs) for name in TWINS]
        return cls(*twins) if all(t is not None for t in twins) else None  # type: ignore[arg-type]

    def writes(self, term: str) -> bool:
        """Whether some sentence or title has `term`, accents ignored (a syllable, or a pair "a_b")."""
        return len(self.folded._columns([term])) > 0

    def mentions(self, phrase: str) -> bool:
        """Whether some sentence has every syllable pair of `phrase` (accents ignored), or its one syllable."""
        toks = folded_tokens(phrase)
        terms = [f"{a}_{b}" for a, b in pairwise(toks)] or toks
        return bool(terms) and len(self.folded._columns(terms)) == len(set(terms))

    def phrase_scores(self, phrases: Sequence[str]) -> LexicalScores:
        """BM25 of accented `phrases` (an English question's glossary renderings, retrieval/glossary.py), each
        tokenised apart: a syllable pair across two phrases is no term."""
        return self.accented.scores([t for p in phrases for t in features(tokens(p))])

    def scores(self, question: str, *, folded: bool) -> LexicalScores:
        if folded:
            return self.folded.scores(features(folded_tokens(question)))
        return self.accented.scores(features(tokens(question)))
