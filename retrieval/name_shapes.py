"""What a name looks like: a Vietnamese person's (a family name first), a word no Vietnamese syllable spells, a
Roman numeral, a code; and the names a question is specifically about (`specific_terms`).

Read by the answer spans (`retrieval.spans`), by the checks on persons, roles and mentions, and by search's check
that the corpus mentions what a question names.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from retrieval.textnorm import fold

# A Roman numeral below 100 ("khóa XX", "Đại hội XIII", "thế kỷ XXI"), of two letters or more: not a name.
_ROMAN = re.compile(r"(?=[IVXLC]{2})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})", re.IGNORECASE)

# The commonest Vietnamese family names, which begin a person's full name ("Nguyễn Văn Thành"). News writes
# "Bí thư Huyện ủy Cẩm Xuyên Nguyễn Văn Thành": a capitalised run that does not start with one but holds one is a
# place or body followed by a person, and is split there.
SURNAMES = frozenset("""nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý trương đinh
trịnh đào lưu đoàn hà lâm phùng tạ lương thái tô vương triệu kiều quách tống thân mai cao chu lại lã mạc
khổng thạch hứa đàm doãn diệp khương thiều bế cầm lò sùng giàng thào quàng nông""".split())
# (The last nine: names of the north's peoples. Not Khúc, Phí, Hầu, Chế, Nghiêm, Giáp...: common words too, as
# "Khúc hoan ca", "Hầu hết", "Giáp Thìn" write them.)


def is_roman_numeral(word: str) -> bool:
    """"XX", "xiii": a Roman numeral below 100, of two letters or more."""
    return bool(_ROMAN.fullmatch(word))


# A Vietnamese syllable without its marks: onset, one to three vowels, final ("nghiêng" -> "nghieng"); "Jean",
# "Short", "Kawann" are none.
_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?")


def vietnamese_run(words: list[str]) -> bool:
    """Every word a Vietnamese syllable ("Ban", "Chấp"), at least one with Vietnamese marks."""
    return any(vietnamese(w) for w in words) and all(
        (w.isascii() or vietnamese(w)) and _SYLLABLE.fullmatch(fold(w)) for w in words)


def foreign_word(word: str) -> bool:
    """A capitalised word that no Vietnamese syllable spells ("Thomas", "Fröbel", "Ji" of "Kim Ji-hoon"), not an
    acronym ("IPCC")."""
    return word[:1].isupper() and not word.isupper() and _SYLLABLE.fullmatch(fold(word)) is None


def person_shaped(words: list[str]) -> bool:
    """Three or four Vietnamese words, the first a family name: "Trần Thị Bích Vân", not "Hà Tĩnh"."""
    return 3 <= len(words) <= 4 and words[0].lower() in SURNAMES and vietnamese_run(words)


# Words of a question, for finding proper names (capitalised runs), and the marks Vietnamese spelling uses
# (grave, acute, tilde, hook above, dot below, circumflex, breve, horn): "Temüjin" is not a Vietnamese name.
WORDS = re.compile(r"[^\W\d_]+")
_VI_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")


def vietnamese(word: str) -> bool:
    """Spelled with Vietnamese letters only, and at least one that is not plain ASCII."""
    letters = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "D"))
    return (not word.isascii() or "đ" in word.lower()) and all(
        (ch.isascii() and ch.isalpha()) or ch in _VI_MARKS for ch in letters)


def _split_at(run: list[re.Match[str]], apart: Callable[[re.Match[str]], bool]) -> list[list[re.Match[str]]]:
    """The parts of `run` between the words that keep its words `apart` (those words left out)."""
    parts: list[list[re.Match[str]]] = [[]]
    for m in run:
        if apart(m):
            parts.append([])
        else:
            parts[-1].append(m)
    return [part for part in parts if part]


# The first two syllables of a body's name, capitalised at its first only ("Bệnh viện", "Ủy ban"), folded: the
# capital one ends no run of the name before it ("Khoa Nhiễm Bệnh viện Đa khoa").
_BODY_STARTS = frozenset({"benh vien", "uy ban", "cong ty", "ngan hang", "tap doan", "trung tam", "dai hoc",
                          "hoc vien", "toa an", "vien kiem", "cong an", "hoi dong", "tong cong", "ban quan"})
_LAST_AND_NEXT = re.compile(r"([^\W\d_]+)\s+([^\W\d_]+)")


def starts_a_body(text: str, end: int) -> bool:
    """Whether the capitalised word ending at `end` and the lower-case one after it start a body's name ("Bệnh"
    of "Khoa Nhiễm Bệnh viện ..."), so the run of capitals before ends a word earlier."""
    start = len(text[:end]) - len(text[:end].split()[-1]) if text[:end].split() else end
    m = _LAST_AND_NEXT.match(text, start)
    return bool(m) and m.group(2).islower() and f"{fold(m.group(1))} {fold(m.group(2))}".lower() in _BODY_STARTS


def specific_terms(question: str) -> list[str]:
    """Names the question is specifically about: if the corpus never mentions one of them, the corpus
    cannot answer the question (e.g. an airport it never names), however close other words come. Years are
    not such terms: an article dated 2023 says "6 tháng đầu năm" and answers a question about 2023.

    A name is a run of capitalised words spelled the Vietnamese way, at least one with a diacritic (so
    English capitalised words and "Temüjin" never count), e.g. "Long Thành"; the first word of each of the
    question's sentences is capitalised anyway and is left out. A numbered thing ("bão số 4") is named too, and
    a thing named by a code ("khối D01")."""
    runs: list[list[re.Match[str]]] = []
    for m in WORDS.finditer(question):
        if not m.group()[0].isupper():
            continue
        if runs and not question[runs[-1][-1].end():m.start()].strip():
            runs[-1].append(m)
        else:
            runs.append([m])
    names = []
    for run in runs:
        before = question[:run[0].start()].rstrip()
        if not before or before[-1] in ".?!…:;":  # a sentence's first word is capitalised anyway
            run = run[1:]
        if run and starts_a_body(question, run[-1].end()):  # "Khoa Nhiễm Bệnh viện ...": no "Nhiễm Bệnh"
            run = run[:-1]
        # An English name around a Vietnamese one ("Tây Đô Food Company", "Cần Thơ River Culture Museum"): the
        # words no Vietnamese syllable spells translate what the article writes in Vietnamese ("Công ty Lương thực
        # Tây Đô"); the name is the Vietnamese words between them.
        for part in _split_at(run, lambda m: foreign_word(m.group())):
            text = " ".join(m.group() for m in part)
            if any(vietnamese(m.group()) for m in part) and all(vietnamese(m.group()) or m.group().isascii()
                                                                 for m in part):
                names.append(text)
    # A numbered thing is named by its number: "bão số 4", "tuyến metro số 2" (not "con số 4": "the figure 4").
    names += [m.group().strip() for m in _NUMBERED.finditer(question) if fold(m.group(1) or "").lower() != "con"]
    # So is a thing named by a code: "khối D01", "nhà ga T2", "gạo ST25".
    names += CODE.findall(question)
    # And a city's district or ward by its number: "Quận 7", "phường 3", "District 7" (as "quận 7").
    names += [f"{'phường' if m.group(1).lower() in ('ward', 'phuong', 'phường') else 'quận'} {m.group(2)}"
              for m in _NUMBERED_DISTRICT.finditer(question)]
    return names


# Not "Q1", "H2": an English quarter or half-year, which Vietnamese writes "quý I", "6 tháng cuối năm".
CODE = re.compile(r"(?<![\w-])(?![QH][1-4](?![\w-]))[A-Z]{1,4}\d{1,4}(?:[.,]\d+)?[A-Z]?(?![\w-])")
_CODE_PARTS = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)?")


def code_apart(code: str) -> str:
    """A code as text may also write it, its letters and digits apart: "RON92" -> "RON 92"."""
    return " ".join(_CODE_PARTS.findall(code))

_NUMBERED = re.compile(r"(?<!\w)(?:([^\W\d_]+)\s+)?số\s+\d+[A-Za-z]?(?![\w.,/])", re.IGNORECASE)
_NUMBERED_DISTRICT = re.compile(r"(?<!\w)(quận|phường|quan|phuong|district|ward)\s+(\d{1,2})(?![\w.,/])",
                                re.IGNORECASE)
