"""Questions that ask two things at once: "Vụ tai nạn làm bao nhiêu người chết và bao nhiêu người bị thương?", "When
will the line be energised, and how much capacity will it add?". Each part is read as a question of its own, so a
quote can bold both answers ("6 người" and "21 người") instead of the first alone (a reader's finding).

A question is split at "và" / "and" or a comma when the words before it and after it each ask
something ("bao nhiêu", "mấy", "nào", "ai", "đâu", "how many", "when"...); "Có bao nhiêu người chết và mất tích?"
asks one thing of two kinds, and stays whole.
"""
from __future__ import annotations

import functools
import re

from retrieval.language import detect_language, has_diacritics

# Asking words: English ones; Vietnamese as written ("đâu", not the "đầu" of "6 tháng đầu năm"); typed without
# accents, folded ("may" is then "mấy" too).
_ASKS_EN = re.compile(r"\b(?:how|when|where|which|who|whom|whose|what|why)\b", re.IGNORECASE)
_ASKS_VI = re.compile(r"\b(?:bao nhiêu|bao lâu|bao giờ|bao xa|nào|ai|đâu|gì|mấy)\b", re.IGNORECASE)
_ASKS_UNACCENTED = re.compile(r"\b(?:bao nhieu|bao lau|bao gio|bao xa|nao|ai|dau|gi|may)\b")
_JOIN = re.compile(r",?\s+(?:và|va|and)\s+|,\s+", re.IGNORECASE)  # "... là nước nào, chiếm bao nhiêu phần trăm?"


def _asks(text: str, lang: str) -> bool:
    if lang == "en":
        return bool(_ASKS_EN.search(text))
    if has_diacritics(text):
        return bool(_ASKS_VI.search(text.replace("AI", "")))  # "AI" is no "ai"
    return bool(_ASKS_UNACCENTED.search(text.lower()))


@functools.lru_cache(maxsize=256)
def question_parts(question: str) -> tuple[str, ...]:
    """The parts of a question asking two (or more) things, each as written; the question alone otherwise."""
    lang = detect_language(question)
    parts: list[str] = []
    start = 0
    for m in _JOIN.finditer(question):
        before, after = question[start:m.start()], question[m.end():]
        if _asks(before, lang) and _asks(after, lang):
            parts.append(before)
            start = m.end()
    parts.append(question[start:])
    return tuple(parts) if len(parts) > 1 else (question,)
