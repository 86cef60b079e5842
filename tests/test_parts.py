"""Questions asking two things, and a quote bolding the answer to each (retrieval.parts, answer.answer_spans)."""
from __future__ import annotations

import json

import pytest

from bot import render
from bot.format import BOLD, PLAIN, answer_json, quote_body
from retrieval.answer import answer_spans
from retrieval.parts import question_parts
from retrieval.types import Answer, Quote
from tests.fakebotapi import parse_telegram_html

CRASH = "Vụ tai nạn làm 6 người chết tại chỗ và 21 người bị thương, trong đó 8 người bị thương nặng."


@pytest.mark.parametrize(("question", "parts"), [
    ("Hà Nội hoàn thành bao nhiêu căn nhà và có bao nhiêu hồ sơ đăng ký mua?",
     ("Hà Nội hoàn thành bao nhiêu căn nhà", "có bao nhiêu hồ sơ đăng ký mua?")),
    ("duong dai bao nhieu km va von bao nhieu", ("duong dai bao nhieu km", "von bao nhieu")),
    ("When will the line be energised, and how much capacity will it add?",
     ("When will the line be energised", "how much capacity will it add?")),
    ("Thị trường lớn nhất là nước nào, chiếm bao nhiêu phần trăm?",
     ("Thị trường lớn nhất là nước nào", "chiếm bao nhiêu phần trăm?")),
    ("Theo ông, bao nhiêu người chết?", None),  # a comma after words that ask nothing
    # one thing asked of two kinds, or of two subjects; "đầu" is no "đâu", "AI" no "ai"
    ("Có bao nhiêu người chết và mất tích?", None), ("Giá vàng và giá USD hôm nay bao nhiêu?", None),
    ("6 tháng đầu năm và cả năm thu ngân sách bao nhiêu?", None),
    ("Besides applied AI, what new major is the university opening?", None),
])
def test_a_question_is_split_where_each_side_asks_something(question: str, parts: tuple[str, ...] | None) -> None:
    assert question_parts(question) == (parts or (question,))


@pytest.mark.parametrize(("question", "sentence", "bold"), [
    ("Vụ tai nạn làm bao nhiêu người chết và bao nhiêu người bị thương?", CRASH, ["6 người", "21 người"]),
    ("How many hectares of durian does Dak Lak have, and how much of it is being harvested?",
     "Toàn tỉnh có khoảng 36.800 ha sầu riêng, trong đó 22.500 ha đang cho thu hoạch.", ["36.800 ha", "22.500 ha"]),
    # not a figure the question writes ("500 kV"), and the second answer after the first
    ("When will the third 500 kV line be energised, and how much capacity will it add?",
     "Đường dây 500 kV mạch 3 dự kiến đóng điện vào tháng 7, giúp tăng khả năng truyền tải thêm 2.200 MW.",
     ["tháng 7", "2.200 MW"]),
    ("Vụ tai nạn làm bao nhiêu người chết?", CRASH, ["6 người"]),  # one thing asked: one bold
])
def test_each_part_gets_its_own_answer(question: str, sentence: str, bold: list[str]) -> None:
    assert [sentence[a:b] for a, b in answer_spans(question, sentence)] == bold


def test_every_answer_is_bolded_on_a_terminal_in_telegram_and_listed_in_json() -> None:
    spans = answer_spans("Vụ tai nạn làm bao nhiêu người chết và bao nhiêu người bị thương?", CRASH)
    quote = Quote(text=CRASH, score=1.0, title="t", date="2025-11", source="a.txt", sentence_id="a#1", start=0,
                  end=len(CRASH), answer_span=spans[0], also_spans=spans[1:])
    assert quote_body(quote, bold=True) == CRASH.replace("6 người", f"{BOLD}6 người{PLAIN}", 1).replace(
        "21 người", f"{BOLD}21 người{PLAIN}", 1)
    answer = Answer("q", True, (quote,), "vi")
    fields = json.loads(answer_json(answer))["quotes"][0]
    assert fields["answer"] == "6 người" and fields["answers"] == ["6 người", "21 người"]
    [html] = render.render_answer(answer)
    _, entities = parse_telegram_html(html)
    assert [e["type"] for e in entities].count("bold") == 2
