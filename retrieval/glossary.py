"""English questions read in the corpus's words: an English -> Vietnamese glossary for the lexical signal.

BM25 over the articles' syllables had been kept out of English questions, which share no words with Vietnamese
text but their names and figures. Here each English word or fixed phrase of the question (up to `MAX_WORDS`
words, longest first) is looked up in a glossary of the Vietnamese a journalist writes for it ("bad debt" -> "nợ
xấu", "runner-up" -> "á quân; về nhì"), and the renderings found are what `retrieval.lexical` scores for the
question. The glossary (`lexicon/en_vi/*.tsv`, its README) was written for this by helpers who were not shown the
evaluation data: `english<TAB>rendering; rendering...`, base forms only (a plural or an -ed / -ing form is looked
up by its stem here).
"""
from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from retrieval.names import SYLLABLE
from retrieval.textnorm import normalize

MAX_WORDS = 4
# The share of an English question's glossary phrases a sentence must write to need no off-topic floor (`covers`):
# 1.0 -> 0.75 gave 41 right English answers back over 13 sets for 3 more wrong ones and 8 more of 3,679 questions
# asked without their article answered; 2/3, 42 more for 9 wrong and 66 such (eval/experiments/partial_cover.py).
COVER_SHARE = 0.75
FOLDER = Path(__file__).resolve().parent / "lexicon" / "en_vi"
# Whole words, Vietnamese letters included: "Hội An" is two words, not "H", "i", "An".
_WORD = re.compile(r"\d+(?:[.,/:]\d+)*%?|[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_TEXT_WORD = re.compile(r"\w+")
# Question words and function words: never looked up alone, nor at either end of a phrase.
_SKIP = frozenset("""a an the of to in on at by for from with about as into than then and or but not no
is are was were be been being am do does did done has have had will would shall should can could may might must
what which who whom whose when where why how many much long old far often
this that these those it its he she they them their his her there here i you we our your
""".split())


# Irregular past forms and their verbs, for a phrase the glossary keys by its verb ("took part" -> "take part"); a
# past form alone is mostly a key of its own ("won", "built").
_IRREGULAR = dict(pair.split(":") for pair in """ate:eat eaten:eat became:become began:begin begun:begin bent:bend
bore:bear born:bear bought:buy broke:break broken:break brought:bring built:build came:come caught:catch chose:choose
chosen:choose dealt:deal did:do done:do drew:draw drawn:draw drove:drive driven:drive dug:dig fed:feed fell:fall
fallen:fall felt:feel fled:flee flew:fly flown:fly fought:fight found:find gave:give given:give got:get gotten:get
went:go gone:go grew:grow grown:grow had:have heard:hear held:hold hid:hide hidden:hide hung:hang kept:keep knew:know
known:know laid:lay led:lead left:leave lent:lend lost:lose made:make meant:mean met:meet paid:pay ran:run rose:rise
risen:rise said:say sang:sing sank:sink sat:sit saw:see seen:see sent:send shook:shake shot:shoot shown:show
slept:sleep sold:sell sought:seek spent:spend spoke:speak spoken:speak stole:steal stolen:steal stood:stand
struck:strike swam:swim taught:teach thought:think threw:throw thrown:throw told:tell took:take taken:take tore:tear
wore:wear woke:wake won:win wrote:write written:write""".split())


def _stems(word: str) -> list[str]:
    """`word` (lower case) and the base forms it may be an inflection of: "debts", "invested", "losing", "took"."""
    out = [word]
    if word in _IRREGULAR:
        out.append(_IRREGULAR[word])
    if word.endswith("ies") and len(word) > 4:
        out.append(word[:-3] + "y")
    if word.endswith("es") and len(word) > 3:
        out.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        out.append(word[:-1])
    if word.endswith("ied") and len(word) > 4:
        out.append(word[:-3] + "y")
    if word.endswith("ed") and len(word) > 4:
        out += [word[:-2], word[:-1]]
        if word[-3] == word[-4]:  # "stopped"
            out.append(word[:-3])
    if word.endswith("ing") and len(word) > 5:
        out += [word[:-3], word[:-3] + "e"]
        if word[-4] == word[-5]:  # "running"
            out.append(word[:-4])
    return out


def _spaced(text: str) -> str:
    """`text`'s words in lower case, one space apart and at both ends, for finding a phrase as whole words."""
    return f" {' '.join(_TEXT_WORD.findall(text.lower()))} "


def _key(words: Iterable[str]) -> str:
    return " ".join(words)


def _words(text: str) -> list[str]:
    """Words as the glossary keys them: lower case, a possessive "'s" dropped, hyphens kept ("runner-up")."""
    return [re.sub(r"['’]s$", "", w.lower()).replace("’", "'") for w in _WORD.findall(text)]


@dataclass(frozen=True)
class Glossary:
    entries: dict[str, tuple[str, ...]]

    @classmethod
    def parse(cls, lines: Iterable[str]) -> Glossary:
        entries: dict[str, tuple[str, ...]] = {}
        for line in lines:
            if not line.strip() or line.startswith("#") or "\t" not in line:
                continue
            english, vietnamese = line.rstrip("\n").split("\t", 1)
            key = _key(_words(english))
            renderings = tuple(normalize(r.strip()) for r in vietnamese.split(";") if r.strip())
            if key and renderings:
                entries[key] = tuple(dict.fromkeys(entries.get(key, ()) + renderings))
        return cls(entries)

    def lookup(self, words: list[str]) -> tuple[str, ...] | None:
        """The renderings of the phrase `words`, or of one of its inflected forms' stems."""
        if words[0] in _SKIP or words[-1] in _SKIP:  # one word alone, or either end of a phrase
            return None
        for forms in itertools.product(*[_stems(w) for w in words]):
            found = self.entries.get(_key(forms))
            if found:
                return found
        return None

    def phrases(self, question: str) -> list[tuple[str, ...]]:
        """The renderings of each glossary phrase in an English question, a tuple a phrase, longest phrase first.
        A run of two or more capitalised words shaped like Vietnamese syllables, or spelled with Vietnamese
        letters, is a name, not looked up ("Long An" is no "dài"); other names and figures are left to the dense
        and token scores, which see them already (BM25 over them alone hurt English questions:
        eval/experiments/README.md)."""
        raw = _WORD.findall(question)
        words = _words(question)
        named = [i > 0 and w[0].isupper() and (not w.isascii() or bool(SYLLABLE.fullmatch(words[i])))
                 for i, w in enumerate(raw)]
        out: list[tuple[str, ...]] = []
        i = 0
        while i < len(words):
            run = next((j for j in range(i, len(words)) if not named[j]), len(words))
            if run - i >= 2:
                i = run
                continue
            found, n = next(((f, n) for n in range(min(MAX_WORDS, len(words) - i), 0, -1)
                             if (f := self.lookup(words[i:i + n]))), ((), 1))
            if found:
                out.append(found)
            i += n
        return out

    def read(self, question: str) -> list[str]:
        """The Vietnamese phrases to search an English question with: every rendering of its glossary phrases
        (`phrases`), each once."""
        return list(dict.fromkeys(r for found in self.phrases(question) for r in found))


def covers(phrases: Sequence[tuple[str, ...]], sentence: str) -> bool:
    """Whether `sentence` writes a rendering of nearly every one of an English question's glossary `phrases`
    (`Glossary.phrases`): two or more of them, and at least `COVER_SHARE` of those it has (a phrase found twice
    counted once): all of two or three, three of four, four of five. "How much bad debt did the bank report?" and
    "Nợ xấu của ngân hàng ... báo cáo ...". A question about something else, put in English, rarely finds so many
    of its words in one sentence of the corpus (`retrieval.answer.make_answer` waives the off-topic floor for such a
    sentence); the one phrase left out is mostly a verb the text words otherwise ("happen", "make", "run")."""
    distinct = list(dict.fromkeys(phrases))
    if len(distinct) < 2:
        return False
    text = _spaced(normalize(sentence))
    found = sum(any(_spaced(r) in text for r in renderings) for renderings in distinct)
    return found >= 2 and found >= COVER_SHARE * len(distinct)


@functools.lru_cache(maxsize=1)
def glossary() -> Glossary:
    """The shipped glossary, every file of `FOLDER` read once."""
    lines: list[str] = []
    for path in sorted(FOLDER.glob("*.tsv")):
        lines += path.read_text(encoding="utf-8").splitlines()
    return Glossary.parse(lines)
