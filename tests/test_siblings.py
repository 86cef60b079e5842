"""Things of one kind told apart by their names (retrieval.siblings)."""
from __future__ import annotations

import pytest

from retrieval.measures import mismatch
from retrieval.siblings import article_named, other_named
from retrieval.types import Mismatch

COMMUNES = "Theo UBND huyện, xã Tam Thanh thiếu nước nặng nhất với 1.150 hộ, tiếp đến là xã Ngũ Phụng với 960 hộ."


@pytest.mark.parametrize(("question", "sentence", "found"), [
    ("Xã Long Hải có bao nhiêu hộ thiếu nước?", COMMUNES, ("Xã Long Hải", ("xã Tam Thanh", "xã Ngũ Phụng"))),
    # an English question writes the kind after the name, without accents
    ("How many households in Long Hai commune are short of water?", COMMUNES,
     ("Long Hai commune", ("xã Tam Thanh", "xã Ngũ Phụng"))),
    ("Cảng Sa Huỳnh có bao nhiêu tàu cá?", "Cảng Tam Quan có 300 tàu cá neo đậu.",
     ("Cảng Sa Huỳnh", ("Cảng Tam Quan",))),
    # the asked one mentioned anywhere, in any way: it may be told of
    ("Xã Long Hải có bao nhiêu hộ thiếu nước?",
     "Hồ chứa tại xã Long Hải có dung tích 350.000 m3, còn xã Tam Thanh thiếu nước nhất.", None),
    ("Xa Long Hai co bao nhieu ho thieu nuoc?", "Riêng Long Hải có 300 hộ, xã Tam Thanh 1.150 hộ.", None),
    # both asked
    ("Xã Long Hải và xã Tam Thanh có bao nhiêu hộ thiếu nước?", "Xã Tam Thanh có 1.150 hộ thiếu nước.", None),
    # another kind, or a name the question gives in English words: not told apart here
    ("Huyện Phú Quý có bao nhiêu hộ thiếu nước?", COMMUNES, None),
    ("How much did the Vietnam Development Bank lend?", "Ngân hàng Agribank cho vay 200 tỷ đồng.", None),
    # typed in lower case, a name is not told from a word, but for a district's or a ward's two words
    ("xa long hai co bao nhieu ho thieu nuoc", COMMUNES, None),
    ("huyen hoai an thieu bao nhieu giao vien", "Hai huyện miền núi An Lão và Vĩnh Thạnh là nơi khó khăn nhất.",
     ("huyen hoai an", ("huyện miền núi An Lão",))),
    ("huyen an lao thieu bao nhieu giao vien", "Hai huyện miền núi An Lão và Vĩnh Thạnh là nơi khó khăn nhất.", None),
    ("huyen nao thieu nhieu giao vien nhat", "Hai huyện miền núi An Lão và Vĩnh Thạnh là nơi khó khăn nhất.", None),
    # a province, a resettlement area; a sort of district between the noun and its name
    ("Tỉnh Miyagi có bao nhiêu người Việt sinh sống?", "Tỉnh Iwate hiện có khoảng 4.300 người Việt sinh sống.",
     ("Tỉnh Miyagi", ("Tỉnh Iwate",))),
    ("Khu tái định cư Biển Hồ rộng bao nhiêu ha?", "Khu tái định cư Diên Phú rộng 9,5 ha với 180 lô đất.",
     ("Khu tái định cư Biển Hồ", ("Khu tái định cư Diên Phú",))),
    ("How many teachers is Hoai An district short of?", "Hai huyện miền núi An Lão và Vĩnh Thạnh là nơi khó khăn "
     "nhất, lần lượt thiếu 96 và 81 giáo viên.", ("Hoai An district", ("huyện miền núi An Lão",))),
    # "Which district", "Mekong Delta provinces" name none
    ("Which district has the lowest number of cases?", "Huyện Kbang hiện ghi nhận số ca thấp nhất, chỉ 17 ca.", None),
    ("How many Mekong Delta provinces use it?", "Nền tảng có mặt tại 13 tỉnh Đồng bằng sông Cửu Long.", None),
    # an English question's district is Vietnamese whatever its later syllables ("Prông")
    ("How many cases did Chu Prong district record?", "Tiếp theo là huyện Chư Păh với 236 ca.",
     ("Chu Prong district", ("huyện Chư Păh",))),
    # a name that begins with its kind, an islet's; a lower-case kind of island
    ("Giá tour xem rùa ở Hòn Cau là bao nhiêu?", "Tour xem rùa đẻ trứng tại Hòn Bảy Cạnh có giá 1,8 triệu đồng.",
     ("Hòn Cau", ("Hòn Bảy Cạnh",))),
    ("Đảo Phú Quý có bao nhiêu hộ dân?", "Đảo Lý Sơn có 6.000 hộ dân.", ("Đảo Phú Quý", ("Đảo Lý Sơn",))),
    # an institution's noun capitalised as its name's first word is still its kind, in either language
    ("How many heatstroke patients were admitted to Viet Duc Hospital?", "Tại Bệnh viện Bạch Mai, trong 3 ngày qua có "
     "23 bệnh nhân nhập viện vì say nắng.", ("Viet Duc Hospital", ("Bệnh viện Bạch Mai",))),
    ("How many heatstroke patients were admitted to Viet Duc Hospital?", "Tại Bệnh viện Hữu nghị Việt Đức, 12 bệnh "
     "nhân nhập viện vì say nắng.", None),
    # the sentence may name the asked one shorter
    ("Nhà ga T2 Cát Bi có bao nhiêu quầy làm thủ tục?", "Nhà ga T2 có 42 quầy làm thủ tục.", None),
    # the asked one mentioned, but every figure in a part naming another ("riêng xã Phù Lưu"): the figure is theirs;
    # typed without accents, its name read where the sentence writes it
    ("Xã Tân Thành có bao nhiêu ha cam?", "Xã Phù Lưu và xã Tân Thành là hai vùng trồng lớn nhất, riêng xã Phù Lưu có "
     "hơn 1.200 ha.", ("Xã Tân Thành", ("xã Phù Lưu",))),
    ("xa tan thanh co bao nhieu ha cam", "Xã Phù Lưu và xã Tân Thành là hai vùng trồng lớn nhất, riêng xã Phù Lưu có "
     "hơn 1.200 ha.", ("xa tan thanh", ("xã Phù Lưu",))),
    ("Xã Phù Lưu có bao nhiêu ha cam?", "Xã Phù Lưu và xã Tân Thành là hai vùng trồng lớn nhất, riêng xã Phù Lưu có "
     "hơn 1.200 ha.", None),
    ("Xã Tân Thành có bao nhiêu hộ?", "Xã Tân Thành có 500 hộ, riêng xã Phù Lưu có 300 hộ.", None),
    # a person after a body's province is no province
    ("Ai là Chủ tịch UBND tỉnh Nam Định?", "Chủ tịch UBND tỉnh Trần Văn Lộc phát biểu tại lễ khởi công.", None),
])
def test_a_named_thing_is_not_answered_by_another_of_its_kind(question, sentence, found) -> None:
    assert other_named(question, sentence) == found


SPREAD = ("Tính đến ngày 20/8, dịch tả lợn châu Phi đã xuất hiện tại 41 xã thuộc 8 huyện, thị xã của tỉnh Hà Tĩnh, "
          "buộc ngành chức năng tiêu hủy 3.640 con lợn.")


@pytest.mark.parametrize(("question", "sentence", "found"), [
    ("How many pigs were culled in Can Loc district?", SPREAD, ("Can Loc district", ("8 huyện, thị xã",))),
    ("Huyện Can Lộc tiêu hủy bao nhiêu con lợn?", SPREAD, ("Huyện Can Lộc", ("8 huyện, thị xã",))),
    ("Xã Sơn Kim có bao nhiêu giáo viên được tập huấn?", "Toàn tỉnh có 260 giáo viên được tập huấn.",
     ("Xã Sơn Kim", ("Toàn tỉnh",))),
    # the unit asked mentioned; the province asked; no figure asked; no whole told
    ("Huyện Can Lộc tiêu hủy bao nhiêu con lợn?", "Huyện Can Lộc và 7 huyện khác tiêu hủy 3.640 con lợn.", None),
    ("Hà Tĩnh tiêu hủy bao nhiêu con lợn?", SPREAD, None),
    ("Dịch có ở huyện Can Lộc không?", SPREAD, None),
    ("Huyện Can Lộc tiêu hủy bao nhiêu con lợn?", "Ngành chức năng đã tiêu hủy 3.640 con lợn.", None),
])
def test_a_unit_asked_is_not_answered_by_the_whole_province(question, sentence, found) -> None:
    assert other_named(question, sentence) == found


def test_the_mismatch_names_both_as_written() -> None:
    assert mismatch("Cảng Sa Huỳnh có bao nhiêu tàu cá?", "Cảng Tam Quan có 300 tàu cá neo đậu.") == \
        Mismatch("named", "Cảng Sa Huỳnh", ("Cảng Tam Quan",))


TB = ("Lọc lao ở Thái Bình", "Xe X-quang lưu động đã đến huyện Vũ Thư và huyện Tiền Hải.",
      "Vũ Thư ghi nhận ít nhất, 38 ca, một phần vì xe chỉ đến được 11 xã của huyện này.")


@pytest.mark.parametrize("question, found", [
    ("Huyện Tiền Hải phát hiện bao nhiêu ca lao?", ("Huyện Tiền Hải", ("Vũ Thư",))),
    ("How many TB cases did Tien Hai district find?", ("Tien Hai district", ("Vũ Thư",))),
    ("Huyện Vũ Thư phát hiện bao nhiêu ca lao?", None),  # the one asked
    ("Xã Tân Lập phát hiện bao nhiêu ca lao?", None),  # a commune: the article names no other
])
def test_a_name_the_article_writes_with_its_kind_is_of_that_kind_written_alone(question, found) -> None:
    """"Vũ Thư ghi nhận ... 38 ca" tells of the district the article calls "huyện Vũ Thư", not of Tiền Hải."""
    assert other_named(question, TB[2]) is None  # alone, "Vũ Thư" has no kind
    assert other_named(question, TB[2], article_named(TB)) == found
    assert (mismatch(question, TB[2], named=article_named(TB)) is None) is (found is None)


def test_only_a_unit_named_one_way_and_no_city_is_read_alone() -> None:
    """A river or a bridge often bears a city's name ("sông Cần Thơ"): written alone, "Cần Thơ" is the city. A name
    inside a longer one ("Hậu" in "Hậu Giang") is not that name."""
    texts = ("Miền Tây", "Phù sa của sông Hậu và sông Cần Thơ bồi đắp huyện Phong Điền.",
             "Vùng gồm 13 tỉnh, thành phố, trong đó Cần Thơ là đô thị lớn nhất, rồi đến Hậu Giang.")
    assert article_named(texts) == {("huyen", "phong dien"): "Phong Điền"}
    assert other_named("Sông Cửu Long chảy qua bao nhiêu tỉnh?", texts[2], article_named(texts)) is None
    assert other_named("Huyện Thới Lai có bao nhiêu tỉnh?", "Phong Điền có 5 xã.", article_named(texts)) == (
        "Huyện Thới Lai", ("Phong Điền",))


def test_units_listed_after_one_noun_are_each_of_its_kind() -> None:
    texts = ("Lọc lao", "Xe X-quang đã đến các huyện Tiền Hải, Quỳnh Phụ và Vũ Thư.", "Hai xã miền núi An Lão và Ba "
             "Vì có 20 ca.")
    assert article_named(texts) == {("huyen", "tien hai"): "Tiền Hải", ("huyen", "quynh phu"): "Quỳnh Phụ",
                                    ("huyen", "vu thu"): "Vũ Thư", ("xa", "an lao"): "An Lão", ("xa", "ba vi"): "Ba Vì"}
    assert other_named("Huyện Tiền Hải phát hiện bao nhiêu ca lao?", "Vũ Thư ghi nhận ít nhất, 38 ca.",
                       article_named(texts)) == ("Huyện Tiền Hải", ("Vũ Thư",))
