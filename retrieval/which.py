"""The name of the kind of thing a which-question asks for, for its bold span (and, for a province or a country,
for ranking: `asks_place`).

"Quận nào ở Cần Thơ có nhiều ca mắc sởi nhất?" is answered by "Quận Ninh Kiều có nhiều ca mắc nhất với 14 ca, quận
Cái Răng đứng thứ hai với 9 ca.": the answer is the name written after the kind's noun ("quận", "quỹ", "cầu", "khu
công nghiệp"), up to two lower-case words on ("cầu vượt suối Đạ Nhim"), but not the member a party committee's name
goes on to ("Tỉnh ủy Trương Thanh Huyền"). The kind is the noun before "nào" (a closed list: places, bodies, works
that carry a name), or the English noun after "which" / "what", read as the Vietnamese nouns the text writes it
with; a work's name is its title in quotation marks ('Album "Mùa gió chướng"'); a country's ("Which country ...?",
"Quốc gia nào ...?") and a province's are those `retrieval.places` knows, a province's with or without "tỉnh" before
it ("huyện Cẩm Xuyên (Hà Tĩnh)"). Of several such names the one asked is the one nearest the question's other
words, as `retrieval.whereabouts` weighs places, or for a superlative asked, one in a clause with a superlative
("Huyện Khoái Châu có diện tích lớn nhất"); a name the question writes is not its answer, nor one that goes on in
lower case as a longer name does ("Cơ quan Hàng không Vũ trụ"). A one-syllable noun is read with its accents where
the sentence has them ("chợ", not "cho").
"""
from __future__ import annotations

import re

from retrieval.language import has_diacritics
from retrieval.places import COUNTRIES, NATION, PROVINCES, named_spans
from retrieval.name_shapes import is_roman_numeral
from retrieval.span_plan import SUPERLATIVE_LEADS, superlative
from retrieval.span_shapes import CAP, NAME, NUMBER_OF_NAME, STOP_WORDS, STOP_WORDS_WRITTEN, UPPER
from retrieval.spans import overlaps, pull
from retrieval.textnorm import fold, fold_aligned, unaccent

# Folded Vietnamese nouns of a kind of named thing -> the nouns a sentence may write it with (folded).
_KINDS_VI: dict[str, tuple[str, ...]] = {
    "quan": ("quan",), "huyen": ("huyen",), "xa": ("xa",), "phuong": ("phuong",), "tinh": ("tinh",),
    "thi xa": ("thi xa",), "thi tran": ("thi tran",), "thanh pho": ("thanh pho", "tp"),
    "quy": ("quy",), "cau": ("cau",), "cang": ("cang",), "cang bien": ("cang",),
    "khu cong nghiep": ("khu cong nghiep", "kcn"), "khu kinh te": ("khu kinh te",), "ngan hang": ("ngan hang",),
    "benh vien": ("benh vien",), "cong ty": ("cong ty",), "tap doan": ("tap doan",), "hang": ("hang",),
    "doi": ("doi", "clb", "cau lac bo"), "clb": ("clb", "cau lac bo", "doi"),
    "cau lac bo": ("cau lac bo", "clb", "doi"),
    "san": ("san",), "san bay": ("san bay",), "song": ("song",), "ho": ("ho",), "ho chua": ("ho",),
    "cho": ("cho",), "lang": ("lang",), "thon": ("thon",), "ban": ("ban",), "ap": ("ap",),
    "cao toc": ("cao toc",), "quoc lo": ("quoc lo",), "ga": ("ga",), "nha ga": ("nha ga", "ga"),
    "lo": ("lo",), "lo dat": ("lo",),
    "nha may": ("nha may",), "du an": ("du an",), "chuong trinh": ("chuong trinh",), "giai": ("giai",),
    "le hoi": ("le hoi",), "bao tang": ("bao tang",), "dai hoc": ("dai hoc", "truong"),
    "truong": ("truong",), "cua khau": ("cua khau",), "deo": ("deo",), "dao": ("dao",), "vinh": ("vinh",),
    # works, named by a title in quotation marks: 'Album "Mùa gió chướng" của cô'
    "album": ("album",), "ca khuc": ("ca khuc", "bai hat"), "bai hat": ("bai hat", "ca khuc"), "phim": ("phim",),
    "bo phim": ("phim",), "cuon sach": ("sach", "cuon sach"), "tac pham": ("tac pham",),
}
# A unit's party committee ("Tỉnh ủy", "Huyện ủy"): the name after it is its member's, not the unit's.
_COMMITTEE = frozenset({"ủy", "uỷ", "uy"})
# A one-syllable noun as a sentence with accents writes it: folded, "cho" is also "for", "song" "but".
_WRITTEN = {"quan": "quận", "huyen": "huyện", "xa": "xã", "phuong": "phường", "tinh": "tỉnh", "quy": "quỹ",
            "cau": "cầu", "cang": "cảng", "hang": "hãng", "doi": "đội", "san": "sân", "song": "sông", "ho": "hồ",
            "cho": "chợ", "lang": "làng", "thon": "thôn", "ban": "bản", "ap": "ấp", "giai": "giải", "truong": "trường",
            "deo": "đèo", "dao": "đảo", "vinh": "vịnh", "lo": "lô"}
# English nouns after "which" / "what" -> the Vietnamese kinds above.
_KINDS_EN: dict[str, str] = {
    "district": "quan|huyen", "commune": "xa", "ward": "phuong", "province": "tinh", "city": "thanh pho",
    "fund": "quy", "bridge": "cau", "port": "cang", "seaport": "cang", "industrial park": "khu cong nghiep",
    "industrial zone": "khu cong nghiep", "economic zone": "khu kinh te", "bank": "ngan hang",
    "hospital": "benh vien", "company": "cong ty", "firm": "cong ty", "group": "tap doan", "airline": "hang",
    "team": "doi", "club": "clb", "stadium": "san", "airport": "san bay", "river": "song", "lake": "ho",
    "reservoir": "ho", "market": "cho", "village": "lang|thon|ban", "hamlet": "thon|ap", "expressway": "cao toc",
    "highway": "quoc lo|cao toc", "station": "ga", "terminal": "nha ga", "plant": "nha may", "factory": "nha may",
    "project": "du an", "programme": "chuong trinh", "program": "chuong trinh", "award": "giai", "prize": "giai",
    "festival": "le hoi", "museum": "bao tang", "university": "dai hoc|truong", "school": "truong",
    "border gate": "cua khau", "pass": "deo", "island": "dao", "bay": "vinh", "plot": "lo",
    "album": "album", "song": "bai hat|ca khuc", "film": "phim", "movie": "phim", "book": "cuon sach",
    "novel": "cuon sach", "work": "tac pham",
}
# not "thứ trưởng nào", "bộ trưởng nào" (an official, not a school)
_KIND_VI = re.compile(r"\b(?<!thu )(?<!bo )(?<!hieu )(?<!cuc )(?<!vu )(?<!ban )("
                      + "|".join(sorted(_KINDS_VI, key=len, reverse=True)) + r") nao\b")
_KIND_EN = re.compile(r"\b(?:which|what) (?:[a-z-]+ )?(" + "|".join(sorted(_KINDS_EN, key=len, reverse=True))
                      + r")s?\b")
# "quý nào" is a quarter (a date), "hồ nào" may be a lake: read the kind on the written question where folding
# joins two words ("quỹ" / "quý").
_QUARTER = re.compile(r"\bquý nào\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+")
_QUOTED = re.compile(r"[\"“]([^\"”]{1,80})[\"”]")
_NEXT_WORD = re.compile(r"[ \t]+(\S+)")
_JOINING = frozenset("do thuộc gần cạnh giữa bên".split())  # words between two names, besides `_AFTER_A_NAME`
# Lower-case words inside a name, then its capitalised rest: "Đa khoa Thủ Đức" of "Bệnh viện Đa khoa Thủ Đức".
_LONGER_NAME = re.compile(rf"((?:[ \t]+(?![{UPPER}])[^\W\d_]+){{1,2}})[ \t]+{CAP}(?:[ \t]+{CAP})*")
# Kinds named by a number ("quốc lộ 24", "quốc lộ 1A", "lô số 16"), folded.
_NUMBERED = frozenset({"quoc lo", "lo"})
_NUMBER = re.compile(NUMBER_OF_NAME.pattern + r"(?=[,.;:!?)]?$)")  # a word that is only the number
# Words that may follow a whole name: function words and verbs a subject takes (not "không": "Cơ quan Hàng không").
_AFTER_A_NAME = (STOP_WORDS_WRITTEN - {"không"}) | frozenset("""bị lại nay đứng dẫn nằm ghi lấy đạt nhận giành tiếp
chiếm vẫn mới chỉ tăng giảm thắng thua dài rộng cao rơi xếp đón thu chi mở vừa cùng""".split())


def asked_kinds(question: str) -> tuple[str, ...]:
    """The folded nouns a sentence may write before the name asked for, or () when the question asks no which-kind
    of named thing."""
    folded = fold(question)
    m = _KIND_VI.search(folded)
    if m and not (m.group(1) == "quy" and _QUARTER.search(question)):
        return _KINDS_VI[m.group(1)]
    m = _KIND_EN.search(folded)
    if m:
        return tuple(noun for kind in _KINDS_EN[m.group(1)].split("|") for noun in _KINDS_VI[kind])
    return ()


def asks_place(question: str) -> bool:
    """Whether the question asks which province or which country ("Huyện Cẩm Xuyên thuộc tỉnh nào?", "Which country
    buys the most?"): kinds whose every name `retrieval.places` knows, so a sentence naming one (`kind_span`) holds
    an answer of the kind asked."""
    return "tinh" in asked_kinds(question) or bool(_COUNTRY_ASKED.search(fold(question).lower()))


def _goes_on(sentence: str, end: int) -> bool:
    """Whether a capitalised run ending at `end` goes on in lower case as a longer name does ("Hàng không Vũ trụ",
    "Vận tải Hoàng Long", "Đại học"), rather than ending before a word that follows a subject ("Ninh Kiều có",
    "Đạ Nhim là", "Cái Răng đứng thứ hai")."""
    after = _NEXT_WORD.match(sentence, end)
    return after is not None and after.group(1).isalpha() and after.group(1).islower() \
        and after.group(1) not in _AFTER_A_NAME


def _named(sentence: str, folded: str, nouns: tuple[str, ...]) -> list[tuple[int, int, int]]:
    """(name start, name end, noun start) for each name written after one of `nouns`, right after it or after one
    or two lower-case words."""
    out = []
    accented = has_diacritics(sentence)
    for noun in nouns:
        for m in re.finditer(rf"(?<![\w]){re.escape(noun)}(?![\w])", folded):
            written = sentence[m.start():m.end()].lower()
            if accented and written != _WRITTEN.get(noun, written):
                continue  # "cho" (for), not "chợ"; "song" (but), not "sông"
            pos = m.end()
            for _ in range(3):
                word = _NEXT_WORD.match(sentence, pos)
                if word is None:
                    break
                quoted = _QUOTED.match(sentence, word.start(1))
                if quoted:  # a title in quotation marks
                    out.append((quoted.start(1), quoted.end(1), m.start()))
                    break
                if word.group(1)[0].isupper():
                    name = NAME.match(sentence, word.start(1))
                    # a longer name goes on in lower case to more capitals ("Bệnh viện Đa khoa Thủ Đức")
                    longer = _LONGER_NAME.match(sentence, name.end()) if name else None
                    if longer and any(w in _AFTER_A_NAME or w in _JOINING for w in longer.group(1).split()):
                        longer = None  # "Honshu của Nhật Bản", "Groote Schuur ở Cape Town": two names
                    end = longer.end() if longer else name.end() if name else 0
                    # not a number ("quý III") nor the start of a longer name that ends in lower case
                    if name and not is_roman_numeral(name.group()) and not _goes_on(sentence, end):
                        out.append((name.start(), end, m.start()))
                    break
                number = _NUMBER.match(word.group(1)) if noun in _NUMBERED else None
                if number:  # "quốc lộ 24": the road and its number
                    out.append((m.start(), word.start(1) + number.end(), m.start()))
                    break
                if noun in _NUMBERED and word.group(1) == "số":  # "lô số 16"
                    pos = word.end()
                    continue
                if not word.group(1).isalpha():  # a number, or a word a comma ends
                    break
                if word.group(1).lower() in _COMMITTEE:  # "Tỉnh ủy Trương Thanh Huyền": a body, then its member
                    break
                pos = word.end()
    return out


def kind_span(question: str, sentence: str, taken: tuple[tuple[int, int], ...] = ()) -> tuple[int, int] | None:
    """The span of the name of the kind `question` asks for ("Quận nào ...?": "Ninh Kiều"), or None when it asks
    for none or `sentence` names none (not one the question writes, nor one overlapping `taken`)."""
    nouns = asked_kinds(question)
    asked = fold(question)
    country = not nouns and bool(_COUNTRY_ASKED.search(asked.lower()))
    if not (nouns or country):
        return None
    folded = fold_aligned(sentence)
    written = set(_WORD.findall(asked))
    words = written - STOP_WORDS
    named = _countries(question, sentence) if country else _named(sentence, folded, nouns)
    if "tinh" in nouns:
        named += _provinces(sentence)
    candidates = [(a, b, c) for a, b, c in named
                  if not overlaps((a, b), taken) and not all(w in written for w in _WORD.findall(folded, a, b))]
    if not candidates:
        return None
    found = list(_WORD.finditer(folded))

    def near(a: int, b: int, c: int) -> float:
        """Each question word pulls by its nearest occurrence outside the noun and name: 1 right after them, 1/2 a
        word further; before them, half as much (the name is mostly the subject: "Quận Ninh Kiều có nhiều ca nhất")."""
        inside = [i for i, w in enumerate(found) if c <= w.start() < b]
        return pull(found, words, inside[0], inside[-1], before=2.0)

    # a superlative asked ("Huyện nào trồng nhiều nhãn nhất?"): the name in a clause with one ("Huyện Khoái Châu có
    # diện tích lớn nhất với 1.450 ha, tiếp đến là huyện Kim Động ..."), the more so with the question's own ("the
    # highest birth rate": "Hà Giang dẫn đầu", not "TP HCM có mức sinh thấp nhất")
    adjective = superlative(question)
    own = None if adjective is None else re.compile(
        rf"\b(?:{adjective}) nhat\b" + (r"|\bdan dau\b" if adjective in SUPERLATIVE_LEADS else ""))

    def said_most(a: int, b: int, c: int) -> float:
        if own is None:
            return 0.0
        clause = (_CLAUSE.split(folded[:c])[-1] + folded[c:b] + _CLAUSE.split(folded[b:])[0]).lower()
        return SUPERLATIVE_PULL if own.search(clause) else SUPERLATIVE_PULL / 2 * bool(_MOST.search(clause))

    a, b, _ = max(candidates, key=lambda x: near(*x) + said_most(*x))  # max keeps the first of equal scores
    return a, b


def _provinces(sentence: str) -> list[tuple[int, int, int]]:
    """(start, end, start) of each Vietnamese province or centrally run city `sentence` names, written with or
    without "tỉnh" before it: news places a district by its province in brackets ("huyện Cẩm Xuyên (Hà Tĩnh)")."""
    plain = unaccent(sentence)
    if len(plain) != len(sentence):
        return []
    return [(a, b, a) for a, b, name in named_spans(PROVINCES, plain) if name != NATION.name]


# "Which country ...?", "Quốc gia nào ...?": a country's name, as `retrieval.places` knows them ("Indonesia", "Mỹ").
_COUNTRY_ASKED = re.compile(r"\b(?:which|what) (?:[a-z-]+ )?(?:country|countries|nation)\b|\b(?:quoc gia|nuoc) nao\b")


# Countries an English question names by their people ("with American support"), which are not its answer.
_DEMONYMS = {"american": "Mỹ", "chinese": "Trung Quốc", "japanese": "Nhật Bản", "korean": "Hàn Quốc", "french": "Pháp",
             "british": "Anh", "german": "Đức", "russian": "Nga", "indian": "Ấn Độ", "thai": "Thái Lan",
             "vietnamese": "Việt Nam", "lao": "Lào", "laotian": "Lào", "cambodian": "Campuchia"}


_ONE_WORD_COUNTRIES = {unaccent(p.name): p.name for p in COUNTRIES if " " not in p.name}  # "Nga", "Pháp" (unaccented)
_LISTED_SHORT = re.compile(r"(?:,|\bva)\s+([A-Z][a-z]{0,3})\b(?!\s+[A-Z])")


def _countries(question: str, sentence: str) -> list[tuple[int, int, int]]:
    """(start, end, start) of each country's name in `sentence` (from its first capital: "của Anh" is "Anh"), but
    those `question` names by their people, and Vietnam where another is named (Vietnamese news names Vietnam as
    the home its subjects deal with)."""
    plain = unaccent(sentence)
    if len(plain) != len(sentence):
        return []
    people = {_DEMONYMS[w] for w in _WORD.findall(question.lower()) if w in _DEMONYMS}
    found = [(a, b, name) for a, b, name in named_spans(COUNTRIES, plain) if name not in people]
    # a one-word name the table reads only after "sang", "tại"..., here also listed after another country
    # ("đánh bại Trung Quốc năm 1895 và Nga năm 1905")
    for m in _LISTED_SHORT.finditer(plain):
        name = _ONE_WORD_COUNTRIES.get(m.group(1))
        if name and name not in people and any(0 <= m.start() - b <= 25 for _, b, _ in found):
            found.append((m.start(1), m.end(1), name))
    if any(name != "Việt Nam" for _, _, name in found):
        found = [f for f in found if f[2] != "Việt Nam"]
    return sorted((a, b, a) for a, b, _ in found)


_CLAUSE = re.compile(r"[,;:]")
_MOST = re.compile(r"\b(?:nhat|dan dau|most|largest|biggest|highest)\b")
SUPERLATIVE_PULL = 2.0  # more than a question word right after the name (1)
