"""Which day, year or period a question asks about, and whether a sentence tells of another one instead.

"Giá vàng SJC ngày 10/10 là bao nhiêu?" is not answered by the price of 9/10; "Doanh thu năm 2023 ..." not by 2024's
figure, "this year" not by last year's, "quý II" not by the first quarter, "cả năm" not by the first eight months.
Each check returns the `Mismatch` it finds (read by `retrieval.measures.mismatch`), or None: only a sentence that
names another day, year or period contradicts, never one that names none.
"""
from __future__ import annotations

import functools
import re

from retrieval.goals import asks_ahead, looks_forward
from retrieval.language import detect_language, has_diacritics
from retrieval.textnorm import fold
from retrieval.types import Mismatch

# A day written as day/month ("ngày 10/10", "sáng 9/10/2025"), not a month/year ("10/2025"); in words ("ngày 13
# tháng 6"), and in an English question ("June 13", "13th June", "the 13th of June").
_DAY = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?:/\d{2,4})?(?![\d/])|"
                  r"\b(?i:ngày|ngay)\s+(\d{1,2})\s+(?i:tháng|thang)\s+(\d{1,2})\b")
_MONTHS_EN = ("january february march april may june july august september october november december").split()
# An English month's name, whole or short ("June", "Sept.", "Dec")
_MONTH_EN = "(" + "|".join([m.capitalize() for m in _MONTHS_EN] + ["Sept"] + [m[:3].capitalize() for m in _MONTHS_EN
                                                                            if len(m) > 3]) + r")\.?"
# (not a range's bound: "the week of September 9-15", "from June 9 to 15", "9-15 September")
_DAY_EN = re.compile(rf"(?<!from )(?<!between )\b{_MONTH_EN}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b"
                     rf"(?![.,:/]?\d|\s*(?:-|–|to|and|until)\s*\d)|"
                     rf"(?<![-–]\d)(?<![-–]\d\d)(?<!from )(?<!between )\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
                     rf"{_MONTH_EN}\b")


def _days(text: str, english: bool = False) -> list[tuple[tuple[int, int], int]]:
    """The days `text` names, (day, month), each with where it starts; an English question's by their month's name
    too."""
    found = [((int(m.group(1) or m.group(3)), int(m.group(2) or m.group(4))), m.start()) for m in _DAY.finditer(text)]
    if english:
        months = [m[:3] for m in _MONTHS_EN]
        found += [((int(m.group(2) or m.group(3)), months.index((m.group(1) or m.group(4))[:3].lower()) + 1), m.start())
                  for m in _DAY_EN.finditer(text)]
    return [(day, at) for day, at in found if 1 <= day[0] <= 31 and 1 <= day[1] <= 12]


def other_day(question: str, sentence: str) -> Mismatch | None:
    """The days, if the question names a day ("giá vàng SJC ngày 10/10", "on June 13"; not a bound: "sau ngày
    21/3") and the sentence names days, none of them it ("Ngày 8/10, giá vàng thế giới ..."): it tells of another
    day."""
    # (not a bound the question sets: "Kỳ điều chỉnh kế tiếp sau ngày 21/3 là ngày nào?")
    asked = {day for day, at in _days(question, english=detect_language(question) == "en")
             if not _BOUND.search(re.sub(r"\s*\b(?:ngày|ngay|on|the)\s*$", " ", question[:at]))}
    told = {day for day, _ in _days(sentence)}
    if not asked or not told or asked & told:
        return None
    return Mismatch("day", ", ".join(f"{d}/{m}" for d, m in sorted(asked, key=_by_date)),
                    tuple(f"{d}/{m}" for d, m in sorted(told, key=_by_date)))


# A year as a time, not a name ("Chương trình giáo dục phổ thông 2018", "the 2025 exam"): "năm 2024", "quý III/2024",
# "hè 2023" in either text, "in / of / for / during 2024" in an English question. Not a bound the question sets
# ("trước năm 2000", "prior to 2000"), nor a year the sentence compares with ("tăng 27% so với năm 2023", "cao hơn mức
# 7,9% của năm 2023"; not "lên hơn 1.100 tỷ đô la năm 2016", more than).
_VI_YEAR = re.compile(r"(?:\bn[aă]m\s+|/)((?:19|20)\d{2})\b(?![.,]\d)|"
                      # a season's or a holiday's year ("chiến dịch hiến máu hè 2023", "vụ 2024"), not a range
                      r"\b(?:hè|mùa (?:hè|xuân|thu|đông|khô|mưa|lũ)|vụ|Tết)\s+((?:19|20)\d{2})\b(?![.,]\d)"
                      r"(?!\s*[-–/]\s*\d)", re.IGNORECASE)
# "in 2023", "in summer 2023", "in the 2024 dry season"; not a range ("the 2025-2026 school year"); an event's edition
# ("the 2024 Hoa Ban festival")
_EN_YEAR = re.compile(r"\b(?:in|of|for|during)\s+(?:the\s+)?(?:(?:summer|winter|spring|autumn|fall)\s+(?:of\s+)?)?"
                      r"((?:19|20)\d{2})\b(?![.,]\d)(?!\s*[-–/]\s*\d)|"
                      r"\bthe\s+((?:19|20)\d{2})\s+(?:[\w-]+\s+){0,3}(?:festival|games|championships?|tournament|"
                      r"season|contest|competition|fair|expo|race|marathon|edition|election|congress|awards?)\b",
                      re.IGNORECASE)
_BOUND = re.compile(r"\b(?:trước|sau|từ|đến|tới|truoc|tu|den|toi|since|before|after|until|by|prior to)\s*$",
                    re.IGNORECASE)
_COMPARED_YEAR = re.compile(r"\b(?:so với|hơn mức|cùng kỳ|than|compared)\b", re.IGNORECASE)


def _compared(text: str, at: int) -> bool:
    """Whether the year at `at` in `text` is one compared with: "so với", "cùng kỳ"... in the 30 characters before
    it, or in the 70 before it with no break of the clause between ("so với mức 90,8 tỷ đồng của quý III/2024")."""
    if _COMPARED_YEAR.search(text[max(0, at - 30):at]):
        return True
    before = text[max(0, at - 70):at]
    last = None
    for last in _COMPARED_YEAR.finditer(before):
        pass
    return last is not None and not _CLAUSE_END.search(before, last.end())


_CLAUSE_END = re.compile(r"[;:.!?]\s|,\s|\s(?:và|nhưng|còn|trong khi|while|and|but)\s")  # not "90,8"


def _years(text: str, *, question: bool) -> set[str]:
    """The years `text` tells of as times: a question's, not its bounds nor those it compares with; a sentence's,
    not those it compares with nor one a record runs since ("cao nhất kể từ khi doanh nghiệp cổ phần hóa năm
    2006")."""
    found = set()
    for pattern in (_VI_YEAR, _EN_YEAR) if question else (_VI_YEAR,):
        for m in pattern.finditer(text):
            before = text[max(0, m.start() - 40):m.start()]
            if not (_compared(text, m.start()) or (question and _BOUND.search(before[-12:]))
                    or (not question and _SINCE.search(before))):
                found.add(next(g for g in m.groups() if g))
    return found


_SINCE = re.compile(r"\b(?:kể từ|since)\b[^,;:()]*$", re.IGNORECASE)


def other_year(question: str, sentence: str) -> Mismatch | None:
    """The years, if the question asks of a year ("lợi nhuận quý III năm 2023", "in 2023") and the sentence tells of
    other years only ("quý III/2024"), leaving out years either compares with, and does not name the asked one in
    any other way ("tăng 18,2% so với cùng kỳ năm 2023" tells of no 2023): it tells of another year."""
    asked = _years(question, question=True)
    told = _years(sentence, question=False)
    if not asked or not told:
        return None
    for year in asked:  # a year the sentence names in any way but comparing ("Đạo luật Scotland 1978") is told,
        for m in re.finditer(rf"(?<!\d){year}(?!\d)", sentence):  # or compared with its figure ("so với mức 99,7%
            if not _compared(sentence, m.start()) or _figure_compared(sentence, m.start(), m.end()):  # của năm 2023")
                return None
    return Mismatch("year", ", ".join(sorted(asked)), tuple(sorted(told)))


# A year that runs across two: a school year, a crop year, a season ("năm học 2025-2026", "niên vụ 2024/25", "the
# 2025-2026 school year"); read folded, so typed without accents too.
_TWO_YEARS = r"((?:19|20)\d{2})\s*[-–/]\s*((?:19|20)?\d{2})"
_SPANNING_YEAR = re.compile(rf"\b(?:nam hoc|nien vu|nien khoa|mua giai|mua vu|mua|school year|academic year|season|"
                            rf"crop year)\s+(?:of\s+)?{_TWO_YEARS}\b|\b{_TWO_YEARS}\s+(?:school year|academic year|"
                            rf"season|crop year)\b")


_COMPARED_FOLDED = re.compile(fold(_COMPARED_YEAR.pattern), re.IGNORECASE)


# The one before, told without its years: "Năm học trước, trường tuyển 1.350 sinh viên".
_PREVIOUS_SPAN = re.compile(r"\b(?:nam hoc|nien vu|nien khoa|mua giai|mua vu|mua|school year|season) "
                            r"(?:truoc|qua|ngoai|vua qua)\b|\b(?:last|previous) (?:school year|season)\b")


def _spanning_years(text: str) -> set[str]:
    """"2025-2026" for each school year, crop year or season `text` tells of ("năm học 2025-2026", "niên vụ 2024/25"),
    not one compared with."""
    folded = fold(text).lower()
    found = set()
    for m in _SPANNING_YEAR.finditer(folded):
        first, last = (g for g in m.groups() if g)
        if not _COMPARED_FOLDED.search(folded[max(0, m.start() - 30):m.start()]):
            found.add(f"{first}-{first[:2] + last if len(last) == 2 else last}")
    return found


def other_spanning_year(question: str, sentence: str) -> Mismatch | None:
    """The school years, if the question asks of one ("học phí năm học 2025-2026") and the sentence tells of others
    only ("năm học 2026-2027", or that and "năm học trước", 2025-2026, for a question on 2021-2022): their single
    years overlap, so `other_year` cannot tell them apart."""
    asked, told = _spanning_years(question), _spanning_years(sentence)
    if not asked or not told or asked & told:
        return None
    if _PREVIOUS_SPAN.search(fold(sentence).lower()):  # "so với 0,61% của năm học trước": the one before, too
        if asked & {"-".join(str(int(year) - 1) for year in span.split("-")) for span in told}:
            return None
    return Mismatch("year", ", ".join(sorted(asked)), tuple(sorted(told)))


# "This year" as a sentence writes it, the year of its article's date ("năm nay", "từ đầu năm đến nay", "6 tháng đầu
# năm" with no year after it); and a year before it, which the sentence may tell of too ("năm ngoái đạt 960 tấn").
# Now, too: "hiện có giá 25.000 đồng/kg" (not "thực hiện", "phát hiện", "xuất hiện", "thể hiện").
_THIS_YEAR = re.compile(r"\b(?:năm nay|this year|từ đầu năm|đầu năm (?:đến|tới) nay|so far this year|"
                        r"\d{1,2} tháng (?:đầu|cuối) năm(?!\s+(?:19|20)\d{2})|"
                        r"(?<!thực )(?<!phát )(?<!xuất )(?<!thể )hiện (?:nay|tại|có|là|đang|ở|được|vẫn|còn))\b",
                        re.IGNORECASE)
_LAST_YEAR = re.compile(r"\b(?:năm ngoái|năm trước|năm qua|cùng kỳ|last year|a year earlier|previous year|"
                        r"(?:vụ|mùa|niên vụ)(?: \w+)? trước)\b", re.IGNORECASE)  # "vụ Tết trước"
# Last year as a question asks of it, folded ("năm ngoái", "last year"), not one it compares with ("so với năm ngoái").
_ASKS_LAST_YEAR = re.compile(r"\b(?:nam ngoai|nam truoc|last year|the previous year|the year before|"
                             r"last (?:\w+ )?season)\b")  # "last rainy season"
# A question that compares (folded), or follows another ("còn năm ngoái thì sao?"): a sentence comparing answers it.
_ASKS_COMPARISON = re.compile(r"\b(?:so voi|compared|than|gap|tang|giam|increase[ds]?|decrease[ds]?|rise|rose|"
                              r"fall|fell|more|less|higher|lower|change[ds]?)\b|^\W*(?:con|and|what about|how about)\b")
_COMPARED_BEFORE = re.compile(r"\b(?:so voi|compared (?:with|to)|than|from|over|since|ke tu|tu)\s+(?:cung ky\s+)?$")
_FIGURE = re.compile(r"(?<![\d/])(?!(?:19|20)\d{2}(?!\d))\d")  # a figure, not a year


def _figure_compared(sentence: str, at: int, end: int) -> bool:
    """Whether the sentence gives a figure for the period it compares with at `at`..`end` ("so với mức 52.800 tấn
    của năm 2023", "so với 960 tấn cùng kỳ năm ngoái", "năm ngoái là 960 tấn"), not only the change ("tăng 2,4 lần
    so với cùng kỳ năm 2024")."""
    before = sentence[max(0, at - 70):at]
    opened = [m.end() for m in _COMPARED_YEAR.finditer(before)]
    start = opened[-1] if opened else len(before)
    after = _CLAUSE_END.search(sentence, end)
    told = before[start:] + " " + sentence[end:min(after.start() if after else len(sentence), end + 25)]
    return bool(_FIGURE.search(told))


def other_this_year(question: str, sentence: str, date: str) -> Mismatch | None:
    """The article's year, if the question asks of another year ("lương bình quân năm 2024", or "năm ngoái": the
    year before the article's) and the sentence writes it only as one compared with ("tăng 0,23 điểm phần trăm so với
    năm 2023"), or writes no year but "năm nay", "từ đầu năm đến nay", "6 tháng đầu năm", "hiện có" or a figure to a
    date (not one compared with: "so với năm nay") in an article dated another year (2025); unless it also tells of the
    asked year, as the year before it ("Năm 2024 ...?" and "năm nay ..., năm ngoái đạt ...") or as one it compares
    with, with that year's figure ("so với mức 960 tấn của năm 2024"; not "tăng 2,4 lần so với cùng kỳ năm 2024")."""
    asked = _years(question, question=True)
    this = date[:4]
    folded = fold(question).lower()
    comparing = bool(_ASKS_COMPARISON.search(folded))  # "so với năm 2022 ... bao nhiêu phần trăm?", "còn năm ngoái?"
    if not asked and this.isdigit() and not comparing:  # "Năm ngoái ... bao nhiêu?": the year before the article's
        if any(not _COMPARED_BEFORE.search(folded[:m.start()]) for m in _ASKS_LAST_YEAR.finditer(folded)):
            asked = {str(int(this) - 1)}
    if not asked or not this.isdigit() or this in asked or _years(sentence, question=False):
        return None
    now = any(not _compared(sentence, m.start()) for m in _THIS_YEAR.finditer(sentence)) or _TO_DATE.search(sentence)
    before = str(int(this) - 1)
    compared = False  # the asked year written, only as one compared with: the sentence's figure is another's
    for year in asked:
        told = list(re.finditer(rf"(?<!\d){year}(?!\d)", sentence))
        if year == before:
            told += _LAST_YEAR.finditer(sentence)
        if any(not _compared(sentence, m.start()) or _figure_compared(sentence, m.start(), m.end()) for m in told):
            return None
        compared = compared or (bool(told) and not comparing)
    return Mismatch("year", ", ".join(sorted(asked)), (this,)) if now or compared else None


# This year as a question asks of it, folded ("năm nay", "this year"; not "so với năm nay").
_ASKS_THIS_YEAR = re.compile(r"\b(?:nam nay|this year)\b")
# Last year as a sentence tells of it: not "năm qua" (in December, the year now ending), "cùng kỳ", or "5 năm
# trước" (five years ago).
_TOLD_LAST_YEAR = re.compile(r"(?<!\d )(?<!nhiều )(?<!vài )(?<!mấy )(?<!những )(?<!các )"
                             r"\b(?:năm ngoái|năm trước|last year|a year earlier|the previous year)\b", re.IGNORECASE)
# Last year as one compared with, besides `_compared`'s: "gấp đôi năm ngoái", "bằng năm trước", "tăng/giảm 10% so
# với năm ngoái": the sentence's own figure may be this year's.
_COMPARED_LAST = re.compile(r"\b(?:gấp|bằng|tăng|giảm|hơn)\b[^,;:.!?]{0,20}$", re.IGNORECASE)


def other_last_year(question: str, sentence: str, date: str) -> Mismatch | None:
    """The year before the article's, if the question asks of this year ("Bãi đỗ xe năm nay chứa được bao nhiêu ô
    tô?", no year written) and the sentence tells only of last year ("Năm ngoái, bãi đỗ xe chỉ đủ chỗ cho khoảng
    300 ô tô"): "năm ngoái", "năm trước", "last year", never as one compared with ("gấp đôi năm ngoái" may be this
    year's figure), in a sentence that writes neither this year nor any year. `other_this_year` reads the converse."""
    this = date[:4]
    folded = fold(question).lower()
    if not this.isdigit() or _years(question, question=True) or _ASKS_COMPARISON.search(folded):
        return None
    if not any(not _COMPARED_BEFORE.search(folded[:m.start()]) for m in _ASKS_THIS_YEAR.finditer(folded)):
        return None
    if _years(sentence, question=False) or _THIS_YEAR.search(sentence) or _TO_DATE.search(sentence):
        return None
    told = list(_TOLD_LAST_YEAR.finditer(sentence))
    if told and not any(_compared(sentence, m.start()) or _COMPARED_LAST.search(sentence, 0, m.start()) for m in told):
        return Mismatch("year", this, (str(int(this) - 1),))
    return None


# A day without its year, as news dates what it reports ("Ngày 6/1, Phúc Thịnh xuất lô 8 tấn ..."), not a fraction
# ("1/3 diện tích").
_DAY_OF_NEWS = re.compile(r"\b(?:ngày|sáng|trưa|chiều|tối|đêm|hôm)\s+\d{1,2}/(\d{1,2})(?![\d/])", re.IGNORECASE)
# A month without its year, likewise ("Kết quả kiểm tra cuối tháng 4, ..."): a month `PERIODS` reads, not one of
# next year ("tháng 4 năm sau").
_NEXT_YEAR = re.compile(r"\s+năm sau\b", re.IGNORECASE)
_ANY_YEAR = re.compile(r"(?<![\d.,])(?:19|20)\d{2}(?!\d|[.,]\d)")
# A school year or a season ("năm học 2025-2026"), which names no single year: "Sáng 7/6, ... kỳ thi tuyển sinh vào
# lớp 10 ... năm học 2025-2026" is an exam in June 2025.
_TWO_YEARS_WRITTEN = re.compile(r"(?<![\d.,])(?:19|20)\d{2}\s*[-–/]\s*(?:19|20)?\d{2}(?!\d|[.,]\d)")


def other_dated_year(question: str, sentence: str, date: str) -> Mismatch | None:
    """The year a sentence that writes no year tells of, if the question asks of another: the year of a day it names
    ("Ngày 6/1, ..." in an article of January 2025 is 6 January 2025; in one of March 2025 a "ngày 18/11" is in
    2024), or else of a month it names if it does not look ahead ("cuối tháng 4," in an article of May 2024), or its
    article's year for a question on a later year ("Cúp Núi Sam 2026 có bao nhiêu tay đua?" in an
    article of 2025), unless the question or the sentence looks ahead ("dự kiến", "sẽ", "muốn", "kế hoạch":
    `retrieval.goals.asks_ahead`, `retrieval.goals.looks_forward`).
    None for a question that compares (`_ASKS_COMPARISON`) or without a year, and for an article without a date."""
    asked = _years(question, question=True)
    this, month = date[:4], date[5:7]
    if (not asked or not this.isdigit() or _ANY_YEAR.search(_TWO_YEARS_WRITTEN.sub(" ", sentence))
            or _ASKS_COMPARISON.search(fold(question).lower())):
        return None
    ahead = asks_ahead(question)  # "... năm 2026 dự kiến là bao nhiêu?": a forecast, which a plan's figures tell
    days = [int(m.group(1)) for m in _DAY_OF_NEWS.finditer(sentence) if 1 <= int(m.group(1)) <= 12] or [
        int(m.group(1)) for m in PERIODS["month"].finditer(sentence) if m.group(1) and 1 <= int(m.group(1)) <= 12
        and not _NEXT_YEAR.match(sentence, m.end()) and not (ahead or looks_forward(sentence))]
    if days and month.isdigit():
        told = {str(int(this) - (day > int(month))) for day in days}
        return None if told & asked else Mismatch("year", ", ".join(sorted(asked)), tuple(sorted(told)))
    if all(int(year) > int(this) for year in asked) and not (ahead or looks_forward(sentence)):
        return Mismatch("year", ", ".join(sorted(asked)), (this,))
    return None


# A month, a quarter, or the first months of a year, as a question asks of one and a sentence tells of one:
# "tháng 2", "in February"; "quý III", "the third quarter"; "9 tháng đầu năm", "the first nine months", "first
# half"; "đến hết tháng 6" too (the figure runs to it). Not a month in a date ("ngày 6/11": the day news reports a
# month's figures on is often the next month's), nor a bound ("từ tháng 3", "after June") or one compared with ("so
# với tháng 1").
_NUMBERS_EN = {w: n for n, w in enumerate("one two three four five six seven eight nine ten eleven twelve".split(), 1)}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_ORDINAL_EN = {"first": 1, "second": 2, "third": 3, "fourth": 4}
PERIODS = {
    # not "ngày 9 tháng 2", "February 9", "9 February" (a day: `other_day`), nor a futures contract ("dầu giao tháng 4")
    "month": re.compile(r"(?<![\d.,])(?<!\d )(?<!giao )\b(?i:tháng)\s+(\d{1,2})\b(?!\s*tuổi)(?![.,]\d)|"
                        r"(?<!\d )\b(" + "|".join(m.capitalize() for m in _MONTHS_EN) + r")\b(?!\s+\d)"),
    "quarter": re.compile(r"\bquý\s+(I{1,3}|IV|[1-4])\b|\b(first|second|third|fourth) quarter\b|\bQ([1-4])\b",
                          re.IGNORECASE),
    # "9 tháng đầu năm", "lũy kế 9 tháng", "9 tháng năm 2025", "trong 9 tháng qua"; a half-year ("H1")
    "months": re.compile(r"\b(\d{1,2})\s+tháng\s+(?:đầu\s+năm|năm\s+\d{4}|qua)\b|\blũy kế\s+(\d{1,2})\s+tháng\b|"
                         r"\bfirst\s+(\w+)\s+months\b|\b(first half|nửa đầu năm|H1)\b|"
                         r"\btrong\s+(\d{1,2})\s+tháng(?=\s*,)", re.IGNORECASE),  # "Trong 8 tháng, ..."
}
# Typed without accents ("quy 3 nam 2024", "thang 2"): the same, read on the lower-cased question.
# Not the English month names: lower-cased, "may" is "máy" or "mấy".
_PERIODS_UNACCENTED = {kind: re.compile(fold(p.pattern.split(r"|(?<!\d )\b(")[0]).replace(r"(?i:thang)", "thang"),
                                        p.flags) for kind, p in PERIODS.items()}
# A whole year, as a sentence tells of one ("Năm 2024, tổng thu ...", "cả năm 2025"), when it tells of no part of
# one: no figure for a month, a quarter or the first months of a year answers "quý III năm 2024?".
_WHOLE_YEAR = re.compile(r"(?<!so với )(?<!từ )(?<!trước )(?<!sau )(?<!đến )(?<!tới )(?<!của )\b(?:[Nn]ăm\s+"
                         r"(?:19|20)\d{2}|cả năm)\b")
_SAID_WHOLE_YEAR = re.compile(r"\b(?:cả|toàn|trọn) năm\b", re.IGNORECASE)
_PART_OF_YEAR = re.compile(r"\b(?:tháng|quý|tuần|ngày|mùa|đợt|vụ|kỳ)\b", re.IGNORECASE)
_PERIOD_BOUND = re.compile(r"\b(?:từ|trước|sau|since|before|after|from|so với|hơn|cùng kỳ|than|compared with)\s*$",
                           re.IGNORECASE)
_PERIOD_BOUND_UNACCENTED = re.compile(fold(_PERIOD_BOUND.pattern), re.IGNORECASE)  # "tu thang 3"


# A whole year asked as such ("cả năm 2024", "in the whole of 2024", "full-year"), folded; and a figure to a date
# ("trong 8 tháng", "tính đến ngày 30/11", "đến nay"), which tells of part of one.
_ASKS_WHOLE_YEAR = re.compile(r"\b(?:ca nam|tron nam|toan nam|whole (?:of )?(?:the )?year|whole of (?:19|20)\d{2}|"
                              r"full[- ]year|entire year|all of (?:19|20)\d{2})\b")
_ASKS_PART_OF_YEAR = re.compile(r"\b(?:thang|quy|tuan|months?|quarters?|half|weeks?)\b")  # "sau sáu tháng, ... cả năm"
_TO_DATE = re.compile(r"\btrong\s+\d{1,2}\s+tháng\b|\b(?:tính\s+)?(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?\d{1,2}/\d{1,2}"
                      r"(?!/)|\b(?:tính đến|đến) nay\b", re.IGNORECASE)


def _asks_whole_year(question: str) -> bool:
    """"Cả năm 2024 ... bao nhiêu?"; not "Sau sáu tháng, ... bao nhiêu phần trăm kế hoạch cả năm?", a share of the
    year's plan reached after part of it."""
    folded = fold(question).lower()
    return bool(_ASKS_WHOLE_YEAR.search(folded)) and not _ASKS_PART_OF_YEAR.search(folded)


_IN_PART = re.compile(r"\b(?:đầu|cuối|giữa)\s+$", re.IGNORECASE)  # "8 tháng đầu năm 2024" is no whole year


def _tells_whole_year(sentence: str) -> bool:
    """Whether `sentence` tells of a whole year (`_WHOLE_YEAR`), not one it compares with ("so với cùng kỳ năm
    2024") nor part of one ("đầu năm 2024")."""
    return any(not _compared(sentence, m.start()) and not _IN_PART.search(sentence, 0, m.start())
               for m in _WHOLE_YEAR.finditer(sentence))


def _period_value(kind: str, m: re.Match[str]) -> int | None:
    raw = next(g for g in m.groups() if g)
    low = raw.lower()
    if kind == "month":
        n = int(raw) if raw.isdigit() else _MONTHS_EN.index(low) + 1
    elif kind == "quarter":
        n = int(raw) if raw.isdigit() else _ROMAN.get(low) or _ORDINAL_EN.get(low)
    else:
        n = 6 if low in ("first half", "nửa đầu năm", "h1") else int(raw) if raw.isdigit() else _NUMBERS_EN.get(low)
    return n if n is not None and 1 <= n <= 12 else None


def _periods(kind: str, text: str, *, question: bool) -> set[int]:
    found = set()
    unaccented = question and not has_diacritics(text) and detect_language(text) != "en"
    patterns = _PERIODS_UNACCENTED if unaccented else PERIODS
    for m in patterns[kind].finditer(text.lower() if unaccented else text):
        if m.start() == 0 and question and kind == "month" and not m.group(1):  # "May I ...?"
            continue
        if (_PERIOD_BOUND_UNACCENTED if unaccented else _PERIOD_BOUND).search(text[max(0, m.start() - 14):m.start()]):
            continue
        value = _period_value(kind, m)
        if value is not None:
            found.add(value)
    return found


@functools.lru_cache(maxsize=256)
def _asked_periods(question: str) -> dict[str, frozenset[int]]:
    """The periods a question asks of, per kind: read once, not again for each sentence it is held against."""
    return {kind: frozenset(_periods(kind, question, question=True)) for kind in PERIODS}


_TO_MONTH_END = re.compile(r"\b(?:tu dau nam|luy ke|(?:tinh )?(?:den|toi) (?:het )?thang|through|by the end of|"
                           r"year to date|so far)\b")


# The first day, week, month or year of something ("tuần đầu tiên", "the opening week", "năm đầu"), not a year's
# first months ("6 tháng đầu năm", "tháng đầu năm": `PERIODS`) nor a month's first week ("tuần đầu tháng 3").
_FIRST_SPAN = {
    "day": re.compile(r"(?<!\d )\b(?:ngày đầu tiên|ngày đầu(?! năm| tháng| tuần)|ngày khai trương|ngay dau tien|"
                      r"(?:first|opening) day)\b", re.IGNORECASE),
    "week": re.compile(r"(?<!\d )\b(?:tuần đầu tiên|tuần đầu(?! năm| tháng)|tuan dau tien|(?:first|opening) week)\b",
                       re.IGNORECASE),
    "month": re.compile(r"(?<!\d )\b(?:tháng đầu tiên|thang dau tien|(?:first|opening) month)\b", re.IGNORECASE),
    "year": re.compile(r"(?<!\d )\b(?:năm đầu tiên|nam dau tien|(?:first|opening) year)\b", re.IGNORECASE),
}


def other_first_span(question: str, sentence: str) -> Mismatch | None:
    """The first day, week, month or year of something asked ("tháng đầu tiên", "opening week"), when the sentence
    tells of another only ("Trong tuần đầu tiên, tàu phục vụ 3.460 lượt khách"; "đón 250.000 lượt khách trong năm
    đầu tiên" for the opening week)."""
    asked = [unit for unit, words in _FIRST_SPAN.items() if words.search(question)]
    told = tuple(f"first_{unit}" for unit, words in _FIRST_SPAN.items() if words.search(sentence))
    if len(asked) != 1 or not told or f"first_{asked[0]}" in told:
        return None
    return Mismatch("period", f"first_{asked[0]}", told)


def other_period(question: str, sentence: str) -> Mismatch | None:
    """The periods, if the question asks of a month, a quarter or the first months of a year ("doanh thu tháng 2",
    "in the third quarter", "9 tháng đầu năm") and the sentence tells of others of that kind only ("trong tháng 1",
    "quý II", "6 tháng đầu năm"), of a whole year and no part of one ("Năm 2024, tổng thu ..."), or of a quarter
    where the first months are asked or the other way round ("quý II" for "nửa đầu năm"), or of the first months
    where one month is asked ("trong 8 tháng," for "tháng 7"); or if it asks of a whole
    year ("cả năm 2024") and the sentence tells of part of one only ("8 tháng đầu năm", "đến ngày 30/11"): another
    period's figure. Across kinds, the kind is "period" and the values "6m" (the first six months), "q2", "month_2",
    "full_year" and "to_date" (a figure to a date within the year)."""
    asked_by_kind = _asked_periods(question)
    read = {kind: (asked_by_kind[kind], _periods(kind, sentence, question=False)) for kind in PERIODS}
    for kind, (asked, told) in read.items():
        if asked and told and not asked & told:
            return Mismatch(kind, ", ".join(map(str, sorted(asked))), tuple(map(str, sorted(told))))
    # (a part of a year named beside "cả năm" is mostly when it was said: "hồi tháng 4 đặt mục tiêu ... cho cả năm")
    whole = _WHOLE_YEAR.search(sentence) and (not _PART_OF_YEAR.search(sentence) or (
        _SAID_WHOLE_YEAR.search(sentence) and not any(asked & told for asked, told in read.values())))
    if any(asked for asked, _ in read.values()) and whole:
        codes = {"month": "month_{}", "quarter": "q{}", "months": "{}m"}
        asked_codes = [codes[kind].format(n) for kind, (asked, _) in read.items() for n in sorted(asked)]
        return Mismatch("period", ", ".join(asked_codes), ("full_year",))
    if _asks_whole_year(question) and not any(asked for asked, _ in read.values()):
        told = [f"{n}m" for n in sorted(read["months"][1])] + [f"q{n}" for n in sorted(read["quarter"][1])]
        if (told or _TO_DATE.search(sentence)) and not _tells_whole_year(sentence):
            return Mismatch("period", "full_year", tuple(told) or ("to_date",))
    # The first months of a year are a quarter only as "3 tháng đầu năm" and "quý I", and never one month.
    (months_q, months_s), (quarters_q, quarters_s) = read["months"], read["quarter"]
    (month_q, month_s) = read["month"]
    # (not to the end of the asked month: "từ đầu năm đến hết tháng 5" is "trong 5 tháng")
    if (month_q and months_s and not month_s and not months_q
            and not _TO_MONTH_END.search(fold(question).lower())):
        return Mismatch("period", ", ".join(f"month_{n}" for n in sorted(month_q)),
                        tuple(f"{n}m" for n in sorted(months_s)))
    if months_q and quarters_s and not months_s and not (months_q == {3} and quarters_s == {1}):
        return Mismatch("period", ", ".join(f"{n}m" for n in sorted(months_q)),
                        tuple(f"q{q}" for q in sorted(quarters_s)))
    if quarters_q and months_s and not quarters_s and not (quarters_q == {1} and months_s == {3}):
        return Mismatch("period", ", ".join(f"q{q}" for q in sorted(quarters_q)),
                        tuple(f"{n}m" for n in sorted(months_s)))
    return None


def tells_year(question: str, sentence: str) -> bool:
    return bool(_years(question, question=True) & _years(sentence, question=False)
                or _spanning_years(question) & _spanning_years(sentence)
                or _ASKS_THIS_YEAR.search(fold(question).lower()) and _THIS_YEAR.search(sentence))


def tells_period(question: str, sentence: str) -> bool:
    return any(asked & _periods(kind, sentence, question=False) for kind, asked in _asked_periods(question).items())


def _by_date(day: tuple[int, int]) -> tuple[int, int]:
    return day[1], day[0]


# Which month asked ("tháng mấy", "tháng nào", "what month"), folded; "thang may" only at the question's end (it is
# also "thang máy", a lift).
_ASKS_MONTH = re.compile(r"\b(?:thang nao|what month|which month)\b|\bthang may\W*$")
# A month told: "tháng 9", "9/2028", "12/6", an English month's name.
_TELLS_MONTH = re.compile(r"\b(?:thang|month)\b|\d/\d|\b(?:" + "|".join(_MONTHS_EN) + r")\b", re.IGNORECASE)
_TELLS_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def year_for_month(question: str, sentence: str) -> Mismatch | None:
    """Which month is asked and the sentence tells a year only ("Liên hoan lần thứ IV dự kiến được tổ chức tại Cần
    Thơ vào năm 2027" for "... tổ chức vào tháng mấy?"): it cannot say which month."""
    folded_q, folded_s = fold(question).lower(), fold(sentence).lower()
    if _ASKS_MONTH.search(folded_q) and _TELLS_YEAR.search(folded_s) and not _TELLS_MONTH.search(folded_s):
        return Mismatch("measure", "thang", ("nam",))
    return None
