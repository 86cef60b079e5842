"""A person a question names, and a sentence that tells of another person only: "Viện kiểm sát đề nghị mức án bao
nhiêu với Hồ Văn Bền?" is not answered by "... đề nghị mức án 10-11 năm tù với ông Tùng", nor "Ông Nguyễn Văn Bình
bị phạt bao nhiêu năm tù?" by the sentence of another defendant (two readers' findings).

The person asked is a Vietnamese full name in the question (three or four words, a family name first; typed without
accents too, "Bui Thi Ngoc Anh"). The sentence tells of another when it names someone else (a full name, or "ông",
"bà", "anh", "chị", "bị cáo" before a capitalised given name) and writes neither the asked person's name nor their
given name. A sentence naming no one ("Trong 3 ngày, bà chuyển 2,3 tỷ đồng") may be about the person asked.
"""
from __future__ import annotations

import re

from retrieval.asks import question_type
from retrieval.places import PROVINCES
from retrieval.name_shapes import SURNAMES, person_shaped
from retrieval.spans import PLACE_NAMED, name_parts
from retrieval.textnorm import fold, unaccent

_LETTERS = re.compile(r"[^\W\d_]+")
_SURNAMES_FOLDED = frozenset(fold(name) for name in SURNAMES)
# Words ending a place's name typed in English ("Ho Chi Minh City").
_PLACES = frozenset("city province district town commune ward".split())
# A person called by a word for one and their given name: "ông Tùng", "bị cáo Khải".
_CALLED = re.compile(r"\b(?:[Ôô]ng|[Bb]à|[Aa]nh|[Cc]hị|[Bb]ị cáo|[Bb]ị can)\s+([^\W\d_]+)")


def _asked(question: str) -> list[list[str]]:
    """The full names of people `question` writes, each as its words; not a club bearing its province's name
    ("Hoàng Anh Gia Lai")."""
    found = []
    for a, b in name_parts(question):
        words = _LETTERS.findall(question, a, b)
        if any(p.names.search(unaccent(question[a:b])) for p in PROVINCES):
            continue
        if person_shaped(words) or (3 <= len(words) <= 4 and question[a:b].isascii()
                                    and words[0].lower() in _SURNAMES_FOLDED and words[-1].lower() not in _PLACES):
            found.append(words)
    return found


def _told(sentence: str) -> list[str]:
    """The people `sentence` names: full names (not a place bearing one) and people called by a given name."""
    people = [sentence[a:b] for a, b in name_parts(sentence)
              if person_shaped(_LETTERS.findall(sentence, a, b)) and not PLACE_NAMED.search(sentence, 0, a)]
    return people + [m.group() for m in _CALLED.finditer(sentence) if m.group(1)[0].isupper()]


def other_person(question: str, sentence: str) -> tuple[str, tuple[str, ...]] | None:
    """The person asked (as the question writes the name) and the people the sentence names instead, when the
    sentence names others and never writes the asked person's given name; None otherwise."""
    if question_type(question) == "name":  # "Thẩm phán chủ tọa phiên tòa xử Trần Thị Thu Hường là ai?": another
        return None  # person is the answer
    asked = _asked(question)
    if not asked:
        return None
    folded = fold(sentence).lower()
    if any(re.search(rf"(?<!\w){re.escape(fold(words[-1]).lower())}(?!\w)", folded) for words in asked):
        return None
    told = _told(sentence)
    return (" ".join(asked[0]), tuple(told)) if told else None
