"""The parts of a sentence that give several figures or names: a list, values "lần lượt" (respectively), the part of
a whole ("riêng Bangladesh", "trong đó ..."), the part that goes on to name another ("tiếp đến là Hàn Quốc").

`retrieval.spans` asks which of its candidate spans such a part gives for what the question names.
"""
from __future__ import annotations

import functools
import re

from retrieval.language import detect_language, has_diacritics
from retrieval.name_shapes import WORDS, foreign_word
from retrieval.span_plan import Plan
from retrieval.span_shapes import BARE_YEAR, CAP, STOP_WORDS, WORD
from retrieval.textnorm import fold

# A question asking for several names ("Làng Chuông mua lá nón ở những tỉnh nào?", "which provinces", "những ai"):
# the list the chosen name is one of ("từ Quảng Bình và Thanh Hóa") is its answer, bolded whole.
ASKS_MANY = re.compile(r"\b(?:nhung|cac) (?:[a-z]+ ){0,2}nao\b|\bnhung ai\b|"
                        r"\b(?:which|what) (?!(?:was|is|does|has|this|its)\b)[a-z]{2,}(?:ies|[^su']s)\b")
_NAME_LIST_GAP = re.compile(r"\s*(?:,\s*(?:và\s+)?|\s+và\s+|\s+and\s+)"
                            r"(?:(?:ông|bà|anh|chị|quận|huyện|xã|phường|tỉnh|thành phố|TP)\s+)?")


def whole_list(sentence: str, span: tuple[int, int], spans: list[tuple[int, int]]) -> tuple[int, int]:
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


def respective_span(sentence: str, spans: list[tuple[int, int]], plan: Plan) -> tuple[int, int] | None:
    """"Kế toán trưởng Nguyễn Thị Mai và thủ quỹ Trịnh Văn Hòa lần lượt nhận 9 năm và 6 năm tù": the span after
    "lần lượt" ("respectively") in the place of the listed item the question names; all of them ("9 năm và 6 năm")
    unless one item holds more of the question's words than the others; None without "lần lượt"."""
    m = RESPECTIVELY.search(sentence)
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
    capitals = [[w for w in WORD.findall(item) if w[0].isupper()] for item in listed]
    words = [(ws if any(capitals) else WORD.findall(item)) for ws, item in zip(capitals, listed)]
    shared = [sum(w in plan.words and w not in STOP_WORDS for w in WORD.findall(fold(" ".join(ws))))
              for ws in words]
    if not any(shared) and any(capitals):  # or, the question naming none, their other words ("thủ quỹ")
        shared = [sum(w in plan.words and w not in STOP_WORDS for w in WORD.findall(fold(item))) for item in listed]
    best = max(shared)
    return after[shared.index(best)] if best > 0 and shared.count(best) == 1 else every


RESPECTIVELY = re.compile(r"\blần lượt\b|\brespectively\b", re.IGNORECASE)
_LAST_JOIN = re.compile(r"\s+(?:và|cùng|and)\s+", re.IGNORECASE)
_LIST_COMMA = re.compile(r"\s*,\s*")
_CLAUSE_START = re.compile(r"[;:]|(?<!\d),(?=\s+(?:trong đó|còn|nhưng))", re.IGNORECASE)

_PART_BREAK = re.compile(r"[,;:()]|\s(?:và|còn|trong khi|riêng|while|and)\s", re.IGNORECASE)


# A part of a sentence that gives the figure for part of a whole: "riêng Bangladesh có 131 người", "trong đó Hà Nội
# 8.000 ca".
_SUBSET_BEFORE = re.compile(r"\briêng\s*$", re.IGNORECASE)  # a break of its own (`_PART_BREAK`)
_SUBSET_OPENS = re.compile(r"(?:riêng|trong đó)\b", re.IGNORECASE)


@functools.lru_cache(maxsize=256)
def names_in(question: str) -> tuple[tuple[str, ...], ...]:
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


def compared_of(sentence: str, span: tuple[int, int]) -> str | None:
    """The year whose figure `span` is, where the sentence compares with it ("so với mức 52.800 tấn của năm 2023":
    "2023"); None if it is none such."""
    year = _OF_YEAR.match(sentence, span[1])
    compared = _COMPARED_WITH.search(sentence, max(0, span[0] - 25), span[0])
    return year.group(1) if year and compared else None


_OF_YEAR = re.compile(r"\s*(?:của|trong|vào)?\s*(?:cả\s+)?(?:cùng kỳ\s+)?năm\s+((?:19|20)\d{2})\b", re.IGNORECASE)
_COMPARED_WITH = re.compile(r"\b(?:so với|hơn|compared)\b(?:\s+(?:mức|con số|mốc))?\s*$", re.IGNORECASE)


def figures_in(question: str) -> tuple[tuple[str, ...], ...]:
    """The figures of three digits or more a question writes, not in a date ("Hộ dùng 400 kWh"; not the "15" of
    "November 15", the "2" of "phase 2"), each as its one way of being written."""
    return tuple((m.group(),) for m in _QUESTION_FIGURE.finditer(question) if not BARE_YEAR.fullmatch(m.group()))


_QUESTION_FIGURE = re.compile(r"(?<![\d/.,])(?:\d{1,3}(?:[.,]\d{3})+|\d{3,})(?:[.,]\d+)?(?![\d/])")


def named_subsets(question: str, sentence: str, spans: list[tuple[int, int]],
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
        unnamed = unnamed or not re.search(rf"\s{CAP}", sentence[start:end])
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
_JOINED_NAMES = re.compile(rf"{CAP}\s*(?:,|\s(?:và|and|or|hoặc))\s+{CAP}")  # "Bangladesh và Ấn Độ"


# A part of a list, for the names written in it: brackets hold a name's short form ("(ADB)"), and break no part.
_NAME_BREAK = re.compile(r"[,;:]|\s(?:và|còn|trong khi|riêng|while|and)\s", re.IGNORECASE)


def worded_subsets(sentence: str, spans: list[tuple[int, int]], plan: Plan) -> set[tuple[int, int]]:
    """The spans given for a part of a whole ("1,7 triệu lượt khách, trong đó có 48.000 lượt khách quốc tế"; "12,4
    ha, trong đó 8,7 ha thuộc xã Tà Bhing và 3,7 ha thuộc xã Chà Vàl") whose part writes a word of the question
    that the rest of the sentence does not ("quốc", "tế"; "cha", "val"); the question asks of that part. Words are
    read as written where the question has accents ("đồng" of "cánh đồng" is not "đông" of "đông xuân")."""
    accented = has_diacritics(plan.question)

    def read(text: str) -> str:
        return text.lower() if accented else fold(text).lower()

    # (not the names it writes, which `of_subset` reads: "ở Bangladesh và Ấn Độ" is not "riêng Bangladesh")
    asked = {read(w) for w in WORD.findall(plan.question) if not w[0].isupper()}
    found = set()
    for span in spans:
        opener = list(_SUBSET_OPENS.finditer(sentence, 0, span[0]))
        if not opener or re.search(r"[.;:]", sentence[opener[-1].end():span[0]]):
            continue
        start, end = _part_bounds(sentence, span)
        part = {w for w in WORD.findall(read(sentence[start:end])) if fold(w) not in STOP_WORDS and w.isalpha()}
        rest = set(WORD.findall(read(sentence[:start] + " " + sentence[end:])))
        if any(w in asked and w not in rest for w in part):
            found.add(span)
    return found if len(found) < len(spans) else set()


def opens_subset(sentence: str, span: tuple[int, int]) -> bool:
    """Whether `span` is in a part of `sentence` that a subset word opens ("riêng", "trong đó")."""
    start, end = _part_bounds(sentence, span)
    return bool(_SUBSET_BEFORE.search(sentence[:start]) or _SUBSET_OPENS.match(sentence[start:end].lstrip()))


def of_subset(sentence: str, span: tuple[int, int], names: tuple[tuple[str, ...], ...]) -> bool:
    """Whether `span` is in a part of `sentence` that a subset word opens ("riêng", "trong đó") and that writes each
    of `names` (in one of its ways): not "riêng Bangladesh có 131 người" for "ở Bangladesh và Ấn Độ"."""
    if not opens_subset(sentence, span):
        return False
    folded = fold(part_of(sentence, span)).lower()
    return all(any(re.search(rf"(?<!\w){re.escape(way)}(?!\w)", folded) for way in ways) for ways in names)


def part_of(sentence: str, span: tuple[int, int]) -> str:
    """The part of a list `span` is in: from the break before it to the break after it."""
    start, end = _part_bounds(sentence, span)
    return sentence[start:end]


def _part_bounds(sentence: str, span: tuple[int, int], breaks: re.Pattern[str] = _PART_BREAK) -> tuple[int, int]:
    """Where `part_of` starts and ends (between `breaks`)."""
    before = [m.end() for m in breaks.finditer(sentence, 0, span[0])]
    after = breaks.search(sentence, span[1])
    return before[-1] if before else 0, after.start() if after else len(sentence)
