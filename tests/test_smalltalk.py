"""Small talk ("hello", "cảm ơn", "ok") is answered as such, never with a quote; questions are never small talk."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.format import SMALL_TALK, answer_json, answer_text
from bot.render import EXAMPLES
from retrieval.service import QAService
from retrieval.smalltalk import small_talk
from retrieval.textnorm import fold
from retrieval.types import SmallTalk
from tests.conftest import ROOT
from tests.fakebotapi import FakeBotAPI
from tests.telegram_helpers import CHAT, ask, assert_no_failed_calls, open_hashing_service, run, running


@pytest.mark.parametrize(("text", "kind", "lang"), [
    ("hello", "greeting", ""),  # said in both languages: the user's language decides
    ("Hi bot!", "greeting", ""),
    ("good morning tinbot", "greeting", "en"),
    ("xin chào", "greeting", "vi"),
    ("CHÀO BẠN", "greeting", "vi"),
    ("chao ban", "greeting", "vi"),  # typed without accents
    ("hiii", "greeting", ""),  # letters held down
    ("Thank you so much!!", "thanks", "en"),
    ("thx", "thanks", ""),
    ("cảm ơn bạn nhiều nhé", "thanks", "vi"),
    ("cam on", "thanks", "vi"),
    ("ok thanks", "thanks", ""),  # thanks wins over ok
    ("ok", "ack", ""),
    ("Okkk 👍", "ack", ""),
    ("dạ vâng", "ack", "vi"),
    ("được rồi", "ack", "vi"),
    ("got it", "ack", "en"),
    ("test", "test", ""),
    ("test 123", "test", ""),
    ("asdf", "test", ""),  # the keys people hit to see whether a bot answers
    ("lorem ipsum dolor sit amet", "test", ""),
    ("bye", "bye", ""),
    ("tạm biệt", "bye", "vi"),
    ("hello bạn ơi", "greeting", "vi"),  # Vietnamese fillers make it Vietnamese
    ("tks bạn", "thanks", "vi"),
    ("thanks a lot", "thanks", "en"),  # "a" is also "ạ" without its accent: no language
    ("thank u", "thanks", "en"),  # "u" is also "ừ" without its accent
    ("cooool", "ack", "en"),
    ("bạn khỏe không", "greeting", "vi"),
    ("bạn khoẻ không", "greeting", "vi"),  # old-style tone placement
    ("ngủ ngon", "bye", "vi"),
    # Greetings that are worded as questions: without this they were asked of the articles and got a quote.
    ("What's up?", "greeting", "en"), ("whats up", "greeting", "en"), ("How's it going?", "greeting", "en"),
    ("Nice to meet you!", "greeting", "en"), ("dạo này thế nào", "greeting", "vi"),
    ("khỏe không?", "greeting", "vi"), ("Rất vui được gặp bạn", "greeting", "vi"),
    # Asking what the bot is: no question about the articles.
    ("help", "help", ""), ("Who are you?", "help", "en"), ("what can you do?", "help", "en"),
    ("bạn là ai?", "help", "vi"), ("ban la ai", "help", "vi"), ("giúp tôi với", "help", "vi"),
    ("hello, who are you?", "help", "en"), ("thanks for your help", "thanks", "en"),
    ("Bạn là ai vậy?", "help", "vi"), ("bạn là ai thế", "help", "vi"),  # particles are fillers
    ("What's your name?", "help", "en"), ("bạn tên gì", "help", "vi"), ("ban ten la gi", "help", "vi"),
    # Letters that make no word: single letters, one letter typed again and again, laughter.
    ("x", "test", ""), ("a", "test", ""), ("?? x", "test", ""), ("x?", "test", ""), ("zzz", "test", ""),
    ("kkk", "test", ""), ("jkjk", "test", ""), ("hehe", "test", ""), ("hahaha", "test", ""), ("x x", "test", ""),
])
def test_small_talk_is_recognised_with_its_kind_and_language(text: str, kind: str, lang: str) -> None:
    assert small_talk(text) == SmallTalk(kind, lang)


@pytest.mark.parametrize("text", [
    "hello, what was budget revenue?",  # one content word makes a question
    "ok thu ngân sách đạt bao nhiêu",
    "cảm ơn, ai kết luận hội nghị?",
    "Bí thư là ai", "help desk", "who are you voting for", "thế là ai", "vay the nao",
    "thu",  # "revenue", not "thử"
    "2023",
    "you",  # only fillers
    "test results of the spring crop",
    "What is up with the budget?", "how are things in Cẩm Xuyên", "how are you doing today",
    "what is your name for the new district", "Tên bạn trai của cô ấy là gì",
    # Typed with accents, matched with accents: gold, porridge, a debt, "already", "sold" are not small talk.
    "vàng", "cá vàng", "cháo", "nợ", "nó", "đã rơi", "Đà", "bán được", "vay được",
    # A number makes a question ("U 23", a figure with "tỷ", which is not "ty" for thanks), except after "test".
    "U 23", "120,3 tỷ", "nợ 100 tỷ", "no 1", "vay 1 ty",
    "God",  # not "good" with a letter held down
    "da so",  # "đa số": an English filler does not go with a Vietnamese phrase
    "lam duoc",  # "làm được": "lắm" is a filler only with its accent
    # Without accents "vâng", "dạ", "tuyệt" would read as gold, rocks or "already", snow: accents required.
    "vang", "ban vang", "da roi", "da ban", "tuyet roi",
    "UK", "U Minh",  # "uk" and "u" are not "ừ" here
    "ABC", "Nice",  # a broadcaster, a city
    "XX", "khóa XX", "III", "xx",  # Roman numerals: "HĐND huyện khóa XX"
    "MoMo", "Momo", "Kaka", "Papa", "ZZZ",  # a wallet, a footballer...: capitalised, or a two-letter group twice
    "C++", "C#", "Q&A", "U.S.", "A/B", "đ/c",  # letters with symbols are names and abbreviations
    "ô tô", "Vitamin C là gì", "x 2", "you zzz",  # a single letter beside a word, a filler or a number
])
def test_questions_are_not_small_talk(text: str) -> None:
    assert small_talk(text) is None


def test_no_gold_or_example_question_is_small_talk() -> None:
    questions = [json.loads(line)["question"] for name in ("seed_gold.jsonl", "seed_review.jsonl")
                 for line in (ROOT / "eval" / name).read_text("utf-8").splitlines()
                 if line.strip() and not line.startswith("#")]
    questions += [*EXAMPLES["vi"], *EXAMPLES["en"]]
    questions += [fold(q) for q in questions]  # and as typed without accents
    assert len(questions) > 200
    assert [q for q in questions if small_talk(q)] == []


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> QAService:
    return open_hashing_service(tmp_path_factory.mktemp("smalltalk"))


def test_service_answers_small_talk_without_quotes(service: QAService) -> None:
    thanks = service.ask("Thank you so much!")
    assert (thanks.answered, thanks.quotes, thanks.lang, thanks.small_talk) == (False, (), "en",
                                                                                SmallTalk("thanks", "en"))
    assert answer_text(thanks) == SMALL_TALK["en"]["thanks"]
    assert json.loads(answer_json(thanks)) == {"question": "Thank you so much!", "answered": False, "quotes": [],
                                               "lang": "en", "small_talk": "thanks"}
    hello = service.ask("xin chào")
    assert hello.lang == "vi" and answer_text(hello) == SMALL_TALK["vi"]["greeting"]
    who = service.ask("who are you?")  # says what the bot does and what to ask, instead of quoting a sentence
    assert who.quotes == () and answer_text(who) == SMALL_TALK["en"]["help"] and "how much" in answer_text(who)
    question = json.loads(answer_json(service.ask("thu ngân sách đạt bao nhiêu?")))
    assert "small_talk" not in question and question["answered"]


@pytest.fixture
def fake() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as server:
        yield server


def test_telegram_greets_thanks_and_acknowledges(service: QAService, fake: FakeBotAPI, tmp_path: Path) -> None:
    async def main_() -> list[dict]:
        async with running(fake, service, tmp_path):
            return [await ask(fake, CHAT, text) for text in ("hello", "cảm ơn nhé", "ok", "bạn là ai?")]

    hello, thanks, ok, who = run(main_())
    assert who["text"] == hello["text"]  # asking what the bot is: the welcome with its example questions
    assert "Xin chào!" in hello["text"] and EXAMPLES["en"][0] in hello["text"]  # the welcome, in the user's language
    assert thanks["text"] == SMALL_TALK["vi"]["thanks"]
    assert ok["text"] == SMALL_TALK["vi"]["ack"]  # "ok" has no language: the user's (vi in the fake)
    assert not any("reply_markup" in m for m in (hello, thanks, ok))  # no quote, so no buttons
    assert_no_failed_calls(fake)
