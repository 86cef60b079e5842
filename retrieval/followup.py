"""Reading a short question as a follow-up of the one before it ("còn so với cùng kỳ?", "khi nào hoàn thành?").

A follow-up leaves out what the conversation already said, so alone it matches nothing well enough and is
declined. Asked together with the question before it, it usually finds its sentence; but the earlier question's
words then carry the score, and can find a sentence that answers *that* question and not this one ("còn số người
chết?" after a question on storm damage, over an article that gives no deaths, found the damage sentence). So the
follow-up reading is taken only when the short question was declined on its own, and it answers with the best
of its sentences that has a word of the follow-up itself (not a question or filler word): the follow-up must be
answered by what it adds. Read together, the earlier question's own answer often comes first ("còn năm ngoái thì
sao?" after "Sơn La có bao nhiêu vụ cháy rừng?"); the sentence after it that says "năm ngoái" answers. English
follow-ups share no word with the articles, so they are answered this way only through a figure or a name.
A short question answered alone from another article than its follow-up reading's is read in the conversation
too, when the conversation's article has every word of its own (`written_in`): "so với cùng kỳ năm ngoái?" after
a question on rice prices found "cùng kỳ năm ngoái" in an article on forest fires. A question that says it follows
("còn năm ngoái?", "and when?": `says_follow_up`) is read in the conversation whatever its words, and declined
rather than answered from an unrelated article when the conversation cannot answer it. Measured on eval/followups/,
and on eval/switches/ for short questions that change the subject (retrieval.answer.in_conversation).
"""
from __future__ import annotations

import re

from retrieval.language import has_diacritics
from retrieval.span_shapes import STOP_WORDS
from retrieval.textnorm import fold, folded_tokens, tokens
from retrieval.types import Answer

MAX_WORDS = 6  # longer questions say what they are about
MAX_CONTEXT = 300  # characters of earlier questions a follow-up is read with
FACT_KINDS = ("author", "date")  # quotes of an article's author line or date (retrieval.article_facts)
# Words that make a question a follow-up, or ask rather than tell ("còn", "thì sao", "vậy", "nữa"), folded.
_FILLERS = frozenset("con sao vay nhi the nua roi thi".split())


# How a question says it follows another: "còn ...?", "thế còn ...?", "... thì sao?", "and ...?", "what about ...?";
# as written, and folded for a question typed without accents ("con ..."; "Con số" is no "còn").
_OPENERS = ("còn ", "thế còn ", "vậy còn ", "and ", "what about ", "how about ")
_CLOSERS = ("thì sao",)


def says_follow_up(question: str) -> bool:
    """Whether the short `question` says, by its wording, that it follows the one before it."""
    if not is_short(question):
        return False
    if has_diacritics(question):
        words, openers, closers = " ".join(tokens(question.lower())), _OPENERS, _CLOSERS
    else:
        words = " ".join(folded_tokens(question))
        openers, closers = tuple(fold(o) for o in _OPENERS), tuple(fold(c) for c in _CLOSERS)
    return words.startswith(openers) or words.endswith(closers) or names_by_pronoun(question)


# "ai nói vậy?", "who said that?": asked of the words just quoted (retrieval/speaker.py answers it), folded.
_SAYS = (r"(?:noi|phat bieu|cho biet|khang dinh|tuyen bo|nhan dinh|chia se|de xuat|yeu cau|neu|cho rang|du bao|"
         r"danh gia|canh bao|dua ra (?:nhan dinh|du bao|danh gia|y kien))")
_THAT = r"(?: (?:vay|the|cau (?:do|nay)|dieu (?:do|nay)|nhu vay|y (?:do|nay)|do|nay|a|nhi|ha))*"
_ASKS_SPEAKER = [re.compile(p) for p in (
    rf"^(?:vay |the |con )?(?:ai|nguoi nao|ong nao|ba nao|ai la nguoi) (?:da )?{_SAYS}{_THAT}$",
    r"^(?:cau|loi|y kien|phat bieu|nhan dinh)(?: (?:do|nay|tren))? (?:la )?(?:cua ai|do ai noi|ai noi)(?: vay)?$",
    r"^who (?:said|says|stated|made|gave|offered|is saying) (?:that|this|it|the)(?: (?:statement|remark|comment|"
    r"quote|forecast|prediction|estimate|claim|assessment|warning))?$",
    r"^who (?:is|was) (?:speaking|quoted|talking)$",
    r"^(?:whose|who s) (?:words|quote|statement|remark)s? (?:is|are|was|were) (?:that|this|these|those)$",
)]


def asks_speaker(question: str) -> bool:
    """Whether `question` asks who said the words just quoted ("ai nói vậy?", "who said that?")."""
    folded = " ".join(folded_tokens(question))
    return any(p.search(folded) for p in _ASKS_SPEAKER)


def is_short(question: str) -> bool:
    return len(question.split()) <= MAX_WORDS


def read_with(previous: str, question: str) -> str:
    """The follow-up as asked in its context; a pronoun standing for what the question before it asked about
    ("ông ấy yêu cầu gì?") is left out, since that question says it."""
    return f"{previous} {' '.join(_PRONOUN.sub(' ', question).split())}"


# "ông ấy", "bà ấy", "he", "she"...: a person the conversation named; as written or typed without accents.
_PRONOUN = re.compile(r"(?<!\w)(?:(?:ông|bà|anh|chị|cô|ong|ba|chi|co) (?:ấy|ta|ay)|(?:he|she|him|her|they)(?!\w))",
                      re.IGNORECASE)


def names_by_pronoun(question: str) -> bool:
    """Whether `question` refers to a person by a pronoun ("ông ấy nói gì?", "what did he say?")."""
    return bool(_PRONOUN.search(question))


def context_of(answer: Answer) -> str:
    """What a follow-up of `answer`'s question is read with: that question as it was read itself, so a chain of
    follow-ups keeps its subject ("Cầu Cửa Hội dài bao nhiêu?" -> "khi nào hoàn thành?" -> "tổng mức đầu tư?")."""
    if (answer.quotes and answer.quotes[0].kind in FACT_KINDS) or (answer.follows and asks_speaker(answer.question)):
        # "ai viết bài này?", "ai nói vậy?" say nothing of what was asked: the question before them did.
        return (answer.follows or answer.question)[-MAX_CONTEXT:]
    read = f"{answer.follows} {answer.question}" if answer.follows else answer.question
    return read[-MAX_CONTEXT:]


def own_words(question: str) -> set[str]:
    """The follow-up's own words, folded: not question or filler words."""
    return {w for w in folded_tokens(question) if w not in STOP_WORDS and w not in _FILLERS}


def written_in(question: str, text: str) -> bool:
    """Whether `text` (an article) has every word of the short `question`'s own, accents ignored: it may be asked of
    that article ("so với cùng kỳ năm ngoái?"), where "Giá gạo 5% tấm bao nhiêu?" is not, of an article on the metro."""
    own = own_words(question)
    return bool(own) and own <= set(folded_tokens(text))


def adds_to(question: str, sentence: str) -> bool:
    """Whether `sentence` has a word of the follow-up `question` itself: as written when the question has its
    accents ("số" is not "so"); typed without them, where one syllable stands for several words, two of its
    words (if it has two)."""
    own = own_words(question)
    if not has_diacritics(question):
        return len(own & set(folded_tokens(sentence))) >= min(2, len(own)) > 0
    written = {w for w in tokens(question) if fold(w) in own}
    return bool(written & set(tokens(sentence)))
