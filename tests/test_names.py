"""Vietnamese names in Latin letters (retrieval/names.py): which runs are names, and how articles mention them."""
from __future__ import annotations

import numpy as np
import pytest

from retrieval.names import english_names, mentioned

# The lexical terms (folded syllables and pairs) a small corpus has.
KNOWN = {"dong", "nai", "dong_nai", "ha", "noi", "ha_noi", "viet", "nam", "viet_nam", "ho", "chi", "minh", "ho_chi",
         "chi_minh", "hcm", "nguyen", "van", "nguyen_van", "van_nam", "sa", "the", "ceo", "tram", "song", "cam",
         "xuyen", "cam_xuyen", "the_nam", "nui", "sam", "cup", "nui_sam", "cup_nui"}


def names(question: str) -> list[tuple[str, tuple[tuple[str, ...], ...]]]:
    return [(n.text, n.forms) for n in english_names(question, KNOWN.__contains__)]


@pytest.mark.parametrize(("question", "found"), [
    ("How much FDI did Dong Nai attract?", [("Dong Nai", (("dong_nai",),))]),
    ("Dong Nai attracted how much? Nam said so.", [("Dong Nai", (("dong_nai",),))]),  # a first word alone: no name
    ("Did Nguyen Van Nam resign?", [("Nguyen Van Nam", (("nguyen_van", "van_nam"),))]),
    ("What did Mr Nam say?", [("Nam", (("nam",),))]),  # an English title is no part of the name
    ("Who is Nguyen Van Nam?", [("Nguyen Van Nam", (("nguyen_van", "van_nam"),))]),
    # a word joined from two syllables the corpus writes apart
    ("How many people live in Hanoi and Vietnam?", [("Hanoi", (("ha_noi",),)), ("Vietnam", (("viet_nam",),))]),
    # "City" is English the Vietnamese text does not repeat; three syllables may be written as their initials
    ("How many cases did Ho Chi Minh City record?", [("Ho Chi Minh", (("ho_chi", "chi_minh"), ("hcm",)))]),
    ("Where is Cẩm Xuyên?", [("Cẩm Xuyên", (("cam_xuyen",),))]),  # typed with accents, matched without
    # a syllable the corpus never writes: no article can mention it
    ("What was the temperature in Sa Pa?", [("Sa Pa", ())]),
    # inside a name English capitalises no "my" nor "the": "Mỹ", "Thế" typed without accents
    ("How old is Nguyen Van My?", [("Nguyen Van My", ())]),  # "my" is a syllable this corpus never writes
    ("What did Nguyen The Nam say?", [("Nguyen The Nam", (("nguyen_the", "the_nam"),))]),
    # English puts "Cup" last, Vietnamese first ("Cúp Núi Sam"): read both ways when the corpus never writes "sam cup"
    ("Who won the Nui Sam Cup?", [("Nui Sam Cup", (("nui_sam", "sam_cup"), ("cup_nui", "nui_sam")))]),
])
def test_vietnamese_names_are_found_with_the_forms_an_article_writes_them_in(question, found) -> None:
    assert names(question) == found


@pytest.mark.parametrize("question", [
    "What did the CEO say?",  # an acronym
    "What was named The Tesla?",  # English shaped like a syllable; a foreign name
    "Where is Vietnam Airlines based?",  # a run with an English word is a foreign name, checked nowhere
    "Who planned the Edinburgh Tram network?",
    "When did Typhoon Yagi hit China?",  # two syllables no corpus writes together ("ty phoon", "chi na")
    "How many E5 and 5G stations?",  # letters with digits
    "what did dong nai attract?",  # not capitalised
])
def test_english_words_acronyms_and_foreign_names_are_no_vietnamese_names(question: str) -> None:
    assert names(question) == []


@pytest.mark.parametrize(("question", "found"), [
    # "Mỹ" is no English "my"; the question's first word is capitalised anyway
    ("Tỷ lệ lấp đầy của Khu công nghiệp Mỹ Phước 3 là bao nhiêu?", ["Mỹ Phước"]),
    ("Hà Nội có bao nhiêu người?", []),  # its first word left out, "Nội" alone is too short a name
    ("Cô Lan Hương được trả lương bao nhiêu?", ["Lan Hương"]), ("Lương của cô Lan Hương?", ["Lan Hương"]),
    ("Lương của ông Thắng là bao nhiêu?", []),  # one syllable tells articles apart too seldom
    # a name that describes what "nào" asks for may be written otherwise in the answer ("Swiss", "Gandhi")
    ("Hãng hàng không Thụy Sĩ nào thuộc tập đoàn?", []), ("Người Ấn Độ nổi tiếng nào bất tuân dân sự?", []),
    # a body's name starting with a capital only ("Bệnh viện") is not the end of the name before it
    ("Khoa Nhiễm Bệnh viện Đa khoa Thủ Đức chữa cho bao nhiêu người?", ["Thủ Đức"]),
    ("Người dân Lan Hương cho biết gì?", ["Lan Hương"]),
])
def test_a_vietnamese_question_gives_names_of_two_words_or_more(question: str, found: list[str]) -> None:
    known = KNOWN | {"my", "phuoc", "my_phuoc", "lan", "huong", "lan_huong", "thang", "thuy", "si", "thuy_si", "an",
                     "do", "an_do"}
    assert [n.text for n in english_names(question, known.__contains__, vietnamese=True)] == found


def test_an_article_mentions_a_name_when_its_rows_hold_every_term_of_one_form() -> None:
    postings = {"ho_chi": np.array([2, 9]), "chi_minh": np.array([9]), "hcm": np.array([4])}
    rows_with = lambda term: postings.get(term, np.zeros(0, np.int64))  # noqa: E731
    (name,) = english_names("Cases in Ho Chi Minh City?", KNOWN.__contains__)
    assert mentioned(name, rows_with, range(8, 12))  # both pairs in the article (rows 8-11)
    assert mentioned(name, rows_with, range(3, 6))  # as "TP HCM"
    assert not mentioned(name, rows_with, range(0, 3))  # "ho chi" alone is not the name


def test_a_bodys_name_may_write_a_units_noun_before_its_place() -> None:
    """"Cục Thuế Quảng Ninh" is mentioned by an article writing "Cục Thuế tỉnh Quảng Ninh"."""
    known = {"cuc", "thue", "quang", "ninh", "tinh", "cuc_thue", "thue_tinh", "tinh_quang", "quang_ninh"}
    found = english_names("Phó Cục trưởng Cục Thuế Quảng Ninh tên gì?", known.__contains__, vietnamese=True)
    assert [(n.text, n.forms) for n in found] == [("Cục Thuế Quảng Ninh", (
        ("cuc_thue", "thue_quang", "quang_ninh"), ("cuc_thue", "thue_tinh", "tinh_quang", "quang_ninh")))]
