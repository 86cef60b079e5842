"""Who holds a title. "Ai giữ vị trí giám đốc công nghệ của SHS?" and "Who is the CEO of Tay Do Food?" ask for the
person a sentence names with that title: "... kiêm giám đốc công nghệ Trịnh Mỹ Linh cho biết", "Ông Trần Quốc
Hưng, Tổng giám đốc Tây Đô Food, ...". Of two sentences that each name a person, the one whose person carries the
asked title answers ("Giám đốc điều hành Võ Hoàng Nam" does not, for the technology director); inside a sentence,
that person is the one to bold.

A title is a head ("giám đốc", "chủ tịch", "HLV") with the words that change what it is ("Phó", "Tổng"), and the
lowercase words a sentence writes after it ("giám đốc công nghệ", "giám đốc điều hành"); a capitalised word
after it starts the body ("Chủ tịch UBND tỉnh") and is the search's business, not the title's.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from retrieval.spans import name_parts, person_shaped, question_type
from retrieval.textnorm import fold

# Title heads as news writes them, folded; the longer first where one starts another.
_HEADS = ("giam doc", "chu tich", "bo truong", "thu truong", "bi thu", "hieu truong", "cuc truong", "vu truong",
          "vien truong", "truong phong", "truong ban", "truong khoa", "truong doan", "chanh an", "chanh van phong",
          "chu nhiem", "huan luyen vien", "hlv", "luat su", "dai su", "thu tuong", "doi truong", "ke toan truong",
          "thu quy", "phat ngon vien", "nguoi phat ngon", "sang lap", "tong thu ky", "thong doc", "tong bien tap",
          "tham phan", "ceo", "cto")
_MODIFIERS = ("pho", "tong", "dong")  # "Phó giám đốc", "Tổng giám đốc", "Đồng sáng lập": another title
_FORMER = r"(?:(?:nguyen|cuu|quyen|tan)\s+)?"  # former, acting, new: the same title
_TITLE = re.compile(rf"\b{_FORMER}((?:(?:{'|'.join(_MODIFIERS)})\s+){{0,2}})({'|'.join(_HEADS)})\b")
# An English question's title -> the Vietnamese titles (modifiers and head, folded) that write it.
_EN_TITLES = (
    (r"vice (?:chairman|chairwoman|chairperson|chair|president)|deputy chairman", "pho chu tich"),
    (r"deputy director", "pho giam doc"),
    (r"deputy (?:prime )?minister", "pho thu tuong|thu truong"),
    (r"ceo|chief executive(?: officer)?|general director|managing director", "tong giam doc|giam doc dieu hanh|ceo"),
    (r"cto|chief technology officer|technology director", "giam doc cong nghe|cto"),
    (r"co-?founder|founder", "dong sang lap|sang lap"),
    (r"chairman|chairwoman|chairperson|chair|president|mayor", "chu tich"),
    (r"(?:head )?coach|manager", "huan luyen vien|hlv"),
    (r"director|head|chief", "giam doc|truong ban|truong phong|truong khoa|cuc truong|vu truong|vien truong|chu nhiem"),
    (r"general secretary|secretary general", "tong bi thu|tong thu ky"),
    (r"(?:party )?secretary", "bi thu"),
    (r"(?:defen[cs]e )?lawyer|attorney", "luat su"),
    (r"prime minister", "thu tuong"),
    (r"minister", "bo truong"),
    (r"principal|headmaster|headmistress|rector", "hieu truong"),
    (r"spokes(?:person|man|woman)", "phat ngon vien|nguoi phat ngon"),
    (r"ambassador", "dai su"),
    (r"captain", "doi truong"),
    (r"governor", "thong doc|chu tich"),
    (r"chief accountant", "ke toan truong"),
    (r"treasurer|cashier", "thu quy"),
    (r"(?:presiding )?judge", "tham phan|chanh an"),
    (r"editor-in-chief|editor in chief", "tong bien tap"),
)
_EN_WHO = re.compile(r"\bwho (?:is|was|are|were|'s|has been|will be) (?:now )?(?:the |a |an )?"
                     r"(?:new |current |former |acting |then )?(.+)")


@dataclass(frozen=True)
class AskedTitle:
    """The title a "who" question names: Vietnamese titles (modifiers and head) that write it, and for a Vietnamese
    question its own words, which a sentence's words after the head must be among."""

    titles: re.Pattern[str]
    words: frozenset[str] | None  # None: an English question (its words are no Vietnamese)


@functools.lru_cache(maxsize=256)
def asked_title(question: str) -> AskedTitle | None:
    """The title a question asks the holder of ("Ai là Phó giám đốc ...?", "Who is the CEO of ...?"), or None."""
    if question_type(question) != "name":
        return None
    folded = fold(question).lower()
    en = _EN_WHO.search(folded)
    if en is not None:
        named = en.group(1)
        owned = re.match(r"(?:[\w-]+ ){0,3}?[\w-]+'s (?:new |current |former |acting )?(.+)", named)  # "Tay Do's CEO"
        for english, vietnamese in _EN_TITLES:
            if any(re.match(rf"(?:{english})\b", text) for text in (named, owned and owned.group(1)) if text):
                return AskedTitle(re.compile(vietnamese), None)
        return None
    m = _TITLE.search(folded)
    if m is None:
        return None
    title = " ".join((m.group(1) + m.group(2)).split())
    return AskedTitle(re.compile(re.escape(title)), frozenset(re.findall(r"\w+", folded)))


def titled_people(asked: AskedTitle, sentence: str) -> list[tuple[int, int]]:
    """Spans of the persons' names in `sentence` written with the asked title, right before the name ("giám đốc
    công nghệ Trịnh Mỹ Linh", "Chủ tịch UBND tỉnh Tây Ninh Phạm Minh Khoa") or after it and a comma ("Trần Quốc
    Hưng, Tổng giám đốc Tây Đô Food")."""
    found = []
    for a, b in name_parts(sentence):
        if not person_shaped(_LETTERS.findall(sentence, a, b)):
            continue
        before = _CLAUSE.split(sentence[max(0, a - 100):a])[-1]
        after = _APPOSITIVE.match(sentence, b)
        if any(_only_a_body(before[end:]) for _, end in _titles(asked, before)) \
                or (after is not None and any(start == 0 for start, _ in _titles(asked, after.group(1)))):
            found.append((a, b))
    return found


_LETTERS = re.compile(r"[^\W\d_]+")
_CLAUSE = re.compile(r"[,;:()\"“”]")
_APPOSITIVE = re.compile(r"\s*,\s*([^,;:()]{1,100})")
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_][\w.-]*)")
# Lowercase words a body's name may have ("UBND tỉnh Tây Ninh", "Sở Khoa học và Công nghệ"), or that may stand
# before the name ("Giám đốc Sở Tài chính ông ...").
_IN_A_BODY = frozenset("tỉnh thành phố huyện quận xã phường thị và ông bà".split())


def _titles(asked: AskedTitle, text: str) -> list[tuple[int, int]]:
    """Where `text` writes the asked title: from its first modifier to its last lowercase word ("Phó giám đốc",
    "giám đốc công nghệ"; a capitalised word ends it: "Chủ tịch UBND"). An English question's title may end before
    the words after the head do ("giám đốc" of "giám đốc sở" for "director")."""
    folded = fold(text).lower()
    if len(folded) != len(text):  # folding dropped a character: offsets differ
        return []
    found = []
    for m in _TITLE.finditer(folded):
        title = " ".join((m.group(1) + m.group(2)).split())
        rest: list[str] = []  # lowercase words after the head ("công nghệ", "điều hành"), and where each ends
        ends = [m.end()]
        while (w := _NEXT_WORD.match(text, ends[-1])) is not None and not w.group(1)[0].isupper() \
                and w.group(1) not in _IN_A_BODY:
            rest.append(fold(w.group(1)).lower())
            ends.append(w.end())
        if asked.words is not None:  # Vietnamese: the same title, its words after the head among the question's
            if asked.titles.fullmatch(title) is not None and all(w in asked.words for w in rest):
                found.append((m.start(), ends[-1]))
        else:  # English: the title, with or without words after the head ("giám đốc điều hành" for "CEO")
            k = next((k for k in range(len(ends)) if asked.titles.fullmatch(" ".join([title, *rest[:k]]))), None)
            if k is not None:
                found.append((m.start(), ends[k]))
    return found


def _only_a_body(text: str) -> bool:
    """Whether `text`, between a title and a name, is at most a body's name ("UBND tỉnh Tây Ninh")."""
    return all(w[0].isupper() or w in _IN_A_BODY for w in _LETTERS.findall(text))


def holder_span(question: str, sentence: str) -> tuple[int, int] | None:
    """The person `sentence` names with the title `question` asks the holder of, or None: the span to bold."""
    asked = asked_title(question)
    found = titled_people(asked, sentence) if asked is not None else []
    return found[0] if found else None
