"""How often the accent restorer gives back the question as it was typed with accents.

    python eval/experiments/restorer_accuracy.py [--smoothing 1,3,10,30,100]

    python eval/experiments/restorer_accuracy.py --gold eval/seed_gold.jsonl --index-dir DIR

Each Vietnamese XQuAD-vi question (or --gold's) is stripped of its accents, restored with the restorer of the
product's eval index (or DIR; the corpus as dictionary, `retrieval/diacritics.py`) at each smoothing, and
compared word by word with the original (case ignored). Prints the share of words and of whole questions
restored exactly. The restorer is the index's own (the corpus's counts), so no question's answer is looked at.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lab_eval import setup  # noqa: E402

import retrieval.diacritics as diacritics  # noqa: E402
from retrieval.textnorm import fold  # noqa: E402

_WORDS = re.compile(r"[^\W\d_]+")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--smoothing", default="1,3,10,30,100", help="pseudo-counts (SMOOTHING) to try")
    ap.add_argument("--gold", type=Path, help="another gold file (its Vietnamese questions)")
    ap.add_argument("--index-dir", type=Path, help="the index of --gold's corpus")
    args = ap.parse_args()
    if args.gold:
        from retrieval.evaluate import parse_gold

        items = parse_gold(args.gold.read_text(encoding="utf-8").splitlines(), str(args.gold))
        folder = args.index_dir / "current"
    else:
        _, _, service, items = setup()
        folder = service.index.path
    questions = [it.question for it in items if it.lang == "vi"]
    for weight in (float(w) for w in args.smoothing.split(",")):
        diacritics.SMOOTHING = weight
        restorer = diacritics.DiacriticRestorer.load(folder)
        words = right_words = right_questions = 0
        for q in questions:
            typed, restored = _WORDS.findall(q.lower()), _WORDS.findall(restorer.restore(fold(q)).lower())
            same = sum(a == b for a, b in zip(typed, restored)) if len(typed) == len(restored) else 0
            words += len(typed)
            right_words += same
            right_questions += same == len(typed)
        print(f"smoothing {weight:>4g}: words {right_words / words:.3f}, "
              f"questions {right_questions / len(questions):.3f} (of {len(questions)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
