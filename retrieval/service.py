"""The retrieval service every front end calls: open the index once, answer questions, give context."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from embeddings.encoder import Encoder
from embeddings.errors import IndexNotFound
from embeddings.registry import load_encoder
from retrieval.answer import clean_question, make_answer
from retrieval.config import Settings
from retrieval.index import LoadedIndex, load_index
from retrieval.indexer import BuildReport, build_index
from retrieval.search import Searcher
from retrieval.types import Answer, Sentence

logger = logging.getLogger(__name__)

Notify = Callable[[str], None]


@dataclass(frozen=True)
class IndexStats:
    articles: int
    sentences: int
    first_date: str
    last_date: str
    model: str
    path: str
    version: str


def index_corpus(settings: Settings, encoder: Encoder | None = None, *, progress: bool = False) -> BuildReport:
    encoder = encoder or load_encoder(settings.model, settings.cache_dir, batch_size=settings.batch_size)
    return build_index(list(settings.corpus), encoder, settings.index_dir, progress=progress)


class QAService:
    """Holds one loaded index and its encoder. Thread-safe for concurrent `ask` calls (read-only state)."""

    def __init__(self, settings: Settings, index: LoadedIndex, *, mode: str = "hybrid",
                 encoder: Encoder | None = None) -> None:
        self.settings = settings
        self.index = index
        self.mode = mode
        self._encoder = encoder

    @classmethod
    def open(cls, settings: Settings, *, mode: str = "hybrid", build_if_missing: bool = True,
             notify: Notify | None = None, model_given: bool = False,
             encoder: Encoder | None = None) -> QAService:
        """Load the index; if there is none and `build_if_missing`, build it from the corpus first."""
        try:
            index = load_index(settings.index_dir, model=settings.model if model_given else None)
        except IndexNotFound:
            if not build_if_missing:
                raise
            if notify:
                notify(f"No index in {settings.index_dir} yet: building it from "
                       + ", ".join(str(p) for p in settings.corpus) + " (first run only)...")
            encoder = encoder or load_encoder(settings.model, settings.cache_dir, batch_size=settings.batch_size)
            report = index_corpus(settings, encoder)
            for problem in report.problems:
                logger.warning("%s", problem)
            index = load_index(settings.index_dir, model=encoder.model_id)
        return cls(settings, index, mode=mode, encoder=encoder)

    @cached_property
    def encoder(self) -> Encoder:
        if self._encoder is not None and self._encoder.model_id == self.index.model:
            return self._encoder
        return load_encoder(self.index.model, self.settings.cache_dir, batch_size=self.settings.batch_size)

    @cached_property
    def searcher(self) -> Searcher:
        return Searcher(self.index, self.encoder if self.mode != "lexical" else _NoEncoder(), self.mode)

    def warm_up(self) -> None:
        """Load the model and lexical tables now, so the first question is as fast as the rest."""
        _ = self.searcher.lexical
        if self.mode != "lexical":
            self.encoder.encode_queries(["khởi động"])

    def ask(self, question: str, top_k: int | None = None) -> Answer:
        text = clean_question(question)
        k = top_k or self.settings.top_k
        hits = self.searcher.search(text, k + 10)
        return make_answer(text, hits, self.index, top_k=k)

    def context(self, sentence_id: str, radius: int = 2) -> list[Sentence]:
        """The sentences around a quote, within its article, in reading order."""
        row = self.index.row_of(sentence_id)
        if row is None:
            return []
        first, end = self.index.article_rows[self.index.sentences[row].article_id]
        return [s for s in self.index.sentences[max(first, row - radius):min(end, row + radius + 1)]
                if s.kind == "body" or s.sentence_id == sentence_id]

    def stats(self) -> IndexStats:
        first, last = self.index.date_range()
        m = self.index.manifest
        return IndexStats(len(self.index.articles), len(self.index.sentences), first, last, self.index.model,
                          str(self.index.path), str(m.get("tinbot_version", "")))


class _NoEncoder:
    """Stands in for the model in lexical mode, where no vectors are needed."""

    model_id = "none"
    dim = 0

    def encode_queries(self, texts):  # pragma: no cover - never called in lexical mode
        raise RuntimeError("lexical mode does not encode")

    def encode_passages(self, texts, *, progress=False):  # pragma: no cover
        raise RuntimeError("lexical mode does not encode")
