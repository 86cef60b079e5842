"""What comparing answers with the background text costs per question, on the XQuAD-vi eval index.

    python eval/experiments/background_cost.py     # about a minute

1. The background's best fused score found among its dense top R re-scored (`_rank(..., rescored=R)`), for the
   XQuAD-vi questions and `offtopic_train.txt`: median time per question, and how often and by how much the best
   differs from R = 30 (the product's own re-scoring depth for an index). The product uses
   `retrieval/search.py: BACKGROUND_RESCORED`.
2. `QAService.ask` p50 per question language, with the background as shipped and without it.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lab_eval import setup  # noqa: E402

from retrieval.answer import answer_lang  # noqa: E402
from retrieval.textnorm import normalize, unshout  # noqa: E402


def main() -> int:
    _, _, service, items = setup()
    service.warm_up()
    searcher = service.searcher
    background = searcher.background
    if background is None:
        print("no background (TINBOT_BACKGROUND=off?)")
        return 1
    offtopic = Path(__file__).with_name("offtopic_train.txt").read_text(encoding="utf-8").splitlines()
    questions = [it.question for it in items] + [q.strip() for q in offtopic if q.strip()]
    best, seconds = {}, {}
    for depth in (30, 15, 10, 5):
        values, times = [], []
        for q in questions:
            query = searcher._encode(normalize(unshout(q)))
            started = time.perf_counter()
            hit = background._rank(query, 1, depth)[0]
            times.append(time.perf_counter() - started)
            values.append(hit.fused)
        best[depth], seconds[depth] = np.array(values), float(np.median(times))
    print(f"background best among R re-scored ({len(questions)} questions):")
    for depth in (30, 15, 10, 5):
        lower = best[30] - best[depth]
        print(f"  R = {depth:2d}: {1000 * seconds[depth]:.2f} ms; differs from R = 30 for {np.mean(lower > 1e-6):.3f} "
              f"of questions, by at most {lower.max():.3f}")
    sample = [it.question for it in items][::6]  # both languages
    for label, bg in (("with the background", background), ("without", None), ("with the background", background),
                      ("without", None)):
        searcher.background = bg
        for q in sample[:3]:
            service.ask(q)
        times_by_lang: dict[str, list[float]] = {}
        for q in sample:
            started = time.perf_counter()
            service.ask(q)
            times_by_lang.setdefault(answer_lang(q), []).append(time.perf_counter() - started)
        print(f"ask p50, {label:20s} " + ", ".join(f"{lang} {1000 * np.median(t):.2f} ms"
                                                  for lang, t in sorted(times_by_lang.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
