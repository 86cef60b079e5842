"""A "who" question naming a title wants the person written with that title (retrieval/roles.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.answer import bold_span
from retrieval.index import LoadedIndex
from retrieval.roles import (asked_role, asked_title, fits_title, head_only, holder_mismatch, no_holder, other_title,
                             role_found, titled_otherwise, titled_people)
from retrieval.types import Article, Mismatch, Sentence
from retrieval.vectors import FaissIndex
from tests.test_search import WordTokens, one_article_index

CEO = "Giám đốc điều hành Võ Hoàng Nam, 38 tuổi, cho biết công ty bắt đầu với 6 người."
CTO = "Đồng sáng lập kiêm giám đốc công nghệ Trịnh Mỹ Linh cho biết thách thức lớn nhất là chi phí."


@pytest.mark.parametrize("question, sentence, holder", [
    # the words after the head are the question's, or the title is another one
    ("Ai giữ vị trí giám đốc công nghệ của SHS?", CTO, "Trịnh Mỹ Linh"),
    ("Ai giữ vị trí giám đốc công nghệ của SHS?", CEO, None),
    ("ai giu vi tri giam doc cong nghe cua shs", CTO, "Trịnh Mỹ Linh"),  # typed without accents
    # English titles read as Vietnamese ones, with or without the words after the head
    ("Who is the CEO of Song Han Semiconductor?", CEO, "Võ Hoàng Nam"),
    ("Who is the CEO of Song Han Semiconductor?", CTO, None),
    ("Who is the head coach of the Ninh Binh team?", "Sau giờ nghỉ, HLV Đặng Quang Vinh của Ninh Bình thay người.",
     "Đặng Quang Vinh"),
    # a body's name may stand between the title and the person; a modifier makes another title
    ("Chủ tịch UBND tỉnh Tuyên Quang mới là ai?", "Chủ tịch UBND tỉnh Tuyên Quang Nguyễn Đình Phúc phát biểu.",
     "Nguyễn Đình Phúc"),
    ("Chủ tịch UBND tỉnh là ai?", "Phó Chủ tịch UBND tỉnh Lê Văn An cho biết.", None),
    # after the name, the title follows a comma
    ("Phó giám đốc Công ty Hưng Phát là ai?", "Bà Trần Thị Mỹ Linh, Phó giám đốc Công ty Hưng Phát, cho biết.",
     "Trần Thị Mỹ Linh"),
    ("Who is the director of Da Nang's Department of Finance?",
     "Ông Nguyễn Văn Khải, Phó giám đốc Sở Tài chính, và bà Trần Thị Mỹ Linh, Giám đốc Sở, cùng dự.",
     "Trần Thị Mỹ Linh"),
    # the title as the clause before the name, a body with lowercase words in it
    ("Ai là giám đốc Sở Y tế?", "Giám đốc Sở Y tế Thanh Hóa, bà Trịnh Thị Hằng, cho biết.", "Trịnh Thị Hằng"),
    # the title in another clause than the name is not its; nor one a verb stands between
    ("Ai là giám đốc sở?", "Giám đốc sở vắng mặt, ông Lê Văn Tám chủ trì.", None),
    ("Who is the director of the department?", "Giám đốc sở vắng mặt nên ông Lê Văn Tám chủ trì.", None),
    ("Who is the director?", "Giám đốc điều hành Võ Hoàng Nam cho biết.", None),  # a CEO
    # the company the question names, named again without its name; not for a body of another kind
    ("Ai đang là tổng giám đốc Mía đường Lam Giang?", "Bà Phan Thị Thu Hà, Tổng giám đốc công ty, dự báo giá đường có "
     "thể giảm.", "Phan Thị Thu Hà"),
    ("Ai là giám đốc Sở Y tế?", "Ông Nguyễn Văn An, Giám đốc công ty, cho biết.", None),
])
def test_the_holder_of_the_asked_title_is_bolded(question: str, sentence: str, holder: str | None) -> None:
    span = bold_span(question, sentence)
    asked = asked_title(question)
    assert asked is not None
    found = [sentence[a:b] for a, b in titled_people(asked, sentence)]
    assert found == ([holder] if holder else [])
    if holder:
        assert span is not None and sentence[span[0]:span[1]] == holder


@pytest.mark.parametrize("question", [
    "Ai là người kết luận hội nghị?",  # no title
    "Giám đốc công ty nói gì về doanh thu?",  # no "who"
    "Who said the director was wrong?",  # a title, but not asked the holder of
    "Bí thư xã nào đã phát biểu?",  # which commune, not who
])
def test_questions_naming_no_title_asked_for_read_as_before(question: str) -> None:
    assert asked_title(question) is None


def test_a_sentence_writing_the_titles_holder_ranks_first_in_both_languages(monkeypatch) -> None:
    """Two sentences naming a person: the bonus ranks the technology director's first, for either language."""
    import retrieval.search as search

    enc = WordTokens()
    index, tokens = one_article_index(enc, (CEO, CTO), "Khởi nghiệp")
    monkeypatch.setattr(search, "TITLE_BONUS", 1.0)  # large, so that the fake vectors cannot outweigh it
    for question in ("Ai là giám đốc công nghệ của công ty?", "Who is the company's CTO?"):
        hits = search.Searcher(index, enc, "hybrid", tokens=tokens).search(question, 2)
        assert hits[0].row == 1 and hits[0].wording >= 1.0


LAM = "Thông tin được Phó Chủ tịch UBND tỉnh Long An Nguyễn Minh Lâm đưa ra tại hội nghị sơ kết."
DUC = "Ở phía doanh nghiệp, ông Lý Minh Đức, Phó chủ tịch Hiệp hội Dệt may Bình Dương, cho rằng mức tăng là hợp lý."


@pytest.mark.parametrize("question, sentence, title", [
    # the title before the name, with its body; the person asked by given name only
    ("Ông Lâm giữ chức vụ gì?", LAM, "Phó Chủ tịch UBND tỉnh Long An"),
    ("ong lam giu chuc vu gi", LAM, "Phó Chủ tịch UBND tỉnh Long An"),
    ("Ông Lâm giữ chức vụ gì?", "Tuy nhiên, ông Lâm thừa nhận tiến độ giải ngân còn chậm.", None),  # no title
    ("Ông Khoa giữ chức vụ gì?", LAM, None),  # another person
    # the title after the name and a comma, to the next comma; English questions too
    ("Trong bài, ông Lý Minh Đức đang đảm nhiệm chức vụ gì?", DUC, "Phó chủ tịch Hiệp hội Dệt may Bình Dương"),
    ("What position does Ly Minh Duc hold?", DUC, "Phó chủ tịch Hiệp hội Dệt may Bình Dương"),
    # a whole name that starts with no common family name ("Thông"), or with one of the north's ("Nông")
    ("ông Thông Minh Quang là ai?", "Theo ông Thông Minh Quang, Phó Giám đốc Sở Văn hóa tỉnh, lễ hội mở rộng.",
     "Phó Giám đốc Sở Văn hóa tỉnh"),
    ("Ông Nông Văn Chí giữ chức vụ gì?", "Ông Nông Văn Chí, Phó chủ tịch UBND tỉnh Cao Bằng, thừa nhận.",
     "Phó chủ tịch UBND tỉnh Cao Bằng"),
    ("Bà Hằng giữ chức vụ gì?", "Giám đốc Sở Y tế Thanh Hóa, bà Trịnh Thị Hằng, cho biết.",
     "Giám đốc Sở Y tế Thanh Hóa"),
    # a name ending in "Tùng" (folded, the adverb "từng"); "Chi cục trưởng", a title of its own
    ("Ông Hồ Sỹ Tùng giữ chức vụ gì?", "Ông Hồ Sỹ Tùng, Chi cục trưởng Chi cục ATVSTP, cho biết giấy phép đã hết hạn.",
     "Chi cục trưởng Chi cục ATVSTP"),
])
def test_the_title_of_the_person_asked_about_is_bolded_and_found(question: str, sentence: str,
                                                                  title: str | None) -> None:
    span = bold_span(question, sentence)
    assert (sentence[span[0]:span[1]] if span and title else None) == title
    assert role_found(question, sentence) is (title is not None)
    assert fits_title(question, sentence) is (title is not None)


def test_a_persons_title_written_next_to_their_name_is_an_answer_whatever_the_scores() -> None:
    """"Ông Lâm giữ chức vụ gì?" scores low (a short question): the sentence writing his title is quoted, bolded,
    although its score is below the threshold; any other question with that score is declined."""
    from retrieval.answer import make_answer
    from retrieval.search import Hit

    articles = {"a": Article("a", "a.txt", "Kinh tế Long An", "2024-07", "", (), "")}
    sentences = [Sentence("a#0", "a", 0, LAM, 0, len(LAM))]
    vectors = WordTokens().encode_passages([LAM])
    index = LoadedIndex(Path("."), {"model": "hashing"}, articles, sentences, vectors,
                        FaissIndex.build(vectors, "flat"))
    low = [Hit(0, 0.5, 0.5, 0.0)]
    answer = make_answer("Ông Lâm giữ chức vụ gì?", low, index, top_k=3, min_score=0.80)
    assert answer.answered and answer.quotes[0].answer_span is not None
    assert not make_answer("Ông Lâm nói gì?", low, index, top_k=3, min_score=0.80).answered
    assert not make_answer("Ông Khoa giữ chức vụ gì?", low, index, top_k=3, min_score=0.80).answered


@pytest.mark.parametrize("question, person", [
    ("Ông Lâm là ai?", ("lam",)), ("Who is Nguyen Minh Lam?", ("nguyen", "minh", "lam")),
    ("Lâm Quốc Hưng là ai?", ("lam", "quoc", "hung")), ("Thượng tá Phan Đình Lực là ai?", ("phan", "dinh", "luc")),
    ("Who is Nông Văn Chí?", ("nong", "van", "chi")),
    ("Who is the CEO?", None), ("Thủ khoa năm nay là ai?", None),  # a title's holder, a name asked for
    ("Giám đốc Sở Tài chính là ai?", None),
    # a rank before the name, a body after it, "làm ở vị trí nào"
    ("thuong ta vinh giu chuc vu gi", ("vinh",)), ("Đại tá Lực là ai?", ("luc",)),
    ("ba van o ngan hang nha nuoc giu chuc vu gi", ("van",)), ("Ông Vĩnh đang làm ở vị trí nào?", ("vinh",)),
    # a name ending in "Tùng" or "Hiền" (folded, the adverbs "từng", "hiện"), written capitalised
    ("Ông Hồ Sỹ Tùng giữ chức vụ gì?", ("ho", "sy", "tung")),
    ("Bà Nguyễn Thị Hiền hiện giữ chức vụ gì?", ("nguyen", "thi", "hien")), ("Ông Lâm hiện giữ chức vụ gì?", ("lam",)),
])
def test_who_a_named_person_is_asks_their_title(question: str, person: tuple[str, ...] | None) -> None:
    assert asked_role(question) == person


@pytest.mark.parametrize("question, sentence, deputy_only", [
    # an assistant coach is no head coach, a body's name after "của" between the title and the name
    ("Who is the head coach of Hanoi FC?", "Trợ lý HLV của Hà Nội FC Phan Thanh Sơn, người thay HLV trưởng dự họp báo, "
     "thừa nhận sai lầm.", True),
    ("Ai là trợ lý HLV của Hà Nội FC?", "Trợ lý HLV của Hà Nội FC Phan Thanh Sơn cho biết.", False),
    ("Ai là giám đốc Sở Xây dựng Hà Nội?", "Phó giám đốc Sở Xây dựng Hà Nội Nguyễn Văn Thắng cho biết.", True),
    ("Who is the CEO of EVN?", "Ông Trịnh Quốc Khánh, Phó tổng giám đốc EVN, cho biết giá điện tăng.", True),
    ("Ai là giám đốc Sở Xây dựng Hà Nội?", "Giám đốc Sở Xây dựng Hà Nội Nguyễn Văn Thắng cho biết.", False),
    ("Ai là phó giám đốc sở?", "Phó giám đốc Sở Xây dựng Hà Nội Nguyễn Văn Thắng cho biết.", False),
    # a name of no Kinh shape, called "bà" ("H'Liên Êban")
    ("chu tich ubnd tinh dak lak ten la gi", "Bà H'Liên Êban, Phó chủ tịch UBND tỉnh Đắk Lắk, cho biết tỉnh đã hỗ trợ "
     "50 tỷ đồng.", True),
    # the body's name written out, as its abbreviation
    ("Chủ tịch UBND tỉnh Bắc Ninh là ai?", "Phó Chủ tịch Ủy ban nhân dân tỉnh Bắc Ninh Đào Quang Khải đề nghị xây "
     "dựng quy chế.", True),
    # another title says nothing: the head of a delegation is written by what he does
    ("Ai là trưởng đoàn Việt Nam?", "Đoàn Việt Nam do Thứ trưởng Bộ Tài chính Đỗ Thành Long dẫn đầu.", False),
])
def test_a_question_on_a_title_is_not_answered_by_its_deputy(question: str, sentence: str,
                                                             deputy_only: bool) -> None:
    assert other_title(question, sentence) is deputy_only


@pytest.mark.parametrize("question, sentence, no_one", [
    # the holder asked for, and a sentence naming no one: no answer
    ("Ai là tổng giám đốc Công ty Vĩnh Thịnh?", "Vĩnh Thịnh là doanh nghiệp 100% vốn Đài Loan.", True),
    ("Giám đốc công ty Phúc Thịnh tên là gì?", "Bếp ăn do Công ty TNHH Dịch vụ suất ăn Phúc Thịnh đảm nhận.", True),
    ("Who is the CEO of HTBank?", "Ông cũng cho biết HTBank đang đàm phán bán 15% vốn.", True),  # a brand, no one
    ("Ai là giám đốc Sở Xây dựng?", "Phó giám đốc Sở Xây dựng Nguyễn Văn Thắng cho biết.", True),  # the deputy
    # a body's name with three lower-case words in a row
    ("Who is the president of the Vietnam Motorsports Federation?", "Theo Phó chủ tịch Liên đoàn Mô tô thể thao Việt "
     "Nam Đinh Công Trường, giải gồm năm chặng.", True),
    # someone named: a Vietnamese full name, "ông" and a name, two foreign words
    ("Ai là giám đốc Sở Xây dựng?", "Giám đốc Sở Xây dựng Nguyễn Văn Thắng cho biết.", False),
    ("Ai là giám đốc sở?", "Theo ông Thắng, giám đốc sở, dự án chậm tiến độ.", False),
    ("Ai là tổng giám đốc đầu tiên?", "Tổng giám đốc đầu tiên là chính trị gia người Pháp Albert Thomas.", False),
    ("Ai là người phát ngôn Văn phòng Tổng thống?", "Theo người phát ngôn Kim Ji-hoon, hai bên nhất trí.", False),
    ("Ai làm chủ tịch ủy ban soạn thảo?", "Ủy ban soạn thảo do B. R. Ambedkar làm chủ tịch.", False),
    # a person called by the last word of their name, holding the title; not the end of a place's name
    ("Ai là giám đốc công nghệ của Kiwi Edu?", "Đức giữ vị trí Tổng giám đốc, còn Hà là Giám đốc công nghệ.", False),
    ("Ai là chủ tịch thành phố?", "Hà Nội là Thủ đô của cả nước.", True),
    # the name of someone the question calls by a word for a person
    ("Cụ ông 91 tuổi được cứu sống tên là gì?", "Bệnh nhân cao tuổi nhất là một cụ ông 91 tuổi ở Sơn Tịnh.", True),
    ("Kẻ cầm đầu nhóm tên là gì?", "Theo PC02, người cầm đầu là Trịnh Văn Khải, 38 tuổi.", False),
    ("Nhà máy tên là gì?", "Nhà máy có công suất 200 tấn mỗi ngày.", False),  # a thing's name: not read here
    # the title in the middle of the question, its holder's name asked
    ("Tổng thống Chile đã hội kiến Chủ tịch Quốc hội Việt Nam tên là gì?", "Tổng thống Chile còn hội kiến Chủ tịch "
     "Quốc hội và nói chuyện với sinh viên Đại học Quốc gia Hà Nội.", True),
    # not asked for as the holder: "đã sáng lập" is what someone did, "mang tên gì" a body's name
    ("Ai đã sáng lập Viện Radium?", "Viện Radium ra đời ở Paris năm 1909.", False),
    ("Viện do Marie Curie sáng lập mang tên gì?", "Bà cũng sáng lập Viện Radium, nay là Viện Curie.", False),
])
def test_a_question_on_a_titles_holder_is_not_answered_by_a_sentence_naming_no_one(
        question: str, sentence: str, no_one: bool) -> None:
    assert no_holder(question, sentence) is no_one


@pytest.mark.parametrize("question, sentence, head", [
    ("pho giam doc benh vien da khoa soc trang la ai", "Bác sĩ Lâm Văn Quới, Giám đốc Bệnh viện Đa khoa tỉnh Sóc "
     "Trăng, cho biết.", True),
    ("Who is the deputy director of the hospital?", "Bác sĩ Lâm Văn Quới, Giám đốc Bệnh viện Đa khoa tỉnh Sóc Trăng, "
     "cho biết.", True),
    # a deputy general director; a foreign name called "Ông"
    ("Who is Seowon Tech's deputy general director?", "Ông Kim Jae-hoon, Tổng giám đốc Seowon Tech, cho biết.", True),
    # the deputy named, beside the head or alone; the head asked
    ("Ai là phó giám đốc sở?", "Giám đốc Sở Xây dựng Nguyễn Văn Thắng và Phó giám đốc Trần Văn Nam cho biết.", False),
    ("Ai là phó giám đốc sở?", "Phó giám đốc Sở Xây dựng Hà Nội Nguyễn Văn Thắng cho biết.", False),
    ("Ai là giám đốc sở?", "Giám đốc Sở Xây dựng Nguyễn Văn Thắng cho biết.", False),
])
def test_a_question_on_a_deputy_is_not_answered_by_the_head(question: str, sentence: str, head: bool) -> None:
    assert head_only(question, sentence) is head
    assert (holder_mismatch(question, sentence) == Mismatch("holder", "holder", ("head",))) is head


@pytest.mark.parametrize("question, sentence, others", [
    ("Ai là chủ tịch HĐQT Sao Mai?", "Ông Lương Văn Khải, Tổng giám đốc Sao Mai Airlines, cho biết hãng có lãi.", True),
    ("ai la chu tich hdqt sao mai airlines", "Ông Lương Văn Khải, Tổng giám đốc Sao Mai Airlines, cho biết.", True),
    ("Who is the chairman of the district People's Committee?", "Trưởng ban Dân vận Tỉnh ủy Trương Thanh Huyền tham "
     "dự hội nghị.", True),
    # the asked title written the other way, or written at all; who leads told without a title; no one titled
    ("Ai là huấn luyện viên trưởng của Nam Định?", "HLV trưởng Nam Định Đinh Quang Hải cho rằng thẻ đỏ quan trọng.",
     False),
    ("Ai là CEO của Tây Đô?", "Ông Trần Quốc Hưng, Tổng giám đốc Tây Đô Food, cho biết giá tăng.", False),
    ("Who is the CEO of Hanu AI?", "Theo tiến sĩ Khoa, Giám đốc điều hành Hanu AI, công ty sẽ mở rộng.", False),
    ("Ai là chủ tịch HĐQT?", "Ông Khải, Tổng giám đốc, kiêm chủ tịch HĐQT công ty, cho biết.", False),
    ("Ai là trưởng đoàn Việt Nam?", "Đoàn Việt Nam do Thứ trưởng Bộ Tài chính Đỗ Thành Long dẫn đầu.", False),
    ("Ai là chủ tịch HĐQT Sao Mai?", "Ông Lương Văn Khải cho biết hãng có lãi.", False),
])
def test_a_question_on_a_title_is_not_answered_by_people_holding_others_only(question: str, sentence: str,
                                                                              others: bool) -> None:
    from retrieval.roles import titled_others

    assert titled_others(question, sentence) is others
    assert (holder_mismatch(question, sentence) == Mismatch("holder", "holder", ("other",))) is others


@pytest.mark.parametrize("question, sentence, other", [
    ("Who is the chairman of Nghe An provincial People's Committee?", "Phát biểu bế mạc, ông Hoàng Nghĩa Phương, Chủ "
     "tịch HĐND tỉnh, yêu cầu UBND tỉnh giao dự toán.", True),
    ("Chủ tịch UBND tỉnh Nghệ An là ai?", "Ông Hoàng Nghĩa Phương, Chủ tịch HĐND tỉnh, phát biểu bế mạc.", True),
    ("Who is the director of the Quang Ngai Department of Health?", "Bác sĩ Trần Văn Hưng, Giám đốc bệnh viện, cho "
     "biết mỗi năm cơ sở tiếp nhận khoảng 1.450 ca đột quỵ.", True),
    # the same body at another level: a commune's People's Committee for a district's
    ("Ai là Chủ tịch UBND huyện Chợ Mới?", "Ông Trần Thanh Phong, Chủ tịch UBND xã Kiến An, cho biết nước đã rút.",
     True),
    ("Who is the chairman of Cho Moi district People's Committee?", "Ông Trần Thanh Phong, Chủ tịch UBND xã Kiến An, "
     "cho biết nước đã rút.", True),
    ("Ai là chủ tịch UBND?", "Ông Trần Thanh Phong, Chủ tịch UBND xã Kiến An, cho biết nước đã rút.", False),
    ("Ai là Chủ tịch UBND huyện Đắk Glei?", "Ông A Khoan, Chủ tịch UBND xã Đắk Man, cho biết xã đã di dời 27 hộ.",
     True),  # a holder called "ông", whatever the shape of the name
    ("Who heads the Dak Man commune government?", "Ông A Khoan, Chủ tịch UBND xã Đắk Man, cho biết xã đã di dời 27 "
     "hộ.", False),  # the head of a commune's government is its People's Committee's chairman
    # the same body, or none asked
    ("Who is the chairman of Nghe An provincial People's Council?", "Ông Hoàng Nghĩa Phương, Chủ tịch HĐND tỉnh, "
     "phát biểu bế mạc.", False),
    ("Ai là chủ tịch UBND xã Đắk Man?", "Ông A Khoan, Chủ tịch UBND xã Đắk Man, cho biết xã đã di dời 27 hộ.", False),
    ("Ai là chủ tịch tỉnh?", "Ông Hoàng Nghĩa Phương, Chủ tịch HĐND tỉnh, phát biểu bế mạc.", False),
    # a title asked with a verb; a body of another kind (an institute, a centre, a company)
    ("Who chairs the Nghe An People's Committee?", "Ông Hoàng Nghĩa Phương, Chủ tịch HĐND tỉnh, phát biểu.", True),
    ("Who is the director of the Ho Chi Minh City Department of Health?", "Ông Hồ Văn Lực, giám đốc một viện dưỡng "
     "lão tư nhân ở quận Bình Thạnh, cho biết nhiều nhân viên nghỉ việc.", True),
])
def test_a_question_on_a_title_in_one_body_is_not_answered_by_its_holder_in_another(question: str, sentence: str,
                                                                                    other: bool) -> None:
    assert (holder_mismatch(question, sentence) == Mismatch("holder", "holder", ("other",))) is other


def test_a_deputy_written_short_and_a_place_bearing_a_persons_name() -> None:
    # "hiệu phó" is "phó hiệu trưởng": a sentence naming no one does not say who
    assert holder_mismatch("Hieu pho Truong THCS Tan An ten la gi?", "UBND huyện Kim Thành, tỉnh Hải Dương đã đình chỉ "
                           "hiệu trưởng Trường THCS Tân An.") == Mismatch("holder", "holder", ("nobody",))
    assert holder_mismatch("Hiệu phó Trường THCS Tân An tên là gì?", "Hiệu trưởng Trường THCS Tân An Mạc Văn Thuấn bị "
                           "đình chỉ.") == Mismatch("holder", "holder", ("head",))
    # "TP Hồ Chí Minh" is a city, no person; "tỉnh" may end a title's body before its holder
    assert holder_mismatch("pho truong ban quan ly duong sat do thi la ai", "Theo Ban Quản lý đường sắt đô thị TP Hồ "
                           "Chí Minh, tuyến đã phục vụ 86.000 lượt khách.") == Mismatch("holder", "holder", ("nobody",))
    assert holder_mismatch("giam doc benh vien da khoa tinh la ai", "Giám đốc Bệnh viện Đa khoa tỉnh Lê Quang Thịnh "
                           "cho biết.") is None


def test_a_person_called_by_a_profession_is_someone() -> None:
    # a name no Vietnamese family name opens ("Rơ Châm Huy"), after "Bác sĩ"
    assert holder_mismatch("Who heads Gia Lai's Center for Disease Control?", "Bác sĩ Rơ Châm Huy, Giám đốc Trung tâm "
                           "Kiểm soát bệnh tật (CDC) Gia Lai, cho biết kết quả.") is None
    # not a profession written before a people's name: no one is named
    assert holder_mismatch("Who is the CEO of Song Han Semiconductor?", "Công ty ra mắt chip HS-10 do đội ngũ kỹ sư Việt "
                           "Nam thiết kế.") == Mismatch("holder", "holder", ("nobody",))


def test_a_holder_mismatch_says_whether_the_sentence_names_a_deputy_or_no_one() -> None:
    deputy = holder_mismatch("Ai là giám đốc Sở Xây dựng?", "Phó giám đốc Sở Xây dựng Nguyễn Văn Thắng cho biết.")
    assert deputy == Mismatch("holder", "holder", ("deputy",))
    nobody = holder_mismatch("Cụ ông 91 tuổi được cứu sống tên là gì?", "Bệnh nhân cao tuổi nhất là một cụ ông.")
    assert nobody == Mismatch("holder", "holder", ("nobody",))
    assert holder_mismatch("Ai là giám đốc Sở Xây dựng?", "Giám đốc Sở Xây dựng Nguyễn Văn Thắng cho biết.") is None


def test_a_person_holding_another_title_of_the_same_head_is_not_bolded() -> None:
    """"Giám đốc công nghệ của SHS là ai?": in a sentence naming only its CEO ("Giám đốc điều hành"), no name is
    the answer, so none is bolded; the technology director is, where written."""
    question = "Giám đốc công nghệ của SHS là ai?"
    ceo = "Giám đốc điều hành Võ Hoàng Nam, 38 tuổi, cho biết công ty sẽ mở rộng."
    cto = "Đồng sáng lập kiêm giám đốc công nghệ Trịnh Mỹ Linh cho biết thách thức lớn nhất là chi phí."
    assert titled_otherwise(question, ceo) and bold_span(question, ceo) is None
    span = bold_span(question, cto)
    assert not titled_otherwise(question, cto) and span is not None and cto[span[0]:span[1]] == "Trịnh Mỹ Linh"
    assert not titled_otherwise("Ai là giám đốc Sở Xây dựng?", "Giám đốc Sở Xây dựng Nguyễn Văn Thắng cho biết.")


def test_a_holder_called_ong_or_ba_is_named_without_the_honorific() -> None:
    sentence = "Ông A Khoan, Chủ tịch UBND xã Đắk Man, cho biết xã đã di dời 27 hộ."
    asked = asked_title("Who heads the Dak Man commune government?")
    assert asked is not None
    assert [sentence[a:b] for a, b in titled_people(asked, sentence)] == ["A Khoan"]
