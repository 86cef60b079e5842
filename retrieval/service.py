"""The retrieval service every front end calls: open the index once, answer questions, give context."""
from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property

from embeddings.encoder import Encoder, token_layer_of
from embeddings.errors import IndexNotFound, ModelMismatch, ModelUnavailable, TinbotError
from embeddings.registry import load_encoder
from retrieval.answer import MORE_QUOTES, answer_lang, answer_with, clean_question, in_conversation, not_a_question
from retrieval.background import background_wanted, open_background
from retrieval import store
from retrieval.config import Settings
from retrieval.direct import direct_answer
from retrieval.freshness import SourceCheck
from retrieval.index import LoadedIndex, load_index
from retrieval.indexer import BuildReport, build_index
from retrieval.search import Searcher
from retrieval.smalltalk import small_talk
from retrieval.types import Answer, Sentence

logger = logging.getLogger(__name__)

Notify = Callable[[str], None]
RELOAD_CHECK_SECONDS = 2.0


@dataclass(frozen=True)
class IndexStats:
    articles: int
    sentences: int
    first_date: str
    last_date: str
    model: str
    path: str
    version: str
    recent: tuple[tuple[str, str], ...] = ()  # (title, date) of the newest articles, newest first


def check_corpus_setting(settings: Settings) -> None:
    """A TINBOT_CORPUS naming a path that does not exist is refused before the model loads: it is a setting, not
    a list typed now, so the error says where it came from."""
    missing = [str(p) for p in settings.corpus if not p.exists()]
    if missing and settings.corpus_from_env:
        raise TinbotError(f"TINBOT_CORPUS names {', '.join(missing)}, which does not exist; set it to article "
                          f"files or folders separated by '{os.pathsep}', or unset it to use seeds/")


def index_corpus(settings: Settings, encoder: Encoder | None = None, *, progress: bool = False,
                 only_if_missing: bool = False, on_embed: Callable[[int, int], None] | None = None,
                 on_wait: Callable[[str], None] | None = None) -> BuildReport:
    check_corpus_setting(settings)
    encoder = encoder or load_encoder(settings.model, settings.cache_dir, batch_size=settings.batch_size,
                                      backend=settings.backend)
    report = build_index(list(settings.corpus), encoder, settings.index_dir, progress=progress,
                         only_if_missing=only_if_missing, on_embed=on_embed, on_wait=on_wait)
    if token_layer_of(encoder) is not None and background_wanted():
        try:
            open_background(settings.cache_dir, encoder, on_wait)  # now, not on the first question
        except (TinbotError, OSError) as exc:  # the index is built; a question retries this
            logger.warning("background text not prepared: %s", exc)
    return report


class QAService:
    """Holds one loaded index and its encoder. Thread-safe for concurrent `ask` calls (read-only state).

    When `tinbot index` publishes a new generation while the service runs, the next question (checked at most
    every RELOAD_CHECK_SECONDS) loads and verifies it, then switches; questions in flight finish on the old one.
    """

    def __init__(self, settings: Settings, index: LoadedIndex, *, mode: str = "hybrid",
                 encoder: Encoder | None = None, auto_reload: bool = True, notify: Notify | None = None) -> None:
        self.settings = settings
        self.mode = mode
        self._encoder = encoder
        # (index, searcher or None), replaced as one value so readers never see a mixed pair
        self._state: tuple[LoadedIndex, Searcher | None] = (index, None)
        self._auto_reload = auto_reload
        self._checked = time.monotonic()
        self._reload_lock = threading.Lock()
        self._sources = SourceCheck()
        self._notify = notify

    @classmethod
    def open(cls, settings: Settings, *, mode: str = "hybrid", build_if_missing: bool = True,
             notify: Notify | None = None, encoder: Encoder | None = None) -> QAService:
        """Load the index; if there is none and `build_if_missing`, build it from the corpus first. The index
        must be of `settings.model` if that was named (`model_chosen`); else its own model is used."""
        try:
            index = load_index(settings.index_dir, model=settings.model if settings.model_chosen else None)
        except IndexNotFound:
            if not build_if_missing:
                raise
            check_corpus_setting(settings)
            store.ensure_index_folder(settings.index_dir)  # refused before "building it" is announced
            if notify:
                notify(f"no index in {settings.index_dir} yet: building it from "
                       + ", ".join(str(p) for p in settings.corpus)
                       + " (first run only; if you meant an index you built, check --index-dir)...")
            encoder = encoder or load_encoder(settings.model, settings.cache_dir, batch_size=settings.batch_size,
                                              backend=settings.backend)
            report = index_corpus(settings, encoder, only_if_missing=True, on_wait=notify)
            for problem in report.problems:  # a file skipped: said where the build was announced
                (notify or logger.warning)(problem)
            if report.found_built:  # a `tinbot index` running meanwhile made it: that one is wanted, not seeds
                if notify:
                    notify(f"another tinbot index finished an index in {settings.index_dir} meanwhile: using it")
                index = load_index(settings.index_dir, model=settings.model if settings.model_chosen else None)
            else:
                index = load_index(settings.index_dir, model=encoder.model_id)
        return cls(settings, index, mode=mode, encoder=encoder, notify=notify)

    @cached_property
    def encoder(self) -> Encoder:
        """The model the index was built with (questions must be embedded by the same one)."""
        index = self.index
        given = self._encoder if self._encoder is not None and self._encoder.model_id == index.model else None
        encoder = given or self._load_index_model()
        if encoder.dim != index.manifest["dim"]:
            raise ModelMismatch(f"index in {self.settings.index_dir} holds {index.manifest['dim']}-dimensional "
                                f"vectors, but model {index.model!r} gives {encoder.dim}; "
                                f"{store.rebuild_hint(self.settings.index_dir)}")
        return encoder

    def _load_index_model(self) -> Encoder:
        """Load the index's model; if it cannot be loaded here, say that the index was built with another model,
        not only how loading it failed."""
        model = self.index.model
        try:
            return load_encoder(model, self.settings.cache_dir, batch_size=self.settings.batch_size,
                                backend=self.settings.backend)
        except ModelUnavailable as exc:
            if model == self.settings.model:
                raise
            first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise ModelMismatch(
                f"index in {self.settings.index_dir} was built with model {model!r}, which cannot be loaded here "
                f"({first_line}); rebuild it with: tinbot index --index-dir {self.settings.index_dir} "
                f"--model {self.settings.model} <your articles>") from exc

    @property
    def index(self) -> LoadedIndex:
        return self._state[0]

    @property
    def searcher(self) -> Searcher:
        if self._auto_reload and time.monotonic() - self._checked > RELOAD_CHECK_SECONDS:
            self.reload_if_changed()
        index, searcher = self._state
        if searcher is None:
            searcher = self._make_searcher(index)
            self._state = (index, searcher)
        return searcher

    def _make_searcher(self, index: LoadedIndex) -> Searcher:
        searcher = Searcher(index, self.encoder if self.mode != "lexical" else _NoEncoder(), self.mode)
        if self.mode == "hybrid" and searcher.tokens is not None and background_wanted():
            try:
                searcher.background = Searcher(self._background_index, self.encoder)
            except (TinbotError, OSError) as exc:  # answers are still judged by the thresholds alone
                logger.warning("no background text to compare answers with: %s", exc)
        return searcher

    @cached_property
    def _background_index(self) -> LoadedIndex:
        """The unrelated text answers must beat (retrieval/background.py), one per model: kept across reloads."""
        return open_background(self.settings.cache_dir, self.encoder, self._notify)

    def reload_if_changed(self) -> bool:
        """Switch to a newer live generation if there is one; a broken one is logged and the old kept."""
        self._checked = time.monotonic()
        live = store.live_generation(self.settings.index_dir)
        if live is None or live == self.index.path or not self._reload_lock.acquire(blocking=False):
            return False
        try:
            index = load_index(self.settings.index_dir, model=self.index.model)
            searcher = self._make_searcher(index)
            searcher.warm_up()  # build lazy tables before switching, not on a user's question
            self._state = (index, searcher)
            logger.info("switched to index %s (%d sentences)", index.path, len(index.sentences))
            return True
        except TinbotError as exc:
            logger.warning("new index in %s not loaded, still serving the previous one: %s",
                           self.settings.index_dir, exc)
            return False
        finally:
            self._reload_lock.release()

    def warm_up(self) -> None:
        """Load the model and lazy tables now, so the first question is as fast as the rest."""
        self.searcher.warm_up()
        if self.mode != "lexical":
            self.encoder.encode_queries(["khởi động"])

    def ask(self, question: str, top_k: int | None = None, *, previous: str | None = None) -> Answer:
        """Answer `question`; a short one declined alone is read as a follow-up of `previous`, the question
        asked before it in the same conversation, if that finds a sentence with a word of its own."""
        text = clean_question(question)
        talk = small_talk(text)
        if talk is not None:
            reply = not_a_question(text, talk)
            # "ok", "test" say no language: the conversation's is kept.
            return replace(reply, lang=answer_lang(previous)) if previous and not talk.lang else reply
        k = top_k or self.settings.top_k
        searcher = self.searcher  # one index for the whole question, even if a reload happens meanwhile
        by = direct_answer(text, searcher, previous=previous, k=k)
        if by is not None:
            return self._sources.mark(by, searcher.index)
        answer = answer_with(text, searcher.search(text, k + MORE_QUOTES), searcher, top_k=k)
        read = in_conversation(answer, text, previous, searcher, k)
        if read is not None:
            answer = read[0]
        return self._sources.mark(answer, searcher.index)

    def context(self, sentence_id: str, radius: int = 2) -> list[Sentence]:
        """The sentences around a quote, within its article, in reading order."""
        index = self.index
        row = index.row_of(sentence_id)
        if row is None:
            return []
        first, end = index.article_rows[index.sentences[row].article_id]
        return [s for s in index.sentences[max(first, row - radius):min(end, row + radius + 1)]
                if s.kind == "body" or s.sentence_id == sentence_id]

    def stats(self) -> IndexStats:
        first, last = self.index.date_range()
        m = self.index.manifest
        return IndexStats(len(self.index.articles), len(self.index.sentences), first, last, self.index.model,
                          str(self.index.path), str(m.get("tinbot_version", "")), self.index.recent)


class _NoEncoder:
    """Stands in for the model in lexical mode, where no vectors are needed."""

    model_id = "none"
    dim = 0

    def encode_queries(self, texts):  # pragma: no cover - never called in lexical mode
        raise RuntimeError("lexical mode does not encode")

    def encode_passages(self, texts, *, progress=False):  # pragma: no cover
        raise RuntimeError("lexical mode does not encode")
