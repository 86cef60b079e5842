"""Declining English questions on news indexes: the off-topic floor's quantile, and the names the question gives.

    python eval/experiments/english_floor_news.py [NEWS_SYNTH_DIR]   # ~2 min

English answers must score above a quantile (QUANTILE, 0.65) of the index's scores for 40 everyday off-topic
English questions (retrieval/offtopic.py), set on XQuAD-vi (Wikipedia) and the seed article. On news, scores
separate answerable from unanswerable English questions less well, so the floor costs more right answers. Names
cross languages unchanged (retrieval/names.py): a quote whose article mentions every name the question gives is
more likely an answer, one whose article misses a name is none. Per index set and rule, English questions only:
- right kept: answered right at rank 1, of the questions right at rank 1 (no rule);
- LOAO declined: the question asked with its own article removed from the hits (nothing left answers it);
- held-out declined: 30 other off-topic questions (`english_null.py: HELD_OUT`);
- unans declined: the gold set's own unanswerable English questions.
"""
from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from english_null import HELD_OUT  # noqa: E402
from lab_eval import ROOT, setup  # noqa: E402

import retrieval.search as search  # noqa: E402
from retrieval.answer import answer_lang  # noqa: E402
from retrieval.evaluate import is_correct  # noqa: E402
from retrieval.offtopic import OFFTOPIC_EN  # noqa: E402

COSINE = 0.74


def fused(h) -> float:
    return h.fused


def probe(gold: Path, corpus: Path, xquad: bool = False):
    """Off-topic calibration scores and, per kind (right, loao, held, unans), (top hit, names state) pairs; the
    state is None when the question gives no name, else whether the hit's article mentions them all."""
    _, enc, service, items = setup(gold, corpus)
    index = service.index
    search.CANDIDATES = 200  # enough left once an article's sentences are removed
    searcher = search.Searcher(index, enc)

    def state(question: str, h) -> bool | None:
        names = searcher.english_names(question)
        return searcher.names_mentioned(names, h.row) if names else None

    cal = [fused(searcher.search(q, 1)[0]) for q in OFFTOPIC_EN]
    out: dict[str, list] = {"right": [], "loao": [], "held": [], "unans": []}
    for q in HELD_OUT:
        h = searcher.search(q, 1)[0]
        out["held"].append((h, state(q, h)))
    topic = [index.articles[s.article_id].title.rsplit(" p", 1)[0] if xquad else s.article_id
             for s in index.sentences]
    for it in items:
        if answer_lang(it.question) != "en":
            continue
        hits = searcher.search(it.question, 200)
        if not it.answerable:
            out["unans"].append((hits[0], state(it.question, hits[0])))
            continue
        gold_rows = [r for r, s in enumerate(index.sentences) if is_correct(s.text, it)]
        if not gold_rows:
            continue
        if hits[0].row in gold_rows:
            out["right"].append((hits[0], state(it.question, hits[0])))
        own = topic[gold_rows[0]]
        other = next((h for h in hits if topic[h.row] != own), None)  # none: a one-article corpus
        if other is not None:
            out["loao"].append((other, state(it.question, other)))
    return cal, out


def rules() -> dict[str, Callable]:
    """name -> rule(hit, names state, calibration scores) -> answered."""
    def floor(cal, q):
        return float(np.quantile(cal, q))

    def shipped(h, _, cal, q=0.65):
        return h.dense >= COSINE and fused(h) > floor(cal, q)

    out: dict[str, Callable] = {"cosine alone": lambda h, st, cal: h.dense >= COSINE}
    for q in (0.5, 0.65, 0.8):
        out[f"floor q{q:.2f}" + (" (shipped)" if q == 0.65 else "")] = (
            lambda h, st, cal, q=q: shipped(h, st, cal, q))
    out["names: missing declines"] = lambda h, st, cal: st is not False and shipped(h, st, cal)
    out["names: all found waive the floor"] = lambda h, st, cal: (
        h.dense >= COSINE if st is True else shipped(h, st, cal))
    out["names: both"] = lambda h, st, cal: st is not False and (h.dense >= COSINE if st else shipped(h, st, cal))
    for q in (0.3, 0.5):
        out[f"names: both, found -> floor q{q:.2f}"] = (lambda h, st, cal, q=q: st is not False and (
            shipped(h, st, cal, q) if st else shipped(h, st, cal)))
    return out


def main() -> int:
    synth = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "eval" / "news_synth"
    data = {
        "news_synth": [probe(synth / "gold.jsonl", synth / "corpus")],
        "news 3 sets": [probe(ROOT / f"eval/{n}/gold.jsonl", ROOT / f"eval/{n}/corpus")
                        for n in ("news_review", "news_heldout", "news_heldout3")],
        "xquad": [probe(ROOT / "build/xquad_vi/gold.jsonl", ROOT / "build/xquad_vi/corpus", xquad=True)],
        "seed+review": [probe(ROOT / "eval" / g, ROOT / "seeds") for g in ("seed_gold.jsonl", "seed_review.jsonl")],
    }
    for name, parts in data.items():
        with_names = {k: sum(st is not None for cal, out in parts for _, st in out[k]) for k in parts[0][1]}
        sizes = {k: sum(len(out[k]) for _, out in parts) for k in parts[0][1]}
        print(f"{name}: questions giving a name: " + ", ".join(f"{k} {with_names[k]} of {sizes[k]}" for k in sizes))
    print(f"{'set':12s} {'rule':40s} | right kept | LOAO declined | held-out declined | unans declined")
    for name, parts in data.items():
        for label, rule in rules().items():
            counts = {k: [0, 0] for k in ("right", "loao", "held", "unans")}
            for cal, out in parts:
                for k, pairs in out.items():
                    answered = sum(rule(h, st, cal) for h, st in pairs)
                    counts[k][0] += answered if k == "right" else len(pairs) - answered
                    counts[k][1] += len(pairs)
            (kept, n_right), (lo, n_lo), (held, n_held), (un, n_un) = counts.values()
            print(f"{name:12s} {label:40s} | {kept:4d} / {n_right:<4d} | {lo / max(n_lo, 1):.3f} of {n_lo:<4d} | "
                  f"{held / max(n_held, 1):.3f} of {n_held:<3d} | {un} / {n_un}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
