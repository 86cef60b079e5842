"""Where a sentence has what a question asks for (a quantity, a date, a name: `retrieval.asks` reads which).

Used twice: ranking gives a small bonus to sentences holding something of the asked-for type that the
question does not already contain (measured on XQuAD-vi: +1 to +3 points Hit@1), and the answer picks the
span to bold inside the quoted sentence. Question words are matched on folded text, so unaccented questions
work too; whole words only (`ai` is "who", not the end of `hai`).
"""
from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from retrieval.asks import ASKS_PLACE, ASKS_SCORE, EN_LEAD, MEASURES, NAMED_KIND, asks_money, question_type
from retrieval.glossary import glossary
from retrieval.language import detect_language, has_diacritics
from retrieval.name_shapes import SURNAMES, WORDS, foreign_word, is_roman_numeral, person_shaped, vietnamese_run
from retrieval.qualifiers import contradicted
from retrieval.textnorm import fold, fold_aligned

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
_UPPER = "A-Z" + "".join(ch for ch in map(chr, [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]) if ch.isupper())
# a capitalised word, with the digits glued to it ("U21", "A00", "H5N1"), or after a capital and an apostrophe
# ("H'Liên Êban", "O'Neill")
_CAP = rf"[{_UPPER}](?:['’][{_UPPER}])?[^\W_]*"
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
_CLOCK_TIME = re.compile(rf"{_HOUR_OF_DAY}{_CLOCK}")
# Digits with an optional unit, or Vietnamese number words and the noun they count ("mười một đơn vị"); not a
# lone "một" (also "a") or "năm" (also "year"), unless another number word follows ("năm triệu"). The lookaheads
# let the regex skip most positions at once (it runs on every quoted sentence). The number of a code written with a
# hyphen ("chip HS-10", "COVID-19") is none, nor is a number plate's ("51B-284.67").
QUANTITY = re.compile(rf"(?=\d)(?<![\w.,/])(?<![^\W\d_]-)(?i:{_NUM}(?![\d/]|[.,]\d|(?-i:[A-Z]{{1,2}}-))"
                      rf"(?:(?:\s*(?:tỷ|triệu|nghìn|ngàn)\s*(?:{_DONG}|USD)?|\s*%|\s+{_UNITS})(?:{_PER})?|{_CLOCK})?)"
                      rf"|(?<!\w)thứ\s+(?![Mm]ột\b|[Nn]ăm\b){_VI_NUMBER_WORD_CAP}(?!\w)"  # "lần thứ ba": an ordinal
                      rf"|(?=[{_FIRST_LETTERS}])(?<!\w)(?:[Mm]ột\s+{_VI_NUMBER_WORDS}|[Nn]ăm\s+{_VI_NUMBER_WORDS}|"
                      rf"(?![Mm]ột\b|[Nn]ăm\b){_VI_NUMBER_WORD_CAP})(?:\s+{_VI_NUMBER_WORDS_ON})*\s+(?![{_UPPER}])[^\W\d_]+")
_YEAR = r"(?:năm\s+)?\d{3,4}"
# A day may carry its hour: "17 giờ ngày 26/7", "8h30 ngày 1/6".
_HOUR = (rf"(?:{_HOUR_OF_DAY}\s*(?:giờ|h)(?:\s*\d{{1,2}}(?:\s*phút)?)?,?\s+"
         rf"(?:(?:rạng\s+)?(?:sáng|trưa|chiều|tối|đêm)\s+)?)?")  # "2h sáng 16/8": the part of the day between
DATE = re.compile(rf"(?<![\w/])(?:{_HOUR}(?:ngày\s+)?\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?|"
                  rf"{_HOUR}ngày\s+\d{{1,2}}(?:\s+tháng\s+\d{{1,2}})?(?:\s*(?:,\s*)?năm\s+\d{{3,4}})?|"
                  rf"tháng\s+\d{{1,2}}(?:\s*(?:,\s*)?{_YEAR}|/\d{{4}})?|"
                  rf"năm\s+\d{{3,4}}|\d{{1,2}}\.\d{{1,2}}\.\d{{4}}|(?:thế kỷ|thập niên|thập kỷ)\s+[\dIVXLC]+|"
                  rf"\b(?:1[0-9]|20)\d{{2}}\b|"
                  rf"{_CLOCK_TIME.pattern}|{_HOUR_OF_DAY}\s+giờ(?:\s+\d{{1,2}}\s+phút)?(?!\s+đồng hồ)|"
                  rf"quý\s+(?:I{{1,3}}|IV|[1-4])(?![\w])(?:\s*/\s*\d{{4}}|\s+năm\s+\d{{4}})?)", re.IGNORECASE)
# A run of capitalised words (one word is enough: "Tesla"); the first word of a sentence only in a run of two.
# (not a sentence's first word, capitalised as such, nor a quotation's opening it: '"Doanh nghiệp không thiếu việc')
NAME = re.compile(rf"(?<![.!?:]\s)(?<!^)(?<!^[\"“‘'])\b{_CAP}(?:[\s-]+{_CAP})*|^[\"“‘']?{_CAP}(?:[\s-]+{_CAP})+")
BARE_YEAR = re.compile(r"(?:1\d|20)\d{2}")
_BARE_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# a road's marker ("tại km 846", "km 1387+500"), a school grade ("nữ sinh lớp 8")
_MARKER_BEFORE = re.compile(r"\b(?:[Kk]m\s*(?:\d+\s*\+\s*)?|lớp\s+)$")
# the number of a name: a road's ("Quốc lộ 24"), a storm's ("bão số 3"), a line's ("Đường sắt đô thị số 1")
# (not a count's "số": "Trong số 63 điều khoản", "tổng số", "tỷ số", "điểm số", "con số")
_NAMED_BY_NUMBER = re.compile(r"\b(?:[Qq]uốc lộ|[Tt]ỉnh lộ|[Hh]ương lộ|(?<![Tt]ỷ )(?<![Đđ]iểm )(?<![Tt]ổng )"
                              r"(?<![Tt]rong )(?<![Cc]on )(?<!với )(?<!các )(?<!những )(?<!đa )[Ss]ố)\s+$")
_NUMBER_OF_NAME = re.compile(r"\d{1,3}[A-Z]?")
_MONTH_BEFORE = re.compile(r"\b(?i:tháng)\s+(?:\d{1,2}\s*[-–]\s*)?$")  # the "7" of "các tháng 5-7": a month


# Evidence inside a sentence: numbers (digits, or Vietnamese number words read with their accents: folded, "năm"
# the year, "từ" from, "sau" after, "bà" Mrs, "trạm" station all read as numbers; "năm" and "tư" are left out as
# mostly not numbers), dates and names on folded text.
_S_DATE = re.compile(r"\b(?:1[0-9]|20)\d{2}\b|\bthe ky\b|\bthap nien\b|\bnhung nam\b|\bthang (?:\d+|mot|hai|ba|tu|"
                     r"nam|sau|bay|tam|chin|muoi)\b|\d{1,2}/\d{1,2}|\b\d{1,2}h(?:\d{2})?\b|\b\d{1,2} gio\b|"
                     r"\bquy (?:i{1,3}|iv|[1-4])\b")
_S_NAME = re.compile(rf"(?<!^)(?<![.!?:]\s)\b{_CAP}")
_S_DIGITS = re.compile(r"(?<![a-z]-)(?<!\d)\d+(?:[.,]\d+)*")  # not "hs-10"
_S_NUMBER_WORDS = re.compile(r"(?<!\w)(?:hai|ba|bốn|sáu|bảy|tám|chín|mười|mươi|trăm|nghìn|ngàn|triệu|tỷ)(?!\w)")


# A scoreline ("3-1", "6-2, 6-4"), in either language written alike; not "2024-2025", "4-3-3".
SCORE = re.compile(r"(?<![\w.,/–-])\d{1,2}\s*[-–]\s*\d{1,2}(?:,\s*\d{1,2}\s*[-–]\s*\d{1,2})*"
                   r"(?![\w/]|[.,]\d|\s*[-–]\s*\d)")


_FINAL_SCORE = re.compile(r"\b(?:ty so|thang|chien thang|chung cuoc|won|beat|defeated|final score of)\s*$")
_SCORE_ON_THE_WAY = re.compile(r"\b(?:dan|dan truoc|bi dan|led|trailed|leading|at half-time)\s*$"
                               r"|\bgiang co (?:den |toi )?(?:ty so )?$")  # "giằng co đến tỷ số 12-12": level


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
_TIME_OF_DAY = re.compile(r"\d\s*(?:h|giờ)", re.I)
# Money: "đồng" after a figure or its scale ("120,3 tỷ đồng"), not in "hai đồng phạm", "cộng đồng".
MONEY = re.compile(r"(?:\d|tỷ|triệu|nghìn|ngàn|trăm)\s*đồng|USD|đô la|\$|euro|bảng Anh", re.I)
# What a quantity question's wording says about the unit of its answer (folded question -> unit in the sentence).
_UNIT_HINTS = (
    (re.compile(r"\b(?:phan tram|ty le|ty trong|percent|percentage|proportion|what share|accurate|accuracy|ratio)\b"),
     re.compile(r"%|phần trăm", re.I)),
    # an English rate or growth is mostly a share ("occupancy rate", "How fast did GRDP grow?")
    # (not its change: "By how much did the pass rate go up?" wants "0,23 điểm phần trăm")
    (re.compile(r"^(?!.*\b(?:by how much|go up|went up|gone up|rise|rose|increase|fall|fell|drop)).*"
                r"\b(?:rate|grow|grew|growth)\b"), re.compile(r"%|phần trăm", re.I)),
    # a length in the unit the question names ("dài bao nhiêu mét" is not answered by "45 km")
    # (also read on the words after "bao nhiêu" alone: `_ASKED_NEXT`)
    (re.compile(r"(?:\b(?:bao nhieu|may)|^)\s+(?:met|m)\b"), re.compile(r"\b(?:m|mét)\b", re.I)),
    (re.compile(r"(?:\b(?:bao nhieu|may)|^)\s+(?:km|cay so)\b"), re.compile(r"\b(?:km(?!/)|cây số)\b", re.I)),
    (re.compile(r"\b(?:bao xa|how far|khoang cach|distance|chieu dai|cay so)\b|(?<!keo )\bdai bao nhieu\b"),
     re.compile(r"\b(?:km|dặm|mét|m|cây số|yard|feet)\b", re.I)),
    (re.compile(r"\bhow (?:high|deep|tall|wide)\b"), re.compile(r"\b(?:m|mét|km|cm)\b", re.I)),
    # "How long is the new route?": a thing's length, or how long it lasts (below)
    (re.compile(r"\bhow long (?:is|are|was|were|will (?:it|they) be)\b"), re.compile(r"\b(?:km|mét|m|cây số)\b", re.I)),
    (re.compile(r"\bhow (?:hot|cold)\b"), re.compile(r"\bđộ\b|°", re.I)),
    (re.compile(r"\b(?:bao nhieu tuoi|how old)\b"), re.compile(r"\btuổi\b", re.I)),
    (re.compile(r"\b(?:may gio)\b"), _TIME_OF_DAY),
    (re.compile(r"\b(?:bao lau|how long|thoi gian|how much time)\b"),
     re.compile(r"\b(?:năm|tháng|tuần|ngày|giờ|tiếng|phút|giây|thế kỷ|thập kỷ)\b", re.I)),  # "6 tiếng": hours
    (re.compile(r"\b(?:bao nhieu tien|how much money|chi phi|cost|von|capital|investment)\b"), MONEY),
    # the value of exports or imports ("kim ngạch", "export value"): a sum, not the tonnes beside it
    (re.compile(r"\b(?:kim ngach|(?:export|import|trade) value|value of (?:\w+ )?(?:exports?|imports?))\b"), MONEY),
    # rain is measured in millimetres ("lượng mưa 386 mm trong 48 giờ")
    (re.compile(r"\b(?:luong mua|mua (?:lon|to)|rain|rainfall)\b"), re.compile(r"\bmm\b", re.I)),
    (re.compile(r"\b(?:nang (?:khoang |chung |tam |gan |hon |toi )?bao nhieu|how heavy|weighs?|weighed)\b"),
     re.compile(r"\b(?:kg|tấn|gam|gram|g|ki-lô-gam|pound|lb)\b", re.I)),
    # an area asked as such ("Diện tích lúa bị hạn là bao nhiêu?"; not "bảo vệ bao nhiêu diện tích biển", which a
    # share may answer, nor a share or a change of one)
    (re.compile(r"^(?!.*\b(?:phan tram|ty le|chiem|phan|tang|giam|them|hon|percent)\b).*\bdien tich\b"
                r"(?:(?!\bbao nhieu\b)[^?,]){0,60}\bbao nhieu\b"),
     re.compile(r"\b(?:ha|héc-ta|hecta|m2|m²|km2|km²|mét vuông|kilômét vuông|ki-lô-mét vuông|mẫu|sào)(?!\w)", re.I)),
    # a speed; an amount of earth, water, concrete ("khối lượng đất đá": m3, or tonnes)
    (re.compile(r"\b(?:how fast|toc do|van toc|speed)\b"), re.compile(r"km/h|km/giờ|m/s|hải lý", re.I)),
    (re.compile(r"\b(?:khoi luong|volume)\b"), re.compile(r"m3|m³|khối|\btấn\b", re.I)),
)
# A share of a sum asked ("tỷ lệ giải ngân vốn đầu tư công", "what percentage of the budget"), folded: the share's
# unit is asked, not the sum's.
_SHARE_OF_SUM = re.compile(r"\b(?:ty le|phan tram|percent|percentage|proportion|what share)\b.*"
                           r"\b(?:von|chi phi|cost|capital|investment|kim ngach|ngan sach|budget|doanh thu|revenue)\b")
# What a date question's wording says about the precision it wants.
_DATE_HINTS = (
    (re.compile(r"\b(?:ngay nao|what day|which day|what date|which date)\b"), re.compile(r"/|ngày", re.I)),
    (re.compile(r"\b(?:thang nao|what month|which month)\b"), re.compile(r"/|tháng", re.I)),
    (re.compile(r"\b(?:nam nao|what year|which year)\b"), re.compile(r"\d{4}")),
    (re.compile(r"\b(?:may gio|what time)\b"), _TIME_OF_DAY),
    (re.compile(r"\b(?:the ky nao|thap nien nao|what century|which century|what decade|which decade)\b"),
     re.compile(r"thế kỷ|thập niên|thập kỷ", re.I)),
)
# A person asked for: "ai", "who", or the name of someone the question calls by a word for a person ("Kẻ cầm đầu
# tên là gì?", "Tài xế tên gì?").
_PERSON = re.compile(r"\b(?:ai|nguoi nao|who|whom|whose)\b|\b(?:ke|nguoi|ong|ba|nan nhan|tai xe|bi can|bi cao|"
                     r"doi tuong|nghi pham|thu pham|chu)\b[^?]*\bten (?:la )?gi\b")
_NEXT_WORD = re.compile(r"^\s*[^\W\d_]+\s+")  # one word after a number, before the counted noun
# "bao nhiêu người" -> "nguoi", and the word after it
_COUNTED = re.compile(r"\b(?:bao nhieu|may)\s+(?!mot\b|moi\b)([a-z]+)(?:\s+([a-z]+))?")
# A classifier before the noun ("bao nhiêu ngôi nhà"): a sentence may write the noun alone ("46 nhà bị sập").
_CLASSIFIERS = frozenset("ngoi chiec con toa buc cuon tam".split())
# "bao nhiêu một lượng", "bao nhiêu mỗi m2": a figure per that unit ("128,9 triệu đồng mỗi lượng", "/m2").
_PER_ASKED = re.compile(r"\b(?:bao nhieu|may)(?:\s+[a-z]+){0,2}?\s+(?:mot|moi)\s+([a-z0-9]+)")
# Nouns measured rather than counted: their figure carries a unit ("712 triệu USD" of "bao nhiêu vốn"), and the
# word after another figure is no answer ("41 dự án có vốn").
_MEASURED_NOUNS = frozenset({"tien", "von"})
# "How many <noun>": the Vietnamese nouns that count it, folded (a news vocabulary; up to two words may stand
# between: "how many new party members").
_EN_COUNTED = re.compile(r"\bhow many\s+((?:[a-z]+\s+){0,2}[a-z]+)")
_EN_NOUNS = {
    "people": "nguoi", "persons": "nguoi", "passengers": "hanh khach", "houses": "nha|can|ngoi", "homes": "nha|can",
    "students": "hoc sinh|sinh vien", "pupils": "hoc sinh", "candidates": "thi sinh|ung vien",
    "members": "thanh vien|dang vien|hoi vien", "households": "ho", "families": "gia dinh|ho",
    "companies": "doanh nghiep|cong ty", "enterprises": "doanh nghiep", "businesses": "doanh nghiep|co so",
    "firms": "cong ty|doanh nghiep", "projects": "du an|cong trinh", "schools": "truong", "stations": "ga|tram",
    "trains": "tau|doan tau", "cars": "xe|o to|chiec", "vehicles": "xe|phuong tien|chiec", "tons": "tan",
    "tonnes": "tan", "hectares": "ha|hec-ta", "kilometers": "km|ki-lo-met", "kilometres": "km|ki-lo-met",
    "years": "nam", "months": "thang", "days": "ngay", "times": "lan", "points": "diem", "votes": "phieu",
    "workers": "lao dong|cong nhan", "employees": "nhan vien|lao dong", "teachers": "giao vien",
    "children": "tre|em|chau", "villages": "thon|lang|ban", "communes": "xa", "districts": "huyen|quan",
    "provinces": "tinh", "countries": "nuoc|quoc gia", "games": "tran", "matches": "tran", "goals": "ban",
    "seats": "ghe", "soldiers": "binh si|quan|linh", "troops": "quan|binh si", "species": "loai",
    "languages": "ngon ngu|thu tieng", "cases": "ca|truong hop", "patients": "benh nhan", "deaths": "nguoi|ca",
    "tourists": "khach|du khach|luot", "visitors": "khach|luot", "trees": "cay", "animals": "con|dong vat",
    "boats": "tau|thuyen|tau thuyen|tau ca", "ships": "tau", "vessels": "tau|thuyen|phuong tien", "sites": "diem",
    "flights": "chuyen bay|chuyen", "engines": "xe", "trucks": "xe", "buses": "xe",
    "injured": "nguoi", "dead": "nguoi", "victims": "nguoi|nan nhan",
    "units": "can|can ho", "apartments": "can ho|can", "shipments": "chuyen|lo|lo hang", "spots": "diem",
    "attractions": "diem", "destinations": "diem", "beds": "giuong", "doctors": "bac si", "nurses": "dieu duong",
    "hospitals": "benh vien", "universities": "truong|dai hoc", "majors": "nganh", "factories": "nha may",
    "plants": "nha may", "farms": "trang trai", "stores": "cua hang", "shops": "cua hang", "defendants": "bi cao",
    "suspects": "doi tuong|nghi pham", "kilograms": "kg", "websites": "trang web|website",
    "applications": "ho so|don",
}
_WORD = re.compile(r"[^\W_]+")  # letters or digits ("ngân", "2022"); `WORDS` (retrieval/name_shapes.py): letters only
# Syllables and words too common to tie a question to a place in a sentence.
# The Vietnamese ones as written (`measures` reads a sentence's words so: folded, "vệ" would be "về").
STOP_WORDS_WRITTEN = frozenset("""của và là các những được trong có đã cho với một này để không nào gì ai bao nhiêu khi
ở tại từ đến như thế về sau trước hơn nhất cũng sẽ đang thì mà vào ra lên bởi theo trên dưới năm ngày tháng
người""".split())
STOP_WORDS = frozenset(fold(w) for w in STOP_WORDS_WRITTEN) | frozenset("""the of in a an and to was is are were did
does do what who whom whose how when which many much for on at by with from that this it as be""".split())


_PREVIOUS_WORD = re.compile(r"([^\W\d_][\w-]*)\s+$")
# Capitalised words that begin a date rather than a name: "Năm 2023", "Cuối 2024".
_DATE_OPENERS = frozenset("ngày tháng năm sáng chiều tối đêm trưa quý đầu cuối giữa từ đến trong sau trước vào hết "
                          "hè xuân thu đông mùa kỳ khóa niên".split())


def _names_year(sentence: str, start: int) -> bool:
    """Whether the year at `start` ends a name ("Festival Huế 2026", "V-League 2024"): a capitalised word before it."""
    word = _PREVIOUS_WORD.search(sentence, 0, start)
    return bool(word) and word.group(1)[0].isupper() and word.group(1).lower() not in _DATE_OPENERS


def overlaps(span: tuple[int, int], taken: tuple[tuple[int, int], ...]) -> bool:
    """Whether `span` shares a character with any of `taken` (spans bolded for another part of a question)."""
    return any(span[0] < y and x < span[1] for x, y in taken)


def pull(found: list[re.Match[str]], words: set[str], first: int, last: int, before: float = 1.0,
         after: float = 1.0) -> float:
    """How near the question's `words` come to the sentence's words `first`..`last` (indexes into `found`, the
    sentence's words): each pulls by its nearest occurrence outside them, 1 next to them, 1/2 a word further, the
    gaps before them counted `before` times and those after `after` times."""
    total = 0.0
    for word in words:
        gaps = [before * (first - i) if i < first else after * (i - last)
                for i, w in enumerate(found) if w.group() == word and not first <= i <= last]
        total += 1.0 / min(gaps) if gaps else 0.0
    return total


def answer_span(question: str, sentence: str, taken: tuple[tuple[int, int], ...] = (),
                focus: Callable[[str], bool] | None = None) -> tuple[int, int] | None:
    """The span of the asked-for type in `sentence` that most likely answers `question`.

    Candidates are the spans of that type the question does not already contain. The best fits what the
    question's wording asks for ("bao nhiêu phần trăm" wants a "%", "bao nhiêu người" a number of "người", "ngày
    nào" a day; a bare year is no quantity), then sits closest to the words the sentence shares with the
    question: a question is mostly the answering sentence reworded around its answer. Ties go to the earlier span.
    `taken`: spans bolded already for another part of the question (`retrieval.parts`), which no candidate overlaps.
    `focus`: whether a part of the sentence tells of the thing the question asks of among several of its kind
    (`retrieval.measures.asked_focus`): of figures in the parts of a list ("đội vô địch nhận 600 triệu đồng, đội á
    quân nhận 350 triệu đồng"), the one in the part that does wins.
    """
    plan = _plan(question, bold=True)
    if plan is None or (_ASKS_SUM.search(fold(question).lower()) and not MONEY.search(sentence)):
        return None
    spans = []
    found_spans = list(plan.pattern.finditer(sentence))
    if plan.kind == "name":
        found_spans = _foreign_first(sentence) + found_spans
    elif plan.kind == "quantity":  # a day's or month's number in a date ("tháng 9", "quý 2") is no quantity (a
        dates = [m.span() for m in DATE.finditer(sentence)]  # year may be: "từ năm 1870 đến 1939" for "bao lâu")
        found_spans = [m for m in found_spans if not (
            _BARE_NUMBER.fullmatch(m.group().strip()) and not BARE_YEAR.fullmatch(m.group().strip())
            and (any(a <= m.start() and m.end() <= b and (a, b) != m.span() for a, b in dates)
                 or _MONTH_BEFORE.search(sentence, 0, m.start())))
            and not _MARKER_BEFORE.search(sentence, 0, m.start())
            and not (_NUMBER_OF_NAME.fullmatch(m.group().strip()) and _NAMED_BY_NUMBER.search(sentence, 0, m.start()))]
    elif plan.kind == "date":  # "Festival Huế 2026", "World Cup 2022": a year in a name, if anything else is a date
        named = [m for m in found_spans if BARE_YEAR.fullmatch(m.group().strip()) and _names_year(sentence, m.start())]
        if len(named) < len(found_spans):
            found_spans = [m for m in found_spans if m not in named]
    for m in found_spans:
        text = m.group()
        start, end = m.start() + len(text) - len(text.lstrip()), m.end() - len(text) + len(text.rstrip())
        if plan.kind == "name" and start == 0 and (lead := _OPENING_WORD.match(sentence, 0, end)):
            start = lead.end()  # "Theo Sở Công Thương Cà Mau, ...": the name is "Sở Công Thương Cà Mau"
        # a name of the kind asked, a person's in it too: "Trường THPT Nguyễn Du"
        whole = plan.named is not None and fold(m.group()).lower().startswith(plan.named + " ")
        for a, b in _split_at_person(sentence, start, end) if plan.kind == "name" and not whole else ((start, end),):
            if plan.kind == "name":
                a, b = _past_known(sentence, a, b, plan.given)
            words = _WORD.findall(fold(sentence[a:b]))
            if plan.kind == "name" and (is_roman_numeral(sentence[a:b])  # "khóa XX", "Đại hội XIII": a number
                                        or _AFTER_NUMBER.search(sentence, 0, a)):  # "410 triệu USD": a unit
                continue
            kind = _NAME_KIND_FIRST.match(" ".join(words) + " ") if plan.kind == "name" else None
            if not words or all(w in plan.words for w in words) or (
                    kind and all(w in plan.words for w in words[len(kind.group().split()):])):
                continue  # (nor a name the question gives without its kind: "CLB Kiên Giang Sao Biển")
            if plan.kind == "name" and plan.person and (PLACE_NAMED.search(sentence, 0, a)
                                                        or _UNIT_NAMED.search(sentence, 0, a)):
                continue  # "TP Hồ Chí Minh", "đường Nguyễn Huệ", "huyện Gò Quao": a place, not a person
            if plan.given_numbers and (n := _BARE_NUMBER.match(sentence, a)) and n.group() in plan.given_numbers:
                continue
            if plan.kind == "name" and plan.person and _cut_short(sentence, a, b):
                continue  # "Ban Chấp" of "Ban Chấp hành": no person
            if plan.kind == "name" and plan.place and person_shaped(WORDS.findall(sentence, a, b)):
                continue  # "Chị Sa Rây quê ở tỉnh nào?": not "Thạch Thị Sa Rây"
            spans.append((a, b))
    if plan.kind != "name":
        spans = _ranges(sentence, spans)
    elif plan.person:
        # a council's abbreviation is no one, where someone else is named ("Ông A Khoan, Chủ tịch UBND xã Đắk Man")
        spans = [span for span in spans if not _COUNCILS.fullmatch(sentence[span[0]:span[1]])] or spans
    spans = [span for span in spans if not overlaps(span, taken)]
    if plan.kind == "quantity" and len(spans) > 1:  # "tối thiểu 50 km/h" answers no "tối đa" (`retrieval.qualifiers`)
        spans = [span for span in spans if not contradicted(question, sentence, span)] or spans
    if len(spans) < 2:
        return _shown(sentence, spans[0], plan) if spans else None
    respective = _respective(sentence, spans, plan)
    if respective is not None:
        return _shown(sentence, respective, plan)
    folded = fold_aligned(sentence)
    found = list(_WORD.finditer(folded))
    starts, ends = [w.start() for w in found], [w.end() for w in found]
    anchors: dict[str, list[int]] = {}  # question word -> where (word index) the sentence has it
    for i, w in enumerate(found):
        if w.group() in plan.words and w.group() not in STOP_WORDS:
            anchors.setdefault(w.group(), []).append(i)
    rendered: dict[str, list[int]] = {}  # an English question's words, where the sentence writes their rendering
    said = [w.group().lower() for w in found]
    for words in plan.rendered:
        for i in range(len(said) - len(words) + 1):
            if tuple(said[i:i + len(words)]) == words:
                for k, w in enumerate(words):
                    if w not in STOP_WORDS and w not in anchors:
                        rendered.setdefault(w, []).append(i + k)

    clause = [0] * len(found)  # which comma-separated part of the sentence each word is in
    for i in range(1, len(found)):
        decimal = folded[ends[i - 1] - 1].isdigit() and starts[i] == ends[i - 1] + 1 and folded[starts[i]].isdigit()
        clause[i] = clause[i - 1] + (not decimal and bool(_CLAUSE_BREAK.search(folded, ends[i - 1], starts[i])))

    # where the sentence writes the question's superlative ("lớn nhất"): what it is said of comes just before it
    # ("Philippines tiếp tục là thị trường lớn nhất"), or just after "nhất là" ("cao nhất là Đồng Nai")
    most = [i for i in range(len(found) - 1) if plan.superlative and found[i + 1].group() == "nhat"
            and sentence[found[i + 1].start():found[i + 1].end()] == "nhất"  # not "lũy Nhật Lệ"
            and re.fullmatch(plan.superlative, found[i].group())]
    # "dẫn đầu" (leads) is the most, the highest, the largest: "Hà Giang dẫn đầu với 2,68 con"
    most += [i for i in range(len(found) - 1) if plan.superlative in SUPERLATIVE_LEADS and found[i].group() == "dan"
             and found[i + 1].group() == "dau"]

    # the spans in a part of a list ("A nhận X, B nhận Y và C nhận Z") that tells of the focus, if only some are
    # (not for a change asked: "giá bán ... tăng thêm bao nhiêu?" wants the rise, wherever the side is written)
    focused = ({span for span in spans if focus(_part(sentence, span))}
               if focus is not None and not plan.difference else set())
    # of those, the whole rather than a part of it ("17 người khác bị thương, trong đó có sáu người bị thương nặng"),
    # unless the question words the part ("bị thương nặng")
    wholes = {span for span in focused if not _opens_subset(sentence, span)}
    if wholes:
        told = {w for span in wholes for w in _WORD.findall(fold(_part(sentence, span)).lower())}
        focused = wholes | {span for span in focused - wholes if any(
            w in plan.words and w not in told and w not in STOP_WORDS
            for w in _WORD.findall(fold(_part(sentence, span)).lower()))}
    # or the one given for the part of a whole the question names ("..., riêng Bangladesh có 131 người" for
    # "Bangladesh có bao nhiêu người thiệt mạng?"), whatever else the focus is
    names = _names_in(question)
    subset = {span for span in spans if names and _of_subset(sentence, span, names)} if not plan.difference else set()
    subset = subset or (_worded_subsets(sentence, spans, plan) if not plan.difference else set())
    if subset and len(subset) < len(spans):
        focused = subset
    # or the figure a sentence compares with, of the year the question asks ("tăng 6% so với mức 52.800 tấn của năm
    # 2023" for "Năm 2023, ... bao nhiêu tấn?")
    # (pulling as `named` below does: "cao hơn mức 11,9% của năm 2019" for "Năm 2019, ... bao nhiêu phần trăm?")
    years = {m.group() for m in BARE_YEAR.finditer(question)}
    of_year = {span for span in spans if years and _compared_of(sentence, span) in years}
    # or the one in a part that goes on to name what the question names ("tiếp đến là Hàn Quốc 2.130 người"), which
    # pulls more than a unit asked for does (the first part's "6.420 lao động" carries the counted noun)
    named = (_named_subsets(question, sentence, spans, names + _figures_in(question))
             if plan.kind == "quantity" and not (plan.difference or subset) else set())
    if of_year and len(of_year) < len(spans) and not plan.difference:
        named = of_year
    if len(focused) == len(spans):
        focused = set()

    def fit(span: tuple[int, int]) -> float:
        a, b = span
        first, last = bisect.bisect_right(ends, a), bisect.bisect_left(starts, b) - 1  # the span's words
        near = 0.0  # each question word pulls by its nearest occurrence: 1 next to the span, 1/2 a word further
        for weight, table in ((1.0, anchors), (RENDERED_PULL, rendered)):
            for places in table.values():
                gaps = [max(first - i, i - last) + CLAUSE_GAP * abs(clause[i] - clause[first])
                        for i in places if not first <= i <= last]
                near += weight / min(gaps) if gaps else 0.0
        # (before it, or just after a "là" that follows it: "lớn nhất của tôm Cà Mau hiện là Mỹ")
        said_of = any(clause[k] == clause[last] and (0 < k - last <= SUPERLATIVE_REACH or any(
            found[j].group() == "la" and 0 < first - j <= 2 for j in range(k + 2, min(k + 8, first)))) for k in most)
        near += SUPERLATIVE_PULL * said_of + FOCUS_PULL * (span in focused) + NAMED_PULL * (span in named)
        cut = plan.kind == "name" and _cut_short(sentence, a, b) and (
            plan.person or sentence[a:b] not in _ONE_WORD_COUNTRIES)
        return plan.fit(sentence[a:b], sentence[b:b + 40], sentence[max(0, a - 30):a]) + near - CUT_SHORT_PENALTY * cut

    best = max(spans, key=fit)  # max keeps the first of equal scores
    if plan.kind == "name" and _ASKS_MANY.search(fold(question).lower()):
        best = _listed(sentence, best, spans)
    return _shown(sentence, best, plan)


# A question asking for several names ("Làng Chuông mua lá nón ở những tỉnh nào?", "which provinces", "những ai"):
# the list the chosen name is one of ("từ Quảng Bình và Thanh Hóa") is its answer, bolded whole.
_ASKS_MANY = re.compile(r"\b(?:nhung|cac) (?:[a-z]+ ){0,2}nao\b|\bnhung ai\b|"
                        r"\b(?:which|what) (?!(?:was|is|does|has|this|its)\b)[a-z]{2,}(?:ies|[^su']s)\b")
_NAME_LIST_GAP = re.compile(r"\s*(?:,\s*(?:và\s+)?|\s+và\s+|\s+and\s+)"
                            r"(?:(?:ông|bà|anh|chị|quận|huyện|xã|phường|tỉnh|thành phố|TP)\s+)?")


def _listed(sentence: str, span: tuple[int, int], spans: list[tuple[int, int]]) -> tuple[int, int]:
    """`span` with the names of `spans` listed before and after it ("A, B và C"): a list ends with "và" ("Đà Nẵng, Quỹ
    học bổng Vươn Xa đã trao ..." is none)."""
    ordered = sorted(spans)
    first = last = ordered.index(span)
    while first > 0 and _NAME_LIST_GAP.fullmatch(sentence, ordered[first - 1][1], ordered[first][0]):
        first -= 1
    while last + 1 < len(ordered) and _NAME_LIST_GAP.fullmatch(sentence, ordered[last][1], ordered[last + 1][0]):
        last += 1
    joined = re.search(r"\b(?:và|and)\b", sentence[ordered[last - 1][1]:ordered[last][0]]) if last > first else None
    return (ordered[first][0], ordered[last][1]) if joined else span


def _respective(sentence: str, spans: list[tuple[int, int]], plan: _Plan) -> tuple[int, int] | None:
    """"Kế toán trưởng Nguyễn Thị Mai và thủ quỹ Trịnh Văn Hòa lần lượt nhận 9 năm và 6 năm tù": the span after
    "lần lượt" ("respectively") in the place of the listed item the question names; all of them ("9 năm và 6 năm")
    unless one item holds more of the question's words than the others; None without "lần lượt"."""
    m = _RESPECTIVELY.search(sentence)
    after = [span for span in spans if m is not None and span[0] >= m.end()]
    if m is None or len(after) < 2:
        return None
    every = (after[0][0], after[-1][1])  # where the question's words tell no item apart: the values together
    # "A, B và C <what is said of them>": the items before the last "và" are split at commas; the last runs on
    head = _CLAUSE_START.split(sentence[:m.start()])[-1]
    joins = list(_LAST_JOIN.finditer(head))
    if not joins:
        return every
    listed = _LIST_COMMA.split(head[:joins[-1].start()])[-(len(after) - 1):] + [head[joins[-1].end():]]
    if len(listed) < len(after):
        return every
    # its names tell the items apart: what is said of the last ("... cao hơn mực nước chết") would pull to it
    listed[0] = re.split(r"\s+là\s+", listed[0])[-1]  # not the words before the list ("Hai đồng phạm là ...")
    capitals = [[w for w in _WORD.findall(item) if w[0].isupper()] for item in listed]
    words = [(ws if any(capitals) else _WORD.findall(item)) for ws, item in zip(capitals, listed)]
    shared = [sum(w in plan.words and w not in STOP_WORDS for w in _WORD.findall(fold(" ".join(ws))))
              for ws in words]
    if not any(shared) and any(capitals):  # or, the question naming none, their other words ("thủ quỹ")
        shared = [sum(w in plan.words and w not in STOP_WORDS for w in _WORD.findall(fold(item))) for item in listed]
    best = max(shared)
    return after[shared.index(best)] if best > 0 and shared.count(best) == 1 else every


_RESPECTIVELY = re.compile(r"\blần lượt\b|\brespectively\b", re.IGNORECASE)
_LAST_JOIN = re.compile(r"\s+(?:và|cùng|and)\s+", re.IGNORECASE)
_LIST_COMMA = re.compile(r"\s*,\s*")
_CLAUSE_START = re.compile(r"[;:]|(?<!\d),(?=\s+(?:trong đó|còn|nhưng))", re.IGNORECASE)


IN_WORDS_PENALTY = 1.0
# A question word in another clause of the sentence ("sinh năm 1997, nhập quốc tịch ... tháng 10/2024") pulls as if
# this many words further away.
CLAUSE_GAP = 2
SUPERLATIVE_PULL = 2.0  # more than a question word right next to the span (1)
# A word of an English question's glossary rendering pulls as a question word does, at this weight: a rendering is
# a guess at the words an article uses.
RENDERED_PULL = 0.3
SUPERLATIVE_REACH = 6  # words from the span's end to its superlative
FOCUS_PULL = 3.0  # more than the superlative's
NAMED_PULL = 12.0  # more than a unit asked for (10): the figure of the country the question names, not the first
_PART_BREAK = re.compile(r"[,;:()]|\s(?:và|còn|trong khi|riêng|while|and)\s", re.IGNORECASE)


# A part of a sentence that gives the figure for part of a whole: "riêng Bangladesh có 131 người", "trong đó Hà Nội
# 8.000 ca".
_SUBSET_BEFORE = re.compile(r"\briêng\s*$", re.IGNORECASE)  # a break of its own (`_PART_BREAK`)
_SUBSET_OPENS = re.compile(r"(?:riêng|trong đó)\b", re.IGNORECASE)


@functools.lru_cache(maxsize=256)
def _names_in(question: str) -> tuple[tuple[str, ...], ...]:
    """The names a question writes, each as the ways it may be written (folded and lower-cased): runs of capitalised
    words; one opening a Vietnamese question's sentence only if it has two words or more ("Hà Nội có ...") or no
    Vietnamese syllable spells it ("Bangladesh có ..."; not "Cả nước", "Giá vàng"), and then without its first word
    too ("Trạm Ba Tơ" may be written "trạm Ba Tơ" or "Ba Tơ")."""
    runs: list[list[re.Match[str]]] = []
    last = None
    for m in WORDS.finditer(question):
        if m.group()[0].isupper():
            if last is not None and not question[last:m.start()].strip():
                runs[-1].append(m)
            else:
                runs.append([m])
            last = m.end()
        else:
            last = None
    english = detect_language(question) == "en"  # which opens with "How", "What", "Who"
    names = []
    for run in runs:
        opens = question[:run[0].start()].rstrip()[-1:] in ("", ".", "?", "!", ":", ";")
        if opens and (english or not (len(run) > 1 or foreign_word(run[0].group()))):
            run = run[1:]
        if run:
            ways = [run, run[1:]] if opens and len(run) > 2 else [run]
            names.append(tuple(fold(" ".join(m.group() for m in way)).lower() for way in ways))
    return tuple(names)


def _compared_of(sentence: str, span: tuple[int, int]) -> str | None:
    """The year whose figure `span` is, where the sentence compares with it ("so với mức 52.800 tấn của năm 2023":
    "2023"); None if it is none such."""
    year = _OF_YEAR.match(sentence, span[1])
    compared = _COMPARED_WITH.search(sentence, max(0, span[0] - 25), span[0])
    return year.group(1) if year and compared else None


_OF_YEAR = re.compile(r"\s*(?:của|trong|vào)?\s*(?:cả\s+)?(?:cùng kỳ\s+)?năm\s+((?:19|20)\d{2})\b", re.IGNORECASE)
_COMPARED_WITH = re.compile(r"\b(?:so với|hơn|compared)\b(?:\s+(?:mức|con số|mốc))?\s*$", re.IGNORECASE)


def _figures_in(question: str) -> tuple[tuple[str, ...], ...]:
    """The figures of three digits or more a question writes, not in a date ("Hộ dùng 400 kWh"; not the "15" of
    "November 15", the "2" of "phase 2"), each as its one way of being written."""
    return tuple((m.group(),) for m in _QUESTION_FIGURE.finditer(question) if not BARE_YEAR.fullmatch(m.group()))


_QUESTION_FIGURE = re.compile(r"(?<![\d/.,])(?:\d{1,3}(?:[.,]\d{3})+|\d{3,})(?:[.,]\d+)?(?![\d/])")


def _named_subsets(question: str, sentence: str, spans: list[tuple[int, int]],
                   names: tuple[tuple[str, ...], ...]) -> set[tuple[int, int]]:
    """The spans in the parts of `sentence` that go on from its first part to name one of several ("tiếp đến là Hàn
    Quốc 2.130 người", "còn tại Hàn Quốc ... khoảng 38-42 triệu đồng", "còn hộ dùng 400 kWh trả thêm 51.000 đồng",
    "trong đó vốn vay của Ngân hàng Phát triển châu Á (ADB) là 430 tỷ đồng") and write one of `names` (the question's
    names and figures), if not every span's part does. Not for a question asking of several together ("ở Bangladesh
    và Ấn Độ"), which the whole answers."""
    if _JOINED_NAMES.search(question):
        return set()

    def writes_a_name(text: str) -> bool:
        folded = fold(text).lower()
        return any(re.search(rf"(?<!\w){re.escape(way)}(?!\w)", folded) for ways in names for way in ways)

    # a list of clauses, one naming it: "Mai, 42 tuổi, nhận 5 năm tù; Phạm Quốc Hùng, 38 tuổi, nhận 4 năm 6 tháng tù"
    clauses = [(m.start(), m.end()) for m in re.finditer(r"[^;]+", sentence)]
    naming = [(a, b) for a, b in clauses if writes_a_name(sentence[a:b])] if len(clauses) > 1 else []
    if len(naming) == 1:
        found = {span for span in spans if naming[0][0] <= span[0] and span[1] <= naming[0][1]}
        if found and len(found) < len(spans):
            return found
    found, opening, first_break, unnamed = set(), set(), len(sentence), False
    for span in spans:
        start, end = _part_bounds(sentence, span, _NAME_BREAK)
        if not (_GOES_ON.match(sentence, start) or _SUBSET_BEFORE.search(sentence[:start])
                or (start and _GOES_ON_AFTER.search(sentence, 0, start)
                    and any(_GOES_ON.match(sentence, m.end()) for m in _NAME_BREAK.finditer(sentence, 0, start)
                            if m.end() < start))):
            opening.add(span)
            continue
        first_break = min(first_break, start)
        unnamed = unnamed or not re.search(rf"\s{_CAP}", sentence[start:end])
        if writes_a_name(sentence[start:span[0]] + " " + sentence[span[1]:end]):  # not the figure itself
            found.add(span)
    # none of the parts that go on names it, each names another, and the sentence's opening names it ("Huyện Kon Plông
    # dồn nhiều điểm nhất với 14 điểm, tiếp đến là huyện Tu Mơ Rông 11 điểm"): the opening's figures (but "KiwiTutor
    # có 2,3 triệu người dùng, trong đó khoảng 410.000 người trả phí" is of one whole and its part)
    if not found and not unnamed and first_break < len(sentence) and writes_a_name(sentence[:first_break]):
        found = {span for span in opening if span[1] <= first_break}
    return found if len(found) < len(spans) else set()


# A part that goes on from the first to another of its kind: "riêng", "trong đó", "còn", "tiếp đến là"; or one that
# follows such a part's list after "và" ("tiếp đến là Hàn Quốc 2.130 người và Đài Loan 1.980 người").
_GOES_ON = re.compile(r"\s*(?:riêng|trong đó|còn|tiếp (?:đến|theo) là|kế đến là|sau đó là|đứng sau là)\b",
                      re.IGNORECASE)
_GOES_ON_AFTER = re.compile(r"\s(?:còn|và)\s+$", re.IGNORECASE)
_JOINED_NAMES = re.compile(rf"{_CAP}\s*(?:,|\s(?:và|and|or|hoặc))\s+{_CAP}")  # "Bangladesh và Ấn Độ"


# A part of a list, for the names written in it: brackets hold a name's short form ("(ADB)"), and break no part.
_NAME_BREAK = re.compile(r"[,;:]|\s(?:và|còn|trong khi|riêng|while|and)\s", re.IGNORECASE)


def _worded_subsets(sentence: str, spans: list[tuple[int, int]], plan: _Plan) -> set[tuple[int, int]]:
    """The spans given for a part of a whole ("1,7 triệu lượt khách, trong đó có 48.000 lượt khách quốc tế"; "12,4
    ha, trong đó 8,7 ha thuộc xã Tà Bhing và 3,7 ha thuộc xã Chà Vàl") whose part writes a word of the question
    that the rest of the sentence does not ("quốc", "tế"; "cha", "val"); the question asks of that part. Words are
    read as written where the question has accents ("đồng" of "cánh đồng" is not "đông" of "đông xuân")."""
    accented = has_diacritics(plan.question)

    def read(text: str) -> str:
        return text.lower() if accented else fold(text).lower()

    # (not the names it writes, which `_of_subset` reads: "ở Bangladesh và Ấn Độ" is not "riêng Bangladesh")
    asked = {read(w) for w in _WORD.findall(plan.question) if not w[0].isupper()}
    found = set()
    for span in spans:
        opener = list(_SUBSET_OPENS.finditer(sentence, 0, span[0]))
        if not opener or re.search(r"[.;:]", sentence[opener[-1].end():span[0]]):
            continue
        start, end = _part_bounds(sentence, span)
        part = {w for w in _WORD.findall(read(sentence[start:end])) if fold(w) not in STOP_WORDS and w.isalpha()}
        rest = set(_WORD.findall(read(sentence[:start] + " " + sentence[end:])))
        if any(w in asked and w not in rest for w in part):
            found.add(span)
    return found if len(found) < len(spans) else set()


def _opens_subset(sentence: str, span: tuple[int, int]) -> bool:
    """Whether `span` is in a part of `sentence` that a subset word opens ("riêng", "trong đó")."""
    start, end = _part_bounds(sentence, span)
    return bool(_SUBSET_BEFORE.search(sentence[:start]) or _SUBSET_OPENS.match(sentence[start:end].lstrip()))


def _of_subset(sentence: str, span: tuple[int, int], names: tuple[tuple[str, ...], ...]) -> bool:
    """Whether `span` is in a part of `sentence` that a subset word opens ("riêng", "trong đó") and that writes each
    of `names` (in one of its ways): not "riêng Bangladesh có 131 người" for "ở Bangladesh và Ấn Độ"."""
    if not _opens_subset(sentence, span):
        return False
    folded = fold(_part(sentence, span)).lower()
    return all(any(re.search(rf"(?<!\w){re.escape(way)}(?!\w)", folded) for way in ways) for ways in names)


def _part(sentence: str, span: tuple[int, int]) -> str:
    """The part of a list `span` is in: from the break before it to the break after it."""
    start, end = _part_bounds(sentence, span)
    return sentence[start:end]


def _part_bounds(sentence: str, span: tuple[int, int], breaks: re.Pattern[str] = _PART_BREAK) -> tuple[int, int]:
    """Where `_part` starts and ends (between `breaks`)."""
    before = [m.end() for m in breaks.finditer(sentence, 0, span[0])]
    after = breaks.search(sentence, span[1])
    return before[-1] if before else 0, after.start() if after else len(sentence)


_CLAUSE_BREAK = re.compile(r"[,;:()]")


def _shown(sentence: str, span: tuple[int, int], plan: _Plan) -> tuple[int, int]:
    """The chosen span as bolded: a counted noun read on as far as the question writes it, a place in an order with
    its "thứ"; a name without the honorific or the nationality that opens its run ("Bà H'Liên Êban", "người Anh Tim
    Berners-Lee")."""
    if plan.kind == "quantity":
        place = _ORDINAL_WORD.search(sentence, 0, span[0]) if plan.ordinal else None  # "thứ 8", not "8"
        return _with_question_noun(sentence, (place.start() if place else span[0], span[1]), plan.question)
    honorific = HONORIFIC.match(sentence, *span) if plan.kind == "name" else None
    return (honorific.end(), span[1]) if honorific else span


# Words naming the kind of a named thing, which a question may leave out ("Kiên Giang Sao Biển" for "CLB Kiên Giang
# Sao Biển"), folded; and a place or a road bearing a person's name.
_NAME_KIND_FIRST = re.compile(r"(?:clb|fc|cau lac bo|doi|cong ty|tap doan|ngan hang|truong|benh vien|tinh|thanh pho|"
                              r"tp|quan|huyen|xa|phuong)\s+")  # (a kind alone names nothing: "TP" of "TP Hồ Chí Minh")
PLACE_NAMED = re.compile(r"(?:\bTP\.?|\b[Tt]hành phố|\b[Đđ]ường|\b[Pp]hố|\b[Cc]ầu|\b[Ll]ăng)\s+$")
# The abbreviations of Vietnam's councils, committees and courts, which name no person ("Chủ tịch UBND xã"), though a
# question asking who may be answered by a body where no one is named ("ai trình bày ...?": "UBND huyện"); an
# organisation's abbreviation may answer "who" ("Along with the club, who runs the tournament?": "LTA").
_COUNCILS = re.compile(r"UBND|HĐND|MTTQ|TAND|VKSND|BCH|BCĐ|BQL")
# A district's, a commune's or a ward's name, a pagoda's or a temple's (not after a title or a council: "Chủ tịch UBND
# xã Nguyễn Văn Tám" may name the chairman).
_UNIT_NAMED = re.compile(r"(?<!UBND )(?<!HĐND )(?<!tịch )(?<!thư )(?:\b[Hh]uyện|\b[Xx]ã|\b[Qq]uận|\b[Pp]hường|"
                         r"\b[Cc]hùa|\b[Đđ]ền)\s+$")
# A word opening a sentence, capitalised as its first, that opens no name: "Theo Sở Công Thương Cà Mau, ...".
_OPENING_WORD = re.compile(r"(?:Theo|Tại|Ở|Với|Sau|Trong|Từ|Khi|Còn|Nhưng|Riêng|Đến|Tới|Cùng|Trước|Về)\s+(?=\S)")
HONORIFIC = re.compile(rf"(?:Ông|Bà|Anh|Chị|Cô|Chú|Cụ)\s+(?={_CAP})")  # opening a name: "Bà H'Liên Êban"
_ORDINAL_WORD = re.compile(r"\b(?:thứ|hạng|top)\s+$", re.IGNORECASE)


_NEXT_WORDS = re.compile(r"[ \t]+([^\W\d_]+)")
_GLUE = STOP_WORDS - {"an"}  # "án" (of "dự án") folds to the English "an"
_FUNCTION_WORDS = frozenset("""trong của và là được các những cho với này để không ở tại từ đến như thì về sau trước
hơn nhất cũng sẽ đang mà vào ra lên bởi theo trên dưới khi đã có bị""".split())


def _with_question_noun(sentence: str, span: tuple[int, int], question: str) -> tuple[int, int]:
    """Number words take one word after them as what they count, which may be half a noun: "hai dự" + "án",
    "mười một đơn" + "vị học thuật" when the question has "dự án", "đơn vị học thuật". Up to four more words, each
    making a pair of the question's with the word before it (as written, or folded if it is no function word: an
    unaccented question). Not after "người" (a verb follows: "hai mươi người tham gia"), nor after digits, whose
    units are read whole already."""
    a, b = span
    if sentence[a].isdigit() or not sentence[b - 1:b].isalpha():
        return span
    last = WORDS.findall(sentence, a, b)[-1].lower()
    if fold(last) == "nguoi":
        return span
    for _ in range(4):
        m = _NEXT_WORDS.match(sentence, b)
        word = m.group(1).lower() if m else ""
        if not word or word in _FUNCTION_WORDS or not (
                _has_pair(question.lower(), last, word)
                or (fold(word) not in _GLUE and _has_pair(fold(question).lower(), fold(last), fold(word)))):
            break
        b, last = m.end(), word
    return a, b


def _has_pair(text: str, first: str, second: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(first)}\s+{re.escape(second)}(?!\w)", text) is not None


# Between the two ends of a range: "7.200 đến 7.800 đồng/kg", "150-250 mm", "từ năm 2019 đến năm 2023". "và" /
# "hoặc" join two values only after a bare one ("ngày 27 và 28/6", "3 hoặc 4 người"): after a counted one they
# join two answers to different things ("2 người bị thương và 35 ngôi nhà").
_RANGE = re.compile(r"\s*[-–—]\s*|\s+(?:đến|tới|to)\s+", re.IGNORECASE)
_JOINED = re.compile(r"\s+(?:và|hoặc|and|or)\s+", re.IGNORECASE)
_BARE = re.compile(r"(?:ngày\s+)?\d+(?:[.,]\d+)*", re.IGNORECASE)


def _ranges(sentence: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` (in order) with the two ends of each range made one span, and a time in several units too ("3 phút
    52 giây 76", "2 giờ 31 phút 08 giây", "4 năm 6 tháng")."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out:
            p, q = out[-1]
            bare_first = _BARE.fullmatch(sentence, p, q)
            # (not values given "lần lượt", one to each thing listed: "lần lượt thiếu 96 và 81 giáo viên")
            if _RANGE.fullmatch(sentence, q, a) or (bare_first and _JOINED.fullmatch(sentence, q, a)
                                                    and not _RESPECTIVELY.search(sentence, 0, p)):
                out[-1] = (p, b)
                continue
            if sentence[q:a].isspace() and (
                    (_TIME_UNIT_END.search(sentence, p, q) and _SMALLER_TIME.fullmatch(sentence, a, b))
                    or (sentence.endswith("năm", p, q) and _MONTHS.fullmatch(sentence, a, b))
                    or (sentence.endswith("giây", p, q) and _HUNDREDTHS.fullmatch(sentence, a, b))):
                out[-1] = (p, b)
                continue
        out.append((a, b))
    return out


_TIME_UNIT_END = re.compile(r"(?:giờ|tiếng|phút)$")
_SMALLER_TIME = re.compile(r"\d{1,2}\s+(?:phút|giây)")
_HUNDREDTHS = re.compile(r"\d{2}")  # "52 giây 76"
_MONTHS = re.compile(r"\d{1,2}\s+tháng")  # "4 năm 6 tháng tù"


_AFTER_NUMBER = re.compile(r"\d(?:\s+(?:tỷ|triệu|nghìn|ngàn|trăm))?\s*$")
_LOWER_NEXT = re.compile(r"[ \t]+[^\W\d_]")
CUT_SHORT_PENALTY = 3.0  # more than the largest length bonus (1.5): a whole name wins over one cut short


def _cut_short(sentence: str, a: int, b: int) -> bool:
    """A capitalised run of Vietnamese words that goes on in lower case is the start of a longer name of a body
    or title, capitalised only at each word's first syllable ("Ban Chấp hành", "Phó Chủ tịch", "Viện Nghiên cứu"),
    not a name of its own. A person's name starts with a family name ("Nguyễn Văn Thành kết luận"), and a foreign
    name is not spelled the Vietnamese way ("Kawann Short dẫn đầu")."""
    after = _LOWER_NEXT.match(sentence, b)
    if after is None or not after.group()[-1].islower():
        return False
    words = WORDS.findall(sentence, a, b)
    return words[0].lower() not in SURNAMES and vietnamese_run(words)


# Countries Vietnamese names in one word ("hiện là Mỹ với 31% kim ngạch"): a name of their own, not one cut short,
# where no person is asked.
_ONE_WORD_COUNTRIES = frozenset("Mỹ Lào Nga Pháp Đức Anh Ý Nhật Úc Bỉ Séc".split())


_FIRST_WORD = re.compile(rf"\s*{_CAP}(?![\w-]|[\s-]+[{_UPPER}])")


# A word ending as no Vietnamese syllable can (after a consonant other than c, m, n, p, t, ch, ng, nh).
_FOREIGN_END = re.compile(r"[bdfjklqrsvwxz]$|(?<!n)g$|(?<![cn])h$")


def _foreign_first(sentence: str) -> list[re.Match[str]]:
    """The sentence's first word when it is a name on its own: capitalised like every first word, but ending as
    no Vietnamese word does ("Philippines tiếp tục là...", "Greenland"; not "Theo", "Năm", nor a loanword such
    as "Oxi"), or of five letters or more spelling no Vietnamese syllable ("Siriporn là cầu thủ ghi nhiều điểm
    nhất"). A run of two capitalised words is found by NAME."""
    m = _FIRST_WORD.match(sentence)
    word = m.group().strip() if m else ""
    return [m] if m and (_FOREIGN_END.search(fold(word).lower()) or len(word) >= 5 and foreign_word(word)) else []


def _split_at_person(sentence: str, a: int, b: int) -> tuple[tuple[int, int], ...]:
    """A name run, or its two parts if a family name starts a person's name inside it (`SURNAMES`)."""
    words = list(_WORD.finditer(sentence, a, b))
    # a run that starts with a family name is one person's, unless too long for one ("Hà Nội Nguyễn Văn Thắng")
    if len(words) < 2 or words[0].group().lower() in SURNAMES and len(words) <= 4:
        return ((a, b),)
    for w in words[1:-1]:  # a person's name has a given name after the family name: "Đại Tây Dương" is no split
        if w.group().lower() in SURNAMES:
            return (a, len(sentence[:w.start()].rstrip(" -"))), (w.start(), b)
    return ((a, b),)


def _given_names(question: str) -> tuple[tuple[str, ...], ...]:
    """The names a question gives: its runs of capitalised words as written, not counting its first word
    ("Quốc gia nào...?" gives no "Quốc"; "Whose horse struck Emily Davison?" gives "Emily Davison")."""
    runs: list[list[str]] = []
    end = -1  # where the run being read ends in `question`, or -1
    for w in _WORD.finditer(question):
        if w.start() == 0 or not w.group()[0].isupper():
            end = -1
            continue
        if end >= 0 and not question[end:w.start()].strip():
            runs[-1].append(w.group())
        else:
            runs.append([w.group()])
        end = w.end()
    return tuple(tuple(run) for run in runs)


def _past_known(sentence: str, a: int, b: int, given: tuple[tuple[str, ...], ...]) -> tuple[int, int]:
    """A name run without a name the question gives whole (`given`: `_given_names`) at its start: "Tổng thống
    Chile tên là gì?" bolds "Andrés Valdivia" of "Chile Andrés Valdivia"; "Trung Quốc" and "Emily Wilding
    Davison" stay whole. A Vietnamese person's name is never cut."""
    words = list(_WORD.finditer(sentence, a, b))
    texts = tuple(w.group() for w in words)
    if person_shaped(list(texts)):  # "Vũ Quang Huy" is one name, whatever "Trung tâm Vũ trụ" in the question gives
        return a, b
    for run in given:
        if len(run) < len(texts) and texts[:len(run)] == run:
            return words[len(run)].start(), b
    return a, b


@dataclass(frozen=True)
class _Plan:
    """What one question asks for, computed once for all the sentences quoted for it."""

    kind: str
    pattern: re.Pattern[str]
    words: frozenset[str]  # the question's folded words
    units: tuple[re.Pattern[str], ...]  # units (or date parts) its wording asks for
    counted: re.Pattern[str] | None  # the noun after "bao nhiêu" / "mấy", as a whole word
    person: bool  # "ai" / "who": a person's name, rather than a place's or a team's
    question: str  # as asked: a counted noun is read on as far as it writes it (`_with_question_noun`)
    given: tuple[tuple[str, ...], ...] = ()  # the names it gives (`_given_names`), for a name question
    cue: str | None = None  # the word before "bao nhiêu" that the answer's figure follows ("lên", "còn"), folded
    per: re.Pattern[str] | None = None  # "bao nhiêu một lượng": the figure is per that unit ("mỗi lượng", "/m2")
    difference: bool = False  # it asks a difference or a change ("hơn", "chênh lệch", "tăng"), or an old value
    place: bool = False  # it asks for a place or a team (`ASKS_PLACE`)
    named: str | None = None  # the kind of thing whose name it asks ("truong" of "trường nào"), folded
    ordinal: bool = False  # it asks a place in an order ("xếp thứ mấy", "what place"): "thứ 8", not "10 cảng"
    superlative: str | None = None  # the adjective of its superlative ("lon" of "lớn nhất", "largest"), folded
    winner: bool = False  # it asks who won: not the name after "thắng" / "beat", who lost (`_BEATEN`)
    given_numbers: frozenset[str] = frozenset()  # an English question's figures, as digits ("five days": "5")
    counted_pair: re.Pattern[str] | None = None  # "bao nhiêu giải Nhì": the counted noun with the word after it
    now: bool = False  # it asks what a thing is now, or after a change ("today", "in total", "sau khi", "new price")
    # an English question's phrases as the Vietnamese its glossary renders them, each a tuple of folded words
    # ("heart attacks": ("nhoi", "mau", "co", "tim")): words the sentence writes as the question's, where it writes
    # the whole rendering
    rendered: tuple[tuple[str, ...], ...] = ()

    def fit(self, text: str, after: str, before: str = "") -> float:
        """10 per unit or date part asked for, 10 for the counted noun in the span or right after it (a word
        may come between: "35 căn nhà" for "bao nhiêu nhà"), -20 for a bare year as a quantity, -20 for a clock
        time ("2h42") unless the time of day is asked, a little for longer capitalised runs (several words are
        more likely a name than "Đảng"), 2 for a Vietnamese family name first when a person is asked for (in a
        name of two words or more)."""
        score = 10.0 * sum(1 for unit in self.units if unit.search(text))
        if self.pattern is SCORE:  # the final score, not one on the way ("dẫn trước 6-0 sau hiệp một")
            lead = fold(before)
            return score + 5 * bool(_FINAL_SCORE.search(lead)) - 5 * bool(_SCORE_ON_THE_WAY.search(lead))
        if self.kind == "quantity":
            lead = fold(before)
            if self.cue and re.search(rf"\b{self.cue}\s*$", lead):
                score += 5
            if self.per is not None and self.per.search(fold(text)):
                score += 10
            if self.ordinal and (_ORDINAL_BEFORE.search(lead) or fold(text).lower().startswith("thu ")):
                score += 10
            # "thấp hơn giá vàng miếng 12,3 triệu đồng", "hơn đội cuối bảng 1 điểm": a difference; "rút ngắn từ 3
            # ngày xuống còn 2 ngày": the value before a change. Neither answers what a thing is now.
            if not self.difference and (_COMPARED.search(lead)
                                        or (_FROM.search(lead) and _CHANGED_TO.match(fold(after)))):
                score -= 5
            # "... nhưng nay con số đã tăng lên hơn 120 hộ", "nâng tổng số điểm bán lên 245": what it came to
            if self.now and not self.difference and _CHANGED_INTO.search(lead):
                score += 3
            if self.counted is not None:
                following = fold(after)
                if (self.counted.search(fold(text)) or self.counted.match(following.lstrip())
                        or self.counted.match(_NEXT_WORD.sub("", following, count=1))):
                    score += 10
                if self.counted_pair is not None and self.counted_pair.match(following.lstrip().lower()):
                    score += 5  # "31 giải Nhì", not "14 giải Nhất"
            clock = _TIME_OF_DAY not in self.units and _CLOCK_TIME.fullmatch(text)
            # A count in words that carries nothing the question asks for ("Sau hai buổi đối thoại, công ty nâng
            # mức thưởng lên 0,8 tháng lương") is news counting in passing; a figure in digits is what it reports.
            in_words = score < 10 and not any(ch.isdigit() for ch in text)
            return score - 20 * bool(BARE_YEAR.fullmatch(text)) - 20 * bool(clock) - IN_WORDS_PENALTY * in_words
        if self.kind == "name":
            words = _WORD.findall(text)
            person = self.person and len(words) > 1 and words[0].lower() in SURNAMES  # not "Đào" of "Đào tạo"
            score += 0.5 * min(len(words), 3) + (2.0 if person else 0.0)
            # "sân nào": the name the sentence writes after "sân" ("sân Lạch Tray"), or starting with "Trường"
            if self.named and (re.search(rf"\b{self.named}\s*$", fold(before).lower())
                               or fold(text).lower().startswith(self.named + " ")):
                score += 3.0
            if self.winner and _BEATEN.search(fold(before).lower()):
                score -= BEATEN_PENALTY
        return score


# "How tall / high / deep ...": a figure, for the bold only. Read as a quantity question, it moved the English
# off-topic floor (one of its everyday questions is "How tall is Mount Everest?") and 11 right answers were declined.
_WHAT_SUM = (r"what (?:do|does|did|will|would) (?:[a-z'-]+ ){1,6}(?:pay|charge|earn|cost)\b")  # "What do traders pay
_HOW_MEASURE = re.compile(EN_LEAD + rf"(?:how (?:high|deep|tall|wide|heavy|hot|cold|accurate)\b|{_WHAT_SUM})")
_ASKS_SUM = re.compile(EN_LEAD + _WHAT_SUM)  # a sum, and nothing else: "1.200 ha" is no cost
# A place in an order ("xếp thứ mấy", "đứng hạng bao nhiêu", "what place", "which position"), folded: the figure after
# "thứ", "hạng" or "top" is its answer; a quantity, for the bold only (as "how tall" above). Not "hàng may mặc".
_ORDINAL_ASKED = re.compile(r"\b(?:thu|hang) (?:may|bao nhieu)\b(?! mac)|\b(?:what|which) (?:place|position|rank|"
                            r"ranking|spot)\b|\branked\b|\b(?:where|how high) (?:does|do|did) .{1,80}?\brank\b")
# "What was the national grid's peak power demand on June 11?", "What is Vietnam's population as of April 2025?": a
# measure after more words, or other words after it, than a question is typed a quantity by
# (`retrieval.asks.EN_TYPES`), or a level reached; for the bold only.
# (Not "What was holding back the city's growth?": no article nor verb among the words.)
_LONG_MEASURE = re.compile(EN_LEAD + r"(?:what|which) (?:is|was|were|are) (?:the )?"
                           r"(?:(?!(?:on|of|in|for|at|to|by|the|a|an|[a-z]+ing)(?![\w'-]))[a-z-]+(?:'s)? ){0,6}"
                           rf"(?:{MEASURES})s?"
                           r"(?=\s*(?:[?.,!]|$|"
                           r"(?:of|in|for|per|during|at|on|as|last|this|from|to|by|after|before|where|when)\b))"
                           # "What did roofing sheet prices rise to?", "What did exports reach?"
                           r"|" + EN_LEAD + r"what (?:did|does|do|will|has|have|had) (?:[a-z'-]+ ){1,6}"
                           r"(?:rise|rose|risen|climb(?:ed)?|fall|fell|fallen|drop(?:ped)?|increase[ds]?|decrease[ds]?)"
                           r" to\b|" + EN_LEAD + r"what (?:did|does|do|will) (?:[a-z'-]+ ){1,6}reach\b")
# A superlative asked ("lớn nhất", "cao nhất", "the largest"), folded: its adjective, as a sentence writes it.
_SUPERLATIVE_VI = re.compile(r"\b([a-z]+) nhat\b")
_SUPERLATIVE_EN = {"largest": "lon", "biggest": "lon", "highest": "cao", "tallest": "cao", "lowest": "thap",
                   "hottest": "nong", "coldest": "lanh|ret", "fewest": "it", "best": "tot", "fastest": "nhanh",
                   "longest": "dai", "worst": "te|nang", "deepest": "sau"}
SUPERLATIVE_LEADS = frozenset("lon cao nhieu".split())  # superlatives that "dẫn đầu" says too
# "thứ nhất", "hạng nhất" (first), "duy nhất" (only), "đồng nhất" (uniform), "ít nhất" (at least)
_NOT_SUPERLATIVE = frozenset("thu hang duy dong it".split())


def superlative(question: str) -> str | None:
    """The adjective of the question's superlative, as a pattern for a folded word, or None. Its "nhất" written in
    lower case ("lũy Nhật Lệ" is a name) and, typed without accents, not Japan's ("hang nhat ban")."""
    lower = fold(question).lower()
    vi = [m.group(1) for m in _SUPERLATIVE_VI.finditer(lower) if m.group(1) not in _NOT_SUPERLATIVE
          and question[m.end() - 4:m.end()] in ("nhất", "nhat") and not lower.startswith(" ban", m.end())]
    if vi:
        return vi[0]
    return next((adj for word, adj in _SUPERLATIVE_EN.items() if re.search(rf"\b{word}\b", lower)), None)


_ORDINAL_BEFORE = re.compile(r"\b(?:thu|hang|top|vi tri so)\s*$", re.IGNORECASE)
# "Cầu thủ nào", "which analyst": a person's name, for the bold only (as "how tall" above: the answer type of ranking
# is left as it was measured).
_WHICH_PERSON = re.compile(
    r"\b(?:cau thu|van dong vien|vdv|tay vot|kinh ngu|hlv|huan luyen vien|chuyen gia|bac si|ca si|nghe si|thi sinh|"
    r"quan chuc|bi cao|nan nhan|tac gia|nha bao|doanh nhan|thu mon|tien dao|trong tai|ngu dan|nong dan|cong nhan|"
    r"giao vien|ky su|tai xe|phi cong|nghe nhan|ung vien|dai bieu|luat su|hoc sinh|sinh vien|hoc vien) nao\b|"
    + EN_LEAD + r"(?:which|what) (?:(?!(?:of|in|on|at|for|to|by|with|do|does|did|is|are|was|were|will|must|can|"
    r"could|would|should|has|have|had|the|a|an)\b)[a-z-]+ ){0,3}?(player|athlete|coach|analyst|expert|doctor|"
    r"official|minister|singer|artist|defendant|victim|author|journalist|swimmer|striker|goalkeeper|referee|"
    r"scientist|engineer|businessman|businesswoman|entrepreneur|investor|founder)s?\b(?!')")


@functools.lru_cache(maxsize=256)
def _plan(question: str, *, bold: bool = False) -> _Plan | None:
    folded_q = fold(question)
    kind = question_type(question)
    person = bool(_PERSON.search(folded_q))
    ordinal = bold and bool(_ORDINAL_ASKED.search(folded_q.lower()))
    if kind is None and bold:
        if _HOW_MEASURE.search(folded_q) or ordinal or _LONG_MEASURE.search(folded_q):
            kind = "quantity"
        elif (which := _WHICH_PERSON.search(fold_aligned(question))) and not (
                which.group(1) and question[which.start(1)].isupper()):  # not "What Doctor Who ...?"
            kind, person = "name", True
    if kind is None:
        return None
    if ASKS_SCORE.search(folded_q):
        return _Plan(kind, SCORE, frozenset(_WORD.findall(folded_q)), (SCORE,), None, False, question)
    hints = {"quantity": _UNIT_HINTS, "date": _DATE_HINTS}.get(kind, ())
    units = tuple(unit for hint, unit in hints if hint.search(folded_q))
    if kind == "quantity" and MONEY not in units and asks_money(question):
        units += (MONEY,)
    if _SHARE_OF_SUM.search(folded_q):  # "tỷ lệ giải ngân vốn đầu tư công": a share of a sum, not the sum
        units = tuple(unit for unit in units if unit is not MONEY)
    # The unit named right after "bao nhiêu" is the one asked for; "chi phí" elsewhere in "bao nhiêu phần trăm chi
    # phí" only says what it is a share of.
    asked = _ASKED_NEXT.search(folded_q)
    named = tuple(unit for hint, unit in hints if asked and hint.search(asked.group(1)))
    cue = _CUE.search(folded_q)
    per = _PER_ASKED.search(folded_q)
    words = frozenset(_WORD.findall(folded_q)).union(*(vi.split() for en, vi in _EN_ANCHORS if en.search(folded_q)))
    return _Plan(kind, {"quantity": QUANTITY, "date": DATE, "name": NAME}[kind], words, named or units,
                 counted_noun(folded_q) if kind == "quantity" else None, person,
                 question, _given_names(question) if kind == "name" else (), cue.group(1) if cue else None,
                 re.compile(rf"(?:/|\bmoi |\bmot )\s*{per.group(1)}\b") if per else None,
                 bool(_ASKS_DIFFERENCE.search(folded_q)), bool(ASKS_PLACE.search(folded_q)),
                 named.group(1) if (named := NAMED_KIND.search(folded_q)) else None, ordinal and kind == "quantity",
                 superlative(question), kind == "name" and bool(_ASKS_WINNER.search(folded_q.lower())),
                 _english_numbers(folded_q) if kind == "quantity" and detect_language(question) == "en"
                 else frozenset(),
                 _counted_pair(question) if kind == "quantity" else None,
                 bool(_ASKS_NOW.search(folded_q.lower())) and not _ASKS_ADDED.search(folded_q.lower()),
                 _rendered(question) if bold and detect_language(question) == "en" else ())


def _rendered(question: str) -> tuple[tuple[str, ...], ...]:
    """An English question's glossary renderings (`retrieval.glossary`) of two words or more, each as its folded
    words. (One folded syllable says too little: "đạt" for "reach" is also "đất", "đặt", and pulled the bold of "What
    share of the district People's Council estimate did budget revenue reach?" to "đạt 40% kế hoạch".)"""
    return tuple(dict.fromkeys(words for r in glossary().read(question) if len(words := tuple(_WORD.findall(
        fold(r).lower()))) > 1))


def _counted_pair(question: str) -> re.Pattern[str] | None:
    """"bao nhiêu giải Nhì" -> "giai nhi" (folded), the counted noun and the capitalised word that names which of its
    kind; None when no such word follows it ("bao nhiêu lượt khách")."""
    m = _COUNTED_NAMED.search(question)
    return re.compile(rf"{fold(m.group(1)).lower()}\s+{fold(m.group(2)).lower()}\b") if m else None


_COUNTED_NAMED = re.compile(rf"\b(?i:bao nhiêu|mấy)\s+([^\W\d_]+)\s+({_CAP})")


_EN_NUMBER_WORDS = {w: str(n) for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_EN_FIGURE = re.compile(r"\b(?:\d+(?:[.,]\d+)*|" + "|".join(_EN_NUMBER_WORDS) + r")\b", re.IGNORECASE)


def _english_numbers(folded_q: str) -> frozenset[str]:
    """The figures an English question gives, as digits: "after five days" gives "5", which its answer is not
    ("Sau 5 ngày thi đấu, ... TP HCM xếp thứ hai với 11 HCV"); a Vietnamese question's own figures are its words."""
    return frozenset(_EN_NUMBER_WORDS.get(m.group().lower(), m.group()) for m in _EN_FIGURE.finditer(folded_q))


# Who won ("Ai vô địch đơn nữ?", "Ai thắng ...?", "Who won the final?", "Who beat ...?"), folded; the one beaten is
# named after "thắng", "đánh bại", "vượt qua" ("Lâm Thu Trang bảo vệ ngôi vô địch sau khi thắng Vũ Hải Yến").
_ASKS_WINNER = re.compile(r"\b(?:ai|(?:doi|nguoi|tay vot|vdv|ky thu|cau thu|clb|nuoc|ung vien)\s+nao)\s+"
                          r"(?:da\s+|la\s+(?:nguoi\s+)?)?(?:vo dich|thang|gianh|doat|dang quang|len ngoi)|"
                          r"\b(?:vo dich|chien thang|dang quang)\b.*\bla ai\b|"
                          r"\b(?:who|which (?:team|player|club|country|side|candidate))\s+(?:won|wins|beat|defeated|"
                          r"claimed|took)\b|\b(?:winner|champion)\b")
_BEATEN = re.compile(r"\b(?:thang(?:\s+(?:nguoc|sat nut|dam|de dang|kich tinh|cach biet))?|danh bai|vuot qua|ha guc|"
                     r"beat|beating|defeated|defeating|over)(?:\s+[^\W\d_]+){0,2}\s*$")  # "thắng ngược Ngân hàng"
# More than the question's words around the beaten one pull it ("ngôi vô địch sau khi thắng Vũ Hải Yến": at 3.0
# the beaten one was still bolded).
BEATEN_PENALTY = 5.0


# English words whose Vietnamese the bold span is drawn to, as it is to a Vietnamese question's own words: "How many
# people are still missing?" bolds the "2 người" of "4 người chết, 2 người mất tích" (folded).
_EN_ANCHORS = (
    (re.compile(r"\bmissing\b"), "tich"),  # one word of each: a two-word phrase would pull twice
    (re.compile(r"\b(?:died|dead|killed|deaths?)\b"), "chet mang vong"),  # one of "chết", "thiệt mạng", "tử vong"
    (re.compile(r"\b(?:injured|wounded|injuries)\b"), "thuong"),
    (re.compile(r"\b(?:rise|rose|risen|increased?|grow|grew|grown|up)\b"), "tang"),
    (re.compile(r"\b(?:fall|fell|fallen|drop(?:ped)?|decreased?|declined?|down)\b"), "giam"),
    (re.compile(r"\b(?:concede[ds]?|let in)\b"), "thung luoi"),
    (re.compile(r"\b(?:sell(?:ing|s)?|sold)\b"), "ban"),  # "bán ra", the dealer's selling price
    (re.compile(r"\b(?:buy(?:ing|s)?|bought)\b"), "mua"),
    (re.compile(r"\bprofits?\b"), "nhuan lai"),  # "lợi nhuận", "lãi"
    (re.compile(r"\b(?:revenue|turnover|sales)\b"), "doanh"),  # "doanh thu"
    (re.compile(r"\bestimates?\b"), "toan"),  # "dự toán", a budget's estimate
    (re.compile(r"\b(?:plan|planned|target)\b"), "hoach"),  # "kế hoạch"
    (re.compile(r"\bdistrict\b"), "huyen"),
    (re.compile(r"\b(?:serious(?:ly)?|critical(?:ly)?|severe(?:ly)?)\b"), "nang"),  # "bị thương nặng"
    (re.compile(r"\bpeople's council\b"), "hdnd"),
    (re.compile(r"\b(?:exports?|exported)\b"), "xuat"),
    (re.compile(r"\b(?:imports?|imported)\b"), "nhap"),
    (re.compile(r"\binterest\b"), "suat"),  # "lãi suất"
    (re.compile(r"\bprices?\b"), "gia"),
    (re.compile(r"\bdividends?\b"), "tuc"),  # "cổ tức"
    (re.compile(r"\b(?:duty|duties|tariffs?)\b"), "thue"),
    (re.compile(r"\btemperatures?\b"), "nhiet"),
    (re.compile(r"\boutput\b"), "luong"),  # "sản lượng"
    (re.compile(r"\b(?:paying|paid)\b"), "phi"),  # "người trả phí"
    (re.compile(r"\bcapacity\b"), "suat"),  # "công suất"
    (re.compile(r"\bmonthly\b"), "thang"),  # "vé tháng", "lương tháng"
)
# A figure after "hơn" / "kém" and a word or more ("cao hơn cùng kỳ 5%"), or after "từ" with "lên" / "xuống" next.
_COMPARED = re.compile(r"\b(?:hon|kem)(?:\s+[^\W\d_]+){1,5}\s+$")
# "từ 3 ngày xuống còn 2", "từ mức 2.204 đồng lên 2.283 đồng", "từ khoảng 1 giờ 30 phút xuống còn 50 phút"
_FROM = re.compile(r"\btu(?:\s+(?:muc|khoang|gan|hon|tren|duoi))?\s+$")
_CHANGED_TO = re.compile(r"(?:\s+[^\W\d_]+){0,3}?\s+(?:len|xuong)\b")
_CHANGED_INTO = re.compile(r"\b(?:len|xuong(?:\s+con)?)(?:\s+(?:hon|khoang|gan|muc|tren))?\s*$")
# A question on what a thing is now or after a change (folded, lower case); not on what was added ("kéo dài thêm bao
# lâu", "mở thêm bao nhiêu cửa hàng").
_ASKS_ADDED = re.compile(r"\b(?:them|more|additional|extra)\b")
_ASKS_NOW = re.compile(r"\b(?:total|now|today|currently|presently|after|hien nay|hien tai|bay gio|sau khi|tong|"
                       r"new (?:[a-z-]+ ){0,2}(?:price|rate|level|fee|fare|toll|salary|wage|tariff|time)s?)\b")
_ASKS_DIFFERENCE = re.compile(r"\b(?:hon|kem|chenh|tang|giam|so voi|truoc do|truoc day|truoc kia|ban dau|"
                              r"more|less|fewer|higher|lower|cheaper|difference|gap|rise|rose|increase|grow|grew|"
                              r"drop|fall|fell|decline|before|previous(?:ly)?|originally|used to)\b")
# "bao nhiêu phần trăm ...": the two words after the asking words.
_ASKED_NEXT = re.compile(r"\b(?:bao nhieu|how many|how much)((?:\s+[\w%]+){1,2})")
# "tăng lên bao nhiêu", "giảm xuống còn bao nhiêu": the answer is the figure after "lên", "còn" ("từ 62% lên 88%").
_CUE = re.compile(r"\b(len|xuong|con|toi)\s+bao nhieu\b")


def fits_wording(question: str, sentence: str) -> bool | None:
    """None if `question` asks for no unit, counted noun or date precision in its wording (or asks for no
    quantity or date); else whether `sentence` has a span of the asked-for type, not in the question, that
    carries it: "mấy lần" and "22 lần", "bao nhiêu phần trăm" and "12%", "năm nào" and "1185"."""
    plan = _plan(question)
    if plan is None or plan.kind not in ("quantity", "date") or not (plan.units or plan.counted):
        return None
    for m in plan.pattern.finditer(sentence):
        words = _WORD.findall(fold(m.group()))
        if words and not all(w in plan.words for w in words) \
                and plan.fit(m.group(), sentence[m.end():m.end() + 40]) >= 10:
            return True
    return False


def names_person(question: str, sentence: str) -> bool | None:
    """None unless `question` asks who ("ai", "người nào", "who"); else whether `sentence` names a person the
    question does not: a run of three or four Vietnamese words starting with a family name ("Trần Thị Bích Vân",
    split off a title as the bold span is: "Cục trưởng ... Tống Văn Khoa"). Other names a "who" question may want
    (a body, "Ban Chấp hành", or a foreign person) are not read here: the answer-type bonus credits them all."""
    plan = _plan(question)
    if plan is None or plan.kind != "name" or not plan.person:
        return None
    for a, b in name_parts(sentence):
        words = WORDS.findall(sentence, a, b)
        if person_shaped(words) and not all(fold(w) in plan.words for w in words):
            return True
    return False


def name_parts(sentence: str) -> Iterator[tuple[int, int]]:
    """Each capitalised name in `sentence` (`NAME`), without surrounding spaces, split in two where a person's
    name starts inside it ("Cục trưởng Cục Quản lý lao động ngoài nước Tống Văn Khoa")."""
    for m in NAME.finditer(sentence):
        text = m.group()
        yield from _split_at_person(sentence, m.start() + len(text) - len(text.lstrip()),
                                    m.end() - len(text) + len(text.rstrip()))


def counted_noun(folded_q: str) -> re.Pattern[str] | None:
    """The noun a quantity question counts, as the sentence would write it: "bao nhiêu người" -> "nguoi";
    "how many (new) members" -> "thanh vien|dang vien|hoi vien"."""
    vi = _COUNTED.search(folded_q)
    if vi and vi.group(1) not in _MEASURED_NOUNS:
        nouns = [vi.group(1)]
        if vi.group(1) in _CLASSIFIERS and vi.group(2):
            nouns.append(vi.group(2))
        return re.compile(rf"\b(?:{'|'.join(map(re.escape, nouns))})\b")
    en = _EN_COUNTED.search(folded_q)
    noun = next((_EN_NOUNS[w] for w in en.group(1).split() if w in _EN_NOUNS), None) if en else None
    return re.compile(rf"\b(?:{noun})\b") if noun else None
