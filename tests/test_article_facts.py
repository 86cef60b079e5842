""""Who wrote the article?", "when was it published?" answered with the author's line or the header's date
(retrieval/article_facts.py)."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from bot.format import answer_json, answer_text
from bot.repl import Session
from retrieval.article_facts import asked_fact, fact_answer, fact_quote
from retrieval.config import Settings
from retrieval.evaluate import GoldItem, run_gold
from retrieval.service import QAService
from tests.conftest import BUDGET, SEEDS

SEED_AUTHOR = "Phan Trâm"
SEED_TITLE = "Cẩm Xuyên chủ động, quyết liệt thực hiện nhiệm vụ những tháng cuối năm"
FLOOD = """date 2024-09 Lũ lớn trên sông Hồng

Mực nước sông Hồng tại Hà Nội lên 9,2 mét vào sáng 11/9, mức cao nhất kể từ năm 2008.

Hàng trăm hộ dân ven sông đã được sơ tán đến nơi an toàn.

Ngọc Lan
"""


@pytest.mark.parametrize(("question", "rest"), [
    ("Bài báo do ai viết?", ""),
    ("ai viet bai bao nay", ""),  # unaccented
    ("Ai là tác giả bài viết?", ""),
    ("Tác giả bài báo là ai vậy?", ""),
    ("Who wrote the article?", ""),
    ("whose article is this?", ""),
    ("Who is the author of this story?", ""),
    ("Bài báo về Cẩm Xuyên do ai viết?", "Cẩm Xuyên"),
    ("Ai viết bài về Cẩm Xuyên?", "Cẩm Xuyên"),
    # Words that fold to an asking word are kept as written: "vệ" is not "về", "giá" not "giả".
    ("Ai viết bài về vệ tinh?", "vệ tinh"),
    ("Bài về tỷ giá do ai viết?", "tỷ giá"),
    ("Who wrote the article about the flood?", "flood"),
    ("Who wrote the flood article?", "flood"),
    ("who wrote it?", ""),  # after a question answered from one article
    ("ai viết?", ""), ("ai viet vay", ""), ("Tác giả là ai?", ""), ("tác giả?", ""), ("Người viết là ai?", ""),
    ("who's the author?", ""),
    # Not the article's author: a book, a report the article tells of, an article it cites, a beach.
    ("Ai là tác giả của Liber servitoris?", None),
    ("Who wrote the report?", None),
    ("Biểu đồ dựa trên bài viết của ai?", None),
    ("Who wrote the article in Nature?", None),
    ("Bãi biển này do ai quản lý?", None),
    ("Who wrote Hamlet?", None),
    ("Ai viết bài hát này?", None),
    ("Thu ngân sách đạt bao nhiêu?", None),
])
def test_asked_fact_knows_a_question_about_who_wrote_the_article(question: str, rest: str | None) -> None:
    assert asked_fact(question) == (None if rest is None else ("author", rest))


@pytest.mark.parametrize(("question", "rest"), [
    ("Bài báo này đăng khi nào?", ""),
    ("bai bao dang ngay nao", ""),
    ("Khi nào bài báo được đăng?", ""),
    ("When was this article published?", ""),
    ("đăng khi nào?", ""), ("khi nao dang", ""), ("When was it published?", ""),  # bare, in a conversation
    ("Bài về Sudan đăng ngày nào?", "Sudan"),
    ("When was the article about the Nairobi summit published?", "Nairobi summit"),
    # When something happened, not when an article was published.
    ("Hội nghị diễn ra ngày nào?", None),
    ("When was the treaty signed?", None),
    ("Khi nào khởi công?", None),
])
def test_asked_fact_knows_a_question_about_when_the_article_was_published(question: str, rest: str | None) -> None:
    assert asked_fact(question) == (None if rest is None else ("date", rest))


@pytest.fixture
def seed_service(hashing_settings: Settings) -> QAService:
    return QAService.open(hashing_settings)


def test_the_author_line_is_quoted_verbatim_with_the_article_it_signs(seed_service: QAService) -> None:
    answer = seed_service.ask("Bài báo do ai viết?")
    assert answer.answered and len(answer.quotes) == 1
    quote = answer.quotes[0]
    assert (quote.text, quote.kind, quote.answer_text, quote.source_status) == (SEED_AUTHOR, "author", SEED_AUTHOR,
                                                                               "unchanged")
    assert Path(quote.source).read_text(encoding="utf-8")[quote.start:quote.end] == SEED_AUTHOR
    assert quote.title.startswith("Cẩm Xuyên") and quote.date == "2023-07"
    assert json.loads(answer_json(answer))["quotes"][0]["kind"] == "author"
    # Any other question quotes sentences, as before.
    budget = seed_service.ask("Thu ngân sách trên địa bàn đạt bao nhiêu tỷ đồng?")
    assert BUDGET in budget.quotes[0].text and budget.quotes[0].kind == "sentence"


@pytest.fixture
def two_articles(tmp_path: Path) -> QAService:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seed = next(SEEDS.glob("*.txt"))
    (corpus / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    (corpus / "flood.txt").write_text(FLOOD, encoding="utf-8")
    return QAService.open(Settings(cache_dir=tmp_path / "cache", index_dir=tmp_path / "index", model="hashing",
                                   corpus=(corpus,)))


def test_with_several_articles_the_question_or_the_conversation_says_which(two_articles: QAService) -> None:
    def author(question: str, previous: str | None = None) -> str | None:
        answer = two_articles.ask(question, previous=previous)
        quotes = [q for q in answer.quotes if q.kind == "author"]
        return quotes[0].text if quotes else None

    assert author("Ai viết bài báo về sông Hồng?") == "Ngọc Lan"
    assert author("Bài báo về Cẩm Xuyên do ai viết?") == SEED_AUTHOR
    # Which article? Not guessed: declined, naming the articles to choose from...
    which = two_articles.ask("Bài báo do ai viết?")
    assert not which.answered and set(which.choices) == {"Lũ lớn trên sông Hồng", SEED_TITLE}
    assert answer_text(which).startswith("Bài nào? Hãy nói bài viết về gì")
    assert f"\n• {SEED_TITLE}" in answer_text(which)  # one title a line
    assert not two_articles.ask("Bài báo đăng ngày nào?").answered
    assert json.loads(answer_json(which))["choices"] == list(which.choices)
    # ... unless the question before it was answered from one: then read as its follow-up.
    flood = "Mực nước sông Hồng tại Hà Nội lên bao nhiêu mét?"
    assert author("Bài báo do ai viết?", previous=flood) == "Ngọc Lan"
    assert two_articles.ask("who wrote it?", previous=flood).follows == flood
    assert author("Bài báo do ai viết?", previous="Thu ngân sách trên địa bàn đạt bao nhiêu?") == SEED_AUTHOR
    # A chain keeps the article: "ai viết?" then "when was it published?" after the flood question.
    session = Session(two_articles)
    session.handle(flood)
    assert "Ngọc Lan" in session.handle("ai viết?")
    assert "Published in September 2024" in session.handle("when was it published?")
    # About something no article is about: declined, no sentence quoted in its place.
    world_cup = two_articles.ask("Ai viết bài báo về World Cup?")
    assert not world_cup.answered and not world_cup.quotes and not world_cup.choices
    assert fact_answer("Ai viết bài báo về World Cup?", two_articles.searcher) == world_cup  # not retrieval's


def test_an_index_without_the_offsets_quotes_neither_author_nor_date(seed_service: QAService) -> None:
    article = next(iter(seed_service.index.articles.values()))
    assert fact_quote(article, "author") is not None and fact_quote(article, "date") is not None
    assert fact_quote(replace(article, author_start=-1, author_end=-1), "author") is None
    assert fact_quote(replace(article, author=""), "author") is None
    assert fact_quote(replace(article, date_start=-1, date_end=-1), "date") is None


def test_the_date_is_quoted_from_the_header_of_the_article_meant(two_articles: QAService) -> None:
    answer = two_articles.ask("Bài về sông Hồng đăng khi nào?")
    assert answer.answered and answer.quotes[0].kind == "date" and answer.quotes[0].text == "2024-09"
    assert Path(answer.quotes[0].source).read_text(encoding="utf-8")[answer.quotes[0].start:answer.quotes[0].end] \
        == "2024-09" and answer.quotes[0].source_status == "unchanged"
    flood = "Mực nước sông Hồng tại Hà Nội lên bao nhiêu mét?"
    assert two_articles.ask("When was this article published?", previous=flood).quotes[0].text == "2024-09"


def test_eval_ranks_the_fact_first_for_a_question_about_the_article(seed_service: QAService) -> None:
    items = [GoldItem("who", "Who wrote the article?", "en", (SEED_AUTHOR,)),
             GoldItem("ai", "ai viet bai bao nay", "vi", (SEED_AUTHOR,)),
             GoldItem("when", "Bài báo đăng khi nào?", "vi", ("2023-07",))]
    report = run_gold(seed_service, items)
    assert [(r.first_correct, r.answered, r.reachable) for r in report.results] == [(1, True, True)] * 3
