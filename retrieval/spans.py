"""Where a sentence has what a question asks for (a quantity, a date, a name: `retrieval.asks` reads which).

Used twice: ranking gives a small bonus to sentences holding something of the asked-for type that the
question does not already contain (measured on XQuAD-vi: +1 to +3 points Hit@1), and the answer picks the
span to bold inside the quoted sentence. Question words are matched on folded text, so unaccented questions
work too; whole words only (`ai` is "who", not the end of `hai`).

What a question asks is read by `retrieval.span_plan`, the shapes of the candidates are `retrieval.span_shapes`,
and the parts of a sentence that give several of them (lists, subsets) are read by `retrieval.span_parts`; here the
candidates are found and the one nearest the question's words is picked.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator

from retrieval.name_shapes import SURNAMES, WORDS, foreign_word, is_roman_numeral, person_shaped, vietnamese_run
from retrieval.places import COUNTRY_FORMS
from retrieval.qualifiers import contradicted
from retrieval.span_parts import (ASKS_MANY, RESPECTIVELY, compared_of, figures_in, named_subsets, names_in,
                                  of_subset, opens_subset, part_of, respective_span, whole_list, worded_subsets)
from retrieval.span_plan import ASKS_SUM, SUPERLATIVE_LEADS, Plan, plan_for
from retrieval.span_shapes import (BARE_NUMBER, BARE_YEAR, CAP, DATE, HONORIFIC, MARKER_BEFORE, MONEY, MONTH_BEFORE,
                                   NAME, NAMED_BY_NUMBER, NUMBER_OF_NAME, STOP_WORDS, UPPER, WORD)
from retrieval.textnorm import fold, fold_aligned


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
    plan = plan_for(question, bold=True)
    if plan is None or (ASKS_SUM.search(fold(question).lower()) and not MONEY.search(sentence)):
        return None
    spans = []
    found_spans = list(plan.pattern.finditer(sentence))
    if plan.kind == "name":
        found_spans = _foreign_first(sentence) + found_spans
    elif plan.kind == "quantity":  # a day's or month's number in a date ("tháng 9", "quý 2") is no quantity (a
        dates = [m.span() for m in DATE.finditer(sentence)]  # year may be: "từ năm 1870 đến 1939" for "bao lâu")
        found_spans = [m for m in found_spans if not (
            BARE_NUMBER.fullmatch(m.group().strip()) and not BARE_YEAR.fullmatch(m.group().strip())
            and (any(a <= m.start() and m.end() <= b and (a, b) != m.span() for a, b in dates)
                 or MONTH_BEFORE.search(sentence, 0, m.start())))
            and not MARKER_BEFORE.search(sentence, 0, m.start())
            and not (NUMBER_OF_NAME.fullmatch(m.group().strip()) and NAMED_BY_NUMBER.search(sentence, 0, m.start()))]
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
            words = WORD.findall(fold(sentence[a:b]))
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
            if plan.given_numbers and (n := BARE_NUMBER.match(sentence, a)) and n.group() in plan.given_numbers:
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
    respective = respective_span(sentence, spans, plan)
    if respective is not None:
        return _shown(sentence, respective, plan)
    folded = fold_aligned(sentence)
    found = list(WORD.finditer(folded))
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
    focused = ({span for span in spans if focus(part_of(sentence, span))}
               if focus is not None and not plan.difference else set())
    # of those, the whole rather than a part of it ("17 người khác bị thương, trong đó có sáu người bị thương nặng"),
    # unless the question words the part ("bị thương nặng")
    wholes = {span for span in focused if not opens_subset(sentence, span)}
    if wholes:
        told = {w for span in wholes for w in WORD.findall(fold(part_of(sentence, span)).lower())}
        focused = wholes | {span for span in focused - wholes if any(
            w in plan.words and w not in told and w not in STOP_WORDS
            for w in WORD.findall(fold(part_of(sentence, span)).lower()))}
    # or the one given for the part of a whole the question names ("..., riêng Bangladesh có 131 người" for
    # "Bangladesh có bao nhiêu người thiệt mạng?"), whatever else the focus is
    names = names_in(question)
    subset = {span for span in spans if names and of_subset(sentence, span, names)} if not plan.difference else set()
    subset = subset or (worded_subsets(sentence, spans, plan) if not plan.difference else set())
    if subset and len(subset) < len(spans):
        focused = subset
    # or the figure a sentence compares with, of the year the question asks ("tăng 6% so với mức 52.800 tấn của năm
    # 2023" for "Năm 2023, ... bao nhiêu tấn?")
    # (pulling as `named` below does: "cao hơn mức 11,9% của năm 2019" for "Năm 2019, ... bao nhiêu phần trăm?")
    years = {m.group() for m in BARE_YEAR.finditer(question)}
    of_year = {span for span in spans if years and compared_of(sentence, span) in years}
    # or the one in a part that goes on to name what the question names ("tiếp đến là Hàn Quốc 2.130 người"), which
    # pulls more than a unit asked for does (the first part's "6.420 lao động" carries the counted noun)
    named = (named_subsets(question, sentence, spans, names + figures_in(question))
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
    if plan.kind == "name" and ASKS_MANY.search(fold(question).lower()):
        best = whole_list(sentence, best, spans)
    return _shown(sentence, best, plan)


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


_CLAUSE_BREAK = re.compile(r"[,;:()]")


def _shown(sentence: str, span: tuple[int, int], plan: Plan) -> tuple[int, int]:
    """The chosen span as bolded: a counted noun read on as far as the question writes it, a place in an order with
    its "thứ"; a name without the honorific or the nationality that opens its run ("Bà H'Liên Êban", "người Anh Tim
    Berners-Lee")."""
    if plan.kind == "quantity":
        place = _ORDINAL_WORD.search(sentence, 0, span[0]) if plan.ordinal else None  # "thứ 8", not "8"
        return _with_question_noun(sentence, (place.start() if place else span[0], span[1]), plan.question)
    honorific = HONORIFIC.match(sentence, *span) if plan.kind == "name" else None
    if honorific:
        return honorific.end(), span[1]
    if plan.kind == "name" and plan.person:  # "nhà làm phim Hàn Quốc Lee Chang-ho": the person, not the country
        country = _COUNTRY_FIRST.match(sentence, *span)
        if country and len(WORDS.findall(sentence, country.end(), span[1])) > 1:
            return country.end(), span[1]
    return span


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
# join two answers to different things ("2 người bị thương và 35 ngôi nhà"). "trên" / "out of" likewise: "80 trên 150
# điểm" is one score.
_RANGE = re.compile(r"\s*[-–—]\s*|\s+(?:đến|tới|to)\s+", re.IGNORECASE)
_JOINED = re.compile(r"\s+(?:và|hoặc|and|or|trên|out of)\s+", re.IGNORECASE)
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
                                                    and not RESPECTIVELY.search(sentence, 0, p)):
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
_HYPHEN_LOWER = re.compile(rf"-(?![{UPPER}])[^\W\d_]")
# A country's name opening a person's run, and the space after it.
_COUNTRY_FIRST = re.compile("(?:" + "|".join(re.escape(f) for f in sorted(COUNTRY_FORMS, key=len, reverse=True))
                            + rf")\s+(?=[{UPPER}])")
CUT_SHORT_PENALTY = 3.0  # more than the largest length bonus (1.5): a whole name wins over one cut short


def _cut_short(sentence: str, a: int, b: int) -> bool:
    """A capitalised run of Vietnamese words that goes on in lower case is the start of a longer name of a body
    or title, capitalised only at each word's first syllable ("Ban Chấp hành", "Phó Chủ tịch", "Viện Nghiên cứu"),
    not a name of its own. A person's name starts with a family name ("Nguyễn Văn Thành kết luận"), and a foreign
    name is not spelled the Vietnamese way ("Kawann Short dẫn đầu"), nor joined by a hyphen to a lower-case part
    ("Lee Chang-ho làm chủ tịch")."""
    after = _LOWER_NEXT.match(sentence, b)
    if after is None or not after.group()[-1].islower() or _HYPHEN_LOWER.search(sentence, a, b):
        return False
    words = WORDS.findall(sentence, a, b)
    return words[0].lower() not in SURNAMES and vietnamese_run(words)


# Countries Vietnamese names in one word ("hiện là Mỹ với 31% kim ngạch"): a name of their own, not one cut short,
# where no person is asked.
_ONE_WORD_COUNTRIES = frozenset("Mỹ Lào Nga Pháp Đức Anh Ý Nhật Úc Bỉ Séc".split())


_FIRST_WORD = re.compile(rf"\s*{CAP}(?![\w-]|[\s-]+[{UPPER}])")


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
    words = list(WORD.finditer(sentence, a, b))
    # a run that starts with a family name is one person's, unless too long for one ("Hà Nội Nguyễn Văn Thắng")
    if len(words) < 2 or words[0].group().lower() in SURNAMES and len(words) <= 4:
        return ((a, b),)
    for w in words[1:-1]:  # a person's name has a given name after the family name: "Đại Tây Dương" is no split
        if w.group().lower() in SURNAMES:
            return (a, len(sentence[:w.start()].rstrip(" -"))), (w.start(), b)
    return ((a, b),)


def _past_known(sentence: str, a: int, b: int, given: tuple[tuple[str, ...], ...]) -> tuple[int, int]:
    """A name run without a name the question gives whole (`given`: `span_plan._given_names`) at its start:
    "Tổng thống Chile tên là gì?" bolds "Andrés Valdivia" of "Chile Andrés Valdivia"; "Trung Quốc" and "Emily
    Wilding Davison" stay whole. A Vietnamese person's name is never cut."""
    words = list(WORD.finditer(sentence, a, b))
    texts = tuple(w.group() for w in words)
    if person_shaped(list(texts)):  # "Vũ Quang Huy" is one name, whatever "Trung tâm Vũ trụ" in the question gives
        return a, b
    for run in given:
        if len(run) < len(texts) and texts[:len(run)] == run:
            return words[len(run)].start(), b
    return a, b


def fits_wording(question: str, sentence: str) -> bool | None:
    """None if `question` asks for no unit, counted noun or date precision in its wording (or asks for no
    quantity or date); else whether `sentence` has a span of the asked-for type, not in the question, that
    carries it: "mấy lần" and "22 lần", "bao nhiêu phần trăm" and "12%", "năm nào" and "1185"."""
    plan = plan_for(question)
    if plan is None or plan.kind not in ("quantity", "date") or not (plan.units or plan.counted):
        return None
    for m in plan.pattern.finditer(sentence):
        words = WORD.findall(fold(m.group()))
        if words and not all(w in plan.words for w in words) \
                and plan.fit(m.group(), sentence[m.end():m.end() + 40]) >= 10:
            return True
    return False


def names_person(question: str, sentence: str) -> bool | None:
    """None unless `question` asks who ("ai", "người nào", "who"); else whether `sentence` names a person the
    question does not: a run of three or four Vietnamese words starting with a family name ("Trần Thị Bích Vân",
    split off a title as the bold span is: "Cục trưởng ... Tống Văn Khoa"). Other names a "who" question may want
    (a body, "Ban Chấp hành", or a foreign person) are not read here: the answer-type bonus credits them all."""
    plan = plan_for(question)
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
