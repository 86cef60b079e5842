"""What an acronym stands for is answered with the sentence that defines it (retrieval/acronyms.py)."""
from __future__ import annotations


import pytest

from retrieval.acronyms import asked_acronym, definition_answer
from retrieval.mentions import definitions
from retrieval.search import Searcher
from tests.test_search import WordTokens, one_article_index


@pytest.mark.parametrize("question, acronym", [
    ("VASEP là gì?", "VASEP"), ("vasep la gi", "VASEP"), ("C04 là cơ quan nào?", "C04"),
    ("GSHT là viết tắt của gì?", "GSHT"), ("ĐGNL là gì?", "ĐGNL"),
    ("What does EVN stand for?", "EVN"), ("What is SHS?", "SHS"),
    ("What is inflation?", None),  # "what is" asks an acronym only when it is written in capitals
    ("Lạm phát là gì?", None), ("Ai là giám đốc?", None), ("VASEP dự báo gì?", None),
])
def test_the_acronym_a_question_asks_about(question: str, acronym: str | None) -> None:
    assert asked_acronym(question) == acronym


@pytest.mark.parametrize("text, acronym, name", [
    ("Theo Hiệp hội Chế biến và Xuất khẩu thủy sản Việt Nam (VASEP), giá tôm cao.", "VASEP",
     "Hiệp hội Chế biến và Xuất khẩu thủy sản Việt Nam"),
    ("Ngày 18/9, Công ty cổ phần Sông Hàn Semiconductor (SHS) ra mắt chip.", "SHS", "Sông Hàn Semiconductor"),
    ("Dữ liệu từ thiết bị giám sát hành trình (GSHT) cho thấy xe chạy quá tốc độ.", "GSHT", "giám sát hành trình"),
    ("Bộ Thương mại Mỹ (DOC) công bố mức thuế.", "DOC", "Bộ Thương mại Mỹ"),
])
def test_a_definition_names_what_the_acronym_stands_for(text: str, acronym: str, name: str) -> None:
    assert [(a, text[x:y]) for a, (x, y) in definitions(text)] == [(acronym, name)]


def _searcher(rows: list[str]) -> Searcher:
    enc = WordTokens()
    index, tokens = one_article_index(enc, rows, "Xuất khẩu tôm")
    return Searcher(index, enc, "hybrid", tokens=tokens)


def test_the_defining_sentence_answers_with_the_name_bolded_and_an_undefined_acronym_is_searched() -> None:
    rows = ["VASEP dự báo xuất khẩu tôm năm nay đạt 4 tỷ USD.",
            "Theo Hiệp hội Chế biến và Xuất khẩu thủy sản Việt Nam (VASEP), giá tôm cao hơn.",
            "VASEP đề nghị doanh nghiệp đa dạng thị trường."]
    searcher = _searcher(rows)
    answer = definition_answer("VASEP là gì?", searcher, k=3)
    assert answer is not None and answer.answered and [q.sentence_id for q in answer.quotes] == ["a#1"]
    a, b = answer.quotes[0].answer_span
    assert rows[1][a:b] == "Hiệp hội Chế biến và Xuất khẩu thủy sản Việt Nam"
    assert definition_answer("EVN là gì?", searcher, k=3) is None  # defined nowhere: asked as any question
    assert definition_answer("VASEP dự báo gì?", searcher, k=3) is None
