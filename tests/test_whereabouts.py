"""A where-question's bold span is the place the sentence gives (retrieval/whereabouts.py)."""
from __future__ import annotations

import pytest

from retrieval.answer import answer_spans, bold_span
from retrieval.whereabouts import asks_where, place_span

MONET = ("Ông sinh ra ở Paris nhưng lớn lên tại Le Havre thuộc vùng Normandie, nơi ông nổi tiếng từ tuổi thiếu niên "
         "nhờ những bức tranh biếm họa vẽ bằng than.")


@pytest.mark.parametrize(("question", "where"), [
    ("Lễ khai trương tuyến được tổ chức ở đâu?", True), ("chip hs-10 duoc san xuat o dau", True),
    ("Thí sinh nộp đơn phúc khảo tại đâu?", True), ("Where was the rice contract signed?", True),
    ("Sau hội đàm, hai nhà lãnh đạo đi thăm nơi nào ở Busan?", True),
    # a position in a list, not a place
    ("Where does Quang Ngai rank in the region for growth?", False),
    ("Giá vàng là bao nhiêu?", False), ("Giải đấu diễn ra ở quốc gia nào?", False),
    # where to; not "đi đầu" (first), "đến đầu năm" (by the start of the year), which fold alike
    ("Tổng thống Chile rời Hà Nội ngày nào và đi đâu tiếp theo?", True), ("Boeing chuyển trụ sở đến đâu?", True),
    ("tong thong roi ha noi ngay nao va di dau tiep theo", True),
    ("Có bao nhiêu người tham gia chuyến đi đầu tiên?", False),
    ("co bao nhieu nguoi tham gia chuyen di dau tien", False),
    ("Đến đầu thập niên 2020, đã có bao nhiêu công ước?", False),
    # an English "where" opening the question or before its verb, not a relative one
    ("In 2024, where was the fair held?", True), ("From where did the ship leave?", True),
    ("What was the dissolved oxygen level where the fish died?", False),
])
def test_where_questions(question: str, where: bool) -> None:
    assert asks_where(question) is where


@pytest.mark.parametrize(("question", "sentence", "place"), [
    # a dot inside a name ends no place
    ("Ma túy được gửi đến đâu?", "Ma túy được gửi theo xe khách vào TP.HCM.", "TP.HCM"),
    # not the question's own words after "về", its stop words too
    ("Hội nghị Liên Hợp Quốc về Đại dương lần thứ tư tổ chức ở đâu?", "Chiều 8/6, Hội nghị Liên Hợp Quốc về Đại "
     "dương lần thứ tư đã khai mạc tại thành phố cảng Busan, Hàn Quốc.", "thành phố cảng Busan, Hàn Quốc"),
    # after "tại", on through an address's commas, up to a word opening something else
    ("Where did the largest fire break out?",
     "Theo Chi cục Kiểm lâm tỉnh Sơn La, vụ cháy lớn nhất xảy ra chiều 17/3 tại xã Chiềng Sơn, huyện Mộc Châu, thiêu "
     "rụi 47 ha rừng thông và keo.", "xã Chiềng Sơn, huyện Mộc Châu"),
    ("Kiwi Edu đặt trụ sở ở đâu?",
     "Ngày 12/8, Công ty Cổ phần Công nghệ Kiwi Edu, có trụ sở tại quận Cầu Giấy, Hà Nội, công bố hoàn tất vòng gọi "
     "vốn Series A trị giá 18 triệu USD.", "quận Cầu Giấy, Hà Nội"),
    ("Where was the closing ceremony held?",
     "Festival Huế 2026 đã bế mạc tối 14/6 tại Quảng trường Ngọ Môn sau 9 ngày diễn ra.", "Quảng trường Ngọ Môn"),
    ("Where did the scam ring set up its calling centre?",  # "Từ Sơn" is a name, not "từ" (from)
     "Từ tháng 10/2024, Khải thuê một căn nhà tại phường Đình Bảng, TP Từ Sơn, Bắc Ninh, làm \"tổng đài\".",
     "phường Đình Bảng, TP Từ Sơn, Bắc Ninh"),
    # names joined by "và"; a bracket after a name
    ("Where will the province send its trade delegation?",
     "Tỉnh sẽ tổ chức đoàn xúc tiến thương mại sang Úc và Trung Đông vào tháng 11.", "Úc và Trung Đông"),
    ("Where is the ground station?", "Đến 6h30 cùng ngày, trạm mặt đất tại Hòa Lạc (Hà Nội) đã nhận được tín hiệu.",
     "Hòa Lạc (Hà Nội)"),
    # "trên", "trong" before a place's noun; not "trên 50%"
    ("Lễ hội áo dài tổ chức ở đâu?",
     "Ban tổ chức bố trí phố ẩm thực trên đường Lê Lợi với 120 gian hàng và lễ hội áo dài trên cầu Trường Tiền.",
     "cầu Trường Tiền"),
    ("Nước được chứa ở đâu?", "Trên 50% lượng nước tưới được chứa trong hồ Dầu Tiếng.", "hồ Dầu Tiếng"),
    # the place nearest the question's words before it: "lớn lên tại", not "sinh ra ở"
    ("Monet lớn lên ở đâu?", MONET, "Le Havre"), ("Where did Monet grow up?", MONET, "Le Havre"),
    ("Where was Monet born?", MONET, "Paris"),
    # a destination rather than an origin, unless the question asks where from
    ("Where did Boeing move its headquarters in 2001?",
     "Công ty chuyển trụ sở chính từ Seattle đến Chicago vào năm 2001.", "Chicago"),
    ("Where did the company move its headquarters from?",
     "Công ty chuyển trụ sở chính từ Seattle đến Chicago vào năm 2001.", "Seattle"),
    # "nơi ở", "chỗ ở", "nhà ở xã hội", "ở lại", "ở mức" are no place; "căn nhà ở quận 8", "tại nhà văn hóa" are
    ("Bà Lan đã bán nhà ở đâu?", "Gia đình bà đã bán căn nhà ở quận 8 để góp 1,2 tỷ đồng.", "quận 8"),
    ("Where were the 15 people housed?", "Quận đã bố trí chỗ ở tạm cho 15 người tại nhà văn hóa phường Khương Đình.",
     "nhà văn hóa phường Khương Đình"),
    ("Where is the housing being built?", "Tỉnh khởi công khu nhà ở xã hội tại phường Phù Chẩn.", "phường Phù Chẩn"),
    ("Where was the heroin hidden?",
     "Khám xét nơi ở của Tùng, công an phát hiện 40 bánh heroin được giấu trong bể nước ngầm phía sau nhà.",
     "bể nước ngầm phía sau nhà"),
    ("Giá được giữ ở đâu?", "Giá được giữ ở mức 2 triệu đồng.", None),
    # the name a place's word is said to be
    ("Where was the hottest temperature recorded?", "Nơi nóng nhất là Tương Dương (Nghệ An) với 43,1 độ C lúc 14h.",
     "Tương Dương (Nghệ An)"),
    ("Where is the festival held?", "Địa điểm tổ chức là Quảng trường Ngọ Môn, sức chứa 5.000 người.",
     "Quảng trường Ngọ Môn"),
    # no locative phrase at all
    ("Where did the fire start?", "Ngọn lửa bùng lên rất nhanh.", None),
])
def test_place_span(question: str, sentence: str, place: str | None) -> None:
    span = place_span(question, sentence)
    assert (sentence[span[0]:span[1]] if span else None) == place
    assert bold_span(question, sentence) == span  # a where-question's bold is the place


def test_not_a_where_question_gets_no_place() -> None:
    assert place_span("Ai lớn lên ở Le Havre?", MONET) is None


def test_two_part_question_bolds_the_year_and_the_place() -> None:
    sentence = "AgriNext được thành lập năm 2020 tại Cần Thơ bởi ba kỹ sư nông nghiệp."
    spans = answer_spans("AgriNext được thành lập năm nào và ở đâu?", sentence)
    assert [sentence[a:b] for a, b in spans] == ["năm 2020", "Cần Thơ"]
