"""What a quantity question measures, and when a sentence's figures contradict it (retrieval.measures)."""
from __future__ import annotations

import pytest

from retrieval.measures import asked_measure, contradicts, mismatch, offered_measures
from retrieval.types import Mismatch

ON_THE_DISTRICT = ("Phát biểu chỉ đạo hội nghị, Trưởng ban Dân vận Tỉnh ủy ghi nhận những kết quả mà huyện Cẩm "
                   "Xuyên đã đạt được trong 6 tháng đầu năm.")
PRODUCTION = ("Trên lĩnh vực kinh tế, tổng giá trị sản xuất đạt 4.995 tỷ đồng (tăng 12,6% so với cùng kỳ năm 2022 "
              "và đạt 52,9% so với kế hoạch năm 2023).")


@pytest.mark.parametrize(("question", "measure"), [
    ("Dân số huyện Cẩm Xuyên là bao nhiêu người?", "count"),
    ("dan so huyen cam xuyen la bao nhieu nguoi", "count"),  # typed without accents
    ("Bệnh dịch xảy ra ở Venice mấy lần?", "count"),
    ("How many households escaped poverty?", "count"),
    ("Tỷ lệ hộ nghèo của huyện là bao nhiêu?", "share"),
    ("What percentage of the plan was reached?", "share"),
    ("Nhà máy rộng bao nhiêu ha?", "area"),  # "nhà máy" is no "mấy": the counted noun is "ha"
    ("How many years did the war last?", "time"),
    ("Dự án kéo dài bao lâu?", "time"),
    ("Ông bao nhiêu tuổi?", "age"),
    ("Vệ tinh nặng bao nhiêu?", "mass"),
    ("Kính Hubble nặng khoảng bao nhiêu?", "mass"),
    ("Huyện Cái Bè ghi nhận bao nhiêu ca sốt xuất huyết?", "count"), ("Có bao nhiêu cá chết?", None),  # cases, fish
    ("Tổng lượng mưa năm 2023 là bao nhiêu mm?", "length"),
    ("Nhà trưng bày rộng bao nhiêu mét vuông?", "area"), ("bao nhieu m3 nuoc", "volume"),  # not a length
    ("Hồ Ea Súp Thượng có dung tích thiết kế bao nhiêu?", "volume"), ("Dung tích hồ còn bao nhiêu phần trăm?", "share"),
    ("How much does the satellite weigh?", "mass"),
    ("Giá vé vào Đại Nội là bao nhiêu?", "money"),  # a price
    ("Điểm thi đánh giá năng lực tối thiểu là bao nhiêu?", None),  # an assessment, not a price
    ("Mức thuế chống bán phá giá là bao nhiêu?", None),  # dumping
    # typed without accents: a price only where "gia" can be nothing else
    ("gia thue can ho o ha noi bao nhieu mot thang", "money"), ("gia dinh anh co bao nhieu nguoi", "count"),
    ("gia lai co bao nhieu huyen", "count"), ("gia dien tang bao nhieu", None),
    ("How much did the centre cost to build?", "money"),
    ("What is the price of the AW-20 drone?", "money"), ("What was the price?", "money"),
    ("What was the price of gold after it rose?", None),  # a change
    # a sum of money an English question names; not its change nor a rate
    ("How much compensation has the factory paid?", "money"), ("What was Vinh Thinh's revenue in 2024?", "money"),
    ("What revenue did Nông Trí report for 2024?", "money"),
    ("What was the revenue growth?", None), ("What was the staff turnover rate?", None),
    ("How much is the entrance ticket to Ban Gioc?", "money"), ("How much did the city spend?", "money"),
    ("How much have room rents gone up?", None),  # a change
    ("What was DHBank's after-tax profit for the third quarter?", "money"),
    ("Dân số tỉnh Đồng Nai là bao nhiêu?", "population"),  # a count of people, or a share of one
    # a sum a Vietnamese question names, typed with or without accents; not its change; "lượng" is no "lương"
    ("Thu nhập bình quân đầu người là bao nhiêu?", "money"), ("loi nhuan quy 3 dat bao nhieu", "money"),
    ("Lương cơ bản của chị khoảng bao nhiêu?", "money"), ("Lợi nhuận tăng bao nhiêu?", None),
    ("Bà Lương Thị Mỹ Hạnh lĩnh án bao nhiêu năm tù?", "time"),  # "Lương" the family name, not a salary
    ("san luong dat bao nhieu", None), ("Thưởng Tết bao nhiêu?", None),  # months of salary, often
    ("Bệnh viện có bao nhiêu giường bệnh?", "count"),
    ("Làng có bao nhiêu nghệ nhân ưu tú?", "count"), ("co bao nhieu chien si", "count"),  # people counted
    # support in money, not in another unit ("30 kWh"); an area in hectares
    ("Tiền hỗ trợ mỗi hộ là bao nhiêu?", "money"), ("How much support does each family get?", None),
    ("Tỉnh hỗ trợ bao nhiêu hộ?", "count"), ("Lũ làm bao nhiêu hecta rừng bị thiệt hại?", "area"),
    # the unit after "bao nhiêu" over a sum named before it; a vehicle's load; no noun after "bao nhiêu"
    ("Doanh nghiệp được miễn tiền thuê đất trong bao nhiêu năm?", "time"),
    ("Xe có trọng tải bao nhiêu thì được phép đi qua?", "mass"),
    # an interest rate is a share
    ("Ngân hàng cho vay lãi suất bao nhiêu?", "share"), ("What interest rate does the bank charge?", "share"),
    ("Hồ sơ bồi thường được lập khống cho bao nhiêu hộ dân?", "count"),  # a sum named, but households counted
    ("Tuyến du lịch dài bao nhiêu cây số?", "length"),
    ("Lễ hội kéo dài bao nhiêu ngày?", "time"),
    ("kiwi edu huy dong duoc bao nhieu o vong hat giong", None), ("bao nhieu o to bi chay", "count"),  # "ở"
    # a unit's noun as written: "dòng thuế" (tariff lines) is no "đồng", "giấy phép" (permits) no "giây"
    ("ACAFTA xóa bao nhiêu dòng thuế?", None), ("acafta xoa bao nhieu dong thue", None),
    ("Tỉnh cấp bao nhiêu giấy phép?", None), ("Mỗi vé bao nhiêu đồng?", "money"), ("Cần bao nhiêu giây?", "time"),
    ("xe khach chay bao nhieu km/h", "speed"), ("Tàu chạy bao nhiêu km/giờ?", "speed"),  # not its "km"
    ("xe khach chay toc do bao nhieu ngay truoc khi dam vao container", "speed"),  # not "ngày" (the day before)
    ("Giá xăng tăng bao nhiêu?", None),  # a change, which a share may answer
    ("Giá trị xuất khẩu đạt bao nhiêu?", None),  # a value, which a share of something may be
    ("How many workers does the factory employ?", "count"),  # "lao động" counts people, its "động" no money
    ("Tiêu đen chiếm tỷ trọng bao nhiêu trong lượng tiêu xuất khẩu?", None),  # "trong lượng" is no weight
    ("What was the white population of Jacksonville?", "population"),  # which a share may answer
    # English "how many" counts whatever noun follows, unless it is a unit or a share is asked
    ("How many e-visa applications were turned down in August?", "count"),
    ("How many main lobes does the liver have?", "count"),
    ("How many weeks did the festival last?", None), ("How many square metres is the site?", None),
    ("How many of the residents are white?", None),
    # The wording does not say what is measured: nothing can contradict it.
    ("Thu ngân sách đạt bao nhiêu?", None),
    ("Tổng giá trị sản xuất tăng bao nhiêu so với cùng kỳ?", None),  # "so" is no noun
    ("Xả bao nhiêu nước mỗi ngày?", None),  # "nước": water, or a country
    ("How long is the Panama Canal?", None),  # a length as often as a duration
    ("Ai là Bí thư Huyện ủy?", None),  # no quantity asked
])
def test_the_measure_a_question_asks_for(question: str, measure: str | None) -> None:
    assert asked_measure(question) == measure


def test_each_figure_is_read_with_its_unit_and_numbers_inside_dates_are_no_figures() -> None:
    assert offered_measures("Thu ngân sách đạt bao nhiêu?", PRODUCTION) == ["money", "share", "year", "share", "year"]
    # "Tháng 12 năm 1993" holds no duration "12 năm"; its year is a year.
    assert offered_measures("Họ đi bộ ngoài không gian mấy lần?",
                            "Tháng 12 năm 1993, phi hành đoàn đã đi bộ ngoài không gian.") == ["year"]
    assert offered_measures("Có bao nhiêu người?", "Có 300 người tham dự trong 2 ngày.") == ["counted", "time"]
    assert offered_measures("Ông bao nhiêu tuổi?", "Ông thắng 300 trận, thua 12.") == ["counted", None]
    # A figure the question gives is not offered as its answer.
    assert offered_measures("Trong 6 tháng, bao nhiêu người?", ON_THE_DISTRICT) == []


@pytest.mark.parametrize(("question", "sentence", "contradicted"), [
    # The seed's unanswerable question: a count of people asked, a duration the only figure offered.
    ("Dân số huyện Cẩm Xuyên là bao nhiêu người?", ON_THE_DISTRICT, True),
    ("dan so huyen cam xuyen la bao nhieu nguoi", ON_THE_DISTRICT, True),
    ("How many people live in Cẩm Xuyên?", PRODUCTION, True),  # money, shares and years: no count
    ("Bệnh dịch xảy ra ở Venice mấy lần?", "Dịch xuất hiện hầu như hàng năm từ 1500 đến 1850.", True),
    # One figure that may be the answer is enough.
    ("Tỷ lệ tăng trưởng của huyện là bao nhiêu?", PRODUCTION, False),  # (of poor households, below: no)
    ("Có bao nhiêu người tham dự?", "Có 300 người tham dự trong 2 ngày.", False),
    ("Nhà máy rộng bao nhiêu ha?", "Nhà máy vốn 1,6 tỷ USD, xây trên diện tích 23 ha trong 18 tháng.", False),
    ("Nhà máy rộng bao nhiêu ha?", "Nhà máy vốn 1,6 tỷ USD, xây dựng trong 18 tháng.", True),
    ("Vệ tinh nặng bao nhiêu?", "Vệ tinh bay ở độ cao khoảng 560 km.", True),
    ("Vệ tinh nặng bao nhiêu?", "NanoDragon-2 nặng 6,5 kg, theo chuẩn CubeSat 6U.", False),
    # A count written with a noun that is no unit, or a bare number, contradicts nothing.
    ("Bao nhiêu người bị ảnh hưởng?", "Lũ cuốn trôi 35 căn nhà.", False),
    ("How many people attended?", "Hội nghị có 118 đại biểu.", False),
    # ... nor a price, written with its currency or at least its scale.
    ("Giá vé vào Đại Nội là bao nhiêu?", "Đêm Hoàng cung thu hút khoảng 35.000 lượt khách trong 4 đêm.", True),
    ("Giá vé là bao nhiêu?", "Giá vé là 150 nghìn mỗi người.", False),
    ("Giá dầu mazut ở mức bao nhiêu?", "Dầu mazut giữ nguyên giá, ở mức 17.440 đồng mỗi kg.", False),
    ("How much money did Newton lose?", "Newton được cho là đã mất khoảng 20.000 bảng.", False),
    ("How much will the new terminal cost?", "Công suất của sân bay sẽ đạt 7 triệu hành khách/năm.", True),  # counted
    ("bo du lieu nang bao nhieu gb", "Tin tặc rao bán bộ dữ liệu dung lượng 3,8 GB.", False),  # a unit not listed
    # ... but never an age, which is written with "tuổi" or a year.
    ("Tổng thống Chile bao nhiêu tuổi?", "Chuyến thăm có 250 đại biểu tham dự.", True),
    ("How old is the president?", "Chuyến thăm có 250 đại biểu tham dự.", True),
    ("How old is the president?", "Ông Valdivia, 58 tuổi, từng là luật sư.", False),
    ("Elway bao nhiêu tuổi khi giành chiến thắng?", "Elway vô địch ở tuổi 38 và nay là Tổng Giám đốc.", False),
    ("Ông bao nhiêu tuổi?", "Ông thắng 300 trận, thua 12.", False),  # a bare number may be an age
    ("Ông bao nhiêu tuổi?", "Năm nay ông ba mươi tuổi rồi.", False),  # number words read with their noun
    # Years answer a duration or an age; a duration the age of a thing.
    ("Chiến tranh kéo dài bao lâu?", "Chiến tranh diễn ra từ 1870 đến 1939.", False),
    # Hours are a duration: "30 giờ" is none of the day's, and "20 giờ" may be either.
    ("Đám cháy kéo dài bao lâu?", "Đám cháy kéo dài gần 30 giờ, nhiệt độ lên tới 38 độ C.", False),
    ("Đám cháy kéo dài bao lâu?", "Đám cháy kéo dài gần 20 giờ, nhiệt độ lên tới 38 độ C.", False),
    ("Ông bao nhiêu tuổi?", "Ông sinh năm 1985 tại Hà Tĩnh.", False),
    # a speed asked with its unit is answered by a speed, and contradicted by a length only
    ("Xe khách chạy bao nhiêu km/h?", "Xe khách chạy với tốc độ 78 km/h khi va chạm.", False),
    ("Xe khách chạy bao nhiêu km/h?", "Đoạn đường dài 12 km.", True),
    ("Ngôi chùa bao nhiêu tuổi?", "Ngôi chùa có lịch sử 300 năm.", False),
    # No figure at all is an absence, not a contradiction; an unsaid measure is never contradicted.
    ("Dân số huyện là bao nhiêu người?", "Huyện Cẩm Xuyên đoàn kết, thống nhất.", False),
    ("Thu ngân sách đạt bao nhiêu?", ON_THE_DISTRICT, False),
    # a number word counts the noun after it: "Hai đồng phạm" (two accomplices) is no money
    ("Thủ quỹ hưởng lợi bao nhiêu tiền?", "Hai đồng phạm (39 tuổi và 45 tuổi) nhận 9 năm và 7 năm tù.", True),
    ("Bị cáo chiếm đoạt bao nhiêu tiền?", "Hai bị cáo chiếm đoạt hai triệu đồng.", False),
])
def test_a_sentence_contradicts_a_question_only_when_every_figure_measures_something_else(
        question: str, sentence: str, contradicted: bool) -> None:
    assert contradicts(question, sentence) is contradicted


@pytest.mark.parametrize(("question", "sentence", "contradicted"), [
    ("Có bao nhiêu người bị thương trong trận lũ?", "Trận lũ làm 7 người thiệt mạng.", True),
    ("How many people died in the bus crash?", "5 người bị thương nặng được chuyển lên bệnh viện.", True),
    ("co bao nhieu nguoi mat tich", "Bão làm 12 người chết.", True),
    # the kind asked for is told too, or both are asked: no contradiction
    ("Bão làm bao nhiêu người chết?", "Bão làm 12 người chết và 30 người bị thương.", False),
    ("Có bao nhiêu người chết và mất tích?", "Bão làm 12 người chết.", False),
    ("Có bao nhiêu người bị thương?", "Đoàn cứu hộ có 350 cán bộ, chiến sĩ.", True),  # none told: others counted
    ("Có bao nhiêu người thương vong?", "Vụ tai nạn làm 2 người tử vong.", False),  # dead and injured
    # a count of the dead asked for, and a sentence telling of no casualty at all
    ("bao nhieu nguoi chet trong vu sat lo", "Đèo Lò Xo có 9 điểm sạt lở trên đoạn dài 3 km.", True),
    ("Có mấy người chết?", "Hai người bị hạ thân nhiệt được đưa vào bờ.", True),
    ("How many Roman soldiers died?", "Có tới 50.000 binh sĩ La Mã bị giết.", False),
    ("Dân nghi cá chết là do nhà máy nào?", "Thủ phạm là nước thải từ Nhà máy Trường Phát.", False),  # no count
    # fish that die are no casualty
    ("Công ty bị phạt bao nhiêu tiền vì làm cá chết?", "UBND tỉnh xử phạt công ty 320 triệu đồng.", False),
    ("Bao nhiêu người chết?", "Hơn 2 tấn cá chết trắng lồng.", True),
])
def test_a_sentence_telling_of_other_casualties_answers_no_question_about_these(
        question: str, sentence: str, contradicted: bool) -> None:
    assert contradicts(question, sentence) is contradicted


@pytest.mark.parametrize("question, sentence, contradicted", [
    # a sum per month asked, sums per m2 offered; a sum without its unit may be per month
    ("Giá thuê căn hộ là bao nhiêu một tháng?", "Giá bán đạt trung bình 68,4 triệu đồng mỗi m2.", True),
    ("How much is the rent per month?", "Giá bán đạt trung bình 68,4 triệu đồng/m2.", True),
    ("How much compensation per hectare will farmers get?", "Mức hỗ trợ 2 triệu đồng mỗi tấn lúa.", True),
    ("Giá thuê căn hộ là bao nhiêu một tháng?", "Giá thuê trung bình 15 triệu đồng mỗi tháng.", False),
    ("Giá thuê căn hộ là bao nhiêu một tháng?", "Giá thuê trung bình 15 triệu đồng.", False),
    ("Gói cước cho bao nhiêu dữ liệu mỗi ngày?", "Gói giá 135.000 đồng mỗi tháng, kèm 4 GB mỗi ngày.", False),  # data
    # a population is no duration; a sum may be written in a foreign currency's name
    ("Dân số tỉnh Đồng Nai là bao nhiêu?", "Phiên họp đánh giá kết quả 6 tháng đầu năm.", True),
    ("Dân số da trắng của thành phố là bao nhiêu?", "Người da trắng chiếm 61,1% dân số.", False),
    # a share answers a population only as a share of people
    ("Dân số Đan Mạch là bao nhiêu?", "Đảng Dân chủ Xã hội giành 23,8% số phiếu.", True),
    ("Dân số da trắng của thành phố là bao nhiêu?", "Nhóm đông dân nhất, người da trắng, còn 55,1%.", False),
    ("How many e-visa applications were turned down?", "Thời gian xét duyệt rút ngắn xuống còn 2 ngày.", True),
    ("How many e-visa applications were turned down?", "Có 1.200 hồ sơ bị từ chối.", False),
    ("How much did each spectator pay?", "Trước khoảng 200 khán giả, mỗi người trả một shilling.", False),
    ("Mỗi hộ được bồi thường bao nhiêu tiền?", "Để có mặt bằng sạch, 87 hộ dân đã di dời.", True),  # "bằng" is no £
    # a day asked for, and a sentence telling of other days only
    ("gia vang sjc ngay 10/10 la bao nhieu", "Ngày 8/10, giá vàng thế giới vượt 4.000 USD mỗi ounce.", True),
    ("Giá vàng SJC ngày 9/10 là bao nhiêu?", "Sáng 9/10/2025, SJC niêm yết 141,2 triệu đồng mỗi lượng.", False),
    ("Giá vàng SJC ngày 10/10 là bao nhiêu?", "SJC niêm yết 141,2 triệu đồng mỗi lượng.", False),  # no day told
    ("Giá vàng tháng 10/2025 thế nào?", "Ngày 8/10, giá vàng thế giới vượt 4.000 USD.", False),  # a month asked
    ("Kỳ điều chỉnh giá kế tiếp sau ngày 21/3 là ngày nào?", "Kỳ điều chỉnh tiếp theo sẽ diễn ra vào ngày 28/3.",
     False),  # a bound, not the day asked
    ("When is the next price review after June 13?", "Kỳ điều chỉnh tiếp theo sẽ diễn ra vào ngày 28/6.", False),
    ("How many pupils fell ill?", "Giáo viên cho biết 83 em đã nhập viện.", False),  # the group asked not counted
    ("How many teachers fell ill?", "83 học sinh và 5 giáo viên đã nhập viện.", False),
    ("What temperature was recorded on the 12th of June?", "Chiều 12/6, trạm Láng đo được 41,2 độ C.", False),
    # which month asked, and a year the only date told
    ("lien hoan lan thu iv to chuc vao thang may", "Liên hoan lần thứ IV dự kiến được tổ chức tại Cần Thơ vào năm "
     "2027.", True),
    ("In what month will the festival be held?", "Liên hoan sẽ diễn ra vào tháng 9/2027.", False),
    # a range's bound is no day asked
    ("How many cases did Hanoi record in the week of September 9-15?", "Trong tuần từ 9 đến 15/9, Hà Nội ghi nhận "
     "1.146 ca.", False),
    # a place in a contest asked for, and a sentence telling of another only
    ("Đội hạng ba được thưởng bao nhiêu?", "Đội vô địch nhận 500 triệu đồng, á quân nhận 300 triệu đồng.", True),
    ("How much did the runner-up get?", "Đội vô địch nhận 500 triệu đồng tiền thưởng.", True),
    ("Đội hạng ba được thưởng bao nhiêu?", "Huy chương đồng thuộc về Kinh Bắc, đội nhận 150 triệu đồng.", False),
    ("Đội vô địch được thưởng bao nhiêu?", "Đội vô địch quốc gia lần này nhận 500 triệu đồng.", False),
    # a championship's name ("giải vô địch quốc gia") tells of no place in it
    ("Đội vô địch được thưởng bao nhiêu?", "Tại giải vô địch quốc gia, á quân nhận 300 triệu đồng.", True),
    ("Ai về nhì ở cự ly marathon nam?", "Ở cự ly marathon nam, Trần Đức Nhân về nhất với 2 giờ 31 phút 08 giây.", True),
    # the market importing what is exported: its imports are the exports told
    ("Thị trường nhập khẩu gạo lớn thứ hai của Việt Nam là nước nào?", "Philippines là thị trường lớn nhất với 38% "
     "lượng gạo xuất khẩu, tiếp theo là Indonesia.", False),
    # a buying price asked for, and a selling price only, or the other way round
    ("Giá mua vào vàng nhẫn là bao nhiêu?", "Vàng nhẫn được bán ra ở mức 138,6 triệu đồng mỗi lượng.", True),
    ("What is the selling price of gold rings?", "Vàng nhẫn được mua vào ở mức 136,6 triệu đồng mỗi lượng.", True),
    ("Giá mua vào vàng nhẫn là bao nhiêu?", "Vàng nhẫn được mua vào ở mức 136,6 triệu đồng, bán ra 138,6.", False),
    ("gia vang nhan doji chieu mua vao la bao nhieu", "Vàng nhẫn của Doji giao dịch quanh 143,5 triệu đồng chiều "
     "bán.", True),
    # a medal written short ("HCV") is its place
    ("Ai giành huy chương bạc 200 m hỗn hợp nữ?", "Khánh Linh giành HCV 200 m hỗn hợp cá nhân nữ.", True),
    # a year asked for, and a sentence telling of another only; not one it compares with, nor a bound, nor a year
    # the sentence names otherwise
    ("What was DHBank's profit in the third quarter of 2023?", "Báo cáo quý III/2024 cho thấy lợi nhuận đạt 1.846 tỷ "
     "đồng.", True),
    ("Doanh thu năm 2025 dự kiến bao nhiêu?", "Năm 2024, công ty đạt doanh thu 16.230 tỷ đồng.", True),
    ("HTBank lãi bao nhiêu trong năm 2024?", "Quý IV/2024: lãi 5.420 tỷ đồng, tăng 27% so với năm 2023.", False),
    ("Mục tiêu tăng trưởng cho năm 2024 là bao nhiêu?", "Mục tiêu là 8,5%, cao hơn mức 7,9% của năm 2023.", False),
    ("Năm 2022 tỷ lệ đỗ là bao nhiêu?", "Tỷ lệ đỗ đạt 99,41%, tăng 0,23 điểm so với năm 2023.", False),
    # the asked year only as the one compared with: another year's figure; a question comparing with a year
    ("How many visitors did Da Nang welcome in 2023?", "Hết tháng 8/2024, Đà Nẵng đón 3,46 triệu lượt, tăng 18,2% so "
     "với cùng kỳ năm 2023.", True),
    ("Lượng khách năm 2024 tăng bao nhiêu so với năm 2023?", "Năm 2024 đón 3 triệu lượt, tăng 20% so với năm 2023.",
     False),
    ("Trade was worth how much in 2016?", "Từ 290 tỷ đô la năm 1993 lên hơn 1.100 tỷ đô la năm 2016.", False),
    ("When did they win prior to 2000?", "Họ giành chức vô địch vào năm 1946.", False),
    ("What did the Scotland Act of 1978 set up?", "Theo Đạo luật Scotland 1978, cuộc trưng cầu diễn ra năm 1979.",
     False),
    # a share of something asked for, and a sentence never writing of what ("hộ", "nghèo"); either word will do
    ("Tỷ lệ hộ nghèo của huyện là bao nhiêu?", "Giá trị sản xuất tăng 12,6% so với cùng kỳ.", True),
    ("Tỷ lệ hộ nghèo của tỉnh là bao nhiêu?", "Khu công nghiệp Phước Đông dẫn đầu với tỷ lệ lấp đầy 91%.", True),
    ("Tỷ lệ hộ nghèo giảm còn bao nhiêu?", "Số hộ nghèo còn 2,1%.", False),
    ("Tỷ lệ nhập học cho năm học 2019 là bao nhiêu?", "Trường chấp nhận 5,3% ứng viên cho năm học 2019.", False),
    ("Tỷ lệ đỗ tốt nghiệp là bao nhiêu?", "Toàn tỉnh có 99,41% thí sinh đỗ.", False),
    # a region asked for, and a sentence telling only of another
    ("What was the peak power demand in southern Vietnam?", "Riêng miền Bắc, công suất đỉnh đạt 24.310 MW.", True),
    ("Công suất đỉnh miền Nam là bao nhiêu?", "Miền Bắc đạt 24.310 MW, miền Nam 19.800 MW.", False),
    # a profit after tax asked for, and one before tax only
    ("Lợi nhuận sau thuế quý III là bao nhiêu?", "Lợi nhuận trước thuế quý III đạt 1.846 tỷ đồng.", True),
    ("What was the bank's pre-tax profit?", "Lợi nhuận sau thuế đạt 1.480 tỷ đồng.", True),
    ("Lợi nhuận sau thuế là bao nhiêu?", "Lợi nhuận trước thuế đạt 1.846 tỷ đồng, sau thuế 1.480 tỷ đồng.", False),
    ("Giá vàng nhẫn là bao nhiêu?", "Vàng nhẫn được bán ra ở mức 138,6 triệu đồng mỗi lượng.", False),
    # a company's revenue, profit or loss, valuation, or the sum a round raised: one is not another; a profit is
    # answered by a loss, and a valuation asked "after the round" by the valuation
    ("Lợi nhuận năm 2024 là bao nhiêu?", "Năm 2024, doanh thu của Kiwi Edu đạt 96 tỷ đồng.", True),
    ("What was Kiwi Edu's revenue in 2024?", "Năm 2024, Kiwi Edu lãi 12 tỷ đồng.", True),
    ("Hanu AI được định giá bao nhiêu sau vòng gọi vốn?", "Hanu AI hoàn tất vòng gọi vốn Series A trị giá 12 "
     "triệu USD.", True),
    ("What is Kiwi Edu valued at?", "Kiwi Edu vừa gọi vốn 8 triệu USD.", True),
    ("What was SHS's revenue in 2030?", "Năm 2030, SHS gọi được 7 triệu USD trong vòng Series A.", True),
    ("Hanu AI được định giá bao nhiêu sau vòng gọi vốn?", "Sau vòng gọi vốn, Hanu AI được định giá 80 triệu USD.",
     False),
    ("EVN lãi bao nhiêu trong năm 2024?", "Năm 2024, EVN lỗ 2.000 tỷ đồng.", False),
    ("Lợi nhuận sau thuế năm 2024 là bao nhiêu?", "Cuối năm 2024, tổng tài sản của Trường Sơn đạt 3.920 tỷ đồng.",
     True),  # what a company owns is no profit
    ("Nam 2025 Cao Bang dat muc tieu doanh thu du lich bao nhieu?", "Tỉnh đặt mục tiêu năm 2025 đón 2 triệu lượt "
     "khách.", True),  # a count of millions is no sum
    ("Doanh thu năm 2024 là bao nhiêu?", "Năm 2024, công ty đạt doanh thu 16.230 tỷ đồng và lãi 1.080 tỷ.", False),
    ("Lãi suất cho vay là bao nhiêu?", "Doanh nghiệp được vay với lãi suất 6%/năm.", False),  # interest, no profit
    ("Giá vé ở Gia Lai bao nhiêu?", "Doanh thu bán vé đạt 32 tỷ đồng.", False),  # "Gia Lai" is no "lãi"
    # a loan, a project's investment, a budget's spending and its deficit; not a loan's interest rate
    ("How much did the ADB lend for the centre?", "Trung tâm có tổng vốn đầu tư 186 tỷ đồng.", True),
    ("Doanh thu năm đầu của trung tâm dự kiến bao nhiêu?", "Trung tâm có tổng vốn đầu tư 186 tỷ đồng.", True),
    ("Bội chi ngân sách năm 2024 là bao nhiêu?", "Tổng chi ngân sách địa phương năm 2024 là 41.205 tỷ đồng.", True),
    ("ADB cho vay bao nhiêu?", "Dự án có tổng vốn đầu tư 186 tỷ đồng, gồm ngân sách và vốn vay ADB.", False),
    # a project's other source of money is no round raised
    ("Bao nhiêu tiền trong vốn đầu tư đơn vị đột quỵ lấy từ ngân sách tỉnh?", "Trong số này, 26 tỷ đồng lấy từ ngân "
     "sách tỉnh, phần còn lại bệnh viện huy động từ nguồn xã hội hóa.", False),
    ("What interest rate does the company pay on its loan?", "Dự án có vốn đầu tư 186 tỷ đồng, lãi suất 7,5%/năm.",
     False),
])
def test_a_sentence_telling_of_another_rate_day_place_or_price_answers_no_question_about_it(
        question: str, sentence: str, contradicted: bool) -> None:
    assert contradicts(question, sentence) is contradicted


@pytest.mark.parametrize("question, sentence, told", [
    ("Có bao nhiêu người bị thương trong trận lũ?", "Trận lũ làm 7 người thiệt mạng.",
     Mismatch("casualty", "injured", ("dead",))),
    ("Giá thuê căn hộ là bao nhiêu một tháng?", "Giá bán đạt trung bình 68,4 triệu đồng mỗi m2.",
     Mismatch("rate", "thang", ("m2",))),
    ("Giá vàng SJC ngày 10/10 là bao nhiêu?", "Ngày 9/10 và 8/10, giá vàng thế giới vượt 4.000 USD.",
     Mismatch("day", "10/10", ("8/10", "9/10"))),
    # an English question's day by its month's name, a day written in words
    ("What temperature was recorded at Lang station on June 13?", "Chiều 12/6, nhiệt độ tại trạm Láng đo được 41,2 "
     "độ C.", Mismatch("day", "13/6", ("12/6",))),
    ("Nhiệt độ tại trạm Láng ngày 13/6 là bao nhiêu?", "Ngày 12 tháng 6, nhiệt độ tại trạm Láng lên 41,2 độ C.",
     Mismatch("day", "13/6", ("12/6",))),
    ("Đội hạng ba được thưởng bao nhiêu?", "Đội vô địch nhận 500 triệu đồng, á quân nhận 300 triệu đồng.",
     Mismatch("place", "third", ("first", "second"))),
    # a championship's name is no place in it
    ("Đội hạng ba giải bóng đá nữ vô địch quốc gia được thưởng bao nhiêu tiền?", "Theo điều lệ, đội vô địch nhận 500 "
     "triệu đồng tiền thưởng, đội á quân nhận 300 triệu đồng.", Mismatch("place", "third", ("first", "second"))),
    ("What is the selling price of gold rings?", "Vàng nhẫn được mua vào ở mức 136,6 triệu đồng mỗi lượng.",
     Mismatch("side", "sell", ("buy",))),
    # "về nhì": second; a rent is not a sale price, nor the other way round
    ("How much prize money did the third-placed team receive?", "Ngân hàng Phương Nam về nhì, nhận 300 triệu đồng.",
     Mismatch("place", "third", ("second",))),
    ("How many bronze medals did Quang Ninh win?", "Chủ nhà Quảng Ninh giành 3 huy chương vàng, đứng thứ sáu.",
     Mismatch("place", "third", ("first",))),  # medals counted, as one is named
    # one group of people counted, another told ("83 học sinh" for teachers)
    ("How many teachers at the school fell ill?", "83 học sinh Trường Tiểu học Nghi Phú 2 đã phải nhập viện.",
     Mismatch("counted", "giáo viên", ("học sinh",))),
    # standings written "xếp nhất", "xếp thứ ba"; a fourth place; a pageant's runner-up ("á khôi")
    ("Đội nào xếp thứ ba ở nội dung đồng đội?", "Ở nội dung đồng đội, đội Dược Cửu Long xếp nhất, đội Sao Mai về nhì.",
     Mismatch("place", "third", ("first", "second"))),
    ("doi nao xep thu tu giai dua ghe ngo", "Đội ghe ngo chùa Tà Lợt giành chức vô địch giải đua ghe ngo.",
     Mismatch("place", "fourth", ("first",))),
    ("Who was the pageant's runner-up?", "Danh hiệu cao nhất thuộc về Lò Thị Mai, còn á khôi là Quàng Thị Huyền.",
     None),
    # a total asked, and the sentence's sums are all per a unit; not "Tổng giám đốc", a title
    ("Ông Tùng thu được tổng cộng bao nhiêu tiền từ bán gỗ?", "Ông Bền trả tiền công 350.000 đồng mỗi ngày cho mỗi "
     "nhân công.", Mismatch("whole", "total", ("each",))),
    ("Ông Tùng thu được tổng cộng bao nhiêu tiền từ bán gỗ?", "Tổng cộng ông Tùng thu 2,1 tỷ đồng.", None),
    ("Tổng giám đốc được trả bao nhiêu tiền?", "Ông nhận 50 triệu đồng mỗi tháng.", None),
    ("Giá thuê căn hộ ở Hà Nội tăng bao nhiêu phần trăm?",
     "Giá bán trung bình căn hộ sơ cấp tại Hà Nội đạt 72 triệu đồng mỗi m2, tăng 28% so với cuối năm ngoái.",
     Mismatch("lease", "rent", ("sale",))),
    ("What is the average selling price of apartments?", "Giá thuê căn hộ trung bình 15 triệu đồng mỗi tháng.",
     Mismatch("lease", "sale", ("rent",))),
    # a fine is not a sale price, nor the other way round
    ("How much was Cho Pho fined?", "Một tài khoản rao bán bộ dữ liệu của Chợ Phố với giá 8.000 USD.",
     Mismatch("penalty", "fine", ("sale",))),
    ("Công ty bị phạt bao nhiêu?", "Công ty bị xử phạt 320 triệu đồng vì bán hàng giả.", None),
    # a score asked: a sentence that writes none does not give it, whatever else it measures
    ("What was the score of the semifinal?", "Trận bán kết giữa Vinh và Khoa kéo dài gần một giờ.",
     Mismatch("measure", "score", ("none",))),
    ("Tỷ số trận chung kết là bao nhiêu?", "Trận chung kết kéo dài 2 giờ.", Mismatch("measure", "score", ("time",))),
    ("Tỷ số trận chung kết là bao nhiêu?", "Việt Nam thắng Thái Lan 3-1 ở trận chung kết.", None),
    ("What share of the final score came from audience votes?", "Khán giả bình chọn chiếm 30% tổng điểm.", None),
    # an auction's winning bid is not its starting price (nor an average price, "giá trung bình")
    ("Mỏ cát trúng đấu giá với giá bao nhiêu?", "Ông Thắng phê duyệt giá khởi điểm 12,6 tỷ đồng cho cả hai mỏ.",
     Mismatch("auction", "winning", ("starting",))),
    ("Giá khởi điểm của mỏ cát là bao nhiêu?", "Năm 2024, tỉnh đấu giá 7 mỏ với tổng số tiền trúng 186 tỷ đồng.",
     Mismatch("auction", "starting", ("winning",))),
    ("Giá khởi điểm của mỏ cát là bao nhiêu?", "Giá trung bình 1 m3 cát là 200.000 đồng.", None),
    # a fine in money ("phạt tiền", typed without accents too) is not a prison term
    ("ong tung bi phat tien bao nhieu ngoai an tu", "Viện kiểm sát đề nghị mức án 10-11 năm tù với ông Tùng.",
     Mismatch("measure", "money", ("term",))),
    ("Ông Tùng bị phạt tiền bao nhiêu?", "Ông Tùng còn bị phạt tiền 50 triệu đồng.", None),
    ("Doanh thu năm 2025 dự kiến bao nhiêu?", "Năm 2024, công ty đạt doanh thu 16.230 tỷ đồng.",
     Mismatch("year", "2025", ("2024",))),
    # a season's year is a year told ("hè 2023", "in summer 2023"), not a range of two ("vụ 2023-2024")
    ("How many visitors did Da Nang receive in summer 2023?", "Trong ba tháng hè đến hết tháng 8/2024, Đà Nẵng đón "
     "3,46 triệu lượt khách.", Mismatch("year", "2023", ("2024",))),
    ("Chiến dịch hiến máu hè năm 2021 thu được bao nhiêu đơn vị máu?", "Chiến dịch hiến máu tình nguyện hè 2023 đã "
     "tiếp nhận 5.436 đơn vị máu.", Mismatch("year", "2021", ("2023",))),
    ("Chiến dịch hiến máu hè năm 2023 thu được bao nhiêu đơn vị máu?", "Chiến dịch hiến máu tình nguyện hè 2023 đã "
     "tiếp nhận 5.436 đơn vị máu.", None),
    ("Năm 2023 tỉnh thu hoạch bao nhiêu tấn lúa?", "Vụ 2023-2024, tỉnh thu hoạch 1,2 triệu tấn lúa.", None),
    # every kind of figure told once, a count for a figure before a noun
    ("Thủ quỹ hưởng lợi bao nhiêu tiền?", "Hai đồng phạm (39 tuổi và 45 tuổi) nhận 9 năm và 7 năm tù.",
     Mismatch("measure", "money", ("count", "age", "time", "term"))),  # "7 năm tù", a term
    ("Dân số tỉnh Đồng Nai là bao nhiêu?", "Phiên họp đánh giá kết quả 6 tháng đầu năm.",
     Mismatch("measure", "population", ("time",))),
    ("Dân số da trắng của thành phố là bao nhiêu?", "Người da trắng chiếm 61,1% dân số.", None),
    # a sum asked, and a sentence with no sum of any kind: its only figure a time of day, or none at all
    ("Một chiếc đèn lồng giá bao nhiêu?", "Từ 18h, phố cổ thắp sáng bằng hàng nghìn chiếc đèn lồng.",
     Mismatch("measure", "money", ("none",))),
    ("cong ty bi xu phat bao nhieu tien", "Cơ quan điều tra đã triệu tập ông Phúc, giám đốc công ty.",
     Mismatch("measure", "money", ("none",))),
    # nor one whose figures are a round, a time or a mass, none of them written as a sum
    ("Giá vé xem trận Nam Định gặp Hà Nội FC là bao nhiêu?", "Ở vòng 18, Nam Định sẽ làm khách trên sân Lạch Tray.",
     Mismatch("measure", "money", ("none",))),
    ("Khánh Linh được thưởng bao nhiêu tiền?", "Khánh Linh giành HCV với thời gian 2 phút 15 giây 42, xô đổ kỷ lục "
     "tồn tại 7 năm.", Mismatch("measure", "money", ("time",))),
    ("How much did it cost to build the NanoDragon-2 satellite?", "NanoDragon-2 nặng 6,5 kg, theo chuẩn CubeSat 6U.",
     Mismatch("measure", "money", ("mass",))),
    # a sum by its scale or a currency's short form
    ("Giá vé bao nhiêu?", "Vé bán với giá 150 nghìn mỗi lượt.", None),
    ("Giá vé bao nhiêu?", "Vé có giá 45.000đ, trẻ em dưới 1 m được miễn.", None),
    ("Giá vé bao nhiêu?", "Vé có giá 50k cho 2 người.", None),
    # another month, quarter or first months of the year
    ("How much did Hoi An earn from ticket sales in February?", "Trong tháng 1, Hội An thu 21 tỷ đồng từ bán vé.",
     Mismatch("month", "2", ("1",))),
    ("Doanh thu quý III là bao nhiêu?", "Doanh thu quý II đạt 500 tỷ đồng.", Mismatch("quarter", "3", ("2",))),
    ("What was revenue in the third quarter?", "Quý 2, doanh thu đạt 500 tỷ đồng.", Mismatch("quarter", "3", ("2",))),
    ("Xuất khẩu 9 tháng đầu năm đạt bao nhiêu?", "6 tháng đầu năm, xuất khẩu đạt 200 tỷ USD.",
     Mismatch("months", "9", ("6",))),
    ("Giải ngân đến hết tháng 6 được bao nhiêu?", "Đến hết tháng 5, tỉnh giải ngân 1.318 tỷ đồng.",
     Mismatch("month", "6", ("5",))),
    ("Xuất khẩu 5 tháng đầu năm đạt bao nhiêu?", "Trong 4 tháng qua, xuất khẩu đạt 100 tỷ USD.",
     Mismatch("months", "5", ("4",))),
    ("What was the profit in the first half?", "Quý II, công ty lãi 1.150 tỷ đồng.", Mismatch("period", "6m", ("q2",))),
    ("Xuất khẩu quý II đạt bao nhiêu?", "6 tháng đầu năm, xuất khẩu đạt 190 tỷ USD.",
     Mismatch("period", "q2", ("6m",))),
    # typed without accents; a whole year's figure for a part of one
    ("doanh thu quy 3 la bao nhieu", "Doanh thu quý II đạt 500 tỷ đồng.", Mismatch("quarter", "3", ("2",))),
    ("quy 3 nam 2024 tinh thu ngan sach duoc bao nhieu", "Năm 2024, tổng thu ngân sách của tỉnh đạt 56.318 tỷ đồng.",
     Mismatch("period", "q3", ("full_year",))),
    ("thang 2 xuat khau duoc bao nhieu tan gao", "VFA dự báo cả năm 2025 xuất khẩu gạo đạt khoảng 7,5 triệu tấn.",
     Mismatch("period", "month_2", ("full_year",))),
    # (the month it was said in is no period of the figure's)
    ("What net revenue did Minh Phat report for the third quarter of 2025?", "Đại hội đồng cổ đông hồi tháng 4 đặt "
     "mục tiêu doanh thu 4.800 tỷ đồng cho cả năm 2025.", Mismatch("period", "q3", ("full_year",))),
    ("Doanh thu quý III là bao nhiêu?", "Doanh thu quý III đạt 1.126 tỷ đồng, cả năm 2025 dự kiến 4.800 tỷ đồng.",
     None),
    # a whole year asked, and part of one told: the first months, a figure to a date; not beside the whole year's
    ("How many e-visas were issued in the whole of 2024?", "Trong 8 tháng đầu năm 2024, cục đã cấp 4,6 triệu thị "
     "thực.", Mismatch("period", "full_year", ("8m",))),
    ("ca nam 2024 viet nam don bao nhieu luot khach", "Trong 8 tháng, Việt Nam đón 14,1 triệu lượt khách quốc tế.",
     Mismatch("period", "full_year", ("8m",))),
    ("ca nam 2024 viet nam don bao nhieu luot khach", "Tính đến ngày 30/11, Việt Nam đón 16 triệu lượt khách quốc tế.",
     Mismatch("period", "full_year", ("to_date",))),
    ("Cả năm 2024 tỉnh đón bao nhiêu khách?", "Năm 2024, tỉnh đón 3 triệu lượt khách, riêng 8 tháng đầu năm đạt 2 "
     "triệu.", None),
    ("Sau sáu tháng, công ty hoàn thành bao nhiêu phần trăm kế hoạch lợi nhuận cả năm?", "6 tháng đầu năm, công ty "
     "lãi 390 tỷ đồng, hoàn thành 78% kế hoạch.", None),  # a share of the year's plan, after part of it
    # one month against the first months ("Trong 8 tháng, ..."), unless they run to its end
    ("Tháng 7 Việt Nam đón bao nhiêu lượt khách quốc tế?", "Trong 8 tháng, Việt Nam đón 14,1 triệu lượt khách.",
     Mismatch("period", "month_7", ("8m",))),
    ("tu dau nam den het thang 8 co bao nhieu khach", "Trong 8 tháng, Việt Nam đón 14,1 triệu lượt khách.", None),
    ("Trong tháng 10/2024, xuất khẩu gỗ đạt bao nhiêu?", "10 tháng năm 2024, xuất khẩu gỗ của tỉnh đạt 215 triệu USD.",
     Mismatch("period", "month_10", ("10m",))),
    ("Tháng 6 xuất khẩu bao nhiêu?", "6 tháng đầu năm, xuất khẩu đạt 200 tỷ USD, riêng tháng 6 đạt 35 tỷ USD.", None),
    # a school year, a season: their single years overlap
    ("Học phí năm học 2025-2026 là bao nhiêu?", "Học phí năm học 2026-2027 dự kiến từ 18,5 đến 24 triệu đồng.",
     Mismatch("year", "2025-2026", ("2026-2027",))),
    ("What is the tuition for the 2025-2026 school year?", "Học phí năm học 2026/27 dự kiến 24 triệu đồng.",
     Mismatch("year", "2025-2026", ("2026-2027",))),
    ("hoc phi nam hoc 2025-2026 la bao nhieu", "Học phí năm học 2025-2026 dự kiến từ 18,5 đến 24 triệu đồng.", None),
    ("Ở vòng 14 mùa giải 2023-2024, đội thắng ai?", "Đội thắng Đồng Nai 2-1 ở vòng 14 giải hạng Nhất mùa 2024-2025.",
     Mismatch("year", "2023-2024", ("2024-2025",))),
    ("nam hoc 2023-2024 truong tuyen bao nhieu sinh vien", "Năm học 2024-2025, trường tuyển 1.500 sinh viên; năm học "
     "trước là 1.350.", None),  # the one before, told without its years
    ("Tỷ lệ bỏ học năm học 2021-2022 là bao nhiêu?", "Tỷ lệ bỏ học năm học 2023-2024 là 0,42%, giảm so với 0,61% của "
     "năm học trước.", Mismatch("year", "2021-2022", ("2023-2024",))),  # nor is the one before it the one asked
    ("Học phí năm học 2025-2026 là bao nhiêu?", "Học phí năm học 2026-2027 là 24 triệu đồng, so với năm học "
     "2025-2026 tăng 8%.", Mismatch("year", "2025-2026", ("2026-2027",))),
    # an event's edition by its year names one too
    ("How many visitors did the 2024 Hoa Ban festival attract?", "Lễ hội Hoa Ban năm 2025 thu hút khoảng 152.000 lượt "
     "khách, tăng 24% so với năm 2024.", Mismatch("year", "2024", ("2025",))),
    # "in the 2024 dry season" names a year
    ("How many hectares burned in the 2024 dry season?", "Mùa khô năm 2025, tỉnh đã xảy ra 23 vụ cháy rừng, làm "
     "thiệt hại khoảng 186 ha.", Mismatch("year", "2024", ("2025",))),
    ("Doanh thu quý III năm 2024 là bao nhiêu?", "Năm 2024, doanh thu quý III đạt 500 tỷ đồng.", None),
    ("ty le hap thu can ho quy 2 la bao nhieu", "Tỷ lệ hấp thụ đạt 82%, mức cao nhất kể từ năm 2021.", None),
    ("tinh bo bao nhieu tien mua may tho", "Trong năm 2025, tỉnh sẽ đầu tư 120 tỷ đồng mua máy thở.", None),  # "máy"
    # the same period, or no month told but in a date, or one compared with, or a duration
    ("Lợi nhuận nửa đầu năm là bao nhiêu?", "Lũy kế 6 tháng, công ty lãi 1.870 tỷ đồng; riêng quý II lãi 1.150 tỷ "
     "đồng.", None),
    ("Xuất khẩu quý I đạt bao nhiêu?", "3 tháng đầu năm, xuất khẩu đạt 90 tỷ USD.", None),
    ("What were exports in the first nine months?", "9 tháng đầu năm, xuất khẩu đạt 300 tỷ USD.", None),
    ("Xuất khẩu tháng 10 đạt bao nhiêu?", "Ngày 6/11, Tổng cục Thống kê cho biết xuất khẩu trong tháng đạt 35 tỷ USD.",
     None),
    ("Tháng 2 giá tăng bao nhiêu so với tháng 1?", "Tháng 2, giá tăng 5% so với tháng 1.", None),
    ("Giá tháng 6 là bao nhiêu?", "Sáu tháng đầu năm giá bình quân 5.000 đồng.", None),
    # a match's score is no sum, and a fee is a sum; a range is no score
    ("How much prize money did the bronze medal team receive?", "Huy chương đồng thuộc về Bắc Ninh sau khi thắng "
     "Đắk Lắk 3-1 ở trận tranh hạng ba.", Mismatch("measure", "money", ("score",))),
    ("Luật sư nhận thù lao bao nhiêu?", "Luật sư bảo vệ quyền lợi cho 37 thành viên.", Mismatch("measure", "money",
                                                                                              ("count",))),
    ("Một bác sĩ tiếp bao nhiêu bệnh nhân mỗi ngày?", "Một bác sĩ thường tiếp 60-80 bệnh nhân mỗi ngày.", None),
    # trade's other direction, another funding round; not an import tariff on exports
    ("Kim ngạch nhập khẩu của tỉnh là bao nhiêu?", "Kim ngạch xuất khẩu đạt 2,36 tỷ USD, tăng 17,4%.",
     Mismatch("trade", "import", ("export",))),
    ("Canada miễn thuế cho bao nhiêu phần trăm dòng thuế hàng xuất khẩu của Việt Nam?",
     "Canada sẽ xóa bỏ ngay thuế nhập khẩu đối với 92,4% số dòng thuế hàng hóa có xuất xứ từ Việt Nam.", None),
    ("Mỹ nhập khẩu bao nhiêu cá tra từ Việt Nam?", "Xuất khẩu cá tra sang Mỹ quý I đạt 89 triệu USD.", None),
    ("Thu từ hoạt động xuất khẩu là bao nhiêu?", "Thu từ hoạt động xuất nhập khẩu khoảng 4.600 tỷ đồng.", None),
    # a cut asked as a sum is answered by a share; a former champion is no winner here
    ("Huyện giảm bao nhiêu tiền nước tháng 7?", "Huyện giảm 50% tiền nước tháng 7 cho các hộ bị ảnh hưởng.", None),
    ("How much did the runner-up receive?", "Á quân Đặng Minh Khôi, cựu vô địch giải, nhận 20 triệu đồng.", None),
    # a Vietnamese question typed without accents counts no English noun ("cong nhan" is no "how many workers")
    ("luong khoi diem cong nhan may la bao nhieu", "Lương khởi điểm của công nhân may là 6,2 triệu đồng/tháng.", None),
    ("SHS gọi vốn vòng Series B được bao nhiêu?", "SHS vừa hoàn tất vòng gọi vốn Series A trị giá 7 triệu USD.",
     Mismatch("round", "series_b", ("series_a",))),
    # an appeal is not the trial at first instance
    ("Phiên phúc thẩm vụ án diễn ra ngày nào?", "Ngày 18/3, TAND tỉnh mở phiên xét xử sơ thẩm, tuyên phạt Lực 11 năm "
     "tù.", Mismatch("trial", "appeal", ("first_instance",))),
    ("Phiên sơ thẩm diễn ra ngày nào?", "Ngày 18/3, TAND tỉnh mở phiên xét xử sơ thẩm.", None),
    # a side by its direction
    ("Đường vành đai phía Đông khi nào hoàn thành?", "Tuyến vành đai phía Tây dự kiến hoàn thành cuối năm 2027.",
     Mismatch("direction", "east", ("west",))),
    ("When will the eastern ring road be finished?", "Hai tuyến vành đai phía Đông và phía Tây hoàn thành năm 2027.",
     None),
    ("Which party is strongest in the northwestern and eastern regions?", "Đảng Quốc gia mạnh nhất ở khu vực nông thôn "
     "phía Tây Bắc và Đông.", None),  # a direction between two is none of them
    # an administration's level: the district's officials are not the communes'
    ("Bắc Giang đã tập huấn cho bao nhiêu cán bộ địa chính cấp huyện?", "Sở đã tập huấn cho 418 cán bộ địa chính cấp "
     "xã.", Mismatch("level", "district_level", ("commune_level",))),
    ("How many district-level officials were trained?", "Sở tập huấn cho 418 cán bộ cấp xã và 60 cán bộ cấp huyện.",
     None),
    # a term sought is not the one handed down, nor the other way round; both told answer either
    ("Viện kiểm sát đề nghị bao nhiêu năm tù cho Hùng?", "Hùng, quản đốc xưởng, nhận 4 năm 6 tháng tù.",
     Mismatch("court", "sought", ("given",))),
    ("How many years did the court give Lực?", "Tại tòa, VKSND tỉnh đề nghị mức án 12-13 năm tù đối với Lực.",
     Mismatch("court", "given", ("sought",))),
    ("Lực bị tuyên bao nhiêu năm tù?", "VKSND đề nghị mức án 12-13 năm tù, tòa tuyên phạt Lực 11 năm tù.", None),
    ("An Giang đề nghị hỗ trợ bao nhiêu tiền?", "An Giang nhận 500 tỷ đồng.", None),  # no term asked
    # a sum for each one is not a total; the first week is not the first month
    ("How much does each robot kit cost?", "Tổng kinh phí mua sắm thiết bị là 7,2 tỷ đồng, lấy từ ngân sách tỉnh.",
     Mismatch("whole", "each", ("total",))),
    ("Mỗi hộ được hỗ trợ bao nhiêu tiền?", "Tổng kinh phí hỗ trợ là 2 tỷ đồng, mỗi hộ 20 triệu đồng.", None),
    ("thang dau tien tau cho bao nhieu luot khach", "Trong tuần đầu tiên, tàu phục vụ 3.460 lượt khách.",
     Mismatch("period", "first_month", ("first_week",))),
    ("How many visitors did the museum receive in its opening week?", "Bảo tàng đặt mục tiêu đón 250.000 lượt khách "
     "trong năm đầu tiên.", Mismatch("period", "first_week", ("first_year",))),
    ("6 tháng đầu năm tàu chở bao nhiêu khách?", "Trong tuần đầu tiên, tàu phục vụ 3.460 lượt khách.", None),
    # a hyphened word between "how much" and the sum it names
    ("How much is a sleeping-berth ticket?", "Dọc tuyến, tàu dừng đón trả khách tại 12 ga.",
     Mismatch("measure", "money", ("count",))),
    # an age in months is an age
    ("Bệnh viện đã ghép thận cho bao nhiêu trẻ?", "Bé trai 14 tháng tuổi được ghép thận.",
     Mismatch("measure", "count", ("age",))),
    ("Bé trai được ghép gan bao nhiêu tháng tuổi?", "Bé trai 14 tháng tuổi được ghép gan.", None),
    # a prison term is no age, though another duration may be one (a tree's); it answers "how long"
    ("ong tran duc manh bao nhieu tuoi", "Trần Đức Mạnh bị tuyên phạt 6 năm tù.",
     Mismatch("measure", "age", ("term",))),
    ("Trần Đức Mạnh bị phạt tù bao lâu?", "Trần Đức Mạnh bị tuyên phạt 6 năm tù.", None),
    ("Ông Vũ năm nay bao nhiêu tuổi?", "Ông Vũ nhận 4 năm 6 tháng tù.", Mismatch("measure", "age", ("term",))),
    ("Cây cự sam già nhất bao nhiêu tuổi?", "Cây cự sam già nhất được biết đến khoảng 3.200 năm.", None),
    # square metres asked are an area, not a price per square metre
    ("lo so 11 rong bao nhieu m2", "Về nhì là lô số 11 với giá 49,2 triệu đồng mỗi m2.",
     Mismatch("measure", "area", ("money",))),
    ("Lô số 11 rộng bao nhiêu mét vuông?", "Lô số 11 rộng 168 m2, mặt tiền đường Võ Nguyên Giáp.", None),
    ("Nhà trưng bày rộng bao nhiêu m2?", "Nhà trưng bày rộng 1.200 mét vuông.", None),
    ("Bể chứa được bao nhiêu m3 nước?", "Bể chứa 300 mét khối.", None),
    ("Bể chứa được bao nhiêu m3 nước?", "Bể rộng 120 m2.", Mismatch("measure", "volume", ("area",))),
    # a count of things, whatever its noun folds to ("vệ" of "vệ tinh" is no "về")
    ("How much did the rocket cost?", "Tên lửa rời bệ phóng lúc 9 giờ 30 phút, mang theo 7 vệ tinh.",
     Mismatch("measure", "money", ("time", "count"))),
    # a sum written in words, or free, or a salary
    ("Ban đầu mỗi số báo có giá bao nhiêu?", "Ban đầu tờ báo được bán với giá một xu mỗi số.", None),
    ("Giá vé vào cửa là bao nhiêu?", "Giá vé chỉ vài trăm nghìn.", None),
    # an auctioneer ("đấu giá viên") asks no price
    ("Bà Phương, đấu giá viên, nhận mức án bao nhiêu?", "Bà Phương nhận 30 tháng tù nhưng được hưởng án treo.", None),
    ("How much did Vietnam pay to launch the satellite?", "Việc phóng vệ tinh được thực hiện miễn phí.", None),
    ("Phí dịch vụ tối đa là bao nhiêu?", "Doanh nghiệp chỉ được thu phí tối đa bằng một tháng lương.", None),
    # a year compared with, far after "so với" in its clause, is no year told; one after a break of the clause is
    ("Lợi nhuận sau thuế quý III/2025 là bao nhiêu?", "Lợi nhuận sau thuế quý này đạt 74,5 tỷ đồng, giảm 18% so với "
     "mức 90,8 tỷ đồng của quý III/2024.", None),
    ("Lợi nhuận năm 2023 là bao nhiêu?", "Lợi nhuận tăng so với năm trước, đạt 50 tỷ đồng trong năm 2024.",
     Mismatch("year", "2023", ("2024",))),
    # a cost is no duration; a share or a count may tell of it; "spend" time is no cost
    ("Chi phí phục chế chiếc ghe là bao nhiêu?", "Bảo tàng mất gần 8 tháng để phục chế chiếc ghe này.",
     Mismatch("measure", "money", ("time",))),
    ("Chi phí nhân công chiếm bao nhiêu?", "Chi phí nhân công chiếm 30% tổng vốn.", None),
    ("How long did they spend in prison?", "Họ được trả tự do sau hơn 500 ngày ngồi tù.", None),
    # a height asked as such, typed without accents too; a price of a flat, a toll, typed without accents
    ("ve tinh bay o do cao bao nhieu", "Tuổi thọ thiết kế của vệ tinh là 3 năm.", Mismatch("measure", "length",
                                                                                            ("time",))),
    ("Giá USD ở thị trường tự do cao hơn giá ngân hàng bao nhiêu?", "Đồng bạc xanh được bán ra quanh mức 26.950 "
     "đồng, chênh khoảng 420 đồng so với ngân hàng.", None),
    ("gia chung cu tphcm bao nhieu 1m2", "Giá chung cư cũ trên 10 năm tuổi cũng tăng 15-20%.",
     Mismatch("measure", "money", ("age", "share"))),
    ("cao toc thu phi bao nhieu 1 km", "Cao tốc có tổng chiều dài 73,6 km.", Mismatch("measure", "money",
                                                                                        ("length",))),
])
def test_a_mismatch_says_what_was_asked_and_what_the_sentence_tells_of_instead(
        question: str, sentence: str, told: Mismatch | None) -> None:
    assert mismatch(question, sentence) == told
    assert contradicts(question, sentence) is (told is not None)


@pytest.mark.parametrize("question, sentence, date, told", [
    ("nam 2023 phu quy co bao nhieu ho thieu nuoc", "Hơn 2.800 hộ dân trên đảo Phú Quý đang thiếu nước do mùa khô "
     "năm nay đến sớm.", "2024-04", Mismatch("year", "2023", ("2024",))),
    ("What was the average wage at Minh Phat in 2024?", "Doanh nghiệp duy trì mức lương bình quân 9,2 triệu đồng và "
     "không cắt giảm nhân sự trong năm nay.", "2025-10", Mismatch("year", "2024", ("2025",))),
    # the article's own year, last year's told too, a year the sentence writes, or no date known
    ("What is Bắc Giang's estimated lychee harvest for 2025?", "Năm nay toàn tỉnh có khoảng 29.600 ha vải, sản "
     "lượng ước đạt 215.000 tấn.", "2025-06", None),
    ("Sản lượng vải năm 2024 là bao nhiêu?", "Năm nay sản lượng ước đạt 215.000 tấn, tăng 10% so với mức 195.000 "
     "tấn của năm ngoái.", "2025-06", None),
    # last year only compared with, without its figure: this year's figure is no answer
    ("Sản lượng vải năm 2024 là bao nhiêu?", "Năm nay sản lượng ước đạt 215.000 tấn, tăng 10% so với năm ngoái.",
     "2025-06", Mismatch("year", "2024", ("2025",))),
    ("How many dengue cases did Tien Giang record in the same period of 2024?", "Từ đầu năm đến nay toàn tỉnh ghi "
     "nhận 3.247 ca mắc sốt xuất huyết, tăng 2,4 lần so với cùng kỳ năm 2024.", "2025-06",
     Mismatch("year", "2024", ("2025",))),
    # "năm ngoái" asked: the year before the article's; told as a period compared with, with its figure
    ("Mức thưởng Tết bình quân năm ngoái là bao nhiêu?", "Mức thưởng Tết bình quân năm nay là 1,1 tháng lương.",
     "2025-01", Mismatch("year", "2024", ("2025",))),
    ("Tết năm trước, Hải Dương sản xuất bao nhiêu tấn bánh?", "Vụ Tết năm nay dự kiến sản xuất 1.150 tấn bánh, tăng "
     "20% so với mức khoảng 960 tấn của vụ Tết trước.", "2025-01", None),
    ("Doanh thu tăng bao nhiêu so với năm ngoái?", "Năm nay doanh thu đạt 500 tỷ đồng, tăng 10% so với năm ngoái.",
     "2025-01", None),
    ("How many landslides occurred on the pass last rainy season?", "Từ đầu mùa mưa năm nay, đoạn đường qua đèo Lò Xo "
     "đã xảy ra 9 điểm sạt lở.", "2024-10", Mismatch("year", "2023", ("2024",))),
    # the asked year written only as one compared with, without its figure; not where the question compares too
    ("What was Ha Tinh's graduation pass rate in 2023?", "Tỷ lệ đỗ toàn tỉnh đạt 99,41%, tăng 0,23 điểm phần trăm so "
     "với năm 2023.", "2024-07", Mismatch("year", "2023", ("2024",))),
    ("so voi cung ky nam 2022 thu ngan sach bang bao nhieu phan tram", "Thu ngân sách đạt 120,3 tỷ đồng, bằng 75% so "
     "với cùng kỳ năm 2022.", "2023-07", None),
    ("còn năm ngoái thì sao?", "Con số này giảm 9 vụ so với cùng kỳ năm ngoái.", "2025-05", None),
    # "this year" written as the months so far, with no year
    ("Co bao nhieu vu tai nan tren Quoc lo 14 trong nam 2023?", "Từ đầu năm đến nay, Quốc lộ 14 đoạn qua Đắk Nông đã "
     "xảy ra 47 vụ tai nạn.", "2024-11", Mismatch("year", "2023", ("2024",))),
    ("How many social housing units did Hanoi complete in 2024?", "Trong 6 tháng đầu năm, Hà Nội mới hoàn thành 2 dự "
     "án nhà ở xã hội với tổng cộng 1.350 căn.", "2025-07", Mismatch("year", "2024", ("2025",))),
    ("Sản lượng vải năm 2024 là bao nhiêu?", "Năm nay sản lượng đạt 215.000 tấn, năm 2024 đạt 190.000 tấn.",
     "2025-06", None),
    ("Sản lượng vải năm 2024 là bao nhiêu?", "Năm nay sản lượng ước đạt 215.000 tấn.", "", None),
    # a figure now ("hiện có giá") is this year's; not what was done ("thực hiện")
    ("gia nhan huong chi nam ngoai bao nhieu", "Nhãn Hương Chi hiện có giá 25.000-28.000 đồng/kg.", "2024-08",
     Mismatch("year", "2023", ("2024",))),
    ("Năm 2023 tỉnh làm bao nhiêu km đường?", "Tỉnh đã thực hiện 120 km đường giao thông nông thôn.", "2024-08", None),
    # a day without its year is in the article's year, or the year before when its month is later than the article's
    ("Năm 2024 Phúc Thịnh xuất bao nhiêu tấn bánh sang Canada?", "Ngày 6/1, Phúc Thịnh xuất lô 8 tấn bánh sang "
     "Canada.", "2025-01", Mismatch("year", "2024", ("2025",))),
    ("Năm 2024 có bao nhiêu người đến dự?", "Đêm 18/11, hơn 20.000 người đến dự lễ hội.", "2025-03", None),
    ("Năm 2024 tỉnh trồng bao nhiêu ha rừng?", "Tỉnh trồng 1/3 diện tích, khoảng 500 ha.", "2025-03", None),
    # so is a month without its year; not a month ahead
    ("Tỷ lệ cây sống ở Tiền Hải năm 2023 là bao nhiêu?", "Kết quả kiểm tra cuối tháng 4 cho thấy tỷ lệ cây sống ở Tiền "
     "Hải đạt khoảng 78%.", "2024-05", Mismatch("year", "2023", ("2024",))),
    ("Tỷ lệ cây sống ở Tiền Hải năm 2024 là bao nhiêu?", "Kết quả kiểm tra cuối tháng 4 cho thấy tỷ lệ cây sống ở Tiền "
     "Hải đạt khoảng 78%.", "2024-05", None),
    ("Năm 2023 tỉnh đón bao nhiêu khách?", "Đến tháng 12, tỉnh sẽ đón 2 triệu lượt khách.", "2024-05", None),
    ("Tỷ lệ cây sống ở Tiền Hải năm 2023 là bao nhiêu?", "Kiểm tra cuối tháng 4, tỷ lệ cây sống ở Tiền Hải đạt 78%.",
     "2024-05", Mismatch("year", "2023", ("2024",))),  # a comma after the month
    ("Năm 2023 tỉnh trồng bao nhiêu ha rừng?", "Tỉnh trồng 500 ha rừng, hoàn thành vào tháng 4 năm sau.", "2024-05",
     None),
    ("Năm 2024, Hà Nội có bao nhiêu thí sinh thi vào lớp 10?", "Sáng 7/6, hơn 106.000 học sinh dự thi vào lớp 10 năm "
     "học 2025-2026.", "2025-06", Mismatch("year", "2024", ("2025",))),  # a school year names no single year
    # a later year than the article's: only a sentence that looks ahead may tell of it
    ("How many riders took part in 2026?", "Có 61 tay đua về đích chặng cuối.", "2025-04",
     Mismatch("year", "2026", ("2025",))),
    ("How many riders took part in 2026?", "Giải năm sau dự kiến có 80 tay đua.", "2025-04", None),
    ("How many riders will race in 2026?", "Có 61 tay đua về đích chặng cuối.", "2025-04", None),  # a forecast
    ("What game did the paper buy in 2022?", "Năm 2022, tờ báo mua lại trò chơi chữ Wordle.", "2020-11", None),
    # a year a record runs since is no year the sentence tells of
    ("loi nhuan truoc thue nam 2024 la bao nhieu", "Lợi nhuận trước thuế đạt 318 tỷ đồng, cao nhất kể từ khi doanh "
     "nghiệp cổ phần hóa năm 2006.", "2025-02", None),
    # last year told, but not the one asked; "năm nay" only compared with
    ("Năm 2023, tiền công hái tiêu là bao nhiêu một ngày?", "Tiền công hái tiêu năm nay lên tới 300.000 đồng mỗi "
     "ngày, trong khi năm ngoái chỉ khoảng 250.000 đồng.", "2025-10", Mismatch("year", "2023", ("2025",))),
    ("nam 2025 tinh du kien thu tien su dung dat bao nhieu", "Tỉnh dự kiến thu 4.000 tỷ đồng tiền sử dụng đất, giảm "
     "20% so với năm nay.", "2024-11", None),
    # this year asked, last year told only: not the figure asked (with or without accents, in English too)
    ("bai do xe le hoi nam nay chua duoc bao nhieu o to", "Năm ngoái, bãi đỗ xe chỉ đủ chỗ cho khoảng 300 ô tô, "
     "du khách phải gửi xe cách khu di tích hơn 1 km.", "2025-02", Mismatch("year", "2025", ("2024",))),
    ("How many cars can the festival car park hold this year?", "Năm ngoái, bãi đỗ xe chỉ đủ chỗ cho khoảng 300 ô "
     "tô.", "2025-02", Mismatch("year", "2025", ("2024",))),
    # ... but not last year compared with, a question comparing, this year told too, or no date known
    ("Năm nay có bao nhiêu khách?", "Lượng khách đạt 2.000 người, gấp đôi năm ngoái.", "2025-02", None),
    ("Năm nay bãi đỗ xe tăng bao nhiêu chỗ so với năm ngoái?", "Năm ngoái, bãi đỗ xe chỉ đủ chỗ cho 300 ô tô.",
     "2025-02", None),
    ("Năm nay có bao nhiêu khách?", "Lượng khách đạt 2.000 người, tăng 20% so với năm ngoái.", "2025-02", None),
    ("Năm nay bãi đỗ xe chứa bao nhiêu ô tô?", "Năm nay bãi đỗ xe chứa 800 ô tô, năm ngoái chỉ 300 ô tô.", "2025-02",
     None),
    ("Năm nay bãi đỗ xe chứa bao nhiêu ô tô?", "Năm ngoái, bãi đỗ xe chỉ đủ chỗ cho 300 ô tô.", "", None),
    ("Năm nay tỉnh trồng bao nhiêu ha rừng?", "Năm qua, tỉnh trồng 500 ha rừng.", "2025-12", None),  # the year ending
    ("Năm nay bãi đỗ xe chứa bao nhiêu ô tô?", "Bãi đỗ xe xây 5 năm trước, chứa 300 ô tô.", "2025-02", None),
])
def test_this_year_is_the_year_of_the_articles_date(question: str, sentence: str, date: str,
                                                    told: Mismatch | None) -> None:
    assert mismatch(question, sentence, date=date) == told


def test_a_sentence_tells_of_this_year_asked() -> None:
    from retrieval.measures import tells_asked

    other = Mismatch("year", "2025", ("2024",))
    assert tells_asked("Năm nay bãi đỗ xe chứa bao nhiêu ô tô?", other, "Năm nay bãi đỗ xe mở rộng, chứa 800 ô tô.")
    assert not tells_asked("Năm nay bãi đỗ xe chứa bao nhiêu ô tô?", other, "Bãi đỗ xe chứa 300 ô tô.")


def test_a_sentence_tells_of_the_asked_casualty_by_its_figure() -> None:
    from retrieval.measures import tells_asked

    dead = Mismatch("casualty", "dead", ("none",))
    assert tells_asked("How many dengue deaths has Hanoi recorded?", dead, "Đã có 7 trường hợp tử vong.")
    assert not tells_asked("How many dengue deaths has Hanoi recorded?", dead, "Trong đó 37 ca dương tính, chưa có "
                           "trường hợp tử vong.")
    assert not tells_asked("Bao nhiêu người chết?", dead, "Bão làm 12 người bị thương.")
