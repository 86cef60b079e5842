"""What an acronym stands for: "VASEP là gì?", "C04 là cơ quan nào?", "What does EVN stand for?".

News defines an acronym once, in brackets after its name ("Hiệp hội Chế biến và Xuất khẩu thủy sản Việt Nam
(VASEP)"), and writes it alone afterwards. Such a question shares only the acronym with every sentence that uses
it, so the search quotes one of those, which do not say what it stands for. The sentences that define it are the
answer, quoted with the name bolded; an acronym no article defines is asked as any other question.
"""
from __future__ import annotations

import re
from dataclasses import replace

from retrieval.answer import MORE_QUOTES, answer_lang, quote_for
from retrieval.mentions import definitions
from retrieval.search import Hit, Searcher
from retrieval.textnorm import fold
from retrieval.types import Answer

# The question's first word is the acronym; the rest asks what it is (folded: typed with or without accents).
_KINDS = r"co quan|to chuc|cong ty|don vi|hiep hoi|tap doan|ngan hang|ban|bo|cuc|truong|chuong trinh|ky thi|tu"
_VI_ASKS = re.compile(rf"^\S+\s+(?:la\s+(?:gi|cai gi|(?:{_KINDS})\s+nao|viet tat cua\s+(?:gi|tu gi|(?:{_KINDS})\s+nao))"
                      rf"|viet tat (?:cua\s+)?(?:gi|tu gi|(?:{_KINDS})\s+nao))\W*$")
_EN_ASKS = re.compile(r"^what (?:does|do|did) (?P<a>\S+) stand for\W*$|^what is (?P<b>\S+?) short for\W*$"
                      r"|^what (?:is|are) (?:the )?(?P<c>\S+?)\W*$")
_WORD = re.compile(r"[^\W_]+")


def asked_acronym(question: str) -> str | None:
    """The acronym `question` asks the meaning of, upper-cased ("vasep la gi" -> "VASEP"), or None. "What is X?"
    counts only for an X written in capitals ("What is EVN?", not "What is inflation?")."""
    text = question.strip()
    folded = fold(text).lower()
    first = _WORD.match(text)
    if _VI_ASKS.match(folded) and first is not None and first.end() == len(text.split()[0].rstrip("?!.,:")):
        return first.group().upper()
    en = _EN_ASKS.match(folded)
    if en is None:
        return None
    written = _WORD.findall(text)
    word = (en.group("a") or en.group("b") or en.group("c")).strip("?!.,:\"'")
    original = next((w for w in written if fold(w).lower() == word), None)
    if original is None or (en.group("c") and not original.isupper()):
        return None
    return original.upper()


def definition_answer(question: str, searcher: Searcher, *, k: int) -> Answer | None:
    """The sentences defining the acronym `question` asks about, its name bolded; None for any other question, or
    when no indexed sentence defines it."""
    acronym = asked_acronym(question)
    if acronym is None:
        return None
    index = searcher.index
    marker = f"({acronym})"
    quotes, seen = [], set()
    for row, sentence in enumerate(index.sentences):
        if marker not in sentence.text:  # a definition writes it in capitals (`mentions.definitions`)
            continue
        spans = [span for name, span in definitions(sentence.text) if name == acronym]
        if spans and sentence.text not in seen:
            seen.add(sentence.text)
            quote = quote_for(index, Hit(row, 1.0, 1.0, 0.0), question, span=False)  # found, not ranked: 1.0
            quotes.append(replace(quote, answer_span=spans[0]))
        if len(quotes) >= k + MORE_QUOTES:
            break
    if not quotes:
        return None
    return Answer(question=question, answered=True, lang=answer_lang(question), quotes=tuple(quotes[:k]),
                  more=tuple(quotes[k:]))
