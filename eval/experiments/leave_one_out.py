"""Paragraph vectors: the question's cosine with a sentence's paragraph, and how much of it the sentence carries.

    python eval/experiments/leave_one_out.py                 # what retrieval/passages.py: paragraph_texts embeds
    python eval/experiments/leave_one_out.py --batch 8       # the same, other int8 rounding noise (batch 1, 2, 8)
    python eval/experiments/leave_one_out.py --title         # paragraphs embedded after their title
    python eval/experiments/leave_one_out.py --most 4        # long paragraphs cut into groups of at most 4 sentences

Each XQuAD article file is one paragraph. Per sentence i of paragraph P: `para_i = cos(q, P)` (context that finds
the region) and `loo_i = cos(q, P) - cos(q, P without i)`, the similarity the paragraph loses when the sentence is
taken out: read with the rest of the paragraph in view, a sentence that only makes sense after its neighbours
still carries the paragraph's match, and unlike a window vector it differs between neighbours. Rows: the hybrid
without the index's own paragraph vectors, then + w_loo * loo + w_para * para on its first `RESCORED` hits over a
grid; "cv" picks the pair on one fold of articles and reports the other. The vectors are encoded here, so the
rows do not depend on what the index stores. "won / lost": questions whose rank-1 quote became right / wrong.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lab_eval import gold_rows, hit_line, item_folds, setup  # noqa: E402

from retrieval.search import RESCORED, Searcher  # noqa: E402
from retrieval.textnorm import normalize  # noqa: E402

GRID = [(w, wp) for w in (0.0, 0.1, 0.2, 0.3, 0.4, 0.5) for wp in (0.0, 0.1, 0.2, 0.3, 0.5)]


def groups_of(index, most: int) -> dict[str, list[int]]:
    """Rows per paragraph (an XQuAD article file); with `most`, long ones split into near-equal groups."""
    by_article: dict[str, list[int]] = {}
    for i, s in enumerate(index.sentences):
        by_article.setdefault(s.article_id, []).append(i)
    if not most:
        return by_article
    groups = {}
    for a, rows in by_article.items():
        parts = -(-len(rows) // most)
        for p in range(parts):
            groups[f"{a}/{p}"] = rows[p * len(rows) // parts:(p + 1) * len(rows) // parts]
    return groups


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--batch", type=int, default=0, help="passage batch size of the int8 encoder (default: its own)")
    ap.add_argument("--title", action="store_true", help="embed `<title>. <paragraph>`")
    ap.add_argument("--most", type=int, default=0, help="at most this many sentences per paragraph")
    args = ap.parse_args()
    _, enc, service, items = setup()
    index = service.index
    sents = index.sentences
    if args.batch:  # another batch: other int8 activation scales, so other rounding noise
        enc._get("p").batch_size = args.batch
    groups = groups_of(index, args.most)
    group_of = {r: g for g, rows in groups.items() for r in rows}

    def text(rows: list[int]) -> str:
        body = " ".join(" ".join(sents[r].text for r in rows).split())
        head = index.articles[sents[rows[0]].article_id].title if args.title else ""
        return normalize(f"{head}. {body}" if head else body)

    started = time.perf_counter()
    names = sorted(groups)
    whole_of = dict(zip(names, enc.encode_passages([text(groups[g]) for g in names])))
    para_vec = np.stack([whole_of[group_of[r]] for r in range(len(sents))])
    without = para_vec.copy()  # a paragraph of one sentence loses nothing
    rows_wo = [r for rows in groups.values() if len(rows) > 1 for r in rows]
    without[rows_wo] = enc.encode_passages([text([x for x in groups[group_of[r]] if x != r]) for r in rows_wo])
    print(f"paragraph vectors: {len(names) + len(rows_wo)} texts in {time.perf_counter() - started:.1f} s")

    data = gold_rows(index, items)
    folds = item_folds(index, data)
    index.paragraph = index.rest = None  # the hybrid without the index's own paragraph vectors
    searcher = Searcher(index, enc)
    per_item = []  # (lang, candidate rows, hybrid scores, loo, para, gold rows)
    for it, gold in data:
        hits = searcher.search(it.question, RESCORED)
        cand = np.array([h.row for h in hits])
        q = enc.encode_queries([normalize(it.question)])[0]
        pq = para_vec[cand] @ q
        per_item.append((it.lang, cand, np.array([h.score for h in hits]), pq - without[cand] @ q, pq, set(gold)))

    def rank_of(j: int, w: float, wp: float) -> int | None:
        _, cand, score, loo, pq, gold = per_item[j]
        order = np.argsort(-(score + w * loo + wp * pq), kind="stable")[:5]
        return next((i for i, o in enumerate(order) if int(cand[o]) in gold), None)

    for lang in ("en", "vi"):
        idx = [j for j, p in enumerate(per_item) if p[0] == lang]
        base = [rank_of(j, 0.0, 0.0) for j in idx]
        print(hit_line(f"hybrid without paragraph vectors {lang}", base))
        for w, wp in GRID[1:]:
            rs = [rank_of(j, w, wp) for j in idx]
            won = sum(1 for x, y in zip(base, rs) if x != 0 and y == 0)
            lost = sum(1 for x, y in zip(base, rs) if x == 0 and y != 0)
            print(hit_line(f"+ {w} * loo + {wp} * para {lang}", rs), f"won {won} lost {lost}", flush=True)
        cv = []
        for test in (0, 1):
            train = [j for j in idx if folds[j] != test]
            best = max(GRID, key=lambda g: sum(rank_of(j, *g) == 0 for j in train))
            cv += [rank_of(j, *best) for j in idx if folds[j] == test]
            print(f"  fold {test}: (w loo, w para) = {best}")
        print(hit_line(f"cv {lang}", cv))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
