"""Which provinces and countries a question asks about, and when a sentence tells only of others
(`retrieval.places`, read by `retrieval.measures.mismatch`)."""
from __future__ import annotations

import pytest

from retrieval.measures import mismatch
from retrieval.places import asked_places, one_of_together, other_place
from retrieval.types import Mismatch


def names(question: str) -> tuple[list[str], list[str]]:
    provinces, countries = asked_places(question)
    return [p.name for p in provinces], [p.name for p in countries]


@pytest.mark.parametrize("question, provinces, countries", [
    ("Hà Nội năm nay có bao nhiêu ca sốt xuất huyết?", ["Hà Nội"], []),
    ("ha noi nam nay co bao nhieu ca sot xuat huyet", ["Hà Nội"], []),  # typed without accents
    ("chi so aqi o tphcm sang 8/1 la bao nhieu", ["TP.HCM"], []),  # an acronym, lower-cased
    ("How many dengue cases did Ho Chi Minh City record?", ["TP.HCM"], []),
    ("How much did Dak Lak province earn from durian?", ["Đắk Lắk"], []),
    ("Giá gạo Thái Lan 5% tấm hiện nay bao nhiêu?", [], ["Thái Lan"]),
    ("Việt Nam xuất khẩu bao nhiêu gạo?", [], []),  # Vietnam: what the news is about when it says nothing
    ("How many candidates sat the exam nationwide?", ["cả nước"], []),
    # words, not places: peace, the Pacific, the White House typed without accents, a person, the dollar
    ("hoa binh duoc ky ket nam nao", [], []),
    ("Tàu qua Thái Bình Dương mất bao lâu?", [], []),
    ("nha trang noi gi ve thue quan", [], []),
    ("Anh Đức bao nhiêu tuổi?", [], []),
    # countries beyond Vietnam's neighbours and partners; a word that spells one is none ("ai len": who rose)
    ("GDP của Hungary tăng bao nhiêu?", [], ["Hungary"]), ("How many tourists came from Austria?", [], ["Áo"]),
    ("ai len tieng ve vu viec", [], []), ("Áo dài có giá bao nhiêu?", [], []),
    ("How much has the dong lost against the US dollar?", [], []),
])
def test_the_places_a_question_names(question: str, provinces: list[str], countries: list[str]) -> None:
    assert names(question) == (provinces, countries)


@pytest.mark.parametrize("question, sentence, asked, told", [
    ("ha noi nam nay co bao nhieu ca sot xuat huyet", "TP.HCM đã ghi nhận tổng cộng 12.946 ca mắc sốt xuất huyết.",
     "Hà Nội", ("TP.HCM",)),
    ("Giá gạo Thái Lan 5% tấm hiện nay bao nhiêu?", "Giá gạo 5% tấm của Việt Nam hiện ở mức 640 USD mỗi tấn.",
     "Thái Lan", ("Việt Nam",)),
    ("How much did Dak Lak earn from durian exports?", "Xuất khẩu sầu riêng cả nước đạt 1,86 tỷ USD.",
     "Đắk Lắk", ("cả nước",)),
    ("How many candidates sat the exam nationwide?", "Hà Tĩnh có 16.334 thí sinh dự thi.", "cả nước", ("Hà Tĩnh",)),
    # "trường hợp" (cases) is no "trưởng" (a head) the place is said of
    ("How many workers absconded in Japan in 2023?", "Năm 2023, tỉnh ghi nhận 214 trường hợp lao động tại Hàn Quốc bỏ "
     "hợp đồng.", "Nhật Bản", ("Hàn Quốc",)),
    # the labour department ("Sở Lao động") names no Laos: the country told is the one the sentence names
    ("How many Nghe An workers went to Germany?", "Theo Sở Lao động - Thương binh và Xã hội, 860 người làm việc tại "
     "Nhật Bản.", "Đức", ("Nhật Bản",)),
    # abroad as a whole is no one country abroad
    ("How many Nghe An workers went to Germany?", "Theo Sở Lao động - Thương binh và Xã hội, 7 tháng đầu năm, toàn "
     "tỉnh có 11.860 người đi làm việc ở nước ngoài.", "Đức", ("nước ngoài",)),
])
def test_a_sentence_naming_only_other_places_answers_no_question_about_one(
        question: str, sentence: str, asked: str, told: tuple[str, ...]) -> None:
    assert mismatch(question, sentence) == Mismatch("location", asked, told)


@pytest.mark.parametrize("question, sentence", [
    # the asked place written in any way, or a city of the province asked
    ("Hà Nội có bao nhiêu ca?", "Thành phố Hà Nội ghi nhận 12 ca, TP.HCM 30 ca."),
    ("TP.HCM có bao nhiêu ca sốt xuất huyết?", "Tại TPHCM, số ca mắc là 874, cao hơn Bình Dương."),
    ("Khánh Hòa đón bao nhiêu khách?", "Nha Trang đón 2 triệu khách, nhiều hơn Đà Lạt."),
    ("Xe khách từ Hà Nội đi Lào Cai chở bao nhiêu người?", "Xe chạy tuyến Lào Cai chở 40 người."),
    # a country abroad told of in a sentence on work abroad; abroad asked, and one country told
    ("Bao nhiêu lao động sang Đức?", "Có 11.860 người đi làm việc ở nước ngoài, trong đó 300 người sang Đức."),
    ("Nghệ An có bao nhiêu người đi làm việc ở nước ngoài?", "Nhật Bản là thị trường lớn nhất với 6.420 lao động."),
    # another place named only to place something by it, or as where something goes
    ("Sân bay Long Thành ở Đồng Nai có công suất bao nhiêu?", "Sân bay Long Thành, cách TP.HCM 40 km, có công suất "
     "25 triệu khách mỗi năm."),
    ("Quảng Ngãi có bao nhiêu bệnh nhân phải chuyển viện mỗi năm?", "Mỗi năm có 1.500 bệnh nhân phải chuyển ra Đà "
     "Nẵng."),
    # another place compared with, or in a speaker's post
    ("Giá bán gạo sang Philippines là bao nhiêu một tấn?", "Giá bán bình quân ở mức 620 USD mỗi tấn, cao hơn khoảng "
     "25 USD so với giá chào bán gạo cùng loại của Thái Lan."),
    ("How long does the trip to Cao Lanh in Dong Thap take now?", "Ông Tài, Chủ tịch UBND tỉnh An Giang, cho biết "
     "thời gian đi giảm còn 50 phút."),
    # no other place named: the asked one is the article's setting
    ("Hà Tĩnh có bao nhiêu thí sinh đỗ tốt nghiệp?", "Toàn tỉnh có 16.238 thí sinh đỗ."),
    # the whole country ranking a province, or compared with it, is no other place
    ("Tỷ lệ đỗ tốt nghiệp của Hà Tĩnh là bao nhiêu?", "Tỷ lệ đỗ đạt 99,41%, đứng thứ 5 cả nước."),
    ("Tỷ lệ đỗ tốt nghiệp của Hà Tĩnh là bao nhiêu?", "Tỷ lệ đỗ đạt 99,41%, cao hơn mức 98% của cả nước."),
    ("Tây Ninh giải ngân được bao nhiêu?", "Tỉnh mới giải ngân 1.318 tỷ đồng, thấp hơn mức bình quân cả nước."),
    # a place the question names besides the one asked about (Vietnam), and the dollar
    ("Ai dẫn đoàn Việt Nam dự thượng đỉnh ở Kenya năm nào?", "Đoàn Việt Nam đến vào năm 2024."),
    ("How much has the dong lost against the US dollar?", "Đồng Việt Nam mất giá 3,9% so với USD."),
    # who or which: the answer may itself be the other place
    ("Ai đã chiếm đóng Singapore trong chiến tranh?", "Nơi này bị Nhật Bản chiếm đóng từ năm 1942 đến năm 1945."),
    # a match: clubs bear their province's name
    ("Hà Nội FC thua mấy bàn?", "Nam Định thắng 3-1 trên sân nhà."),
])
def test_a_sentence_that_may_tell_of_the_place_asked_is_not_refused(question: str, sentence: str) -> None:
    assert other_place(question, sentence) is None


def test_an_article_on_the_asked_place_tells_of_it_though_a_sentence_names_another() -> None:
    """Its title mentions the asked place: the other place a sentence names is incidental there; but the whole
    country's figure in an article on one province is still not the province's."""
    question = "How much prize money did the winner of the young chef contest at the Hue food festival receive?"
    sentence = "Anh nhận phần thưởng 30 triệu đồng cùng học bổng ba tháng tại một khách sạn 5 sao ở Đà Nẵng."
    assert other_place(question, sentence) == ("Huế", ("Đà Nẵng",))
    assert other_place(question, sentence, "Festival ẩm thực Huế khép lại") is None
    durian = ("How much did Dak Lak earn from durian exports?", "Xuất khẩu sầu riêng cả nước đạt 1,86 tỷ USD.")
    assert other_place(*durian, "Sầu riêng Đắk Lắk vào chính vụ") == ("Đắk Lắk", ("cả nước",))
    # a title naming both compares them: the sentence naming one tells of that one
    supply = ("How many new apartments were launched in Ho Chi Minh City?", "Nguồn cung mới tại Hà Nội trong quý II "
              "đạt khoảng 9.800 căn.")
    assert other_place(*supply, "Giá chung cư Hà Nội tăng 28%, vượt mặt TP HCM") == ("TP.HCM", ("Hà Nội",))
    assert other_place(*supply, "Giá chung cư TP HCM tăng 10%") is None


def test_a_sentence_naming_the_asked_place_mends_a_location_mismatch() -> None:
    from retrieval.measures import tells_asked

    question = "What is the average price of new apartments in HCMC?"
    found = mismatch(question, "Giá căn hộ tại Hà Nội đạt 72 triệu đồng mỗi m2.")
    assert tells_asked(question, found, "Trong khi đó, giá sơ cấp tại TP HCM ở mức 68 triệu đồng mỗi m2.")
    # the place told otherwise must be named, not only the province the question is about
    question = "How many Nghe An workers went to Germany?"
    found = mismatch(question, "Nhật Bản là thị trường lớn nhất với 6.420 lao động, tiếp đến là Hàn Quốc.")
    assert found == Mismatch("location", "Đức", ("Nhật Bản", "Hàn Quốc"))
    assert not tells_asked(question, found, "Trung tâm Dịch vụ việc làm Nghệ An tổ chức 46 phiên tư vấn.")
    # nor a sentence naming the asked place without a figure to give ("tiếp đến là Đài Loan")
    question = "How many Vietnamese workers went to Taiwan in 2025?"
    found = mismatch(question, "Năm 2025, Việt Nam đưa 38.200 lao động sang Nhật Bản.")
    assert found is not None and found.kind == "location"
    assert not tells_asked(question, found, "Nhật Bản là thị trường lớn nhất, tiếp đến là Đài Loan và Hàn Quốc.")


@pytest.mark.parametrize(("question", "sentence", "found"), [
    ("cong ty xuat bao nhieu tan nhan sang nhat ban", "Cả vụ, công ty đặt kế hoạch xuất khoảng 120 tấn sang Mỹ, "
     "Australia và Nhật Bản.", ("Nhật Bản", ("Mỹ", "Úc", "Nhật Bản"))),
    ("Lực bán được bao nhiêu tấn phân giả ở Bình Phước?", "Cơ sở đã tiêu thụ 1.420 tấn tại Tây Ninh, Long An và Bình "
     "Phước.", ("Bình Phước", ("Tây Ninh", "Long An", "Bình Phước"))),
    # all of the list asked; the asked one told apart too; each given its own; no quantity asked
    ("Công ty xuất bao nhiêu tấn sang Mỹ, Australia và Nhật Bản?", "Công ty xuất 120 tấn sang Mỹ, Australia và Nhật "
     "Bản.", None),
    ("Xuất khẩu sang Mỹ bao nhiêu?", "Xuất khẩu sang Mỹ, Nhật Bản và Hàn Quốc tăng mạnh, riêng Mỹ đạt 2 tỷ USD.", None),
    ("Xuất khẩu sang Mỹ bao nhiêu?", "Mỹ và Nhật Bản lần lượt nhập 2 và 1 tỷ USD.", None),
    ("Công ty xuất nhãn sang nước nào?", "Công ty xuất 120 tấn sang Mỹ, Australia và Nhật Bản.", None),
    # (the whole country, named in lower case, is no place of the list)
    ("Bắc Ninh có bao nhiêu nhà máy?", "Cả nước có 420 nhà máy, nhiều nhất ở Bắc Ninh và Bắc Giang.",
     ("Bắc Ninh", ("Bắc Ninh", "Bắc Giang"))),
])
def test_a_place_asked_of_is_not_answered_by_a_figure_for_a_list_it_is_one_of(question, sentence, found) -> None:
    assert one_of_together(question, sentence) == found
