"""Question tunings (embeddings/tuning.py): placing a tuning's changes in an exported graph (fast), the wiring
that gives English questions, and only them, the tuned encoder (fast), and the int8 export against the fp32
model with the same changes (slow)."""
from __future__ import annotations

import numpy as np
import pytest

from embeddings.encoder import HashingEncoder, questions_in
from embeddings.registry import DEFAULT_MODEL, SplitEncoder, load_encoder
from embeddings.tuning import QUESTION_TUNINGS, TuningMismatch, graph_feeds, read_tensors
from tests.conftest import real_cache_dir

Q, K, V = (np.arange(4, dtype=np.float32) + 10 * i for i in range(3))
LN = np.array([1.0, 1.5, 0.5, 2.0], np.float32)
BASE = {"encoder.layer.8.attention.self.query.bias": Q, "encoder.layer.8.attention.self.key.bias": K,
        "encoder.layer.8.attention.self.value.bias": V, "encoder.layer.8.output.LayerNorm.weight": LN}
GRAPH = {"Attention_9_qkv_bias": np.concatenate([Q, K, V]),
         "inner.encoder.layer.8.output.LayerNorm.weight": LN.copy(),
         "inner.encoder.layer.9.output.LayerNorm.weight": LN + 1}


def test_changes_land_on_the_named_tensor_and_on_slices_of_the_fused_bias() -> None:
    changes = {"encoder.layer.8.attention.self.key.bias": np.full(4, 0.5, np.float32),
               "encoder.layer.8.attention.self.value.bias": np.full(4, -1.0, np.float32),
               "encoder.layer.8.output.LayerNorm.weight": np.array([0.0, 0.1, 0.0, 0.0], np.float32)}
    feeds = graph_feeds(changes, BASE, GRAPH)
    assert set(feeds) == {"Attention_9_qkv_bias", "inner.encoder.layer.8.output.LayerNorm.weight"}
    assert np.array_equal(feeds["Attention_9_qkv_bias"], np.concatenate([Q, K + 0.5, V - 1.0]))
    assert np.allclose(feeds["inner.encoder.layer.8.output.LayerNorm.weight"], [1.0, 1.6, 0.5, 2.0])
    assert np.array_equal(GRAPH["Attention_9_qkv_bias"], np.concatenate([Q, K, V]))  # the graph's own: untouched


def test_a_parameter_the_graph_does_not_hold_as_exported_is_refused() -> None:
    """A tuning made for other weights (or a graph that folded the tensor away) must not be applied blindly."""
    changes = {"encoder.layer.8.attention.self.query.bias": np.ones(4, np.float32)}
    with pytest.raises(TuningMismatch, match="query.bias is in 0 places"):
        graph_feeds(changes, {"encoder.layer.8.attention.self.query.bias": Q + 100}, GRAPH)
    twice = {**GRAPH, "Attention_10_qkv_bias": np.concatenate([K, Q, V + 1])}
    with pytest.raises(TuningMismatch, match="in 2 places"):
        graph_feeds(changes, BASE, twice)


def test_the_shipped_tuning_changes_only_biases_and_layer_norms_of_the_upper_layers() -> None:
    from embeddings.encoder import TOKEN_LAYER

    changes = read_tensors(QUESTION_TUNINGS["en"])
    assert changes and all(name.endswith("bias") or "LayerNorm" in name for name in changes)
    assert all(name.startswith("encoder.layer.") for name in changes)  # word embeddings stay the model's
    layers = {int(name.split(".")[2]) for name in changes}
    assert min(layers) < TOKEN_LAYER <= max(layers)  # below the token vectors' layer too: MaxSim learns as well
    assert all(np.isfinite(c).all() and c.dtype == np.float32 for c in changes.values())


class _Tunable(HashingEncoder):
    def __init__(self) -> None:
        super().__init__(dim=64)
        self.asked: list[str] = []

    def for_questions_in(self, lang: str):
        self.asked.append(lang)
        return _Shifted() if lang == "en" else self


class _Shifted(HashingEncoder):
    def __init__(self) -> None:
        super().__init__(dim=64)

    def encode_queries(self, texts):
        return -super().encode_queries(texts)


def test_split_encoder_gives_the_question_sides_tuning_unless_it_is_turned_off() -> None:
    side = _Tunable()
    enc = SplitEncoder("m", 64, lambda: side, HashingEncoder, "x")
    assert isinstance(questions_in(enc, "en"), _Shifted)
    assert questions_in(enc, "vi") is enc
    off = SplitEncoder("m", 64, lambda: side, HashingEncoder, "x", question_tuning=False)
    assert questions_in(off, "en") is off
    assert questions_in(HashingEncoder(), "en").__class__ is HashingEncoder  # encoders without tunings


def test_tinbot_question_tuning_off_turns_it_off(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv("TINBOT_QUESTION_TUNING", "off")
    assert load_encoder(DEFAULT_MODEL, tmp_path).question_tuning is False  # type: ignore[attr-defined]
    monkeypatch.delenv("TINBOT_QUESTION_TUNING")
    assert load_encoder(DEFAULT_MODEL, tmp_path).question_tuning is True  # type: ignore[attr-defined]


def test_hybrid_search_embeds_english_questions_tuned_and_others_as_they_are(tmp_path) -> None:
    from retrieval.indexer import build_index
    from retrieval.index import load_index
    from retrieval.search import Searcher
    from tests.conftest import SEEDS

    enc = _Tunable()
    build_index([SEEDS], enc, tmp_path / "idx")
    searcher = Searcher(load_index(tmp_path / "idx"), enc)
    searcher.search("what was budget revenue?", 3)
    searcher.search("thu ngân sách đạt bao nhiêu?", 3)
    assert enc.asked[-2:] == ["en", "vi"]
    dense = Searcher(load_index(tmp_path / "idx"), enc, mode="dense")
    dense.search("what was budget revenue?", 3)  # the dense baseline is the model as it is
    assert enc.asked[-1] == "vi"


# --- slow: the int8 export against the fp32 model with the same changes --------------------------------------------

@pytest.mark.slow
def test_tuned_int8_questions_are_the_fp32_model_with_the_changes() -> None:
    import torch
    from sentence_transformers import SentenceTransformer

    from embeddings.registry import ensure_default_model

    questions = ["What was budget revenue?", "How many people attended the festival in Hue?",
                 "Who led the team in takedowns?"]
    folder = ensure_default_model(real_cache_dir())
    model = SentenceTransformer(str(folder), device="cpu")
    plain = model.encode(["query: " + q for q in questions], normalize_embeddings=True)
    params = dict(model[0].auto_model.named_parameters())
    with torch.no_grad():
        for name, change in read_tensors(QUESTION_TUNINGS["en"]).items():
            params[name] += torch.from_numpy(change)
    tuned = model.encode(["query: " + q for q in questions], normalize_embeddings=True)
    int8 = load_encoder(DEFAULT_MODEL, real_cache_dir(), backend="onnx-int8")
    got_tuned = questions_in(int8, "en").encode_queries(questions)
    got_plain = int8.encode_queries(questions)
    assert ((got_tuned * tuned).sum(axis=1) >= 0.98).all()
    assert ((got_plain * plain).sum(axis=1) >= 0.98).all()
    assert ((got_tuned * got_plain).sum(axis=1) < 0.999).all()  # the tuning does change the vectors
    # ... and the question's token vectors (layers below TOKEN_LAYER are tuned), on the same tokens
    _, tok_tuned = questions_in(int8, "en").encode_queries_with_tokens(questions)
    _, tok_plain = int8.encode_queries_with_tokens(questions)
    assert [len(t) for t in tok_tuned] == [len(t) for t in tok_plain]
    assert all((a * b).sum(axis=1).mean() < 0.999 for a, b in zip(tok_tuned, tok_plain))
    assert questions_in(int8, "vi") is int8  # no Vietnamese tuning: Vietnamese questions as they were


def _tiny_model(path) -> None:
    """y = x + b, with b = BASE's LayerNorm weight under its exported name."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    bias = numpy_helper.from_array(LN, "inner.encoder.layer.8.output.LayerNorm.weight")
    graph = helper.make_graph([helper.make_node("Add", ["x", bias.name], ["y"])], "tiny",
                              [helper.make_tensor_value_info("x", TensorProto.FLOAT, [4])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [4])], [bias])
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), str(path))


def test_an_exported_model_runs_untuned_by_default_and_tuned_when_fed(tmp_path) -> None:
    import onnxruntime as ort

    from embeddings.onnx import TUNED_FILE, _add_tunings, _load_tunings

    _tiny_model(tmp_path / "m.onnx")
    name = "encoder.layer.8.output.LayerNorm.weight"
    _add_tunings(tmp_path / "m.onnx", {"en": {name: np.full(4, 0.25, np.float32)}}, BASE)
    session = ort.InferenceSession(str(tmp_path / "m.onnx"), providers=["CPUExecutionProvider"])
    tunings = _load_tunings(tmp_path, {i.name for i in session.get_overridable_initializers()})
    x = np.zeros(4, np.float32)
    assert np.array_equal(session.run(None, {"x": x})[0], LN)
    assert np.allclose(session.run(None, {"x": x, **tunings["en"]})[0], LN + 0.25)
    assert (tmp_path / TUNED_FILE.format("en")).is_file()


def test_a_tuning_that_does_not_fit_the_export_is_left_out_with_a_warning(tmp_path, caplog) -> None:
    from embeddings.onnx import TUNED_FILE, _add_tunings, _load_tunings

    _tiny_model(tmp_path / "m.onnx")
    stale = {"encoder.layer.8.output.LayerNorm.weight": LN + 1}  # other weights than the exported ones
    _add_tunings(tmp_path / "m.onnx", {"en": {"encoder.layer.8.output.LayerNorm.weight": np.ones(4, np.float32)}},
                 stale)
    assert "the en question tuning is not used" in caplog.text
    assert not (tmp_path / TUNED_FILE.format("en")).exists()
    assert _load_tunings(tmp_path, set()) == {}


@pytest.mark.slow
def test_eval_says_which_questions_went_through_a_tuning(capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    """`tinbot eval` names the tuning in its header and --json (`tuned_questions`), and
    TINBOT_QUESTION_TUNING=off measures without it: the seed's English questions then score otherwise."""
    import json

    from bot.cli import main
    from tests.conftest import SEEDS

    monkeypatch.setenv("TINBOT_CACHE_DIR", str(real_cache_dir()))
    gold = str(SEEDS.parent / "eval" / "seed_gold.jsonl")
    runs = {}
    for setting in ("on", "off"):
        monkeypatch.setenv("TINBOT_QUESTION_TUNING", setting)
        assert main(["eval", gold, "--corpus", str(SEEDS), "--json"]) == 0
        runs[setting] = json.loads(capsys.readouterr().out)
    assert runs["on"]["tuned_questions"] == ["en"] and runs["off"]["tuned_questions"] == []
    ranked = {s: [q["ranked"] for q in r["runs"]["hybrid"]["questions"] if q["lang"] == "en"] for s, r in runs.items()}
    assert ranked["on"] != ranked["off"]
    vi = {s: [q["ranked"] for q in r["runs"]["hybrid"]["questions"] if q["lang"] == "vi"] for s, r in runs.items()}
    assert vi["on"] == vi["off"]
    monkeypatch.setenv("TINBOT_QUESTION_TUNING", "on")
    assert main(["eval", gold, "--corpus", str(SEEDS)]) == 0
    assert "hybrid: en questions tuned" in capsys.readouterr().out


def test_a_damaged_tuning_file_names_the_fix(tmp_path) -> None:
    from embeddings.errors import ModelUnavailable
    from embeddings.onnx import TUNED_FILE, _load_tunings

    (tmp_path / TUNED_FILE.format("en")).write_bytes(b"not an npz")
    with pytest.raises(ModelUnavailable, match=f"delete {tmp_path} to re-export"):
        _load_tunings(tmp_path, {"x"})
    np.savez(tmp_path / TUNED_FILE.format("en"), other=np.ones(2, np.float32))
    with pytest.raises(ModelUnavailable, match="does not fit"):
        _load_tunings(tmp_path, {"x"})  # a tensor the model does not let a run override
