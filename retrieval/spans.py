"""Picking the answer span inside a quoted sentence: the quantity, date or name the question asks for."""
from __future__ import annotations

import re

from retrieval.textnorm import fold

_NUM = r"\d+(?:[.,]\d+)*"
_UNITS = (r"(?:tỷ|triệu|nghìn|ngàn|trăm)?\s*(?:đồng|USD|đô la|euro|ha|héc-ta|km|m2|m²|tấn|người|lần|điểm|"
          r"hộ|xã|dự án|doanh nghiệp|đảng viên|năm|tháng|ngày|tuổi|%|phần trăm)")
QUANTITY = re.compile(rf"(?<![\w.,]){_NUM}(?:\s*(?:tỷ|triệu|nghìn|ngàn)\s*(?:đồng|USD)?|\s*%|\s+{_UNITS})?", re.I)
DATE = re.compile(r"(?<![\w/])(?:(?:ngày\s+)?\d{1,2}/\d{1,2}(?:/\d{2,4})?|(?:tháng\s+)\d{1,2}(?:/\d{4})?|"
                  r"(?:năm\s+)\d{4}|\d{1,2}\.\d{1,2}\.\d{4}|\b(?:1[5-9]|20)\d{2}\b)", re.I)
NAME = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-ZÀ-ỸĐ][a-zà-ỹđ]+(?:\s+[A-ZÀ-ỸĐ][a-zà-ỹđ]+){1,4}")

_Q_QUANTITY = ("bao nhieu", "may ", "how many", "how much", "what percentage", "what percent", "how large",
               "how big", "how long", "how far", "how old", "what was the value", "muc nao", "ty le")
_Q_DATE = ("khi nao", "bao gio", "luc nao", "nam nao", "ngay nao", "thang nao", "thoi gian nao", "when",
           "what year", "what date", "which year", "what day", "what month")
_Q_NAME = ("ai ", "ai?", "who", "whom", "whose", "ten gi", "ten la")


def question_type(question: str) -> str | None:
    """"quantity", "date", "name" or None, from the question's wording (works without diacritics)."""
    q = f" {fold(question)} "
    if any(k in q for k in _Q_DATE):
        return "date"
    if any(k in q for k in _Q_QUANTITY):
        return "quantity"
    if any(k in q for k in _Q_NAME) or q.strip().startswith("ai"):
        return "name"
    return None


def answer_span(question: str, sentence: str) -> tuple[int, int] | None:
    """The first span of the asked-for type in `sentence` that the question does not already contain."""
    kind = question_type(question)
    if kind is None:
        return None
    pattern = {"quantity": QUANTITY, "date": DATE, "name": NAME}[kind]
    folded_q = fold(question)
    for m in pattern.finditer(sentence):
        text = m.group().strip()
        if not text or fold(text) in folded_q:
            continue
        start = m.start() + (len(m.group()) - len(m.group().lstrip()))
        return start, start + len(text)
    return None
