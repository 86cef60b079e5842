"""A target is not a result: "Năm 2025 Quảng Ninh thực thu ngân sách được bao nhiêu?" asks what was collected, and
"... HĐND tỉnh đã giao dự toán thu ngân sách 59.500 tỷ đồng" tells only what was to be (a reader's finding).

A question asks a result when it asks a quantity with a word of achieving ("thực thu", "thu được", "đạt",
"collected", "achieved") and none of a target, a wish or the future ("dự toán", "kế hoạch", "mục tiêu", "muốn",
"dự kiến", "sẽ", "target", "want", "will"). A sentence tells only a target when each of its figures follows, in
its clause, a word of one ("giao dự toán thu ngân sách 59.500 tỷ đồng", "mục tiêu đón 5 triệu lượt khách"); "đạt
120 tỷ đồng, bằng 95% dự toán" tells a result (its "95%" is a share of the target, written after it). A question
in the past or on now ("How many visitors did the museum receive?", "đã đón bao nhiêu khách", "hiện có bao nhiêu
làn thoát nạn") asks a result too, which the future or a proposal ("sẽ đề xuất lắp thêm 12 làn") does not tell.

The other way round, a question naming a target ("Mục tiêu xuất khẩu năm 2023 là bao nhiêu?", "revenue target") is
not answered by a sentence with figures and no word of a target, a forecast or the future ("xuất khẩu được 41,2
triệu USD, tăng 16% so với mức 35,6 triệu USD của năm 2023").
"""
from __future__ import annotations

import re

from retrieval.asks import question_type
from retrieval.span_shapes import BARE_YEAR, DATE, QUANTITY
from retrieval.textnorm import fold
from retrieval.types import Mismatch

# Folded. "được giao" (assigned) and "đề ra" (set) write a target given to someone.
# (not the "giao" of "giao thông", "Giáo hội", "giao dịch": assigned only as "được giao"; not the "phần đầu tư" of
# "cổ phần Đầu tư", which folds as "phấn đấu" does)
_TARGET = r"du toan|ke hoach|muc tieu|chi tieu|phan dau(?! tu)|duoc giao|de ra|target|plan|goal"
# (and, before a figure in its clause, a forecast or a proposal: "sẽ đề xuất lắp thêm 12 làn thoát nạn"; not "sẽ"
# alone, which history writes of what came after: "tước hiệu mà các nhà cai trị sẽ sử dụng trong hơn hai nghìn năm")
_TARGET_WORD = re.compile(rf"\b(?:{_TARGET}|de xuat|du kien|du tinh)\b")
_ASKS_TARGET = re.compile(rf"\b(?:{_TARGET}|du kien|se|du bao|muon|mong|ky vong|huong toi|aim\w*|estimat\w*|expect\w*|"
                          r"forecast\w*|project\w*|will|should|shall|would|budget\w*|planned|targeted|want\w*|hope\w*|"
                          r"intend\w*)\b")
# (and a verb with "được", managed to: "da giam duoc bao nhieu", typed without accents where "da" may be "da", skin)
_ACHIEVED = (r"thuc thu|thuc te|thuc hien|thu duoc|dat duoc|dat|da thu|actual|actually|collect\w*|achiev\w*|reach\w*|"
             r"earn\w*|(?:giam|cat giam|tang|tiet kiem|ban|lam|trong|xay|thu hut|don|xuat|san xuat) duoc")
_ASKS_ACHIEVED = re.compile(rf"\b(?:{_ACHIEVED})\b")
_ASKS_RESULT = re.compile(rf"\b(?:{_ACHIEVED}|did|was|were|had|hien co|hien nay|hien tai|currently)\b")
_PAST = re.compile(r"(?<!\w)đã(?!\w)", re.IGNORECASE)  # "đã đón bao nhiêu khách" (folded, "da" is also "skin")
# A target asked by name ("mục tiêu", "chỉ tiêu", "target"): not a plan, whose size ("Kế hoạch mở rộng có tổng vốn bao
# nhiêu?") a sentence on the project tells.
# (Not "goal", mostly a football's.)
_NAMES_TARGET = re.compile(r"\b(?:muc tieu|chi tieu|du toan|targets?|targeted)\b")
# Words of a target, a forecast or the future in a sentence, folded.
_FORWARD = re.compile(rf"\b(?:{_TARGET}|du kien|se|du bao|muon|mong|ky vong|huong toi|dinh huong|quy hoach|nham|"
                      r"uoc|uoc tinh|de xuat|de nghi|nhat tri|cam ket|thong nhat|quyet tam)\b")
_CLAUSE = re.compile(r"[;:()]|,(?!\d)|(?<!\d),|\.(?!\d)")  # not a decimal comma: "giảm 3,5% ..." is one clause


def looks_forward(sentence: str) -> bool:
    """Whether `sentence` writes a word of a target, a forecast or the future ("kế hoạch", "dự kiến", "sẽ")."""
    return bool(_FORWARD.search(fold(sentence).lower()))


def asks_ahead(question: str) -> bool:
    """Whether `question` asks a target, a forecast, a wish or the future ("dự kiến", "muốn", "will")."""
    return bool(_ASKS_TARGET.search(fold(question).lower()))


def asks_result(question: str) -> bool:
    folded = fold(question).lower()
    return (question_type(question) == "quantity" and bool(_ASKS_RESULT.search(folded) or _PAST.search(question))
            and not asks_ahead(question))


def target_only(question: str, sentence: str) -> Mismatch | None:
    """Mismatch("goal", "achieved", ("target",)) when `question` asks a result (`asks_result`) and every figure of
    `sentence` is a target's; Mismatch("goal", "target", ("achieved",)) when it asks a target by name
    (`_NAMES_TARGET`) and `sentence` has figures and no word of a target, a forecast or the future (`_FORWARD`);
    None otherwise."""
    dates = [m.span() for m in DATE.finditer(sentence)]
    figures = [m for m in QUANTITY.finditer(sentence) if not BARE_YEAR.fullmatch(m.group().strip())
               and not any(a <= m.start() and m.end() <= b for a, b in dates)]
    if not figures:
        return None
    folded_q = fold(question).lower()
    # (not a question asking a result too: "... mục tiêu ... năm 2028? năm 2024 đạt bao nhiêu?", a follow-up)
    if (question_type(question) == "quantity" and _NAMES_TARGET.search(folded_q)
            and not _ASKS_ACHIEVED.search(folded_q) and not looks_forward(sentence)):
        return Mismatch("goal", "target", ("achieved",))
    if not asks_result(question):
        return None
    for m in figures:
        clause = _CLAUSE.split(sentence[:m.start()])[-1]
        if not _TARGET_WORD.search(fold(clause).lower()):
            return None
    return Mismatch("goal", "achieved", ("target",))
