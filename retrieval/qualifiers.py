"""Opposed qualifiers of a figure: "tối đa" and "tối thiểu", "người lớn" and "trẻ em". Where a sentence gives a value
for each ("Tốc độ tối đa ... được giới hạn ở mức 70 km/h, tối thiểu 50 km/h"), the question's qualifier picks one,
and the figure written right after the other qualifier is not its answer: the bold's nearness to the question's
words alone went to "50 km/h" for "Tốc độ tối đa là bao nhiêu?", the "tối" of "tối thiểu" sitting next to it.

Read on folded text; an English question by the Vietnamese its words are written with ("maximum": "tối đa").
"""
from __future__ import annotations

import re

from retrieval.textnorm import fold

# Pairs of qualifiers, folded, each with the English words that ask for it.
_PAIRS = (
    (("toi da", r"maximum|max|top speed|at most"), ("toi thieu", r"minimum|min|at least")),
    (("cao nhat", r"highest|peak"), ("thap nhat", r"lowest")),
    (("nguoi lon", r"adults?"), ("tre em", r"child|children|kids?")),
    (("thanh thi", r"urban|cities|city"), ("nong thon", r"rural|countryside")),
    (("mot lan", r"single[- ]entry|single"), ("nhieu lan", r"multiple[- ]entry|multiple")),  # a visa's entries
)
# A clause ends at a comma (not a decimal one), a semicolon, a colon or a bracket.
_CLAUSE_START = re.compile(r".*(?:[;:()]|,(?!\d))", re.DOTALL)
# After a figure, the words up to the next figure or the clause's end: "25 USD với loại một lần".
_AFTER = re.compile(r"[^\d;:(),]*")


def _asks(folded_q: str, english: str, vietnamese: str) -> bool:
    return re.search(rf"\b(?:{vietnamese}|{english})\b", folded_q) is not None


def contradicted(question: str, sentence: str, span: tuple[int, int]) -> bool:
    """Whether the figure at `span` of `sentence` is qualified by the opposite of a qualifier the question asks (and
    the question does not ask that one): the first qualifier of the pair written after it, before the next figure
    in its clause ("25 USD với loại một lần"), or else the last written before it in its clause ("Giá vé người lớn
    ... từ 250.000 đồng lên 280.000 đồng" is the adults' fare, "vé trẻ em ... vẫn giữ mức 180.000 đồng" the
    children's)."""
    folded_q = fold(question).lower()
    head = sentence[:span[0]]
    cut = _CLAUSE_START.match(head)
    clause = fold(head[cut.end():] if cut else head).lower()
    after = fold(_AFTER.match(sentence, span[1]).group()).lower()  # or the first written after it
    for first, second in _PAIRS:
        for (asked, asked_en), (told, told_en) in ((first, second), (second, first)):
            if not _asks(folded_q, asked_en, asked) or _asks(folded_q, told_en, told):
                continue
            said = re.compile(rf"\b(?:{asked}|{told})\b")
            last = [m.group() for m in said.finditer(clause)]
            then = said.search(after)
            if (then.group() if then else last[-1] if last else None) == told:
                return True
    return False
