"""A lexical signal for English questions: their words translated into the corpus's Vietnamese terms by the
model itself.

    python eval/experiments/translated_terms.py [--show 10]

BM25 helps Vietnamese questions and is kept out of English ones (they share no words with the corpus). Here
each English content word of a question is embedded alone (`query: budget`), as is every Vietnamese term of
the corpus (syllables and syllable pairs, `query: ngân sách`); a word's translations are its `top` nearest
terms with cosine >= `floor`. A sentence then scores the IDF-weighted share of the question's words that have a
translation in it (each word counted once, at its best translation's cosine), and the shipped top 30 are
re-ranked by `score + w * that`. `w` is picked by 2-fold cross-validation over XQuAD articles (`topic_folds`).
"""
from __future__ import annotations

import argparse
import math
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lab_eval import gold_rows, setup, topic_folds  # noqa: E402

from retrieval.language import _EN_COMMON  # noqa: E402
from retrieval.lexical import features  # noqa: E402
from retrieval.search import Searcher  # noqa: E402
from retrieval.textnorm import tokens  # noqa: E402

WEIGHTS = (0.0, 0.01, 0.02, 0.03, 0.05, 0.08, 0.12)
FLOORS = (0.80, 0.85, 0.88)
TOP = 3


def english_words(question: str) -> list[str]:
    return sorted({w for w in re.findall(r"[a-z]+", question.lower()) if len(w) > 2 and w not in _EN_COMMON})


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--show", type=int, default=0, help="print the translations of this many questions")
    args = ap.parse_args()
    _, enc, service, items = setup()
    index = service.index
    searcher = Searcher(index, enc)
    folds = topic_folds(index)
    sent_terms = [set(features(tokens(s.text))) for s in index.sentences]
    df = Counter(t for terms in sent_terms for t in terms)
    vocab = sorted(t for t in df if re.search(r"[^\W\d_]", t))
    print(f"{len(vocab)} Vietnamese terms; embedding them...", file=sys.stderr)
    tvec = enc.encode_queries([t.replace("_", " ") for t in vocab])
    data = [(it, rows) for it, rows in gold_rows(index, items) if it.lang == "en"]
    words_of = {it.id: english_words(it.question) for it, _ in data}
    all_words = sorted({w for ws in words_of.values() for w in ws})
    wvec = enc.encode_queries(all_words)
    sims = wvec @ tvec.T
    nearest = np.argsort(-sims, axis=1)[:, :TOP]
    n = len(index.sentences)
    idf_vi = {t: math.log(1 + n / df[t]) for t in vocab}
    word_idf = {w: max(idf_vi[vocab[j]] for j in nearest[i]) for i, w in enumerate(all_words)}
    widx = {w: i for i, w in enumerate(all_words)}

    runs = []
    shown = 0
    for it, rows in data:
        hits = searcher.search(it.question, 30)
        cand = np.array([h.row for h in hits])
        base = np.array([h.score for h in hits])
        feats = {}
        for floor in FLOORS:
            per = np.zeros(len(cand))
            total = 0.0
            for w in words_of[it.id]:
                i = widx[w]
                trans = [(vocab[j], float(sims[i, j])) for j in nearest[i] if sims[i, j] >= floor]
                total += word_idf[w]
                for c, row in enumerate(cand):
                    best = max((cos for t, cos in trans if t in sent_terms[row]), default=0.0)
                    per[c] += word_idf[w] * best
            feats[floor] = per / total if total else per
        runs.append((folds[rows[0]], cand, base, feats, set(rows)))
        if shown < args.show:
            shown += 1
            print(it.question)
            for w in words_of[it.id]:
                i = widx[w]
                print(f"  {w}: " + ", ".join(f"{vocab[j]} {sims[i, j]:.2f}" for j in nearest[i]))

    def hit1(w: float, floor: float, fold: int | None = None) -> float:
        return float(np.mean([c[np.argmax(b + w * f[floor])] in gold for fo, c, b, f, gold in runs
                              if fold in (None, fo)]))

    print(f"English, shipped Hit@1 {hit1(0.0, FLOORS[0]):.3f} (n={len(runs)})")
    for floor in FLOORS:
        print(f"floor {floor:.2f}: " + "  ".join(f"w {w:.2f}: {hit1(w, floor):.3f}" for w in WEIGHTS))
    grid = [(w, fl) for w in WEIGHTS for fl in FLOORS]
    for f in (0, 1):
        w, fl = max(grid, key=lambda p: hit1(p[0], p[1], 1 - f))
        print(f"2-fold CV, fold {f}: w {w:.2f} floor {fl:.2f} gives {hit1(w, fl, f):.3f} "
              f"(shipped {hit1(0.0, fl, f):.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
