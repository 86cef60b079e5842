"""A question asking a result is not answered by a sentence telling only a target (retrieval/goals.py)."""
from __future__ import annotations

import pytest

from retrieval.goals import asks_result, target_only
from retrieval.types import Mismatch

TARGET = ("Năm 2025 HĐND tỉnh đã giao dự toán thu ngân sách 59.500 tỷ đồng, mức cao nhất từ trước tới nay, trong bối "
          "cảnh nguồn thu từ than có thể chịu tác động.")
RESULT = "Thu ngân sách 9 tháng đạt 120,3 tỷ đồng, bằng 95% dự toán."
AIM = "Tỉnh đặt mục tiêu đón 5 triệu lượt khách vào năm 2026."


@pytest.mark.parametrize(("question", "result"), [
    ("Năm 2025 Quảng Ninh thực thu ngân sách được bao nhiêu tỷ đồng?", True),
    ("Thu ngân sách đạt bao nhiêu?", True), ("How much revenue did the province collect?", True),
    # a target, a forecast, the future: asked as such
    ("Dự toán thu ngân sách là bao nhiêu?", False), ("Tỉnh sẽ đón bao nhiêu khách?", False),
    ("What is the revenue target?", False), ("Thu ngân sách dự kiến đạt bao nhiêu?", False),
    ("nam 2025 cang cai mep muon dat bao nhieu teu", False),  # a wish
    ("What share of revenue does the firm want online sales to reach by 2027?", False),
    # no quantity asked
    ("Khi nào tỉnh đạt mục tiêu?", False),
    # what happened, asked in the past
    ("How many visitors did the museum receive in its first week?", True), ("Bảo tàng đã đón bao nhiêu khách?", True),
    ("How many visitors did the museum expect?", False),
])
def test_a_question_asks_a_result(question: str, result: bool) -> None:
    assert asks_result(question) is result


@pytest.mark.parametrize(("question", "sentence", "target"), [
    ("Năm 2025 Quảng Ninh thực thu ngân sách được bao nhiêu tỷ đồng?", TARGET, True),
    ("How many visitors did the province actually welcome?", AIM, True),
    # now asked, the future or a proposal told
    ("deo lo xo hien co bao nhieu lan thoat nan", "Sở cho biết sẽ đề xuất lắp thêm 12 làn thoát nạn trong năm 2025.",
     True),
    # a result, with a share of the target after it
    ("Thu ngân sách đạt bao nhiêu?", RESULT, False),
    # the target asked for
    ("Dự toán thu ngân sách năm 2025 là bao nhiêu?", TARGET, False),
    # a target and a result in clauses of their own
    ("Thu ngân sách đạt bao nhiêu?", "Dự toán giao 500 tỷ đồng; đến nay tỉnh thu được 420 tỷ đồng.", False),
    # a decimal comma ends no clause; "giảm được" (managed to cut) asks a result, typed without accents too
    ("chuong trinh tiet kiem dien da giam duoc bao nhieu phan tram", "EVN phát động chương trình tiết kiệm điện với "
     "mục tiêu giảm 3,5% điện năng tiêu thụ trong 6 tháng đầu năm.", True),
    ("chuong trinh tiet kiem dien da giam duoc bao nhieu phan tram", "Sau 6 tháng, chương trình giảm 2,1% điện năng "
     "tiêu thụ.", False),
])
def test_a_sentence_telling_only_a_target_answers_no_question_on_a_result(question: str, sentence: str,
                                                                          target: bool) -> None:
    assert (target_only(question, sentence) == Mismatch("goal", "achieved", ("target",))) is target


EXPORTED = ("Năm 2024, các doanh nghiệp gốm đỏ ở Vĩnh Long xuất khẩu được 41,2 triệu USD, tăng gần 16% so với mức 35,6 "
            "triệu USD của năm 2023.")


@pytest.mark.parametrize(("question", "sentence", "found"), [
    ("Mục tiêu xuất khẩu gốm đỏ năm 2023 là bao nhiêu?", EXPORTED, True),
    ("What was the province's export target?", EXPORTED, True),
    # a target, a forecast, the future written: it may tell the target
    ("Mục tiêu xuất khẩu gốm đỏ năm 2025 là bao nhiêu?", "Năm 2025 tỉnh phấn đấu xuất khẩu 45 triệu USD.", False),
    ("What was the province's export target?", "Xuất khẩu dự kiến đạt 45 triệu USD.", False),
    ("What was the province's export target?", AIM, False),
    # a plan's size is told by the project's figures; no figure, no mismatch
    ("Kế hoạch mở rộng có tổng vốn bao nhiêu?", "Dự án có tổng vốn đầu tư 358 tỷ đồng.", False),
    ("Mục tiêu xuất khẩu gốm đỏ năm 2023 là bao nhiêu?", "Gốm đỏ là sản phẩm chủ lực của tỉnh.", False),
])
def test_a_sentence_telling_only_what_was_done_answers_no_question_on_a_target(question: str, sentence: str,
                                                                                found: bool) -> None:
    assert (target_only(question, sentence) == Mismatch("goal", "target", ("achieved",))) is found


@pytest.mark.parametrize(("question", "sentence"), [
    # a body's name is no target: "giao thông", "cổ phần Đầu tư" (folded as "phấn đấu")
    ("How many violations did traffic police handle?", "Cục Cảnh sát giao thông đã xử lý hơn 61.000 trường hợp."),
    ("How much principal did Phu Khang repay?", "Công ty cổ phần Đầu tư Địa ốc Phú Khang đã thanh toán 2.000 tỷ "
     "đồng tiền gốc."),
    # a football's goals are no target
    ("How many goals did Stábile score?", "Stábile kết thúc giải với tám bàn thắng."),
    # a question asking what was reached too (a follow-up of one on a target)
    ("Hai nước đặt mục tiêu kim ngạch bao nhiêu vào năm 2028? năm 2024 đạt bao nhiêu?", "Trao đổi thương mại giữa hai "
     "nước năm 2024 mới đạt khoảng 1,9 tỷ USD."),
    # history's "sẽ" (what came after), a petition ("bản kiến nghị"), a question on what should be
    ("For how long did Chinese rulers use the title?", "Đó là tước hiệu mà các nhà cai trị Trung Quốc sẽ sử dụng "
     "trong hơn hai nghìn năm."),
    ("Có bao nhiêu người đã ký bản kiến nghị?", "Một bản kiến nghị với hơn 800.000 chữ ký đã được trình lên Quốc hội."),
    ("What share of revenue should private-label goods reach?", "Phước An sẽ tăng tỷ trọng hàng nhãn riêng từ 12% lên "
     "20% tổng doanh thu vào cuối năm."),
    # an agreement sets a target
    ("What trade target did the two countries set for 2028?", "Hai bên nhất trí nâng kim ngạch thương mại lên 3 tỷ USD "
     "vào năm 2028."),
])
def test_names_and_words_that_are_no_target(question: str, sentence: str) -> None:
    assert target_only(question, sentence) is None
