"""Shared set-up for the end-to-end experiments: the product's own XQuAD-vi eval index, encoder and gold file.

The index is the one `tinbot eval --corpus build/xquad_vi/corpus` builds (same cache, same vectors), so a
baseline row here equals the `tinbot eval` table. Convert the data first:
`tinbot eval-convert-xquad ../shared/eval/xquad_vi build/xquad_vi`.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bot.corpus_index import open_corpus_service  # noqa: E402
from retrieval.evaluate import GoldItem, is_correct, parse_gold  # noqa: E402
from embeddings.encoder import questions_in  # noqa: E402
from retrieval.search import Searcher  # noqa: E402
from retrieval.config import Settings  # noqa: E402

GOLD = ROOT / "build" / "xquad_vi" / "gold.jsonl"
CORPUS = ROOT / "build" / "xquad_vi" / "corpus"


def setup(gold: Path = GOLD, corpus: Path = CORPUS):
    """(settings, encoder, service, gold items) for `corpus`, as `tinbot eval --corpus` prepares them."""
    service = open_corpus_service(Settings.from_env(), [corpus], lambda m: print(m, file=sys.stderr))
    with open(gold, encoding="utf-8") as fh:
        items = parse_gold(fh, str(gold))
    return service.settings, service.encoder, service, items


def topic_folds(index) -> np.ndarray:
    """Per row, fold 0 or 1: alternate XQuAD articles ("Super Bowl 50 p03" -> "Super Bowl 50") in sorted order,
    the split the quality lab uses, so that no article is on both sides."""
    topic = [index.articles[s.article_id].title.rsplit(" p", 1)[0] for s in index.sentences]
    fold = {t: i % 2 for i, t in enumerate(sorted(set(topic)))}
    return np.array([fold[t] for t in topic])


def item_folds(index, data: Sequence[tuple[GoldItem, list[int]]]) -> np.ndarray:
    """Per `gold_rows` item, the fold (`topic_folds`) of the article that answers it."""
    folds = topic_folds(index)
    return np.array([int(folds[rows[0]]) for _, rows in data])


def gold_rows(index, items: Sequence[GoldItem]) -> list[tuple[GoldItem, list[int]]]:
    """Answerable items with the rows that answer them (by `tinbot eval`'s rule)."""
    out = []
    for it in items:
        rows = [r for r, s in enumerate(index.sentences) if it.answerable and is_correct(s.text, it)]
        if rows:
            out.append((it, rows))
    return out


def decline_cases(index, item: GoldItem, hits: list, *, on_topic: bool) -> list[tuple[str, list]]:
    """The ways a decline experiment asks `item`: "answerable" (as is) or "unans" (the set's own unanswerable
    question), and with `on_topic` also "on topic" (the hits without the answering article: XQuAD-vi, whose
    articles are paragraphs). Empty for an answerable item that no sentence answers."""
    if not item.answerable:
        return [("unans", hits)]
    rows = [r for r, s in enumerate(index.sentences) if is_correct(s.text, item)]
    if not rows:
        return []
    own = index.sentences[rows[0]].article_id
    return [("answerable", hits)] + ([("on topic", [h for h in hits if index.sentences[h.row].article_id != own])]
                                     if on_topic else [])


def ranks(searcher: Searcher, data: Sequence[tuple[GoldItem, list[int]]], k: int = 5) -> list[int | None]:
    """0-based rank of the first gold row among the first k hits, or None."""
    out = []
    for it, rows in data:
        hits = searcher.search(it.question, k)
        out.append(next((i for i, h in enumerate(hits) if h.row in rows), None))
    return out


def hit_line(label: str, rs: Sequence[int | None]) -> str:
    h1 = np.mean([r == 0 for r in rs]) if rs else 0.0
    h5 = np.mean([r is not None for r in rs]) if rs else 0.0
    return f"{label:48s} Hit@1 {h1:.3f}  Hit@5 {h5:.3f}  (n={len(rs)})"


def rerank_sets(signal: Callable, grid: Sequence[float], names: Sequence[str], label: str) -> None:
    """Hit@1 when the shipped top 30 are re-ranked by `score + w * signal(question, hits, index)` for each `w` of
    `grid`, on the sets `names` of `background_declines.SETS`, per language; on XQuAD-vi also `w` chosen by
    2-fold cross-validation over articles (`topic_folds`). `signal` gives an array per hit, or None for a
    question it has nothing to say about (counted in `label`)."""
    from background_declines import SETS

    for name in names:
        runs = []
        for gold, corpus in SETS[name]:
            _, _, service, items = setup(ROOT / gold, ROOT / corpus)
            index = service.index
            folds = topic_folds(index) if name == "xquad" else np.zeros(len(index.sentences), int)
            for it, rows in gold_rows(index, items):
                hits = service.searcher.search(it.question, 30)
                extra = signal(it.question, hits, index) if hits else None
                runs.append((it.lang, int(folds[rows[0]]), set(rows), np.array([h.row for h in hits], int),
                             np.array([h.score for h in hits]), extra))

        def hit1(w: float, lang: str, fold: int | None = None) -> float:
            got = [len(r) > 0 and r[np.argmax(s + (w * x if x is not None else 0.0))] in gold
                   for lg, f, gold, r, s, x in runs if lg == lang and fold in (None, f)]
            return float(np.mean(got)) if got else float("nan")

        for lang in sorted({r[0] for r in runs}):
            n = sum(r[0] == lang for r in runs)
            said = sum(r[0] == lang and r[5] is not None for r in runs)
            print(f"{name:14s} {lang:12s} n={n:4d} {label} {said:3d}  Hit@1 by weight  "
                  + "  ".join(f"{w:g}: {hit1(w, lang):.3f}" for w in grid))
            if name == "xquad":
                cv = [(w := max(grid, key=lambda x: hit1(x, lang, 1 - f)), hit1(w, lang, f), hit1(0.0, lang, f))
                      for f in (0, 1)]
                print(f"{'':27s} 2-fold CV: " + "; ".join(f"fold {f}: {w:g} gives {h:.3f} (shipped {b:.3f})"
                                                          for f, (w, h, b) in enumerate(cv)))


class QueryVectors:
    """An encoder whose pooled question vectors come from `vectors(text)` (None: the inner encoder's); token
    vectors always come from the inner encoder, so MaxSim is unchanged."""

    def __init__(self, inner, vectors: Callable[[str], np.ndarray | None]) -> None:
        self.inner = inner
        self.vectors = vectors

    def __getattr__(self, name: str):
        return getattr(self.inner, name)

    def for_questions_in(self, lang: str):
        """The explicit vectors still win; the rest come from the inner encoder as it encodes `lang`."""
        return QueryVectors(questions_in(self.inner, lang), self.vectors)

    def encode_queries_with_tokens(self, texts):
        vecs, toks = self.inner.encode_queries_with_tokens(texts)
        mine = [self.vectors(t) for t in texts]
        return np.stack([m if m is not None else v for m, v in zip(mine, vecs)]).astype(np.float32), toks

    def encode_queries(self, texts):
        return self.encode_queries_with_tokens(texts)[0]
