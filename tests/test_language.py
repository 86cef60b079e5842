"""Tests for question language detection (retrieval.language)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retrieval.language import detect_language, has_diacritics
from retrieval.textnorm import fold

REFERENCE_DIR = Path(__file__).parents[2] / "shared/eval/xquad_vi"

VIETNAMESE = [
    # accented
    "Thu ngân sách đạt bao nhiêu?",
    "Ai là Bí thư Huyện ủy Cẩm Xuyên?",
    "Hội nghị diễn ra khi nào?",
    "Nguyễn Văn Thành là ai?",
    "Doanh thu của Apple là bao nhiêu?",
    "UBND huyện nói gì",
    "Hà Nội",
    "Đà Nẵng",
    "có",
    # unaccented
    "thu ngan sach dat bao nhieu",
    "ai la bi thu huyen uy",
    "khi nao hoi nghi dien ra",
    "bao nhieu",
    "tai sao",
    "xin chao",
    "Ho Chi Minh la ai",
    "gia xang hom nay",
    "tong gia tri san xuat dat bao nhieu ty dong",
    "hoi nghi so ket dien ra vao ngay nao",
    "covid 19 o viet nam",
    "Truong ban dan van tinh uy la ai",
    "nam 2023 thu ngan sach",
    "ngay 12/7 co su kien gi",
    "ai chu tri hoi nghi",
    "THU NGAN SACH DAT BAO NHIEU",
    # English-looking words (an acronym, "metro", "may") with Vietnamese question wording
    "hagl xep thu may",
    "tp hcm metro so 2 khanh thanh ngay nao",
]

ENGLISH = [
    "what was budget revenue?",
    "who chaired the meeting",
    "When did the meeting take place?",
    "What is the capital of Vietnam",
    "How many?",
    "Why?",
    "Hello",
    "Thanks",
    "How much revenue in 2023?",
    "what year was Tesla born",
    "where is Cam Xuyen district",
    "budget revenue 2023",
    "population of Hanoi",
    "Who won Super Bowl 50?",
    "WHAT IS THE BUDGET",
    "the meeting",
    "May I ask who won?",
    "name of the party secretary",
    # mixed: English question about Vietnamese names / terms
    "Who is Nguyễn Văn Thành?",
    "Who is Ho Chi Minh?",
    'What does "ngân sách" mean?',
    "What did Trương Thanh Huyền say at the conference?",
]


@pytest.mark.parametrize("text", VIETNAMESE)
def test_vietnamese(text: str) -> None:
    assert detect_language(text) == "vi"


@pytest.mark.parametrize("text", ENGLISH)
def test_english(text: str) -> None:
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text", ["", "   ", "2023", "12/7 - 4.995", "?!", "😀"])
def test_no_letters_is_other(text: str) -> None:
    assert detect_language(text) == "other"


def test_mixed_vietnamese_question_with_english_terms() -> None:
    assert detect_language("Super Bowl 50 diễn ra ở đâu?") == "vi"
    assert detect_language("Ai đã thắng Super Bowl 50") == "vi"
    assert detect_language("Ai la CEO cua Apple") == "vi"


def test_has_diacritics() -> None:
    assert has_diacritics("Thu ngân sách")
    assert has_diacritics("đ")
    assert has_diacritics("café")
    assert has_diacritics("hoa\u0300")  # combining grave
    assert not has_diacritics("thu ngan sach dat bao nhieu")
    assert not has_diacritics("What was budget revenue? 12,6%")
    assert not has_diacritics("")


def test_xquad_questions() -> None:
    """Real question sets: accented Vietnamese, the same folded, and English."""
    if not (REFERENCE_DIR / "questions_vi.jsonl").is_file():
        pytest.skip(f"reference data not found in {REFERENCE_DIR}")
    with open(REFERENCE_DIR / "questions_vi.jsonl", encoding="utf-8") as f:
        vi = [json.loads(line)["question"] for line in f]
    with open(REFERENCE_DIR / "questions_en.jsonl", encoding="utf-8") as f:
        en = [json.loads(line)["question"] for line in f]
    assert sum(detect_language(q) == "vi" for q in vi) / len(vi) >= 0.99
    assert sum(detect_language(q) == "en" for q in en) / len(en) >= 0.99
    # without accents and lowercased (no name cues), mostly still Vietnamese
    assert sum(detect_language(fold(q)) == "vi" for q in vi) / len(vi) >= 0.97
