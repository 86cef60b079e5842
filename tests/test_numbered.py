"""Things told apart by a number in their name (retrieval.numbered)."""
from __future__ import annotations

import pytest

from retrieval.measures import mismatch
from retrieval.numbered import other_numbered
from retrieval.types import Mismatch


@pytest.mark.parametrize(("question", "sentence", "found"), [
    # a batch in words or digits: "đợt đầu" is the first, not the second; "đốt một" (burning one) is no batch
    ("Đợt thứ hai đưa trẻ đi mổ tim khởi hành ngày nào?", "Theo kế hoạch, đợt đầu gồm 9 trẻ dự kiến lên đường ngày "
     "4/11.", ("Đợt thứ hai", ("đợt đầu",))),
    ("When does the second batch leave?", "Đợt 1 gồm 9 trẻ.", ("second batch", ("Đợt 1",))),
    ("Đợt đầu có bao nhiêu trẻ?", "Theo kế hoạch, đợt đầu tiên gồm 9 trẻ.", None),
    ("Đợt hai có bao nhiêu trẻ?", "Cháy do đốt một đống rác.", None),
    ("Quốc lộ 2 qua Bắc Mê bị ách tắc bao nhiêu giờ?", "Quốc lộ 34 bị ách tắc 30 giờ do sạt lở.",
     ("Quốc lộ 2", ("Quốc lộ 34",))),  # a national highway by its number
    # a name and its number joined by a hyphen
    ("MicroDragon-3 được phóng khi nào?", "Vệ tinh MicroDragon-2 được phóng lên quỹ đạo sáng nay.",
     ("MicroDragon-3", ("MicroDragon-2",))),
    # a round in words; the runoff is the second
    ("ty le cu tri di bau vong mot la bao nhieu", "Tỷ lệ cử tri đi bầu ở vòng hai đạt 81,3%.",
     ("vong mot", ("vòng hai",))),
    ("What share did Salazar win in the runoff?", "Ở vòng một, Salazar giành 19,5% số phiếu.",
     ("runoff", ("vòng một",))),
    ("What share did Salazar win in the runoff?", "Ở vòng hai, Salazar giành 52,4% số phiếu.", None),
    # an English question's round is a "vòng"
    ("When is round 13 of the league played?", "Vòng 12 diễn ra ngày 27/9.", ("round 13", ("Vòng 12",))),
    # an ordinal, named by the word before "thứ"; "thu" with a unit after it is "collect"
    ("vu sat lo thu 13 xay ra o dau", "Đây là vụ sạt lở thứ 14 tại An Giang.", ("lo thu 13", ("lở thứ 14",))),
    ("Đội nào xếp thứ 5?", "Đây là vụ sạt lở thứ 14 tại An Giang.", None),
    ("Tỉnh thu 13 tỷ đồng từ đâu?", "Tỉnh thu 14 tỷ đồng từ đấu giá đất.", None),
    ("Bệnh viện Nhi đồng 2 đã kê thêm bao nhiêu giường?", "Bệnh viện Nhi đồng 1 kê thêm 40 giường.",
     ("Nhi đồng 2", ("Nhi đồng 1",))),
    ("Bao giờ nhà ga T2 được đưa vào khai thác?", "Nhà ga T1 được đưa vào sử dụng từ tháng 5/2016.",
     ("T2", ("T1",))),
    # typed in lower case, with no capitals to read a name by: the sentence's numbered names are looked for
    ("benh vien nhi dong 2 ke them bao nhieu giuong", "Bệnh viện Nhi đồng 1 kê thêm 40 giường.",
     ("nhi dong 2", ("Nhi đồng 1",))),
    ("bao gio nha ga t2 duoc dua vao khai thac", "Nhà ga T1 được đưa vào sử dụng từ tháng 5/2016.", ("t2", ("T1",))),
    ("benh vien nhi dong 1 ke them bao nhieu giuong", "Bệnh viện Nhi đồng 1 kê thêm 40 giường.", None),
    ("nhi dong 2 co bao nhieu giuong", "Nhi đồng 1 và 2 có 900 giường.", None),
    ("Giá vé tuyến metro số 2 là bao nhiêu?", "Tuyến metro số 1 có giá vé 7.000 đồng.",
     ("metro số 2", ("metro số 1",))),
    ("Quận 3 có bao nhiêu ca sốt xuất huyết?", "Quận 1 ghi nhận 200 ca.", ("Quận 3", ("Quận 1",))),
    # a grade's letter; the standings after 11 rounds are those after round 11
    ("Giá sầu riêng Ri6 loại B tại vườn là bao nhiêu?", "Giá sầu riêng Ri6 loại A tại vườn dao động 78.000-85.000 "
     "đồng/kg.", ("loại B", ("loại A",))),
    ("sau vong 12 kien giang sao bien dung thu may", "Sau 11 vòng, Kiên Giang Sao Biển giành 9 điểm, đứng thứ 13.",
     ("sau vong 12", ("Sau 11 vòng",))),
    ("Sau vòng 11, Kiên Giang đứng thứ mấy?", "Sau 11 vòng, Kiên Giang Sao Biển giành 9 điểm, đứng thứ 13.", None),
    ("Giá sầu riêng loại A là bao nhiêu?", "Sầu riêng loại A giá 80.000 đồng/kg, loại B 60.000 đồng/kg.", None),
    ("Cam sành loại 3 được mua với giá bao nhiêu?", "Cam loại 1 được thương lái mua giá 18.000-22.000 đồng mỗi kg.",
     ("loại 3", ("loại 1",))),  # a grade by its digit
    ("What was the minimum wage in region 2?", "Lương tối thiểu tháng ở vùng I tăng từ 4,96 triệu đồng lên 5,31 triệu "
     "đồng.", ("region 2", ("vùng I",))),  # a wage region, by its Roman numeral
    ("Lương tối thiểu vùng 1 là bao nhiêu?", "Lương tối thiểu tháng ở vùng I tăng lên 5,31 triệu đồng.", None),
    ("What is the new minimum wage for Region IV?", "Các vùng II, III và IV lần lượt có mức mới là 4,73 triệu, 4,14 "
     "triệu và 3,70 triệu đồng.", None),  # each of a list of grades after their noun
    # a grade's Roman numeral ("group I" is "nhóm I"), a star rating in digits or words
    ("How many cubic metres of group I timber were cut down?", "Nhóm này đốn hạ 186 m3 gỗ, trong đó có 41 m3 gỗ nhóm "
     "II.", ("group I", ("nhóm II",))),
    ("Gỗ nhóm II bị đốn hạ bao nhiêu m3?", "Nhóm này đốn hạ 186 m3 gỗ, trong đó có 41 m3 gỗ nhóm II.", None),
    ("Giá phòng khách sạn bốn sao là bao nhiêu?", "Giá phòng khách sạn ba sao tăng lên 1,2 triệu đồng mỗi đêm.",
     ("bốn sao", ("ba sao",))),
    ("gia phong khach san 3 sao bao nhieu", "Giá phòng khách sạn ba sao tăng lên 1,2 triệu đồng mỗi đêm.", None),
    ("When did the cakes reach OCOP 4 stars?", "Bánh đạt chuẩn OCOP 4 sao từ năm 2022.", None),
    ("Vì sao ba cầu thủ bị treo giò?", "Hai cầu thủ bị treo giò vì thẻ đỏ.", None),  # "sao" of "vì sao": why
    # a comma right after the number ends it, as a space does
    ("Ở vòng 19, Nam Định gặp đội nào?", "Ở vòng 18, Nam Định làm khách trên sân Lạch Tray.",
     ("Ở vòng 19", ("Ở vòng 18",))),
    # after a word that numbers things, "năm" is a date, or a name typed without accents: not a figure's unit
    ("o vong 19 nam dinh gap doi nao?", "Ở vòng 18, Nam Định làm khách trên sân Lạch Tray.",
     ("o vong 19", ("Ở vòng 18",))),
    ("Thi lớp 10 năm 2025 có bao nhiêu thí sinh?", "Kỳ thi lớp 12 năm nay có 1.000 thí sinh.",
     ("Thi lớp 10", ("thi lớp 12",))),
    # the asked one named too, or its number written anywhere: it may be told of
    ("Giá vé tuyến metro số 2 là bao nhiêu?", "Tuyến metro số 1 và số 2 có giá vé 7.000 đồng.", None),
    ("Nhi đồng 2 có bao nhiêu giường?", "Nhi đồng 1 và 2 có 900 giường.", None),
    # both asked: "T2" is when, "T1" what is asked of
    ("Sau khi có nhà ga T2, nhà ga T1 sẽ khai thác loại chuyến bay nào?", "Nhà ga T1 phục vụ bay nội địa.", None),
    # a figure with its unit, a count after a capital that only starts the question, are no numbered names
    ("Bão số 3 làm bao nhiêu người chết?", "Bão làm 12 người chết.", None),
    ("Đội thắng 3 trận được bao nhiêu điểm?", "Đội thắng 2 trận, được 6 điểm.", None),
    # an electricity price's tier
    ("Giá điện bậc 1 sau điều chỉnh là bao nhiêu?", "Giá bậc 6 được điều chỉnh từ 3.460 đồng lên 3.654 đồng mỗi kWh.",
     ("điện bậc 1", ("Giá bậc 6",))),
    ("Miền Bắc có bao nhiêu tỉnh?", "Miền Bắc 2 ngày tới mưa lớn.", None),  # the North, no tier
    # a phase and an edition by number or number word, in either language
    ("Giai đoạn hai của nhà máy dự kiến vận hành khi nào?", "Dự án chia làm hai giai đoạn, trong đó giai đoạn một có "
     "vốn 410 triệu USD và dự kiến vận hành từ quý IV/2026.", ("Giai đoạn hai", ("giai đoạn một",))),
    ("When will the fifth UN Ocean Conference be held?", "Hội nghị Liên Hợp Quốc về Đại dương lần thứ tư đã khai mạc "
     "tại Busan.", ("fifth UN Ocean Conference", ("lần thứ tư",))),
    ("hoi nghi dai duong lan thu 3 to chuc o dau", "Hội nghị về Đại dương lần thứ tư khai mạc tại Busan.",
     ("lan thu 3", ("lần thứ tư",))),
    ("How many visitors did the 5th Huế Food Festival attract?", "Lễ hội Ẩm thực Huế lần thứ 5 đã khép lại với "
     "khoảng 85.000 lượt khách.", None),
    ("What will phase 2 add?", "Giai đoạn 2 nâng công suất thêm 150.000 m3.", None),
    ("Vốn giai đoạn năm 2025 là bao nhiêu?", "Giai đoạn một có vốn 410 triệu USD.", None),  # "năm" is a year here
])
def test_a_numbered_name_is_not_answered_by_another_of_its_name(question, sentence, found) -> None:
    assert other_numbered(question, sentence) == found


def test_the_mismatch_names_both_as_written() -> None:
    assert mismatch("Bệnh viện Nhi đồng 2 có bao nhiêu giường?", "Bệnh viện Nhi đồng 1 có 1.400 giường.") == \
        Mismatch("numbered", "Nhi đồng 2", ("Nhi đồng 1",))
