"""Token-level matching (MaxSim) between a question and candidate sentences, from stored token vectors.

Why: a single pooled vector per sentence blurs which words matched. Scoring each question token by its best
match among the sentence's tokens (late interaction, as in ColBERT) with e5's own contextual token vectors
ranks the answer sentence first more often, most of all for English questions over Vietnamese text, where
multilingual token vectors align across languages (measured on XQuAD-vi, layer 8 of 12: Hit@1 +7 points
English, +3 Vietnamese when added to the dense score). A sentence also inherits, at a discount (`CARRY`),
the matches of the sentence before it in the same article: pronouns point back ("Ông đã phân biệt..."
after a sentence naming him), +1 point both languages.

Storage: one int8 row per kept token (letters or digits of the title and the sentence; no specials, prompt
or punctuation), a float32 scale per row, and offsets so sentence `i` owns rows `offsets[i]:offsets[i+1]`.
About 40 tokens per sentence: 10k sentences take ~16 MB per 100 dimensions.
"""
from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from embeddings.encoder import TOKEN_LAYER, TokenEncoder  # noqa: F401  (re-exported)
from embeddings.errors import IndexCorrupt
from retrieval.rowfile import RowFile, open_rows

CARRY = 0.8  # discount on matches inherited from the previous sentence
FILES = ("tokens.npy", "token_scales.npy", "token_offsets.npy")
# What the stored token vectors are; part of cache file names, so a change re-embeds instead of mixing.
TOKEN_FORMAT = f"L{TOKEN_LAYER}-title-sentence-int8"


@dataclass(frozen=True)
class TokenVectors:
    """Token vectors of every sentence, int8 with one scale per token, in sentence (row) order."""

    data: np.ndarray | RowFile  # (tokens, dim) int8; from an index, read by rows (`retrieval.rowfile`)
    scales: np.ndarray  # (tokens,) float32
    offsets: np.ndarray  # (sentences + 1,) int64

    @property
    def n_sentences(self) -> int:
        return len(self.offsets) - 1

    @classmethod
    def from_blocks(cls, blocks: Sequence[np.ndarray], dim: int) -> TokenVectors:
        """Quantise per-sentence float blocks ((n_i, dim) each) to int8 with a per-token scale."""
        lengths = np.array([len(b) for b in blocks], dtype=np.int64)
        offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        flat = np.concatenate([np.asarray(b, np.float32).reshape(-1, dim) for b in blocks]) if len(blocks) \
            else np.zeros((0, dim), np.float32)
        peak = np.abs(flat).max(axis=1) if len(flat) else np.zeros(0, np.float32)
        scales = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
        data = np.clip(np.rint(flat / scales[:, None]), -127, 127).astype(np.int8)
        return cls(data, scales, offsets)

    @classmethod
    def concat(cls, parts: Sequence[TokenVectors]) -> TokenVectors:
        """Sentences of `parts` one after the other (e.g. per-article blocks from a cache)."""
        dim = parts[0].data.shape[1] if parts else 0
        data = np.concatenate([p.data for p in parts]) if parts else np.zeros((0, dim), np.int8)
        scales = np.concatenate([p.scales for p in parts]) if parts else np.zeros(0, np.float32)
        offsets, base = [np.zeros(1, np.int64)], 0
        for p in parts:
            offsets.append(p.offsets[1:] + base)
            base += int(p.offsets[-1])
        return cls(data, scales, np.concatenate(offsets))

    def save(self, folder: Path) -> None:
        for name, arr in zip(FILES, (self.data, self.scales, self.offsets)):
            np.save(folder / name, arr)

    @classmethod
    def load(cls, folder: Path) -> TokenVectors | None:
        """The token vectors stored in `folder` (their scales and offsets in memory, the vectors read as
        questions need them); None if the index has none."""
        if not all((folder / name).is_file() for name in FILES):
            return None
        try:
            return cls(open_rows(folder / FILES[0]), *(np.load(folder / name) for name in FILES[1:]))
        except ValueError as exc:
            raise IndexCorrupt(f"{folder}: unreadable token vectors ({exc}); rebuild the index with tinbot index")\
                from exc

    def gather(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Float32 token vectors of `rows`, concatenated, and each row's token count."""
        starts = self.offsets[rows]
        lengths = self.offsets[rows + 1] - starts
        total = int(lengths.sum())
        # Index of every token of every row, without a Python loop over rows.
        idx = np.repeat(starts - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths) + np.arange(total)
        data = self.data.runs(starts, lengths) if isinstance(self.data, RowFile) else self.data[idx]
        return np.asarray(data, dtype=np.float32) * self.scales[idx, None], lengths


@functools.cache
def _blas_controller() -> object | None:
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # pragma: no cover - installed with sentence-transformers (via scikit-learn)
        return None
    return ThreadpoolController()


def _weigh_leading(sims: np.ndarray, lengths: np.ndarray, weights: Sequence[np.ndarray]) -> np.ndarray:
    """`sims` (question tokens x the gathered tokens of sentences of `lengths`) with the positive matches of
    each sentence's first tokens scaled by its `weights` (as many as it has, at most its length)."""
    if not any(len(w) for w in weights):
        return sims
    scale = np.ones(sims.shape[1], np.float32)
    for start, n, w in zip(np.cumsum(lengths) - lengths, lengths, weights):
        k = min(len(w), int(n))
        scale[start:start + k] = w[:k]
    return np.where(sims > 0, sims * scale, sims)


def _one_blas_thread() -> contextlib.AbstractContextManager:
    """Run a small matrix product on one BLAS thread: on a busy 2-core machine OpenBLAS's two threads
    waiting for each other made the MaxSim product 8x slower (8 ms vs 0.9 ms for 15 x 2,200 tokens)."""
    ctl = _blas_controller()
    return ctl.limit(limits=1, user_api="blas") if ctl is not None else contextlib.nullcontext()  # type: ignore[attr-defined]


def previous_rows(article_ids: Sequence[str]) -> np.ndarray:
    """For each row, the row before it in the same article, or -1 (rows of an article are contiguous)."""
    prev = np.arange(len(article_ids), dtype=np.int64) - 1
    for i, art in enumerate(article_ids):
        if i == 0 or article_ids[i - 1] != art:
            prev[i] = -1
    return prev


# Per row, weights for the first matches of its tokens (its title's: retrieval/headline.py); empty: none.
TitleWeights = Callable[[np.ndarray], Sequence[np.ndarray]]


def maxsim(query_tokens: np.ndarray, tokens: TokenVectors, rows: np.ndarray, prev: np.ndarray,
           carry: float = CARRY, title: TitleWeights | None = None) -> np.ndarray:
    """MaxSim of the question against each of `rows`: the mean over question tokens of the best cosine
    with a token of the sentence, or `carry` times the best with a token of the previous sentence."""
    if len(rows) == 0 or len(query_tokens) == 0:
        return np.zeros(len(rows), dtype=np.float32)
    return token_matches(query_tokens, tokens, rows, prev, carry, title).mean(axis=0).astype(np.float32)


def token_matches(query_tokens: np.ndarray, tokens: TokenVectors, rows: np.ndarray, prev: np.ndarray,
                  carry: float = CARRY, title: TitleWeights | None = None) -> np.ndarray:
    """(question tokens, rows): each question token's best cosine with a token of the sentence, or `carry`
    times its best with a token of the previous sentence. `query_tokens` and `rows` must not be empty.
    `title(rows)`: per row, the weights of the positive matches of its first tokens (a headline's)."""
    rows = np.asarray(rows, dtype=np.int64)
    before = prev[rows]
    wanted = np.unique(np.concatenate([rows, before[before >= 0]]))
    vecs, lengths = tokens.gather(wanted)
    best = np.full((len(query_tokens), len(wanted)), -1.0, dtype=np.float32)
    full = lengths > 0
    if full.any():
        with _one_blas_thread():
            sims = np.asarray(query_tokens, dtype=np.float32) @ vecs.T
        if title is not None:
            sims = _weigh_leading(sims, lengths, title(wanted))
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])[full]
        best[:, full] = np.maximum.reduceat(sims, starts, axis=1)
    own = best[:, np.searchsorted(wanted, rows)]
    if carry > 0:
        inherited = carry * best[:, np.searchsorted(wanted, np.maximum(before, 0))]
        own = np.where(before >= 0, np.maximum(own, inherited), own)
    return own
