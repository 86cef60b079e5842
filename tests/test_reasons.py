"""A why-question's bold span is the reason the sentence gives (retrieval/reasons.py)."""
from __future__ import annotations

import pytest

from retrieval.answer import bold_span
from retrieval.reasons import asks_why, reason_span

SHRIMP = "Giá tôm Việt Nam cao hơn tôm Ecuador từ 1,5 đến 2 USD mỗi kg do chi phí con giống, thức ăn và tiền điện cao."


@pytest.mark.parametrize(("question", "why"), [
    ("Vì sao tôm Việt Nam đắt hơn?", True), ("tai sao gia tom cao", True), ("Why is shrimp dearer?", True),
    ("Nguyên nhân khiến máy chính ngừng hoạt động là gì?", True), ("vi ly do gi ong ay tu chuc", True),
    ("Các vụ cháy rừng do đâu mà ra?", True),
    # "lý do" / "nguyên nhân" in a question that asks who or which
    ("Thứ trưởng nào giải thích lý do tăng chỉ tiêu?", False), ("Ai nêu nguyên nhân vụ cháy?", False),
    ("Giá tôm là bao nhiêu?", False),
])
def test_why_questions(question: str, why: bool) -> None:
    assert asks_why(question) is why


@pytest.mark.parametrize(("sentence", "reason"), [
    # up to the clause's end; a list goes on after its comma
    (SHRIMP, "chi phí con giống, thức ăn và tiền điện cao"),
    ("Đường ống ngừng hoạt động do biểu tình, làm gián đoạn khoảng 300.000 thùng/ngày.", "biểu tình"),
    ("Do chuyến đi vòng này, nó không thể ghé thăm hành tinh nào khác.", "chuyến đi vòng này"),
    ("Nguyên nhân là các khu đô thị mới mọc lên khiến hạ tầng không theo kịp.", "các khu đô thị mới mọc lên"),
    ("Thu ngân sách vượt 13% dự toán, nhờ tiền sử dụng đất tăng mạnh.", "tiền sử dụng đất tăng mạnh"),
    # a purpose when no cause is written; "do" naming who did it, "thay vì", "tự do", "do đó" are none
    ("Hội nghị do UBND tỉnh tổ chức nhằm đánh giá kết quả 6 tháng đầu năm.", "đánh giá kết quả 6 tháng đầu năm"),
    ("Người dân uống bia thay vì nước, và được tự do đi lại.", None),
    ("Mưa lớn kéo dài, do đó nhiều tuyến đường ngập sâu.", None),
    # what it comes from, what "nguyên nhân chính là" names
    ("Theo bà Diệp, việc điều chỉnh xuất phát từ quy chế tuyển sinh mới của Bộ.", "quy chế tuyển sinh mới của Bộ"),
    ("Theo trung tâm, nguyên nhân chính là hiện tượng nghịch nhiệt khiến bụi bị giữ sát mặt đất.",
     "hiện tượng nghịch nhiệt"),
    # with none of these, the cause before "khiến" in its clause, without a speaker, "nhưng" or "đã"
    ("Ông Nam cho biết mưa lớn kéo dài đã khiến nhiều tuyến đường bị ngập.", "mưa lớn kéo dài"),
    ("Hai nước hợp nhất năm 1963, nhưng căng thẳng chính trị và sắc tộc đã dẫn đến chia tách.",
     "căng thẳng chính trị và sắc tộc"),
])
def test_the_reason_is_what_follows_a_causal_word_to_the_end_of_its_clause(sentence: str, reason: str | None) -> None:
    span = reason_span("Vì sao?", sentence)
    assert (sentence[span[0]:span[1]] if span else None) == reason


def test_a_why_question_bolds_its_reason_or_nothing_never_a_figure() -> None:
    span = bold_span("Vì sao tôm Việt Nam đắt hơn tôm Ecuador?", SHRIMP)
    assert span is not None and SHRIMP[span[0]:span[1]] == "chi phí con giống, thức ăn và tiền điện cao"
    assert bold_span("Nguyên nhân khiến tàu chìm là gì?", "Lúc 2h sáng 5/3, tàu chìm cách bờ 20 hải lý.") is None
    assert reason_span("Giá tôm là bao nhiêu?", SHRIMP) is None  # no why: no reason span
