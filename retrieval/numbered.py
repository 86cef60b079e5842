"""Things told apart by a number in their name: "Bệnh viện Nhi đồng 2" is not "Nhi đồng 1", "nhà ga T2" not "T1",
"tuyến metro số 2" not "số 1", "Quận 3" not "Quận 1". A question naming one is not answered by a sentence that
names another of the same name and never writes the asked number (a reader's "Nhi đồng 2 kê thêm bao nhiêu
giường?" had been answered with Nhi đồng 1's beds).

A numbered name is a number of one or two digits after a word that numbers things ("số", "tuyến", "quận",
"vòng"...), or after a capitalised word or the word after one (not a capital that only starts the text: "Đội thắng 3
trận"), read on unaccented text with its case; or a code of one or two capitals and digits ("T2", "F1"), or a name
and a number joined by a hyphen ("MicroDragon-2"); or a capital letter or a Roman numeral after a word that grades
things ("loại A", "hạng B", "gỗ nhóm II"); or a star rating ("khách sạn ba sao", "OCOP 4 sao"); or an ordinal in
digits, named by the word before its "thứ" ("vụ sạt lở thứ 14", not "xếp thứ 14"). Not a figure with its unit ("Nhi
đồng 2 có 40 giường" holds no "giường 40"), a date nor a share. A round's standings "after 11 rounds" ("Sau 11
vòng") are those after round 11; an English question's "round 13" is "vòng 13", its "runoff" "vòng hai". A
question typed in lower case has no capitals: the sentence's capitalised numbered names are looked for in it.
"""
from __future__ import annotations

import re

from retrieval.textnorm import fold, fold_aligned, unaccent

# (and "bậc": an electricity price's tier, "bậc 1" and "bậc 6")
# (and "lộ" of "Quốc lộ 2", a national highway)
# (and "loại": a grade by its digit, "cam loại 1" and "loại 3")
_NUMBERING = frozenset("so tuyen quan vong lop khu line terminal route district round grade phase dot ga bac tier lo "
                       "highway loai vung region".split())
_UNIT = (r"h|gio|phut|giay|ngay|thang|nam|tuan|tuoi|km|m|cm|mm|kg|tan|ha|ty|trieu|nghin|ngan|tram|nguoi|ca|lan|"
         r"diem|ban|%")
_NUMBER = re.compile(r"(?<![\w/.,-])(\d{1,2})(?![\d/.%:-]|,\d)")  # "vòng 18, Nam Định"
_UNIT_AFTER = re.compile(rf"\s*(?:{_UNIT})\b")
# After a word that numbers things, "năm" or "tháng" is a date or, typed without accents, a name: "vòng 19 năm nay",
# "vong 19 nam dinh" (Nam Định), not 19 years.
_DATE_AFTER = re.compile(r"\s+(?:nam|thang)\b")
_WORDS_BEFORE = re.compile(r"(?:([^\W\d_]+)\s+)?([^\W\d_]+)\s+$")
_CODE = re.compile(r"(?<![\w/.-])([A-Z]{1,2})(\d{1,2})(?![\w/.-])")
_DASHED = re.compile(r"(?<![\w/.-])([A-Z][a-z]+[A-Z]?[a-z]*)-(\d{1,2})(?![\w/.-]|,\d)")
_BARE = re.compile(r"(?<![\d.,])\d+(?![.,]?\d)")
_LETTERED = re.compile(r"\b(loai|hang|nhom|vung|type|class|grade|category|group|region)\s+([A-E]|I{1,3}|IV|V)"
                       r"(?![\w-])", re.IGNORECASE)
_LISTED_GRADES = re.compile(r"(?:\s*,\s*(?:(?:va|and)\s+)?|\s+(?:va|and)\s+)([A-E]|I{1,3}|IV|V)(?![\w-])")
# (a Roman numeral grades as its number does: "gỗ nhóm II", "group I timber" as "nhóm I"; "hạng III")
_ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4", "V": "5"}
# A star rating, in digits or words: "khách sạn ba sao" is not "bốn sao", "OCOP 4 sao" not "5 stars".
_STARS = re.compile(r"(?i:(?<![\w.,])(\d|mot|hai|ba|bon|nam|sau|bay|one|two|three|four|five|six|seven)[\s-]+"
                    r"(?:sao|stars?)\b)")
_AFTER_ROUNDS = re.compile(r"\b(?:sau|after)\s+(\d{1,2})\s+(vong|round)s?\b", re.IGNORECASE)


# An English question's numbering word, as the Vietnamese text writes it: "round 13" is "vòng 13" (and "loại 3",
# "vùng 2" shown without the word before them).
_AS_WRITTEN = {"round": "vong", "line": "tuyen", "route": "tuyen", "grade": "lop", "terminal": "ga", "tier": "bac",
               "highway": "lo", "group": "nhom", "loai": "loai", "region": "vung", "vung": "vung"}


def _numbered(text: str) -> dict[tuple[str, str], str]:
    """(name, number) -> the name as written, for each numbered name in `text`."""
    plain = unaccent(text)
    found: dict[tuple[str, str], str] = {}
    for m in _NUMBER.finditer(plain):
        words = _WORDS_BEFORE.search(plain, 0, m.start())
        if words is None:
            continue
        first, second = words.group(1) or "", words.group(2)
        # "vụ sạt lở thứ 14" is not "thứ 13": an ordinal, named by the word before "thứ" ("xếp thứ 3" is another)
        ordinal = second.lower() == "thu" and bool(first)
        numbering = ordinal or second.lower() in _NUMBERING
        if _UNIT_AFTER.match(plain, m.end()) and not (numbering and _DATE_AFTER.match(plain, m.end())):
            continue  # a figure with its unit: "Nhi đồng 2 có 40 giường" holds no "giường 40"
        # a capital that only starts the text is no name's: "Đội thắng 3 trận"
        named = [w for w, at in ((first, words.start(1)), (second, words.start(2))) if w[:1].isupper() and at > 0]
        if named or numbering:
            name = f"{first.lower()} thu" if ordinal else _AS_WRITTEN.get(second.lower(), second.lower())
            shown = words.start(2) if second.lower() in _AS_WRITTEN else words.start()  # "round 13", "Quốc lộ 2"
            found[(name, m.group(1))] = text[shown:m.end()]
    for m in _CODE.finditer(plain):
        found[(m.group(1), m.group(2))] = m.group()
    for m in _DASHED.finditer(plain):  # "MicroDragon-2"
        found[(m.group(1).lower(), m.group(2))] = m.group()
    for m in _LETTERED.finditer(plain):
        if m.group(2).isupper():  # "loại A"; not "hang a" typed in lower case
            kind = _AS_WRITTEN.get(m.group(1).lower(), m.group(1).lower())
            found[(kind, _ROMAN.get(m.group(2), m.group(2)))] = text[m.start():m.end()]
            at = m.end()
            while (more := _LISTED_GRADES.match(plain, at)) is not None:  # "Các vùng II, III và IV": each of them
                found[(kind, _ROMAN.get(more.group(1), more.group(1)))] = text[more.start(1):more.end(1)]
                at = more.end()
    for m in _STARS.finditer(plain):
        found[("sao", _WORD_NUMBERS.get(m.group(1).lower(), m.group(1)))] = text[m.start():m.end()]
    for m in _AFTER_ROUNDS.finditer(plain):
        found[(_AS_WRITTEN.get(m.group(2).lower(), m.group(2).lower()), m.group(1))] = text[m.start():m.end()]
    for name, pattern in _ORDERED:
        for m in pattern.finditer(plain):
            if name == "dot" and text[m.start():m.start() + 3].lower() in ("đốt", "đột"):  # burning, sudden
                continue
            number = next(g for g in m.groups() if g)
            found[(name, _WORD_NUMBERS.get(number.lower(), number))] = text[m.start():m.end()]
    return found


# A project's phase and an event's edition by their number, in digits or words: "giai đoạn hai" is not "giai đoạn
# một", "phase 2" not "phase one"; "lần thứ 3" not "lần thứ tư", "the fifth UN Ocean Conference" not "Hội nghị ...
# lần thứ tư" (read on unaccented text: "tư" is "tu"; "năm" only after "thứ", not the "năm" of "giai đoạn năm 2025").
_WORD_NUMBERS = {w: str(n) for n, ws in enumerate((
    (), ("mot", "nhat", "i", "one", "first"), ("hai", "ii", "two", "second"), ("ba", "iii", "three", "third"),
    ("bon", "tu", "iv", "four", "fourth"), ("nam", "v", "five", "fifth"), ("sau", "six", "sixth"),
    ("bay", "seven", "seventh"), ("tam", "eight", "eighth"), ("chin", "nine", "ninth"), ("muoi", "ten", "tenth"),
)) for w in ws} | {"runoff": "2", "run-off": "2", "dau": "1"}
_EVENTS = r"(?i:editions?|conferences?|festivals?|congress|games|summits?|sessions?|forums?|fairs?|expos?)"
_ORDERED = (
    ("phase", re.compile(r"(?i:\b(?:giai doan|phase|stage)\s+(\d{1,2}|mot|hai|ba|bon|i{1,3}|iv|one|two|three|four)\b"
                         r"(?![\s/-]*\d)|\b(first|second|third|fourth)\s+(?:phase|stage)\b)")),
    # a round in words ("vòng một", "vòng hai", "the first round", "the runoff"), as "vòng 2" in digits
    ("vong", re.compile(r"(?i:\bvong\s+(mot|hai|ba|bon)\b(?![\s/-]*\d)|\b(first|second|third|fourth)\s+round\b|"
                        r"\b(runoff|run-off)\b)")),
    # a batch or a wave in words ("đợt đầu", "đợt thứ hai", "the second batch"), as "đợt 2" in digits
    ("dot", re.compile(r"(?i:\bdot\s+(?:thu\s+)?(mot|hai|ba|bon|tu|nhat)\b(?![\s/-]*\d)|\bdot\s+(dau)(?:\s+tien)?\b|"
                       r"\b(first|second|third|fourth)\s+(?:batch|wave|tranche)\b)")),
    ("edition", re.compile(r"(?i:\blan thu\s+(\d{1,2}|nhat|hai|ba|tu|nam|sau|bay|tam|chin|muoi)\b)|"
                           rf"\b(?i:(\d{{1,2}})(?:st|nd|rd|th)|(first|second|third|fourth|fifth|sixth|seventh|eighth|"
                           rf"ninth|tenth))\s+(?:[A-Z][\w'-]*\s+){{0,4}}{_EVENTS}\b")),
)


def names_numbered(question: str, sentence: str) -> bool:
    """Whether `sentence` names a numbered thing the question names ("nhà ga T2" for "T2")."""
    asked = _numbered(question)
    return bool(asked) and any(key in asked for key in _numbered(sentence))


_NAME_NUMBER = re.compile(r"^(.*?)(\s*)\d{1,2}$")


def _asked_in_lower_case(question: str, told: dict[tuple[str, str], str]) -> dict[tuple[str, str], str]:
    """A question typed in lower case shows no capitals to read a name by: there, the numbered names the sentence
    writes with capitals, asked with their words and a number ("benh vien nhi dong 2" for "Nhi đồng 1", "nha ga
    t2" for "T1")."""
    if question != question.lower():
        return {}
    folded = fold_aligned(question)
    found: dict[tuple[str, str], str] = {}
    for key, shown in told.items():
        words = _NAME_NUMBER.match(shown)
        if words is None or words.group(1) == words.group(1).lower() or not words.group(1).strip():
            continue
        gap = r"\s+" if words.group(2) else ""
        for m in re.finditer(rf"(?<!\w){re.escape(fold(words.group(1)))}{gap}(\d{{1,2}})(?![\w/.%:-]|,\d)", folded):
            found[(key[0], m.group(1))] = question[m.start():m.end()]
    return found


def other_numbered(question: str, sentence: str) -> tuple[str, tuple[str, ...]] | None:
    """The numbered name asked (as the question writes it) and the others of its name the sentence names instead,
    when the sentence names others of it, none the question also names, and never writes the asked number."""
    told = _numbered(sentence)
    asked = _numbered(question) | _asked_in_lower_case(question, told)
    if not asked:
        return None
    numbers = set(_BARE.findall(unaccent(sentence)))
    for (name, number), written in asked.items():
        others = [shown for (n, m), shown in told.items() if n == name and m != number and (n, m) not in asked]
        if others and (name, number) not in told and number not in numbers:
            return written, tuple(others)
    return None
