"""A which-question's bold span is the name of the kind it asks for (retrieval/which.py)."""
from __future__ import annotations

import pytest

from retrieval.answer import bold_span
from retrieval.which import asked_kinds, asks_place, kind_span

BIRTHS = "TP HCM có mức sinh thấp nhất cả nước, chỉ 1,39 con, trong khi Hà Giang dẫn đầu với 2,68 con."
DISTRICTS = "Quận Ninh Kiều có nhiều ca mắc nhất với 14 ca, quận Cái Răng đứng thứ hai với 9 ca."


@pytest.mark.parametrize(("question", "kinds"), [
    ("Quận nào ở Cần Thơ có nhiều ca mắc sởi nhất?", ("quan",)),
    ("Nhà máy được xây ở khu công nghiệp nào?", ("khu cong nghiep", "kcn")),
    ("Which district had the most cases?", ("quan", "huyen")),
    ("Which industrial park is the plant in?", ("khu cong nghiep", "kcn")),
    ("Quỹ nào dẫn dắt vòng gọi vốn?", ("quy",)),
    # a quarter is a date; questions naming no kind of named thing
    ("Doanh thu quý nào cao nhất?", ()), ("Giá vàng là bao nhiêu?", ()), ("Ai là giám đốc?", ()),
    ("Which was bigger?", ()),
])
def test_the_kind_asked(question: str, kinds: tuple[str, ...]) -> None:
    assert asked_kinds(question) == kinds


@pytest.mark.parametrize(("question", "sentence", "name"), [
    # of two names of the kind, the one the question's words follow
    ("Quận nào ở Cần Thơ có nhiều ca mắc sởi nhất?", DISTRICTS, "Ninh Kiều"),
    ("Quận nào đứng thứ hai về số ca mắc sởi ở Cần Thơ?", DISTRICTS, "Cái Răng"),
    ("Which district had the most measles cases?", DISTRICTS, "Ninh Kiều"),
    # a superlative asked: the name in a clause with one, whatever its adjective
    ("Huyện nào trồng nhiều nhãn nhất Hưng Yên?", "Huyện Khoái Châu có diện tích lớn nhất với 1.450 ha, tiếp đến là "
     "huyện Kim Động với 1.120 ha; TP Hưng Yên có khoảng 870 ha.", "Khoái Châu"),
    # the question's own superlative over another: "the highest" is who leads, not who is lowest
    ("Which province has the highest birth rate in the country?", BIRTHS, "Hà Giang"),
    ("Tỉnh nào có mức sinh thấp nhất cả nước?", BIRTHS, "TP HCM"),
    # the name right after the noun, or after up to two lower-case words
    ("Quỹ nào dẫn dắt vòng gọi vốn Series A của Nông Trí?",
     "Vòng gọi vốn do quỹ Lotus Delta Capital (Singapore) dẫn dắt, cùng hai quỹ trong nước.", "Lotus Delta Capital"),
    ("Cầu nào dài nhất trên tuyến?",
     "Trên tuyến có 14 cầu, trong đó cầu vượt suối Đạ Nhim là cầu dài nhất với chiều dài 620 m.", "Đạ Nhim"),
    ("Which industrial park is the Seowon Tech plant in?",
     "Nhà máy được xây dựng trên diện tích 38 ha tại Khu công nghiệp Yên Bình, chuyên sản xuất camera.", "Yên Bình"),
    # a name the question writes is not its answer
    ("Ngoài Ninh Kiều, quận nào có nhiều ca nhất?", DISTRICTS, "Cái Răng"),
    # a one-syllable noun read with its accents: "chợ", not the "cho" of "cho Hà Nội"
    ("Chợ nào bán nhiều hoa nhất?", "Hoa được chở cho Hà Nội bán nhiều nhất tại chợ Quảng Bá.", "Quảng Bá"),
    # a country, as the places table knows them; not one the question names
    ("Which country did the US use as the surrogate?", "Việc Mỹ chọn Indonesia làm quốc gia thay thế thay vì Ấn Độ "
     "như trước khiến thuế tăng.", "Indonesia"),
    ("From which country did the region break away with American support?", "Với sự hậu thuẫn của Hoa Kỳ, vùng này "
     "tách khỏi Pháp năm 1903.", "Pháp"),  # the people the question names are not its answer
    ("Which country is a strong competitor?", "Ấn Độ dỡ bỏ hạn chế xuất khẩu gạo, cạnh tranh trực tiếp với Việt Nam.",
     "Ấn Độ"),  # Vietnam, the home, where another is named
    ("Which country did Japan beat in 1905?", "Nước này đánh bại Trung Quốc năm 1895 và Nga năm 1905.", "Nga"),
    ("Which country took over the mountain?", "Sau Thế chiến thứ nhất, ngọn núi thuộc quyền kiểm soát của Anh.", "Anh"),
    ("Followed by what country?", "Dịch tiếp tục xâm nhập vào Nga, nơi bệnh xuất hiện.", "Nga"),  # "vào": into it
    ("Which country opened its border?", "Hungary mở cửa biên giới với Áo.", "Hungary"),  # beyond trade partners
    # a province, as the places table knows them, with or without "tỉnh" before it; not a committee's member
    ("Huyện Cẩm Xuyên thuộc tỉnh nào?", "6 tháng cuối năm 2023, huyện Cẩm Xuyên (Hà Tĩnh) tiếp tục triển khai các "
     "nhiệm vụ.", "Hà Tĩnh"),
    ("Which province is the pepper firm in?", "Bà Hương, giám đốc một doanh nghiệp chế biến tiêu tại Bình Phước, nói.",
     "Bình Phước"),
    ("Which province is Cẩm Xuyên district in?", "Trưởng ban Dân vận Tỉnh ủy Trương Thanh Huyền tham dự hội nghị.",
     None),
    # a work's title in quotation marks
    ("Which album was named Album of the Year?", 'Album "Mùa gió chướng" của cô được vinh danh ở hạng mục Album của '
     'năm.', "Mùa gió chướng"),
    ("Phim nào đoạt giải?", "Bộ phim “Đất rừng phương Nam” đoạt giải Bông sen vàng.", "Đất rừng phương Nam"),
    # a name that goes on in lower case to more capitals is one longer name
    ("Công ty nào sở hữu xe khách?", "Xe khách thuộc Công ty TNHH Vận tải Hoàng Long.", "TNHH Vận tải Hoàng Long"),
    ("hai nguoi bi thuong dang dieu tri o benh vien nao", "Hai người bị thương đang được điều trị tại Bệnh viện Đa "
     "khoa Thủ Đức.", "Đa khoa Thủ Đức"),
    # ... but not through a word between two names ("của", "ở")
    ("Kyoto nằm trên hòn đảo nào?", "Kyoto nằm trên đảo Honshu của Nhật Bản.", "Honshu"),
    ("Ca ghép diễn ra ở bệnh viện nào?", "Ca ghép diễn ra ở Bệnh viện Groote Schuur ở Cape Town.", "Groote Schuur"),
    # ... nor one that ends in lower case
    ("Công ty nào sở hữu xe khách?", "Xe khách thuộc Công ty Vận tải của tỉnh.", None),
    # a road named by its number
    ("quoc lo nao bi sat lo", "Mưa lũ gây sạt lở trên quốc lộ 24 đoạn qua huyện Ba Tơ.", "quốc lộ 24"),
    ("Which highway was cut?", "Sạt lở chia cắt Quốc lộ 1A đoạn qua huyện Ba Tơ.", "Quốc lộ 1A"),
    ("lo dat nao chenh lech it nhat", "Lô có mức chênh thấp nhất là lô số 16, trúng ở giá 27,1 triệu đồng mỗi m2.",
     "lô số 16"),
    ("Which plot sold highest?", "Giá cao nhất thuộc về lô số 07.", "lô số 07"),
    # none of the kind named, or only a number after the noun
    ("Quận nào có nhiều ca nhất?", "Thành phố ghi nhận 40 ca mắc sởi.", None),
    ("Cầu nào dài nhất?", "Trên tuyến có 14 cầu, dài nhất là 620 m.", None),
])
def test_the_name_of_the_kind(question: str, sentence: str, name: str | None) -> None:
    span = kind_span(question, sentence)
    assert (sentence[span[0]:span[1]] if span else None) == name


@pytest.mark.parametrize(("question", "asks"), [
    ("Huyện Cẩm Xuyên thuộc tỉnh nào?", True), ("Which province is Cẩm Xuyên district in?", True),
    ("Nước nào nhập khẩu gạo Việt Nam nhiều nhất?", True), ("Which country buys the most rice?", True),
    ("Quận nào có nhiều ca nhất?", False), ("Lãnh đạo tỉnh phát biểu gì?", False),
])
def test_a_province_or_a_country_asked(question: str, asks: bool) -> None:
    """The kinds whose every name is known, so that a sentence naming one ranks higher (`search.PLACE_BONUS`)."""
    assert asks_place(question) is asks


def test_the_answer_bolds_the_name() -> None:
    sentence = "Nhà máy được xây dựng trên diện tích 38 ha tại Khu công nghiệp Yên Bình, chuyên sản xuất camera."
    span = bold_span("Nhà máy của Seowon Tech được xây ở khu công nghiệp nào?", sentence)
    assert span is not None and sentence[span[0]:span[1]] == "Yên Bình"
