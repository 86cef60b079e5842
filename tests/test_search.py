"""Ranking: accent restoration, answer types, token MaxSim, and the Searcher's three modes on a tiny index."""
from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from embeddings.encoder import HashingEncoder
from retrieval.asks import question_type
from retrieval.diacritics import DiacriticRestorer
from retrieval.recase import CaseTable
from retrieval.index import LoadedIndex
from retrieval.maxsim import TokenVectors, maxsim, previous_rows
from retrieval.passages import MAX_PARAGRAPH_CHARS, context_texts, paragraph_parts, paragraph_texts, passage_text
from retrieval.search import LEAVE_OUT_WEIGHT, MAXSIM_WEIGHT, PARAGRAPH_WEIGHT, Searcher
from retrieval.span_shapes import TypeEvidence
from retrieval.spans import answer_span, fits_wording, names_person, pull
from retrieval.textnorm import fold
from retrieval.types import Article, Mismatch, Sentence
from retrieval.vectors import FaissIndex

SENTENCES = [
    ("a", "Thu ngân sách của huyện đạt 120,3 tỷ đồng trong 6 tháng đầu năm."),
    ("a", "Ông Nguyễn Văn Nam là chủ tịch huyện."),
    ("a", "Ông đã chỉ đạo xây dựng cầu mới."),
    ("b", "Hội nghị diễn ra vào năm 2023 tại Hà Tĩnh."),
    ("b", "Nông dân thu hoạch lúa trên cánh đồng."),
]


# --- accents -------------------------------------------------------------------------------------------------

def test_restorer_puts_back_accents_seen_in_the_corpus_and_question_words() -> None:
    r = DiacriticRestorer.build(text for _, text in SENTENCES)
    assert r.restore("Thu ngan sach cua huyen dat bao nhieu?") == "Thu ngân sách của huyện đạt bao nhiêu?"
    assert r.restore("Hoi nghi dien ra khi nao") == "Hội nghị diễn ra khi nào"


def test_restorer_keeps_case_accented_words_and_unknown_words() -> None:
    r = DiacriticRestorer.build(text for _, text in SENTENCES)
    assert r.restore("HA TINH") == "HÀ TĨNH"
    assert r.restore("Nông dan xyz 2023") == "Nông dân xyz 2023"


def test_restorer_prefers_the_form_that_follows_the_previous_word() -> None:
    # "ban" alone is most often "bán"; after "tham" the corpus says "bàn".
    texts = ["Họ bán hàng.", "Chợ bán cá.", "Người bán rau.", "Họ tham bàn kế hoạch."]
    r = DiacriticRestorer.build(texts)
    assert r.restore("ban") == "bán"
    assert r.restore("tham ban") == "tham bàn"


def test_a_pair_seen_in_the_corpus_beats_a_more_frequent_word_alone() -> None:
    # "do" is far more often "đó"; but the articles name "Đỗ Văn Thắng", and a name typed without accents is him.
    texts = ["Đó là điều đó."] * 20 + ["Tháng này, tháng sau, tháng trước."] * 10 + ["Bị cáo Đỗ Văn Thắng khai."] * 2
    assert DiacriticRestorer.build(texts).restore("do van thang") == "đỗ văn thắng"


def test_words_typed_without_the_accents_the_corpus_always_writes_are_found() -> None:
    r = DiacriticRestorer.build(text for _, text in SENTENCES)
    assert r.typed_without_accents("Thu ngan sách dat bao nhiêu?") == ["ngan", "dat"]
    # "Thu" is written so, "xyz" is unknown, "ban" never written: nothing says the question lost its accents
    assert r.typed_without_accents("Thu ngân sách xyz ban đạt bao nhiêu?") == []
    # the articles' spellings decide, not general Vietnamese's, which writes "ban" and "gia" bare too
    assert DiacriticRestorer.build(["Giá bán tăng."]).typed_without_accents("Gia ban tăng bao nhiêu?") == ["ban"]


def test_a_question_typed_partly_without_accents_is_answered_like_an_accented_one(hashing_settings) -> None:
    from retrieval.service import QAService

    service = QAService.open(hashing_settings)
    answer = service.ask("tông gia tri san xuât đạt bao nhiêu?")
    assert answer.answered and "tổng giá trị sản xuất" in answer.quotes[0].text


def test_a_question_s_own_words_are_restored_where_the_articles_never_write_them() -> None:
    # One sentence about a prize; "tiền thưởng", "mất mấy tiếng" and "hộ chiếu" come from general Vietnamese
    # (retrieval/lexicon), while the corpus's words are restored as before.
    r = DiacriticRestorer.build(["Ông Hùng nhận giải nhất."])
    assert r.restore("ong hung duoc thuong bao nhieu tien") == "ông hùng được thưởng bao nhiêu tiền"
    assert r.restore("di xe buyt mat may tieng") == "đi xe buýt mất mấy tiếng"
    assert r.restore("lam ho chieu can giay to gi") == "làm hộ chiếu cần giấy tờ gì"


def test_the_corpus_still_decides_its_own_names_against_general_text() -> None:
    texts = ["Huyện Chợ Mới có 12 xã.", "Chợ Mới nằm bên sông Tiền.", "Người dân Chợ Mới trồng lúa."]
    assert DiacriticRestorer.build(texts).restore("cho moi") == "chợ mới"
    assert DiacriticRestorer.build(["Ông Đỗ Văn Thắng phát biểu."]).restore("do van thang") == "đỗ văn thắng"


def test_names_get_the_capitals_the_corpus_writes_them_with() -> None:
    table = CaseTable.build(["Sạt lở ở huyện Chợ Mới khiến 11 nhà bị cuốn trôi.", "Ông Khoa là kỹ sư của MPR.",
                             "Mới đây, khoa học đã chứng minh điều đó.", "Giá mới tăng.", "Khoa Nhi có 30 giường."])
    assert table.recase("sạt lở ở chợ mới xảy ra khi nào") == "sạt lở ở Chợ Mới xảy ra khi nào"
    assert table.recase("ông khoa làm ở mpr") == "ông Khoa làm ở MPR"
    # "mới" and "khoa" alone: written in lower case too (a capital opening a sentence tells nothing)
    assert table.recase("giá mới của khoa học") == "giá mới của khoa học"
    # words typed in lower case are recased; what the reader capitalised stays as typed
    assert table.recase("Chợ mới ở đâu") == "Chợ Mới ở đâu"
    assert table.recase("KHOA NHI có mấy giường") == "KHOA NHI có mấy giường"


def test_question_phrases_win_however_often_the_corpus_spells_those_letters_otherwise() -> None:
    r = DiacriticRestorer.build(["Anh ấy thắng nhiều lần."] * 500)
    assert r.restore("Anh ay thang bao nhieu lan?") == "Anh ấy thắng bao nhiêu lần?"


# --- answer types ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("question", "kind"), [
    ("Thu ngân sách đạt bao nhiêu?", "quantity"),
    ("thu ngan sach dat bao nhieu", "quantity"),
    ("How many points did they score?", "quantity"),
    ("Hội nghị diễn ra khi nào?", "date"),
    ("In what year did Tesla die?", "date"),
    ("Ai là chủ tịch huyện?", "name"),
    ("Who founded the company?", "name"),
    ("Hai xã được khen vì sao?", None),  # "hai" is not "ai"
    ("Hai huyện nào được khen?", "name"),  # "which <kind of named thing>"
    ("Which province is the district in?", "name"),
    ("Máy bay cất cánh ở đâu?", None),  # "máy" is not "mấy"
    ("Tại sao giá lúa tăng?", None),
    # English fronts its question word; later "when"/"who" are a conjunction or part of a name.
    ("How old was Manning when he played in the final?", "quantity"),
    ("What happens when the immune system is weak?", None),
    ("What does Doctor Who do when he is hurt?", None),
    ("After the war, who led the country?", "name"),
    ("To whom did he write?", "name"),
    ("Doctor Who ra mắt năm nào?", "date"),
    # "what was <a measure>": the README's own example wants a figure.
    ("what was budget revenue?", "quantity"),
    ("What was the total production value?", "quantity"),
    ("What was the company's revenue last year?", "quantity"),
    ("What is the name of the party secretary?", None),
    ("What is the capital of Hà Tĩnh?", None),
    # ... only when the measure ends the phrase: these ask for a thing, not a figure
    ("What is the main export of Vietnam?", None), ("What was the debt crisis?", None),
    ("What was the impact on output?", None), ("What is the production company?", None),
    # "có ai ... không?" asks whether anyone did: yes or no
    ("Có ai thiệt mạng trong các vụ cháy rừng không?", None), ("co ai bi thuong khong", None),
    ("Có ai ở đó không, đội nào thắng?", "name"),
    # a match's score: a quantity in either language; who opened the scoring is a name
    ("What was the final score of the game?", "quantity"), ("Nam Định thắng với tỷ số mấy?", "quantity"),
    ("Ai ghi bàn mở tỷ số?", "name"),
    # which month, quarter or day: a date, typed without accents too; not a lift ("thang máy"), an ordinal, a fund
    ("Bộ công bố kết luận vào tháng mấy?", "date"), ("khoi cong vien duong lao vao quy may", "date"),
    ("hoi nghi hop ngay may", "date"), ("toa nha co bao nhieu thang may", "quantity"),
    ("Hammurabi là vị vua thứ mấy?", "quantity"), ("Quỹ nào dẫn dắt vòng Series A?", None),
    # "what share of", and a score asked after the match's name
    ("What share of Vietnam's rice exports went to the Philippines?", "quantity"),
    ("Tỷ số trận chung kết đơn nam giải quần vợt quốc gia là bao nhiêu?", "quantity"),
    # "what <measure> did/is ...?", and what a company is valued at; not a possessive's thing
    ("What anti-dumping duty did the US set?", "quantity"), ("At what price did Brent crude close?", "quantity"),
    ("What is Kiwi Edu valued at after the Series A?", "quantity"),
    # a target is a figure; a sum may follow five words ("Quảng Ninh's total state budget revenue")
    ("What is Nghe An's full-year target for overseas workers in 2024?", "quantity"),
    ("What was Quảng Ninh's total state budget revenue for 2024?", "quantity"),
    ("What toll per kilometre will cars pay on the expressway?", "quantity"),
    # ... but "how tall" is no quantity question for ranking: it moved the English off-topic floor
    ("How tall is Mount Everest?", None),
    ("Which company's shares did foreign investors sell the most?", "name"),
    # which place or market: a name ("Tương Dương", "Mỹ"); not "cơ quan nào" (a body, often no name)
    ("Nơi nào nóng nhất cả nước?", "name"), ("Thị trường nào mua tôm nhiều nhất?", "name"),
    ("Which markets come after Japan?", "name"),
])
def test_question_type(question: str, kind: str | None) -> None:
    assert question_type(question) == kind


GOLD = ("Sáng 9/10, SJC niêm yết giá vàng miếng ở mức 139,2 triệu đồng mỗi lượng mua vào và 141,2 triệu đồng mỗi "
        "lượng bán ra, tăng 2,1 triệu đồng so với chốt phiên hôm trước.")
RESPECTIVELY = ("Hai đồng phạm là kế toán trưởng Nguyễn Thị Mai (45 tuổi) và thủ quỹ Trịnh Văn Hòa (39 tuổi) lần "
                "lượt nhận 9 năm và 6 năm tù.")
BUDGET = ("Thu ngân sách trên địa bàn đạt 120,3 tỷ đồng (đạt 40% kế hoạch tỉnh giao, bằng 29% dự toán HĐND huyện "
          "giao và bằng 75% so với cùng kỳ năm 2022).")


@pytest.mark.parametrize(("question", "sentence", "bold"), [
    # the span nearest the words the question shares with the sentence
    ("Thu ngân sách của huyện trong nửa đầu năm được bao nhiêu?", BUDGET, "120,3 tỷ đồng"),
    # the unit the question asks for
    ("So với cùng kỳ thì thu ngân sách bằng bao nhiêu phần trăm?", BUDGET, "75%"),
    ("Có bao nhiêu người dự hội nghị?", "Năm 2023, hội nghị kéo dài 3 ngày với 150 người dự.", "150 người"),
    ("How far is Huế from Hà Nội?", "Huế có 2 sân bay và cách Hà Nội 660 km.", "660 km"),
    # a number in words; a bare year is no quantity
    ("Trường có bao nhiêu đơn vị?", "Năm 1890, trường có mười một đơn vị.", "mười một đơn vị"),
    # the precision a date question asks for
    ("Hội nghị diễn ra vào ngày nào?", "Năm 2023, hội nghị diễn ra ngày 12/7 tại huyện.", "ngày 12/7"),
    ("Tesla mất năm nào?", "Tesla mất ngày 7 tháng 1 năm 1943 tại New York.", "ngày 7 tháng 1 năm 1943"),
    # names are capitalised words ("đã", "để" are not), several words rather than one capitalised noun
    ("Ai đã đến để nghe Luther giảng?", "Các sinh viên đã đến Wittenberg để nghe Luther giảng.", "Wittenberg"),
    ("Ai trình bày báo cáo?", "Thay mặt Đảng ủy, bà Hà Thị Việt Ánh trình bày báo cáo.", "Hà Thị Việt Ánh"),
    # a place or body run straight into a person's name is split at the family name
    ("Who delivered the closing remarks?", "Kết luận hội nghị, Bí thư Huyện ủy Cẩm Xuyên Nguyễn Văn Thành đề nghị "
     "tập trung cao.", "Nguyễn Văn Thành"),
    ("Ai phát biểu?", "Phó Chủ tịch UBND Cẩm Xuyên Nguyễn Thị Hà phát biểu.", "Nguyễn Thị Hà"),
    # a family name ends a place's name without starting a person's ("Dương" of "Đại Tây Dương")
    ("What ocean did Marconi cross?", "Năm 1901, Marconi vượt Đại Tây Dương.", "Đại Tây Dương"),
    # a Vietnamese run going on in lower case is a body's or title's name cut short ("Phó Chủ" of "Phó Chủ tịch")
    ("Which team did Elway lead?", "Elway dẫn dắt Broncos và hiện là Phó Chủ tịch của đội.", "Broncos"),
    # ... but a person's name goes on in lower case too, as does a foreign name
    ("Ai kết luận hội nghị?", "Sau đó Bí thư Nguyễn Văn Thành kết luận hội nghị.", "Nguyễn Văn Thành"),
    ("Who led in sacks?", "Theo Phó Chủ tịch đội, Kawann Short dẫn đầu về số lần vật ngã.", "Kawann Short"),
    # the counted noun right after the number, not two clauses on ("2 người bị thương, 35 ngôi nhà")
    ("Bão làm bao nhiêu ngôi nhà bị tốc mái?", "Bão làm 2 người bị thương, 35 ngôi nhà bị tốc mái.", "35"),
    # a range is one answer; "và" joins a bare value to the next, not two counted ones
    # a price per unit keeps its unit, a temperature its degrees, visits their noun; "đồng phạm" is no money
    ("Giá căn hộ bao nhiêu?", "Giá căn hộ tại Hà Nội đạt 72 triệu đồng mỗi m2, tăng 28%.", "72 triệu đồng mỗi m2"),
    ("Nhiệt độ cao nhất là bao nhiêu?", "Trạm Láng đo được 41,2 độ C, cao nhất từ đầu mùa hè.", "41,2 độ C"),
    ("Đón bao nhiêu khách quốc tế?", "Khách quốc tế đạt khoảng 135.000 lượt, chủ yếu từ Hàn Quốc.", "135.000 lượt"),
    ("Bị cáo chiếm đoạt bao nhiêu?", "Cùng 6 đồng phạm, ông chiếm đoạt 29 tỷ đồng.", "29 tỷ đồng"),
    # an English question's casualty points where its Vietnamese does
    ("How many people are still missing?", "Bão làm 4 người chết, 2 người mất tích và 15 người bị thương.",
     "2 người"),
    ("How many people were injured?", "Bão làm 4 người chết, 2 người mất tích và 15 người bị thương.", "15 người"),
    # the number of a code is none: "HS-10" is a chip's name, "51B-284.67" a number plate
    ("Doanh thu là bao nhiêu?", "Công ty ra mắt chip HS-10, bán được 3.000 chiếc.", "3.000"),
    ("Xe chở bao nhiêu người?", "Xe khách biển kiểm soát 51B-284.67 chở 38 người.", "38 người"),
    # a day's or month's number is not the quantity asked for; a quarter is a date
    ("How much durian was exported?", "Riêng tháng 9, xuất khẩu sầu riêng đạt 640 triệu USD.", "640 triệu USD"),
    ("Khi nào đoạn còn lại hoàn thành?", "Đoạn còn lại dự kiến hoàn thành vào quý II/2026.", "quý II/2026"),
    # a price per unit keeps its unit
    ("Giá lúa bao nhiêu?", "Giá lúa tươi dao động từ 7.200 đến 7.800 đồng/kg.", "7.200 đến 7.800 đồng/kg"),
    ("Lượng mưa bao nhiêu?", "Lượng mưa phổ biến 150-250 mm.", "150-250 mm"),
    ("Mưa to khi nào?", "Từ ngày 7/9 đến 9/9, tỉnh có mưa to.", "ngày 7/9 đến 9/9"),
    ("Kỳ thi diễn ra ngày nào?", "Kỳ thi diễn ra trong hai ngày 27 và 28/6.", "ngày 27 và 28/6"),
    ("Bao nhiêu người bị thương?", "Bão làm 2 người bị thương và 35 ngôi nhà bị tốc mái.", "2 người"),
    # a number in a date is no quantity ("15/3"), nor is "tư" of "đầu tư" (four only after another number word)
    ("Giá vé bao nhiêu?", "Sáng 15/3, giá vé là 12.000 đồng.", "12.000 đồng"),
    ("tong muc dau tu la bao nhieu", "Tổng mức đầu tư của toàn tuyến là 34.826 tỷ đồng.", "34.826 tỷ đồng"),
    ("Có bao nhiêu người tham gia?", "Có hai mươi tư người tham gia.", "hai mươi tư người"),
    # a sentence's first word is a name when no Vietnamese word ends that way ("Oxi", a loanword, is not)
    ("Which country signed the treaty?", "Greenland đã ký hiệp ước năm 1985.", "Greenland"),
    # what an English "how many" counts, in the Vietnamese the sentence writes it in
    ("How many passengers can one train carry?", "Mỗi đoàn tàu gồm 4 toa, chở được khoảng 944 hành khách.", "944"),
    ("How many new party members joined?", "Trong 6 tháng, huyện kết nạp 120 đảng viên mới.", "120 đảng viên"),
    ("Ai phát biểu?", "Theo ông Nguyễn Văn A, dự án sẽ xong.", "Nguyễn Văn A"),
    # a number word counts what follows, read on as the question writes it; never a name nor a lone multiplier
    ("Đồng Nai có mấy dự án trọng điểm?", "Đây là hai dự án có ý nghĩa quyết định.", "hai dự án"),
    ("Có bao nhiêu người tham gia?", "Có hai mươi người tham gia.", "hai mươi người"),
    ("Việt Nam vô địch mấy lần?", "Đây là lần thứ ba Việt Nam vô địch Đông Nam Á, sau các năm 2008 và 2018.",
     "thứ ba"),
    ("How much dividend per share?", "Công ty chi trả cổ tức với tỷ lệ 38,5% bằng tiền mặt.", "38,5%"),
    # times, durations and speeds keep their units
    ("Vụ tai nạn xảy ra lúc mấy giờ?", "Khoảng 2 giờ 30 phút sáng 14/3, trên quốc lộ 1 đã xảy ra vụ tai nạn.",
     "2 giờ 30 phút"),
    ("Đám cháy bùng lên lúc mấy giờ?", "Khoảng 2h30 ngày 14/11, ngọn lửa bùng phát tại tầng trệt.", "2h30"),
    ("What time did the police get the call?", "Nhận tin báo lúc 2h42, cảnh sát điều 6 xe chữa cháy.", "2h42"),
    ("Trận đấu bắt đầu lúc mấy giờ?", "Trận đấu có 20.000 khán giả, bắt đầu lúc 19h tối 15/3.", "19h"),
    ("How many fire engines were sent?", "Nhận tin báo lúc 2h42, cảnh sát điều 6 xe chữa cháy.", "6"),
    ("Vụ tai nạn gây ùn tắc bao lâu?", "Vụ tai nạn làm ách tắc quốc lộ 1 khoảng 5 giờ đồng hồ.", "5 giờ đồng hồ"),
    ("Tốc độ xe khách là bao nhiêu?", "Tốc độ của xe khách là 78 km/h trong khi tối đa là 60 km/h.", "78 km/h"),
    ("Gió giật mạnh bao nhiêu?", "Trạm Bãi Cháy (Quảng Ninh) đo được gió giật 45 m/s, tương đương cấp 14.", "45 m/s"),
    # a day with its hour is one date, and a range with it
    ("Hạn nộp đơn là khi nào?", "Thí sinh nộp đơn đến 17 giờ ngày 26/7.", "17 giờ ngày 26/7"),
    # thirty hours are no time of day
    ("Đám cháy bắt đầu khi nào?", "Đám cháy kéo dài 30 giờ từ chiều 17/3.", "17/3"),
    # the question's words in the same clause as the answer pull harder than across a comma
    ("Xuân Son nhập quốc tịch Việt Nam khi nào?", "Anh sinh năm 1997, nhập quốc tịch Việt Nam hồi tháng 10/2024.",
     "tháng 10/2024"),
    # a capitalised word right after a number is its unit, not a name; "Mai" begins a person's name
    ("Nhà đầu tư lớn nhất là nước nào?", "Hàn Quốc tiếp tục là nhà đầu tư lớn nhất với 410 triệu USD.", "Hàn Quốc"),
    ("Tổng giám đốc là ai?", "Tổng giám đốc Vinamilk Mai Kiều Liên cho biết công ty sẽ đầu tư.", "Mai Kiều Liên"),
    # a name the question gives whole is cut from the front of the answer's; a part of one, or a person's, is not
    ("Tổng thống Chile tên là gì?", "Tổng thống Chile Andrés Valdivia đón đoàn tại La Moneda.", "Andrés Valdivia"),
    ("Quốc gia nào được công nhận không còn sốt rét?", "Trung Quốc được công nhận năm 2021.", "Trung Quốc"),
    ("Whose horse struck Emily Davison?", "Emily Wilding Davison bị ngựa của Vua George V húc ngã.",
     "Vua George V"),
    ("Ai là Giám đốc Trung tâm Vũ trụ Việt Nam?", "Giám đốc Trung tâm Vũ trụ Việt Nam Vũ Quang Huy cho biết.",
     "Vũ Quang Huy"),
    # a person's name, not a family name alone: "Đào" of "Đào tạo"; a code is one name
    ("ai la giam doc so giao duc ha tinh", "Ông Nguyễn Văn Hiền, Giám đốc Sở Giáo dục và Đào tạo Hà Tĩnh, nhận định.",
     "Nguyễn Văn Hiền"),
    ("Trước khi lên đội một, Gia Bảo chơi cho đội nào?", "Gia Bảo được đôn lên từ đội U21 hồi đầu năm.", "U21"),
    # a mass asked for: the figure with a unit of mass
    ("Vệ tinh nặng bao nhiêu?", "Vệ tinh dài 30 cm, nặng 6,5 kg.", "6,5 kg"),
    # a score: the scoreline, the final one rather than one on the way, sets whole; not a season or a formation
    ("Tỷ số trận đấu là bao nhiêu?", "Nam Định thắng Hà Nội FC 3-1 ở vòng 9 V-League 2024-2025.", "3-1"),
    ("What was the final score of her match?", "Chị dẫn trước 6-0 sau hiệp một và kết thúc với tỷ số 10-2.", "10-2"),
    ("Trang thắng với tỷ số nào?", "Trang thắng Vũ Hải Yến 6-2, 6-4 chỉ trong 78 phút.", "6-2, 6-4"),
    ("ty so tran dau the nao", "Đội chủ nhà chơi sơ đồ 4-3-3 và thắng 2–1.", "2–1"),
    # a year that ends a name is no date the sentence answers with, if it has another
    ("When did the Hue festival close?", "Festival Huế 2026 đã bế mạc tối 14/6 tại Quảng trường Ngọ Môn.",
     "14/6"),
    ("World Cup diễn ra năm nào?", "World Cup 2022 diễn ra ở Qatar.", "2022"),
    ("Hội nghị diễn ra khi nào?", "Năm 2023 hội nghị diễn ra tại Hà Tĩnh.", "Năm 2023"),
    # "tăng lên bao nhiêu", "giảm xuống còn bao nhiêu": the figure after "lên", "còn", not the one it left
    ("Tỉ lệ đọc thông viết thạo tăng lên bao nhiêu?", "Tỉ lệ đọc thông viết thạo tăng từ 62% lên 88%.", "88%"),
    ("Chỉ số creatinine giảm xuống còn bao nhiêu?", "Chỉ số creatinine đã giảm từ 890 xuống còn 110.", "110"),
    # the unit right after "bao nhiêu" is the one asked for, not "chi phí" after it
    ("Bảo hiểm y tế chi trả bao nhiêu phần trăm chi phí ca ghép?",
     "Tổng chi phí ca ghép khoảng 350 triệu đồng, trong đó bảo hiểm y tế chi trả khoảng 70%.", "70%"),
    # capital is money, not a count of what has it; rain is measured in millimetres
    ("Long An hút được bao nhiêu vốn FDI?", "Tỉnh đã cấp mới 41 dự án có vốn FDI với tổng vốn 712 triệu USD.",
     "712 triệu USD"),
    ("How much rain fell in Y Ty?", "Lượng mưa tại xã Y Tý trong 48 giờ lên tới 386 mm.", "386 mm"),
    # a decimal comma is no clause break: "bán ra" sits next to its price, not a clause away
    ("SJC bán ra vàng miếng giá bao nhiêu một lượng?", GOLD, "141,2 triệu đồng mỗi lượng"),
    ("Vàng nhẫn bán ra bao nhiêu?", "Giá vàng nhẫn trơn 9999 được bán ra ở mức 138,6 triệu đồng.",
     "138,6 triệu đồng"),  # a price, not the purity
    ("How much did the SJC price rise?", GOLD, "2,1 triệu đồng"),  # "rise": "tăng"
    ("How many goals has the team let in?", "Đội ghi được 8 bàn nhưng để thủng lưới 21 bàn.", "21"),
    # "bao nhiêu một lượng": a figure per lượng; a difference ("thấp hơn ... 12,3 triệu đồng") is no value
    ("gia vang the gioi quy ra bao nhieu mot luong", "Giá vàng thế giới tương đương khoảng 128,9 triệu đồng mỗi "
     "lượng, thấp hơn giá vàng miếng trong nước 12,3 triệu đồng.", "128,9 triệu đồng mỗi lượng"),
    ("Đội có mấy điểm?", "Đội giành 9 điểm, đứng thứ 13 và chỉ hơn đội cuối bảng 1 điểm.", "9 điểm"),
    ("Đội hơn đội cuối bảng mấy điểm?", "Đội giành 9 điểm, đứng thứ 13 và chỉ hơn đội cuối bảng 1 điểm.",
     "1 điểm"),
    # "từ 3 ngày xuống còn 2 ngày": the value now, unless the question asks the one before
    ("Xét duyệt e-visa mất mấy ngày?", "Thời gian xét duyệt được rút ngắn từ 3 ngày xuống còn 2 ngày.", "2 ngày"),
    ("Trước đây xét duyệt e-visa mất mấy ngày?", "Thời gian xét duyệt được rút ngắn từ 3 ngày xuống còn 2 ngày.",
     "3 ngày"),
    ("What was the selling price of SJC gold bars?", GOLD, "141,2 triệu đồng mỗi lượng"),  # "selling": "bán ra"
    # "A và B lần lượt nhận 9 năm và 6 năm tù": the figure in the place of the item the question names
    ("thu quy trinh van hoa bi phat bao nhieu nam tu", RESPECTIVELY, "6 năm"),
    ("Kế toán trưởng Nguyễn Thị Mai nhận bao nhiêu năm tù?", RESPECTIVELY, "9 năm"),
    ("How many years did treasurer Trinh Van Hoa get?", RESPECTIVELY, "6 năm"),
    # the item named by its title only, not by the words before the list; nothing named: both
    ("ke toan truong bi phat may nam tu", RESPECTIVELY, "9 năm"),
    ("Hai đồng phạm nhận bao nhiêu năm tù?", RESPECTIVELY, "9 năm và 6 năm"),
    # a score the teams were level at is none; a day with its hour and the part of the day between
    ("What was the score of the deciding set?", "Hai đội giằng co đến tỷ số 12-12, trước khi Siriporn Wongsa ấn "
     "định tỷ số 15-12.", "15-12"),
    ("When did the landslide happen?", "Tại thôn Phìn Ngan, khoảng 2h sáng 16/8, một khối đất đá đổ xuống.",
     "2h sáng 16/8"),
    # a count in words the question does not ask for is news counting in passing
    ("Sau đối thoại, công ty chốt thưởng Tết bao nhiêu?", "Sau hai buổi đối thoại kéo dài đến tối 9/1, công ty đồng "
     "ý nâng mức thưởng lên 0,8 tháng lương, cộng thêm 500.000 đồng tiền chuyên cần.", "0,8 tháng"),
    # a name after a capital and an apostrophe, without the honorific that opens the sentence
    ("Phó chủ tịch UBND tỉnh Đắk Lắk là ai?", "Bà H'Liên Êban, Phó chủ tịch UBND tỉnh Đắk Lắk, yêu cầu ưu tiên nước.",
     "H'Liên Êban"),
    ("Ai cho biết dự án sẽ hoàn thành?", "Ông Albert Thomas cho biết dự án sẽ hoàn thành.", "Albert Thomas"),
    # a place asked for: not the person the question names
    ("Chị Sa Rây quê ở tỉnh nào?", "Chị Thạch Thị Sa Rây, 34 tuổi, quê Trà Vinh, làm ở tổ may.", "Trà Vinh"),
    # a sum the question names, or a price, wants money (`asks.asks_money`, as `measures` reads it)
    ("How much is the entrance ticket?", "Một tour 3 ngày 2 đêm có giá từ 3,2 triệu đồng mỗi khách, đã gồm vé tham "
     "quan.", "3,2 triệu đồng"),
    ("How much did Tu borrow to go to Japan?", "Tú, 26 tuổi, vay 180 triệu đồng để sang Nhật.", "180 triệu đồng"),
    ("Học sinh mua vé tháng phải trả bao nhiêu?", "Vé tháng giá 300.000 đồng; học sinh được giảm 50%, chỉ phải trả "
     "150.000 đồng.", "150.000 đồng"),  # what is paid, not the discount
    ("ba nhung mat bao nhieu tien", "Bà Nhung, 67 tuổi, chuyển 2,3 tỷ đồng trong 3 ngày.", "2,3 tỷ đồng"),
    ("Lợi nhuận sau thuế năm 2023 đạt bao nhiêu?", "Năm 2023, công ty có 11% thị phần, lợi nhuận sau thuế 392 tỷ "
     "đồng.", "392 tỷ đồng"),
    ("Dự án có tổng mức đầu tư bao nhiêu?", "Dự án quy mô 500 giường, tổng mức đầu tư 680 tỷ đồng.", "680 tỷ đồng"),
    ("co phieu dhb dong cua o gia bao nhieu", "Cổ phiếu DHB tăng 2,4%, đóng cửa ở giá 18.650 đồng.", "18.650 đồng"),
    ("What is the new average retail electricity price?", "Từ 15/11, giá bán lẻ điện bình quân tăng 4,8%, lên 2.283 "
     "đồng/kWh.", "2.283 đồng"),
    # an amount of earth is in m3; a speed in km/h; an English rate or growth in % (not its change)
    ("khoi luong dat da sat lo la bao nhieu", "Vết sạt dài 80 m, khối lượng đất đá khoảng 12.000 m3.", "12.000 m3"),
    ("How fast was the coach going?", "Xe khách chở 40 hành khách, chạy với tốc độ 78 km/h.", "78 km/h"),
    # "tiếng" is an hour: "mất bao lâu" wants "6 tiếng", not the "3 giờ" of something else
    ("ca ghep tim mat bao lau", "Ca ghép tim kéo dài khoảng 6 tiếng, thời gian thiếu máu lạnh dưới 3 giờ.", "6 tiếng"),
    ("What was the peak hotel occupancy rate?", "Có 1.850 phòng khách sạn, công suất cao điểm đạt 92%.", "92%"),
    # three words before the measure; "paying", "capacity" drawn to their Vietnamese
    ("What is UEH's total undergraduate quota for 2025?", "UEH công bố phương án tuyển sinh năm 2025 với tổng chỉ tiêu "
     "7.850 sinh viên, tăng 350 so với năm 2024.", "7.850"),
    ("How many paying users does KiwiTutor have?", "Theo công ty, KiwiTutor hiện có 2,3 triệu người dùng đăng ký, "
     "trong đó khoảng 410.000 người trả phí với mức 129.000 đồng mỗi tháng.", "410.000 người"),
    ("What maximum demand does EVN expect in May to July?", "Công suất cực đại toàn hệ thống trong các tháng 5-7 dự "
     "kiến đạt 54.500 MW.", "54.500 MW"),  # "7" is a month
    ("What is the design capacity of the terminal?", "Nhà ga có tổng diện tích sàn 46.500 m2, công suất 5 triệu hành "
     "khách/năm.", "5 triệu"),
    ("By how much did the pass rate go up?", "Tỷ lệ đỗ đạt 99,41%, tăng 0,23 điểm phần trăm so với năm trước.",
     "0,23 điểm"),
    # which month or quarter: the month, not a count; "what share of": the share its Vietnamese words sit by
    ("sao mai mo duong bay di sydney vao thang may", "Sao Mai nhận thêm 5 máy bay và mở đường bay đi Sydney vào "
     "tháng 12.", "tháng 12"),
    ("khoi cong vien duong lao vao quy may", "Sở dự kiến khởi công hai viện dưỡng lão vào quý II/2026.", "quý II/2026"),
    ("What share of the district People's Council estimate did budget revenue reach?", "Thu ngân sách đạt 120,3 tỷ "
     "đồng (đạt 40% kế hoạch tỉnh giao, bằng 29% dự toán HĐND huyện giao).", "29%"),
    ("Tỷ số trận chung kết đơn nam giải quần vợt là bao nhiêu?", "Tay vợt 21 tuổi thắng 4-6, 7-5, 6-3.",
     "4-6, 7-5, 6-3"),
    # "sân nào", "trường nào": the name after "sân", a school's whole name (a person's name in it too)
    ("vong 18 nam dinh da san nao", "Ở vòng 18, Nam Định làm khách trên sân Lạch Tray của Hải Phòng, còn Hà Nội FC "
     "tiếp Becamex Bình Dương.", "Lạch Tray"),
    ("Thủ khoa là học sinh trường nào?", "Thủ khoa là em Trần Thị Mai Phương, học sinh Trường THPT Nguyễn Du.",
     "Trường THPT Nguyễn Du"),
    ("Thị trường nào mua tôm nhiều nhất?", "Năm nay, thị trường tiêu thụ lớn nhất của tôm hiện là Mỹ với 31% kim "
     "ngạch.", "Mỹ"),
    # "how tall / deep": a figure for the bold, in a length's unit where the sentence has one
    ("How tall is the Obelisk?", "Tháp Obelisk cao 67 mét, được xây năm 1884.", "67 mét"),
    ("how deep was the water?", "Nước ngập 70% diện tích xã, có nơi sâu tới 3 m.", "3 m"),
    # "what does ... cost": a sum, or nothing
    ("What does a single dose of rabies vaccine cost?", "Mỗi liều vaccine dại có giá 285.000 đồng.", "285.000 đồng"),
    # "cầu thủ nào", "which analyst": a person's name; not "What enemy of Doctor Who", "the players' clothing"
    ("Cầu thủ nào ghi bàn thắng quyết định?", "Phút 78, tiền đạo Nguyễn Văn Toàn đánh đầu ghi bàn ấn định tỷ số 2-1 "
     "cho Nam Định.", "Nguyễn Văn Toàn"),
    ("Which Rong Viet Securities analyst commented on the gold rally?", "Lý giải đà tăng, ông Trần Minh Khôi, chuyên "
     "gia phân tích của Công ty Chứng khoán Rồng Việt, cho rằng yếu tố quốc tế vẫn đóng vai trò chính.",
     "Trần Minh Khôi"),
    # a place in an order: after "thứ" or "hạng", shown with it, not another figure of the sentence
    ("Cảng Cái Mép đứng thứ mấy trong chỉ số CPPI?", "Cảng Cái Mép tiếp tục nằm trong nhóm 10 cảng hiệu quả nhất "
     "thế giới, xếp thứ 8.", "thứ 8"),
    ("ha noi i dang xep thu may", "Hà Nội I đứng thứ ba với 19 điểm sau trận hòa 1-1 trước Phong Phú Hà Nam.",
     "thứ ba"),
    ("Which position did Bao rise to in the rankings?", "Bảo nhận 120 điểm xếp hạng, qua đó vươn lên vị trí thứ hai.",
     "thứ hai"),
    ("Where does Cai Mep rank in the World Bank's index?", "Cảng Cái Mép tiếp tục nằm trong nhóm 10 cảng hiệu quả "
     "nhất thế giới, xếp thứ 8.", "thứ 8"),
    # "quận nào", "phường nào": a district's or a ward's name
    ("Quận nào có nhiều ca mắc nhất?", "Quận Ninh Kiều có nhiều ca mắc nhất với 14 ca, quận Cái Răng đứng thứ hai "
     "với 9 ca.", "Quận Ninh Kiều"),
    # several names asked ("những tỉnh nào", "which provinces"): the list the answer is one of, whole
    ("Làng Chuông mua lá nón ở những tỉnh nào?", "Lá nón chủ yếu được thu mua từ Quảng Bình và Thanh Hóa.",
     "Quảng Bình và Thanh Hóa"),
    ("ha noi thi diem vung phat thai thap o nhung quan nao", "Hà Nội dự kiến thí điểm vùng phát thải thấp tại quận "
     "Hoàn Kiếm và quận Ba Đình từ năm 2026.", "Hoàn Kiếm và quận Ba Đình"),
    ("Which province supplies the palm leaves?", "Lá nón chủ yếu được thu mua từ Quảng Bình và Thanh Hóa.",
     "Thanh Hóa"),
    # of a figure for each of two opposed qualifiers, the one the question's qualifier picks
    ("toc do toi da tren cao toc la bao nhieu", "Tốc độ tối đa trong giai đoạn đầu được giới hạn ở mức 70 km/h, tối "
     "thiểu 50 km/h.", "70 km/h"),
    ("How much is a child's ticket?", "Giá vé người lớn được điều chỉnh từ 250.000 đồng lên 280.000 đồng, trong khi vé "
     "trẻ em vẫn giữ mức 180.000 đồng.", "180.000 đồng"),
    ("How much is a multiple-entry e-visa?", "Phí thị thực điện tử là 25 USD với loại một lần và 50 USD với loại "
     "nhiều lần.", "50 USD"),  # the qualifier written after its figure
    # "What will X be": a measure asked
    ("What will the monthly minimum wage in region I be from 2026?", "Từ ngày 1/1/2026, lương tối thiểu tháng ở vùng I "
     "tăng từ 4,96 triệu đồng lên 5,31 triệu đồng.", "5,31 triệu đồng"),
    # "học sinh nào": a person
    ("Học sinh nào đạt điểm cao nhất khối A00?", "Thủ khoa khối A00 là em Phan Đức Anh, học sinh Trường THPT chuyên Hà "
     "Tĩnh, với 29,5 điểm.", "Phan Đức Anh"),
    # a count's "số" names nothing: "Trong số 63 điều khoản"; a company's price ("TPH's closing share price")
    ("How many clauses did the charter originally contain?", "Trong số 63 điều khoản ban đầu, ngày nay chỉ còn ba "
     "điều vẫn là một phần của luật pháp Anh.", "63"),
    ("What was TPH's closing share price on the day of the meeting?", "Kết thúc phiên giao dịch cùng ngày, cổ phiếu "
     "TPH tăng 3,4%, lên 41.500 đồng.", "41.500 đồng"),
    ("ai trinh bay bao cao tai hoi nghi", "Tại hội nghị, UBND huyện trình bày các báo cáo.", "UBND"),  # no one else
    # a road's or a storm's number is no count
    ("Bão làm bao nhiêu người chết?", "Bão số 3 đi qua Quốc lộ 1 làm 12 người chết.", "12 người"),
    # an organisation's abbreviation may answer "who"; a score after "tỷ số" is no numbered name
    ("Along with the club, who runs the tournament?", "Giải đấu do câu lạc bộ và LTA đồng tổ chức.", "LTA"),
    ("Điểm số cuối cùng của trận đấu là bao nhiêu?", "Broncos thắng Steelers với tỷ số 23-16.", "23-16"),
    # a person asked: not a body's abbreviation beside the question's words ("Chủ tịch UBND xã")
    ("Chủ tịch xã Đắk Man là ai?", "Ông A Khoan, Chủ tịch UBND xã Đắk Man, cho biết xã đã di dời 27 hộ.", "A Khoan"),
    # a foreign name alone opening the sentence
    ("Which player was the top scorer of the final?", "Siriporn là cầu thủ ghi nhiều điểm nhất trận với 31 điểm.",
     "Siriporn"),
    # a person asked: not a district's or a pagoda's name
    ("Who is the abbot of Ca Nhung pagoda?", "Hòa thượng Danh Lung, trụ trì chùa Cà Nhung ở huyện Gò Quao, cho biết lễ "
     "hội thu hút hàng nghìn người.", "Danh Lung"),
    # a share of a sum asked: the share, not the sum
    ("ty le giai ngan von dau tu cong den het thang 6 la bao nhieu", "Đến hết tháng 6, tỉnh mới giải ngân 1.318 tỷ "
     "đồng, đạt 29,5% kế hoạch.", "29,5%"),
    # a ratio: a share
    ("What is the bank's capital adequacy ratio under Basel II?", "Hệ số an toàn vốn (CAR) theo chuẩn Basel II ở mức "
     "11,8%, cao hơn mức tối thiểu 8% theo quy định.", "11,8%"),
    # "how accurate": a share
    ("How accurate is HanuCall at recognizing speech?", "Hệ thống HanuCall nhận diện giọng nói tiếng Việt với độ chính "
     "xác 96,4%.", "96,4%"),
    # "how long is" a thing: its length too; a measure after four words and more, for the bold
    ("How long is the new tourist route?", "Tỉnh vừa đưa vào khai thác tuyến du lịch dài 210 km, đi qua 14 điểm "
     "tham quan.", "210 km"),
    ("What was the national grid's peak power demand on June 11?", "Công suất tiêu thụ điện toàn hệ thống lúc 14h30 "
     "ngày 11/6 đạt 49.612 MW.", "49.612 MW"),
    # a superlative asked: what the sentence says it of, just before it or after "nhất là"
    ("thi truong nhap khau gao lon nhat cua viet nam la nuoc nao", "Philippines tiếp tục là thị trường lớn nhất với "
     "38% tổng lượng, tiếp theo là Indonesia và Trung Quốc.", "Philippines"),
    ("What is the highest toll rate, charged to 40-foot container trucks?", "Xe container 20 feet chịu mức 3.600 "
     "đồng mỗi km, trong khi xe container 40 feet chịu mức cao nhất là 6.000 đồng mỗi km.", "6.000 đồng mỗi km"),
    ("Lũy Nhật Lệ được xây dựng vào năm nào?", "Chúa Nguyễn cho đắp lũy Trường Dục năm 1630 và lũy Nhật Lệ năm 1631.",
     "năm 1631"),  # a name's "Nhật" is no superlative
    ("Tỉnh nào có mức sinh cao nhất cả nước?", "TP HCM có mức sinh thấp nhất cả nước, chỉ 1,39 con, trong khi Hà "
     "Giang dẫn đầu với 2,68 con.", "Hà Giang"),  # "dẫn đầu": the highest
    ("What is Vietnam's population as of April 2025?", "Dân số Việt Nam tính đến ngày 1/4/2025 đạt 101,3 triệu "
     "người.", "101,3 triệu"),
    ("What had the price dropped to by December?", "Đến tháng 12, giá cổ phiếu đã rơi xuống khoảng 124 bảng.", "124"),
    # "ngư dân nào", "kỹ sư nào": a person
    ("Tàu cá chở long vị Ông năm nay là của ngư dân nào?", "Chiếc ghe chở long vị Ông năm nay là tàu cá CM 91827-TS "
     "của ngư dân Trần Văn Lộc, 62 tuổi.", "Trần Văn Lộc"),
    # a time in several units is one; a volume is in m3 or tonnes
    ("Võ Minh Đạt về đích 400m tự do nam sau bao lâu?", "Ở cự ly 400 m, anh về đích sau 3 phút 52 giây 76, kém kỷ "
     "lục quốc gia chưa đầy một giây.", "3 phút 52 giây 76"),
    ("Thành tích của nhà vô địch marathon là bao nhiêu?", "Trần Đức Nhân về nhất với thành tích 2 giờ 31 phút 08 "
     "giây.", "2 giờ 31 phút 08 giây"),
    ("What was Yen Bai province's annual timber harvest volume?", "Toàn tỉnh có khoảng 230.000 ha rừng trồng, sản "
     "lượng khai thác mỗi năm đạt hơn 850.000 m3.", "850.000 m3"),
    # a classifier asked ("ngôi nhà"): the sentence may count the noun alone
    ("bao nhieu ngoi nha bi sap hoan toan o Lao Cai", "Toàn tỉnh có 318 ngôi nhà bị hư hỏng, trong đó 46 nhà bị sập "
     "hoàn toàn hoặc bị cuốn trôi.", "46"),
    # values "lần lượt": one to each item listed, the last item running on into what is said of them all
    ("How many teachers is Vinh Thanh district short of?", "Hai huyện miền núi An Lão và Vĩnh Thạnh là nơi khó khăn "
     "nhất, lần lượt thiếu 96 và 81 giáo viên.", "81"),
    # an English question's words telling no item apart: the values together
    ("What was the cut-off score for Artificial Intelligence?", "Nhóm ngành Kỹ thuật Điện tử - Viễn thông và Trí tuệ "
     "nhân tạo tiếp tục nằm trong top đầu, với mức lần lượt 27,46 và 28,37 điểm.", "27,46 và 28,37 điểm"),
    # a level asked in English; mg/l is a unit
    ("What was the dissolved oxygen level where the fish died?", "Hàm lượng oxy hòa tan (DO) tại khu vực cá chết chỉ "
     "còn 1,2 mg/l, trong khi cá cần tối thiểu 4 mg/l.", "1,2 mg/l"),
    ("Hồ Sơn La cao hơn mực nước chết bao nhiêu?", "Trong đó hồ Sơn La và hồ Lai Châu cao hơn mực nước chết lần lượt "
     "9,4 m và 12,6 m.", "9,4 m"),
    # a figure the English question gives is not its answer
    ("How many gold medals did the army team have after five days?", "Sau 5 ngày thi đấu, đoàn Quân đội dẫn đầu với "
     "14 HCV.", "14"),
    # the part that names the country, the lender, the year, the figure the question gives
    ("Nghệ An đưa bao nhiêu lao động sang Hàn Quốc?", "Nhật Bản là thị trường lớn nhất với 6.420 lao động, tiếp đến là "
     "Hàn Quốc 2.130 người và Đài Loan (Trung Quốc) 1.980 người.", "2.130 người"),
    # or the clause of a list of clauses that names it
    ("Phạm Quốc Hùng bị phạt bao nhiêu năm tù?", "Nguyễn Thị Mai, 42 tuổi, kế toán, nhận 5 năm tù; Phạm Quốc Hùng, 38 "
     "tuổi, quản đốc xưởng, nhận 4 năm 6 tháng tù.", "4 năm 6 tháng"),
    # or the opening part, when it names what the question names and the parts after it do not
    ("How many school sites did Kon Plong district merge?", "Huyện Kon Plông dồn nhiều điểm nhất với 14 điểm, tiếp "
     "đến là huyện Tu Mơ Rông 11 điểm và huyện Đăk Glei 9 điểm.", "14 điểm"),
    ("How much did the ADB lend for phase 2?", "Giai đoạn 2 có tổng vốn 612 tỷ đồng, trong đó vốn vay của Ngân hàng "
     "Phát triển châu Á (ADB) là 430 tỷ đồng, phần còn lại là vốn đối ứng của tỉnh.", "430 tỷ đồng"),
    ("Hộ dùng 400 kWh mỗi tháng phải trả thêm bao nhiêu tiền điện?", "Một hộ sử dụng 200 kWh mỗi tháng sẽ trả thêm "
     "khoảng 22.000 đồng, còn hộ dùng 400 kWh trả thêm khoảng 51.000 đồng mỗi tháng.", "51.000 đồng mỗi tháng"),
    ("Giá vàng miếng SJC bán ra bao nhiêu?", GOLD, "141,2 triệu đồng mỗi lượng"),  # the subject is no part's own
    # a part of the whole the question words, else the whole
    ("Năm 2024 Cao Bằng đón bao nhiêu lượt khách quốc tế?", "Năm 2024, Cao Bằng đón khoảng 1,7 triệu lượt khách, "
     "trong đó có 48.000 lượt khách quốc tế.", "48.000 lượt"),
    ("dien tich rung bi pha o xa cha val la bao nhieu", "Tổng diện tích rừng bị phá là 12,4 ha, trong đó 8,7 ha thuộc "
     "xã Tà Bhing và 3,7 ha thuộc xã Chà Vàl.", "3,7 ha"),
    ("Tuyến metro số 1 dài bao nhiêu km?", "Tuyến có chiều dài 11,3 km, trong đó 9,2 km đi ngầm và 2,1 km đi trên "
     "cao.", "11,3 km"),  # the "1" of "số 1" is no word of the part "2,1 km đi trên cao"
    ("Tổng diện tích rừng bị phá là bao nhiêu?", "Tổng diện tích rừng bị phá là 12,4 ha, trong đó 8,7 ha thuộc xã Tà "
     "Bhing và 3,7 ha thuộc xã Chà Vàl.", "12,4 ha"),
    # the new price is the one after "lên"; an area and a weight asked as such
    ("What is the new average retail electricity price from November 15?", "EVN điều chỉnh giá bán lẻ điện bình quân "
     "tăng 3,6% kể từ ngày 15/11, từ mức 2.204 đồng lên 2.283 đồng mỗi kWh.", "2.283 đồng"),
    ("What is the new average electricity price per kWh?", "EVN điều chỉnh giá bán lẻ điện bình quân tăng 5,6%, từ "
     "mức 2.204 đồng lên 2.327 đồng mỗi kWh.", "2.327 đồng"),
    ("Sau khi có cầu, đi từ Long Xuyên đến Cao Lãnh mất bao lâu?", "Thời gian di chuyển từ Long Xuyên đến Cao Lãnh "
     "giảm từ khoảng 1 giờ 30 phút xuống còn 50 phút.", "50 phút"),
    # what a number came to, for a question on now; the old one for a question on the change
    ("How many households in Bau Truc make pottery today?", "Mười năm trước chỉ còn khoảng 40 hộ làm gốm, nhưng nay "
     "con số đã tăng lên hơn 120 hộ.", "120 hộ"),
    ("Mười năm trước Bàu Trúc có bao nhiêu hộ làm gốm?", "Mười năm trước chỉ còn khoảng 40 hộ làm gốm, nhưng nay "
     "con số đã tăng lên hơn 120 hộ.", "40 hộ"),
    # a term in years and months is one
    ("Quản đốc xưởng bị phạt mấy năm tù?", "Mai nhận 5 năm tù; Phạm Quốc Hùng, quản đốc xưởng, nhận 4 năm 6 tháng tù.",
     "4 năm 6 tháng"),
    ("Diện tích lúa bị hạn ở Đắk Lắk là bao nhiêu?", "Đến ngày 8/4, toàn tỉnh có 4.760 ha lúa bị khô hạn, tăng 3 lần "
     "so với ngày 6/4.", "4.760 ha"),
    ("Kính Hubble nặng khoảng bao nhiêu?", "Hubble dài khoảng 13,2 m, nặng khoảng 11 tấn.", "11 tấn"),
    # the figure compared with, for the year the question asks
    ("Năm 2023, Hưng Yên thu được bao nhiêu tấn nhãn?", "Vụ nhãn năm nay, Hưng Yên dự kiến thu hoạch khoảng 56.000 "
     "tấn quả, tăng 6% so với mức 52.800 tấn của năm 2023.", "52.800 tấn"),
    ("Năm 2019, người từ 60 tuổi trở lên chiếm bao nhiêu phần trăm dân số?", "Tỷ lệ người từ 60 tuổi trở lên chiếm "
     "14,2% dân số, cao hơn mức 11,9% của năm 2019.", "11,9%"),
    # "mười năm", "tám năm" are ten and eight years (fifteen is "mười lăm"), not a number counting the word after
    ("Can Tho da tham du bao lau ma chua co huy chuong vang?", "Đây là lần đầu tiên Cần Thơ có huy chương vàng sau "
     "hơn mười năm tham dự.", "mười năm"),
    ("Hiệp định mất bao lâu để đàm phán?", "Hiệp định được ký sau gần tám năm đàm phán với 14 phiên.", "tám năm"),
    ("Đoàn có bao nhiêu người?", "Đoàn có hai mươi lăm người.", "hai mươi lăm người"),
    # not a name the question gives without its kind, nor a place bearing a person's name
    ("doi nao thang kien giang sao bien 0-3", "CLB Kiên Giang Sao Biển thua 0-3 trên sân nhà trước Công an Hà Nội.",
     "Hà Nội"),
    ("Ai đã lập ra quỹ học bổng?", "Quỹ do nhóm doanh nhân quê Quảng Nam, Quảng Ngãi lập ra tại TP Hồ Chí Minh.",
     "Quảng Nam"),
    # an export's value is a sum
    ("What rice export value does the ministry target for 2024?", "Năm 2024, Bộ đặt mục tiêu xuất khẩu khoảng 7,5 "
     "triệu tấn gạo, với kim ngạch dự kiến đạt 5 tỷ USD.", "5 tỷ USD"),
    # the counted noun with the name that says which of its kind; a road's marker, a school grade are no figures
    ("Ban giám khảo trao bao nhiêu giải Nhì?", "Ban giám khảo trao 14 giải Nhất, 31 giải Nhì, 52 giải Ba và 76 giải "
     "Tư.", "31"),
    ("Xe khách chạy bao nhiêu km thì gặp nạn?", "Khi đến km 846, xe khách đã chạy 320 km liên tục.", "320 km"),
    ("Nữ sinh bị đánh bao nhiêu tuổi?", "Em là nữ sinh lớp 8, mới 13 tuổi.", "13 tuổi"),
    # a country Vietnamese names in one word; a sentence's opening word is no part of a name
    ("Thi truong tieu thu tom lon nhat cua Ca Mau la nuoc nao?", "Theo Sở Công Thương Cà Mau, thị trường tiêu thụ lớn "
     "nhất của tôm Cà Mau hiện là Mỹ với 31% kim ngạch, tiếp theo là Nhật Bản.", "Mỹ"),
    ("Who said businesses lack skilled workers?", '"Doanh nghiệp không thiếu việc, mà thiếu người có tay nghề", ông '
     'Phan Thanh Tâm nói.', "Phan Thanh Tâm"),  # a quotation's first word is no name
    ("Tổ chức nào cho biết thị trường lớn nhất là Mỹ?", "Theo Sở Công Thương Cà Mau, thị trường lớn nhất là Mỹ.",
     "Sở Công Thương Cà Mau"),
    # an English question's words where the sentence writes their glossary rendering ("heart attacks": "nhồi máu cơ
    # tim"), a whole rendering only
    ("How many were heart attacks?", "Trung tâm đã can thiệp thành công cho 73 ca, trong đó có 19 ca nhồi máu cơ tim "
     "cấp được đặt stent.", "19"),
    ("What was the total production value at comparable prices?", "Tổng giá trị sản xuất theo giá so sánh đạt 4.995 "
     "tỷ đồng (tăng 12,6% so với cùng kỳ năm 2022).", "4.995 tỷ đồng"),
    # a foreign name with a hyphen, called "Ông": a person, whole; a province's name is none ("Thái Nguyên")
    ("Ai đứng đầu tập đoàn Seowon Tech?", "Ông Kim Jae-hoon, Tổng giám đốc Seowon Tech, cho biết công ty đã khảo sát "
     "sáu địa phương ở miền Bắc trước khi chọn Thái Nguyên.", "Kim Jae-hoon"),
    ("Ai là HLV của Hà Nội FC?", "Trong khi đó, HLV Kim Sang-woo của Hà Nội FC cho rằng chiếc thẻ đỏ là bước ngoặt.",
     "Kim Sang-woo"),
    ("Who headed the jury?", "Ban giám khảo do nhà làm phim Hàn Quốc Lee Chang-ho làm chủ tịch.", "Lee Chang-ho"),
    ("Vị vua nào xuống ruộng cày?", "Lễ hội tái hiện sự kiện vua Lê Đại Hành xuống ruộng cày vào mùa xuân năm 987.",
     "Lê Đại Hành"),
    # the figure after the cue, a word between them ("xuống còn khoảng")
    ("gia lon hoi o ha tinh giam xuong con bao nhieu", "Giá lợn hơi tại Hà Tĩnh giảm từ 64.000 đồng xuống còn khoảng "
     "55.000 đồng mỗi kg.", "55.000 đồng mỗi kg"),
    # a level asked ("mức giá nào"), a turnout (a share)
    ("Cổ phiếu SVF đóng cửa ở mức giá nào sau phiên đại hội?", "Kết thúc phiên giao dịch cùng ngày, cổ phiếu SVF tăng "
     "3,2%, lên 58.700 đồng.", "58.700 đồng"),
    ("What was the turnout in the Danish election?", "Tỷ lệ cử tri đi bầu đạt 83,1%, thấp hơn một chút so với kỳ bầu "
     "cử năm 2022.", "83,1%"),
    # a score out of a scale, whole
    ("Thí sinh cần tối thiểu bao nhiêu điểm đánh giá năng lực?", "Thí sinh dùng điểm ĐGNL cần đạt tối thiểu 80 trên "
     "150 điểm.", "80 trên 150 điểm"),
    # the total after an addition; the value under the old rule
    ("sau khi lap them thi se co tong cong bao nhieu tram quan trac", "Tỉnh sẽ lắp thêm 5 trạm trước cuối năm 2024, "
     "nâng tổng số lên 8 trạm.", "8"),
    # "within how many days", a measure after a word in -ing ("the winning price")
    ("Within how many days must winning bidders pay?", "Người trúng đấu giá phải nộp đủ tiền trong vòng 90 ngày kể từ "
     "ngày có quyết định.", "90 ngày"),
    ("What was the winning price per square metre of the most expensive plot?", "Lô có giá trúng cao nhất là lô số "
     "07, được mua với giá 52,5 triệu đồng mỗi m2.", "52,5 triệu đồng mỗi m2"),
    ("Tổng cộng thời gian trả gốc được kéo dài thêm bao lâu?", "Doanh nghiệp được kéo dài thời gian trả gốc tổng cộng "
     "18 tháng, đồng thời nâng lãi suất từ 10,5% lên 11,8% mỗi năm.", "18 tháng"),  # the extension's total
    ("How long did a land certificate take under the old procedure?", "Tỉnh đã rút thời gian giải quyết từ 30 ngày làm "
     "việc xuống còn 10 ngày.", "30 ngày"),
])
def test_answer_span_picks_the_likely_answer(question: str, sentence: str, bold: str) -> None:
    span = answer_span(question, sentence)
    assert span is not None and sentence[span[0]:span[1]] == bold


def test_a_question_on_a_sum_bolds_no_other_figure() -> None:
    assert answer_span("What does the NT-Probe cost at retail?", "Công ty có 1.200 ha ruộng thử nghiệm.") is None


def test_a_roads_or_a_lines_number_is_no_count() -> None:
    assert answer_span("Có bao nhiêu cảnh sát giao thông được điều động?", "Lực lượng chức năng đã phân luồng xe trên "
                       "Quốc lộ 24 để tránh đèo.") is None


@pytest.mark.parametrize("question, asks_person", [
    ("Ai cầm đầu nhóm?", True), ("Kẻ cầm đầu nhóm tên là gì?", True), ("Tài xế xe khách tên gì?", True),
    ("Nhà máy tên là gì?", None), ("Dự án tên là gì?", None),  # a name, not a person's
])
def test_someone_called_by_a_word_for_a_person_is_asked_by_name(question: str, asks_person: bool | None) -> None:
    """A person's name asked for ranks sentences naming a Vietnamese person higher (`PERSON_BONUS`)."""
    assert names_person(question, "Người cầm đầu là Trịnh Văn Khải, 38 tuổi, quê Thái Bình.") is asks_person


def test_a_fee_asked_for_is_money() -> None:
    """"Phí ... bao nhiêu?" wants a sum: the sentence with one fits its wording (`WORDING_BONUS`)."""
    question = "Phí thị thực loại nhiều lần là bao nhiêu?"
    assert fits_wording(question, "Lệ phí 25 USD với loại một lần và 50 USD với loại nhiều lần.") is True
    assert fits_wording(question, "Thị thực có thời hạn tối đa 90 ngày, giá trị một lần hoặc nhiều lần.") is False


def test_question_words_pull_by_their_nearest_occurrence() -> None:
    found = list(re.finditer(r"\w+", "a b c d e a"))
    assert pull(found, {"a", "e"}, 2, 2) == 1 / 2 + 1 / 2  # "a" two words before "c", "e" two after
    assert pull(found, {"a", "e"}, 2, 2, before=2.0) == 1 / 3 + 1 / 2  # the "a" after, three words on, is nearer
    assert pull(found, {"z"}, 2, 2) == 0.0


def test_answer_span_needs_a_typed_question_and_something_new() -> None:
    assert answer_span("Vì sao thu ngân sách tăng?", BUDGET) is None  # "why": no span type
    assert answer_span("What colour must the players' clothing be?", "Cầu thủ Real Madrid mặc áo trắng.") is None
    assert answer_span("What enemy of Doctor Who is also a Time Lord?", "Master là kẻ thù của Doctor.") is None
    # "nhà máy nào" asks which factory, not how many ("mấy" and "máy" fold alike)
    assert answer_span("Dân nghi cá chết là do nhà máy nào?", "Nước thải từ nhà máy cách đó khoảng 6 km.") is None
    assert answer_span("Thu 120,3 tỷ đồng là bao nhiêu phần trăm?", "Thu 120,3 tỷ đồng.") is None


def test_a_person_is_never_half_of_a_bodys_name() -> None:
    sentence = "Sáng 12/7, Ban Chấp hành Đảng bộ huyện Cẩm Xuyên tổ chức hội nghị sơ kết."
    assert answer_span("Who is the Party Secretary of Cam Xuyen district?", sentence) is None  # not "Ban Chấp"


def test_a_roman_numeral_is_not_a_name() -> None:
    sentence = "Các đại biểu nghe báo cáo trình kỳ họp của HĐND huyện khóa XX do ông Nguyễn Văn Thành trình bày."
    span = answer_span("Ai trình bày báo cáo?", sentence)
    assert span is not None and sentence[span[0]:span[1]] == "Nguyễn Văn Thành"
    assert answer_span("Ai dự kỳ họp?", "Đây là kỳ họp thứ XIII của khóa XX.") is None


def test_type_evidence_counts_only_what_the_question_does_not_already_say() -> None:
    ev = TypeEvidence.of("Hội nghị diễn ra vào năm 2023 tại Hà Tĩnh.")
    assert ev.offers("date", fold("Hội nghị diễn ra khi nào?"))
    assert not ev.offers("date", fold("Điều gì diễn ra năm 2023?"))
    assert ev.offers("name", fold("Ai tổ chức?")) and not ev.offers("name", fold("Ai ở Hà Tĩnh?"))
    assert not TypeEvidence.of("Nông dân thu hoạch lúa.").offers("quantity", fold("bao nhiêu?"))


# --- MaxSim -------------------------------------------------------------------------------------------------

def _unit(x: np.ndarray) -> np.ndarray:
    return x / np.linalg.norm(x, axis=-1, keepdims=True)


@pytest.mark.parametrize("sentence, offers", [
    ("Sau đó, bà Lan đi từ trạm xe về nhà.", False),  # "sau", "bà", "từ", "trạm" fold to number words
    ("Năm ngoái, tỉnh tạm dừng dự án.", False),
    ("Hai người bị thương, sáu người được cứu.", True),
    ("Thu ngân sách đạt 120,3 tỷ đồng.", True),
])
def test_number_words_are_read_with_their_accents(sentence: str, offers: bool) -> None:
    assert TypeEvidence.of(sentence).offers("quantity", fold("Bao nhiêu người?")) is offers


def test_int8_token_vectors_round_trip_and_gather() -> None:
    rng = np.random.default_rng(0)
    blocks = [_unit(rng.standard_normal((n, 16))) for n in (3, 0, 5)]
    tv = TokenVectors.from_blocks(blocks, 16)
    assert tv.n_sentences == 3 and list(tv.offsets) == [0, 3, 3, 8]
    vecs, lengths = tv.gather(np.array([2, 0]))
    assert list(lengths) == [5, 3]
    np.testing.assert_allclose(vecs, np.concatenate([blocks[2], blocks[0]]), atol=0.01)
    both = TokenVectors.concat([tv, TokenVectors.from_blocks(blocks[:1], 16)])
    assert both.n_sentences == 4 and list(both.offsets) == [0, 3, 3, 8, 11]


def test_maxsim_matches_brute_force_with_carry_from_the_previous_sentence() -> None:
    rng = np.random.default_rng(1)
    blocks = [_unit(rng.standard_normal((n, 8))) for n in (4, 6, 0, 3)]
    tv = TokenVectors.from_blocks(blocks, 8)
    exact = [np.asarray(tv.gather(np.array([i]))[0]) for i in range(4)]
    prev = previous_rows(["x", "x", "x", "y"])
    assert list(prev) == [-1, 0, 1, -1]
    q = _unit(rng.standard_normal((5, 8)))

    def brute(i: int, carry: float) -> float:
        own = (q @ exact[i].T).max(axis=1) if len(exact[i]) else np.full(len(q), -1.0)
        if carry > 0 and prev[i] >= 0 and len(exact[prev[i]]):
            own = np.maximum(own, carry * (q @ exact[prev[i]].T).max(axis=1))
        return float(own.mean())

    rows = np.array([3, 1, 2, 0])
    for carry in (0.0, 0.8):
        got = maxsim(q, tv, rows, prev, carry)
        np.testing.assert_allclose(got, [brute(i, carry) for i in rows], atol=1e-5)
    # The empty sentence 2 lives only on what it inherits from sentence 1.
    assert maxsim(q, tv, np.array([2]), prev, 0.8)[0] == pytest.approx(brute(2, 0.8), abs=1e-5)


def test_maxsim_counts_a_titles_matches_at_their_weights() -> None:
    rng = np.random.default_rng(2)
    blocks = [_unit(rng.standard_normal((n, 8))) for n in (4, 6, 3)]
    tv = TokenVectors.from_blocks(blocks, 8)
    exact = [np.asarray(tv.gather(np.array([i]))[0]) for i in range(3)]
    prev = previous_rows(["x", "x", "y"])
    q = _unit(rng.standard_normal((5, 8)))
    weights = {0: np.array([0.5, 1.0]), 1: np.array([0.5, 1.0]), 2: np.full(10, 0.5)}  # 2: all title, and more

    def brute(i: int) -> np.ndarray:
        sims = q @ exact[i].T
        w = np.ones(sims.shape[1])
        k = min(len(weights[i]), len(w))
        w[:k] = weights[i][:k]
        return np.where(sims > 0, sims * w, sims).max(axis=1)

    want = [brute(0).mean(), np.maximum(brute(1), 0.8 * brute(0)).mean(), brute(2).mean()]
    got = maxsim(q, tv, np.array([0, 1, 2]), prev, 0.8, lambda rows: [weights[int(r)] for r in rows])
    np.testing.assert_allclose(got, want, atol=1e-5)
    assert not np.allclose(maxsim(q, tv, np.array([0, 1, 2]), prev, 0.8), want, atol=1e-3)


# --- the Searcher -------------------------------------------------------------------------------------------

class WordTokens(HashingEncoder):
    """Hashing vectors, plus one token vector per folded word: a fake `TokenEncoder` (same-word tokens match)."""

    token_layer = 8

    def __init__(self) -> None:
        super().__init__(dim=64)
        self.queries: list[str] = []

    def encode_queries(self, texts):
        self.queries.extend(texts)
        return super().encode_queries(texts)

    def _words(self, text: str) -> np.ndarray:
        words = fold(text).replace("?", " ").replace(".", " ").replace(",", " ").split()
        return self._encode(words) if words else np.zeros((0, self.dim), np.float32)

    def encode_queries_with_tokens(self, texts):
        return self.encode_queries(texts), [self._words(t) for t in texts]

    def encode_passages_with_tokens(self, texts, starts, *, progress=False):
        return self.encode_passages(texts), [self._words(t[s:]) for t, s in zip(texts, starts)]

    def passage_token_counts(self, texts):
        return [len(self._words(t)) for t in texts]


def one_article_index(encoder: WordTokens, rows: Sequence[str], title: str = "Bài a"
                      ) -> tuple[LoadedIndex, TokenVectors]:
    """An index of one article ("a") whose sentences are `rows`, with its token vectors."""
    articles = {"a": Article("a", "a.txt", title, "2023-07", "", (), "")}
    sentences = [Sentence(f"a#{i}", "a", i, text, 0, len(text)) for i, text in enumerate(rows)]
    vectors = encoder.encode_passages(list(rows))
    index = LoadedIndex(Path("."), {"model": "hashing"}, articles, sentences, vectors,
                        FaissIndex.build(vectors, "flat"))
    _, blocks = encoder.encode_passages_with_tokens(list(rows), [0] * len(rows))
    return index, TokenVectors.from_blocks(blocks, encoder.dim)


def _index(encoder: WordTokens) -> tuple[LoadedIndex, TokenVectors]:
    articles = {a: Article(a, f"{a}.txt", f"Bài {a}", "2023-07", "", (), "") for a in ("a", "b")}
    sentences = [Sentence(f"{a}#{i}", a, i, text, 0, len(text)) for i, (a, text) in enumerate(SENTENCES)]
    vectors = encoder.encode_passages([s.text for s in sentences])
    index = LoadedIndex(Path("."), {"model": "hashing"}, articles, sentences, vectors,
                        FaissIndex.build(vectors, "flat"))
    _, blocks = encoder.encode_passages_with_tokens([s.text for s in sentences], [0] * len(sentences))
    return index, TokenVectors.from_blocks(blocks, encoder.dim)


def test_more_never_repeats_a_quote() -> None:
    """A hit that falls short of the threshold between two that clear it: the second is quoted, and "more" (the
    More button) offers the ones after it, not the quoted one again."""
    from retrieval.answer import make_answer
    from retrieval.search import Hit

    index, _ = _index(WordTokens())
    hits = [Hit(0, 1.00, 0.90, 0.0), Hit(1, 0.99, 0.70, 0.0), Hit(2, 0.98, 0.88, 0.0), Hit(3, 0.50, 0.86, 0.0)]
    answer = make_answer("How much?", hits, index, top_k=3, min_score=0.80)
    quoted, more = [q.sentence_id for q in answer.quotes], [q.sentence_id for q in answer.more]
    assert quoted == ["a#0", "a#2"] and more == ["b#3"]


def test_hybrid_answers_from_tokens_lexicon_and_answer_type() -> None:
    enc = WordTokens()
    index, tokens = _index(enc)
    s = Searcher(index, enc, "hybrid", tokens=tokens)
    hits = s.search("Thu ngân sách của huyện đạt bao nhiêu?", 3)
    assert hits[0].row == 0 and hits[0].maxsim > hits[1].maxsim and hits[0].lexical > 0
    assert s.search("Hội nghị diễn ra năm nào?", 1)[0].row == 3


def test_a_pronoun_sentence_inherits_its_subject_from_the_sentence_before() -> None:
    enc = WordTokens()
    index, tokens = _index(enc)
    hits = Searcher(index, enc, "hybrid", tokens=tokens).search("Ông Nam đã chỉ đạo xây dựng gì?", 5)
    by_row = {h.row: h for h in hits}
    # Row 2 never names Nam; it still beats row 4, which shares nothing, and gets credit for "Nam" from row 1.
    assert by_row[2].maxsim > by_row[4].maxsim
    assert hits[0].row in (1, 2)


def test_a_sentence_read_after_the_one_before_is_found_by_what_that_one_names() -> None:
    # Row 1 never names Tesla; read after row 0 (its context vector) it outranks row 2, which shares only the
    # lighting words. Its `dense` stays its own cosine: "not found" judges the quoted sentence itself.
    rows = [("c", "Công ty điện của Tesla được thành lập năm 1886."), ("c", "Nó lắp đặt hệ thống chiếu sáng hồ quang."),
            ("d", "Nhiều thành phố lắp đặt hệ thống chiếu sáng bằng đèn khí.")]
    enc = WordTokens()
    articles = {a: Article(a, f"{a}.txt", "", "2023-07", "", (), "") for a in ("c", "d")}
    sentences = [Sentence(f"{a}#{i}", a, i, text, 0, len(text)) for i, (a, text) in enumerate(rows)]
    vectors = enc.encode_passages([passage_text(articles[s.article_id], s) for s in sentences])
    texts = context_texts(articles["c"], sentences[:2]) + context_texts(articles["d"], sentences[2:])
    assert texts == [None, "Công ty điện của Tesla được thành lập năm 1886. Nó lắp đặt hệ thống chiếu sáng hồ quang.",
                     None]
    context = np.array([enc.encode_passages([t])[0] if t else v for t, v in zip(texts, vectors)])
    index = LoadedIndex(Path("."), {"model": "hashing"}, articles, sentences, vectors,
                        FaissIndex.build(vectors, "flat"))
    _, blocks = enc.encode_passages_with_tokens([s.text for s in sentences], [0] * len(sentences))
    tokens = TokenVectors.from_blocks(blocks, enc.dim)
    question = "Công ty điện của Tesla lắp đặt hệ thống gì?"
    assert [h.row for h in Searcher(index, enc, "hybrid", tokens=tokens).search(question, 3)][1:] == [2, 1]
    index.context = context
    hits = Searcher(index, enc, "hybrid", tokens=tokens).search(question, 3)
    assert [h.row for h in hits][1:] == [1, 2]
    assert hits[1].dense == pytest.approx(float(vectors[1] @ enc.encode_queries([question])[0]), abs=1e-5)
    assert hits[1].score - MAXSIM_WEIGHT * hits[1].maxsim > hits[1].dense + 0.2
    assert Searcher(index, enc, "dense").search(question, 3)[-1].row == 1  # the dense baseline ignores context
    # Without token matching the context vectors are left alone (they hurt English questions there).
    assert [h.row for h in Searcher(index, enc, "hybrid").search(question, 3)][1:] == [2, 1]


def test_captions_and_first_sentences_have_no_context() -> None:
    article = Article("e", "e.txt", "Tiêu đề", "2023-07", "", (), "")
    sentences = [Sentence("e#0", "e", 0, "Câu một.", 0, 8), Sentence("e#1", "e", 1, "Ảnh: hội nghị", 9, 22, "caption"),
                 Sentence("e#2", "e", 2, "Câu  hai.", 23, 32)]
    assert context_texts(article, sentences) == [None, None, "Tiêu đề. Câu một. Câu hai."]


def test_paragraph_texts_are_the_paragraph_and_the_paragraph_without_the_sentence() -> None:
    sentences = [Sentence(f"e#{i}", "e", i, t, 0, len(t)) for i, t in
                 enumerate(["Câu  một.", "Câu hai.", "Ảnh: hội nghị", "Câu ba."])]
    whole, rest = paragraph_texts(sentences, [0, 0, 1, 2])
    assert whole == ["Câu một. Câu hai.", "Câu một. Câu hai.", "Ảnh: hội nghị", "Câu ba."]
    assert rest == ["Câu hai.", "Câu một.", "Ảnh: hội nghị", "Câu ba."]  # alone in its paragraph: nothing left out


@pytest.mark.parametrize("lengths", [[100] * 5, [400] * 10, [900, 900, 900], [2000, 100, 100], [100, 100, 3000, 100],
                                     [5000], [1500, 10, 10, 1500], list(range(10, 400, 7))])
def test_long_paragraphs_are_read_in_parts_the_model_sees_whole(lengths: list[int]) -> None:
    parts = paragraph_parts(lengths)
    assert [i for p in parts for i in p] == list(range(len(lengths)))  # consecutive, every sentence once
    for p in parts:  # each fits, unless it is one sentence too long on its own
        assert len(p) == 1 or sum(lengths[i] for i in p) <= MAX_PARAGRAPH_CHARS
    if sum(lengths) <= MAX_PARAGRAPH_CHARS:
        assert parts == [range(len(lengths))]
    else:  # no more parts than needed, give or take the uneven sentences
        uneven = sum(n > MAX_PARAGRAPH_CHARS // 2 for n in lengths)
        assert len(parts) <= -(-sum(lengths) // MAX_PARAGRAPH_CHARS) + uneven


def test_a_paragraph_file_without_blank_lines_is_not_one_truncated_paragraph() -> None:
    texts = [f"Câu số {i} nói về một việc khác hẳn của huyện trong năm nay và những điều liên quan." for i in range(60)]
    sentences = [Sentence(f"e#{i}", "e", i, t, 0, len(t)) for i, t in enumerate(texts)]
    whole, rest = paragraph_texts(sentences, [0] * len(texts))
    assert 1 < len(set(whole)) and all(len(w) <= MAX_PARAGRAPH_CHARS for w in whole)
    assert all(t in w and t not in r for t, w, r in zip(texts, whole, rest))


def test_the_sentence_that_carries_its_paragraphs_match_is_found() -> None:
    # Without context vectors, row 1 ("Nó lắp đặt...", the answer) ranks below row 2, which shares the same
    # lighting words. Its paragraph names Tesla, and leaving it out loses the lighting words the question asks
    # about: the paragraph terms put it first (row 2 is a paragraph of one sentence: no loss to count).
    rows = [("c", "Công ty điện của Tesla được thành lập năm 1886."), ("c", "Nó lắp đặt hệ thống chiếu sáng hồ quang."),
            ("d", "Thành phố lắp đặt hệ thống chiếu sáng.")]
    enc = WordTokens()
    articles = {a: Article(a, f"{a}.txt", "", "2023-07", "", (), "") for a in ("c", "d")}
    sentences = [Sentence(f"{a}#{i}", a, i, text, 0, len(text)) for i, (a, text) in enumerate(rows)]
    vectors = enc.encode_passages([passage_text(articles[s.article_id], s) for s in sentences])
    index = LoadedIndex(Path("."), {"model": "hashing"}, articles, sentences, vectors,
                        FaissIndex.build(vectors, "flat"))
    index.context = vectors  # present (context is what the paragraph terms ride with), but a no-op
    _, blocks = enc.encode_passages_with_tokens([s.text for s in sentences], [0] * len(sentences))
    tokens = TokenVectors.from_blocks(blocks, enc.dim)
    question = "Tesla lắp đặt hệ thống chiếu sáng gì?"
    before = Searcher(index, enc, "hybrid", tokens=tokens).search(question, 3)
    assert [h.row for h in before] == [2, 1, 0]
    whole, rest = paragraph_texts(sentences, [0, 0, 1])
    index.paragraph, index.rest = enc.encode_passages(whole), enc.encode_passages(rest)
    after = Searcher(index, enc, "hybrid", tokens=tokens).search(question, 3)
    assert [h.row for h in after] == [1, 2, 0]
    q = enc.encode_queries([question])[0]
    by_row = {h.row: h for h in before}
    for h in after:  # exactly the two terms added; `dense` (what "not found" reads) unchanged
        w, r = float(index.paragraph[h.row] @ q), float(index.rest[h.row] @ q)
        assert h.score == pytest.approx(by_row[h.row].score + PARAGRAPH_WEIGHT * w + LEAVE_OUT_WEIGHT * (w - r),
                                        abs=1e-5)
        assert h.dense == by_row[h.row].dense
        assert h.paragraph == pytest.approx(PARAGRAPH_WEIGHT * w + LEAVE_OUT_WEIGHT * (w - r), abs=1e-5)
    assert [h.row for h in Searcher(index, enc, "hybrid").search(question, 3)][0] == 2  # no tokens: unused


def test_unaccented_question_is_embedded_with_accents_restored() -> None:
    enc = WordTokens()
    index, tokens = _index(enc)
    hits = Searcher(index, enc, "hybrid", tokens=tokens).search("thu ngan sach cua huyen dat bao nhieu", 1)
    assert enc.queries[-1] == "thu ngân sách của huyện đạt bao nhiêu"
    assert hits[0].row == 0
    Searcher(index, enc, "hybrid", tokens=tokens).search("hoi nghi o ha tinh dien ra khi nao", 1)
    assert enc.queries[-1] == "hội nghị ở Hà Tĩnh diễn ra khi nào"  # and the name's capitals
    Searcher(index, enc, "hybrid", tokens=tokens).search("hội nghị ở hà tĩnh diễn ra khi nào", 1)
    assert enc.queries[-1] == "hội nghị ở Hà Tĩnh diễn ra khi nào"  # typed with accents, without capitals
    Searcher(index, enc, "hybrid", tokens=tokens).search("Hội nghị ở hà tĩnh diễn ra khi nào", 1)
    assert enc.queries[-1] == "Hội nghị ở hà tĩnh diễn ra khi nào"  # capitals typed: the reader's own case


def test_english_questions_are_scored_by_the_vietnamese_their_words_translate_to() -> None:
    """BM25 of the question's glossary renderings (retrieval/glossary.py): "budget revenue" is "thu ngân sách"."""
    enc = WordTokens()
    index, tokens = _index(enc)
    s = Searcher(index, enc, "hybrid", tokens=tokens)
    hits = s.search("How much budget revenue did the district get?", 5)
    assert hits[0].row == 0 and hits[0].lexical > max(h.lexical for h in hits[1:])
    assert all(h.lexical == 0 for h in s.search("Who is she?", 5))  # no word the glossary has


def test_baselines_stay_pure() -> None:
    enc = WordTokens()
    index, tokens = _index(enc)
    question = "thu ngan sach dat bao nhieu"
    dense = Searcher(index, enc, "dense", tokens=tokens).search(question, 5)
    assert enc.queries[-1] == question  # no restoration in the dense baseline
    assert [h.score for h in dense] == [h.dense for h in dense] and all(h.maxsim == 0 for h in dense)
    assert [h.score for h in dense] == sorted((h.score for h in dense), reverse=True)
    lexical = Searcher(index, enc, "lexical").search(question, 5)
    assert lexical[0].row == 0 and all(h.score == h.lexical > 0 for h in lexical)


def test_without_token_vectors_hybrid_still_ranks() -> None:
    enc = WordTokens()
    index, _ = _index(enc)
    hits = Searcher(index, enc, "hybrid").search("Thu ngân sách của huyện đạt bao nhiêu?", 2)
    assert hits[0].row == 0 and all(h.maxsim == 0 for h in hits)


def test_token_vectors_must_cover_the_index() -> None:
    enc = WordTokens()
    index, _ = _index(enc)
    with pytest.raises(ValueError, match="token vectors cover"):
        Searcher(index, enc, "hybrid", tokens=TokenVectors.from_blocks([np.ones((1, 64))], 64))


def _headline_searcher(title: str, texts: list[str]) -> tuple[Searcher, LoadedIndex]:
    enc = WordTokens()
    article = Article("x", "x.txt", title, "2024-03", "", (), "")
    sentences = [Sentence(f"x#{i}", "x", i, t, 0, len(t)) for i, t in enumerate(texts)]
    passages = [passage_text(article, s) for s in sentences]
    vectors = enc.encode_passages(passages)
    index = LoadedIndex(Path("."), {"model": "hashing"}, {"x": article}, sentences, vectors,
                        FaissIndex.build(vectors, "flat"))
    tokens = TokenVectors.from_blocks(enc.encode_passages_with_tokens(passages, [0] * len(passages))[1], enc.dim)
    return Searcher(index, enc, "hybrid", tokens=tokens), index


@pytest.mark.parametrize("title, headline", [("Xe khách tông xe tải trên quốc lộ 1, 4 người tử vong", True),
                                             ("Tai nạn: 4 người tử vong", False)])
def test_a_headline_fact_that_every_sentence_carries_does_not_hide_the_sentence_stating_it(
        title: str, headline: bool) -> None:
    """A headline states the main fact, and every sentence's token vectors carry the title: its words count
    less, so the sentence that states the fact wins them. A short title names the subject and counts fully."""
    searcher, _ = _headline_searcher(title, ["Vụ việc xảy ra trên quốc lộ 1 tại Khánh Hòa.",
                                             "4 người tử vong tại chỗ."])
    hits = {h.row: h for h in searcher.search("Bao nhiêu người tử vong?", 2)}
    gap = hits[1].maxsim - hits[0].maxsim
    assert gap > 0.15 if headline else abs(gap) < 0.1


def test_a_headlines_names_keep_their_weight_so_repeating_the_subject_wins_nothing() -> None:
    searcher, _ = _headline_searcher("Cẩm Xuyên chủ động thực hiện nhiệm vụ những tháng cuối năm",
                                     ["Thu ngân sách đạt 120 tỷ đồng.",
                                      "Huyện Cẩm Xuyên đạt nhiều kết quả tích cực."])
    hits = {h.row: h for h in searcher.search("Cẩm Xuyên thế nào?", 2)}
    assert abs(hits[0].maxsim - hits[1].maxsim) < 0.1  # the name matches the title in both alike



# --- names in English questions ----------------------------------------------------------------------------

def test_an_english_question_names_someone_only_one_article_mentions() -> None:
    enc = WordTokens()
    index, tokens = _index(enc)
    s = Searcher(index, enc, "hybrid", tokens=tokens)
    names = s.english_names("What does Nguyen Van Nam chair?")
    assert [n.text for n in names] == ["Nguyen Van Nam"]
    assert s.names_mentioned(names, 2) and not s.names_mentioned(names, 3)  # article a (rows 0-2), not b
    assert s.unknown_terms("What does Nguyen Van Nam chair?") == []
    assert s.unknown_terms("How hot was it in Sa Pa?") == ["Sa Pa"]  # "pa" is written nowhere
    # a title the text words otherwise ("Ông Nguyễn Văn Nam", not "Huyện Nguyễn Văn Nam") is not the name
    assert s.unknown_terms("Việc của Huyện Nguyễn Văn Nam là gì?") == []
    assert s.unknown_terms("Việc của Huyện Trần Văn Hùng là gì?") == ["Huyện Trần Văn Hùng"]
    assert s.unknown_terms("Hà Tĩnh và Long Thành ở đâu?") == ["Long Thành"]


def test_a_vietnamese_questions_names_must_be_in_the_quoted_article_too() -> None:
    """"Tỷ lệ lấp đầy của KCN Mỹ Phước 3?" is not answered from an article on another industrial park: a
    Vietnamese question's names of two words or more must be in the quoted article, as an English question's."""
    from retrieval.answer import answer_with
    from retrieval.search import Hit

    enc = WordTokens()
    index, tokens = _index(enc)
    s = Searcher(index, enc, "hybrid", tokens=tokens)
    question = "Hội nghị của ông Nguyễn Văn Nam diễn ra năm nào?"
    assert [n.text for n in s.english_names(question)] == ["Nguyễn Văn Nam"]  # "Hội" opens the question
    from_b = Hit(3, 1.60, 0.95, 0.0, maxsim=0.7)  # clears the thresholds, but article b never names him
    assert not answer_with(question, [from_b], s, top_k=3).answered
    assert answer_with("Hội nghị diễn ra năm nào?", [from_b], s, top_k=3).answered


def test_a_quote_from_an_article_without_the_names_is_no_answer_and_one_with_them_needs_no_floor() -> None:
    from retrieval.answer import make_answer
    from retrieval.search import Hit

    index, _ = _index(WordTokens())
    in_a = {0, 1, 2}.__contains__  # the question's names are in article a only
    below_floor = Hit(1, 1.00, 0.80, 0.0, maxsim=0.5)  # cosine above 0.74, fused score below the floor
    answer = make_answer("Who is Nguyen Van Nam?", [below_floor], index, top_k=3, floor=1.2)
    assert not answer.answered  # the floor alone declines it
    answer = make_answer("Who is Nguyen Van Nam?", [below_floor], index, top_k=3, floor=1.2, names_in=in_a)
    assert answer.answered and [q.sentence_id for q in answer.quotes] == ["a#1"]
    other = Hit(3, 1.50, 0.90, 0.0, maxsim=0.6)  # would pass both thresholds, but article b lacks the name
    answer = make_answer("Who is Nguyen Van Nam?", [other, below_floor], index, top_k=3, floor=1.2, names_in=in_a)
    assert not answer.answered
    answer = make_answer("Who is Nguyen Van Nam?", [below_floor, other], index, top_k=3, floor=1.2, names_in=in_a)
    assert [q.sentence_id for q in answer.quotes] == ["a#1"]  # no follow quote from article b either


def test_a_sentence_that_writes_every_translated_phrase_of_an_english_question_needs_no_floor() -> None:
    """`covered` (retrieval/glossary.py: `Glossary.covers`) waives the off-topic floor as the names do."""
    from retrieval.answer import make_answer
    from retrieval.search import Hit

    index, _ = _index(WordTokens())
    below_floor = Hit(0, 1.00, 0.80, 0.0, maxsim=0.5)  # cosine above 0.74, fused score below the floor
    question = "How much budget revenue did the district collect?"
    assert not make_answer(question, [below_floor], index, top_k=3, floor=1.2).answered
    answer = make_answer(question, [below_floor], index, top_k=3, floor=1.2, covered={0}.__contains__)
    assert answer.answered and [q.sentence_id for q in answer.quotes] == ["a#0"]
    assert not make_answer(question, [below_floor], index, top_k=3, floor=1.2, covered={1}.__contains__).answered


def test_an_answer_must_beat_what_the_background_text_offers_the_question() -> None:
    from retrieval.answer import BACKGROUND_MARGIN, make_answer
    from retrieval.search import Hit

    index, _ = _index(WordTokens())
    hit = Hit(0, 1.50 + 0.2, 0.90, 0.0, maxsim=0.6, paragraph=0.2)  # fused 1.50: clears every threshold
    assert make_answer("Thu ngân sách đạt bao nhiêu?", [hit], index, top_k=3).answered
    for background, answered in ((1.49 - BACKGROUND_MARGIN, True), (1.51 - BACKGROUND_MARGIN, False), (1.60, False)):
        answer = make_answer("Thu ngân sách đạt bao nhiêu?", [hit], index, top_k=3, background=background)
        assert answer.answered is answered
        assert answered or [q.sentence_id for q in answer.more] == ["a#0"]  # still offered as "closest"
    # A second quote must beat it too; a hit not re-scored with token matching is judged as before.
    second = Hit(2, 1.48 + 0.2, 0.90, 0.0, maxsim=0.6, paragraph=0.2)
    answer = make_answer("Thu ngân sách đạt bao nhiêu?", [hit, second], index, top_k=3,
                         background=1.485 - BACKGROUND_MARGIN)
    assert [q.sentence_id for q in answer.quotes] == ["a#0"]
    plain = Hit(0, 0.95, 0.95, 0.0)
    assert make_answer("Thu ngân sách đạt bao nhiêu?", [plain], index, top_k=3, background=9.0).answered


def test_a_quote_whose_figures_all_measure_something_else_is_no_answer() -> None:
    from retrieval.answer import make_answer
    from retrieval.search import Hit

    index, _ = _index(WordTokens())
    money_and_months = Hit(0, 1.70, 0.90, 0.0, maxsim=0.6)  # "120,3 tỷ đồng trong 6 tháng": clears the thresholds
    no_figure = Hit(1, 1.68, 0.90, 0.0, maxsim=0.6)
    assert make_answer("Thu ngân sách đạt bao nhiêu?", [money_and_months], index, top_k=3).answered
    answer = make_answer("Dân số huyện là bao nhiêu người?", [money_and_months, no_figure], index, top_k=3)
    assert not answer.answered
    assert [q.sentence_id for q in answer.more] == ["a#0", "a#1"]  # still offered as the closest sentences
    # and the answer says why: the closest tells of money and a length of time, not a count
    assert answer.reason == "mismatch"
    assert answer.mismatch == Mismatch("measure", "count", ("money", "time"))
    below = make_answer("Dân số huyện là bao nhiêu người?", [Hit(0, 0.1, 0.1, 0.0)], index, top_k=3)
    assert (below.reason, below.mismatch) == ("not_close", None)  # not close enough: nothing to say of it
    # Nor is it quoted after a first quote that contradicts nothing.
    answer = make_answer("Dân số huyện là bao nhiêu người?", [no_figure, money_and_months], index, top_k=3)
    assert [q.sentence_id for q in answer.quotes] == ["a#1"]


def test_the_background_is_asked_the_question_as_the_index_reads_it() -> None:
    enc = WordTokens()
    index, tokens = _index(enc)
    s = Searcher(index, enc, "hybrid", tokens=tokens)
    question = "Thu ngân sách của huyện đạt bao nhiêu?"
    assert s.background_best(question) is None  # no background: nothing to beat
    other = [("c", "Giá vàng thế giới tăng mạnh trong tuần."), ("c", "Thu ngân sách của nước Pháp đạt 300 tỷ euro.")]
    articles = {"c": Article("c", "c.txt", "Bài c", "2023-07", "", (), "")}
    sentences = [Sentence(f"c#{i}", "c", i, text, 0, len(text)) for i, (_, text) in enumerate(other)]
    vectors = enc.encode_passages([x.text for x in sentences])
    bg_index = LoadedIndex(Path("."), {"model": "hashing"}, articles, sentences, vectors,
                           FaissIndex.build(vectors, "flat"))
    _, blocks = enc.encode_passages_with_tokens([x.text for x in sentences], [0] * len(sentences))
    s.background = Searcher(bg_index, enc, "hybrid", tokens=TokenVectors.from_blocks(blocks, enc.dim))
    enc.queries.clear()
    best = s.background_best(question)
    own = s.search(question, 1)[0]
    assert enc.queries == [question]  # embedded once for both
    expected = s.background.search(question, 1)[0]
    assert best == pytest.approx(expected.score - expected.paragraph)
    assert expected.row == 1 and best < own.score - own.paragraph  # the index's own sentence beats it
    assert Searcher(index, enc, "dense").background_best(question) is None


def test_answers_in_every_language_are_compared_with_the_background() -> None:
    from retrieval.answer import answer_with

    enc = WordTokens()
    index, tokens = _index(enc)
    s = Searcher(index, enc, "hybrid", tokens=tokens)
    questions = ("Thu ngân sách của huyện đạt bao nhiêu?", "thu ngan sach dat bao nhieu",
                 "How much budget revenue did the district collect?")
    for best, answered in ((-9.0, True), (99.0, False)):
        asked: list[str] = []
        s.background_best = lambda q: asked.append(q) or best  # type: ignore[method-assign]
        answers = [answer_with(q, s.search(q, 3), s, top_k=3) for q in questions]
        assert asked == list(questions)
        assert [a.answered for a in answers[:2]] == [answered] * 2  # both Vietnamese ones clear the thresholds


@pytest.mark.parametrize("question, sentence, fits", [
    ("Bệnh dịch xảy ra ở Venice mấy lần?", "Bệnh dịch xảy ra ở Venice 22 lần trong 167 năm.", True),
    ("Bệnh dịch xảy ra ở Venice mấy lần?", "Bệnh dịch năm 1576 đã giết chết 50.000 người ở Venice.", False),
    ("Tỷ lệ hộ nghèo giảm bao nhiêu phần trăm?", "Tỷ lệ hộ nghèo giảm còn 2,1%.", True),
    ("Bột Nhi Thiếp sinh Truật Xích vào năm nào?", "Cô sinh được một con trai tên là Truật Xích (1185-1226).", True),
    ("Thu ngân sách đạt 120 tỷ đồng vào năm nào?", "Thu ngân sách đạt 120 tỷ đồng.", False),  # only the question's
    ("Thu ngân sách đạt bao nhiêu?", "Thu ngân sách đạt 120,3 tỷ đồng.", None),  # asks for no unit
    ("Ai chủ trì hội nghị?", "Ông Nam chủ trì hội nghị năm 2023.", None),  # no quantity or date
    # "đồng" is money after a figure, not the "đồng" of "hai đồng phạm" (two accomplices)
    ("Khải chiếm đoạt bao nhiêu tiền?", "Công ty đã chiếm đoạt tổng cộng 1.287 tỷ đồng.", True),
    ("Khải chiếm đoạt bao nhiêu tiền?", "Hai đồng phạm giúp sức đắc lực cho Khải là Linh và Vũ.", False),
    # a length in the unit the question names, or in any unit of length
    ("Cây cầu dài bao nhiêu mét?", "Cầu Đại Ninh dài 620 m, dài nhất tuyến.", True),
    ("Cây cầu dài bao nhiêu mét?", "Đoạn cao tốc Di Linh - Liên Khương dài 45 km.", False),
    ("Tuyến du lịch dài bao nhiêu cây số?", "Tuyến dài 210 km, đi qua 14 điểm.", True),
    ("Tuyến du lịch dài bao nhiêu cây số?", "Tour trọn gói 3 ngày 2 đêm.", False),
    # "bán giá bao nhiêu" asks for money, as written ("giá" folds like "gia" of "gia đình")
    ("Mỗi chip dự kiến bán giá bao nhiêu?", "Giá bán dự kiến 1,8 USD mỗi chip.", True),
    ("Mỗi chip dự kiến bán giá bao nhiêu?", "Mỗi con chip có kích thước chỉ 3 x 3 mm.", False),
    ("Gia đình ông nhận bao nhiêu?", "Gia đình ông nhận 3 suất quà.", None),
])
def test_fits_wording_reads_the_unit_the_question_asks_for(question: str, sentence: str, fits: bool | None) -> None:
    assert fits_wording(question, sentence) is fits


@pytest.mark.parametrize("question, sentence, named", [
    ("Ai là hiệu trưởng trường?", "Hiệu trưởng Trần Thị Bích Vân cho biết trường mở thêm hai ngành.", True),
    ("Ai đứng đầu Cục?", "Cục trưởng Cục Quản lý lao động ngoài nước Tống Văn Khoa cho biết.", True),  # after a title
    ("ai ket luan hoi nghi", "Bí thư Huyện ủy Nguyễn Văn Thành kết luận hội nghị.", True),  # unaccented question
    ("Ai đứng đầu Chi cục Kiểm lâm?", "Ông Lò Văn Hưng, Chi cục trưởng, cho biết.", True),  # a Thái family name
    ("Ai là hiệu trưởng trường?", "Tại Trường Đại học Kỹ thuật Phương Nam, chỉ tiêu năm nay là 5.200.", False),
    ("Ai tham dự?", "Huyện Cẩm Xuyên (Hà Tĩnh) tổ chức hội nghị.", False),  # two words: a place
    ("Ai đã giúp Thoreau?", "Henry David Thoreau viết bài luận.", False),  # a foreign name has no such shape
    ("Nguyễn Văn Thành đã nói gì, và ai nghe?", "Nguyễn Văn Thành kết luận hội nghị.", False),  # the question's
    ("Thu ngân sách đạt bao nhiêu?", "Bà Trần Thị Bích Vân báo cáo 120 tỷ đồng.", None),  # asks for no person
])
def test_names_person_reads_a_vietnamese_persons_name(question: str, sentence: str, named: bool | None) -> None:
    assert names_person(question, sentence) is named


@pytest.mark.parametrize("bonus, title, rows, question, english, english_too", [
    # "mấy lần": the sentence counting "lần" is ranked first; "how many times" counts "lần" too.
    ("WORDING_BONUS", "Venice", ("Bệnh dịch hạch đã giết chết 50.000 người ở Venice.",
                                 "Ở Venice bệnh dịch hạch xảy ra 22 lần."),
     "Bệnh dịch hạch giết chết ở Venice mấy lần?", "How many times did the plague hit Venice?", True),
    # a unit: Vietnamese questions only
    ("WORDING_BONUS", "Venice", ("Bệnh dịch hạch đã giết chết 50.000 người ở Venice.",
                                 "Ở Venice bệnh dịch hạch giết 30% dân số."),
     "Bệnh dịch hạch giết chết bao nhiêu phần trăm dân Venice?", "What percentage of Venice did the plague kill?",
     False),
    # "ai": the sentence naming a person is ranked first, whatever else names the school.
    ("PERSON_BONUS", "Tuyển sinh", ("Trường Đại học Phương Nam tuyển 5.200 chỉ tiêu năm nay, Hiệu trưởng nói.",
                                    "Hiệu trưởng Trần Thị Bích Vân cho biết trường mở thêm ngành."),
     "Ai là Hiệu trưởng Trường Đại học Phương Nam năm nay?", "Who is the rector of Phuong Nam University?", False),
    # which province: the sentence naming one, bracketed after the district, in both languages; not the person
    # after "Tỉnh ủy", nor the province's committee
    ("PLACE_BONUS", "Cẩm Xuyên", ("Trưởng ban Dân vận Tỉnh ủy Trương Thanh Huyền dự hội nghị huyện Cẩm Xuyên.",
                                  "Huyện Cẩm Xuyên (Hà Tĩnh) tổ chức hội nghị."),
     "Huyện Cẩm Xuyên thuộc tỉnh nào?", "Which province is Cẩm Xuyên district in?", True),
])
def test_a_vietnamese_question_prefers_the_sentence_that_has_what_its_wording_asks_for(
        monkeypatch, bonus: str, title: str, rows: tuple[str, str], question: str, english: str,
        english_too: bool) -> None:
    """The bonus ranks the second sentence first; it is kept out of what declines read. English questions get
    it only for the noun they count."""
    import retrieval.search as search

    enc = WordTokens()
    index, tokens = one_article_index(enc, rows, title)
    monkeypatch.setattr(search, "TITLE_BONUS", 0.0)  # a title's holder is tests/test_roles.py's
    monkeypatch.setattr(search, bonus, 0.0)
    without = Searcher(index, enc, "hybrid", tokens=tokens).search(question, 2)
    monkeypatch.setattr(search, bonus, 1.0)  # large, so that the fake vectors cannot outweigh it
    hits = Searcher(index, enc, "hybrid", tokens=tokens).search(question, 2)
    assert without[0].row == 0 and hits[0].row == 1
    assert hits[0].wording == 1.0 and hits[1].wording == 0.0
    assert hits[0].fused == pytest.approx(next(h for h in without if h.row == 1).fused)
    english_hits = Searcher(index, enc, "hybrid", tokens=tokens).search(english, 2)
    assert max(h.wording for h in english_hits) == (1.0 if english_too else 0.0)
