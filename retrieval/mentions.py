"""Short mentions read as the names they stand for, within one article, for the lexical index.

News names a thing in full once and shortly after: "Công ty cổ phần Sông Hàn Semiconductor (SHS)" and then "SHS";
"Chủ tịch UBND tỉnh Phạm Minh Khoa" and then "ông Khoa". A reader asks with the full name ("Sông Hàn
Semiconductor ra đời năm nào?") of a sentence that writes the short one, which then shares no word with the
question. Each sentence's lexical text gets, after its own words, the full names its short mentions stand for;
the quote stays the sentence as written.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from retrieval.spans import NAME, name_parts, person_shaped
from retrieval.types import Sentence

# What the lexical tables read for a sentence besides its words, as the index's manifest records it: an index
# saved without it (or with another) has its tables built again when opened (retrieval/index.py).
MENTIONS = "acronyms+given-names"
# "<full name> (ABBR)": an acronym defined in the article.
_DEFINED = re.compile(r"\(([A-ZĐ][A-ZĐ0-9&]{1,9})\)")
_LETTERS = re.compile(r"[^\W\d_]+")
# "ông Khoa", "bà Linh": a person by given name (one capitalised word, no other after it).
_BY_GIVEN_NAME = re.compile(r"\b(?:[ÔôBb]à|[Ôô]ng|[Aa]nh|[Cc]hị)\s+([A-ZĐ][^\W\d_]*)(?![\w-]|\s+[A-ZĐ])")


def expansions(texts: Sequence[str]) -> list[str]:
    """For the sentences of one article, in order: the full names each one's short mentions stand for ("" for
    most). An acronym is read as the capitalised name before its definition; a given name as the one person of
    the article whose full name ends with it."""
    acronyms: dict[str, str] = {}
    people: dict[str, set[str]] = {}
    for text in texts:
        for m in _DEFINED.finditer(text):
            before = [n for n in NAME.finditer(text, 0, m.start()) if not text[n.end():m.start()].strip()]
            if before and len(_LETTERS.findall(before[-1].group())) >= 2:
                acronyms.setdefault(m.group(1), before[-1].group().strip())
        for a, b in name_parts(text):
            words = _LETTERS.findall(text, a, b)
            if person_shaped(words):
                people.setdefault(words[-1], set()).add(" ".join(words))
    out = []
    for text in texts:
        extra = [full for short, full in acronyms.items()
                 if re.search(rf"(?<![\w(]){re.escape(short)}(?![\w)])", text) and full not in text]
        for m in _BY_GIVEN_NAME.finditer(text):
            full = people.get(m.group(1), set())
            if len(full) == 1 and next(iter(full)) not in text:
                extra.append(next(iter(full)))
        out.append(" ".join(dict.fromkeys(extra)))
    return out


def lexical_texts(sentences: Sequence[Sentence]) -> list[str]:
    """Each sentence's text for the lexical index: its words, then the full names its short mentions stand for."""
    out: list[str] = []
    for _, group in itertools.groupby(sentences, key=lambda s: s.article_id):
        texts = [s.text for s in group]
        out += [f"{text} {extra}" if extra else text for text, extra in zip(texts, expansions(texts), strict=True)]
    return out
