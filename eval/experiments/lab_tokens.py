"""Contextual token vectors of multilingual-e5-small for the lab, and the reference recipe for encoders.

`token_vectors` is what an encoder's `encode_queries_with_tokens` / `encode_passages_with_tokens`
(embeddings/encoder.py, `TokenEncoder`) return as token vectors: hidden layer `TOKEN_LAYER` of the same forward pass that gives the pooled
vector, L2-normalised per token, keeping only tokens that hold a letter or digit and end after
`len(prompt) + starts[i]`, so the prompt and the title prefix are dropped (a word's first piece starts at
its leading space, hence "end after", not "start at"). The lab runs it on the
materialised sentence-transformers folder through `transformers` (fp32) and caches the result.
"""
from __future__ import annotations

import hashlib
import logging
import pickle
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from retrieval.maxsim import TOKEN_LAYER

logger = logging.getLogger(__name__)


def token_vectors(model, tokenizer, texts: Sequence[str], prompt: str, starts: Sequence[int],
                  layer: int = TOKEN_LAYER, batch_size: int = 32) -> list[np.ndarray]:
    """Per text, (n_tokens, dim) float32 unit rows of hidden layer `layer`; see the module docstring."""
    import torch

    alnum = _alnum_ids(tokenizer)
    order = np.argsort([len(t) for t in texts], kind="stable")
    result: list[np.ndarray | None] = [None] * len(texts)
    for lo in range(0, len(texts), batch_size):
        idx = order[lo:lo + batch_size]
        enc = tokenizer([prompt + texts[i] for i in idx], padding=True, truncation=True, max_length=512,
                        return_offsets_mapping=True, return_tensors="pt")
        offsets = enc.pop("offset_mapping").numpy()
        with torch.no_grad():
            hidden = model(**enc, output_hidden_states=True).hidden_states[layer]
        hidden = torch.nn.functional.normalize(hidden, dim=-1).numpy()
        ids = enc["input_ids"].numpy()
        mask = enc["attention_mask"].numpy().astype(bool)
        for j, i in enumerate(idx):
            # A word's first piece carries its leading space ("▁How" starts at the space), so a token
            # belongs to the kept part when it *ends* after the cut; specials have empty (0, 0) offsets.
            cut = len(prompt) + starts[i]
            keep = mask[j] & alnum[ids[j]] & (offsets[j, :, 1] > cut) & (offsets[j, :, 1] > offsets[j, :, 0])
            result[i] = hidden[j][keep].astype(np.float32)
    return [r if r is not None else np.zeros((0, 0), np.float32) for r in result]


def _alnum_ids(tokenizer) -> np.ndarray:
    vocab = tokenizer.get_vocab()
    table = np.zeros(max(vocab.values()) + 1, dtype=bool)
    for tok, i in vocab.items():
        table[i] = any(ch.isalnum() for ch in tok)
    for i in tokenizer.all_special_ids:
        table[i] = False
    return table


class TokenCache:
    """Token vectors of texts, computed with the materialised e5 folder and pickled per content hash."""

    def __init__(self, cache: Path, model_dir: Path | None = None) -> None:
        self.cache = cache
        self.model_dir = model_dir
        self._model = None

    def _load(self):
        if self._model is None:
            import torch
            from transformers import AutoModel, AutoTokenizer

            from embeddings.registry import ensure_default_model
            from retrieval.config import Settings

            folder = self.model_dir or ensure_default_model(Settings.from_env().cache_dir)
            torch.set_num_threads(2)
            self._model = (AutoModel.from_pretrained(str(folder)).eval(), AutoTokenizer.from_pretrained(str(folder)))
        return self._model

    def get(self, texts: Sequence[str], prompt: str, starts: Sequence[int]) -> list[np.ndarray]:
        key = hashlib.sha256(("\x00".join(texts) + prompt + repr(list(starts)) + f"L{TOKEN_LAYER}-v2").encode())
        path = self.cache / f"tokens-{key.hexdigest()[:20]}.pkl"
        if path.exists():
            with open(path, "rb") as fh:
                return pickle.load(fh)
        model, tokenizer = self._load()
        logger.info("token vectors for %d texts (cached afterwards in %s)", len(texts), path)
        vecs = [v.astype(np.float16) for v in token_vectors(model, tokenizer, list(texts), prompt, starts)]
        self.cache.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            pickle.dump(vecs, fh)
        return vecs
