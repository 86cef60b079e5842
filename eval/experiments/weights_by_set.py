"""The shipped hybrid with one of its terms changed, on every gold set: which term helps where.

    python eval/experiments/weights_by_set.py                       # every variant, every set (~15 min)
    python eval/experiments/weights_by_set.py --sets news_heldout3 news_heldout --variants base nolex dense

Variants set `retrieval/search.py`'s weights (module constants) for one run: without the lexical term, the
answer type, token matching (MaxSim) or the paragraph terms; the paragraph's own cosine at half weight or none;
the leave-out term at half weight; and plain dense cosine (`dense`: every term off, context vectors too, the
question's accents restored as in hybrid). Hit@1 / Hit@5 per set and language.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lab_eval import ROOT, gold_rows, hit_line, ranks, setup  # noqa: E402

import retrieval.search as search_module  # noqa: E402

SETS = {"xquad": (ROOT / "build/xquad_vi/gold.jsonl", ROOT / "build/xquad_vi/corpus"),
        "seed": (ROOT / "eval/seed_gold.jsonl", ROOT / "seeds"),
        "seed_review": (ROOT / "eval/seed_review.jsonl", ROOT / "seeds"),
        "news_review": (ROOT / "eval/news_review/gold.jsonl", ROOT / "eval/news_review/corpus"),
        "news_heldout": (ROOT / "eval/news_heldout/gold.jsonl", ROOT / "eval/news_heldout/corpus"),
        "news_heldout3": (ROOT / "eval/news_heldout3/gold.jsonl", ROOT / "eval/news_heldout3/corpus")}
WEIGHTS = ("MAXSIM_WEIGHT", "LEXICAL_WEIGHT", "TYPE_BONUS", "PARAGRAPH_WEIGHT", "LEAVE_OUT_WEIGHT")
SHIPPED = {name: getattr(search_module, name) for name in WEIGHTS}
OFF = dict.fromkeys(WEIGHTS, 0.0)
VARIANTS = {"base": {}, "nolex": {"LEXICAL_WEIGHT": 0.0}, "notype": {"TYPE_BONUS": 0.0},
            "noms": {"MAXSIM_WEIGHT": 0.0}, "nopara": {"PARAGRAPH_WEIGHT": 0.0, "LEAVE_OUT_WEIGHT": 0.0},
            "para0.1": {"PARAGRAPH_WEIGHT": 0.1}, "para0": {"PARAGRAPH_WEIGHT": 0.0},
            "leaveout0.15": {"LEAVE_OUT_WEIGHT": 0.15}, "dense": OFF}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", nargs="+", default=list(SETS), choices=list(SETS))
    ap.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=list(VARIANTS))
    args = ap.parse_args()
    with_context = search_module.Searcher._with_context
    for name in args.sets:
        _, enc, service, items = setup(*SETS[name])
        data = gold_rows(service.index, items)
        for variant in args.variants:
            for weight, value in {**SHIPPED, **VARIANTS[variant]}.items():
                setattr(search_module, weight, value)
            if variant == "dense":  # the sentence's own cosine only
                search_module.Searcher._with_context = lambda self, cand, dense, qvec: dense.copy()
            searcher = search_module.Searcher(service.index, enc)
            for lang in ("en", "vi", "vi-noaccent"):
                sub = [d for d in data if d[0].lang == lang]
                if sub:
                    print(hit_line(f"{name} {variant} [{lang}]", ranks(searcher, sub)), flush=True)
            search_module.Searcher._with_context = with_context
    return 0


if __name__ == "__main__":
    sys.exit(main())
