"""Messages that are not questions: a greeting, thanks, "ok", "bye", a bot being tested.

"hello" or "thanks" is not asked of the articles, and no score tells it apart: in English such a message
scores 0.76-0.79 cosine against the seed article, above real English questions (docs/RELIABILITY.md), so it
got a quote. It is recognised by its words instead: a message made only of the phrases below, with polite
fillers ("bạn", "nhé", "you", "so much") and digits, is small talk; a single other word makes it a question.
Matched case- and accent-insensitively and with repeated letters squeezed ("cam on", "CHÀO", "hiii", "okkk").
"""
from __future__ import annotations

import re

from retrieval.textnorm import fold
from retrieval.types import SmallTalk

KINDS = ("thanks", "bye", "greeting", "test", "ack")  # when a message has several, the first of these wins

# kind -> language -> phrases (folded). "" is a phrase used in both languages.
_PHRASES = {
    "greeting": {"vi": "chao | xin chao | chao buoi sang | chao buoi toi",
                 "en": "hi | hello | hey | hiya | howdy | good morning | good afternoon | good evening | greetings",
                 "": "alo | yo"},
    "thanks": {"vi": "cam on | xin cam on | cam on nhieu",
               "en": "thanks | thank you | thank | thx | tks | ty | many thanks | cheers",
               "": ""},
    "ack": {"vi": "vang | da | u | uh | duoc | duoc roi | tot | hay | hay qua | hieu roi | biet roi | dung roi",
            "en": "yes | yeah | yep | no | nope | good | great | nice | cool | awesome | perfect | got it | i see "
                  "| sure | fine | alright | all right",
            "": "ok | okay | oke | okie | k | hmm | hm | wow"},
    "bye": {"vi": "tam biet | hen gap lai",
            "en": "bye | goodbye | bye bye | see you | good night",
            "": ""},
    "test": {"vi": "",
             "en": "testing",
             "": "test | ping"},
}
_FILLERS = frozenset("""
    ban bot tinbot oi nhe nha a nhieu rat lam qua em anh chi minh ad admin moi nguoi ca roi nhe nhi day vay
    you u so much very lot lots alot there again all everyone guys man for the help answer that s is it its
    """.split())
_MAX_PHRASE = 3
_REPEATS = re.compile(r"(.)\1+")


def _squeeze(word: str) -> str:
    return _REPEATS.sub(r"\1", word)


def _table() -> dict[tuple[str, ...], tuple[str, str]]:
    table: dict[tuple[str, ...], tuple[str, str]] = {}
    for kind, by_lang in _PHRASES.items():
        for lang, phrases in by_lang.items():
            for phrase in filter(None, (p.strip() for p in phrases.split("|"))):
                table[tuple(_squeeze(w) for w in phrase.split())] = (kind, lang)
    return table


_TABLE = _table()
_SQUEEZED_FILLERS = frozenset(_squeeze(w) for w in _FILLERS)


def small_talk(text: str) -> SmallTalk | None:
    """The kind of small talk `text` is, or None if it is (or may be) a question."""
    words = [_squeeze(w) for w in re.findall(r"[^\W_]+", fold(text))]
    found: list[tuple[str, str]] = []
    i = 0
    while i < len(words):
        for n in range(min(_MAX_PHRASE, len(words) - i), 0, -1):
            hit = _TABLE.get(tuple(words[i:i + n]))
            if hit:
                found.append(hit)
                i += n
                break
        else:
            if words[i] not in _SQUEEZED_FILLERS and not words[i].isdigit():
                return None
            i += 1
    if not found:
        return None
    kind = min((k for k, _ in found), key=KINDS.index)
    langs = {lang for _, lang in found if lang}
    return SmallTalk(kind, langs.pop() if len(langs) == 1 else "")
