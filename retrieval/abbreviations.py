"""Abbreviations readers type, spelled out for the search: "hlv nam dinh ten gi" is read as "huấn luyện viên nam
dinh ten gi".

Vietnamese news writes "HLV", "UBND", "THPT" as often as the words they stand for, and readers type them
("hlv", "tp hcm") whichever the article wrote. An abbreviation shares no syllable with its words, so the lexical
match and the model's reading of the question missed the sentence that spells it out. The articles decide: an
abbreviation they never write is replaced by its words, one they write beside its words is kept next to them,
and one whose words they never write is left as typed (spelling out the seed's "HĐND", which it never spells
out, cost a right answer: `tinbot eval eval/seed_review.jsonl --corpus seeds`). Only abbreviations that stand for
one thing in the news are listed ("ĐH" is both "đại học" and "đại hội"; "DN" both "doanh nghiệp" and "Đà Nẵng"),
none spells a Vietnamese syllable, and English questions are left as typed.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from retrieval.language import detect_language
from retrieval.textnorm import fold, fold_aligned

# Folded abbreviation -> the words it stands for.
ABBREVIATIONS: dict[str, str] = {
    "hlv": "huấn luyện viên",
    "clb": "câu lạc bộ",
    "cdv": "cổ động viên",
    "vdv": "vận động viên",
    "ubnd": "ủy ban nhân dân",
    "hdnd": "hội đồng nhân dân",
    "thpt": "trung học phổ thông",
    "thcs": "trung học cơ sở",
    "tp": "thành phố",
    "tphcm": "thành phố Hồ Chí Minh",
    "hcm": "Hồ Chí Minh",
    "hn": "Hà Nội",
    "gs": "giáo sư",
    "pgs": "phó giáo sư",
    "ts": "tiến sĩ",
    "ths": "thạc sĩ",
    "bs": "bác sĩ",
    "bv": "bệnh viện",
    "bhxh": "bảo hiểm xã hội",
    "bhyt": "bảo hiểm y tế",
    "csgt": "cảnh sát giao thông",
    "tand": "tòa án nhân dân",
    "vksnd": "viện kiểm sát nhân dân",
    "dbqh": "đại biểu quốc hội",
    "dbscl": "đồng bằng sông Cửu Long",
    "bds": "bất động sản",
    "cntt": "công nghệ thông tin",
    "pccc": "phòng cháy chữa cháy",
    "kcn": "khu công nghiệp",
    "atgt": "an toàn giao thông",
    "sv": "sinh viên",
    "hs": "học sinh",
    "gv": "giáo viên",
    "nxb": "nhà xuất bản",
    "hdqt": "hội đồng quản trị",
    "tgd": "tổng giám đốc",
    "ctcp": "công ty cổ phần",
    "dhdcd": "đại hội đồng cổ đông",
    "nhnn": "Ngân hàng Nhà nước",
}

# A word, or words joined by dots ("TP.HCM", "GS.TS"), not part of a code ("BTh 96257-TS", "U21").
_WORD = re.compile(r"(?<![\w.\-/])[^\W\d_]+(?:\.[^\W\d_]+)*(?![\w\-/])")


def _spell(word: str, mentions: Callable[[str], bool]) -> str | None:
    """What the search reads for `word`: the words it stands for if the articles write them and not it, both
    if they write both, None (the word as typed) otherwise."""
    full = ABBREVIATIONS.get(fold(word).replace(".", ""))
    if full is None or not mentions(full):
        return None
    return f"{full} ({word})" if mentions(word) else full


def _expand(word: str, mentions: Callable[[str], bool]) -> str:
    """`word` as the search reads it; "TP.HCM" as a whole, else "GS.TS" part by part."""
    whole = _spell(word, mentions)
    if whole is not None or "." not in word:
        return whole or word
    return " ".join(_spell(part, mentions) or part for part in word.split("."))


def _shortened(question: str, mentions: Callable[[str], bool]) -> str:
    """`question` with the abbreviation written after the words it stands for, where the articles write it and never
    those words ("... nợ bao nhiêu tiền bảo hiểm xã hội (BHXH)?" for articles that write only "BHXH")."""
    folded = fold_aligned(question).lower()
    found = []
    for short, full in ABBREVIATIONS.items():
        m = re.search(rf"(?<!\w){re.escape(fold(full).lower())}(?!\w)", folded)
        if m is not None and not mentions(full) and mentions(short):
            found.append((m.end(), short.upper()))
    for end, short in sorted(found, reverse=True):
        question = f"{question[:end]} ({short}){question[end:]}"
    return question


def spelled_out(question: str, mentions: Callable[[str], bool]) -> str:
    """`question` with each abbreviation it types spelled out when the articles write its words (`mentions`:
    whether some sentence has a phrase, accents ignored), and kept beside them when they write it too; and with
    the abbreviation beside words it types that the articles write only abbreviated (`_shortened`). Unchanged if it
    has none, or is in English."""
    if detect_language(question) == "en":
        return question
    return _shortened(_WORD.sub(lambda m: _expand(m.group(), mentions), question), mentions)
