"""Questions about who wrote an article ("Bài báo do ai viết?", "Who wrote the article?"), answered by quoting
its author's line, the last line of the file.

The author's line is not a sentence of the index: no sentence says who wrote the article, so retrieval alone
can only decline such a question (eval/seed_review.jsonl has three). A question asks for the author when it
asks who wrote, or who the author is of, an article, a story or a piece by those words; "Ai là tác giả của
Liber servitoris?" asks about a book and goes to retrieval as any other question, as does "who wrote the
report?" (a report is something an article tells of). The article is the one the rest of the question is about
("Who wrote the article about Cẩm Xuyên?": the article of the answer to that rest, or one with all its words;
if none, it is declined), else the only article with an author, else the article the conversation's previous
question was answered from; otherwise it is declined with articles to choose from, as guessing among them would
name a stranger. Over articles without author lines the question goes to retrieval as any other.
"""
from __future__ import annotations

import re

from retrieval.answer import MORE_QUOTES, answer_lang, answer_with
from retrieval.search import Searcher
from retrieval.spans import STOP_WORDS
from retrieval.textnorm import fold
from retrieval.types import Answer, Article, Quote

# Folded (no accents, lower case), so that unaccented questions are read alike. "bai" is only an article as
# "bai bao", "bai viet", "bai nay" or "bai ve" ("bãi biển" is not), "tin" only as "ban tin" or "tin nay".
_PIECE_VI = r"(?:bai (?:bao|viet)(?: nay)?|bai nay|bai(?= ve )|ban tin(?: nay)?|tin (?:bai|nay))"
_PIECE_EN = r"(?:article|story|piece|news story|news item)"
_ASKS = [re.compile(p) for p in (
    rf"\b(?:ai|nguoi nao)\b(?: la(?: nguoi)?)? (?:da )?viet {_PIECE_VI}\b",
    rf"^{_PIECE_VI}(?: ve .+)? (?:nay )?(?:do|cua) (?:ai|nguoi nao)\b",
    rf"\btac gia (?:cua )?{_PIECE_VI}\b",
    rf"\b{_PIECE_VI} (?:co )?tac gia\b",
    rf"\bwho\b.*\b(?:wrote|writes|authored|penned|is the author of|was the author of|is behind)\b.*\b{_PIECE_EN}\b",
    rf"\b(?:author|writer) of (?:the|this|that) {_PIECE_EN}\b",
    rf"\b{_PIECE_EN}\b.*\bwritten by (?:whom|who)\b",
    rf"\bwhose {_PIECE_EN}\b",
    r"^who (?:wrote|authored|penned) (?:it|this|that)$",  # after a question answered from one article
)]
# What such a question says besides asking for the author: its words, folded, besides these.
_ASKING_WORDS = frozenset("""ai nguoi nao la da viet bai bao ban tin nay do cua tac gia co ve vay nhi day a ha
who whom whose wrote writes written authored penned author writer article story piece news item is was behind
the this that it of about by""".split())
MAX_CHOICES = 5  # articles named when a question does not say which one it means
_WORD = re.compile(r"[^\W_]+")
# What says which article: "about X", "về X", or "the X article" / "this X story".
_ABOUT = re.compile(rf"\b(?:ve|about|on)\b|\b(?:the|this|that)(?: [a-z]+){{1,3}} {_PIECE_EN}\b")


def asks_author(question: str) -> str | None:
    """For a question that asks who wrote an article: what else it says ("Cẩm Xuyên" in "Who wrote the article
    about Cẩm Xuyên?"), "" if nothing; None for any other question."""
    folded = " ".join(_WORD.findall(fold(question).lower()))
    if not any(p.search(folded) for p in _ASKS):
        return None
    rest = [w for w in _WORD.findall(question) if fold(w).lower() not in _ASKING_WORDS | STOP_WORDS]
    # "... about Cẩm Xuyên" says which article; "dựa trên bài viết của ai?", "the article in Nature" ask about
    # one the text cites.
    if rest and not _ABOUT.search(folded):
        return None
    return " ".join(rest)


def author_quote(article: Article) -> Quote | None:
    """The article's author line as a quote; None without one, or if the index has no offsets for it."""
    if not article.author or article.author_start < 0:
        return None
    return Quote(text=article.author, score=1.0, title=article.title, date=article.date, source=article.source,
                 sentence_id=f"{article.article_id}#author", start=article.author_start, end=article.author_end,
                 answer_span=(0, len(article.author)), kind="author")


def author_answer(question: str, searcher: Searcher, *, previous: str | None = None) -> Answer | None:
    """The answer to a question asking who wrote an article (`asks_author`): its author's line quoted; declined
    with the articles to choose from (`Answer.choices`) when several have an author and neither the question nor
    `previous` (the conversation's question before it) says which, and declined when what it says finds no
    article with an author; None for any other question, or when no article has an author (then it is asked as
    any other question)."""
    rest = asks_author(question)
    if rest is None:
        return None
    with_author = [a for a in searcher.index.articles.values() if a.author and a.author_start >= 0]
    if not with_author:  # no author to name (or an index built before their lines' offsets were kept)
        return None
    lang = answer_lang(question)
    follows = None
    if rest:
        article = _answered_from(rest, searcher)
    elif len(with_author) == 1:
        article = with_author[0]
    elif previous and (article := _answered_from(previous, searcher)) is not None:
        follows = previous
    else:
        titles = tuple(a.title for a in with_author[:MAX_CHOICES])
        return Answer(question=question, answered=False, lang=lang, choices=titles)
    quote = author_quote(article) if article is not None else None
    if quote is None:  # about something no article is about, or an article without an author: nothing to quote
        return Answer(question=question, answered=False, lang=lang)
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
    first, end = index.article_rows[article.article_id]
    text_of = " ".join([article.title] + [s.text for s in index.sentences[first:end]])
    words = set(_WORD.findall(fold(text_of).lower()))
    return article if all(w in words for w in _WORD.findall(fold(text).lower())) else None
