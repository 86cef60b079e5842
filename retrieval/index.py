"""A loaded, verified index generation: metadata, vectors, the FAISS index and token vectors, ready to search."""
from __future__ import annotations

import heapq
import logging
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

from embeddings.errors import IndexCorrupt, ModelMismatch
from embeddings.registry import local_model_problem
from retrieval import store
from retrieval.diacritics import DiacriticRestorer
from retrieval.lexical import TITLE_WEIGHT, LexicalIndex
from retrieval.maxsim import TokenVectors
from retrieval.mentions import MENTIONS
from retrieval.passages import PASSAGE_FORMAT
from retrieval.recase import CaseTable
from retrieval.textnorm import NORMALIZER_VERSION
from retrieval.types import Article, Sentence
from retrieval.vectors import FaissIndex

logger = logging.getLogger(__name__)
RECENT = 3  # newest articles named by `LoadedIndex.recent` (the bot's welcome suggests them)


@dataclass
class LoadedIndex:
    path: Path
    manifest: dict
    articles: dict[str, Article]
    sentences: list[Sentence]
    vectors: np.ndarray
    faiss: FaissIndex
    tokens: TokenVectors | None = None  # memory-mapped token vectors (None if the index stores none)
    lexical: LexicalIndex | None = None  # memory-mapped BM25 posting lists (None: built on first use)
    restorer: DiacriticRestorer | None = None  # accent restoration counts (None: built on first use)
    context: np.ndarray | None = None  # per sentence, its vector read after the sentence before (None: older)
    paragraph: np.ndarray | None = None  # per sentence, its paragraph's vector (None: an older index)
    rest: np.ndarray | None = None  # per sentence, its paragraph's vector without it (None: an older index)
    case: CaseTable | None = None  # how the corpus capitalises its words (None: built on first use)
    _rows: dict[str, int] = field(default_factory=dict, repr=False)

    @property
    def token_layer(self) -> int | None:
        return (self.manifest.get("tokens") or {}).get("layer") if self.tokens is not None else None

    @property
    def model(self) -> str:
        return str(self.manifest["model"])

    def row_of(self, sentence_id: str) -> int | None:
        if not self._rows:
            self._rows = {s.sentence_id: i for i, s in enumerate(self.sentences)}
        return self._rows.get(sentence_id)

    def article_of(self, row: int) -> Article:
        return self.articles[self.sentences[row].article_id]

    @cached_property
    def article_rows(self) -> dict[str, tuple[int, int]]:
        """article id -> (first row, last row + 1): sentences of one article are contiguous."""
        spans: dict[str, tuple[int, int]] = {}
        for i, s in enumerate(self.sentences):
            first = spans.get(s.article_id, (i, i))[0]
            spans[s.article_id] = (first, i + 1)
        return spans

    def article_text(self, article_id: str) -> str:
        """An article's title and its indexed sentences, as one text."""
        first, end = self.article_rows[article_id]
        return " ".join([self.articles[article_id].title] + [s.text for s in self.sentences[first:end]])

    @cached_property
    def _date_range(self) -> tuple[str, str]:
        dates = [a.date for a in self.articles.values() if a.date]
        return (min(dates), max(dates)) if dates else ("", "")

    def date_range(self) -> tuple[str, str]:
        """First and last article date; computed once per loaded index (the bot's /start asks each time)."""
        return self._date_range

    @cached_property
    def recent(self) -> tuple[tuple[str, str], ...]:
        """(title, date) of the newest articles, newest first (at most RECENT); undated ones last."""
        newest = heapq.nlargest(RECENT, self.articles.values(), key=lambda a: (a.date, a.title))
        return tuple((a.title, a.date) for a in newest)


def check_compatible(manifest: dict, gen: Path, model: str | None) -> None:
    """Refuse to mix models or read an index written by another normaliser or passage format."""
    if model is not None and manifest.get("model") != model:
        problem = local_model_problem(model)
        if problem:
            raise ModelMismatch(f"{problem}; the index in {gen.parent} was built with model "
                                f"{manifest.get('model')!r}: leave out --model and TINBOT_MODEL to use it")
        raise ModelMismatch(f"index in {gen.parent} was built with model {manifest.get('model')!r}, not {model!r}; "
                            f"to use this index, leave out --model and TINBOT_MODEL; to use {model!r}, rebuild "
                            f"it with: tinbot index --index-dir {gen.parent} --model {model} <your articles>")
    for key, ours in (("normalizer", NORMALIZER_VERSION), ("passage_format", PASSAGE_FORMAT)):
        if manifest.get(key) != ours:
            raise ModelMismatch(f"index in {gen.parent} was built by another tinbot version ({key} "
                                f"{manifest.get(key)!r}, this version uses {ours!r}); {store.rebuild_hint(gen.parent)}")


def check_dimension(manifest: dict, gen: Path, vectors: np.ndarray) -> None:
    """The manifest's dimension is what the stored vectors have (and what a question's vector must have)."""
    if vectors.ndim != 2 or vectors.shape[1] != manifest["dim"]:
        raise IndexCorrupt(f"{gen}: manifest.json gives dimension {manifest['dim']}, but embeddings.npy holds "
                           f"vectors of shape {vectors.shape}; {store.rebuild_hint(gen.parent)}")


def load_index(index_dir: Path, *, model: str | None = None, checksums: bool = True) -> LoadedIndex:
    """Open the live generation of `index_dir`, verifying it; errors name the fix."""
    gen = store.open_generation(index_dir)
    manifest = store.read_manifest(gen)
    store.verify(gen, manifest, checksums=checksums)
    check_compatible(manifest, gen, model)
    articles, sentences = store.read_metadata(gen)
    vectors = store.load_vectors(gen)
    check_dimension(manifest, gen, vectors)
    faiss_index = FaissIndex.load(gen / "vectors.faiss", manifest.get("faiss", "flat"))
    tokens = TokenVectors.load(gen) if manifest.get("tokens") else None
    context = store.load_vectors(gen, "context.npy") if manifest.get("context") else None
    paragraph, rest = ((store.load_vectors(gen, "paragraph.npy"), store.load_vectors(gen, "rest.npy"))
                       if manifest.get("paragraph") else (None, None))
    counts = {faiss_index.ntotal, len(vectors)} | ({tokens.n_sentences} if tokens is not None else set())
    mismatched = (manifest.get("tokens") and tokens is None) or any(
        extra is not None and extra.shape != vectors.shape for extra in (context, paragraph, rest))
    if counts != {len(sentences)} or mismatched:
        raise IndexCorrupt(f"{gen}: vectors, token vectors or context vectors do not match its {len(sentences)} "
                           f"sentences; {store.rebuild_hint(gen.parent)}")
    lexical = manifest.get("lexical") or {}
    bm25 = lexical.get("bm25", {})
    titled = bm25.get("title_weight") == TITLE_WEIGHT and bm25.get("mentions") == MENTIONS
    if not titled:  # none saved, or saved before titles (or short mentions' full names) were scored
        logger.info("%s has no current lexical tables (an older index); they are built in memory. Re-index to "
                    "start faster: tinbot index --index-dir %s", gen, gen.parent)
    return LoadedIndex(gen, manifest, {a.article_id: a for a in articles}, sentences, vectors, faiss_index,
                       tokens, LexicalIndex.load(gen, len(sentences)) if titled else None,
                       DiacriticRestorer.load(gen), context, paragraph, rest, CaseTable.load(gen))
