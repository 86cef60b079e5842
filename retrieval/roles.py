"""Who holds a title. "Ai giữ vị trí giám đốc công nghệ của SHS?" and "Who is the CEO of Tay Do Food?" ask for the
person a sentence names with that title: "... kiêm giám đốc công nghệ Trịnh Mỹ Linh cho biết", "Ông Trần Quốc
Hưng, Tổng giám đốc Tây Đô Food, ...". Of two sentences that each name a person, the one whose person carries the
asked title answers ("Giám đốc điều hành Võ Hoàng Nam" does not, for the technology director); inside a sentence,
that person is the one to bold.

The other way round, "Ông Lâm giữ chức vụ gì?", "Lâm Quốc Hưng là ai?", "What position does ... hold?" ask the
title a sentence writes next to that person's full name ("Phó Chủ tịch UBND tỉnh Long An Nguyễn Minh Lâm"): that
sentence is the answer (`role_found`), the title bolded. A sentence naming only the deputy of the title asked
about ("Phó giám đốc ...") does not answer who holds it (`other_title`).

A title is a head ("giám đốc", "chủ tịch", "HLV") with the words that change what it is ("Phó", "Tổng"), and the
lowercase words a sentence writes after it ("giám đốc công nghệ", "giám đốc điều hành"); a capitalised word
after it starts the body ("Chủ tịch UBND tỉnh") and is the search's business, not the title's.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Container
from dataclasses import dataclass

from retrieval.asks import question_type
from retrieval.name_shapes import foreign_word, person_shaped
from retrieval.span_shapes import HONORIFIC
from retrieval.spans import PLACE_NAMED, name_parts
from retrieval.textnorm import fold
from retrieval.types import Mismatch

# Title heads as news writes them, folded; the longer first where one starts another.
_HEADS = ("giam doc", "chu tich", "bo truong", "thu truong", "bi thu", "hieu truong", "chi cuc truong", "cuc truong",
          "vu truong", "vien truong", "truong phong", "truong ban", "truong khoa", "truong doan", "chanh an",
          "chanh van phong", "chu nhiem", "huan luyen vien", "hlv", "luat su", "dai su", "thu tuong", "doi truong",
          "ke toan truong", "thu quy", "phat ngon vien", "nguoi phat ngon", "sang lap", "tong thu ky", "thong doc",
          "tong bien tap", "tham phan", "ceo", "cto")
# "Phó giám đốc", "Tổng giám đốc", "Đồng sáng lập", "Trợ lý HLV" (an assistant coach): another title
_MODIFIERS = ("pho", "tong", "dong", "tro ly")
_FORMER = r"(?:(?:nguyen|cuu|quyen|tan)\s+)?"  # former, acting, new: the same title
_TITLE = re.compile(rf"\b{_FORMER}((?:(?:{'|'.join(_MODIFIERS)})\s+){{0,2}})({'|'.join(_HEADS)})\b")
# An English question's title -> the Vietnamese titles (modifiers and head, folded) that write it.
_EN_TITLES = (
    (r"vice (?:chairman|chairwoman|chairperson|chair|president)|deputy chairman", "pho chu tich"),
    (r"deputy (?:general director|ceo|chief executive(?: officer)?|managing director)",
     "pho tong giam doc|pho giam doc dieu hanh"),
    (r"deputy director", "pho giam doc"),
    (r"deputy (?:head|chief)", "pho giam doc|pho truong ban|pho truong phong|pho truong khoa|pho cuc truong|"
                               "pho vu truong|pho vien truong|pho chu nhiem"),
    (r"deputy (?:prime )?minister", "pho thu tuong|thu truong"),
    (r"ceo|chief executive(?: officer)?|general director|managing director", "tong giam doc|giam doc dieu hanh|ceo"),
    (r"cto|chief technology officer|technology director", "giam doc cong nghe|cto"),
    (r"co-?founder|founder", "dong sang lap|sang lap"),
    (r"chairman|chairwoman|chairperson|chair|president|mayor", "chu tich"),
    # the head of a commune's, a district's or a province's government is its People's Committee's chairman
    (r"(?:head|chief|leader) of (?:the )?(?:[\w'-]+ ){0,5}(?:government|administration|people'?s committee)",
     "chu tich"),
    (r"(?:head )?coach|manager", "huan luyen vien|hlv"),
    # (a director is no head of a hospital's ward, "trưởng khoa")
    (r"director", "giam doc|cuc truong|vu truong|vien truong|chu nhiem"),
    (r"head|chief", "giam doc|truong ban|truong phong|truong khoa|cuc truong|vu truong|vien truong|chu nhiem"),
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
_VI_WHO = re.compile(r"\b(?:ai|nguoi nao|ten (?:la )?gi)\b")
_EN_WHO = re.compile(r"\bwho (?:is|was|are|were|'s|has been|will be) (?:now )?(?:the |a |an )?"
                     r"(?:new |current |former |acting |then )?(.+)"
                     # "Who chairs the People's Committee?", "Who heads the department?": the title as a verb
                     r"|\bwho (?:now |currently )?(chairs|heads|directs|coaches) (?:the )?(.+)")
_VERB_TITLES = {"chairs": "chairman", "heads": "head", "directs": "director", "coaches": "coach"}


def _deputies_written(folded: str) -> str:
    """A folded question with a deputy written short as a title ("hiệu phó": "phó hiệu trưởng")."""
    return _HIEU_PHO.sub("pho hieu truong", folded)


_HIEU_PHO = re.compile(r"\bhieu pho\b")


@dataclass(frozen=True)
class AskedTitle:
    """The title a "who" question names: Vietnamese titles (modifiers and head) that write it, and for a Vietnamese
    question its own words, which a sentence's words after the head must be among."""

    titles: re.Pattern[str]
    words: Container[str] | None  # None: an English question (its words are no Vietnamese)


@functools.lru_cache(maxsize=256)
def asked_title(question: str) -> AskedTitle | None:
    """The title a question asks the holder of ("Ai là Phó giám đốc ...?", "Who is the CEO of ...?"), or None."""
    if question_type(question) != "name":
        return None
    folded = _deputies_written(fold(question).lower())
    en = _EN_WHO.search(folded)
    if en is not None:
        named = en.group(1) or f"{_VERB_TITLES[en.group(2)]} of {en.group(3)}"
        owned = re.match(r"(?:[\w-]+ ){0,3}?[\w-]+'s (?:new |current |former |acting )?(.+)", named)  # "Tay Do's CEO"
        for english, vietnamese in _EN_TITLES:
            if any(re.match(rf"(?:{english})\b", text) for text in (named, owned and owned.group(1)) if text):
                return AskedTitle(re.compile(vietnamese), None)
        return None
    m = _TITLE.search(folded)
    if m is None or not _VI_WHO.search(folded):  # "Bí thư xã nào ...?" asks which commune, not who
        return None
    title = " ".join((m.group(1) + m.group(2)).split())
    return AskedTitle(re.compile(re.escape(title)), frozenset(re.findall(r"\w+", folded)))


def titled_people(asked: AskedTitle, sentence: str) -> list[tuple[int, int]]:
    """Spans of the persons' names in `sentence` written with the asked title (`_titles_of`), without the
    honorific opening them ("A Khoan" of "Ông A Khoan": `span_shapes.HONORIFIC`, as the bold shows a name)."""
    return [(a + len(h.group()) if (h := HONORIFIC.match(sentence, a, b)) else a, b)
            for a, b in name_parts(sentence) if _a_person(sentence, a, b) and _titles_of(asked, sentence, a, b)]


# "Ông", "Bà" opening a name: a person's, whatever its shape ("Bà H'Liên Êban", "Ông A Khoan": no Kinh family name;
# "Ông Kim Jae-hoon").
_HONORED = re.compile(r"(?:Ông|Bà)\s+(?:[^\W\d_][\w'’-]*\s*){1,4}")


def _a_person(sentence: str, a: int, b: int) -> bool:
    """Whether the name at `a:b` of `sentence` is a person's: shaped as one, or called "ông" or "bà"."""
    return person_shaped(_LETTERS.findall(sentence, a, b)) or _HONORED.fullmatch(sentence[a:b].strip()) is not None


def _titles_of(asked: AskedTitle, sentence: str, a: int, b: int) -> list[tuple[int, int]]:
    """Where `sentence` writes the asked title for the name at `a:b`: right before it, a body's name between
    ("giám đốc công nghệ Trịnh Mỹ Linh", "Chủ tịch UBND tỉnh Tây Ninh Phạm Minh Khoa"); as the clause before it
    ("Giám đốc Sở Y tế Thanh Hóa, bà Trịnh Thị Hằng"); or after it and a comma ("Trần Quốc Hưng, Tổng giám đốc Tây
    Đô Food,"). Spans run from the title to the name, or to the clause's end."""
    found = []
    start = max(0, a - 100)
    clause = _CLAUSE.split(sentence[start:a])[-1]
    at = a - len(clause)
    found += [_trimmed(sentence, at + s, a) for s, end in _titles(asked, clause) if _only_a_body(clause[end:])][:1]
    if not found and at > 0 and sentence[at - 1] == "," and _HONORIFIC.fullmatch(clause):
        previous = _CLAUSE.split(sentence[max(0, at - 101):at - 1])[-1]
        gap = len(previous) - len(previous.lstrip())
        found += [_trimmed(sentence, at - 1 - len(previous) + gap, at - 1)
                  for s, end in _titles(asked, previous.lstrip()) if s == 0 and _only_a_body(previous.lstrip()[end:])]
    after = _APPOSITIVE.match(sentence, b)
    if after is not None and any(s == 0 for s, _ in _titles(asked, after.group(1))):
        found.append(_trimmed(sentence, after.start(1), after.end(1)))
    return found


_LETTERS = re.compile(r"[^\W\d_]+")
_CLAUSE = re.compile(r"[,;:()\"“”]")
_APPOSITIVE = re.compile(r"\s*,\s*([^,;:()]{1,100})")
_HONORIFIC = re.compile(r"\s*(?:[ÔôBb]à|[Ôô]ng|[Aa]nh|[Cc]hị)?\s*")  # "Giám đốc Sở ..., bà Trịnh Thị Hằng"
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_][\w.-]*)")
# Lowercase words a body's name may have ("UBND tỉnh Tây Ninh", "Sở Khoa học và Công nghệ"), or that may stand
# before the name ("Giám đốc Sở Tài chính ông ...", "trợ lý HLV của Hà Nội FC Phan Thanh Sơn").
_IN_A_BODY = frozenset("tỉnh thành phố huyện quận xã phường thị và ông bà của".split())


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
            if asked.titles.fullmatch(title) is not None and (all(w in asked.words for w in rest) or (
                    " ".join(rest) in _THE_COMPANY and not asked.words & _OTHER_BODIES)):
                found.append((m.start(), ends[-1]))
        else:  # English: the title, with or without words after the head ("giám đốc điều hành" for "CEO")
            k = next((k for k in range(len(ends)) if asked.titles.fullmatch(" ".join([title, *rest[:k]]))), None)
            if k is not None:
                found.append((m.start(), ends[k]))
    return found


# A company named again without its name ("Bà Phan Thị Thu Hà, Tổng giám đốc công ty, ..."): the one a question
# names ("tổng giám đốc Mía đường Lam Giang"), unless it asks of a body of another kind ("giám đốc sở", "giám đốc
# bệnh viện").
_THE_COMPANY = frozenset({"cong ty", "doanh nghiep", "tap doan"})
_OTHER_BODIES = frozenset("so ubnd benh vien truong cuc ban hoi ngan hang quy hop tac xa".split())


# A body's name written out, as its abbreviation ("Ủy ban nhân dân tỉnh Bắc Ninh" as "UBND tỉnh Bắc Ninh").
_BODY_WRITTEN_OUT = re.compile(r"\b(?:Ủy|Uỷ) ban nhân dân\b|\bHội đồng (?:nhân dân|quản trị|thành viên)\b")


def _only_a_body(text: str) -> bool:
    """Whether `text`, between a title and a name, is at most a body's name: capitalised first, then no more
    than three lowercase words in a row, bar `_IN_A_BODY` ("UBND tỉnh Tây Ninh", "Sở Y tế Thanh Hóa", "Liên đoàn Mô
    tô thể thao Việt Nam"; not "sở vắng mặt nên ông")."""
    words = _LETTERS.findall(_BODY_WRITTEN_OUT.sub("UBND", text))
    run = 0
    for w in words:
        run = 0 if w[0].isupper() or w in _IN_A_BODY else run + 1
        if run > 3:
            return False
    return not words or words[0][0].isupper() or words[0] in _IN_A_BODY


# "Ông Lâm giữ chức vụ gì?", "What position does Le Quang Thinh hold?": the title of a person named.
# A rank may stand before the name ("Thượng tá Vinh"), a body after it ("bà Vân ở Ngân hàng Nhà nước").
_RANK = r"(?:(?:thuong|dai|trung|thieu)\s+(?:ta|uy|tuong)|tien si|thac si|bac si|luat su|ts|pgs|gs)"
_VI_ROLE = re.compile(rf"^(?:[^,]*,\s*)?(?:(?:ong|ba|anh|chi)\s+)?(?:{_RANK}\s+)?(?P<name>(?:\w+\s+){{0,3}}?\w+)"
                      r"(?:\s+(?:o|tai|cua|thuoc)\s+[^,?]{1,60}?)?\s+"
                      r"(?:(?:hien|dang|hien dang|tung|da|duoc)\s+)?(?:giu|dam nhiem|dam nhan|la|lam|co)\s+"
                      r"(?:(?:o|tai)\s+)?(?:chuc vu|chuc danh|chuc|vai tro|vi tri|cuong vi)\s+(?:gi|nao)\b"
                      rf"|^(?:ong|ba|{_RANK})\s+(?P<who>(?:\w+\s+){{0,3}}?\w+)\s+la ai\W*$")  # "Ông Lâm là ai?"
_EN_ROLE = re.compile(r"^what (?:position|post|title|role|job) (?:does|did|is|was|has) (?P<name>[\w\s'-]+?) "
                      r"(?:hold|have|held|had|play|serve|serving|holding)\b"
                      r"|^who (?:is|was) (?!the |a |an )(?P<who>[\w\s'-]+?)\W*$")  # "Who is Nguyen Minh Lam?"
_IS_WHO = re.compile(r"\s+là ai\W*$", re.IGNORECASE)
_ANY_TITLE = AskedTitle(re.compile(r".+"), None)


@functools.lru_cache(maxsize=256)
def asked_role(question: str) -> tuple[str, ...] | None:
    """The folded words of the person whose title `question` asks ("Ông Lâm giữ chức vụ gì?" -> ("lam",)), or
    None."""
    folded = fold(question).lower().strip()
    m = _VI_ROLE.search(folded) or _EN_ROLE.search(folded)
    if m is not None:
        found = tuple((m.group("name") or m.group("who")).split())
        # "Ông Hồ Sỹ Tùng giữ chức vụ gì?": "Tùng", "Hiền" fold to the adverbs "từng", "hiện"; a name written
        # capitalised is read whole
        written = (tuple(fold(w).lower() for w in _LETTERS.findall(question, a, b)) for a, b in name_parts(question))
        return next((name for name in written if len(name) > len(found) and name[:len(found)] == found), found)
    asked = _IS_WHO.search(question)  # "Lâm Quốc Hưng là ai?", "Thượng tá Phan Đình Lực là ai?": a person's name
    names = [question[a:b] for a, b in name_parts(question[:asked.start()])] if asked else []
    words = _LETTERS.findall(names[-1]) if names else []
    return tuple(fold(w).lower() for w in words) if person_shaped(words) else None


def role_spans(person: tuple[str, ...], sentence: str) -> list[tuple[int, int]]:
    """The titles `sentence` writes for the person whose name ends with `person` ("Nguyễn Minh Lâm" for ("lam",)):
    "Phó Chủ tịch UBND tỉnh Long An" of "... Phó Chủ tịch UBND tỉnh Long An Nguyễn Minh Lâm", "Phó chủ tịch Hiệp
    hội Dệt may" of "Lý Minh Đức, Phó chủ tịch Hiệp hội Dệt may, ..." (`_titles_of`)."""
    found = []
    for a, b in name_parts(sentence):
        words = _LETTERS.findall(sentence, a, b)
        named = tuple(fold(w).lower() for w in words[-len(person):]) == person
        # a given name needs a person's whole name to end; a whole name is enough ("Thông Minh Quang")
        if named and (person_shaped(words) or len(words) == len(person) >= 2):
            found += _titles_of(_ANY_TITLE, sentence, a, b)
    return found


def _trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    return a, a + len(text[a:b].rstrip())


def holder_span(question: str, sentence: str) -> tuple[int, int] | None:
    """What to bold in `sentence` for a question on a title: the person with the title asked about, or the title
    of the person asked about; None for other questions, or if the sentence writes neither."""
    found = _found(question, sentence)
    return found[0] if found else None


def fits_title(question: str, sentence: str) -> bool | None:
    """None unless `question` asks who holds a title or what title a person holds; else whether `sentence`
    writes the answer as a title next to a person's name."""
    if asked_title(question) is None and asked_role(question) is None:
        return None
    return bool(_found(question, sentence))


def other_title(question: str, sentence: str) -> bool:
    """Whether `question` asks who holds a title and `sentence` names only its deputy: "Ai là giám đốc Sở Xây dựng?"
    is not answered by "Phó giám đốc Sở Xây dựng Nguyễn Văn Thắng", nor "Who is the head coach?" by "trợ lý HLV Phan
    Thanh Sơn", an assistant. (Other titles say nothing: "trưởng đoàn" is answered by "Đoàn do Thứ trưởng Lê Hoàng
    Sơn dẫn đầu".)"""
    asked = asked_title(question)
    if asked is None or asked.titles.pattern.startswith("pho"):
        return False
    deputy = AskedTitle(re.compile(rf"(?:pho|tro ly) (?:{asked.titles.pattern})"), asked.words)
    return bool(titled_people(deputy, sentence)) and not titled_people(asked, sentence)


def head_only(question: str, sentence: str) -> bool:
    """Whether `question` asks who holds a deputy's title and `sentence` names only the head's: "Phó giám đốc bệnh
    viện là ai?" is not answered by "Giám đốc Bệnh viện Đa khoa tỉnh Sóc Trăng Lâm Văn Quới"."""
    asked = asked_title(question)
    deputies = (re.match(r"pho\\? (.+)", alt) for alt in asked.titles.pattern.split("|")) if asked else ()
    heads = [m.group(1) for m in deputies if m]  # "pho\ giam\ doc" (escaped) -> "giam\ doc"
    if not heads:
        return False
    head = AskedTitle(re.compile("|".join(heads)), asked.words)
    return bool(titled_people(head, sentence)) and not titled_people(asked, sentence)


def titled_otherwise(question: str, sentence: str) -> bool:
    """Whether `question` asks who holds a Vietnamese title and `sentence` names people with that head but another
    title only ("Giám đốc điều hành Võ Hoàng Nam" for "Giám đốc công nghệ của SHS là ai?"): the name there is no
    answer to bold."""
    asked = asked_title(question)
    if asked is None or asked.words is None:
        return False
    return bool(titled_people(AskedTitle(asked.titles, _ANY_WORDS), sentence)) and not titled_people(asked, sentence)


class _AnyWords:
    """Every word: a title with whatever words after its head."""

    def __contains__(self, word: object) -> bool:
        return True


_ANY_WORDS = _AnyWords()


# Titles written two ways (folded): either answers a question asking the other ("HLV trưởng Nam Định Đinh Quang Hải"
# for "huấn luyện viên trưởng").
_SAME_TITLES = (("hlv", "huan luyen vien"), ("ceo", "tong giam doc", "giam doc dieu hanh"),
                ("cto", "giam doc cong nghe"), ("phat ngon vien", "nguoi phat ngon"))
# Who leads is also told without a title ("Đoàn Việt Nam do Thứ trưởng Lê Hoàng Sơn dẫn đầu" for "trưởng đoàn"):
# a sentence with these words may answer whoever's title it writes.
_LEADS = re.compile(r"\b(?:dan dau|dung dau|chi huy)\b")
_ANY_TITLE_WORDS = AskedTitle(re.compile(r".+"), _ANY_WORDS)


@functools.lru_cache(maxsize=256)  # once per question, not for each sentence held against it
def _written_titles(pattern: str) -> re.Pattern[str]:
    """`pattern` (an asked title's alternatives, folded) with the other ways of writing each."""
    alternatives = pattern.replace("\\ ", " ").split("|")
    more = [other for same in _SAME_TITLES for other in same
            if any(re.fullmatch(rf"(?:(?:pho|tong|dong) ){{0,2}}{re.escape(way)}", a)
                   for way in same for a in alternatives)]
    return re.compile("|".join(re.escape(a) for a in dict.fromkeys(alternatives + more)))


def titled_others(question: str, sentence: str) -> bool:
    """Whether `question` asks who holds a title and every person `sentence` names with a title holds another:
    "Ai là chủ tịch HĐQT Sao Mai?" is not answered by "Ông Lương Văn Khải, Tổng giám đốc Sao Mai Airlines", nor
    "Who is the chairman of the district People's Committee?" by "Trưởng ban Dân vận Tỉnh ủy Trương Thanh Huyền".
    Not where the sentence writes the asked title at all, nor who leads ("do ... dẫn đầu")."""
    asked = asked_title(question)
    if asked is None or not titled_people(_ANY_TITLE_WORDS, sentence):
        return False
    folded = " ".join(fold(sentence).lower().split())
    # the asked title anywhere, with the words after its head ("Giám đốc điều hành Hanu AI" for "CEO")
    return not (_LEADS.search(folded) or _written_titles(asked.titles.pattern).search(folded))


# The bodies a title is held in, as news and readers write them (folded): "Chủ tịch HĐND tỉnh" is not "Chủ tịch
# UBND tỉnh", "Giám đốc bệnh viện" not "Giám đốc Sở Y tế".
_BODIES = (
    ("ubnd", r"ubnd|uy ban nhan dan|people'?s committee"),
    ("hdnd", r"hdnd|hoi dong nhan dan|people'?s council"),
    ("party", r"(?:tinh|huyen|thanh|quan|dang) uy|party committee"),
    ("mttq", r"mttq|mat tran to quoc|fatherland front"),
    ("hdqt", r"hdqt|hoi dong quan tri|board of directors"),
    ("quoc hoi", r"quoc hoi|national assembly"),
    ("so", r"so(?= [a-z])|department"),  # "Sở Y tế", not "số"
    ("benh vien", r"benh vien|hospital"),
    # bodies of other kinds: a company, a school, an institute, a centre ("giám đốc một viện dưỡng lão tư nhân")
    ("other body", r"cong ty|tap doan|ngan hang|vien(?! truong)|trung tam|hiep hoi|hop tac xa|truong (?:dai hoc|"
                   r"cao dang|thpt|thcs|tieu hoc|mam non)|company|university|school|institute|cent(?:re|er)|"
                   r"association|cooperative"),
)
_BODY = re.compile("|".join(rf"\b(?P<{key.replace(' ', '_')}>{words})\b" for key, words in _BODIES))


# The level of a People's Committee, a People's Council or a Party committee, after it or, in English, before it:
# "UBND xã Kiến An" is not "UBND huyện Chợ Mới", "district People's Committee" not "provincial".
_LEVELS = {"tinh": "tinh", "province": "tinh", "provincial": "tinh", "thanh pho": "thanh pho", "tp": "thanh pho",
           "city": "thanh pho", "huyen": "huyen", "district": "huyen", "quan": "quan", "thi xa": "thi xa",
           "xa": "xa", "commune": "xa", "phuong": "phuong", "ward": "phuong", "thi tran": "thi tran",
           "town": "thi tran", "thanh": "thanh pho"}
_LEVEL_AFTER = re.compile(r"\s+(tinh|thanh pho|tp|huyen|quan|thi xa|thi tran|xa|phuong)\b")
_LEVEL_BEFORE = re.compile(r"\b(province|provincial|city|district|commune|ward|town)\s+(?:[a-z']+\s+){0,3}$")
_LEVELLED = ("ubnd", "hdnd", "party")


def _body(text: str) -> tuple[str, str | None] | None:
    """The first body `text` (folded, lower-case) names, with its level where it has one, or None."""
    m = _BODY.search(text)
    if m is None:
        return None
    level = None
    if m.lastgroup in _LEVELLED:
        after = _LEVEL_AFTER.match(text, m.end())
        before = _LEVEL_BEFORE.search(text, 0, m.start())
        first = m.group().split()[0] if m.lastgroup == "party" else ""
        level = _LEVELS.get(first) or (_LEVELS[after.group(1)] if after else None) or (
            _LEVELS[before.group(1)] if before else None)
    return m.lastgroup, level


def _other_body_than(told: tuple[str, str | None] | None, wanted: tuple[str, str | None]) -> bool:
    """Whether a title held in `told` is held in another body than `wanted`: another kind, or another level of it."""
    return told is not None and (told[0] != wanted[0] or None not in (told[1], wanted[1]) and told[1] != wanted[1])


def other_body(question: str, sentence: str) -> bool:
    """Whether `question` asks who holds a title in one body and every person `sentence` names with that title holds
    it in another: "Who is the chairman of Nghe An provincial People's Committee?" is not answered by "ông Hoàng
    Nghĩa Phương, Chủ tịch HĐND tỉnh", nor "Ai là giám đốc Sở Y tế?" by "..., Giám đốc bệnh viện"."""
    asked = asked_title(question)
    if asked is None:
        return False
    folded = _deputies_written(fold(question).lower())
    at = _TITLE.search(folded) or re.search(r"\b(?:chairman|chairwoman|chairs?|president|director|directs|heads?|"
                                            r"secretary|chief)\b", folded)
    wanted = _body(folded[at.end():]) if at else None
    if wanted is None:
        return False
    told = [_body(fold(sentence[s:e]).lower()) for a, b in name_parts(sentence)
            if _a_person(sentence, a, b) for s, e in _titles_of(asked, sentence, a, b)]
    return bool(told) and all(_other_body_than(body, wanted) for body in told)


def no_holder(question: str, sentence: str) -> bool:
    """Whether `question` asks for a person by name and `sentence` cannot say (`holder_mismatch`)."""
    return holder_mismatch(question, sentence) is not None


def holder_mismatch(question: str, sentence: str) -> Mismatch | None:
    """Why `sentence` cannot name the person `question` asks for: who holds a title ("Ai là tổng giám đốc ...?",
    "Giám đốc ... tên là gì?", "Who is the CEO ...?") where it names only the deputy (`other_title`: told
    "deputy"), only the head where the deputy is asked (`head_only`: told "head"), only people with other titles
    (`titled_others`: told "other"), or no one (`names_someone`: "Vĩnh Thịnh là doanh nghiệp 100% vốn Đài Loan",
    told "nobody"); or the name of someone it calls by a word for a person ("Cụ ông 91 tuổi ... tên là gì?") where
    it names no one. None when it may."""
    folded = _deputies_written(fold(question).lower())
    nobody = Mismatch("holder", "holder", ("nobody",))
    if _NAME_OF.search(folded):
        return None if names_someone(sentence) else nobody
    if asked_title(question) is None:
        return None
    if other_title(question, sentence):
        return Mismatch("holder", "holder", ("deputy",))
    if head_only(question, sentence):
        return Mismatch("holder", "holder", ("head",))
    if titled_others(question, sentence) or other_body(question, sentence):
        return Mismatch("holder", "holder", ("other",))
    if not (_EN_WHO.search(folded) or _HOLDER_ASKED.search(folded)):
        return None
    return None if names_someone(sentence) else nobody


def names_someone(sentence: str) -> bool:
    """Whether `sentence` names a person: a Vietnamese full name, a capitalised word after "ông", "bà", "anh" or
    "chị" or holding a title ("còn Hà là Giám đốc công nghệ"), or two capitalised words without Vietnamese marks,
    one that no Vietnamese syllable spells ("Albert Thomas", "Kim Ji-hoon"; not "HTBank", nor "Sông Hàn
    Semiconductor")."""
    if _CALLED.search(sentence) or _SHORT_NAME_HOLDS.search(sentence):
        return True
    words = list(_LETTERS.finditer(sentence))
    for w, nxt in zip(words, words[1:]):  # two capitalised words, one of them foreign, neither Vietnamese-marked
        pair = (w.group(), nxt.group())
        if _NAME_GAP.fullmatch(sentence, w.end(), nxt.start()) and all(x[0].isupper() and fold(x) == x.lower()
                                                                      for x in pair) and any(map(foreign_word, pair)):
            return True
    # (not a place or a road bearing a person's name: "TP Hồ Chí Minh", "đường Nguyễn Huệ")
    return any(person_shaped(_LETTERS.findall(sentence, a, b)) and not PLACE_NAMED.search(sentence, 0, a)
               for a, b in name_parts(sentence))


# "Cụ ông 91 tuổi ... tên là gì?", "Tài xế tên gì?": the name of a person the question calls by a word for one.
_NAME_OF = re.compile(r"^(?:[^,?]*,\s*)?(?:cu ong|cu ba|ke|nguoi|nan nhan|tai xe|bi can|bi cao|doi tuong|nghi pham|"
                      r"thu pham|benh nhan|benh nhi|chau be|be)\b[^?]*\bten (?:la )?gi\W*$")


# The holder asked for as such: "ai là / làm / giữ (chức) <title>", "<title> ... là ai / tên (là) gì" (not "Ai
# đã sáng lập ...?", "chỉ định ai nếu không có thẩm phán"); `_CALLED`: "ông Thắng", "bà Hằng".
_ANY_HEAD = rf"{_FORMER}(?:(?:{'|'.join(_MODIFIERS)})\s+){{0,2}}(?:{'|'.join(_HEADS)})\b"
_HOLDER_ASKED = re.compile(
    rf"\bai\s+(?:(?:hien|dang|hien dang|se|da|tung)\s+)?(?:la|lam|giu|dam nhiem|dam nhan)\s+"
    rf"(?:(?:chuc|chuc vu|vi tri|cuong vi)\s+)?{_ANY_HEAD}"
    rf"|^(?:(?:ong|ba)\s+)?{_ANY_HEAD}.*\b(?:la ai|ten (?:la )?gi|la nguoi nao)\W*$"
    # "... hội kiến Chủ tịch Quốc hội Việt Nam tên là gì?" (not what a thing "mang tên": "Viện ... mang tên gì?")
    rf"|\b{_ANY_HEAD}[^?,]*(?<!\bmang )\bten (?:la )?gi\W*$")
# (or by a profession or rank: "Bác sĩ Rơ Châm Huy", whose name a Vietnamese family name does not open)
# (capitalised as a title before a name is, not "đội ngũ kỹ sư Việt Nam")
_CALLED = re.compile(r"\b(?:[ÔôBb]à|[Ôô]ng|[Aa]nh|[Cc]hị)\s+[A-ZĐ]|\b(?:Bác sĩ|Tiến sĩ|Thạc sĩ|Luật sư|Giáo sư|"
                     r"(?:Thượng|Đại|Trung|Thiếu) (?:tá|úy|tướng)|PGS|TS|ThS|BS)\.?\s+(?!Việt\b)[A-ZĐ]")
# A person called by the last word of their name as the subject of a title: "còn Hà là Giám đốc công nghệ", "Đức
# hiện giữ vị trí Tổng giám đốc" (one capitalised word, not the end of a longer name like "Hà Nội").
_SHORT_NAME_HOLDS = re.compile(r"(?<![\w])(?<![A-ZĐ]\w )(?<![A-ZĐ]\w\w )(?<![A-ZĐ]\w\w\w )[A-ZĐ]\w+\s+"
                               r"(?:hiện\s+|đang\s+)?(?:là|giữ(?: chức| vị trí| cương vị)?|làm)\s+(?:[Pp]hó\s+)?[A-ZĐ]")
_NAME_GAP = re.compile(r"\.?[ -]")  # "Albert Thomas", "Kim Ji-hoon", "R. Ambedkar"


def role_found(question: str, sentence: str) -> bool:
    """Whether `question` asks a named person's title and `sentence` writes it next to their name."""
    person = asked_role(question)
    return person is not None and bool(role_spans(person, sentence))


def _found(question: str, sentence: str) -> list[tuple[int, int]]:
    asked = asked_title(question)
    if asked is not None:
        return titled_people(asked, sentence)
    person = asked_role(question)
    return role_spans(person, sentence) if person is not None else []
