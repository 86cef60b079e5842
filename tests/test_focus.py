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
    # a kind of casualty
    ("How many people died in the boarding house fire?", "Vụ cháy khiến 4 người trong một gia đình thiệt mạng, 2 "
     "người khác bị thương được đưa đi cấp cứu.", "4 người"),
    # the part of a whole the question names, after "riêng" or "trong đó"
    ("Bangladesh có bao nhiêu người thiệt mạng vì lũ?", "Theo Bộ Quản lý Thiên tai Bangladesh, đến ngày 15/7, lũ đã "
     "làm ít nhất 214 người thiệt mạng ở hai nước, riêng Bangladesh có 131 người.", "131 người"),
    ("Trạm Ba Tơ đo được lượng mưa bao nhiêu?", "Từ ngày 16 đến 19/10, lượng mưa phổ biến ở mức 400-600 mm, riêng "
     "trạm Ba Tơ đo được 812 mm.", "812 mm"),
    ("Hà Nội có bao nhiêu ca sốt xuất huyết?", "Cả nước ghi nhận 50.000 ca, trong đó Hà Nội 8.000 ca.", "8.000"),
    ("Cả nước có bao nhiêu ca sốt xuất huyết?", "Cả nước ghi nhận 50.000 ca, trong đó Hà Nội 8.000 ca.", "50.000"),
    ("Lũ lụt đã làm bao nhiêu người chết ở Bangladesh và Ấn Độ?", "Lũ đã làm ít nhất 214 người thiệt mạng ở hai nước, "
     "riêng Bangladesh có 131 người.", "214 người"),  # both asked: the part names one
    # the whole told of the casualty asked, not the part "trong đó" opens, unless the question words the part
    ("How many people were injured in the bus crash?", "Vụ tai nạn khiến bốn hành khách tử vong tại chỗ và 17 người "
     "khác bị thương, trong đó có sáu người bị thương nặng.", "17 người"),
    ("Bao nhiêu người bị thương nặng?", "Vụ tai nạn khiến bốn hành khách tử vong tại chỗ và 17 người khác bị thương, "
     "trong đó có sáu người bị thương nặng.", "sáu người"),
    ("How many of the injured were in serious condition?", "Vụ tai nạn khiến bốn hành khách tử vong tại chỗ và 17 "
     "người khác bị thương, trong đó có sáu người bị thương nặng.", "sáu người"),
    # a variety before a casualty
    ("How many buffaloes died in the cold snap?", "Toàn tỉnh có 318 con gia súc bị chết do đói, rét, gồm 126 con trâu, "
     "97 con bò, còn lại là ngựa và dê.", "126"),
])
def test_the_figure_of_the_thing_asked_among_several(question: str, sentence: str, bold: str) -> None:
    span = bold_span(question, sentence)
    assert span is not None and sentence[span[0]:span[1]] == bold


def test_no_focus_without_one_thing_of_a_closed_set_asked() -> None:
    assert asked_focus("Thu ngân sách đạt bao nhiêu?") is None
    assert asked_focus("Đội vô địch và á quân nhận bao nhiêu?") is None  # two places asked
    focus = asked_focus("Giá vé tháng bao nhiêu?")
    assert focus is not None and focus("vé tháng 300.000 đồng") and not focus("vé ngày 40.000 đồng")


@pytest.mark.parametrize(("question", "sentence", "bold"), [
    ("Ai vô địch đơn nữ giải quần vợt quốc gia 2024?", "Ở nội dung đơn nữ, Lâm Thu Trang (TP.HCM) bảo vệ thành công "
     "ngôi vô địch sau khi thắng Vũ Hải Yến (Quân đội) 6-2, 6-4 chỉ trong 78 phút.", "Lâm Thu Trang"),
    ("Who won the men's singles final?", "Trịnh Quốc Bảo thắng Nguyễn Văn Phương 3-1 để lên ngôi vô địch.",
     "Trịnh Quốc Bảo"),
    ("Đội nào giành huy chương đồng giải bóng chuyền nữ?", "Tấm huy chương đồng thuộc về Kinh Bắc Bắc Ninh sau khi "
     "thắng Đắk Lắk 3-1 ở trận tranh hạng ba.", "Kinh Bắc Bắc Ninh"),
    # not a winner asked: the name after "thắng" may be the answer
    ("Trịnh Quốc Bảo thắng ai ở chung kết?", "Trịnh Quốc Bảo thắng Nguyễn Văn Phương 3-1 để lên ngôi vô địch.",
     "Nguyễn Văn Phương"),
])
def test_the_winner_asked_is_not_the_one_beaten(question: str, sentence: str, bold: str) -> None:
    span = bold_span(question, sentence)
    assert span is not None and sentence[span[0]:span[1]] == bold
