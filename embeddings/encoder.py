"""One encoder interface, and the implementations tinbot ships.

Every encoder returns L2-normalised float32 rows, so inner product is cosine similarity.
Text is NFC-normalised before encoding: NFD Vietnamese gives visibly different vectors.
"""
from __future__ import annotations

import hashlib
import logging
import unicodedata
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from embeddings.errors import ModelUnavailable

logger = logging.getLogger(__name__)


@runtime_checkable
class Encoder(Protocol):
    """What retrieval needs from a model: a stable id, a dimension and two encode methods."""

    model_id: str
    dim: int

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def encode_passages(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray: ...


# Hidden layer (of 12 in e5-small) whose contextual token vectors are returned for token-level matching
# (retrieval/maxsim.py): layers 6-10 rank alike, the last layer is worse for English questions.
TOKEN_LAYER = 8


@runtime_checkable
class TokenEncoder(Protocol):
    """An encoder that also returns contextual token vectors from the same forward pass as the pooled vector.

    Per text, an (n_tokens, dim) float32 array of L2-normalised rows of hidden layer `token_layer`, holding
    only tokens with a letter or digit: no special tokens, no "query: "/"passage: " prompt, no punctuation.
    For passages, tokens that end before character `starts[i]` are dropped too (the indexer keeps them all,
    the article title's included, as context every sentence of the article shares). `token_layer` is None
    when the backend cannot.
    """

    token_layer: int | None

    def encode_queries_with_tokens(self, texts: Sequence[str]) -> tuple[np.ndarray, list[np.ndarray]]: ...

    def encode_passages_with_tokens(self, texts: Sequence[str], starts: Sequence[int], *,
                                    progress: bool = False) -> tuple[np.ndarray, list[np.ndarray]]: ...


def passage_recipe_of(encoder: object) -> str:
    """How `encoder` computes passage vectors beyond its model id (backend, precision, batching), or "" when
    its model id says it all. Vectors cached under one recipe are not reused under another."""
    return getattr(encoder, "passage_recipe", "")


def token_layer_of(encoder: object) -> int | None:
    """The layer `encoder` returns token vectors from, or None if it returns none."""
    return getattr(encoder, "token_layer", None) if isinstance(encoder, TokenEncoder) else None


def questions_in(encoder: Encoder, lang: str) -> Encoder:
    """`encoder` as it encodes questions in `lang`: with that language's question tuning when it has one
    (embeddings/tuning.py, the int8 ONNX backend), else `encoder` itself."""
    tuned = getattr(encoder, "for_questions_in", None)
    return tuned(lang) if tuned is not None else encoder


def _nfc(texts: Sequence[str]) -> list[str]:
    return [unicodedata.normalize("NFC", t) for t in texts]


def _unit_rows(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.ascontiguousarray(x / norms, dtype=np.float32)


class SentenceTransformerEncoder:
    """A sentence-transformers model loaded from a local folder (or, with hub access, by name).

    Prompts come from the model's own configuration (`encode_query` / `encode_document`), which for
    the materialised e5 model are "query: " and "passage: ".
    """

    def __init__(self, model_id: str, path: str, *, batch_size: int = 32, backend: str = "torch",
                 model_kwargs: dict | None = None, local_files_only: bool = False) -> None:
        try:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()  # "Loading weights" bars on every start are noise
        except ImportError as exc:  # pragma: no cover - dependency is declared
            raise ModelUnavailable(f"sentence-transformers is not installed ({exc}); run: pip install -e .") from exc
        self.model_id = model_id
        self.batch_size = batch_size
        try:
            self._model = SentenceTransformer(path, device="cpu", backend=backend,
                                              model_kwargs=model_kwargs or None, local_files_only=local_files_only)
        except (OSError, ValueError) as exc:  # missing files, or a folder that is not a model ("Unrecognized model")
            first = str(exc).splitlines()[0].rstrip(".") if str(exc) else type(exc).__name__
            raise ModelUnavailable(f"cannot load model {model_id!r} from {path}: {first}; --model takes a "
                                   "sentence-transformers model folder (or a hub name with hub access)") from exc
        get_dim = getattr(self._model, "get_embedding_dimension", None) or \
            self._model.get_sentence_embedding_dimension
        dim = get_dim()
        if dim is None:
            raise ModelUnavailable(f"model {model_id!r} does not report an embedding dimension")
        self.dim = int(dim)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        vecs = self._model.encode_query(_nfc(texts), batch_size=self.batch_size, convert_to_numpy=True,
                                        normalize_embeddings=True, show_progress_bar=False)
        return _unit_rows(vecs)

    def encode_passages(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        texts = _nfc(texts)
        # Length-sorted batches waste less padding; restore the caller's order afterwards.
        order = np.argsort([len(t) for t in texts], kind="stable")
        vecs = self._model.encode_document([texts[i] for i in order], batch_size=self.batch_size,
                                           convert_to_numpy=True, normalize_embeddings=True,
                                           show_progress_bar=progress)
        out = np.empty_like(vecs)
        out[order] = vecs
        return _unit_rows(out)


class HashingEncoder:
    """A tiny deterministic bag-of-character-trigrams encoder.

    It is no language model: it exists so the offline test suite and `--model hashing` can exercise
    the whole pipeline (index, FAISS, CLI, bot) in milliseconds without loading torch.
    """

    model_id = "hashing"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(_nfc(texts)):
            padded = f"  {text.lower()}  "
            for i in range(len(padded) - 2):
                h = hashlib.blake2b(padded[i:i + 3].encode("utf-8"), digest_size=8).digest()
                out[row, int.from_bytes(h[:4], "little") % self.dim] += 1.0 if h[4] & 1 else -1.0
        return _unit_rows(out)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)

    def encode_passages(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        return self._encode(texts)
