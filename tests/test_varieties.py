"""One variety of a closed set asked, and a sentence telling of others of it only (retrieval.varieties)."""
from __future__ import annotations

import pytest

from retrieval.measures import mismatch
from retrieval.types import Mismatch
from retrieval.varieties import other_variety


@pytest.mark.parametrize(("question", "sentence", "found"), [
    ("Hộ có lợn chết rét được hỗ trợ bao nhiêu tiền mỗi con?", "Hộ có trâu, bò trưởng thành bị chết do rét được hỗ "
     "trợ 4 triệu đồng mỗi con.", ("lợn", ("trâu", "bò"))),
    ("Ai là hiệu trưởng trường tiểu học Mù Cả?", "Thầy Lò Văn Pản, Hiệu trưởng Trường THCS Mù Cả, kể phòng ở bán trú "
     "là dãy nhà tạm.", ("tiểu học", ("THCS",))),
    ("How much does a single-trip metro ticket cost for students?", "Học sinh, sinh viên được giảm 50% giá vé tháng, "
     "còn 150.000 đồng.", ("vé lượt", ("vé tháng",))),
    ("Which team won the men's national volleyball championship?", "Đội nữ Hóa chất Đức Giang thắng 3-2, lên ngôi vô "
     "địch.", ("nội dung nam", ("nội dung nữ",))),
    # typed without accents: "nu" is "nữ", "nam" the men's unless a year follows ("giải năm nay")
    ("ai vo dich don nu", "Nguyễn Văn An giành chức vô địch đơn nam.", ("nội dung nữ", ("nội dung nam",))),
    ("giai nam nay ai vo dich", "Nguyễn Văn An giành chức vô địch đơn nam.", None),
    # a racket sport's events: doubles are not the team event, nor is a teammate one
    ("Ai giành huy chương vàng đôi nữ?", "Ở nội dung đồng đội nam, Quân đội thắng Hà Nội 3-1, còn đồng đội nữ thuộc "
     "về TP HCM.", ("đôi", ("đồng đội",))),
    ("How much prize money does the women's doubles champion receive?", "Mỗi nhà vô địch nội dung đơn nhận 60 triệu "
     "đồng tiền thưởng.", ("đôi", ("đơn",))),  # the singles event, written "nội dung đơn"
    ("Who won the men's singles title?", "Quân đội vô địch đồng đội nam.", ("đơn", ("đồng đội",))),
    ("Who did Vinh beat in the men's singles semifinal?", "Trận bán kết đơn nam giữa Vinh và đồng đội Đỗ Minh Khoa kéo "
     "dài gần một giờ.", None),
    ("Giá vé khứ hồi tuyến tàu là bao nhiêu?", "Giá vé một chiều cho người lớn là 990.000 đồng ở hạng phổ thông.",
     ("vé khứ hồi", ("vé lượt",))),
    ("How fast did the economy grow?", "Giá vé hạng thương gia tăng 5%.", None),  # the economy, no seat
    # typed without accents, by words that can be nothing else
    ("chi phi mot ca ghep gan bao nhieu", "Chi phí cho một ca ghép thận khoảng 300-350 triệu đồng.",
     ("gan", ("thận",))),
    ("Giá vàng nhẫn bán ra bao nhiêu?", "Giá vàng miếng SJC bán ra 120 triệu đồng mỗi lượng.",
     ("vàng nhẫn", ("vàng miếng",))),
    # the asked variety told too, none told, several asked, or a word of another sense ("bò sát", "năm")
    ("Hộ có lợn chết được hỗ trợ bao nhiêu?", "Hộ có lợn, gà chết được hỗ trợ 50.000 đồng mỗi con.", None),
    ("Hộ có lợn chết được hỗ trợ bao nhiêu?", "Tỉnh hỗ trợ 10 triệu đồng cho mỗi hộ có nhà bị sập.", None),
    ("Giá vé lượt và vé tháng là bao nhiêu?", "Vé tháng giá 300.000 đồng.", None),
    ("Bao nhiêu con bò chết rét?", "Vườn thú có 20 loài bò sát.", None),
    ("How many heart-lung transplants are performed each year?", "Mỗi năm có khoảng 50-70 ca ghép tim phổi.", None),
    ("Năm nay đội tuyển nữ đứng thứ mấy?", "Năm nay đội tuyển nữ xếp thứ 3 châu Á.", None),
    # when a works starts and when it opens, when a rule takes effect and when it ends: for a question asking when
    ("Bệnh viện Đa khoa tỉnh cơ sở mới được khởi công năm nào?", "Sáng 5/9, UBND tỉnh tổ chức lễ khánh thành và đưa "
     "vào sử dụng Bệnh viện Đa khoa tỉnh cơ sở mới.", ("khởi công", ("khánh thành",))),
    ("When did construction of the hospital start?", "Sáng 5/9, UBND tỉnh khánh thành bệnh viện.",
     ("khởi công", ("khánh thành",))),
    ("tuyen metro khoi cong nam nao", "Tuyến sẽ khai thác thương mại vào quý I/2026.", ("khởi công", ("khánh thành",))),
    ("When is the school expected to be completed?", "Tháng 12 tới tỉnh sẽ khởi công trường thứ hai tại xã Thu Lũm.",
     ("khánh thành", ("khởi công",))),
    ("Hiệp định miễn thị thực hết hiệu lực khi nào?", "Hiệp định có hiệu lực từ ngày 1/9.",
     ("hết hiệu lực", ("có hiệu lực",))),
    ("When will the bridge open?", "Cầu khởi công tháng 3/2023 và dự kiến thông xe cuối năm 2025.", None),
    ("When did construction of Tu Lien bridge begin?", "Sáng 27/12, ban quản lý dự án tổ chức lễ hợp long cầu Tứ Liên.",
     ("khởi công", ("hợp long",))),
    ("Đình Đình Bảng được khởi công xây dựng năm nào?", "Đình được xây dựng từ năm 1700 và hoàn thành vào năm 1736.",
     None),  # built from 1700: its start
    ("When does the new fee schedule expire?", "Biểu phí mới được áp dụng từ ngày 1/1/2026.",
     ("hết hiệu lực", ("có hiệu lực",))),
    ("Hiệp định hết hiệu lực khi nào?", "Hiệp định có hiệu lực từ ngày 1/9/2025 đến hết năm 2030.", None),
    ("Dự án khởi công có tổng vốn bao nhiêu?", "Dự án khánh thành hôm qua có vốn 500 tỷ đồng.", None),  # not when
    # a tournament's stage; not "final score", nor "vòng chung kết" (the finals)
    ("Who did Hieu beat in the men's singles semifinal?", "Vinh thắng Hiếu 4-2 ở chung kết đơn nam.",
     ("bán kết", ("chung kết",))),
    ("What was the final score?", "Ở bán kết, Vinh thắng Khoa 4-1.", None),
    ("ai vo dich vong chung ket u23 chau a", "Ở bán kết, Việt Nam thắng 2-1.", None),
    # crops and fruit trees: "mì" alone is cassava in a field, not noodles
    ("How many hectares of corn were damaged in Tram Tau?", "Tại Trạm Tấu, khoảng 95 ha mận, đào bị rụng quả.",
     ("ngô", ("mận",))),
    ("Ông Hòa bón bao nhiêu tấn phân cho ruộng mía?", "Gia đình ông bón 4 tấn phân cho 3 ha mì.", ("mía", ("sắn",))),
    ("Ông Hòa bón bao nhiêu tấn phân cho ruộng mía?", "Quán bán 300 bát mì Quảng mỗi ngày.", None),
    ("Giá sầu riêng hôm nay bao nhiêu?", "Anh Nguyễn Thanh Long bán xoài giá 30.000 đồng/kg.",
     ("sầu riêng", ("xoài",))),  # "Thanh Long" is a name
    # black or white pepper, kinds of vehicle, LPG, a session
    ("Giá tiêu trắng hôm nay bao nhiêu?", "Giá tiêu đen tại Đắk Lắk ở mức 148.000 đồng/kg.",
     ("tiêu trắng", ("tiêu đen",))),
    ("Người đi xe máy vượt đèn đỏ bị phạt bao nhiêu?", "Ô tô vượt đèn đỏ bị phạt 18-20 triệu đồng.",
     ("xe máy", ("ô tô",))),
    ("How much is the fine for cars running a red light?", "Ô tô vượt đèn đỏ bị phạt 18-20 triệu đồng.", None),
    ("Where was Dat caught driving the pickup truck?", "Đạt bị bắt khi đang lái ô tô bán tải chở heroin.", None),
    ("Giá gas LPG tăng bao nhiêu?", "Giá xăng E5 RON 92 tăng 480 đồng mỗi lít.", ("khí hóa lỏng", ("xăng E5 RON 92",))),
    ("How many candidates were absent in the afternoon session?", "Buổi sáng có 286 thí sinh vắng thi.",
     ("buổi chiều", ("buổi sáng",))),
    # a follow-up read after the question before it asks with its last sentence: why, not when
    ("Trung tâm khởi công từ khi nào? sao bị chậm tiến độ?", "Dự án phải hoàn thành vào cuối năm 2023, nhưng bị chậm "
     "gần 9 tháng do giá vật liệu tăng.", None),
])
def test_a_sentence_naming_other_varieties_only(question: str, sentence: str,
                                                found: tuple[str, tuple[str, ...]] | None) -> None:
    assert other_variety(question, sentence) == found


def test_a_crop_the_title_names_may_go_unnamed_in_the_sentence() -> None:
    question = "Sản lượng hồ tiêu vụ 2024 ước đạt bao nhiêu?"
    sentence = "Sản lượng vụ 2024 chỉ đạt khoảng 170.000 tấn do nhiều hộ dân đã chuyển sang trồng sầu riêng."
    assert other_variety(question, sentence) == ("hồ tiêu", ("sầu riêng",))
    assert other_variety(question, sentence, "Xuất khẩu hồ tiêu 6 tháng đạt 730 triệu USD") is None
    # not so for a farm animal: an article on swine fever tells of buffaloes too
    assert other_variety("Bao nhiêu con lợn bị tiêu hủy?", "Có 12 con trâu bị chết.", "Dịch tả lợn lan rộng") == \
        ("lợn", ("trâu",))


def test_a_sentence_naming_the_asked_variety_tells_of_it() -> None:
    from retrieval.varieties import names_variety

    assert names_variety("Ai vô địch đơn nữ?", "Ở nội dung đơn nữ, Lâm Thu Trang bảo vệ thành công ngôi vô địch.")
    assert not names_variety("Ai vô địch đơn nữ?", "Trong trận chung kết đơn nam, Trịnh Quốc Bảo thắng.")
    assert not names_variety("Ai vô địch?", "Ở nội dung đơn nữ, Lâm Thu Trang vô địch.")  # none asked
    # "hoàn thành" says nothing of which works: the first school's, where the second's is asked
    assert not names_variety("When is the second school expected to be completed?", "Trường thứ nhất sẽ hoàn thành "
                             "trước năm học 2026-2027.")


def test_it_is_a_mismatch_of_its_own_kind() -> None:
    assert mismatch("Hộ có lợn chết rét được hỗ trợ bao nhiêu?", "Hộ có trâu chết rét được hỗ trợ 4 triệu đồng.") == \
        Mismatch("variety", "lợn", ("trâu",))
