"""Shared fixtures. Fast tests use the deterministic `hashing` encoder; `slow` tests load the real model once."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from retrieval.config import Settings

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SEEDS = ROOT / "seeds"
BUDGET = "120,3 tỷ đồng"


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the user's TINBOT_* settings or writes to their cache."""
    for key in list(os.environ):
        if key.startswith("TINBOT_") or key == "TELEGRAM_BOT_TOKEN":
            monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("TINBOT_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def hashing_settings(tmp_path: Path) -> Settings:
    return Settings(cache_dir=tmp_path / "cache", index_dir=tmp_path / "index", model="hashing", corpus=(SEEDS,))


def interrupted_build(corpus: Path, index_dir: Path, articles: int = 6) -> None:
    """Write `articles` variants of the seed article into `corpus`, then start indexing them into `index_dir` and
    stop it (as Ctrl-C would) once the first chunk of articles is embedded and cached."""
    from embeddings.encoder import HashingEncoder
    from retrieval.indexer import build_index

    seed = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
    corpus.mkdir()
    for i in range(articles):
        (corpus / f"a{i}.txt").write_text(seed.replace("Cẩm Xuyên", f"Cẩm Xuyên {i}"), encoding="utf-8")

    def interrupt(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_index([corpus], HashingEncoder(), index_dir, on_embed=interrupt)


def real_cache_dir() -> Path:
    """Where slow tests keep the materialised model: shared across runs so it is built once per machine."""
    env = os.environ.get("TINBOT_TEST_MODEL_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tinbot"


@pytest.fixture(scope="session")
def real_encoder():
    from embeddings.registry import DEFAULT_MODEL, load_encoder

    return load_encoder(DEFAULT_MODEL, real_cache_dir())


@pytest.fixture(scope="session")
def real_service(tmp_path_factory: pytest.TempPathFactory, real_encoder):
    """The real model over seeds/, built once per test session."""
    from retrieval.service import QAService

    tmp = tmp_path_factory.mktemp("real")
    settings = Settings(cache_dir=real_cache_dir(), index_dir=tmp / "index", model=real_encoder.model_id,
                        corpus=(SEEDS,))
    return QAService.open(settings, encoder=real_encoder)
