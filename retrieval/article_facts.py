"""Questions about an article itself rather than what it reports: who wrote it ("Bài báo do ai viết?", "Who
wrote the article?") and when it was published ("Bài về Sudan đăng ngày nào?"), answered by quoting its author's
line (the file's last line) or the date of its header line.

Neither is a sentence of the index, so retrieval alone can only decline such a question (eval/seed_review.jsonl
has three about the author, eval/user_review/ two about the date). A question asks for one of them when it says
so of an article, a story or a piece: "Ai là tác giả của Liber servitoris?" asks about a book and goes to
retrieval as any other question, as does "who wrote the report?" (a report is something an article tells of).
The article is the one the rest of the question is about ("Who wrote the article about Cẩm Xuyên?": the article
of the answer to that rest, or one with all its words; if none, it is declined), else the only article that has
the fact, else the article the conversation's previous question was answered from; otherwise it is declined
with articles to choose from, as guessing among them would name a stranger. Over articles without the fact (no
author lines; an index built before their offsets were kept) the question goes to retrieval as any other.
"""
from __future__ import annotations

import re

from retrieval.answer import MORE_QUOTES, answer_lang, answer_with
from retrieval.language import has_diacritics
from retrieval.search import Searcher
from retrieval.span_shapes import STOP_WORDS
from retrieval.textnorm import fold
from retrieval.types import Answer, Article, Quote

# Folded (no accents, lower case), so that unaccented questions are read alike. "bai" is only an article as
# "bai bao", "bai viet", "bai nay" or "bai ve" ("bãi biển" is not), "tin" only as "ban tin" or "tin nay".
_PIECE_VI = r"(?:bai (?:bao|viet)(?: nay)?|bai nay|bai(?= ve )|ban tin(?: nay)?|tin (?:bai|nay))"
_PIECE_EN = r"(?:article|story|piece|news story|news item)"
_WHEN_VI = r"(?:(?:vao |tu )?(?:ngay|khi|luc|thang|nam) nao|bao gio|hom nao)"
_ASKS = {
    "author": [re.compile(p) for p in (
        rf"\b(?:ai|nguoi nao)\b(?: la(?: nguoi)?)? (?:da )?viet {_PIECE_VI}\b",
        rf"^{_PIECE_VI}(?: ve .+)? (?:nay )?(?:do|cua) (?:ai|nguoi nao)\b",
        rf"\btac gia (?:cua )?{_PIECE_VI}\b",
        rf"\b{_PIECE_VI} (?:co )?tac gia\b",
        rf"\bwho\b.*\b(?:wrote|writes|authored|penned|is the author of|was the author of|is behind)\b.*"
        rf"\b{_PIECE_EN}\b",
        rf"\b(?:author|writer) of (?:the|this|that) {_PIECE_EN}\b",
        rf"\b{_PIECE_EN}\b.*\bwritten by (?:whom|who)\b",
        rf"\bwhose {_PIECE_EN}\b",
        # Bare, after a question answered from one article: "ai viết?", "tác giả là ai?", "who wrote it?"
        r"^(?:ai|nguoi nao) (?:da )?viet(?: (?:vay|the|do|a|nhi))?$",
        r"^(?:ai la |nguoi viet la )?(?:tac gia|nguoi viet)(?: (?:la|cua no la) (?:ai|nguoi nao))?(?: (?:vay|a|nhi))?$",
        r"^who (?:wrote|authored|penned) (?:it|this|that)$",
        r"^who(?: is| s)? the (?:author|writer)$",
    )],
    "date": [re.compile(p) for p in (
        rf"^{_PIECE_VI}(?: ve .+?)? (?:duoc )?(?:dang|xuat ban|dang tai|dang tin|viet) {_WHEN_VI}",
        rf"^{_WHEN_VI} {_PIECE_VI}(?: ve .+?)? (?:duoc )?(?:dang|xuat ban|dang tai|viet)\b",
        rf"\bngay dang {_PIECE_VI}\b",
        rf"\bwhen (?:was|is|did|were)\b.*\b{_PIECE_EN}\b.*\b(?:published|written|posted|released|come out|"
        rf"came out|out)\b",
        r"\b(?:publication|publishing) date\b",
        # Bare, after a question answered from one article: "đăng khi nào?", "khi nào đăng?", "when was it published?"
        rf"^(?:duoc )?(?:dang|xuat ban|dang tai|viet) {_WHEN_VI}$",
        rf"^{_WHEN_VI} (?:duoc )?(?:dang|xuat ban|dang tai|viet)$",
        r"^when (?:was|is) (?:it|this|that) (?:published|written|posted|out)$",
        rf"\bwhat (?:date|day|month|year) was\b.*\b{_PIECE_EN}\b.*\b(?:published|written|posted)\b",
    )],
}
# What such a question says besides asking for the fact: its words besides these, compared folded when written
# without accents, and as written when with them ("vệ tinh" keeps its "vệ", which folds to the "ve" of "về").
_ASKING_WORDS = frozenset("""ai nguoi nao la da viet bai bao ban tin nay do cua tac gia co ve vay nhi day a ha
duoc dang xuat tai vao tu ngay khi luc thang nam gio hom
who whom whose wrote writes written authored penned author writer article story piece news item is was behind
when were did published posted released come came out publication publishing release date day month year what
the this that it of about by s""".split())
_ASKING_WORDS_VI = frozenset("""ai người nào là đã viết bài báo bản tin này do của tác giả có về vậy nhỉ đây à hả
được đăng xuất tại vào từ ngày khi lúc tháng năm giờ hôm bao trong và các những cho với để không ở đến như thì sau
trước gì""".split())
MAX_CHOICES = 5  # articles named when a question does not say which one it means
_WORD = re.compile(r"[^\W_]+")
# What says which article: "about X", "về X", or "the X article" / "this X story".
_ABOUT = re.compile(rf"\b(?:ve|about|on)\b|\b(?:the|this|that)(?: [a-z]+){{1,3}} {_PIECE_EN}\b")


def asked_fact(question: str) -> tuple[str, str] | None:
    """For a question that asks who wrote an article or when it was published: ("author" | "date", what else it
    says: "Cẩm Xuyên" in "Who wrote the article about Cẩm Xuyên?", "" if nothing); None for any other."""
    folded = " ".join(_WORD.findall(fold(question).lower()))
    fact = next((name for name, patterns in _ASKS.items() if any(p.search(folded) for p in patterns)), None)
    if fact is None:
        return None
    rest = [w for w in _WORD.findall(question) if not _asking(w)]
    # "... about Cẩm Xuyên" says which article; "dựa trên bài viết của ai?", "the article in Nature" ask about
    # one the text cites.
    if rest and not _ABOUT.search(folded):
        return None
    return fact, " ".join(rest)


def _asking(word: str) -> bool:
    """Whether `word` is one that asks for the fact or only links the question's words."""
    if has_diacritics(word):
        return word.lower() in _ASKING_WORDS_VI
    return fold(word).lower() in _ASKING_WORDS | STOP_WORDS


def fact_quote(article: Article, fact: str) -> Quote | None:
    """The article's author line, or its header's date, as a quote; None without one, or if the index has no
    offsets for it."""
    text, start, end = ((article.author, article.author_start, article.author_end) if fact == "author" else
                        (article.date, article.date_start, article.date_end))
    if not text or start < 0:
        return None
    return Quote(text=text, score=1.0, title=article.title, date=article.date, source=article.source,
                 sentence_id=f"{article.article_id}#{fact}", start=start, end=end, answer_span=(0, len(text)),
                 kind=fact)


def fact_answer(question: str, searcher: Searcher, *, previous: str | None = None) -> Answer | None:
    """The answer to a question about who wrote an article or when it was published (`asked_fact`): that fact
    quoted; declined with the articles to choose from (`Answer.choices`) when several have it and neither the
    question nor `previous` (the conversation's question before it) says which, and declined when what it says
    finds no article with it; None for any other question, or when no article has it (then it is asked as any
    other question)."""
    asked = asked_fact(question)
    if asked is None:
        return None
    fact, rest = asked
    having = [a for a in searcher.index.articles.values() if fact_quote(a, fact) is not None]
    if not having:
        return None
    lang = answer_lang(question)
    follows = None
    if rest:
        article = _answered_from(rest, searcher)
    elif len(having) == 1:
        article = having[0]
    elif previous and (article := _answered_from(previous, searcher)) is not None:
        follows = previous
    else:
        titles = tuple(a.title for a in having[:MAX_CHOICES])
        return Answer(question=question, answered=False, lang=lang, choices=titles, reason="which_article")
    quote = fact_quote(article, fact) if article is not None else None
    if quote is None:  # about something no article is about, or an article without it: nothing to quote
        return Answer(question=question, answered=False, lang=lang, reason="not_close")
    return Answer(question=question, answered=True, quotes=(quote,), lang=lang, follows=follows)


def _answered_from(text: str, searcher: Searcher) -> Article | None:
    """The article of the best sentence for `text`, if that is an answer, or if the article has every word of
    `text` (a bare subject, "Cẩm Xuyên", is no question and would be declined)."""
    hits = searcher.search(text, 1 + MORE_QUOTES)
    if not hits:
        return None
    index = searcher.index
    article = index.articles[index.sentences[hits[0].row].article_id]
    if answer_with(text, hits, searcher, top_k=1).answered:
        return article
    words = set(_WORD.findall(fold(index.article_text(article.article_id)).lower()))
    return article if all(w in words for w in _WORD.findall(fold(text).lower())) else None
