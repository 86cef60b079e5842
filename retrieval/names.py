"""The names an English question gives, and whether an article mentions them.

Whether to answer an English question is judged on scores across two languages, and on news those separate a
question the corpus answers from one it cannot far less well than on XQuAD-vi. Names are the words that cross
the languages unchanged: "How much FDI did Dong Nai attract?" names Đồng Nai, which the article that answers it
mentions and the others mostly do not. So a quote from an article that never mentions a name the question gives
is no answer to it.

A name is a run of capitalised words (a sentence's first word alone is none), each one Vietnamese syllable
that the corpus writes somewhere (accents ignored: "Dong" is "Đồng") or two it writes apart ("Hanoi" as "Hà
Nội"), less a trailing "City", "Province" or "District" and a leading "Mr", "Ms" or "Dr". Only Vietnamese names
are checked, and a run with any other word is skipped whole ("Vietnam Airlines", "Edinburgh Tram"): an English
word or a foreign name may be written as such in one article and translated in another ("General", "England",
"United", "Tram" on XQuAD-vi), so neither tells articles apart. An article mentions a name when it holds every
pair of its syllables ("dong nai"), or its initials for three or more ("Ho Chi Minh" as "HCM"), or for three or
more whose last two no article writes together, every pair with the last word first ("Nui Sam Cup" as "Cúp Núi
Sam": English names a cup or a festival after the name, Vietnamese before it). A syllable the
corpus never writes ("Pa" of "Sa Pa") makes a name no article mentions. What this changes: `python
eval/experiments/english_floor_news.py`.

A Vietnamese question's names of two words or more are held to the same rule (`vietnamese=True`): "Tỷ lệ lấp đầy
của Khu công nghiệp Mỹ Phước 3 là bao nhiêu?" is not answered from an article on another industrial park. Its
first word and a person's honorific are capitalised whatever follows, so neither is part of a name; a name that
describes what a "nào" question asks for ("Hãng hàng không Thụy Sĩ nào") may be written otherwise in the
answer ("Swiss"), so it is left out. What this changes: `python eval/experiments/vietnamese_names.py`.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from retrieval.name_shapes import starts_a_body
from retrieval.textnorm import fold

_WORD = re.compile(r"(?<!\w)[^\W\d_]{2,}(?!\w)")  # letters only: "E5", "5G", "RON92" are no names
_SENTENCE_END = ".?!…:;"
# One Vietnamese syllable, accents removed: onset, vowels, final ("nguyen", "quang", "dong"; not "church").
SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|nh|ng|[cmnpt])?")
# English words shaped like Vietnamese syllables that a question capitalises without naming anything by them
# (a title's "The", the month "May").
_ENGLISH = frozenset("a an and as at be by do for he in is it me my no of on or so the to up we may".split())


# English words after a Vietnamese place name, or before a person's, that the Vietnamese text does not repeat
# ("Ho Chi Minh City", "Mr Duc").
_PLACE_WORDS = frozenset({"city", "province", "district"})
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof"})
_HONORIFICS = frozenset("ong ba anh chi co chu em be chau".split())
_WHICH = re.compile(r"(?:\s+[^\W\d_]+){0,2}\s+nào\b", re.IGNORECASE)
# Units' nouns a body's name may write before its place ("Cục Thuế tỉnh Quảng Ninh"), folded.
_UNITS_INSIDE = ("tinh", "huyen", "quan", "tp", "xa", "phuong")


@dataclass(frozen=True)
class Name:
    text: str  # as typed: "Dong Nai"
    # Ways an article can mention it: each a set of lexical terms (retrieval/lexical.py features) all present.
    # Empty: the corpus never writes one of its words, so no article mentions it.
    forms: tuple[tuple[str, ...], ...]


def _splits(word: str) -> list[str]:
    """The ways folded `word` ("hanoi") reads as two syllables written together, as pairs ("ha_noi")."""
    return [f"{word[:i]}_{word[i:]}" for i in range(1, len(word))
            if SYLLABLE.fullmatch(word[:i]) and SYLLABLE.fullmatch(word[i:])]


def _shaped(typed: str, folded: str, known: Callable[[str], bool], inside: bool = False) -> bool:
    """Whether a capitalised word can be (part of) a Vietnamese name: one syllable, or two the corpus writes
    ("Hanoi"; "China" and "Typhoon" read as two syllables too, but no corpus writes "chi na", "ty phoon"), and
    not an acronym ("CEO") nor an English word of that shape ("The"), unless `inside` a run of capitalised words
    after its first, where English capitalises no such word ("Luong Thi My Hanh": "My" is "Mỹ")."""
    if typed.isupper() or (folded in _ENGLISH and typed.isascii() and not inside):  # "My", not "Mỹ"
        return False
    return bool(SYLLABLE.fullmatch(folded)) or any(known(pair) for pair in _splits(folded))


def _forms_of_word(word: str, known: Callable[[str], bool]) -> list[tuple[str, ...]]:
    return [(word,)] * known(word) + [(pair,) for pair in _splits(word) if known(pair)]


def english_names(question: str, known: Callable[[str], bool], *, vietnamese: bool = False) -> list[Name]:
    """The names in `question` (see the module's note); `known(term)`: whether the corpus has the lexical term
    (a folded syllable, or a pair "a_b"). `vietnamese`: the question is Vietnamese, which capitalises its first
    word and a person's honorific ("Ông Thắng", "Cô Lan Hương") whatever follows; only names of two words or
    more count there (one syllable, "Tây" of "miền Tây", tells articles apart too seldom)."""
    runs: list[list[tuple[str, str]]] = []  # per run, (as typed, folded) words
    opening: set[int] = set()  # runs that begin a sentence, whose first word is capitalised anyway
    ends: list[int] = []  # where each run ends in `question`
    last_end = None
    for m in _WORD.finditer(question):
        word, folded = m.group(), fold(m.group())
        if word[0].isupper():
            if runs and last_end is not None and not question[last_end:m.start()].strip():
                runs[-1].append((word, folded))
                ends[-1] = m.end()
            else:
                before = question[:m.start()].rstrip()
                if not before or before[-1] in _SENTENCE_END:
                    opening.add(len(runs))
                runs.append([(word, folded)])
                ends.append(m.end())
            last_end = m.end()
        else:
            last_end = None
    # "Hãng hàng không Thụy Sĩ nào", "người Ấn Độ nổi tiếng nào": a name describing what is asked for, which the
    # answer may write otherwise ("Swiss", "Gandhi").
    asked_kind = {k for k, end in enumerate(ends) if _WHICH.match(question, end)} if vietnamese else set()
    names = []
    for k, run in enumerate(runs):
        if k in opening and (vietnamese or len(run) == 1 or not _shaped(*run[0], known)):
            run = run[1:]  # "Where", "Did" (Nguyen Van Nam ...); but "Dong Nai attracted ...?" is a name
        if vietnamese:
            run = run[1:] if run and run[0][1] in _HONORIFICS else run
            if run and starts_a_body(question, ends[k]):
                run = run[:-1]  # "Khoa Nhiễm Bệnh viện ...": "Bệnh" starts the next name, "Bệnh viện ..."
            if len(run) < 2 or k in asked_kind:
                continue
        if not run:
            continue
        if len(run) > 1 and run[-1][1] in _PLACE_WORDS:
            run = run[:-1]
        if len(run) > 1 and run[0][1] in _TITLES:
            run = run[1:]
        if not all(_shaped(typed, f, known, inside=i > 0) for i, (typed, f) in enumerate(run)):
            continue  # a foreign name, or one with an English word ("Edinburgh Tram", "Vietnam Airlines")
        words = [f for _, f in run]
        if not all(_forms_of_word(w, known) for w in words):
            forms: list[tuple[str, ...]] = []  # a syllable the corpus never writes ("Pa" of "Sa Pa")
        elif len(words) == 1:
            forms = _forms_of_word(words[0], known)
        else:
            forms = [tuple(f"{a}_{b}" for a, b in pairwise(words))]
            # "Nui Sam Cup", "Binh Dong Tet": English puts last what Vietnamese writes first ("Cúp Núi Sam", "Tết
            # Bình Đông"), when no article writes its last two words together
            if not vietnamese and len(words) >= 3 and not known(f"{words[-2]}_{words[-1]}"):
                forms.append(tuple(f"{a}_{b}" for a, b in pairwise(words[-1:] + words[:-1])))
            # "Cục Thuế Quảng Ninh" written "Cục Thuế tỉnh Quảng Ninh": a unit's noun before a place inside the name
            if vietnamese and len(words) >= 3:
                forms += [tuple(f"{a}_{b}" for a, b in pairwise(words[:i] + [unit] + words[i:]))
                          for i in range(1, len(words) - 1) if not known(f"{words[i - 1]}_{words[i]}")
                          for unit in _UNITS_INSIDE if known(f"{unit}_{words[i]}")]
            initials = "".join(w[0] for w in words)
            if len(words) >= 3 and known(initials):
                forms.append((initials,))
        names.append(Name(" ".join(w for w, _ in run), tuple(forms)))
    return names


def mentioned(name: Name, rows_with: Callable[[str], np.ndarray], rows: range) -> bool:
    """Whether the sentences `rows` (an article's) mention `name` in one of its forms; `rows_with(term)`: the
    rows holding a term, ascending (BM25F's postings, which count the title in every sentence of its article)."""
    def has(term: str) -> bool:
        found = rows_with(term)
        i = int(np.searchsorted(found, rows.start))
        return i < len(found) and int(found[i]) < rows.stop
    return any(all(has(t) for t in form) for form in name.forms)
