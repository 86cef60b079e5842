"""Does the quote cover what the question asks about? A decline signal for on-topic unanswerable questions.

    python eval/experiments/coverage_decline.py [--rates 0.5,0.7]

The seed's unanswerable questions are on topic ("Tỷ lệ hộ nghèo của huyện năm 2023?" over an article about the
district's half year): the best sentence scores like an answer because it shares the subject, but it says
nothing about the thing asked ("hộ nghèo"). XQuAD-vi gives the same situation at scale: ask each question with
its own paragraph's sentences removed, so the rest of its article (same subject, other facts) stays
("on topic"); and with its whole article removed ("off topic", what `decline_signals.py` measures).

Signals of the top hit, besides the shipped fused score:
- "lexical coverage" (Vietnamese): IDF-weighted share of the question's syllables (accents ignored) found in
  the quoted sentence, the sentence before it or the article title;
- "worst missing": minus the largest IDF among question syllables found in none of those;
- "token floor" (any language): the lowest, over question tokens, of the best cosine with a token of the
  sentence (or 0.8x of the previous sentence's), i.e. the least-matched question token of MaxSim;
- "token p25": the 25th percentile of the same.
For each, per language: AUC against on-topic and off-topic unanswerable, and what the shipped rule plus a gate
on the signal (threshold declining `--rates` of the on-topic questions the shipped rule still answers) declines
and still answers right.
"""
from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lab_eval import gold_rows, setup  # noqa: E402

import retrieval.search as search  # noqa: E402
from retrieval.answer import FUSED_MIN_SCORE, confident, min_score_for  # noqa: E402
from retrieval.evaluate import is_correct  # noqa: E402
from retrieval.language import detect_language, has_diacritics  # noqa: E402
from retrieval.maxsim import CARRY  # noqa: E402
from retrieval.textnorm import folded_tokens, normalize  # noqa: E402


def auc(pos: list[float], neg: list[float]) -> float:
    if not pos or not neg:
        return float("nan")
    p, n = np.array(pos)[:, None], np.array(neg)[None, :]
    return float((p > n).mean() + 0.5 * (p == n).mean())


class Coverage:
    def __init__(self, index, searcher) -> None:
        self.index = index
        self.searcher = searcher
        self.sets = [set(folded_tokens(s.text)) for s in index.sentences]
        df = Counter(t for s in self.sets for t in s)
        n = len(self.sets)
        self.idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        self.default_idf = math.log((n + 1) / 0.5)
        self.title = [set(folded_tokens(index.articles[s.article_id].title.rsplit(" p", 1)[0]))
                      for s in index.sentences]
        self.prev = searcher._previous

    def lexical(self, question: str, row: int) -> tuple[float, float]:
        q = set(folded_tokens(question))
        if not q:
            return 1.0, 0.0
        seen = self.sets[row] | self.title[row] | (self.sets[self.prev[row]] if self.prev[row] >= 0 else set())
        w = {t: self.idf.get(t, self.default_idf) for t in q}
        covered = sum(v for t, v in w.items() if t in seen) / sum(w.values())
        missing = max((v for t, v in w.items() if t not in seen), default=0.0)
        return covered, -missing

    def tokens(self, qtok: np.ndarray, row: int) -> tuple[float, float]:
        tv = self.searcher.tokens
        own, _ = tv.gather(np.array([row]))
        best = (qtok @ own.T).max(axis=1) if len(own) else np.full(len(qtok), -1.0)
        p = self.prev[row]
        if p >= 0:
            before, _ = tv.gather(np.array([p]))
            if len(before):
                best = np.maximum(best, CARRY * (qtok @ before.T).max(axis=1))
        return float(best.min()), float(np.percentile(best, 25))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rates", default="0.5,0.7", help="shares of still-answered on-topic questions to decline")
    args = ap.parse_args()
    rates = [float(r) for r in args.rates.split(",")]
    _, enc, service, items = setup()
    index = service.index
    search.CANDIDATES = 200
    searcher = search.Searcher(index, enc)
    cov = Coverage(index, searcher)
    art = [s.article_id for s in index.sentences]
    topic = [index.articles[a].title.rsplit(" p", 1)[0] for a in art]
    rows = []
    for it, gold in gold_rows(index, items):
        q = normalize(it.question)
        hits = searcher.search(it.question, 200)
        unaccented = detect_language(q) == "vi" and not has_diacritics(q)
        _, qtoks = enc.encode_queries_with_tokens([searcher.restorer.restore(q) if unaccented else q])
        own_art, own_topic = art[gold[0]], topic[gold[0]]
        cases = (("answerable", hits), ("on topic", [h for h in hits if art[h.row] != own_art]),
                 ("off topic", [h for h in hits if topic[h.row] != own_topic]))
        for case, hs in cases:
            top = hs[0]
            right = case == "answerable" and is_correct(index.sentences[top.row].text, it)
            shipped = confident(top, min_score_for(index.model, it.lang), FUSED_MIN_SCORE.get((index.model, it.lang)))
            lc, miss = cov.lexical(q, top.row)
            floor, p25 = cov.tokens(qtoks[0], top.row)
            rows.append((it.lang, case, right, shipped, {"fused score": top.score, "lexical coverage": lc,
                                                         "worst missing": miss, "token floor": floor,
                                                         "token p25": p25}))
    for lang in ("en", "vi"):
        mine = [r for r in rows if r[0] == lang]
        n = sum(1 for r in mine if r[1] == "answerable")
        base_right = sum(1 for r in mine if r[2] and r[3]) / n
        for case in ("on topic", "off topic"):
            declined = np.mean([not r[3] for r in mine if r[1] == case])
            print(f"{lang} shipped rule: declines {declined:.1%} {case}, answers {base_right:.3f} right")
        for name in mine[0][4]:
            pos = [r[4][name] for r in mine if r[2]]
            on = [r[4][name] for r in mine if r[1] == "on topic"]
            off = [r[4][name] for r in mine if r[1] == "off topic"]
            print(f"{lang} {name:16s} AUC on topic {auc(pos, on):.3f}, off topic {auc(pos, off):.3f}")
            still = [r[4][name] for r in mine if r[1] == "on topic" and r[3]]
            for rate in rates:
                cut = float(np.quantile(still, rate))
                kept = sum(1 for r in mine if r[2] and r[3] and r[4][name] > cut) / n
                dec = {c: np.mean([not (r[3] and r[4][name] > cut) for r in mine if r[1] == c])
                       for c in ("on topic", "off topic")}
                print(f"    + gate at {cut:.3f}: declines {dec['on topic']:.1%} on topic, {dec['off topic']:.1%} "
                      f"off topic; answers {kept:.3f} right ({kept - base_right:+.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
