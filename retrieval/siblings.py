"""Things of one kind told apart by their names: "xã Long Hải" is not "xã Tam Thanh", "ngành Kinh tế học" not
"ngành Thương mại điện tử", "cảng Sa Huỳnh" not "cảng Tam Quan". A question naming one is not answered by a sentence
that names others of the same kind and never mentions the asked one (a reader's "How many households in Long Hai
commune are short of water?" had been answered with "xã Tam Thanh thiếu nước nặng nhất với 1.150 hộ").

The kind is a noun written in lower case before a proper name ("xã", "huyện", "ngành", "cảng", "bệnh viện"...), read
with its accents ("chợ", not the "cho" of "cho Doctor Who"; a question typed without them, only by a noun no other
word folds to), or in an English question an English noun written after a Vietnamese-shaped name ("Long Hai
commune"); the name is the run of capitalised words after the noun. A capitalised noun is mostly the name's own
first word ("Sông Lam", "Phường 3") and is not read. The asked name is looked for in the sentence loosely (accents
and case ignored), as `retrieval.numbered` looks for a number; that module tells apart things named by a number,
this one things named by a name.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping

from retrieval.asks import question_type
from retrieval.language import detect_language, has_diacritics
from retrieval.places import LIST_GAP, PROVINCES
from retrieval.name_shapes import foreign_word, is_roman_numeral, person_shaped
from retrieval.span_shapes import BARE_YEAR, QUANTITY, STOP_WORDS_WRITTEN
from retrieval.textnorm import fold, unaccent

# Nouns of a kind of named thing as written (lower-case, with accents); a name is read after one written so, or,
# in a question typed without accents, after one whose unaccented form is no other common word ("cho" is also "for",
# "xa" "far", "quan" "official", "song" "but", "dang" "-ing").
_KINDS = ("xã", "phường", "quận", "huyện", "thị xã", "thị trấn", "thôn", "ngành", "cảng", "bệnh viện", "đảng",
          "khu công nghiệp", "cao tốc", "cầu", "sông", "chợ", "làng", "ga", "sân bay", "nhà máy", "quỹ", "ngân hàng",
          "công ty", "tập đoàn", "tỉnh", "khu tái định cư", "khu đô thị", "khu dân cư", "đảo", "núi", "đèo", "vịnh",
          "bãi biển")
_UNAMBIGUOUS = frozenset(fold(k) for k in ("phường", "huyện", "thị xã", "thị trấn", "ngành", "bệnh viện",
                                           "khu công nghiệp", "cao tốc", "sân bay", "nhà máy", "ngân hàng", "công ty",
                                           "tập đoàn", "khu tái định cư", "khu đô thị", "khu dân cư"))
# English nouns after a name, and the Vietnamese kind each stands for.
_KINDS_EN = {"commune": "xa", "ward": "phuong", "district": "huyen", "town": "thi xa", "village": "lang",
             "hamlet": "thon", "port": "cang", "seaport": "cang", "hospital": "benh vien", "party": "dang",
             "industrial park": "khu cong nghiep", "industrial zone": "khu cong nghiep", "expressway": "cao toc",
             "bridge": "cau", "river": "song", "market": "cho", "station": "ga", "airport": "san bay",
             "plant": "nha may", "factory": "nha may", "fund": "quy", "bank": "ngan hang", "company": "cong ty",
             "group": "tap doan", "province": "tinh", "prefecture": "tinh", "resettlement area": "khu tai dinh cu",
             "urban area": "khu do thi"}
_CAPS = r"[A-Z][\w'’]*(?:(?:[ \t]+|[ \t]*[-–][ \t]*)[A-Z][\w'’]*)*"  # "Bắc - Nam" is one name
# Administrative units, whose names in an English question are Vietnamese, whatever their later syllables, when
# their first is one ("Chu Prong district" is "huyện Chư Prông"; a bank's or a company's name may be English, and
# "Which district", "Mekong Delta provinces" name none).
_ADMINISTRATIVE = frozenset({"commune", "ward", "district", "town", "village", "hamlet", "province"})
_ENGLISH = frozenset({"which", "what", "whose", "how", "the", "this", "that", "each", "every", "any", "a", "an"})
# A name whose first word is its kind, capitalised with it: "Hòn Cau", "Hòn Bảy Cạnh" (islets), "Cù Lao Dung".
_KIND_FIRST = re.compile(r"(?<![\w])((?:Hon|Cu Lao)[ \t]+[A-Z][\w'’]*(?:[ \t]+[A-Z][\w'’]*)*)")
# The noun in any case ("Cảng Tam Quan" opening a sentence), the name with its capitals.
# Between the noun and the name, a few words that say what sort it is ("Hai huyện miền núi An Lão và Vĩnh Thạnh").
_SORTS = r"(?:[ \t]+(?:mien nui|vung cao|bien gioi|ven bien|nong thon|ngheo|dao))?"
_NAMED = re.compile(rf"(?<![\w])((?i:{'|'.join(sorted({fold(k) for k in _KINDS}, key=len, reverse=True))}))"
                    rf"{_SORTS}[ \t]+({_CAPS})")
_WRITTEN = frozenset(_KINDS)
_NAMED_EN = re.compile(rf"(?<![\w])(?:The[ \t]+)?({_CAPS})[ \t]+"
                       rf"((?i:{'|'.join(sorted(_KINDS_EN, key=len, reverse=True))}))s?\b")
# Institutions whose name news writes with the noun capitalised as its first word ("Tại Bệnh viện Bạch Mai",
# "Ngân hàng Nhà nước"): there the noun is still the kind, not the name's own word as in "Sông Lam" or "Phường 3".
_CAPITALISED = frozenset(fold(k) for k in ("bệnh viện", "ngân hàng", "tập đoàn", "sân bay", "khu công nghiệp",
                                           "nhà máy"))
_WORD = re.compile(r"[\w'’]+")


def _key(name: str) -> str:
    """A name as compared: folded, its words joined by single spaces ("Bắc - Nam" -> "bac nam")."""
    return " ".join(_WORD.findall(fold(name)))


def _named(text: str, english: bool = False) -> dict[tuple[str, str], str]:
    """(kind, folded name) -> the kind and name as written, for each name written after a noun of its kind in lower
    case ("xã Long Hải"; a capitalised noun is mostly the name's own first word: "Sông Lam", "Phường 3", "Bệnh viện
    Chợ Rẫy"), or opening the text; with `english`, for each Vietnamese name before an English noun instead."""
    text = unicodedata.normalize("NFC", text)
    plain = unaccent(text)
    accented = has_diacritics(text) and len(plain) == len(text)  # then a match in `plain` is at its place in `text`
    found: dict[tuple[str, str], str] = {}
    if english:  # a Vietnamese name only: "Vietnam Development Bank" is written "Ngân hàng Phát triển Việt Nam"
        for m in _NAMED_EN.finditer(plain):
            words = m.group(1).split()
            kind = m.group(2).lower()  # "Long Hai commune", "Viet Duc Hospital"
            if (not any(map(foreign_word, words)) or (  # a unit's name may have a syllable no Kinh name has
                    kind in _ADMINISTRATIVE and not foreign_word(words[0]) and words[0].lower() not in _ENGLISH)):
                found.setdefault((_KINDS_EN[kind], _key(m.group(1))), text[m.start(1):m.end()])
        return found | _kind_first(text, plain)
    for m in _NAMED.finditer(plain):
        if m.group(1)[0].isupper() and plain[:m.start()].strip(" \"“'") and m.group(1).lower() not in _CAPITALISED:
            continue
        noun = text[m.start(1):m.end(1)].lower() if accented else m.group(1).lower()
        if noun not in (_WRITTEN if accented else _UNAMBIGUOUS):
            continue
        # "quý II" is a quarter, not a fund ("quỹ"); "Chủ tịch UBND tỉnh Trần Văn Lộc" names a person
        if not is_roman_numeral(m.group(2).split()[0]) and not person_shaped(text[m.start(2):m.end(2)].split()):
            found[(m.group(1).lower(), _key(m.group(2)))] = text[m.start():m.end()]
    return found | _kind_first(text, plain)


def _kind_first(text: str, plain: str) -> dict[tuple[str, str], str]:
    """`_named`'s names that begin with their kind ("Hòn Cau"): (kind, folded name) -> the name as written."""
    same = len(plain) == len(text)
    return {(_key(m.group(1)).split()[0], _key(m.group(1))): text[m.start(1):m.end(1)] if same else m.group(1)
            for m in _KIND_FIRST.finditer(plain)}


def _writes(text: str, name: str) -> bool:
    """Whether folded `text` writes the folded `name` as whole words."""
    return re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", text) is not None


def names_named(question: str, sentence: str) -> bool:
    """Whether `sentence` mentions a name the question writes after a noun of its kind ("xã Long Hải")."""
    asked = _named(question, english=detect_language(question) == "en")
    folded = _key(sentence)
    return any(_writes(folded, name) for _, name in asked)


# The administrative units, whose names an article goes on writing alone; a river, a bridge or a port often bears a
# city's name ("sông Cần Thơ", "cầu Cần Thơ"), so written alone, the name is the city's.
_UNITS = frozenset(fold(k) for k in ("xã", "phường", "quận", "huyện", "thị xã", "thị trấn"))


@functools.lru_cache(maxsize=64)
def article_named(texts: tuple[str, ...]) -> dict[tuple[str, str], str]:
    """(kind, folded name) -> the name as written, for each administrative unit an article's texts (its title and
    sentences) name after its noun ("huyện Vũ Thư"): written alone elsewhere in the article ("Vũ Thư ghi nhận ít nhất,
    38 ca"), the name is still that unit's. Not a name the article gives two kinds ("huyện Châu Thành", "thị trấn
    Châu Thành"), nor a province's or a city's ("quận Cần Thơ" is none, "huyện Hà Tĩnh" neither)."""
    out: dict[tuple[str, str], str] = {}
    kinds: dict[str, set[str]] = {}
    for text in texts:
        for (kind, name), shown in _named(text).items():
            kinds.setdefault(name, set()).add(kind)
            if kind in _UNITS:
                words = shown.split()
                out.setdefault((kind, name), " ".join(words[len(words) - len(name.split()):]))
        for kind, shown in _listed(text):
            kinds.setdefault(_key(shown), set()).add(kind)
            out.setdefault((kind, _key(shown)), shown)
    return {(kind, name): shown for (kind, name), shown in out.items()
            if len(kinds[name]) == 1 and not any(p.mentions.fullmatch(name) for p in PROVINCES)}


# Units listed after one plural noun: "các huyện Tiền Hải, Quỳnh Phụ và Vũ Thư", "ba xã A, B, C" (unaccented).
_LISTED = re.compile(rf"(?<![\w])(?i:cac|nhung|hai|ba|bon|nam|sau|bay|tam|chin|muoi|\d+)[ \t]+"
                     rf"({'|'.join(sorted(_UNITS, key=len, reverse=True))}){_SORTS}[ \t]+"
                     rf"({_CAPS}(?:[ \t]*,[ \t]*{_CAPS})+(?:,?[ \t]+va[ \t]+{_CAPS})?|{_CAPS},?[ \t]+va[ \t]+{_CAPS})")


def _listed(text: str) -> list[tuple[str, str]]:
    """(kind, name as written) for each unit listed after one plural noun of its kind in `text`."""
    text = unicodedata.normalize("NFC", text)
    plain = unaccent(text)
    if len(plain) != len(text) or not has_diacritics(text):
        return []
    out = []
    for m in _LISTED.finditer(plain):
        if text[m.start(1):m.end(1)] not in _WRITTEN:
            continue  # "các xa" typed without its accents, or "Ba" a name
        at = m.start(2)
        for part in LIST_GAP.split(m.group(2)):
            at = plain.index(part, at)
            out.append((m.group(1), text[at:at + len(part)]))
            at += len(part)
    return out


def _named_alone(sentence: str, known: Mapping[tuple[str, str], str]) -> dict[tuple[str, str], str]:
    """Those of `known` (`article_named`) that `sentence` writes, with their capitals, without their kind's noun and
    not as part of a longer name ("Hậu" in "Hậu Giang")."""
    plain = unaccent(sentence)

    def alone(name: str) -> bool:
        return any(not _CAPITAL_BEFORE.search(plain, 0, m.start())
                   for m in re.finditer(rf"(?<![\w]){re.escape(unaccent(name))}(?![\w])(?! [A-Z])", plain))

    return {key: name for key, name in known.items() if alone(name)}


_CAPITAL_BEFORE = re.compile(r"[A-Z][\w'’]* $")


def other_named(question: str, sentence: str,
                known: Mapping[tuple[str, str], str] | None = None) -> tuple[str, tuple[str, ...]] | None:
    """The named thing asked (as the question writes it) and the others of its kind the sentence names instead, when
    the sentence names others of that kind, none of them the question also names, and never mentions the asked
    name; or, for a quantity asked, when each of the sentence's figures stands in a part that names others of the
    kind and not the asked one (`_figures_of_others`). `known`: the names the sentence's article writes with their
    kind (`article_named`), read in the sentence where it writes them alone ("ở Hiệp Hòa là 8,5 ngày")."""
    asked = _named(question, english=detect_language(question) == "en")
    told = _named(sentence)
    if known:
        told = _named_alone(sentence, known) | told
    if not asked:
        typed = _other_typed(question, sentence)
        return typed or _figures_of_others(question, sentence, _typed(question, told), told, _key(sentence))
    folded = _key(sentence)
    names = {name for _, name in asked}
    for (kind, name), written in asked.items():
        # (the sentence may name it shorter: "ga T2" is "ga T2 Cát Bi")
        others = [shown for (k, n), shown in told.items()
                  if k == kind and n != name and n not in names and not name.startswith(n + " ")]
        if others and not _writes(folded, name):
            return written, tuple(others)
    return _figures_of_others(question, sentence, asked, told, folded) or _whole_for_part(question, sentence, asked,
                                                                                         folded)


# A sentence counting a whole province or many districts at once ("tại 41 xã thuộc 8 huyện, thị xã của tỉnh Hà Tĩnh",
# "toàn tỉnh có 260 giáo viên", "trung tâm y tế các huyện"), on unaccented text; for a commune or a ward asked, a whole
# district too ("toàn huyện"). Not "11 xã của huyện này" (the communes counted may be the asked one's), nor "các địa
# phương" (as often a district's communes as a province's districts).
_WHOLE_PROVINCE = (r"toan tinh|ca tinh|tren dia ban tinh|toan thanh pho|(?:\d+|cac|nhieu)[ \t]+"
                   r"(?:huyen|quan|thi xa)(?:,[ \t]*(?:thi xa|thanh pho|quan|huyen))*")
_WHOLE = {kind: re.compile(rf"(?<![\w])(?:{pattern})(?![\w])", re.IGNORECASE) for kind, pattern in (
    *((k, _WHOLE_PROVINCE) for k in ("huyen", "quan", "thi xa")),
    *((k, _WHOLE_PROVINCE + r"|toan huyen|ca huyen|tren dia ban huyen") for k in ("xa", "phuong", "thi tran")))}


def _whole_for_part(question: str, sentence: str, asked: dict[tuple[str, str], str],
                    folded: str) -> tuple[str, tuple[str, ...]] | None:
    """For a question asking a quantity of one district, commune or ward ("How many pigs were culled in Can Loc
    district?"): the unit and what the sentence counts instead, when the sentence never mentions it and tells of the
    whole province or of many units together ("đã xuất hiện tại 41 xã thuộc 8 huyện, thị xã của tỉnh Hà Tĩnh, buộc
    ... tiêu hủy 3.640 con lợn"): its figure is theirs, not the asked one's alone. `folded`: as `_key` reads it."""
    if question_type(question) != "quantity":
        return None
    parts = [(kind, name, written) for (kind, name), written in asked.items() if kind in _WHOLE]
    if not parts or any(_writes(folded, name) for _, name, _ in parts):
        return None
    plain = unaccent(sentence)
    wholes = list(_WHOLE[parts[0][0]].finditer(plain))
    if not wholes:
        return None
    whole = wholes[-1]  # the widest, as news writes them: "41 xã thuộc 8 huyện, thị xã"
    told = sentence[whole.start():whole.end()] if len(plain) == len(sentence) else whole.group()
    return parts[0][2], (told,)


# The parts of a sentence a figure is read in: "Xã Phù Lưu và xã Tân Thành là hai vùng trồng lớn nhất, riêng xã Phù
# Lưu có hơn 1.200 ha" has its figure in "riêng xã Phù Lưu có hơn 1.200 ha".
_PART = re.compile(r"[,;:()]|\s(?:còn|riêng|trong đó|trong khi|while)\s", re.IGNORECASE)


def _figures_of_others(question: str, sentence: str, asked: dict[tuple[str, str], str],
                       told: dict[tuple[str, str], str], folded: str) -> tuple[str, tuple[str, ...]] | None:
    """For a question asking a quantity of a named thing the sentence mentions: the thing and the others of its kind
    named in the parts of the sentence that hold its figures, when every figure in digits (not a year) stands in a
    part naming another of the kind (not one the question also asks of) and not the asked one. The figures are
    theirs. `folded`: the sentence as `_key` reads it."""
    if not asked or question_type(question) != "quantity":
        return None
    # (in digits: "hai vùng trồng lớn nhất" counts no figure of either)
    figures = [m for m in QUANTITY.finditer(sentence)
               if any(ch.isdigit() for ch in m.group()) and not BARE_YEAR.fullmatch(m.group().strip())]
    if not figures:
        return None
    bounds = [0] + [m.end() for m in _PART.finditer(sentence)] + [len(sentence)]
    parts = sorted({(a, b) for m in figures for a, b in zip(bounds, bounds[1:]) if a <= m.start() < b})
    names = {name for _, name in asked}
    for (kind, name), written in asked.items():
        if not _writes(folded, name):
            continue  # not mentioned: `other_named` reads that
        others = {n: shown for (k, n), shown in told.items()
                  if k == kind and n not in names and not name.startswith(n + " ")}
        found: list[str] = []
        for a, b in parts:
            part = _key(sentence[a:b])
            named = [shown for n, shown in others.items() if _writes(part, n)]
            if not named or _writes(part, name):
                break
            found += [shown for shown in named if shown not in found]
        else:
            return written, tuple(found)
    return None


def _typed(question: str, told: dict[tuple[str, str], str]) -> dict[tuple[str, str], str]:
    """The names a question typed in lower case without accents writes with their kind, of those the sentence names
    ("xa tan thanh" for "xã Tân Thành")."""
    if has_diacritics(question) or any(ch.isupper() for ch in question[1:]):
        return {}
    typed = _key(question)
    return {(kind, name): f"{kind} {name}" for kind, name in told
            if _writes(typed, f"{kind} {name}")}


# Typed in lower case without accents, a name after an unambiguous noun of its kind runs on to the question's end
# ("huyen hoai an thieu bao nhieu giao vien"): its first two words are read as the name.
# Only a district's or a ward's ("huyen", "phuong", "thi xa", "thi tran"): a road's or a company's name is as often
# another way of naming the one the sentence does ("cao toc ham nghi vung ang" for "cao tốc Bắc - Nam").
_TYPED_NAMED = re.compile(r"(?<![\w])(huyen|phuong|thi xa|thi tran)[ \t]+([a-z]+)[ \t]+([a-z]+)")


def _other_typed(question: str, sentence: str) -> tuple[str, tuple[str, ...]] | None:
    """`other_named` for a question typed in lower case without accents, where no capital marks a name's end: the
    sentence names others of the kind, and the question's words after the noun start with none of their names
    ("huyen hoai an ..." where the sentence names "huyện miền núi An Lão"), nor does the question write them."""
    if has_diacritics(question) or any(ch.isupper() for ch in question[1:]) or detect_language(question) == "en":
        return None
    typed = _key(question)
    told = _named(sentence)
    for m in _TYPED_NAMED.finditer(typed):
        kind, first, second = m.groups()
        if {first, second} & _ASKING:  # "huyen nao", "huyen nhu the"
            continue
        others = [(name, shown) for (k, name), shown in told.items() if k == kind]
        if others and not any(_writes(typed, name) for name, _ in others):
            return f"{kind} {first} {second}", tuple(shown for _, shown in others)
    return None


_ASKING = frozenset("nao gi dau sao ai the nhu bao nhieu may co khong da dang se".split()) | frozenset(
    fold(w) for w in STOP_WORDS_WRITTEN)
