"""Warm question latency (question in -> ranked quotes out) through `QAService.ask`, and its parts.

Large corpora are made from the real sentences of the seed and XQuAD-vi articles, repeated with varied ids
(bench.corpus). Their vectors are *replayed*: each copy gets the real passage vector of its original plus
seeded noise (cosine ~0.96 to it), so an index of any size can be built without spending hours embedding
copies; questions are still embedded for real, and the Searcher, BM25, FAISS and answer code are the real ones.
Token vectors (for MaxSim) of a copy are its original's: on disk through the indexer, and in the in-memory
index through a row map (`SharedTokens`), so a 1M-sentence index does not need ~13 GB of token vectors while
each question still gathers and scores as many token vectors as it would in a real index.
"""
from __future__ import annotations

import re
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from bench.corpus import SourceArticle, copies
from bench.stats import percentile
from embeddings.encoder import Encoder, questions_in, token_layer_of
from retrieval.articles import parse_article
from retrieval.index import LoadedIndex
from retrieval.maxsim import TokenVectors
from retrieval.passages import passage_text
from retrieval.types import Article, Sentence

_COPY = re.compile(r" · bản \d+")
NOISE = 0.3  # relative norm of the noise added to a replayed vector


class ReplayEncoder:
    """Passage vectors of copies derived from their originals' real vectors (see the module docstring)."""

    def __init__(self, base: Encoder) -> None:
        self.model_id = base.model_id
        self.dim = base.dim
        self.backend = f"replay({getattr(base, 'backend', base.model_id)})"
        self._base = base
        self._known: dict[str, np.ndarray] = {}
        self._tokens: dict[str, np.ndarray] = {}
        self.token_layer = token_layer_of(base)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._base.encode_queries(texts)

    def for_questions_in(self, lang: str) -> Encoder:
        return questions_in(self._base, lang)

    def encode_queries_with_tokens(self, texts: Sequence[str]) -> tuple[np.ndarray, list[np.ndarray]]:
        return self._base.encode_queries_with_tokens(texts)  # type: ignore[attr-defined]

    def prime(self, texts: Sequence[str], starts: Sequence[int] | None = None) -> None:
        """Embed the originals for real, once (with their token vectors if `starts` is given)."""
        starts = starts if starts is not None else [0] * len(texts)
        originals = {_COPY.sub("", t): s - (len(t) - len(_COPY.sub("", t))) for t, s in zip(texts, starts)}
        known = self._tokens if self.token_layer is not None else self._known
        todo = sorted(set(originals) - set(known))
        if not todo:
            return
        if self.token_layer is None:
            vecs = self._base.encode_passages(todo)
        else:
            vecs, toks = self._base.encode_passages_with_tokens(  # type: ignore[attr-defined]
                todo, [originals[t] for t in todo])
            self._tokens.update(zip(todo, toks))
        self._known.update(zip(todo, vecs))

    def encode_passages_with_tokens(self, texts: Sequence[str], starts: Sequence[int], *,
                                    progress: bool = False) -> tuple[np.ndarray, list[np.ndarray]]:
        self.prime(texts, starts)
        return self.encode_passages(texts), [self._tokens[_COPY.sub("", t)] for t in texts]

    def encode_passages(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        if any(_COPY.sub("", t) not in self._known for t in texts):
            self.prime(texts)
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            original = _COPY.sub("", text)
            vec = self._known[original]
            if original != text:
                rng = np.random.default_rng(zlib.crc32(text.encode("utf-8")))
                noise = rng.standard_normal(self.dim).astype(np.float32)
                vec = vec + NOISE * noise / np.linalg.norm(noise)
            out[i] = vec / np.linalg.norm(vec)
        return out


@dataclass(frozen=True)
class SharedTokens(TokenVectors):
    """Token vectors where row i reads the vectors of row `row_map[i]` (a copy reads its original's)."""

    row_map: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))

    @property
    def n_sentences(self) -> int:
        return len(self.row_map)

    def gather(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return super().gather(self.row_map[rows])


def synthetic_index(sources: Sequence[SourceArticle], replay: ReplayEncoder, n: int, kind: str) -> LoadedIndex:
    """An in-memory `LoadedIndex` of about `n` sentences (no files): what `load_index` would return."""
    from retrieval.vectors import FaissIndex

    parsed = []
    for src in sources:
        header = f"date {src.date} {src.title}"
        parsed.append((src, parse_article(f"{header}\n\n{src.body}", src.name, "0")))
    texts0 = [passage_text(p.article, s) for _, p in parsed for s in p.sentences]
    replay.prime(texts0, [0] * len(texts0))  # token vectors of the whole passage, as the indexer stores them
    originals = len(texts0)
    articles: dict[str, Article] = {}
    sentences: list[Sentence] = []
    vectors = np.empty((n + max(len(p.sentences) for _, p in parsed), replay.dim), dtype=np.float32)
    parsed_of = {src.name: p for src, p in parsed}  # article ids are made of source names: they are unique
    for copy, src in copies(list(sources), n):
        p = parsed_of[src.name]
        aid = f"{src.name}__{copy:05d}"
        title = p.article.title + (f" · bản {copy}" if copy else "")
        art = Article(aid, aid + ".txt", title, p.article.date, "", p.article.captions, f"{aid}")
        articles[aid] = art
        texts = []
        for s in p.sentences:
            sentences.append(Sentence(f"{aid}#{s.index}", aid, s.index, s.text, s.start, s.end, s.kind))
            texts.append(passage_text(art, s))
        vectors[len(sentences) - len(texts):len(sentences)] = replay.encode_passages(texts)
    vectors = vectors[:len(sentences)]
    manifest = {"model": replay.model_id, "dim": replay.dim, "faiss": kind, "sentences": len(sentences)}
    tokens = None
    if replay.token_layer is not None:
        _, blocks = replay.encode_passages_with_tokens(texts0, [0] * originals)  # primed above: starts unused
        base = TokenVectors.from_blocks(blocks, replay.dim)
        tokens = SharedTokens(base.data, base.scales, base.offsets, np.arange(len(sentences)) % originals)
        manifest["tokens"] = {"layer": replay.token_layer, "dtype": "int8"}
    # Context vectors: the sentence vectors themselves. Searching costs the same whatever their values (the
    # candidates' rows gathered and scored), and sharing the array keeps a 1M-sentence index in memory.
    manifest["context"] = {"format": "same-as-sentence (benchmark)"}
    return LoadedIndex(Path("(memory)"), manifest, articles, sentences, vectors, FaissIndex.build(vectors, kind),
                       tokens, context=vectors)


@dataclass(frozen=True)
class LatencyRow:
    sentences: int
    config: str  # e.g. "baseline: torch + flat"
    index_kind: str
    questions: int
    p50_ms: float
    p95_ms: float
    cpu_p50_ms: float  # CPU time per question (all threads): close to what an idle machine's wall clock shows
    recall_at_10: float  # top 10 of the FAISS candidates re-scored exactly, against exact search (1.0 for flat)
    query_p50_ms: float  # encoding the question
    faiss_p50_ms: float
    lexical_p50_ms: float  # BM25 over all sentences (Vietnamese questions only in hybrid mode)
    lexical_p95_ms: float
    rest_p50_ms: float  # p50 of total - encode - faiss - lexical: Searcher's O(n) arrays, sort, answer building


def measure_latency(index: LoadedIndex, encoder: Encoder, questions: Sequence[str], config: str,
                    mode: str = "hybrid", *, cache_dir: Path) -> LatencyRow:
    """Warm `QAService.ask` over `index`; `cache_dir` holds the background text's index (retrieval/background.py),
    built there once per model, so that its ranking is timed as every answer pays it."""
    from retrieval.config import Settings
    from retrieval.language import detect_language, has_diacritics
    from retrieval.search import CANDIDATES
    from retrieval.service import QAService
    from retrieval.textnorm import normalize

    settings = Settings(cache_dir=cache_dir, index_dir=Path("."), model=encoder.model_id, corpus=())
    service = QAService(settings, index, mode=mode, encoder=encoder)
    service.warm_up()
    for q in questions[:3]:
        service.ask(q)
    total, cpu, enc, fai, lex, rest, recall = [], [], [], [], [], [], []
    for q in questions:
        c0, t0 = time.process_time(), time.perf_counter()
        service.ask(q)
        t1 = time.perf_counter()
        cpu.append(time.process_time() - c0)
        qn = normalize(q)
        vec = encoder.encode_queries([qn])
        t2 = time.perf_counter()
        _, ids = index.faiss.search(vec, min(CANDIDATES, len(index.sentences)))
        t3 = time.perf_counter()
        service.searcher.lexical.scores(qn, folded=not has_diacritics(qn))
        t4 = time.perf_counter()
        total.append(t1 - t0)
        enc.append(t2 - t1)
        fai.append(t3 - t2)
        lex.append(t4 - t3)
        lexical_used = mode == "lexical" or (mode == "hybrid" and detect_language(qn) == "vi")
        rest.append(max(0.0, (t1 - t0) - (t2 - t1) - (t3 - t2) - ((t4 - t3) if lexical_used else 0.0)))
        exact = np.argpartition(-(np.asarray(index.vectors) @ vec[0]), min(10, len(index.sentences) - 1))[:10]
        # What the Searcher keeps: the FAISS candidates re-scored with exact cosines.
        cands = ids[0][ids[0] >= 0]
        rescored = cands[np.argsort(-(np.asarray(index.vectors[cands]) @ vec[0]), kind="stable")][:10]
        recall.append(len(set(exact.tolist()) & set(rescored.tolist())) / min(10, len(index.sentences)))
    ms = 1e3
    return LatencyRow(len(index.sentences), config, index.faiss.kind, len(questions),
                      percentile(total, 50) * ms, percentile(total, 95) * ms, percentile(cpu, 50) * ms,
                      float(np.mean(recall)), percentile(enc, 50) * ms,
                      percentile(fai, 50) * ms, percentile(lex, 50) * ms, percentile(lex, 95) * ms,
                      percentile(rest, 50) * ms)


def sample_questions(xquad: Path, n: int) -> list[str]:
    """Half Vietnamese, half English XQuAD-vi questions, in file order (deterministic)."""
    import json

    out: list[str] = []
    for lang in ("vi", "en"):
        path = xquad / f"questions_{lang}.jsonl"
        if path.is_file():
            with open(path, encoding="utf-8") as fh:
                rows = [json.loads(line) for line in fh if line.strip()]
            out.extend(r["question"] for r in rows[: max(1, n // 2)])
    return out or ["thu ngân sách đạt bao nhiêu?"] * n
