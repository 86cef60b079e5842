"""The shapes of what a sentence may answer with: a quantity, a date, a name, a score, a sum of money.

Patterns over a sentence as written (`retrieval.span_plan` reads what a question asks for; `retrieval.spans` picks
the span). Also the words too common to tie a question to a place in a sentence (`STOP_WORDS`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.textnorm import fold

_NUM = r"\d+(?:[.,]\d+)*"
# A time of day or a duration keeps its minutes ("2 giờ 30 phút", "5 giờ đồng hồ"); speeds keep their "/h".
# "đồng" is the currency, but not in "6 đồng phạm" (accomplices), "đồng bào", "đồng thời"...
_DONG = r"đồng(?!\s+(?:phạm|bào|chí|ý|thời|loạt|nghiệp|bằng|tình|đội|hương|minh|hành|sáng lập|sở hữu)(?![^\W\d_]))"
_UNITS = (rf"(?:tỷ|triệu|nghìn|ngàn|trăm)?\s*(?:{_DONG}|USD|đô la|euro|ha|héc-ta|km/h|km|m/s|m2|m²|m3|m³|tấn|kg|"
          r"mg/l|mg/lít|µg/m3|µg/m³|"
          r"lít|mm|cm|m|mét|cây số|MW|người|lần|lượt|điểm|hộ|xã|dự án|doanh nghiệp|đảng viên|năm|tháng|tuần|ngày|"
          r"(?:giờ|tiếng)(?:\s+\d{1,2}\s+phút)?(?:\s+đồng hồ)?|phút|giây|tuổi|độ\s+[CF]|độ|%|phần trăm)(?![^\W\d_])")
# A price or rate per unit keeps it: "72 triệu đồng mỗi m2", "65.000 đồng/kg".
_PER = (r"(?:\s*/\s*|\s+mỗi\s+|\s+một\s+)(?:kg|m2|m²|km|lít|tấn|người|tháng|năm|ngày|giờ|lượng|con|chiếc|căn|"
        r"lượt|suất|cổ phiếu|thùng)(?![^\W\d_])")
# Upper-case letters, spelled out: a range like [A-ZÀ-Ỹ] also holds lower-case "đ", "ế", "ạ"...
UPPER = "A-Z" + "".join(ch for ch in map(chr, [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]) if ch.isupper())
# a capitalised word, with the digits glued to it ("U21", "A00", "H5N1"), or after a capital and an apostrophe
# ("H'Liên Êban", "O'Neill"), and a lower-case part after a hyphen ("Kim Jae-hoon", "Sang-woo"; not "COVID-19"); after
# a short abbreviation and its dot ("TP.HCM", "TP.Hồ Chí Minh")
CAP = rf"(?:[{UPPER}]{{1,3}}\.(?=[{UPPER}]))?[{UPPER}](?:['’][{UPPER}])?[^\W_]*(?:-(?![{UPPER}])[^\W\d_]+)*"
HONORIFIC = re.compile(rf"(?:Ông|Bà|Anh|Chị|Cô|Chú|Cụ)\s+(?={CAP})")  # opening a name: "Bà H'Liên Êban"
_VI_NUMBERS = ("một", "hai", "ba", "bốn", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "mươi", "trăm", "nghìn",
               "ngàn", "triệu", "tỷ", "rưỡi", "lăm", "mốt")  # "hai mươi lăm", "ba mươi mốt"
_VI_NUMBER_WORDS = "(?:" + "|".join(_VI_NUMBERS) + ")"
# After another number word, "năm" is five only before a multiplier ("năm mươi", "một trăm năm mươi"): after "mười",
# "mươi" five is "lăm", so "mười năm", "tám năm" are ten years, eight years.
_VI_NUMBER_WORDS_ON = ("(?:" + "|".join(w for w in _VI_NUMBERS if w != "năm")
                       + r"|năm(?=\s+(?:mươi|trăm|nghìn|ngàn|triệu|tỷ)\b))")
# Not "tư" first: it counts only after another number word ("hai mươi tư"); alone it is mostly "đầu tư", "tư nhân".
# Nor a multiplier first: "tỷ lệ", "trăm năm" count nothing without a number before them.
_VI_NUMBER_WORD_CAP = "(?:" + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in _VI_NUMBERS
                                       if w not in ("tư", "mươi", "trăm", "nghìn", "ngàn", "triệu", "tỷ", "rưỡi", "lăm",
                                                    "mốt")) + ")"
_FIRST_LETTERS = "".join(sorted({w[0] for w in _VI_NUMBERS} | {w[0].upper() for w in _VI_NUMBERS}))
# A time of day written the short way: "2h30", "17h" (not "2h" of "2ha").
_CLOCK = r"h(?:\d{2})?(?![^\W_])"
_HOUR_OF_DAY = r"(?<!\d)(?:[01]?\d|2[0-4])"  # "17 giờ" may be a time of day; "30 giờ" is a duration
CLOCK_TIME = re.compile(rf"{_HOUR_OF_DAY}{_CLOCK}")
# Digits with an optional unit, or Vietnamese number words and the noun they count ("mười một đơn vị"); not a
# lone "một" (also "a") or "năm" (also "year"), unless another number word follows ("năm triệu"). The lookaheads
# let the regex skip most positions at once (it runs on every quoted sentence). The number of a code written with a
# hyphen ("chip HS-10", "COVID-19") is none, nor is a number plate's ("51B-284.67").
QUANTITY = re.compile(rf"(?=\d)(?<![\w.,/])(?<![^\W\d_]-)(?i:{_NUM}(?![\d/]|[.,]\d|(?-i:[A-Z]{{1,2}}-))"
                      rf"(?:(?:\s*(?:tỷ|triệu|nghìn|ngàn)\s*(?:{_DONG}|USD)?|\s*%|\s+{_UNITS})(?:{_PER})?|{_CLOCK})?)"
                      rf"|(?<!\w)thứ\s+(?![Mm]ột\b|[Nn]ăm\b){_VI_NUMBER_WORD_CAP}(?!\w)"  # "lần thứ ba": an ordinal
                      rf"|(?=[{_FIRST_LETTERS}])(?<!\w)(?:[Mm]ột\s+{_VI_NUMBER_WORDS}|[Nn]ăm\s+{_VI_NUMBER_WORDS}|"
                      rf"(?![Mm]ột\b|[Nn]ăm\b){_VI_NUMBER_WORD_CAP})(?:\s+{_VI_NUMBER_WORDS_ON})*\s+(?![{UPPER}])[^\W\d_]+")
_YEAR = r"(?:năm\s+)?\d{3,4}"
# A day may carry its hour: "17 giờ ngày 26/7", "8h30 ngày 1/6".
_HOUR = (rf"(?:{_HOUR_OF_DAY}\s*(?:giờ|h)(?:\s*\d{{1,2}}(?:\s*phút)?)?,?\s+"
         rf"(?:(?:rạng\s+)?(?:sáng|trưa|chiều|tối|đêm)\s+)?)?")  # "2h sáng 16/8": the part of the day between
DATE = re.compile(rf"(?<![\w/])(?:{_HOUR}(?:ngày\s+)?\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?|"
                  rf"{_HOUR}ngày\s+\d{{1,2}}(?:\s+tháng\s+\d{{1,2}})?(?:\s*(?:,\s*)?năm\s+\d{{3,4}})?|"
                  rf"tháng\s+\d{{1,2}}(?:\s*(?:,\s*)?{_YEAR}|/\d{{4}})?|"
                  rf"năm\s+\d{{3,4}}|\d{{1,2}}\.\d{{1,2}}\.\d{{4}}|(?:thế kỷ|thập niên|thập kỷ)\s+[\dIVXLC]+|"
                  rf"\b(?:1[0-9]|20)\d{{2}}\b|"
                  rf"{CLOCK_TIME.pattern}|{_HOUR_OF_DAY}\s+giờ(?:\s+\d{{1,2}}\s+phút)?(?!\s+đồng hồ)|"
                  rf"quý\s+(?:I{{1,3}}|IV|[1-4])(?![\w])(?:\s*/\s*\d{{4}}|\s+năm\s+\d{{4}})?)", re.IGNORECASE)
# A run of capitalised words (one word is enough: "Tesla"); the first word of a sentence only in a run of two.
# (not a sentence's first word, capitalised as such, nor a quotation's opening it: '"Doanh nghiệp không thiếu việc')
NAME = re.compile(rf"(?<![.!?:]\s)(?<!^)(?<!^[\"“‘'])\b{CAP}(?:[\s-]+{CAP})*|^[\"“‘']?{CAP}(?:[\s-]+{CAP})+")
BARE_YEAR = re.compile(r"(?:1\d|20)\d{2}")
BARE_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# a road's marker ("tại km 846", "km 1387+500"), a school grade ("nữ sinh lớp 8")
MARKER_BEFORE = re.compile(r"\b(?:[Kk]m\s*(?:\d+\s*\+\s*)?|lớp\s+)$")
# the number of a name: a road's ("Quốc lộ 24"), a storm's ("bão số 3"), a line's ("Đường sắt đô thị số 1")
# (not a count's "số": "Trong số 63 điều khoản", "tổng số", "tỷ số", "điểm số", "con số")
NAMED_BY_NUMBER = re.compile(r"\b(?:[Qq]uốc lộ|[Tt]ỉnh lộ|[Hh]ương lộ|(?<![Tt]ỷ )(?<![Đđ]iểm )(?<![Tt]ổng )"
                              r"(?<![Tt]rong )(?<![Cc]on )(?<!với )(?<!các )(?<!những )(?<!đa )[Ss]ố)\s+$")
NUMBER_OF_NAME = re.compile(r"\d{1,3}[A-Z]?")
MONTH_BEFORE = re.compile(r"\b(?i:tháng)\s+(?:\d{1,2}\s*[-–]\s*)?$")  # the "7" of "các tháng 5-7": a month


# Evidence inside a sentence: numbers (digits, or Vietnamese number words read with their accents: folded, "năm"
# the year, "từ" from, "sau" after, "bà" Mrs, "trạm" station all read as numbers; "năm" and "tư" are left out as
# mostly not numbers), dates and names on folded text.
_S_DATE = re.compile(r"\b(?:1[0-9]|20)\d{2}\b|\bthe ky\b|\bthap nien\b|\bnhung nam\b|\bthang (?:\d+|mot|hai|ba|tu|"
                     r"nam|sau|bay|tam|chin|muoi)\b|\d{1,2}/\d{1,2}|\b\d{1,2}h(?:\d{2})?\b|\b\d{1,2} gio\b|"
                     r"\bquy (?:i{1,3}|iv|[1-4])\b")
_S_NAME = re.compile(rf"(?<!^)(?<![.!?:]\s)\b{CAP}")
_S_DIGITS = re.compile(r"(?<![a-z]-)(?<!\d)\d+(?:[.,]\d+)*")  # not "hs-10"
_S_NUMBER_WORDS = re.compile(r"(?<!\w)(?:hai|ba|bốn|sáu|bảy|tám|chín|mười|mươi|trăm|nghìn|ngàn|triệu|tỷ)(?!\w)")


# A scoreline ("3-1", "6-2, 6-4"), in either language written alike; not "2024-2025", "4-3-3".
SCORE = re.compile(r"(?<![\w.,/–-])\d{1,2}\s*[-–]\s*\d{1,2}(?:,\s*\d{1,2}\s*[-–]\s*\d{1,2})*"
                   r"(?![\w/]|[.,]\d|\s*[-–]\s*\d)")


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
        numbers = {*_S_DIGITS.findall(folded), *(fold(w) for w in _S_NUMBER_WORDS.findall(sentence.lower()))}
        return cls(frozenset(numbers), frozenset(_S_DATE.findall(folded)), names)

    def offers(self, kind: str, folded_question: str) -> bool:
        """True if the sentence has an item of `kind` that the question does not already mention."""
        items: frozenset[str] = getattr(self, kind)
        return any(not re.search(rf"(?<!\w){re.escape(x)}(?!\w)", folded_question) for x in items)


# The time of day, wanted by "mấy giờ" / "what time"; to any other quantity question "2h42" is no answer.
TIME_OF_DAY = re.compile(r"\d\s*(?:h|giờ)", re.I)
# Money: "đồng" after a figure or its scale ("120,3 tỷ đồng"), not in "hai đồng phạm", "cộng đồng".
MONEY = re.compile(r"(?:\d|tỷ|triệu|nghìn|ngàn|trăm)\s*đồng|USD|đô la|\$|euro|bảng Anh", re.I)

WORD = re.compile(r"[^\W_]+")  # letters or digits ("ngân", "2022"); `WORDS` (retrieval/name_shapes.py): letters only
# Syllables and words too common to tie a question to a place in a sentence.
# The Vietnamese ones as written (`measures` reads a sentence's words so: folded, "vệ" would be "về").
STOP_WORDS_WRITTEN = frozenset("""của và là các những được trong có đã cho với một này để không nào gì ai bao nhiêu khi
ở tại từ đến như thế về sau trước hơn nhất cũng sẽ đang thì mà vào ra lên bởi theo trên dưới năm ngày tháng
người""".split())
STOP_WORDS = frozenset(fold(w) for w in STOP_WORDS_WRITTEN) | frozenset("""the of in a an and to was is are were did
does do what who whom whose how when which many much for on at by with from that this it as be""".split())
