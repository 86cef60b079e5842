"""Which score tells an answerable question from an unanswerable one? Leave-one-article-out on XQuAD-vi.

    python eval/experiments/decline_signals.py

Each question is asked twice through the product's `Searcher` (hybrid): against the whole corpus
("answerable"; counted as answered right when rank 1 is correct) and with its own XQuAD article's sentences
removed from the hits ("unanswerable": the corpus no longer holds the answer). Per signal of the top hit:
AUC = P(a right answer scores above an unanswerable question), and the share of questions still answered
right when the threshold declines 90% (or `--rates`) of the unanswerable ones. "cosine lead" is relative: the
top hit's cosine minus the mean of the next 19 (a question the corpus answers should have one sentence standing
out); "fused without paragraph terms" is what the shipped rule reads for Vietnamese. Last, per language, what
the shipped rule (`retrieval/answer.py: confident`, with its thresholds) declines and still answers right, and
the same rule also declining a quantity or date question whose quote holds no quantity or date
(`retrieval/spans.py: answer_span` finds nothing to bold).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lab_eval import CORPUS, GOLD, gold_rows, setup  # noqa: E402

import retrieval.search as search  # noqa: E402
from retrieval.answer import FUSED_MIN_SCORE, answer_lang, confident, min_score_for  # noqa: E402
from retrieval.asks import question_type  # noqa: E402
from retrieval.evaluate import is_correct  # noqa: E402
from retrieval.spans import answer_span  # noqa: E402


def auc(pos: list[float], neg: list[float]) -> float:
    p, n = np.array(pos)[:, None], np.array(neg)[None, :]
    return float((p > n).mean() + 0.5 * (p == n).mean())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rates", default="0.90", help="shares of unanswerable questions to decline, e.g. 0.9,0.95")
    ap.add_argument("--no-context", action="store_true", help="search without the index's context vectors")
    ap.add_argument("--gold", type=Path, default=GOLD, help="gold file (e.g. one converted with --unaccented)")
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="its corpus folder")
    args = ap.parse_args()
    rates = [float(r) for r in args.rates.split(",")]
    _, enc, service, items = setup(args.gold, args.corpus)
    index = service.index
    if args.no_context:
        index.context = None
    search.CANDIDATES = 200  # enough candidates left once an article's sentences are removed
    searcher = search.Searcher(index, enc)
    # XQuAD-vi's articles are paragraphs ("Super Bowl 50 p03"): a topic is all of them; elsewhere, an article.
    topic = [index.articles[s.article_id].title.rsplit(" p", 1)[0] if args.gold == GOLD else s.article_id
             for s in index.sentences]
    rows = []
    for it, gold in gold_rows(index, items):
        hits = searcher.search(it.question, 200)
        own = topic[gold[0]]
        for answerable, hs in ((True, hits), (False, [h for h in hits if topic[h.row] != own])):
            right = answerable and is_correct(index.sentences[hs[0].row].text, it)
            lang = answer_lang(it.question)  # the thresholds of the language it is answered in
            floor = searcher.english_floor if lang == "en" else None  # measured on the whole index
            shipped = confident(hs[0], min_score_for(index.model, lang), FUSED_MIN_SCORE.get((index.model, lang)),
                                floor)
            typed = question_type(it.question) in ("quantity", "date")
            gated = shipped and not (typed and answer_span(it.question, index.sentences[hs[0].row].text) is None)
            cosines = sorted((h.dense for h in hs[1:]), reverse=True)[:19]
            rows.append((it.lang, answerable, right, {"dense cosine": hs[0].dense, "fused score": hs[0].score,
                                                      "fused without paragraph terms": hs[0].fused,
                                                      "MaxSim": hs[0].maxsim,
                                                      "cosine lead": hs[0].dense - float(np.mean(cosines))},
                         shipped, gated))
    for lang in sorted({r[0] for r in rows}):
        mine = [r for r in rows if r[0] == lang]
        n = sum(1 for r in mine if r[1])
        for name in ("dense cosine", "fused score", "fused without paragraph terms", "MaxSim", "cosine lead"):
            pos = [r[3][name] for r in mine if r[2]]
            neg = [r[3][name] for r in mine if not r[1]]
            for rate in rates:
                cut = float(np.quantile(neg, rate))
                kept = sum(1 for v in pos if v > cut) / n
                print(f"{lang} {name:13s} AUC {auc(pos, neg):.3f}; declining {rate:.0%} of unanswerable (threshold "
                      f"{cut:.3f}) still answers {kept:.3f} right (Hit@1 {len(pos) / n:.3f})")
        for label, col in (("shipped rule", 4), ("shipped rule + type gate", 5)):
            declined = sum(1 for r in mine if not r[1] and not r[col]) / n
            kept = sum(1 for r in mine if r[2] and r[col]) / n
            print(f"{lang} {label}: declines {declined:.1%} of unanswerable, still answers {kept:.3f} right")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
