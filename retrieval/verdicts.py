"""The penalty a court hands down, for a question asking what it was: "Nguyễn Văn Khải bị tòa tuyên mức án gì?" is
answered by "... tuyên phạt Nguyễn Văn Khải ... mức án tù chung thân ...", whose bold is "tù chung thân" (a reader's
finding: no bold at all before, as no figure, date or name was asked).

A penalty is death ("tử hình"), life ("tù chung thân"), a prison term ("16 năm tù", "2 năm 6 tháng tù", "18 tháng tù
treo") or a non-custodial one ("3 năm cải tạo không giam giữ"). Of several (one per defendant), the one asked is the
one whose clause, up to it, holds most of the names the question writes (the defendant's; without capitals, its
other words); ties go to the first.
"""
from __future__ import annotations

import re

from retrieval.asks import question_type
from retrieval.span_shapes import STOP_WORDS
from retrieval.spans import overlaps
from retrieval.textnorm import fold

_ASKS = re.compile(r"\b(?:muc an|an gi|an nao|an the nao|hinh phat gi|hinh phat nao|bi tuyen (?:phat )?(?:gi|nao)|"
                   r"what (?:sentence|penalty|punishment|(?:prison|jail) (?:term|sentence))|sentenced to what|"
                   r"what was (?:\w+ )?sentenced? to)\b")
# "18-20 năm tù", "từ 8 đến 9 năm tù" too
_TERM = r"(?:từ\s+(?=\d+\s*(?:[-–]|đến|tới)\s*\d))?\d+(?:\s*(?:[-–]|đến|tới)\s*\d+)?\s+(?:năm|tháng)(?:\s+\d+\s+tháng)?"
_PENALTY = re.compile(rf"(?<![\w])(?:tử hình|tù chung thân|{_TERM}\s+tù(?:\s+treo)?|{_TERM}\s+cải tạo không giam giữ)"
                      r"(?![\w])", re.IGNORECASE)
_CLAUSE = re.compile(r"[.;:]\s|,\s")
_FOR = re.compile(r"\s+(?:đối với|cho)\s", re.IGNORECASE)
_ASKING = frozenset("muc an gi nao hinh phat tuyen lanh nhan bi toa tand what which who sentence penalty punishment "
                    "receive received get got did was".split())
_WORD = re.compile(r"[^\W_]+")


def asks_penalty(question: str) -> bool:
    """"Mức án gì?", "What sentence ...?"; not "Mức án bao nhiêu năm?", a quantity (`retrieval.spans`)."""
    return bool(_ASKS.search(fold(question).lower())) and question_type(question) != "quantity"


def penalty_span(question: str, sentence: str, taken: tuple[tuple[int, int], ...] = ()) -> tuple[int, int] | None:
    """The span of the penalty `sentence` tells, if `question` asks one; None otherwise or when it tells none.
    `taken`: spans bolded for another part of the question, which the penalty does not overlap."""
    if not asks_penalty(question):
        return None
    # the names the question writes ("Hạnh", "Khai"), else its words but those asking
    words = {fold(w).lower() for w in _WORD.findall(question) if w[0].isupper()} - _ASKING
    words = words or {w for w in _WORD.findall(fold(question).lower()) if w not in STOP_WORDS} - _ASKING
    found = [m for m in _PENALTY.finditer(sentence) if not overlaps(m.span(), taken)]

    # "đề nghị mức án 11-12 năm tù đối với Thắng và 7-8 năm tù đối với Hà": each penalty's person written after it
    after = any(_FOR.match(sentence, m.end()) for m in found)

    def shared(m: re.Match[str]) -> int:
        if after:
            stop = next((n.start() for n in found if n.start() > m.start()), len(sentence))
            clause = sentence[m.end():stop] if _FOR.match(sentence, m.end()) else ""
        else:
            before = sentence[:m.start()]
            starts = [c.end() for c in _CLAUSE.finditer(before)]
            clause = before[starts[-1] if starts else 0:]
        return len(words & set(_WORD.findall(fold(clause).lower())))

    return max(found, key=shared).span() if found else None  # max keeps the first of equal scores
