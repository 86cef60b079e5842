"""The service in front of a damaged index: it says what is wrong instead of rebuilding or going online."""
from __future__ import annotations

import json
import shutil
from pathlib import Path
import pytest

from embeddings.encoder import HashingEncoder
from embeddings.errors import IndexCorrupt, ModelMismatch
from retrieval import store
from retrieval.config import Settings
from retrieval.indexer import build_index
from retrieval.service import QAService
from tests.conftest import DATA, SEEDS, interrupted_build


@pytest.fixture
def settings(hashing_settings: Settings) -> Settings:
    build_index([DATA / "articles"], HashingEncoder(), hashing_settings.index_dir)
    return hashing_settings


def test_a_deleted_live_generation_is_reported_not_silently_rebuilt(settings: Settings) -> None:
    shutil.rmtree(store.live_generation(settings.index_dir))
    notes: list[str] = []
    with pytest.raises(IndexCorrupt, match="live index generation .* is missing.*tinbot index"):
        QAService.open(settings, notify=notes.append)
    assert notes == [] and not any(p.name.startswith("gen-") for p in settings.index_dir.iterdir())


def _set_manifest(settings: Settings, **fields: object) -> None:
    path = store.live_generation(settings.index_dir) / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest.update(fields)
    path.write_text(json.dumps(manifest), encoding="utf-8")


def test_an_index_of_a_model_that_cannot_be_loaded_says_it_was_built_with_it(
        settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    import sentence_transformers

    def offline(name: str, **kwargs: object) -> None:  # the hub, unreachable (no test goes online)
        raise OSError(f"We couldn't connect to 'https://huggingface.co' to load {name}.\nCheck your connection.")

    monkeypatch.setattr(sentence_transformers, "SentenceTransformer", offline)
    # whatever this machine's network and proxy settings, the hub probe passes the question on to the library
    monkeypatch.setattr("embeddings.registry.hub_unreachable", lambda *args: None)
    _set_manifest(settings, model="someone/other-model")
    service = QAService.open(settings)
    with pytest.raises(ModelMismatch, match="built with model 'someone/other-model', which cannot be loaded here "
                                            r"\(.*couldn't connect.*\); rebuild it with: tinbot index --index-dir "
                                            ".* --model hashing <your articles>$"):
        service.ask("thu ngân sách đạt bao nhiêu?")


def test_an_encoder_of_another_dimension_is_refused(settings: Settings) -> None:
    service = QAService.open(settings, encoder=HashingEncoder(dim=512))
    with pytest.raises(ModelMismatch, match="256-dimensional vectors, but model 'hashing' gives 512"):
        service.ask("thu ngân sách đạt bao nhiêu?")


def test_a_first_question_while_tinbot_index_builds_waits_and_uses_that_index(hashing_settings: Settings) -> None:
    """`tinbot index my-articles` is running on a new folder and `tinbot ask` comes in: it must not build the seed
    article's index over the user's once the lock is free."""
    import threading

    locked, release = threading.Event(), threading.Event()

    def slow_embed(done: int, total: int) -> None:
        locked.set()
        release.wait(10)

    user = threading.Thread(target=build_index, args=([DATA / "articles"], HashingEncoder(),
                                                      hashing_settings.index_dir), kwargs={"on_embed": slow_embed})
    user.start()
    assert locked.wait(10)
    notes: list[str] = []
    threading.Timer(0.3, release.set).start()  # the user's build finishes while the question waits
    service = QAService.open(hashing_settings, notify=notes.append, encoder=HashingEncoder())
    user.join()
    wanted = {a.article_id for a in store.live_articles(hashing_settings.index_dir)}
    assert {a for a in service.index.articles} == wanted and not any(a.startswith("seeds/") for a in wanted)
    assert "using it" in notes[-1]


def test_a_first_question_after_an_interrupted_build_keeps_its_work_for_the_rerun(hashing_settings: Settings,
                                                                                tmp_path: Path) -> None:
    """Ctrl-C during the first `tinbot index`, then a question (which indexes the seed article, as on any first
    run): the user's finished articles stay cached, so running `tinbot index` again resumes."""
    corpus = tmp_path / "mine"
    interrupted_build(corpus, hashing_settings.index_dir)
    QAService.open(hashing_settings, encoder=HashingEncoder()).ask("thu ngân sách đạt bao nhiêu?")
    assert build_index([corpus], HashingEncoder(), hashing_settings.index_dir).reused_articles > 0


def test_a_sentence_filed_twice_is_quoted_once(hashing_settings: Settings, tmp_path: Path) -> None:
    """The same article under two titles (or pasted twice): its sentences are quoted once, not once per copy."""
    import dataclasses

    corpus = tmp_path / "twice"
    corpus.mkdir()
    seed = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
    header, _, body = seed.partition("\n")
    (corpus / "a.txt").write_text(seed, encoding="utf-8")
    (corpus / "b.txt").write_text(f"{header} (đăng lại)\n{body}", encoding="utf-8")
    settings = dataclasses.replace(hashing_settings, corpus=(corpus,))
    answer = QAService.open(settings, encoder=HashingEncoder()).ask("Thu ngân sách của huyện đạt bao nhiêu?",
                                                                   top_k=5)
    texts = [q.text for q in (*answer.quotes, *answer.more)]
    assert texts and len(texts) == len(set(texts))


def test_the_background_is_prepared_with_the_index_and_its_failure_only_costs_the_comparison(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    from retrieval import background, service
    from retrieval.service import index_corpus
    from tests.test_search import WordTokens

    enc = WordTokens()
    settings = Settings(cache_dir=tmp_path / "cache", index_dir=tmp_path / "index", model="hashing", corpus=(SEEDS,))
    index_corpus(settings, enc)  # builds the background too: a token encoder, hybrid answers
    assert store.live_generation(background.background_dir(settings.cache_dir, enc)) is not None
    qa = QAService.open(settings, encoder=enc)
    assert qa.searcher.background is not None and len(qa.searcher.background.index.articles) >= 50
    assert qa.searcher.background_best("Cách luộc trứng lòng đỏ còn lỏng?") is not None

    def broken(*_args, **_kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(service, "open_background", broken)
    index_corpus(settings.with_overrides(cache_dir=tmp_path / "other"), enc)  # the index is still built
    qa = QAService.open(settings.with_overrides(cache_dir=tmp_path / "other"), encoder=enc)
    assert qa.searcher.background is None and "No space left" in caplog.text
    assert qa.ask("Thu ngân sách đạt bao nhiêu?").quotes or qa.ask("Thu ngân sách đạt bao nhiêu?").more
