"""Among figures a sentence lists for several things of a closed set, the bold is the one for the thing asked
(retrieval.measures.asked_focus, read by retrieval.spans.answer_span)."""
from __future__ import annotations

import pytest

from retrieval.answer import bold_span
from retrieval.measures import asked_focus


@pytest.mark.parametrize(("question", "sentence", "bold"), [
    # a place in a contest, even beside the championship's name
    ("Đội á quân giải bóng chuyền vô địch quốc gia nhận bao nhiêu tiền thưởng?", "Đội vô địch nhận thưởng 600 triệu "
     "đồng từ Liên đoàn Bóng chuyền Việt Nam, đội á quân nhận 350 triệu đồng và đội hạng ba nhận 200 triệu đồng.",
     "350 triệu đồng"),
    ("Học sinh đoạt giải Nhì được thưởng bao nhiêu?", "Tỉnh khen thưởng 20 triệu đồng cho mỗi giải Nhất, 15 triệu "
     "đồng cho giải Nhì và 10 triệu đồng cho giải Ba.", "15 triệu đồng"),
    # a variety, a dealer's side
    ("How much does a monthly pass on metro line 1 cost?", "Tuyến metro thu phí với giá vé lượt từ 7.000 đến 20.000 "
     "đồng tùy quãng đường, vé ngày 40.000 đồng và vé tháng 300.000 đồng.", "300.000 đồng"),
    ("Giá mua vào vàng SJC là bao nhiêu?", "Vàng SJC được bán ra ở mức 120 triệu đồng, mua vào 118 triệu đồng mỗi "
     "lượng.", "118 triệu đồng mỗi lượng"),
    # a change asked: the rise, wherever the side is written
    ("So với tuần trước, giá bán vàng miếng SJC đã tăng thêm bao nhiêu?", "Giá vàng miếng SJC kết thúc tuần ở mức "
     "146,8 triệu đồng mỗi lượng chiều bán ra, tăng 6,3 triệu đồng so với cuối tuần trước.", "6,3 triệu đồng"),
])
def test_the_figure_of_the_thing_asked_among_several(question: str, sentence: str, bold: str) -> None:
    span = bold_span(question, sentence)
    assert span is not None and sentence[span[0]:span[1]] == bold


def test_no_focus_without_one_thing_of_a_closed_set_asked() -> None:
    assert asked_focus("Thu ngân sách đạt bao nhiêu?") is None
    assert asked_focus("Đội vô địch và á quân nhận bao nhiêu?") is None  # two places asked
    focus = asked_focus("Giá vé tháng bao nhiêu?")
    assert focus is not None and focus("vé tháng 300.000 đồng") and not focus("vé ngày 40.000 đồng")
