"""Who said the words just quoted: "ai nói vậy?", "who said that?" asked right after an answer.

Such a question has no words of its own to search with, and read with the question before it (a follow-up,
retrieval/followup.py) it finds that question's answer again, which holds no word of its own either: it was
declined. News names a speaker in the sentence it quotes ("..., ông Lò Văn Hưng cho biết") or shortly before
("Ông Trần Quốc Thái, Trưởng ban..., cho biết... ". Then: "Chúng tôi ...", ông nói.), or opens the quoted
sentence with its source ("Theo Sở Du lịch TP Huế, ..."). So the earlier question is answered again, and the
answer is the first sentence, from its quote back to at most `LOOK_BACK` sentences before it in its article (the
index keeps no paragraphs), that names a person (a Vietnamese person's name, "Lò Văn Hưng", or a name after
"ông", "bà": "bà Sarah Lim"), or the quote itself if it opens with its source; the name or source bolded. None
when the earlier question was declined or no such sentence is near.
"""
from __future__ import annotations

import re
from dataclasses import replace

from retrieval.answer import MORE_QUOTES, answer_lang, answer_with, previous_question, quote_for
from retrieval.followup import asks_speaker
from retrieval.search import Hit, Searcher
from retrieval.spans import answer_span, names_person
from retrieval.types import Answer

LOOK_BACK = 2  # sentences before the quote, in its article, that may name who says it
# A name right after one of these is a person's, whatever its spelling ("bà Sarah Lim", "ông Kim Sang-sik").
_HONORIFIC = re.compile(r"(?:^|\s)(?:ông|bà|anh|chị|ngài|Ông|Bà|Anh|Chị|Ngài)\s*$")
_WHO = {"vi": "Ai nói điều này?", "en": "Who said this?"}  # the bold span: a person, as for any "who" question
# A sentence that opens by naming its source: "Theo Ban Quản lý đường sắt đô thị TP Hồ Chí Minh (MAUR), ...".
_SOURCE = re.compile(r"(?:Theo|According to)\s+([^,]{3,120}?)\s*,")


def speaker_answer(question: str, searcher: Searcher, *, previous: str | None, k: int) -> Answer | None:
    """The sentence naming who said what `previous` was answered with, its name bolded, for a `question` that
    asks (`asks_speaker`); None for any other question, without `previous`, or when no such sentence is near."""
    if not previous or not asks_speaker(question):
        return None
    before = previous_question(previous)
    if before is None:
        return None
    hits = searcher.search(before, k + MORE_QUOTES)
    said = answer_with(before, hits, searcher, top_k=1)
    if not said.answered:
        return None
    index = searcher.index
    row = index.row_of(said.quotes[0].sentence_id)
    if row is None:
        return None
    lang = answer_lang(question)
    who = _WHO.get(lang, _WHO["en"])
    first, _ = index.article_rows[index.sentences[row].article_id]
    for r in range(row, max(first, row - LOOK_BACK) - 1, -1):
        sentence = index.sentences[r]
        if r != row and sentence.kind != "body":  # a caption or the title: the quote's passage ends there
            break
        source = _SOURCE.match(sentence.text) if r == row else None  # "Theo ..." is the source of its own sentence
        if source or _names_speaker(sentence.text, who):
            hit = next((h for h in hits if h.row == r), Hit(r, hits[0].score, hits[0].dense, 0.0))
            quote = quote_for(index, hit, who)
            if source:  # "Theo Sở Du lịch TP Huế, ...": the source, not a name inside it
                quote = replace(quote, answer_span=source.span(1))
            return Answer(question=question, answered=True, lang=lang, quotes=(quote,), follows=before)
    return None


def _names_speaker(text: str, who: str) -> bool:
    """Whether `text` names a person: a Vietnamese person's name, or a name after "ông", "bà"."""
    if names_person(who, text):
        return True
    span = answer_span(who, text)
    return span is not None and bool(_HONORIFIC.search(text[:span[0]]))
