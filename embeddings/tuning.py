"""Question-side tunings of the default model: small changes to its top layers for questions in one language.

English questions reach Vietnamese sentences through e5's cross-lingual space, which ranks them less well than
Vietnamese questions (XQuAD-vi Hit@1 0.60 against 0.75, dense alone). `question-en.npz` holds changes to the
biases and LayerNorm weights of layers 6-11 (about 30,000 numbers), learnt on the English questions of
eval/news_synth and eval/news_synth2, written for training by helpers who saw none of the evaluation sets (the 980
of 1,010 whose answer is among the 30 candidates the product re-scores), with a softmax over those candidates
scored as `retrieval/search.py` scores them (token matching included):

    python eval/experiments/query_tuning_maxsim.py eval/news_synth eval/news_synth2 --frozen 6 --keep-level 100 \
        --save embeddings/tunings/question-en.npz

(`--keep-level` holds each question's mean candidate score, and `--keep-mean` (on by default) its component
along the mean passage, so scores stay on the scale the "not found" thresholds read.) Layers 6-7 lie below the
token vectors' (`TOKEN_LAYER` = 8), so an English question's token vectors for MaxSim carry the tuning too.
Passages are never tuned: an index is the same with or without a tuning, and a tuning applies to questions
alone. Measured in eval/experiments/README.md.

The int8 ONNX export (embeddings/onnx.py) carries a tuning as the graph tensors it changes: each changed
parameter is found among the exported graph's tensors by value (the fused attention joins the query, key and
value biases into one tensor), and those tensors become inputs with their exported values as defaults, so one
model serves both untuned and tuned questions.
"""
from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

import numpy as np

TUNINGS_DIR = Path(__file__).resolve().parent / "tunings"
QUESTION_TUNINGS = {"en": TUNINGS_DIR / "question-en.npz"}


class TuningMismatch(ValueError):
    """A tuning's parameter is not found, or found twice, among an exported graph's tensors."""


def read_tensors(path: Path) -> dict[str, np.ndarray]:
    """The float32 arrays of an .npz by name: a tuning's changes (`tuned - base` per BertModel parameter), or
    the graph tensors an export computed from them."""
    with np.load(path, allow_pickle=False) as data:
        return {name: np.asarray(data[name], np.float32) for name in data.files}


def fingerprint() -> str:
    """What identifies the shipped tunings (an export made with other tunings is stale)."""
    h = hashlib.sha256()
    for lang, path in sorted(QUESTION_TUNINGS.items()):
        h.update(lang.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def graph_feeds(changes: Mapping[str, np.ndarray], base: Mapping[str, np.ndarray],
                tensors: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The graph tensors that `changes` alter, with their tuned values.

    `base` holds each changed parameter's untuned value; `tensors` the exported graph's float tensors by name.
    A parameter is the tensor of its own name (the exporter keeps names, with a prefix) or a slice of one at a
    multiple of its length (the fused query-key-value bias), whichever holds exactly its base value; anything
    else, none or several, raises `TuningMismatch`."""
    tuned: dict[str, np.ndarray] = {}
    for name, change in changes.items():
        want = np.asarray(base[name], np.float32).ravel()
        places = [(t, 0) for t, value in tensors.items() if t.endswith(name) and _holds(value, want, 0)]
        if not places:
            places = [(t, k) for t, value in tensors.items() if value.ndim == 1 and value.size > want.size
                      for k in range(0, value.size, want.size) if _holds(value, want, k)]
        if len(places) != 1:
            raise TuningMismatch(f"parameter {name} is in {len(places)} places of the exported graph, not 1")
        tensor, at = places[0]
        out = tuned.setdefault(tensor, np.array(tensors[tensor], np.float32, copy=True))
        out.ravel()[at:at + want.size] += change.ravel()
    return tuned


def _holds(value: np.ndarray, want: np.ndarray, at: int) -> bool:
    flat = value.ravel()
    return flat.size >= at + want.size and bool(np.array_equal(flat[at:at + want.size], want))
