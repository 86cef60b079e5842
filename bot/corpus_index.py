"""The index of article paths given on the command line (`--corpus` of `tinbot ask`, `repl` and `eval`): kept
under the cache dir, keyed by the paths' content and the model, so asking over a folder needs no `tinbot index`
and leaves the default index alone."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from embeddings.errors import TinbotError


def add_corpus_option(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--corpus", metavar="PATH", action="append",
                   help=f"{what} these article files or folders (repeatable) instead of the index; their index "
                   "is kept under the cache dir, keyed by their content and the model, and re-embeds only "
                   "changed files")


def corpus_paths(args: argparse.Namespace) -> list[Path]:
    """The `--corpus` paths given ([] for none); refused together with `--index-dir`."""
    corpus = getattr(args, "corpus", None) or []
    if corpus and getattr(args, "index_dir", None):
        raise TinbotError("give --corpus or --index-dir, not both")
    return [Path(p) for p in corpus]


def open_corpus_service(settings, paths: Sequence[Path], note: Callable[[str], None], *, mode: str = "hybrid"):
    """A QAService over the index of `paths` (`prepare_corpus_index`), with the settings' model."""
    from embeddings.registry import load_encoder
    from retrieval.service import QAService

    encoder = load_encoder(settings.model, settings.cache_dir, batch_size=settings.batch_size)
    index_dir = prepare_corpus_index(paths, encoder, settings.cache_dir, note)
    return QAService.open(settings.with_overrides(index_dir=index_dir, model_chosen=True), mode=mode,
                          build_if_missing=False, encoder=encoder)


def prepare_corpus_index(paths: Sequence[Path], encoder, cache_dir: Path, note: Callable[[str], None]) -> Path:
    """Build (or refresh) the index of `paths` under `<cache>/eval-index/<key>`.

    It is rebuilt on every run so sentences always come from the current splitter; vectors are reused by
    content hash, so a repeated run embeds nothing.
    """
    from bot.format import plural
    from retrieval.indexer import build_index, corpus_key

    index_dir = cache_dir / "eval-index" / corpus_key(paths, encoder.model_id, getattr(encoder, "backend", ""))
    report = build_index(list(paths), encoder, index_dir, progress=sys.stderr.isatty())
    for problem in report.problems:
        note(problem)
    note(f"index of the given paths, {index_dir}: {plural(report.articles, 'article')}, "
         f"{plural(report.sentences, 'sentence')} (articles: {report.embedded_articles} embedded, "
         f"{report.reused_articles} unchanged) in {report.seconds:.1f} s")
    return index_dir
