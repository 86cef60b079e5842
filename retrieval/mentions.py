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

from retrieval.name_shapes import person_shaped
from retrieval.spans import name_parts
from retrieval.textnorm import fold
from retrieval.types import Sentence

# What the lexical tables read for a sentence besides its words, as the index's manifest records it: an index
# saved without it (or with another) has its tables built again when opened (retrieval/index.py).
MENTIONS = "acronyms+given-names"
# "<full name> (ABBR)": an acronym defined in the article.
_DEFINED = re.compile(r"\(([A-ZĐ][A-ZĐ0-9&]{1,9})\)")
_LETTERS = re.compile(r"[^\W\d_]+")
# "ông Khoa", "bà Linh": a person by given name (one capitalised word, no other after it).
_BY_GIVEN_NAME = re.compile(r"\b(?:[ÔôBb]à|[Ôô]ng|[Aa]nh|[Cc]hị)\s+([A-ZĐ][^\W\d_]*)(?![\w-]|\s+[A-ZĐ])")


def definitions(text: str) -> list[tuple[str, tuple[int, int]]]:
    """The acronyms `text` defines and where their names are: "Sông Hàn Semiconductor (SHS)" -> ("SHS", span of
    "Sông Hàn Semiconductor"). The name is the words before the brackets whose initials spell the acronym
    ("giám sát hành trình (GSHT)"), else the run of words before them, in their clause, from a capitalised word,
    with at most three lowercase words in a row ("Hiệp hội Chế biến và Xuất khẩu thủy sản Việt Nam (VASEP)")."""
    found = []
    for m in _DEFINED.finditer(text):
        acronym = m.group(1)
        words = list(_LETTERS.finditer(text, _clause_start(text, m.start()), m.start()))
        if not words or text[words[-1].end():m.start()].strip():  # no word right before the brackets
            continue
        spelt = words[-len(acronym):] if len(words) >= len(acronym) else []
        if spelt and "".join(fold(w.group())[0] for w in spelt).upper() == fold(acronym).upper():
            found.append((acronym, (spelt[0].start(), words[-1].end())))
            continue
        start, lower = None, 0
        for w in reversed(words):
            lower = 0 if w.group()[0].isupper() or w.group() in ("và", "của") else lower + 1
            if lower > 3:
                break
            if w.group()[0].isupper() and w.group() not in _LEADS:
                start = w.start()
        if start is not None and len(_LETTERS.findall(text, start, m.start())) >= 2:
            found.append((acronym, (start, words[-1].end())))
    return found


def _clause_start(text: str, end: int) -> int:
    cut = max(text.rfind(ch, 0, end) for ch in ",;:()\"“”")
    return cut + 1


# Capitalised words that open a sentence or a clause before a name, not part of it.
_LEADS = frozenset("Theo Tại Của Với Ngày Sáng Chiều Tối Trưa Đêm Hôm Năm Tháng Trong Khi Sau Trước Từ Đến Và Ông Bà "
                   "Anh Chị".split())


def expansions(texts: Sequence[str]) -> list[str]:
    """For the sentences of one article, in order: the full names each one's short mentions stand for ("" for
    most). An acronym is read as the name its definition gives (`definitions`); a given name as the one person of
    the article whose full name ends with it."""
    acronyms: dict[str, str] = {}
    people: dict[str, set[str]] = {}
    for text in texts:
        for acronym, (a, b) in definitions(text):
            acronyms.setdefault(acronym, text[a:b])
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
