"""What a quantity question says its answer measures, and whether a sentence's figures all measure something else.

"Dân số huyện Cẩm Xuyên là bao nhiêu người?" asks for a count of people; a sentence on the district whose only
figure is "6 tháng" (a duration) cannot answer it, however close its words come. The answer declines such a
quote (`contradicts`). Only a contradiction counts, never a mere absence: a bare number, or a number before a
noun that is no unit ("35 căn nhà", "118 lần"), contradicts nothing, because news words a count in many ways
(requiring the question's unit or counted noun next to a figure lost 33 of 70 right answers on XQuAD-vi:
eval/experiments/typed_decline.py --strict). An age is the exception: news writes it with "tuổi" or a year, so
"250 đại biểu" cannot answer "bao nhiêu tuổi?"; and a price, written with its currency or its scale ("35.000 lượt
khách" cannot answer "Giá vé ... bao nhiêu?"). Measured in eval/experiments/unit_conflict.py. And a sum is never
absent: a sentence that writes no sum, neither with its currency or its scale ("45.000đ", "150 nghìn") nor in words
("một xu", "vài trăm nghìn"), nor "miễn phí", cannot answer "bao nhiêu tiền?" (`_may_be_a_sum`), whatever other
figures it has ("vòng 18", "2 phút 15 giây 42").

What is asked: a share ("tỷ lệ", "phần trăm", "what percentage"), a distance ("bao xa"), an age ("bao nhiêu tuổi"),
a duration ("bao lâu"; not "how long", which is a length as often), money ("bao nhiêu tiền", a price: "Giá vé ... là
bao nhiêu?", "How much did it cost?"; not a change of one: "Giá xăng tăng bao nhiêu?"), a mass ("nặng bao
nhiêu", "how heavy"), the measure of a unit counted ("bao nhiêu ha", "how many years"), or a count of things
("bao nhiêu người", "mấy lần", "how many households"): only for nouns that count discrete things, since the word
after "bao nhiêu" is often no noun ("tăng bao nhiêu so với", "vay bao nhiêu để"); English "how many" always names
what it counts, so any noun after it that is no unit counts things ("how many e-visa applications"). Otherwise
nothing is known, and nothing contradicts. A population may be answered by a share, but only a share of people.

A casualty is read the same way: a question on the injured ("bao nhiêu người bị thương?") is not answered by a
sentence that tells only of the dead ("7 người thiệt mạng"), nor one on the dead by "5 người bị thương nặng"; and
here an absence counts: a count of the dead is not answered by a sentence that tells of no casualty at all ("9 điểm
sạt lở"), since news always writes the dead as dead (one XQuAD-vi answer lost: "mất 30 đến 50 nghìn dân").
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping

from retrieval.asks import (ASKS_COST_EN, ASKS_PRICE, ASKS_PRICE_FOLDED, ASKS_SUM_EN, ASKS_SUM_VI, ASKS_SUM_VI_FOLDED,
                            SHARE_WORDS, asks_money, asks_score, lower_unnamed, question_type)
from retrieval.counted import other_counted
from retrieval.language import detect_language, has_diacritics
from retrieval.numbered import names_numbered, other_numbered
from retrieval.periods import (PERIODS, other_dated_year, other_day, other_first_span, other_last_year, other_period,
                               other_spanning_year, other_this_year, other_year, tells_period, tells_year,
                               year_for_month)
from retrieval.persons import other_person
from retrieval.places import mentions_asked, names_partner, one_of_together, other_place
from retrieval.roles import fits_title
from retrieval.siblings import names_named, other_named
from retrieval.span_plan import counted_noun
from retrieval.span_shapes import BARE_YEAR, DATE, MONEY, QUANTITY, SCORE, STOP_WORDS, STOP_WORDS_WRITTEN
from retrieval.spans import answer_span
from retrieval.textnorm import fold
from retrieval.types import Mismatch
from retrieval.varieties import asked_variety, names_variety, other_variety

# The measure a figure's unit writes, read at the end of the figure on folded text ("120,3 tỷ đồng"; "65.000
# đồng/kg" is money per mass: money).
_UNITS = (
    ("money", r"(?:dong|usd|do la|euro|bang anh|yen|nhan dan te|baht|rup|won)(?:\s*(?:/|moi\s).*)?"),
    ("share", r"(?:%|phan tram)"),
    ("time", r"(?:nam|thang|tuan|ngay|gio|tieng|phut|giay)(?:\s+\d{1,2}\s+phut)?(?:\s+dong ho)?"),
    ("area", r"(?:ha|hec-ta|m2|m²)"),
    ("length", r"(?:km|mm|cm|m|met|cay so)"),
    ("speed", r"(?:km/h|m/s)"),
    ("mass", r"(?:tan|kg)"),
    ("volume", r"(?:lit|m3|m³)"),
    ("age", r"tuoi"),
    ("temperature", r"do(?:\s+[cf])?"),
)
_UNIT_AT_END = tuple((name, re.compile(rf"\d[\d.,]*\s*(?:(?:ty|trieu|nghin|ngan|tram)\s*)?{unit}$"))
                     for name, unit in _UNITS)
# What the question's wording names (folded). Narrower than `span_plan._UNIT_HINTS`, which only picks the span to
# bold: here a wrong reading declines an answer, so "how long" (a length as often), "thời gian" and "chi phí"
# / "cost" (which a share or a count may answer) say nothing.
_ASKED = (
    # (an interest rate is a share: "7,5%/năm", not the "312 tỷ đồng" lent)
    ("share", re.compile(rf"\b(?:{SHARE_WORDS}|lai suat|interest rates?)\b|"
                         r"\bbao nhieu\s*%")),
    # before length: "bao nhiêu km/h" is a speed, not its "km" (not "tốc độ": "tốc độ tăng trưởng" is a share)
    ("speed", re.compile(r"\b(?:km|m|cay so)\s*(?:/\s*(?:h|gio)|mot gio|moi gio)\b|\bm/s\b|"
                         r"\bchay (?:voi )?toc do\b|\bvan toc\b")),  # a vehicle's speed
    # "dài bao nhiêu cây số" (not "kéo dài bao nhiêu", how long it lasts)
    # (and a height or a depth asked as such: "bay ở độ cao bao nhiêu?", not "tự do cao hơn ... bao nhiêu")
    ("length", re.compile(r"\b(?:bao xa|how far|khoang cach|distance|chieu dai|cay so)\b|(?<!keo )\bdai bao nhieu\b|"
                          r"(?<!\btu )\bdo (?:cao|sau)(?: (?:la|khoang|toi da|trung binh))? bao nhieu\b")),
    ("age", re.compile(r"\b(?:bao nhieu (?:(?:thang|tuan|ngay) )?tuoi|how old)\b")),  # "bao nhiêu tháng tuổi"
    ("time", re.compile(r"\b(?:bao lau|how much time)\b")),
    # not a change: "giảm bao nhiêu tiền nước?" is answered by "giảm 50%"
    ("money", re.compile(r"^(?!.*\b(?:giam|tang|chenh lech|re hon|dat hon|them)\b.*\bbao nhieu tien\b)"
                         r".*\b(?:bao nhieu tien|how much money)\b")),
    # A sum an English question names, or a price it asks (`asks.ASKS_SUM_EN`, `asks.ASKS_COST_EN`).
    ("money", ASKS_SUM_EN),
    ("money", ASKS_COST_EN),
    # Not "trọng lượng": folded, it is also "trong lượng" (in the amount). Nor a population ("dân số") as a count:
    # "Dân số da trắng của Jacksonville" is a share (XQuAD-vi).
    ("mass", re.compile(r"\b(?:nang (?:khoang |chung |tam |gan |toi )?bao nhieu|how heavy|weighs?|weighed|"
                        r"trong tai|tai trong)\b")),  # a vehicle's load ("xe có trọng tải bao nhiêu")
    # a reservoir's or a tank's capacity ("dung tích thiết kế bao nhiêu?"; a share of it is asked as such, above)
    ("volume", re.compile(r"\bdung tich\b")),
)
# Read on the question as written, lower-cased: folded, "giá" is also "gia" of "gia đình", "Gia Lai".
_ASKED_WRITTEN = (("money", ASKS_PRICE), ("money", ASKS_SUM_VI))
# Typed without accents, only a price whose "gia" cannot be anything else (`asks.ASKS_PRICE_FOLDED`).
_ASKED_UNACCENTED = (("money", ASKS_PRICE_FOLDED),)
# A counted noun that is a unit (folded) -> its measure.
_UNIT_NOUNS = {"nam": "time", "thang": "time", "tuan": "time", "ngay": "time", "gio": "time", "tieng": "time",
               "phut": "time", "giay": "time", "tan": "mass", "kg": "mass", "ha": "area", "hec": "area",
               "hecta": "area", "km": "length", "ki": "length", "dong": "money", "tuoi": "age", "lit": "volume",
               "mm": "length", "cm": "length", "met": "length"}
# Those units as a question with accents writes them: folded, "dòng" (a line) is "đồng", "giấy" (paper) "giây".
_UNITS_WRITTEN = {"nam": "năm", "thang": "tháng", "tuan": "tuần", "ngay": "ngày", "gio": "giờ", "tieng": "tiếng",
                  "phut": "phút", "giay": "giây", "tan": "tấn", "dong": "đồng", "tuoi": "tuổi", "lit": "lít",
                  "met": "mét"}
# Nouns that count discrete things (folded first syllable). Not "nước" (water, or country), "cá" (fish, or case),
# "giá" (price, or "gia đình"), "thu" (revenue, or "thứ tiếng").
COUNT_NOUNS = frozenset("""nguoi ho hoc sinh thi ung thanh dang hoi doanh cong du truong ga tram tau doan xe o
chiec lao nhan giao tre em chau thon lang ban xa huyen quan tinh quoc tran ghe binh linh loai ngon benh khach luot
cay con thuyen diem chuyen nan lan can ngoi phieu giuong nha bac nghe chien pham hanh""".split())
# Count nouns that only their accents tell apart: "ca" (cases), not "cá" (fish).
_COUNTED_AS_WRITTEN = frozenset({"ca"})
# "bao nhiêu <noun>"; "mấy <noun>" only as typed with its accent ("nhà máy", "máy bán dẫn" fold to "may" too).
_VI_COUNTED = re.compile(r"\bbao nhi[eê]u\s+([^\W\d_]+)|\bmấy\s+([^\W\d_]+)", re.IGNORECASE)
# A duration or an age may be answered by years ("từ 1870 đến 1939", "sinh năm 1985"); a thing's age by a
# duration ("có lịch sử 300 năm").
# A population asked without a counted noun ("Dân số tỉnh Đồng Nai là bao nhiêu?"): a count of people, or a share
# of one ("Dân số da trắng của Jacksonville", XQuAD-vi), not a duration or a sum.
_POPULATION = re.compile(r"\b(?:dan so|population)\b")
# English "how many" always names what it counts: things, unless the noun is a unit ("how many weeks", "how many
# square metres") or a share is asked ("how many of the residents", "how many percent").
_EN_UNITS = ("seconds|minutes|hours|days|weeks|months|years|decades|centuries|metres|meters|miles|feet|inches|yards|"
             "square|cubic|acres|hectares|kilometres|kilometers|km|kilograms|kg|grams|tons|tonnes|pounds|ounces|"
             "litres|liters|gallons|barrels|dollars|euros|dong|yen|yuan|won|baht|degrees|percent|percentage|points|"
             "watts|kilowatts|megawatts|gigawatts|kwh|bytes|megabytes|gigabytes|terabytes|calories|times")
_EN_HOW_MANY_THINGS = re.compile(rf"\bhow many (?!(?:[a-z-]+ ){{0,2}}(?:{_EN_UNITS})\b|of\b|per cent\b)[a-z]")
# A share answers a population only as a share of people ("người da trắng ... 55,1%", "chiếm 61,1% dân số").
_PEOPLE = re.compile(r"\b(?:nguoi|dan so|dan cu|cu dan|dong dan|population|people)\b")
_ALSO_FITS = {"time": {"year", "term"}, "age": {"year", "time"}, "population": {"share"}}
# A number followed by a noun that is no unit ("250 đại biểu") counts something: it may answer a count or an
# amount worded in any way, but never an age, which news writes with "tuổi" or a year of birth, nor a price, which
# it writes with its currency or at least its scale ("150 nghìn"). (Not a mass, an area, a volume or a speed
# either, in principle; but a unit news writes that is not listed here reads as a noun: "3,8 GB" for "nặng bao nhiêu
# GB", so a counted figure may answer them.)
_COUNTED = re.compile(r"[ \t]+([^\W\d_]+)")
_AGE_BEFORE = re.compile(r"\btuoi\s*$", re.IGNORECASE)  # "ở tuổi 38", "Tuổi 38"
_AGE_AFTER = re.compile(r"\s+tuổi\b", re.IGNORECASE)  # "14 tháng tuổi"
# A duration in prison ("6 năm tù", "30 tháng tù treo") is a term: it answers "how long" but never "how old", as
# another duration may ("Cây cự sam già nhất ... 3.200 năm").
_PRISON_AFTER = re.compile(r"(?:\s+\d{1,2}\s+tháng)?\s+tù\b", re.IGNORECASE)  # "4 năm 6 tháng tù"
_NOT_COUNTS = {"age", "money"}
_CURRENCIES = frozenset("bang yen won baht rup peso franc shilling dinar lira rupee ringgit kip riel xu cent cents "
                        "penny pence".split())
# A sum in a currency's name, after its amount ("một shilling", "20.000 bảng"; folded, not the "bằng" of "mặt bằng").
_CURRENCY_WORD = re.compile(rf"(?:\d|\b(?:mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi|tram|nghin|ngan|trieu|ty|a|one|two|"
                            rf"three|ten|hundred|thousand|million|billion))\s+(?:{'|'.join(_CURRENCIES)})s?\b")
_SCALED = re.compile(r"\b(?:ty|trieu|nghin|ngan|tram)\b")  # "150 nghìn" may be money without its unit
# A sum written with no figure: free, or a salary ("một tháng lương"); read on the sentence lower-cased (folded,
# "lương" is also "lượng").
_NO_FIGURE_SUM = re.compile(r"\b(?:miễn phí|free|lương|không (?:mất|thu|tính) (?:phí|tiền))\b")
# An amount in words, lower-cased ("vài trăm nghìn", "hai tỷ"): after a number, not in a rough count ("hàng nghìn
# chiếc đèn lồng") nor "triệu tập" (summon).
_SCALE_WRITTEN = re.compile(r"\b(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|vài|mấy|nửa|chục|trăm)\s+"
                            r"(?:tỷ|tỉ|triệu|nghìn|ngàn|trăm)\b")
# A figure with a scale or a currency's short form, lower-cased: "150 nghìn", "45.000đ", "50k", "200 tệ", "30 đô".
_SUM_SHORT = re.compile(r"\d\s*(?:tỷ|tỉ|triệu|nghìn|ngàn|trăm|đ|vnđ|vnd|k|tệ|yuan|đô|ndt)(?!\w)")
# A match's score ("thắng Đắk Lắk 3-1 ở trận tranh hạng ba", "tỷ số 5-3 sau hai lượt"): `span_shapes.SCORE` followed
# by no noun (a range is: "50-70 ca", "3-5 ngày").
_SCORE = re.compile(SCORE.pattern + r"(?![%])(?=\s*(?:[,.;:)!?]|$)|\s+(?:ở|trong|sau|trước|và|tại|với|khi|nhờ|để|"
                                    r"chung cuộc|on|in|at|after)\b)")
_BARE_HOURS = re.compile(r"\d{1,2}\s+giờ(?:\s+\d{1,2}\s+phút)?", re.IGNORECASE)


# Square and cubic metres written after a figure read as metres: "1.200 mét vuông", "300 mét khối".
_SQUARE_AFTER = re.compile(r"\s*(vuông|khối)(?!\w)", re.IGNORECASE)
# Square and cubic metres asked, folded: "bao nhiêu mét vuông", "bao nhieu m2" (not "m" alone: a length; not "km2",
# which a sentence's figure reads as kilometres).
_SQUARE = re.compile(r"\b(?:bao nhieu|may) (?:met |m ?)(vuong|khoi|2|²|3|³)(?!\w)")


@functools.lru_cache(maxsize=256)
def asked_measure(question: str) -> str | None:
    """"count", "share", "time", "money", "area"... for a quantity question whose wording says what its answer
    measures; None when it does not say ("thu ngân sách đạt bao nhiêu?") or it asks no quantity."""
    if question_type(question) != "quantity":
        return None
    folded = fold(question)
    for name, pattern in _ASKED:
        if pattern.search(folded):
            return name
    vi = _VI_COUNTED.search(question if has_diacritics(question) else folded)
    if vi is not None and (vi.group(1) or vi.group(2)).lower() in _NO_NOUN:
        vi = None  # "trọng tải bao nhiêu thì ...": no noun counted
    # A sum named is not what is asked when things are counted: "bồi thường cho bao nhiêu hộ dân?", nor when a unit
    # is: "miễn tiền thuê đất trong bao nhiêu năm?"
    counts = vi is not None and (fold(vi.group(1) or vi.group(2)) in COUNT_NOUNS
                                 or (vi.group(1) or vi.group(2)).lower() in _COUNTED_AS_WRITTEN)
    unit = _written_unit(question, vi)
    if unit is not None and unit != "money" and ASKS_SUM_VI_FOLDED.search(folded):
        return unit
    if not counts and ASKS_SUM_VI_FOLDED.search(folded):
        return "money"
    for name, pattern in _ASKED_WRITTEN:
        if not (counts and pattern is ASKS_SUM_VI) and pattern.search(lower_unnamed(question)):
            return name
    if not has_diacritics(question):
        for name, pattern in _ASKED_UNACCENTED:
            if pattern.search(folded):
                return name
    if vi is not None:
        nouns = [fold(vi.group(1) or vi.group(2))]
        if nouns == ["o"] and not has_diacritics(question) and not re.search(r"\bo to\b", folded):
            return None  # typed without accents, "bao nhieu o vong hat giong" is "ở" (at), not "ô tô"
        if nouns == ["dong"] and not has_diacritics(question) and re.search(r"\bdong thue\b", folded):
            return None  # "bao nhieu dong thue": tariff lines ("dòng thuế"), counted or a share, not "đồng"
        written = (vi.group(1) or vi.group(2)).lower()
        if has_diacritics(question) and _UNITS_WRITTEN.get(nouns[0], written) != written:
            nouns = []  # "bao nhiêu dòng thuế" (tariff lines), "giấy phép" (permits): no "đồng", no "giây"
    else:  # English: "how many people" -> "nguoi" (not a Vietnamese question's "công nhân", typed without accents)
        counted = counted_noun(folded) if detect_language(question) == "en" else None
        if counted is None:
            if _POPULATION.search(folded):
                return "population"
            return "count" if _EN_HOW_MANY_THINGS.search(folded) else None
        # The head word of each way of writing it: "cong" of "cong nhan", "lao" of "lao dong" (not "dong", money).
        nouns = [alt.split()[0] for alt in counted.pattern.replace(r"\b", " ").strip(" ()?:").split("|") if alt.split()]
    if vi is not None and (vi.group(1) or vi.group(2)).lower() in _COUNTED_AS_WRITTEN:
        return "count"
    square = _SQUARE.search(folded.lower())
    if square:  # "bao nhiêu mét vuông", "bao nhieu m2": an area; "mét khối", "m3": a volume
        return "area" if square.group(1) in ("vuong", "2", "²") else "volume"
    unit = next((_UNIT_NOUNS[n] for n in nouns if n in _UNIT_NOUNS), None)
    return unit or ("count" if any(n in COUNT_NOUNS for n in nouns) else None)


# Words after "bao nhiêu" that are no noun, as written with accents ("bao nhiêu thì", "bao nhiêu là đủ").
_NO_NOUN = frozenset("thì là mà và để được khi nữa không vậy đây đó".split())


def _written_unit(question: str, vi: re.Match[str] | None) -> str | None:
    """The measure of the unit after "bao nhiêu" ("bao nhiêu năm": time), as the question writes it (typed with
    accents, "dòng" is no "đồng")."""
    if vi is None:
        return None
    noun, written = fold(vi.group(1) or vi.group(2)), (vi.group(1) or vi.group(2)).lower()
    if has_diacritics(question) and _UNITS_WRITTEN.get(noun, written) != written:
        return None
    return _UNIT_NOUNS.get(noun)


def offered_measures(question: str, sentence: str) -> list[str | None]:
    """The measure of each figure in `sentence` (None: a bare number; "counted": a number before a noun that is
    no unit; "year": a bare year), skipping figures the question gives and numbers inside a date ("tháng 12 năm
    1993" holds no "12 năm")."""
    folded_q = fold(question)
    # "2 giờ" alone is as often a duration ("trong 2 giờ") as a time of day: not a date here.
    dates = [m.span() for m in DATE.finditer(sentence) if not _BARE_HOURS.fullmatch(m.group())]
    scores = [m.span() for m in _SCORE.finditer(sentence)]
    out: list[str | None] = []
    for m in QUANTITY.finditer(sentence):
        text = m.group().strip()
        year = bool(BARE_YEAR.fullmatch(text))
        if not year and any(a < m.end() and m.start() < b for a, b in dates):
            continue
        if any(a <= m.start() and m.end() <= b for a, b in scores):
            out.append("score")
            continue
        folded = fold(text)
        if re.search(rf"(?<!\w){re.escape(folded)}(?!\w)", folded_q):
            continue
        measure = "year" if year else next((name for name, unit in _UNIT_AT_END if unit.search(folded)), None)
        if measure == "length" and (square := _SQUARE_AFTER.match(sentence, m.end())):  # "1.200 mét vuông"
            measure = "area" if square.group(1).lower() == "vuông" else "volume"
        elif measure == "time" and _AGE_AFTER.match(sentence, m.end()):  # "bé 14 tháng tuổi": an age
            measure = "age"
        elif measure == "time" and _PRISON_AFTER.match(sentence, m.end()):
            measure = "term"
        if measure is None:
            word = _COUNTED.match(sentence, m.end())
            after = fold(word.group(1)).lower() if word else ""  # the word after the figure
            if _AGE_BEFORE.search(fold(sentence[max(0, m.start() - 12):m.start()])):
                measure = "age"
            elif after in _CURRENCIES:  # "20.000 bảng"
                measure = "money"
            elif text[0].isdigit() and not _SCALED.search(folded.lower()) and (
                    re.search(r"[^\W\d_]", text) or (after and not _stop_word(word.group(1)))):  # "35.000 lượt khách"
                measure = "counted"
            elif not text[0].isdigit() and not _SCALED.search(folded.lower()):  # "ba mươi tuổi", "ba tháp"
                measure = _UNIT_NOUNS.get(folded.lower().split()[-1], "counted")
                if measure == "money" and not MONEY.search(text):  # "Hai đồng phạm": two accomplices
                    measure = "counted"
        out.append(measure)
    return out


def _stop_word(word: str) -> bool:
    """Whether `word`, as the sentence writes it, is a stop word (folded, "vệ" of "7 vệ tinh" would be "về"); a word
    typed without accents is read folded."""
    lower = word.lower()
    return lower in STOP_WORDS_WRITTEN or (lower.isascii() and lower in STOP_WORDS)


# What befell people in a disaster or an accident: a question asks for one ("bao nhiêu người bị thương?") and a
# sentence that tells only of another ("7 người thiệt mạng") does not answer it. Folded; "thương vong" (dead and
# injured) is both; fish, pigs, chickens, cattle or trees that die ("cá chết") are no casualty.
_CASUALTIES = {
    "dead": re.compile(r"\b(?:(?<!ca )(?<!lon )(?<!heo )(?<!ga )(?<!vit )(?<!bo )(?<!trau )(?<!cay )chet|"
                       r"thiet mang|tu vong|tu nan|qua doi|thuong vong|khong qua khoi|thi the|hy sinh|"
                       r"mat mang|ra di|bi giet|killed|died|dead|deaths?|death toll|fatalities|casualties)\b"),
    "injured": re.compile(r"\b(?:bi thuong|thuong vong|injured|wounded|injuries|casualties)\b"),
    "missing": re.compile(r"\b(?:mat tich|missing)\b"),
}


# The two prices a dealer quotes (gold, dollars, coffee): "giá mua vào" is not answered by "bán ra ở mức ...".
_SIDES = {
    "buy": re.compile(r"\b(?:mua vao|gia mua|chieu mua|buying|buy(?:ing)? price|bid)\b"),
    "sell": re.compile(r"\b(?:ban ra|gia ban|chieu ban|selling|sell(?:ing)? price|sold (?:at|for))\b"),
}


# Renting or buying: "Giá thuê căn hộ tăng bao nhiêu?" is not answered by "Giá bán trung bình căn hộ ... tăng 28%".
# Read on lower-case text with its accents: folded, "thuê" (rent) is also "thuế" (tax).
_LEASE = {
    "rent": re.compile(r"\b(?:giá thuê|tiền thuê|cho thuê|thuê nhà|thuê căn hộ|rent|rents|rental|renting)\b"),
    "sale": re.compile(r"\b(?:giá bán|giá mua bán|sale price|selling price|sold for|sold at)\b"),
}


# A fine or a sale: "Chợ Phố bị phạt bao nhiêu?" is not answered by "rao bán bộ dữ liệu ... với giá 8.000 USD". Read
# on lower-case text with its accents: folded, "phạt" is also "phát" (phát hiện, phát triển).
_PENALTY = {
    "fine": re.compile(r"\b(?:phạt|fine|fined|fines|penalty|penalties)\b"),
    "sale": re.compile(r"\b(?:rao bán|bán với giá|giá bán|bán ra|sold for|selling for|for sale|on sale)\b"),
}


# A profit before or after tax: "lợi nhuận sau thuế" is not answered by "lợi nhuận trước thuế đạt 1.846 tỷ đồng".
_TAX = {
    "pretax": re.compile(r"\b(?:truoc thue|pre-tax|pretax|before tax)\b"),
    "aftertax": re.compile(r"\b(?:sau thue|after-tax|after tax|net profit|loi nhuan rong|lai rong)\b"),
}


# Regions of Vietnam: "công suất đỉnh của miền Nam" is not answered by "Riêng miền Bắc, công suất đỉnh đạt ...".
_REGIONS = {
    "north": re.compile(r"\b(?:mien bac|bac bo|northern vietnam|the north)\b"),
    "centre": re.compile(r"\b(?:mien trung|trung bo|central vietnam)\b"),
    "south": re.compile(r"\b(?:mien nam|nam bo|southern vietnam|the south)\b"),
    "highlands": re.compile(r"\b(?:tay nguyen|central highlands)\b"),
    "mekong": re.compile(r"\b(?:mien tay|dong bang song cuu long|mekong delta)\b"),
}


# Trade's two directions: "kim ngạch nhập khẩu" is not answered by "kim ngạch xuất khẩu đạt 2,36 tỷ USD". Not an
# import tariff nor importers, which an export's sentence may name ("Canada xóa bỏ thuế nhập khẩu với hàng Việt Nam");
# not asked of a question naming a trading partner, whose imports are Vietnam's exports ("Mỹ nhập khẩu bao nhiêu cá
# tra từ Việt Nam?": `mismatch`).
_TRADE = {
    "import": re.compile(r"\b(?:nhap khau|imports?|imported)\b(?<!thue nhap khau)(?<!import tax)"
                         r"(?! (?:tax|tariffs?|duty|duties)\b)(?<!nha nhap khau)"),
    # "xuất nhập khẩu" is both: its "nhập khẩu" reads as imports, and the whole as exports
    "export": re.compile(r"\b(?:xuat khau|exports?|exported|xuat nhap khau|import-export)\b(?<!thue xuat khau)"
                         r"(?<!export tax)(?! (?:tax|tariffs?|duty|duties)\b)(?<!nha xuat khau)"),
}


# A market or a country buying what is exported ("thị trường nhập khẩu gạo lớn thứ hai của Việt Nam"), folded: its
# imports are the exports a sentence tells of.
_BUYER = re.compile(r"\b(?:thi truong|nuoc|quoc gia) nhap khau\b|\bimporting (?:market|country)\b|\bimporters?\b|"
                    r"\bbuyers?\b")


# Imports from a partner, as Vietnam's ("How much did Vietnam import from Canada?"), not the partner's from Vietnam.
_IMPORT_FROM = re.compile(r"\bnhap khau\b[^?]{0,40}\btu\b(?! viet nam)|\bimport(?:s|ed)?\b[^?]{0,40}\bfrom\b"
                          r"(?! vietnam| viet nam)")


# A side by its direction: "Đường vành đai phía Đông" is not answered by "tuyến phía Tây hoàn thành cuối năm 2027";
# not a direction between two ("phía Tây Bắc", "northwestern": XQuAD-vi's "northwestern and eastern regions").
_DIRECTIONS = {
    "east": re.compile(r"\b(?:phia dong(?! bac| nam)|eastern)\b"),
    "west": re.compile(r"\b(?:phia tay(?! bac| nam)|western)\b"),
    "north_side": re.compile(r"\bphia bac\b"),
    "south_side": re.compile(r"\bphia nam\b"),
}


# An administration's level: "cán bộ địa chính cấp huyện" is not answered by "418 cán bộ địa chính cấp xã".
_LEVELS = {
    "commune_level": re.compile(r"\b(?:cap xa|commune[- ]level)\b"),
    "district_level": re.compile(r"\b(?:cap huyen|district[- ]level)\b"),
    "province_level": re.compile(r"\b(?:cap tinh|provincial[- ]level|province[- ]level)\b"),
    "central_level": re.compile(r"\b(?:cap trung uong|central[- ]level)\b"),
}


# A trial at first instance or on appeal: "Phiên phúc thẩm diễn ra ngày nào?" is not answered by "Ngày 18/3, TAND tỉnh
# mở phiên xét xử sơ thẩm".
_TRIALS = {
    "first_instance": re.compile(r"\b(?:so tham|first[- ]instance|initial trial)\b"),
    "appeal": re.compile(r"\b(?:phuc tham|appeals?|appealed|appellate)\b"),
}


# A prison term asked for and one handed down: "VKS đề nghị bao nhiêu năm tù cho Hùng?" is not answered by "Hùng nhận 4
# năm 6 tháng tù", nor "How many years did the court give Lực?" by "VKSND đề nghị mức án 12-13 năm tù đối với Lực".
# Read only where the question asks of a term (`_TERM`).
_COURT = {
    "sought": re.compile(r"\b(?:de nghi|sought|seek(?:s|ing)?|request(?:s|ed)?|propos(?:e|es|ed)|asked for|"
                         r"demand(?:s|ed)?)\b"),
    "given": re.compile(r"\b(?:tuyen phat|tuyen an|tuyen|xu phat|phat|nhan|lanh|sentenced|jailed|handed|give[ns]?|gave|"
                        r"received|got)\b"),
}
_TERM = re.compile(r"\b(?:tù|mức án|án tù|bản án|tòa|vks|vksnd|viện kiểm sát|sentences?|sentenced|prison|jail|court|"
                   r"prosecutors?)\b")  # read with accents: folded, "tù" is "từ", "án" is "an"


# A startup's funding rounds: "vòng Series B" is not answered by the Series A round's sum.
# An auction's starting price and its winning bid: "trúng đấu giá với giá bao nhiêu?" is not answered by "giá khởi
# điểm 12,6 tỷ đồng" (nor "giá trung bình", an average).
_AUCTION = {
    "starting": re.compile(r"\b(?:gia khoi diem|muc khoi diem|starting price|reserve price|opening bid)\b"),
    "winning": re.compile(r"\b(?:trung dau gia|(?:gia|tien|so tien) trung(?! binh| tam| uong| gian)|trung thau|"
                          r"winning (?:bids?|prices?)|hammer price)\b"),
}


_ROUNDS = {
    "seed": re.compile(r"\b(?:vong hat giong|hat giong|pre-seed|seed round|seed)\b"),
    "series_a": re.compile(r"\bseries a\b"),
    "series_b": re.compile(r"\bseries b\b"),
    "series_c": re.compile(r"\bseries c\b"),
}


# A company's or a budget's figures: "doanh thu" is not answered by the profit, a valuation not by the sum a round
# raised, a loan not by the whole investment, a deficit not by the spending. A profit and a loss are one kind ("lãi
# bao nhiêu?" is answered by "lỗ 44.800 tỷ đồng"). Read on lower-case text with its accents: folded, "lãi" is also
# "lại" and "Gia Lai", and "lỗ" is "lo"; a question typed without accents names a kind only by the words that
# cannot be others.
_FINANCE = {
    "revenue": re.compile(r"\b(?:doanh thu|doanh số|doanh so|revenues?|sales|turnover)\b"),
    "result": re.compile(r"\b(?:lợi nhuận|loi nhuan|lãi(?! suất| vay)|lỗ(?! hổng| thủng)|thua lỗ|profits?|earnings|"
                         r"loss(?:es)?|lose|lost money|loss-making|profitable)\b"),
    "valuation": re.compile(r"\b(?:định giá|dinh gia|valuation|valued)\b"),
    # (not a project's other sources: "phần còn lại bệnh viện huy động từ nguồn xã hội hóa")
    "raised": re.compile(r"\b(?:gọi vốn|goi von|rót vốn|rot von|huy động(?!(?: vốn)? từ nguồn)|raised?|funding|"
                         r"vòng series [abc]|series [abc] round)\b"),
    # what a project costs, a loan for it, a budget's spending and its deficit
    "investment": re.compile(r"\b(?:vốn đầu tư|von dau tu|mức đầu tư|muc dau tu|investment|invested)\b"),
    "loan": re.compile(r"\b(?:vốn vay|von vay|khoản vay|khoan vay|cho vay|loans?|lend|lent|borrow(?:ed)?)\b"),
    "spending": re.compile(r"\b(?:tổng chi|tong chi|chi ngân sách|chi ngan sach|spending|expenditures?)\b"),
    "deficit": re.compile(r"\b(?:bội chi|boi chi|thâm hụt|tham hut|deficit)\b"),
    # what a company owns ("Cuối năm 2024, tổng tài sản của Trường Sơn đạt 3.920 tỷ đồng" is no profit)
    "assets": re.compile(r"\b(?:tổng tài sản|tong tai san|total assets)\b"),
}


# A rate or a share of a figure ("lãi suất của khoản vay", "the interest rate on its loan"): not the figure.
_RATE_ASKED = re.compile(r"\b(?:rate|interest|lai suat|ty le|phan tram|percent(?:age)?|share)\b")


# Places in a contest: "đội hạng ba được thưởng bao nhiêu?" is not answered by the champion's prize.
_PLACES = {
    # not a title held before ("cựu vô địch", "defending champion")
    # nor a championship's name ("giải bóng đá nữ vô địch quốc gia")
    "first": re.compile(r"\b(?:(?<!cuu )(?<!duong kim )(?<!former )(?<!defending )"
                        r"(?:vo dich(?! quoc gia| the gioi| chau a| dong nam a| quoc te)|champions?)|hang nhat|ve nhat|"
                        r"giai nhat|huy chuong vang|hcv|winners?|first place|gold medals?|xep (?:thu )?nhat)\b"),
    # (a pageant's runner-up: "á khôi", "á hậu")
    "second": re.compile(r"\b(?:a quan|a khoi|a hau|hang nhi|giai nhi|ve nhi|huy chuong bac|hcb|runners?-up|"
                         r"second place|second-placed|placed second|came second|finished second|silver medals?|"
                         r"xep (?:thu )?nhi|xep thu hai)\b"),
    "third": re.compile(r"\b(?:hang ba|giai ba|ve ba|huy chuong dong|hcd|third place|third-placed|placed third|"
                        r"came third|finished third|bronze medals?|xep thu ba)\b"),
    "fourth": re.compile(r"\b(?:hang tu|ve thu tu|xep thu tu|fourth place|fourth-placed|placed fourth|came fourth|"
                         r"finished fourth)\b"),
}


# Mismatch kinds whose asked value a sentence can be seen to tell of (`tells_asked`).
_TOLD: dict[str, Callable[[str, str], bool]] = {
    "year": tells_year, "numbered": names_numbered, "named": names_named, "variety": names_variety,
    **{kind: tells_period for kind in (*PERIODS, "period")},
}
# A figure of the asked casualty: "Đã có 7 trường hợp tử vong" (not "chưa có trường hợp tử vong").
_COUNTED_CASUALTY = r"\d[\d.,]*\s+(?:[^\W\d_]+\s+){0,4}?"


def tells_asked(question: str, found: Mismatch, sentence: str) -> bool:
    """Whether `sentence` tells of what `question` asks for where another sentence told of something else instead
    (`found`, that sentence's mismatch): it names the asked year, month or quarter, the asked numbered or named
    thing, the asked variety or place in a contest, the asked title's holder, or gives a figure of the asked
    casualty. False for mismatches no sentence can be seen to mend so (a measure)."""
    if found.kind == "casualty" and found.asked in _CASUALTIES:
        words = _CASUALTIES[found.asked].pattern.removeprefix(r"\b")
        return bool(re.search(_COUNTED_CASUALTY + words, fold(sentence).lower()))
    if found.kind == "place" and found.asked in _PLACES:  # "về nhì" for "the runner-up"
        return bool(_PLACES[found.asked].search(fold(sentence).lower()))
    if found.kind == "holder":  # "Giám đốc điều hành Võ Hoàng Nam" for "Who is the CEO?"
        return bool(fits_title(question, sentence))
    if found.kind == "location":  # "Trong khi đó, giá ... tại TP HCM" for "... in HCMC?", with a figure to bold
        return mentions_asked(question, sentence, found.asked) and (
            question_type(question) is None or answer_span(question, sentence) is not None)
    if found.kind == "finance" and found.asked in _FINANCE:  # "Lợi nhuận sau thuế đạt 261 tỷ đồng" for the profit
        return bool(_FINANCE[found.asked].search(sentence.lower()))
    told = _TOLD.get(found.kind)
    return told is not None and told(question, sentence)


# A rate asked for: "bao nhiêu một tháng", "mỗi m2", "per month" (folded; English units as Vietnamese writes them).
_RATE_UNITS = {**{u: u for u in ("thang", "nam", "ngay", "tuan", "gio", "m2", "kg", "tan", "luong", "lit", "km", "ha")},
               "month": "thang", "year": "nam", "day": "ngay", "week": "tuan", "hour": "gio", "ton": "tan",
               "tonne": "tan", "litre": "lit", "liter": "lit", "kilogram": "kg", "kilometre": "km", "kilometer": "km",
               "hectare": "ha"}
_ASKED_RATE = re.compile(rf"\b(?:bao nhieu|how much)\b.*?(?:\b(?:mot|moi|per|a|an|each)\s+|/\s*)"
                         rf"({'|'.join(_RATE_UNITS)})s?\b")
_OFFERED_RATE = re.compile(rf"(?:\s*/\s*|\s+(?:moi|mot)\s+)({'|'.join(u for u in _RATE_UNITS if u.isascii())})\b")


def other_rate(question: str, sentence: str) -> Mismatch | None:
    """The units, if the question asks a sum per unit ("Giá thuê ... bao nhiêu một tháng?") and every sum of money
    in the sentence is per another unit ("68,4 triệu đồng mỗi m2"): a sale price is no monthly rent."""
    asked = _ASKED_RATE.search(fold(question).lower())
    if asked is None or asked_measure(question) != "money":
        return None
    unit = _RATE_UNITS[asked.group(1)]
    rates = []
    for m in QUANTITY.finditer(sentence):
        if MONEY.search(m.group()):
            rate = _OFFERED_RATE.search(fold(m.group()).lower())
            rates.append(rate.group(1) if rate else None)
    if not rates or not all(r is not None and r != unit for r in rates):
        return None
    return Mismatch("rate", unit, tuple(dict.fromkeys(r for r in rates if r is not None)))


def _no_casualty(question: str, folded_q: str, folded_s: str) -> Mismatch | None:
    """The kind, if the question asks how many of one kind of casualty ("bao nhiêu người chết") and the sentence tells
    of none at all ("9 điểm sạt lở"): a count of something else."""
    asked = [kind for kind, words in _CASUALTIES.items() if words.search(folded_q)]
    how_many = _HOW_MANY.search(folded_q) or "mấy" in question.lower()
    if len(asked) != 1 or not how_many or any(w.search(folded_s) for w in _CASUALTIES.values()):
        return None
    return Mismatch("casualty", asked[0], ("none",))


# The share a Vietnamese question asks ("Tỷ lệ hộ nghèo ... là bao nhiêu?"): the two words after "tỷ lệ" that say
# of what ("hộ nghèo"), folded.
_SHARE_OF = re.compile(r"\bty le (?:(?:cua|cac|nhung|so|phan tram)\s+)*([a-z]+)\b(?: ([a-z]+)\b)?")


def _share_of_other(question: str, folded_q: str, folded_s: str) -> Mismatch | None:
    """The share, if a Vietnamese question asks the share of something ("tỷ lệ hộ nghèo") and the sentence writes
    neither word that says of what ("tăng 12,6% so với cùng kỳ", "tỷ lệ lấp đầy 91%"): another share. Either word
    is enough, as a translation words it otherwise ("tỷ lệ nhập học" for "chấp nhận 5,3% ứng viên cho năm học")."""
    asked = _SHARE_OF.search(folded_q)
    if asked is None:
        return None
    if asked.group(1) in STOP_WORDS:  # "tỷ lệ đỗ": folded, "do" says nothing
        return None
    words = [w for w in asked.groups() if w and w not in STOP_WORDS]
    if any(re.search(rf"\b{w}\b", folded_s) for w in words):
        return None
    return Mismatch("share", _as_written(question, words[-1]) or "ty le " + " ".join(words), ())


def _as_written(question: str, last: str) -> str | None:
    """"Tỷ lệ hộ nghèo": the question's words from "tỷ lệ" to `last` (folded) as it writes them; None if not found."""
    written = re.findall(r"[^\W_]+", question)
    folded = [fold(w).lower() for w in written]
    for i in range(len(written) - 1):
        if folded[i:i + 2] == ["ty", "le"] and last in folded[i + 2:]:
            return " ".join(written[i:i + 3 + folded[i + 2:].index(last)])
    return None


# "mấy" only as typed: folded, it is also "máy" ("nhà máy").
_HOW_MANY = re.compile(r"\b(?:bao nhieu|how many|death toll)\b")


def _other_kind(name: str, kinds: dict[str, re.Pattern[str]], folded_q: str, folded_s: str,
                context: dict[str, str] | None = None) -> Mismatch | None:
    """The kinds, if the question asks for one of `kinds` and the sentence tells of others, not of it (both
    folded, or both lower-cased as written). `context`: a kind asked -> another kind it makes no more than its
    context in the question ("định giá ... sau vòng gọi vốn?")."""
    asked = [kind for kind, words in kinds.items() if words.search(folded_q)]
    asked = [kind for kind in asked if not any((context or {}).get(a) == kind for a in asked)]
    told = tuple(kind for kind, words in kinds.items() if words.search(folded_s))
    if len(asked) != 1 or not told or asked[0] in told:
        return None
    return Mismatch(name, asked[0], told)


# A kind asked that makes another in the question its context: "định giá ... sau vòng gọi vốn?" (the round is when),
# "bội chi ngân sách" (which holds a "chi ngân sách").
_FINANCE_CONTEXT = {"valuation": "raised", "deficit": "spending"}


def _other_finance(question: str, sentence: str, folded_q: str) -> Mismatch | None:
    """The company's or budget's figure a quantity question asks (`_FINANCE`), if the sentence tells of others only;
    not for a rate or a share of one."""
    if question_type(question) != "quantity" or _RATE_ASKED.search(folded_q):
        return None
    return _other_kind("finance", _FINANCE, question.lower(), sentence.lower(), _FINANCE_CONTEXT)


@functools.lru_cache(maxsize=256)
def asked_focus(question: str) -> Callable[[str], bool] | None:
    """Whether a part of a sentence tells of the one thing of a closed set the question asks of: a place in a contest
    ("đội á quân"), a dealer's side, a profit before or after tax, a rent or a sale, a fine, a kind of casualty ("4
    người thiệt mạng, 2 người khác bị thương" for "how many died?"), a variety ("vé tháng");
    for the bold, among figures a sentence gives for several ("đội vô địch nhận 600 triệu đồng, đội á quân nhận
    350 triệu đồng"). None if the question asks of none. Read once per question, not again for each quote."""
    folded_q, lower_q = fold(question).lower(), question.lower()
    for kinds, folded in ((_PLACES, True), (_SIDES, True), (_TAX, True), (_LEASE, False), (_PENALTY, False)):
        asked = [words for words in kinds.values() if words.search(folded_q if folded else lower_q)]
        if len(asked) == 1:
            return lambda part, words=asked[0], folded=folded: bool(words.search(
                fold(part).lower() if folded else part.lower()))
    variety = asked_variety(question)  # before a casualty: "How many buffaloes died?" asks "126 con trâu"
    if variety is not None:
        return lambda part: bool(variety.search(part.lower()))
    dead = [words for words in _CASUALTIES.values() if words.search(folded_q)]
    return (lambda part: bool(dead[0].search(fold(part).lower()))) if len(dead) == 1 else None


# A cost asked ("chi phí ... là bao nhiêu?", "how much did it cost?"): a share or a count may answer it ("chiếm 30%
# tổng chi phí"), so it is no sum asked (`asked_measure`); but a sentence whose figures all measure something else
# ("mất gần 8 tháng để phục chế") does not. Not "spend": "how long did they spend in prison?" asks a time.
_COST = re.compile(r"\b(?:chi phi|gia thanh|costs?)\b")
_NO_COST = frozenset({"time", "term", "length", "area", "mass", "volume", "age", "temperature", "speed", "year"})


# A sum asked for one of something ("How much does each robot kit cost?", "mỗi bộ giá bao nhiêu") and a sentence whose
# sums are all totals ("Tổng kinh phí mua sắm thiết bị là 7,2 tỷ đồng"), read with accents.
_EACH = re.compile(r"\b(?:each|apiece|a piece|mỗi)\b", re.IGNORECASE)
_TOTAL = re.compile(r"\b(?:tổng|total)\b", re.IGNORECASE)
_PER_ONE = re.compile(r"\b(?:mỗi|một|mọi|each|per)\b|/", re.IGNORECASE)


def _total_for_each(question: str, sentence: str) -> Mismatch | None:
    """Mismatch("whole", "each", ("total",)) when the question asks a sum for each one of something and every sum of
    the sentence follows a total's word in its clause, none of them per one ("7,2 tỷ đồng" of "Tổng kinh phí ...")."""
    if not _EACH.search(question) or not asks_money(question):
        return None
    sums = list(MONEY.finditer(sentence))
    if not sums or _PER_ONE.search(sentence):
        return None
    clauses = [re.split(r"[;:()]|,(?!\d)", sentence[:m.start()])[-1] for m in sums]
    return Mismatch("whole", "each", ("total",)) if all(_TOTAL.search(c) for c in clauses) else None


# A total sum asked ("thu được tổng cộng bao nhiêu tiền?", "How much did he earn in total?"), folded; not "tổng" alone
# ("Tổng giám đốc được trả bao nhiêu?").
_TOTAL_ASKED = re.compile(r"\b(?:tong cong|tong so|tong (?:thu|chi|gia tri|kinh phi|doanh thu|von)|in total|altogether|"
                          r"total (?:amount|sum|cost|value|revenue|income|earnings|spending))\b")


def _each_for_total(question: str, sentence: str) -> Mismatch | None:
    """Mismatch("whole", "total", ("each",)) when the question asks a total sum and every sum of the sentence is per a
    unit ("trả tiền công 350.000 đồng mỗi ngày" for "Ông Tùng thu được tổng cộng bao nhiêu tiền?")."""
    if not _TOTAL_ASKED.search(fold(question).lower()) or _EACH.search(question) or asked_measure(question) != "money":
        return None
    rates = [_OFFERED_RATE.search(fold(m.group()).lower())
             for m in QUANTITY.finditer(sentence) if MONEY.search(m.group())]
    return Mismatch("whole", "total", ("each",)) if rates and all(rates) else None


def _cost_of_other(question: str, sentence: str, folded_q: str) -> Mismatch | None:
    if question_type(question) != "quantity" or not _COST.search(folded_q):
        return None
    offered = offered_measures(question, sentence)
    if offered and all(m in _NO_COST for m in offered):
        return Mismatch("measure", "money", tuple(dict.fromkeys(m for m in offered if m)))
    return None


def _may_be_a_sum(sentence: str) -> bool:
    """Whether a sentence may give a sum: with its currency ("120 tỷ đồng", "45.000đ"), its scale ("150 nghìn"), in
    words ("hai tỷ đồng", "một xu", "vài trăm nghìn"), or as free or a salary. News always writes a sum so; a
    sentence that does none of these tells of no sum, whatever its other figures ("Từ 18h, ... hàng nghìn chiếc đèn
    lồng", "Ở vòng 18, ...", "nặng 6,5 kg"). (A currency's name after a figure, "20.000 bảng", `mismatch` reads.)"""
    lower = sentence.lower()
    return bool(MONEY.search(sentence) or _NO_FIGURE_SUM.search(lower) or _SCALE_WRITTEN.search(lower)
                or any(not _counts_after(lower, m.end()) for m in _SUM_SHORT.finditer(lower)))


def _counts_after(lower: str, at: int) -> bool:
    """Whether a scaled figure ending at `at` counts things or measures another unit ("2 triệu lượt khách", "7,5
    triệu tấn"): no sum."""
    word = _COUNTED.match(lower, at)
    after = fold(word.group(1)).lower() if word else ""
    return after in COUNT_NOUNS or (after in _UNIT_NOUNS and _UNIT_NOUNS[after] != "money")


def contradicts(question: str, sentence: str) -> bool:
    """True if the sentence is no answer to the question because it tells of something else (`mismatch`)."""
    return mismatch(question, sentence) is not None


_ASKS_SHARE = re.compile(rf"\b(?:{SHARE_WORDS}|share|ty trong)\b")


def mismatch(question: str, sentence: str, title: str = "", date: str = "",
             named: Mapping[tuple[str, str], str] | None = None) -> Mismatch | None:
    """What the question asks for and what the sentence tells of instead, when it tells only of something else: the
    question says what its answer measures and the sentence has figures, every one of them a measure of something
    else; it asks for one kind of casualty and the sentence tells only of another; it asks a buying price and the
    sentence gives only the selling one, or the other way round (a rent and a sale price, a profit after tax and one
    before it likewise, imports and exports, one funding round and another); it
    asks of one place in a contest (third) and the sentence tells only of another (the champion), or of one region
    (the South) and the sentence tells only of another (the North), or of an appeal and the sentence tells only of the
    trial at first instance, or of the prison term sought and the sentence tells only of the one handed down, or the
    other way round, or of a province or country and the sentence
    names only others (`retrieval.places`), or of a thing numbered ("Nhi đồng 2") and the sentence tells of another
    of its name (`retrieval.numbered`), or of a thing of a kind by its name ("xã Long Hải") and the sentence names
    only others of that kind (`retrieval.siblings`), or of a person by name and the sentence names only others
    (`retrieval.persons`), or of one variety of a closed set (pigs, a primary school, a
    single ticket) and the sentence names only others of the set (`retrieval.varieties`); it asks how many
    of one kind of casualty and the sentence tells of none (`_no_casualty`); it names a day, a year, a month, a
    quarter or the first months of a year and the sentence tells of others only (`other_day`, `other_year`,
    `other_period`), a school year (`other_spanning_year`), the first day, week, month or year of something
    (`other_first_span`), or names a year and the sentence tells of "this year",
    its article's (`other_this_year`), or asks of this year and the sentence tells of last year only
    (`periods.other_last_year`; the day, year and period checks are in `retrieval.periods`); it asks a fine and the
    sentence tells of a sale price only, or the other way round; it asks a sum for each one and the sentence's sums
    are all totals (`_total_for_each`), or a total and they are all per a unit (`_each_for_total`); it asks a sum and
    the sentence writes none (`_may_be_a_sum`); or it asks a sum per unit and the sentence's
    sums are all per another unit (`other_rate`); or it asks a cost and the sentence's figures all measure other things
    (`_cost_of_other`). None when the sentence may answer it. `title`: the title of the sentence's article, if known
    (`retrieval.places.other_place` reads it); `date`: its date ("2025-05"); `named`: the names the article writes
    after a noun of their kind (`retrieval.siblings.article_named`)."""
    folded_q, folded_s = fold(question).lower(), fold(sentence).lower()
    # (but "How much did Vietnam import from Canada?" asks imports, the partner's its exports)
    partner = (names_partner(question) or bool(_BUYER.search(folded_q))) and not _IMPORT_FROM.search(folded_q)
    for name, kinds in (("casualty", _CASUALTIES), ("side", _SIDES), ("tax", _TAX), ("place", _PLACES),
                        ("region", _REGIONS), ("trade", _TRADE), ("round", _ROUNDS), ("trial", _TRIALS),
                        ("auction", _AUCTION), ("level", _LEVELS), ("direction", _DIRECTIONS)):
        if name == "trade" and partner:
            continue
        found = _other_kind(name, kinds, folded_q, folded_s)
        if found is not None:
            return found
    found = _other_finance(question, sentence, folded_q)
    if found is None and _TERM.search(question.lower()):
        found = _other_kind("court", _COURT, folded_q.lower(), folded_s.lower())
    if found is not None:
        return found
    numbered = other_numbered(question, sentence)
    if numbered is not None:
        return Mismatch("numbered", *numbered)
    sibling = other_named(question, sentence, named)
    if sibling is not None:
        return Mismatch("named", *sibling)
    person = other_person(question, sentence)
    if person is not None:
        return Mismatch("person", *person)
    variety = other_variety(question, sentence, title)
    if variety is not None:
        return Mismatch("variety", *variety)
    counted = other_counted(question, sentence)
    if counted is not None:
        return Mismatch("counted", *counted)
    found = _no_casualty(question, folded_q, folded_s) or _share_of_other(question, folded_q, folded_s)
    if found is not None:
        return found
    where = other_place(question, sentence, title) or one_of_together(question, sentence)
    if where is not None:
        return Mismatch("location", *where)
    found = (other_day(question, sentence) or other_year(question, sentence) or other_period(question, sentence)
             or other_first_span(question, sentence) or _total_for_each(question, sentence)
             or other_this_year(question, sentence, date) or other_last_year(question, sentence, date)
             or other_dated_year(question, sentence, date)
             or other_spanning_year(question, sentence) or year_for_month(question, sentence)
             or other_rate(question, sentence) or _each_for_total(question, sentence)
             or _other_kind("lease", _LEASE, question.lower(), sentence.lower())
             or _other_kind("penalty", _PENALTY, question.lower(), sentence.lower()))
    if found is not None:
        return found
    # a score is written in digits: "3-1", "6-2, 6-4" (not "What share of the final score came from votes?")
    if asks_score(question) and not SCORE.search(sentence) and not _ASKS_SHARE.search(folded_q):
        return Mismatch("measure", "score", tuple(dict.fromkeys(
            "count" if m == "counted" else m for m in offered_measures(question, sentence) if m)) or ("none",))
    asked = asked_measure(question)
    if asked is None:
        return _cost_of_other(question, sentence, folded_q)
    if asked == "money" and _CURRENCY_WORD.search(folded_s):  # "mỗi người trả một shilling"
        return None
    offered = [m if m != "counted" or asked in _NOT_COUNTS else None for m in offered_measures(question, sentence)]
    if asked == "money" and not _may_be_a_sum(sentence):
        return Mismatch("measure", "money", tuple(dict.fromkeys(
            "count" if m == "counted" else m for m in offered if m)) or ("none",))
    fits = {asked} | _ALSO_FITS.get(asked, set())
    if asked == "population" and not _PEOPLE.search(folded_s):  # a share of something else: "23,8% số phiếu"
        fits = {asked}
    if not offered or not all(m is not None and m not in fits for m in offered):
        return None
    return Mismatch("measure", asked, tuple(dict.fromkeys("count" if m == "counted" else m for m in offered if m)))
