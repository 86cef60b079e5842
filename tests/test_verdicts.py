"""A question on a court's penalty bolds the penalty the sentence tells (retrieval/verdicts.py)."""
from __future__ import annotations

import pytest

from retrieval.answer import bold_span
from retrieval.verdicts import asks_penalty, penalty_span

KHAI = ("Ngày 21/11, TAND tỉnh Đồng Nai tuyên phạt Nguyễn Văn Khải (52 tuổi, cựu Giám đốc Công ty CP Địa ốc Hưng Phát) "
        "mức án tù chung thân về tội \"Lừa đảo chiếm đoạt tài sản\".")
THREE = "Tòa tuyên phạt Khải 20 năm tù, Hạnh 16 năm tù, Nam 8 năm 6 tháng tù treo."


@pytest.mark.parametrize(("question", "asks"), [
    ("Nguyễn Văn Khải bị tòa tuyên mức án gì?", True), ("khai lanh an gi", True),
    ("What sentence did Khai receive?", True), ("Bị cáo Nam nhận hình phạt nào?", True),
    ("What prison term did Thang finally receive?", True), ("What term did the council serve?", False),
    ("Ai bị phạt?", False), ("Phiên tòa diễn ra khi nào?", False),
    ("Kế toán trưởng nhận mức án bao nhiêu năm?", False),  # a quantity: "9 năm" of "lần lượt nhận 9 năm và 6 năm tù"
])
def test_a_question_asks_a_penalty(question: str, asks: bool) -> None:
    assert asks_penalty(question) is asks


@pytest.mark.parametrize(("question", "sentence", "penalty"), [
    ("Nguyễn Văn Khải bị tòa tuyên mức án gì?", KHAI, "tù chung thân"),
    # of several, the one whose clause holds the name asked
    ("Hạnh bị tuyên mức án gì?", THREE, "16 năm tù"), ("Bị cáo Nam nhận mức án nào?", THREE, "8 năm 6 tháng tù treo"),
    ("What sentence did Khai receive?", THREE, "20 năm tù"),
    ("What sentence did the prosecutors ask for Thang?", "Đại diện VKSND đề nghị mức án 18-20 năm tù đối với Thắng.",
     "18-20 năm tù"),
    ("What sentence did the procuracy ask for?", "Đại diện VKSND trước đó đề nghị mức án từ 8 đến 9 năm tù đối với ông "
     "Thắng.", "từ 8 đến 9 năm tù"),  # a range written out, not its end alone
    # each penalty's person written after it ("đối với Thắng")
    ("What prison term did the prosecutors ask for Vu Duc Thang?", "Đại diện VKSND đề nghị mức án 11-12 năm tù đối với "
     "Thắng và 7-8 năm tù đối với Đỗ Thị Thu Hà.", "11-12 năm tù"),
    ("Hà bị đề nghị mức án gì?", "Đại diện VKSND đề nghị mức án 11-12 năm tù đối với Thắng và 7-8 năm tù đối với Đỗ "
     "Thị Thu Hà.", "7-8 năm tù"),
    # no penalty told
    ("Khải bị tuyên mức án gì?", "Phiên tòa kéo dài 8 ngày.", None),
])
def test_the_penalty_told_is_bolded(question: str, sentence: str, penalty: str | None) -> None:
    span = penalty_span(question, sentence)
    assert (sentence[span[0]:span[1]] if span else None) == penalty
    if span is not None:
        assert bold_span(question, sentence) == span
