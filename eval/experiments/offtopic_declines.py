"""How often the product declines off-topic English questions, asked end to end (`QAService.ask`), per corpus.

    python eval/experiments/offtopic_declines.py [--questions eval/experiments/offtopic_heldout.txt]

`offtopic_heldout.txt` holds 100 everyday and foreign-news English questions a helper wrote for this (none about
Vietnam), apart from the product's probes (`retrieval/offtopic.py`), `english_null.py: HELD_OUT` and
`offtopic_train.txt` (what `query_tuning_maxsim.py --offtopic` may train on). Each corpus is one the eval sets
use; the rate is the share of questions answered "not found".
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lab_eval import ROOT, setup  # noqa: E402

CORPORA = {
    "seed": ROOT / "seeds",
    "xquad": ROOT / "build" / "xquad_vi" / "corpus",
    "news_review": ROOT / "eval" / "news_review" / "corpus",
    "news_heldout": ROOT / "eval" / "news_heldout" / "corpus",
    "news_heldout3": ROOT / "eval" / "news_heldout3" / "corpus",
    "news_heldout4": ROOT / "eval" / "news_heldout4" / "corpus",
    "news_heldout5": ROOT / "eval" / "news_heldout5" / "corpus",
    "encyclopedic_heldout": ROOT / "eval" / "encyclopedic_heldout" / "corpus",
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--questions", type=Path, default=Path(__file__).with_name("offtopic_heldout.txt"))
    args = ap.parse_args()
    questions = [q.strip() for q in args.questions.read_text(encoding="utf-8").splitlines() if q.strip()]
    total = 0
    for name, corpus in CORPORA.items():
        _, _, service, _ = setup(ROOT / "eval" / "seed_gold.jsonl", corpus)
        service.warm_up()
        declined = sum(not service.ask(q).answered for q in questions)
        total += declined
        print(f"{name:22s} declined {declined:3d} of {len(questions)}")
    print(f"{'all':22s} declined {total / (len(questions) * len(CORPORA)):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
