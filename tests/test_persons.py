"""A person a question names, and a sentence telling of another person only (retrieval.persons)."""
from __future__ import annotations

import pytest

from retrieval.measures import mismatch
from retrieval.persons import other_person
from retrieval.types import Mismatch


@pytest.mark.parametrize(("question", "sentence", "found"), [
    ("Viện kiểm sát đề nghị mức án bao nhiêu với Hồ Văn Bền?", "Đại diện Viện kiểm sát đề nghị mức án 10-11 năm tù "
     "với ông Tùng.", ("Hồ Văn Bền", ("ông Tùng",))),
    ("Ông Nguyễn Văn Bình bị phạt bao nhiêu năm tù?", "Trần Văn Mạnh bị tuyên phạt 6 năm tù.",
     ("Nguyễn Văn Bình", ("Trần Văn Mạnh",))),
    # the person by their given name, or by no name at all: may be the one asked
    ("Bà Phạm Thị Nhung đã chuyển bao nhiêu tiền?", "Theo Thượng tá Nguyễn Văn Lực, bà Nhung chuyển 2,3 tỷ đồng.",
     None),
    ("Bà Phạm Thị Nhung đã chuyển bao nhiêu tiền?", "Trong 3 ngày, bà chuyển tổng cộng 2,3 tỷ đồng.", None),
    # a city bearing a person's name is no person, asked or told
    ("What time did the swimmer from Ho Chi Minh City post?", "Nguyễn Hoàng Khánh Linh (TP HCM) về đích sau 2 phút 15 "
     "giây 42.", None),
    ("Nguyễn Văn Nam ở đâu?", "Cửa hàng đặt tại TP Hồ Chí Minh.", None),
    # a question asking who: another person is its answer
    ("Thẩm phán chủ tọa phiên tòa xử Trần Thị Thu Hường là ai?", "Chủ tọa phiên tòa, Thẩm phán Vũ Thị Lan Anh, nhận "
     "định hành vi của các bị cáo là đặc biệt nghiêm trọng.", None),
    # a club bearing its province's name is no person
    ("Ai ghi bàn thắng thứ hai cho Nam Định trong trận gặp Hoàng Anh Gia Lai? sút từ bao xa?", "Tiền vệ Phạm Gia Bảo "
     "sút xa từ cự ly khoảng 25 m.", None),
])
def test_a_person_asked_is_not_answered_by_another(question: str, sentence: str, found) -> None:
    assert other_person(question, sentence) == found


def test_it_is_a_mismatch_of_its_own_kind() -> None:
    assert mismatch("Ông Nguyễn Văn Bình bị phạt bao nhiêu năm tù?", "Trần Văn Mạnh bị tuyên phạt 6 năm tù.") == \
        Mismatch("person", "Nguyễn Văn Bình", ("Trần Văn Mạnh",))
