"""What a question asks for (a quantity, a date, a name) and where a sentence has it.

Used twice: ranking gives a small bonus to sentences holding something of the asked-for type that the
question does not already contain (measured on XQuAD-vi: +1 to +3 points Hit@1), and the answer picks the
span to bold inside the quoted sentence. Question words are matched on folded text, so unaccented questions
work too; whole words only (`ai` is "who", not the end of `hai`).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from retrieval.textnorm import fold

_NUM = r"\d+(?:[.,]\d+)*"
_UNITS = (r"(?:tỷ|triệu|nghìn|ngàn|trăm)?\s*(?:đồng|USD|đô la|euro|ha|héc-ta|km|m2|m²|tấn|người|lần|điểm|"
          r"hộ|xã|dự án|doanh nghiệp|đảng viên|năm|tháng|ngày|tuổi|%|phần trăm)")
QUANTITY = re.compile(rf"(?<![\w.,]){_NUM}(?:\s*(?:tỷ|triệu|nghìn|ngàn)\s*(?:đồng|USD)?|\s*%|\s+{_UNITS})?", re.IGNORECASE)
DATE = re.compile(r"(?<![\w/])(?:(?:ngày\s+)?\d{1,2}/\d{1,2}(?:/\d{2,4})?|(?:tháng\s+)\d{1,2}(?:/\d{4})?|"
                  r"(?:năm\s+)\d{4}|\d{1,2}\.\d{1,2}\.\d{4}|\b(?:1[0-9]|20)\d{2}\b)", re.IGNORECASE)
NAME = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-ZÀ-ỸĐ][a-zà-ỹđ]+(?:\s+[A-ZÀ-ỸĐ][a-zà-ỹđ]+){1,4}")

# Question wording, on folded lowercase text (so "bao nhieu" and "bao nhiêu" are the same).
_Q_DATE = re.compile(r"\b(?:khi nao|bao gio|luc nao|(?:nhung )?nam nao|ngay nao|thang nao|the ky nao|"
                     r"thap nien nao|thoi (?:gian|diem|ky) nao|when|(?:what|which) (?:year|date|day|month|"
                     r"century|decade|time)s?)\b")
_Q_QUANTITY = re.compile(r"\b(?:bao nhieu|bao lau|bao xa|may|so luong|ty le|muc nao|how (?:many|much|long|far|old|large|big)|"
                         r"what (?:percentage|percent|proportion|fraction|number|amount)|"
                         r"what was the (?:value|size|population|cost))\b")
_Q_NAME = re.compile(r"\b(?:ai|nguoi nao|ten (?:gi|la gi)|who|whom|whose)\b")

# Evidence inside a sentence, on folded text: numbers (digits or Vietnamese number words), dates, names.
_S_NUMBER = re.compile(r"\d+(?:[.,]\d+)*|\b(?:hai|ba|bon|tu|nam|sau|bay|tam|chin|muoi|tram|nghin|ngan|trieu|ty)\b")
_S_DATE = re.compile(r"\b(?:1[0-9]|20)\d{2}\b|\bthe ky\b|\bthap nien\b|\bnhung nam\b|\bthang (?:\d+|mot|hai|ba|tu|"
                     r"nam|sau|bay|tam|chin|muoi)\b|\d{1,2}/\d{1,2}")
_S_NAME = re.compile(r"(?<!^)(?<![.!?:]\s)\b[A-ZÀ-ỸĐ][^\W\d_]+")

KINDS = ("quantity", "date", "name")


def question_type(question: str) -> str | None:
    """"quantity", "date", "name" or None, from the question's wording (works without diacritics)."""
    q = fold(question)
    if _Q_DATE.search(q):
        return "date"
    if _Q_QUANTITY.search(q) and not re.search(r"\bmay (?:bay|moc|tinh|phat)\b", q):  # máy bay, máy móc...
        return "quantity"
    if _Q_NAME.search(q):
        return "name"
    return None


@dataclass(frozen=True)
class TypeEvidence:
    """Folded items of each kind found in one sentence."""

    quantity: frozenset[str]
    date: frozenset[str]
    name: frozenset[str]

    @classmethod
    def of(cls, sentence: str) -> TypeEvidence:
        folded = fold(sentence)
        names = frozenset(fold(m.group()) for m in _S_NAME.finditer(sentence))
        return cls(frozenset(_S_NUMBER.findall(folded)), frozenset(_S_DATE.findall(folded)), names)

    def offers(self, kind: str, folded_question: str) -> bool:
        """True if the sentence has an item of `kind` that the question does not already mention."""
        items: frozenset[str] = getattr(self, kind)
        return any(not re.search(rf"(?<!\w){re.escape(x)}(?!\w)", folded_question) for x in items)


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


# Words of a question, for finding proper names (capitalised runs), and the marks Vietnamese spelling uses
# (grave, acute, tilde, hook above, dot below, circumflex, breve, horn): "Temüjin" is not a Vietnamese name.
_WORDS = re.compile(r"[^\W\d_]+")
_VI_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")


def _vietnamese(word: str) -> bool:
    """Spelled with Vietnamese letters only, and at least one that is not plain ASCII."""
    letters = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "D"))
    return (not word.isascii() or "đ" in word.lower()) and all(
        (ch.isascii() and ch.isalpha()) or ch in _VI_MARKS for ch in letters)


def specific_terms(question: str) -> list[str]:
    """Names the question is specifically about: if the corpus never mentions one of them, the corpus
    cannot answer the question (e.g. an airport it never names), however close other words come. Years are
    not such terms: an article dated 2023 says "6 tháng đầu năm" and answers a question about 2023.

    A name is a run of capitalised words spelled the Vietnamese way, at least one with a diacritic (so
    English capitalised words and "Temüjin" never count), e.g. "Long Thành"; the question's first word is
    capitalised anyway and is left out."""
    runs: list[list[re.Match[str]]] = []
    for m in _WORDS.finditer(question):
        if not m.group()[0].isupper():
            continue
        if runs and not question[runs[-1][-1].end():m.start()].strip():
            runs[-1].append(m)
        else:
            runs.append([m])
    names = []
    for run in runs:
        if run[0].start() == len(question) - len(question.lstrip()):
            run = run[1:]
        text = " ".join(m.group() for m in run)
        if text and any(_vietnamese(m.group()) for m in run) and all(_vietnamese(m.group()) or m.group().isascii()
                                                                     for m in run):
            names.append(text)
    return names
