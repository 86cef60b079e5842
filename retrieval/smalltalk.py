"""Messages that are not questions: a greeting, thanks, "ok", "bye", a bot being tested ("test", "asdf"), asking
what the bot is ("help", "who are you?", "bạn là ai?").

"hello" or "thanks" is not asked of the articles, and no score tells it apart: in English such a message
scores 0.76-0.79 cosine against the seed article, above real English questions (docs/RELIABILITY.md), so it
got a quote. It is recognised by its words instead: a message made only of the phrases below and polite
fillers ("bạn", "nhé", "you", "so much") is small talk; a single other word (or a number, except after "test")
makes it a question, which is the safe side: a question taken for small talk gets no answer at all. English
fillers do not go with Vietnamese phrases ("da so" is "đa số", not "dạ" + "so").

Words are read as lexical search reads them (`retrieval.textnorm.tokens`: case, Unicode forms and old-style
tone placement do not matter, "bạn khoẻ không" is "bạn khỏe không"), and letters held down are squeezed
("hiii", "okkk", "cooool"). A message typed with accents is matched with accents, so "vàng" is not "vâng",
"cháo" not "chào", "nợ" not "no"; one typed without them is matched against the phrases with their accents
removed, except those that would then read as a content word (marked `*`: "ổn" -> "on", "chị" -> "chi",
"lắm" -> "lam", "vâng" -> "vang", i.e. vàng, gold). "hello", "thanks", "ok", "bye" are said in both languages:
the reply is then in the user's (Telegram) language.

Letters that make no word are a test too: a message of nothing but single letters ("x", "a?"), one letter
typed three times or more ("zzz", "kkk") and laughter ("hehe", "hahaha", "jkjk"), in lower case, between
spaces ("C++", "Q&A", "U.S." are not; "U Minh" is a forest, "MoMo" a wallet). These scored 0.78-0.80 cosine
against the seed article, above real English questions. Roman numerals ("XX", "III": "khóa XX") are not noise.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from retrieval.language import has_diacritics
from retrieval.name_shapes import is_roman_numeral
from retrieval.textnorm import folded_tokens, is_number_token, tokens
from retrieval.types import SmallTalk

KINDS = ("thanks", "bye", "help", "greeting", "test", "ack")  # when a message has several, the first wins

# kind -> language -> phrases. "" is a phrase of both languages; `*`: matched only as written, with accents.
_PHRASES = {
    "greeting": {"vi": "chào | xin chào | chào buổi sáng | chào buổi trưa | chào buổi chiều | chào buổi tối "
                       "| bạn khỏe không | bạn có khỏe không | khỏe không | dạo này thế nào | dạo này sao rồi "
                       "| rất vui được gặp | hân hạnh",
                 "en": "hiya | howdy | good morning | good afternoon | good evening | good day | greetings "
                       "| how are you | how are you doing | how are things | how is it going | how s it going "
                       "| how do you do | what s up | whats up | wassup | sup | nice to meet you "
                       "| pleased to meet you",
                 "": "hi | hello | hey | alo | yo"},
    # Asking the bot about itself: "who are you?" is no question about the articles.
    "help": {"vi": "giúp | giúp tôi | giúp mình | giúp với | giúp tôi với | trợ giúp | hướng dẫn | hướng dẫn sử dụng "
                   "| bạn là ai | bạn là gì | bạn làm được gì | bạn làm gì | bạn có thể làm gì | bạn biết gì "
                   "| dùng thế nào | dùng như thế nào | bạn tên gì | bạn tên là gì | tên bạn là gì",
             "en": "help me | who are you | what are you | what can you do | what do you do | what do you know "
                   "| how does this work | how do i use this | how to use this | what is your name "
                   "| what s your name | whats your name",
             "": "help"},
    "thanks": {"vi": "cảm ơn | cám ơn | xin cảm ơn | camon",
               "en": "thank you | thank | thankyou | many thanks | cheers | good job",
               "": "thanks | thx | tks"},
    "ack": {"vi": "vâng* | dạ* | dạ vâng | ừ* | ừm | ukm | ờ* | được | được rồi | tốt | hay | hay quá | hiểu rồi "
                  "| biết rồi | đúng rồi | rõ rồi | ổn* | tuyệt* | tuyệt vời",
            "en": "yes | yeah | yep | yup | no | nope | good | great | cool | awesome | perfect | got it "
                  "| i see | sure | fine | alright | all right",
            "": "ok | okay | oke | okie | oki | hmm | hm | um | wow | haha | hihi | lol"},
    "bye": {"vi": "tạm biệt | hẹn gặp lại | ngủ ngon | bai bai",
            "en": "goodbye | see you | see ya | good night",
            "": "bye | bye bye"},
    "test": {"en": "testing",
             "": "test | ping | asdf | asdfgh | asd | qwe | qwerty | zxcv | xyz | foo | foobar "
                 "| lorem ipsum | dolor sit amet"},
}
_FILLERS = {
    "vi": "bạn ơi nhé nhá nha ạ à* nhiều rất* lắm* quá* em anh chị* mình rồi nhỉ* vậy* thế*",
    "en": "you u so much very a lot lots alot there again all everyone guys man bro for the your help answer "
          "that s is it its",
    "": "bot tinbot ad admin",
}
_MAX_PHRASE = 4
_HELD = re.compile(r"(.)\1{2,}")  # a letter typed three times or more
_NOISE = re.compile(r"([^\W\d_])\1{2,}"  # "zzz", "kkk"
                    r"|(?:ha|he|hi|ho|hu|ke|xi|jk)(?:ha|he|hi|ho|hu|ke|xi|jk)+"  # "hehe", "hahaha", "jkjk"
                    r"|[^\W\d_]")  # "x"
_EDGE = "?!.,…"  # punctuation that may sit around such a word ("x?", "?? x")


def _entries(table: dict[str, str]) -> Iterator[tuple[tuple[str, ...], str, bool]]:
    """(words, language, accented only) for each phrase of a {language: "a | b c"} table."""
    for lang, phrases in table.items():
        for phrase in filter(None, (p.strip() for p in phrases.split("|"))):
            yield tuple(phrase.rstrip("*").split()), lang, phrase.endswith("*")


def _tables() -> tuple[dict[tuple[str, ...], tuple[str, str]], ...]:
    accented: dict[tuple[str, ...], tuple[str, str]] = {}
    folded: dict[tuple[str, ...], tuple[str, str]] = {}
    for kind, by_lang in _PHRASES.items():
        for words, lang, only_accented in _entries(by_lang):
            accented[tuple(tokens(" ".join(words)))] = (kind, lang)
            if not only_accented:
                folded[tuple(folded_tokens(" ".join(words)))] = (kind, lang)
    return accented, folded


def _filler_tables() -> tuple[dict[str, str], dict[str, str]]:
    accented: dict[str, str] = {}
    folded: dict[str, str] = {}
    for lang, words in _FILLERS.items():
        for word in words.split():
            [accented_key] = tokens(word.rstrip("*"))
            accented[accented_key] = lang
            if not word.endswith("*"):  # "ạ" and "a" fold alike: such a filler says no language
                [key] = folded_tokens(word)
                folded[key] = lang if folded.get(key, lang) == lang else ""
    return accented, folded


_PHRASE_TABLES = _tables()
_FILLER_TABLES = _filler_tables()


def _forms(word: str) -> tuple[str, ...]:
    """The word, and with held-down letters squeezed to one and to two ("hiii" -> "hi", "cooool" -> "cool")."""
    return (word, _HELD.sub(r"\1", word), _HELD.sub(r"\1\1", word))


def _noise(text: str) -> bool:
    """Nothing but letters that make no word, as typed: lower-case (or a single capital) between spaces."""
    words = [w for w in (raw.strip(_EDGE) for raw in text.split()) if w]
    return bool(words) and all(_NOISE.fullmatch(w) and (w.islower() or len(w) == 1) and not is_roman_numeral(w)
                               for w in words)


def small_talk(text: str) -> SmallTalk | None:
    """The kind of small talk `text` is, or None if it is (or may be) a question."""
    found = _phrases(text)
    if found is None and _noise(text):
        return SmallTalk("test", "")
    return found


def _phrases(text: str) -> SmallTalk | None:
    """Small talk made of the phrases and fillers above, or None."""
    accented = has_diacritics(text)
    phrases, fillers = (_PHRASE_TABLES[0], _FILLER_TABLES[0]) if accented else (_PHRASE_TABLES[1], _FILLER_TABLES[1])
    words = tokens(text) if accented else folded_tokens(text)  # as lexical search reads it ("khoẻ" is "khỏe")
    kinds: list[str] = []
    langs: set[str] = set()  # of the phrases
    filler_langs: set[str] = set()
    digits = False
    i = 0
    while i < len(words):
        for n in range(min(_MAX_PHRASE, len(words) - i), 0, -1):
            hit = next((phrases[key] for key in itertools.product(*map(_forms, words[i:i + n])) if key in phrases),
                       None)
            if hit:
                kinds.append(hit[0])
                langs.add(hit[1])
                i += n
                break
        else:
            lang = next((fillers[w] for w in _forms(words[i]) if w in fillers), None)
            if lang is None and not is_number_token(words[i]):
                return None
            digits |= lang is None
            filler_langs.add(lang or "")
            i += 1
    if not kinds or (digits and set(kinds) != {"test"}):  # "test 123", but "U 23", "no 1" are questions
        return None
    if "vi" in langs and "en" in filler_langs:  # "da so" is "đa số", not "dạ" + "so"
        return None
    langs |= filler_langs  # "hello bạn ơi" is Vietnamese
    return SmallTalk(min(kinds, key=KINDS.index), "vi" if "vi" in langs else "en" if "en" in langs else "")
