"""A target is not a result: "Năm 2025 Quảng Ninh thực thu ngân sách được bao nhiêu?" asks what was collected, and
"... HĐND tỉnh đã giao dự toán thu ngân sách 59.500 tỷ đồng" tells only what was to be (a reader's finding).

A question asks a result when it asks a quantity with a word of achieving ("thực thu", "thu được", "đạt",
"collected", "achieved") and none of a target, a wish or the future ("dự toán", "kế hoạch", "mục tiêu", "muốn",
"dự kiến", "sẽ", "target", "want", "will"). A sentence tells only a target when each of its figures follows, in
its clause, a word of one ("giao dự toán thu ngân sách 59.500 tỷ đồng", "mục tiêu đón 5 triệu lượt khách"); "đạt
120 tỷ đồng, bằng 95% dự toán" tells a result (its "95%" is a share of the target, written after it).
"""
from __future__ import annotations

import re

from retrieval.spans import BARE_YEAR, DATE, QUANTITY, question_type
from retrieval.textnorm import fold
from retrieval.types import Mismatch

# Folded. "giao" (assigned) and "đề ra" (set) write a target given to someone.
_TARGET = r"du toan|ke hoach|muc tieu|chi tieu|phan dau|giao|de ra|target|plan|goal"
_TARGET_WORD = re.compile(rf"\b(?:{_TARGET})\b")
_ASKS_TARGET = re.compile(rf"\b(?:{_TARGET}|du kien|se|du bao|muon|mong|ky vong|huong toi|aim\w*|estimat\w*|expect\w*|"
                          r"forecast\w*|project\w*|will|budget\w*|planned|targeted|want\w*|hope\w*|intend\w*)\b")
_ASKS_RESULT = re.compile(r"\b(?:thuc thu|thuc te|thuc hien|thu duoc|dat duoc|dat|da thu|actual|actually|collect\w*|"
                          r"achiev\w*|reach\w*|earn\w*)\b")
_CLAUSE = re.compile(r"[,;:()]|\.(?!\d)")


def asks_result(question: str) -> bool:
    folded = fold(question).lower()
    return (question_type(question) == "quantity" and bool(_ASKS_RESULT.search(folded))
            and not _ASKS_TARGET.search(folded))


def target_only(question: str, sentence: str) -> Mismatch | None:
    """Mismatch("goal", "achieved", ("target",)) when `question` asks a result (`asks_result`) and every figure of
    `sentence` is a target's; None otherwise."""
    if not asks_result(question):
        return None
    dates = [m.span() for m in DATE.finditer(sentence)]
    figures = [m for m in QUANTITY.finditer(sentence) if not BARE_YEAR.fullmatch(m.group().strip())
               and not any(a <= m.start() and m.end() <= b for a, b in dates)]
    if not figures:
        return None
    for m in figures:
        clause = _CLAUSE.split(sentence[:m.start()])[-1]
        if not _TARGET_WORD.search(fold(clause).lower()):
            return None
    return Mismatch("goal", "achieved", ("target",))
