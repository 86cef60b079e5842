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
])
def test_a_question_asks_a_result(question: str, result: bool) -> None:
    assert asks_result(question) is result


@pytest.mark.parametrize(("question", "sentence", "target"), [
    ("Năm 2025 Quảng Ninh thực thu ngân sách được bao nhiêu tỷ đồng?", TARGET, True),
    ("How many visitors did the province actually welcome?", AIM, True),
    # a result, with a share of the target after it
    ("Thu ngân sách đạt bao nhiêu?", RESULT, False),
    # the target asked for
    ("Dự toán thu ngân sách năm 2025 là bao nhiêu?", TARGET, False),
    # a target and a result in clauses of their own
    ("Thu ngân sách đạt bao nhiêu?", "Dự toán giao 500 tỷ đồng; đến nay tỉnh thu được 420 tỷ đồng.", False),
])
def test_a_sentence_telling_only_a_target_answers_no_question_on_a_result(question: str, sentence: str,
                                                                          target: bool) -> None:
    assert (target_only(question, sentence) == Mismatch("goal", "achieved", ("target",))) is target
