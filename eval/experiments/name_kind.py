"""A sentence whose name is of the kind the question asks for, ranked higher?

    python eval/experiments/name_kind.py [--sets seed,xquad,...] [--kinds person,place]

The answer-type bonus credits any capitalised name the question does not hold, so for "Ai là hiệu trưởng Trường
Đại học Kỹ thuật Phương Nam?" a sentence naming only the university scores as well as "Hiệu trưởng Trần Thị Bích
Vân cho biết...". Vietnamese writes a person's name family name first, so the kind of a name can be read from its
shape: a person's is a run of three or four Vietnamese words starting with a family name (`spans.names_person`);
a place's, a team's or a body's is any other name that is not the start of a longer lower-case title ("Tỉnh ủy",
"Ban Chấp hành": `spans._cut_short`). Here a re-scored sentence earns `w` when it has a name, not in the question,
of the kind asked for: a person for "ai" / "người nào" / "who", anything else for "tỉnh nào", "which province"
and the other named kinds below. The shipped top 30 are re-ranked for a grid of `w` (`lab_eval.rerank_sets`),
with the shipped person bonus turned off. Foreign persons ("Henry David Thoreau") have no such shape: on XQuAD-vi
a person question mostly finds none, and its candidates keep their order.

Shipped for Vietnamese person questions at w = 0.03 (`retrieval.search.PERSON_BONUS`); the place kinds and
English questions are not (eval/experiments/README.md).
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from background_declines import SETS  # noqa: E402
from lab_eval import rerank_sets  # noqa: E402

import retrieval.search as search  # noqa: E402
from retrieval import name_shapes, span_shapes, spans  # noqa: E402
from retrieval.asks import question_type  # noqa: E402
from retrieval.textnorm import fold  # noqa: E402

GRID = (0.0, 0.01, 0.02, 0.03, 0.05, 0.08)
_PLACE_VI = r"tinh|huyen|xa|thanh pho|nuoc|quoc gia|tieu bang|vung|doi|cong ty|to chuc|truong|song"
_PLACE = re.compile(rf"\b(?:{_PLACE_VI}) nao\b|^(?:which|what) (?:province|district|commune|city|town|country|"
                    r"nation|state|region|team|company|organi[sz]ation|school|university|river)s?\b")
_PERSON = re.compile(r"\b(?:ai|nguoi nao|who|whom|whose)\b")


def asked_kind(question: str) -> str | None:
    if question_type(question) != "name":
        return None
    if _PLACE.search(fold(question).strip()):
        return "place"
    return "person" if _PERSON.search(fold(question)) else None


def offers(kind: str, question: str, sentence: str) -> bool:
    if kind == "person":
        return bool(spans.names_person(question, sentence))
    qwords = frozenset(span_shapes.WORD.findall(fold(question)))
    for x, y in spans.name_parts(sentence):
        words = span_shapes.WORD.findall(fold(sentence[x:y]))
        if not words or all(w in qwords for w in words) or name_shapes.is_roman_numeral(sentence[x:y]):
            continue
        words = name_shapes.WORDS.findall(sentence, x, y)
        if not name_shapes.person_shaped(words) and not spans._cut_short(sentence, x, y):
            return True
    return False


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--kinds", default="person,place")
    args = ap.parse_args()
    kinds = set(args.kinds.split(","))
    search.PERSON_BONUS = 0.0  # the product as it was without it

    def bonus(question: str, hits: list, index) -> np.ndarray | None:
        kind = asked_kind(question)
        if kind not in kinds:
            return None
        return np.array([offers(kind, question, index.sentences[h.row].text) for h in hits], float)

    rerank_sets(bonus, GRID, args.sets.split(","), "asking a kind")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
