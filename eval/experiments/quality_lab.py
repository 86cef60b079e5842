"""Quality lab: ranking variants on XQuAD-vi subset A, in-sample and 2-fold cross-validated by article.

    python eval/experiments/quality_lab.py            # the table; first run embeds (~10 min), then seconds
    python eval/experiments/quality_lab.py --json out.json --curve

Questions: 623 English, 623 Vietnamese, and the same Vietnamese questions with diacritics removed
(`vi-noacc`). Hit@k = a gold sentence among the first k. The corpus is laid out as `tinbot eval-convert-xquad`
does it (one article per paragraph), and every signal is computed by the product's own code (retrieval/),
over all 582 sentences.

Each variant is a weighted sum of signals. "fixed" rows use the weights the product ships (chosen by
principle, no fitting); "cv" rows pick the weights from a small grid on the questions of 12 XQuAD articles
and report them on the other 12, and vice versa (folds = alternate articles in sorted order), one weight set
for all languages as in the product. The "product" row runs the real `Searcher` end to end on the same
vectors, which checks that the shipped code computes the table's final variant.
"""
from __future__ import annotations

import argparse
import itertools
import json
import logging
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lab_data import CACHE_DIR, DATA_DIR, Corpus, Embedder, Question, load
from lab_tokens import TokenCache

from retrieval import search as product
from retrieval.asks import question_type
from retrieval.diacritics import DiacriticRestorer
from retrieval.language import detect_language, has_diacritics
from retrieval.lexical import LexicalIndex
from retrieval.maxsim import TokenVectors, maxsim, previous_rows
from retrieval.span_shapes import TypeEvidence
from retrieval.textnorm import fold, normalize

logger = logging.getLogger("quality_lab")
LANGS = ("en", "vi", "vi-noacc")


@dataclass
class Lab:
    corpus: Corpus
    questions: list[Question]
    signals: dict[str, np.ndarray] = field(default_factory=dict)  # name -> (questions, sentences)
    gold: np.ndarray = field(default_factory=lambda: np.zeros(0))
    lang: np.ndarray = field(default_factory=lambda: np.zeros(0))
    fold: np.ndarray = field(default_factory=lambda: np.zeros(0))
    query_text: list[str] = field(default_factory=list)  # what the dense side embeds (restored if unaccented)
    qvec: np.ndarray = field(default_factory=lambda: np.zeros(0))
    qtok: list[np.ndarray] = field(default_factory=list)
    pvec: np.ndarray = field(default_factory=lambda: np.zeros(0))
    tokens: TokenVectors | None = None


def passage_texts(c: Corpus) -> list[str]:
    from retrieval.passages import passage_text
    from retrieval.types import Article, Sentence

    return [passage_text(Article(c.articles[i], "", c.titles[i], "", "", (), ""),
                         Sentence(c.ids[i], c.articles[i], 0, c.texts[i], 0, len(c.texts[i])))
            for i in range(len(c.texts))]


def build(data_dir: Path, cache: Path) -> Lab:
    corpus, questions = load(data_dir)
    lab = Lab(corpus, questions)
    n, nq = len(corpus.texts), len(questions)
    emb, toks = Embedder(cache), TokenCache(cache)
    restorer = DiacriticRestorer.build(corpus.texts)
    raw = [normalize(q.text) for q in questions]
    vi = np.array([detect_language(t) == "vi" for t in raw])
    unacc = vi & np.array([not has_diacritics(t) for t in raw])
    lab.query_text = [restorer.restore(t) if u else t for t, u in zip(raw, unacc)]
    lab.lang = np.array([q.lang for q in questions])
    topics = sorted(set(corpus.topics))
    lab.fold = np.array([topics.index(q.article) % 2 for q in questions])
    lab.gold = np.zeros((nq, n), dtype=bool)
    for k, q in enumerate(questions):
        lab.gold[k, list(q.gold)] = True

    passages = passage_texts(corpus)
    lab.pvec = emb.passages(passages)
    qraw = emb.queries(raw)
    lab.qvec = emb.queries(lab.query_text)
    bare = emb.passages(corpus.texts)
    windows, whole = [], []
    for i in range(n):
        lo, hi = corpus.neighbours(i, 1)
        windows.append(f"{corpus.titles[i]}. " + " ".join(corpus.texts[lo:hi]))
        a, b = corpus.spans[corpus.articles[i]]
        whole.append(f"{corpus.titles[i]}. " + " ".join(corpus.texts[a:b]))
    win = emb.passages(windows)
    para = emb.passages(whole)
    starts = [len(p) - len(normalize(" ".join(t.split()))) for p, t in zip(passages, corpus.texts)]
    ptok = toks.get(passages, "passage: ", starts)
    lab.qtok = [t.astype(np.float32) for t in toks.get(lab.query_text, "query: ", [0] * nq)]
    lab.tokens = TokenVectors.from_blocks([t.astype(np.float32) for t in ptok], lab.pvec.shape[1])

    s = lab.signals
    s["dense_raw"] = qraw @ lab.pvec.T  # the plain baseline: no accent restoration
    s["dense_bare_raw"] = qraw @ bare.T
    s["dense"] = lab.qvec @ lab.pvec.T
    s["dense_bare"] = lab.qvec @ bare.T
    s["window"] = lab.qvec @ win.T
    s["paragraph"] = lab.qvec @ para.T
    lex = LexicalIndex.build(corpus.texts)
    bm25 = np.stack([lex.scores(t, folded=not has_diacritics(t)).dense(len(corpus.texts)) for t in raw])
    s["bm25"] = bm25
    top = bm25.max(axis=1, keepdims=True)
    s["lex"] = np.where(top > 0, bm25 / np.maximum(top, 1e-9), 0.0) * vi[:, None]
    evidence = [TypeEvidence.of(t) for t in corpus.texts]
    s["type"] = np.zeros((nq, n), np.float32)
    for k, t in enumerate(raw):
        kind = question_type(t)
        if kind is not None:
            fq = fold(t)
            s["type"][k] = [e.offers(kind, fq) for e in evidence]
    prev = previous_rows(corpus.articles)
    rows = np.arange(n)
    s["maxsim"] = np.stack([maxsim(q, lab.tokens, rows, prev) for q in lab.qtok])
    s["maxsim_own"] = np.stack([maxsim(q, lab.tokens, rows, prev, carry=0.0) for q in lab.qtok])
    return lab


# --- variants ----------------------------------------------------------------------------------------------

W = product  # shipped constants
FINAL = {"dense": 1.0, "maxsim": W.MAXSIM_WEIGHT, "lex": W.LEXICAL_WEIGHT, "type": W.TYPE_BONUS}
# name -> (fixed weights, grid for cross-validation: weight name -> candidates)
VARIANTS: list[tuple[str, dict[str, float], dict[str, list[float]]]] = [
    ("dense, sentence alone", {"dense_bare_raw": 1}, {}),
    ("dense, title. sentence (old product)", {"dense_raw": 1}, {}),
    ("BM25 alone", {"bm25": 1}, {}),
    ("old hybrid: dense + 0.1 BM25/max (vi)", {"dense_raw": 1, "lex": 0.1}, {"lex": [0.02, 0.05, 0.1, 0.2]}),
    ("+ accents restored (dense)", {"dense": 1, "lex": 0.1}, {"lex": [0.02, 0.05, 0.1, 0.2]}),
    ("  same, lexical 0.05", {"dense": 1, "lex": 0.05}, {"lex": [0.02, 0.05, 0.1, 0.2]}),
    ("  + answer type", {"dense": 1, "lex": 0.05, "type": 0.02},
     {"lex": [0.02, 0.05, 0.1], "type": [0, 0.01, 0.02, 0.04]}),
    ("  + title and bare sentence summed", {"dense": 1, "dense_bare": 1, "lex": 0.1, "type": 0.04},
     {"dense_bare": [0, 0.5, 1], "lex": [0.05, 0.1, 0.2], "type": [0, 0.02, 0.04, 0.08]}),
    ("  + window (prev+cur+next) score", {"dense": 1, "window": 0.5, "lex": 0.05, "type": 0.02},
     {"window": [0, 0.25, 0.5, 1], "lex": [0.02, 0.05, 0.1]}),
    ("  + paragraph score", {"dense": 1, "paragraph": 0.5, "lex": 0.05, "type": 0.02},
     {"paragraph": [0, 0.25, 0.5, 1], "lex": [0.02, 0.05, 0.1]}),
    ("MaxSim alone (layer 8, carry 0.8)", {"maxsim": 1}, {}),
    ("dense + MaxSim, no carry", {"dense": 1, "maxsim_own": 0.5, "lex": 0.05, "type": 0.02},
     {"maxsim_own": [0.25, 0.5, 1], "lex": [0.02, 0.05, 0.1], "type": [0, 0.02, 0.04]}),
    ("FINAL dense + MaxSim + lexical + type", FINAL,
     {"maxsim": [0.25, 0.5, 1], "lex": [0.02, 0.05, 0.1], "type": [0, 0.02, 0.04]}),
    ("  FINAL + paragraph score", {**FINAL, "paragraph": 0.5}, {"paragraph": [0, 0.25, 0.5, 1]}),
    ("  FINAL without lexical", {**FINAL, "lex": 0}, {}),
    ("  FINAL without type", {**FINAL, "type": 0}, {}),
]


def combine(lab: Lab, weights: dict[str, float]) -> np.ndarray:
    return sum(w * lab.signals[name] for name, w in weights.items() if w)  # type: ignore[return-value]


def hits(lab: Lab, scores: np.ndarray, sel: np.ndarray) -> tuple[float, float]:
    sub = scores[sel]
    order = np.lexsort((np.broadcast_to(np.arange(sub.shape[1]), sub.shape), -sub), axis=1)[:, :5]
    g = np.take_along_axis(lab.gold[sel], order, axis=1)
    return float(g[:, 0].mean()), float(g.any(axis=1).mean())


def objective(lab: Lab, scores: np.ndarray, sel: np.ndarray) -> float:
    """Mean over languages of Hit@1 + Hit@5 / 2."""
    vals = [hits(lab, scores, sel & (lab.lang == lang)) for lang in LANGS]
    return float(np.mean([h1 + h5 / 2 for h1, h5 in vals]))


def cross_validate(lab: Lab, fixed: dict[str, float], grid: dict[str, list[float]]) -> tuple[np.ndarray, list]:
    """Scores where each fold's rows use the weights chosen on the other fold."""
    if not grid:
        return combine(lab, fixed), []
    out = np.zeros_like(lab.gold, dtype=np.float32)
    chosen = []
    names = list(grid)
    for test in (0, 1):
        train = lab.fold != test
        best, best_w = -1.0, fixed
        for values in itertools.product(*(grid[n] for n in names)):
            w = {**fixed, **dict(zip(names, values))}
            o = objective(lab, combine(lab, w), train)
            if o > best:
                best, best_w = o, w
        chosen.append({n: best_w[n] for n in names})
        out[lab.fold == test] = combine(lab, best_w)[lab.fold == test]
    return out, chosen


def table(lab: Lab) -> list[dict]:
    rows = []
    everyone = np.ones(len(lab.questions), dtype=bool)
    for name, fixed, grid in VARIANTS:
        fixed_scores = combine(lab, fixed)
        cv_scores, chosen = cross_validate(lab, fixed, grid)
        row = {"variant": name, "weights": fixed, "cv_chosen": chosen}
        for tag, scores in (("fixed", fixed_scores), ("cv", cv_scores)):
            row[tag] = {lang: hits(lab, scores, everyone & (lab.lang == lang)) for lang in LANGS}
        rows.append(row)
    return rows


# --- the real Searcher on the same vectors -----------------------------------------------------------------

class LabEncoder:
    """Serves the lab's cached vectors by text, so the product `Searcher` runs without a model."""

    model_id = "lab"
    token_layer = 8

    def __init__(self, lab: Lab, *, strict: bool = True) -> None:
        self.dim = lab.qvec.shape[1]
        self._vec = {t: v for t, v in zip(lab.query_text, lab.qvec)}
        self._tok = {t: v for t, v in zip(lab.query_text, lab.qtok)}
        # Timing runs only: a text restored differently over a bigger corpus gets some cached question's vectors.
        self._any = None if strict else lab.query_text[0]

    def _key(self, text: str) -> str:
        return text if text in self._vec or self._any is None else self._any

    def encode_queries(self, texts):
        return np.stack([self._vec[self._key(t)] for t in texts]).astype(np.float32)

    def encode_queries_with_tokens(self, texts):
        return self.encode_queries(texts), [self._tok[self._key(t)] for t in texts]

    def encode_passages(self, texts, *, progress=False):  # pragma: no cover - the index is prebuilt
        raise RuntimeError("the lab index is built from cached vectors")

    def encode_passages_with_tokens(self, texts, starts, *, progress=False):  # pragma: no cover
        raise RuntimeError("the lab index is built from cached vectors")


def lab_index(lab: Lab, copies: int = 1):
    """An in-memory LoadedIndex over the lab corpus (optionally tiled `copies` times with noisy vectors)."""
    from retrieval.index import LoadedIndex
    from retrieval.types import Article, Sentence
    from retrieval.vectors import FaissIndex

    c = lab.corpus
    rng = np.random.default_rng(0)
    articles, sentences, vecs, blocks = {}, [], [], []
    for copy in range(copies):
        for i, text in enumerate(c.texts):
            aid = f"{c.articles[i]}#{copy}"
            articles.setdefault(aid, Article(aid, aid, c.titles[i], "", "", (), ""))
            sentences.append(Sentence(f"{aid}#{i}", aid, i, text, 0, len(text)))
            v = lab.pvec[i] if copy == 0 else lab.pvec[i] + 0.02 * rng.standard_normal(lab.pvec.shape[1])
            vecs.append(v / np.linalg.norm(v))
            blocks.append(lab.tokens.gather(np.array([i]))[0])
    vectors = np.asarray(vecs, dtype=np.float32)
    index = LoadedIndex(Path("/nonexistent"), {"model": "lab"}, articles, sentences, vectors,
                        FaissIndex.build(vectors, "flat"))
    return index, TokenVectors.from_blocks(blocks, lab.pvec.shape[1])


def product_run(lab: Lab) -> dict:
    from retrieval.search import Searcher

    index, tokens = lab_index(lab)
    searcher = Searcher(index, LabEncoder(lab), "hybrid", tokens=tokens)
    ranked = np.zeros((len(lab.questions), 5), dtype=np.int64) - 1
    for k, q in enumerate(lab.questions):
        hits_ = searcher.search(q.text, 5)
        ranked[k, :len(hits_)] = [h.row for h in hits_]
    out = {}
    for lang in LANGS:
        sel = lab.lang == lang
        g = np.array([[r >= 0 and lab.gold[k, r] for r in ranked[k]] for k in np.flatnonzero(sel)])
        out[lang] = (float(g[:, 0].mean()), float(g.any(axis=1).mean()))
    return out


def latency(lab: Lab, copies: int = 18, n_questions: int = 300) -> dict:
    """Search time (question encoding excluded: the lab encoder is a lookup) at ~10k sentences."""
    from retrieval.search import Searcher

    import faiss

    faiss.omp_set_num_threads(1)  # as the product's FaissIndex does (retrieval/vectors.py SEARCH_THREADS)
    index, tokens = lab_index(lab, copies)
    searcher = Searcher(index, LabEncoder(lab, strict=False), "hybrid", tokens=tokens)
    searcher.warm_up()
    times = []
    for q in lab.questions[:: max(1, len(lab.questions) // n_questions)]:
        t = time.perf_counter()
        searcher.search(q.text, 15)
        times.append(time.perf_counter() - t)
    return {"sentences": len(index.sentences), "p50_ms": 1000 * float(np.percentile(times, 50)),
            "p95_ms": 1000 * float(np.percentile(times, 95))}


# --- declining: which score separates answerable from unanswerable ------------------------------------------

def decline_curve(lab: Lab, weights: dict[str, float]) -> dict:
    """Leave-one-article-out: each question against the corpus without its XQuAD article must decline;
    against the full corpus it should answer with a gold sentence first."""
    topics = np.array(lab.corpus.topics)
    q_topic = np.array([q.article for q in lab.questions])
    pos, neg = {}, {}
    for kind in ("fused", "dense", "margin"):
        pos[kind], neg[kind] = [], []
    for k in range(len(lab.questions)):
        for masked in (False, True):
            keep = topics != q_topic[k] if masked else np.ones(len(topics), dtype=bool)
            sig = {n: lab.signals[n][k, keep] for n in weights}
            if "lex" in sig:  # BM25 is scaled by its best score among the sentences still there
                bm = lab.signals["bm25"][k, keep]
                sig["lex"] = bm / bm.max() if bm.max() > 0 and lab.signals["lex"][k].max() > 0 else 0 * bm
            fused = sum(w * sig[n] for n, w in weights.items() if w)
            order = np.argsort(-fused)
            top = order[0]
            scores = {"fused": float(fused[top]), "dense": float(lab.signals["dense"][k, keep][top]),
                      "margin": float(fused[top] - fused[order[1]])}
            if masked:
                for kind, v in scores.items():
                    neg[kind].append(v)
            else:
                correct = bool(lab.gold[k, np.flatnonzero(keep)[top]])
                for kind, v in scores.items():
                    pos[kind].append((v, correct))
    curves = {}
    for kind, answered in pos.items():
        p = np.array([v for v, _ in answered])
        ok = np.array([c for _, c in answered])
        ng = np.array(neg[kind])
        lo, hi = np.percentile(np.concatenate([p, ng]), [1, 99])
        rows = []
        for t in np.linspace(lo, hi, 25):
            rows.append({"threshold": round(float(t), 4), "answered_correct": float(((p >= t) & ok).mean()),
                         "answered": float((p >= t).mean()), "declined_unanswerable": float((ng < t).mean())})
        auc = float(np.mean([(x > ng).mean() for x in p[ok]]))  # P(score of a right answer > an unanswerable's)
        curves[kind] = {"auc": auc, "curve": rows}
    return curves


# --- the seed article: answerable at Hit@1, unanswerable declined -------------------------------------------

SEED_DIR = Path(__file__).resolve().parents[2] / "seeds"
SEED_GOLD = Path(__file__).resolve().parents[1] / "seed_gold.jsonl"


def seed_run(cache: Path, min_score: float) -> dict:
    """The shipped Searcher over seeds/ with cached vectors; per question: rank-1 correct, scores, declined."""
    from retrieval.articles import read_article
    from retrieval.evaluate import is_correct, parse_gold
    from retrieval.index import LoadedIndex
    from retrieval.passages import passage_text
    from retrieval.search import Searcher
    from retrieval.vectors import FaissIndex

    parsed = [read_article(p) for p in sorted(SEED_DIR.glob("*.txt"))]
    articles = {p.article.article_id: p.article for p in parsed}
    sentences = [s for p in parsed for s in p.sentences]
    passages = [passage_text(articles[s.article_id], s) for s in sentences]
    emb, toks = Embedder(cache), TokenCache(cache)
    vectors = emb.passages(passages)
    starts = [len(p) - len(normalize(" ".join(s.text.split()))) for p, s in zip(passages, sentences)]
    tokens = TokenVectors.from_blocks([t.astype(np.float32) for t in toks.get(passages, "passage: ", starts)],
                                      vectors.shape[1])
    index = LoadedIndex(Path("/nonexistent"), {"model": "lab"}, articles, sentences, vectors,
                        FaissIndex.build(vectors, "flat"))
    items = parse_gold(SEED_GOLD.read_text(encoding="utf-8").splitlines(), str(SEED_GOLD))
    restorer = Searcher(index, None, "hybrid").restorer  # type: ignore[arg-type]
    texts = []
    for it in items:
        q = normalize(it.question)
        unacc = detect_language(q) == "vi" and not has_diacritics(q)
        texts.append(restorer.restore(q) if unacc else q)
    fake = Lab(Corpus([], [], [], [], []), [])
    fake.query_text, fake.qvec = texts, emb.queries(texts)
    fake.qtok = [t.astype(np.float32) for t in toks.get(texts, "query: ", [0] * len(texts))]
    searcher = Searcher(index, LabEncoder(fake), "hybrid", tokens=tokens)
    out = []
    for it in items:
        top = searcher.search(it.question, 1)[0]
        out.append({"id": it.id, "lang": it.lang, "answerable": it.answerable, "score": top.score,
                    "dense": top.dense, "right": it.answerable and is_correct(sentences[top.row].text, it),
                    "declined": top.score < min_score})
    return {"min_score": min_score, "questions": out}


# --- output -------------------------------------------------------------------------------------------------

def fmt(h: tuple[float, float]) -> str:
    return f"{h[0]:.3f}/{h[1]:.3f}"


def print_table(rows: list[dict], product_row: dict | None) -> None:
    head = f"{'variant (Hit@1/Hit@5)':44s} {'':5s} " + " ".join(f"{lang:>11s}" for lang in LANGS)
    print(head)
    print("-" * len(head))
    for r in rows:
        for tag in ("fixed", "cv"):
            if tag == "cv" and not r["cv_chosen"]:
                continue
            name = r["variant"] if tag == "fixed" else ""
            print(f"{name:44s} {tag:5s} " + " ".join(f"{fmt(r[tag][lang]):>11s}" for lang in LANGS))
    if product_row:
        print(f"{'Searcher(hybrid) end to end, shipped code':44s} {'fixed':5s} "
              + " ".join(f"{fmt(product_row[lang]):>11s}" for lang in LANGS))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA_DIR, help="the xquad_vi folder")
    ap.add_argument("--cache", type=Path, default=CACHE_DIR, help="where vectors are cached")
    ap.add_argument("--json", type=Path, help="also write everything as JSON here")
    ap.add_argument("--curve", action="store_true", help="print the decline trade-off curves")
    ap.add_argument("--latency", action="store_true", help="time Searcher.search at ~10k sentences")
    ap.add_argument("--seed", action="store_true", help="the seed article's gold questions, incl. unanswerable")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    lab = build(args.data, args.cache)
    rows = table(lab)
    prod = product_run(lab)
    print_table(rows, prod)
    result: dict = {"rows": rows, "product": prod}
    print("\nCV weights chosen per fold (train on one half of the articles):")
    for r in rows:
        if r["cv_chosen"]:
            print(f"  {r['variant']}: {r['cv_chosen']}")
    if args.latency:
        result["latency"] = latency(lab)
        print(f"\nlatency, search only (no question encoding): {result['latency']}")
    if args.curve:
        curves = decline_curve(lab, FINAL)
        result["decline"] = curves
        for kind, c in curves.items():
            print(f"\ndecline on the top hit's {kind} score: P(right answer scores above an unanswerable) = "
                  f"{c['auc']:.3f}")
            print(f"  {'threshold':>9s} {'answered&right':>14s} {'answered':>9s} {'declined unanswerable':>22s}")
            for p in c["curve"]:
                print(f"  {p['threshold']:9.4f} {p['answered_correct']:14.3f} {p['answered']:9.3f} "
                      f"{p['declined_unanswerable']:22.3f}")
    if args.seed:
        from retrieval.answer import DEFAULT_MIN_SCORE

        seed = seed_run(args.cache, DEFAULT_MIN_SCORE)
        result["seed"] = seed
        print(f"\nseed article, decline below {seed['min_score']}:")
        for q in seed["questions"]:
            verdict = ("declined" if q["declined"] else "answered") + \
                ("" if not q["answerable"] else (" right" if q["right"] else " WRONG"))
            print(f"  {q['id']:14s} {q['lang']:3s} {'answerable' if q['answerable'] else 'unanswerable':12s} "
                  f"score {q['score']:.3f} dense {q['dense']:.3f}  {verdict}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, default=float), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
