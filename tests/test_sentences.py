"""Tests for the Vietnamese sentence splitter (retrieval.sentences)."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrieval.sentences import MAX_SENTENCE_CHARS, split_sentence_texts, split_sentences

REFERENCE_DIR = Path(__file__).parents[2] / "shared/eval/xquad_vi"
SEED = Path(__file__).parents[1] / "seeds/000_bac37b6d276e11cd.txt"


def texts(text: str) -> list[str]:
    return split_sentence_texts(text)


# --- reference splitter (XQuAD-vi) ------------------------------------------------


def _reference_paragraphs() -> list[tuple[str, str, list[tuple[int, int]]]]:
    if not (REFERENCE_DIR / "paragraphs.jsonl").is_file() or not (REFERENCE_DIR / "corpus.jsonl").is_file():
        pytest.skip(f"reference data not found in {REFERENCE_DIR}")
    spans: dict[str, tuple[int, int]] = {}
    with open(REFERENCE_DIR / "corpus.jsonl", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            spans[row["sentence_id"]] = (row["char_start"], row["char_end"])
    out = []
    with open(REFERENCE_DIR / "paragraphs.jsonl", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            out.append((row["paragraph_id"], row["context"], [spans[s] for s in row["sentence_ids"]]))
    return out


def test_matches_reference_spans_on_xquad_vi() -> None:
    paragraphs = _reference_paragraphs()
    assert len(paragraphs) == 120
    mismatched = [pid for pid, context, gold in paragraphs if split_sentences(context) != gold]
    agreement = 1 - len(mismatched) / len(paragraphs)
    assert agreement >= 0.98, f"agreement {agreement:.3f}; differing paragraphs: {mismatched}"


# --- seed article -------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_sentences() -> list[str]:
    if not SEED.is_file():
        pytest.skip("seed article missing")
    return texts(SEED.read_text(encoding="utf-8"))


def test_seed_parenthesised_sentence_is_one_unit(seed_sentences: list[str]) -> None:
    assert (
        "Thu ngân sách trên địa bàn đạt 120,3 tỷ đồng (đạt 40% kế hoạch tỉnh giao, bằng 29% dự toán "
        "HĐND huyện giao và bằng 75% so với cùng kỳ năm 2022)."
    ) in seed_sentences


def test_seed_numbers_and_dates_not_split(seed_sentences: list[str]) -> None:
    assert any(s.startswith("Sáng 12/7, Ban Chấp hành Đảng bộ huyện Cẩm Xuyên tổ chức")
               and s.endswith("2023.") for s in seed_sentences)
    assert any(s.startswith("Trên lĩnh vực kinh tế") and "4.995 tỷ đồng (tăng 12,6%" in s
               and s.endswith("kế hoạch năm 2023).") for s in seed_sentences)
    assert "Trưởng ban Dân vận Tỉnh ủy Trương Thanh Huyền tham dự hội nghị." in seed_sentences


def test_seed_captions_and_ellipsis(seed_sentences: list[str]) -> None:
    # caption lines without final punctuation are units of their own
    assert "Đại biểu tham dự hội nghị" in seed_sentences
    assert "Bí thư Huyện ủy Cẩm Xuyên Nguyễn Văn Thành kết luận hội nghị" in seed_sentences
    # "..." followed by lowercase continues the sentence
    assert any(s.endswith("tăng cường các mặt công tác xây dựng Đảng... để thực hiện thắng lợi các chỉ tiêu "
                          "kế hoạch đã đề ra năm 2023.") for s in seed_sentences)
    # "..." at the end of a paragraph closes the sentence
    assert any(s.startswith("Công tác GPMB") and s.endswith("được đẩy mạnh...") for s in seed_sentences)


def test_seed_spans_are_verbatim_and_trimmed() -> None:
    if not SEED.is_file():
        pytest.skip("seed article missing")
    text = SEED.read_text(encoding="utf-8")
    spans = split_sentences(text)
    assert len(spans) > 20
    for (s, e), (s2, _) in zip(spans, spans[1:]):
        assert e <= s2
    for s, e in spans:
        assert text[s:e] == text[s:e].strip() and text[s:e]
        assert "\n\n" not in text[s:e]


# --- hand-written rules ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Giá trị đạt 4.995 tỷ đồng, tăng 12,6% so với cùng kỳ.",
        "Có 1.900.000 người tham gia vào ngày 12/7 năm nay.",
        "Luật có hiệu lực từ 1.1.2016 với mức 3.5% mỗi năm.",
        "Ông ở TP. Hồ Chí Minh và làm việc tại Q. Bình Thạnh.",
        "Ông ở TP.Hồ Chí Minh, TP.HCM và Tp. Đà Nẵng.",
        "Hội thảo do PGS.TS. Nguyễn Văn An chủ trì.",
        "Hội thảo do PGS.TS.Nguyễn Văn An chủ trì.",
        "Bác sĩ BSCKII. Trần Văn Bình và ThS. Lê Thị Hoa có mặt.",
        "Tác giả John C. Messenger viết cuốn sách này.",
        "Franklin D. Roosevelt là tổng thống.",
        "Quân đội U.S. Army đóng quân ở đây.",
        "Có táo, cam, lê, v.v. tất cả đều tươi.",
        "Ông Dr. Smith và Mr. Bean cùng đến.",
        "Họ đẩy mạnh công tác xây dựng Đảng... để thực hiện thắng lợi.",
        "Ông nói (xem Hình 1. Bên trái là bản đồ) rằng việc này đúng.",
        'Ông nói: "Tôi sẽ đi. Anh ở lại nhé." với giọng buồn.',
        "Nhà hàng mới của Yahoo! được mở cửa.",
        "Vi khuẩn Y. pestis gây bệnh dịch hạch.",
        "Kết quả: hỗn hợp acetylene và O\n2 nén được dùng.",
    ],
)
def test_single_sentence(text: str) -> None:
    assert texts(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sản xuất vụ xuân được mùa. Xây dựng NTM được tập trung.",
         ["Sản xuất vụ xuân được mùa.", "Xây dựng NTM được tập trung."]),
        ("Thu đạt 120 tỷ! Chi đạt 90 tỷ? Đúng vậy…", ["Thu đạt 120 tỷ!", "Chi đạt 90 tỷ?", "Đúng vậy…"]),
        ("Lũ đến vào tháng 6.Lấy cớ đó, họ tiến vào.", ["Lũ đến vào tháng 6.", "Lấy cớ đó, họ tiến vào."]),
        ("Mọi việc đang tiến triển... Sau đó thì khác.", ["Mọi việc đang tiến triển...", "Sau đó thì khác."]),
        ("Có năm 2022. 6 tháng đầu năm tốt.", ["Có năm 2022.", "6 tháng đầu năm tốt."]),
        ('Ông nói: "Tôi đi. Anh ở lại." Rồi ông đi.', ['Ông nói: "Tôi đi. Anh ở lại."', "Rồi ông đi."]),
        ("Anh ấy hỏi: “Bao giờ?” Tôi không biết.", ["Anh ấy hỏi: “Bao giờ?”", "Tôi không biết."]),
        ("Hôm nay (ngày 12/7). Ngày mai (13/7).", ["Hôm nay (ngày 12/7).", "Ngày mai (13/7)."]),
        ("Ông nói. “Tôi đi”, rồi ra về.", ["Ông nói.", "“Tôi đi”, rồi ra về."]),
        # unbalanced quote: quotes are not tracked, so the split happens
        ('Ông nói "Tôi đi. Anh ở lại.', ['Ông nói "Tôi đi.', "Anh ở lại."]),
        # v.v. followed by a capital ends the sentence
        ("Có lê, táo, v.v. Sau đó hết.", ["Có lê, táo, v.v.", "Sau đó hết."]),
        # Roman numerals of 2+ letters and Vietnamese one-letter words end sentences
        (
            "Sau Thế Chiến II. Nó kết thúc. Đến nước Ý. Ở đó vui.",
            ["Sau Thế Chiến II.", "Nó kết thúc.", "Đến nước Ý.", "Ở đó vui."],
        ),
        # initials / acronyms are overridden when the next word is clearly Vietnamese
        (
            "Nhân vật S.H.I.E.L.D. Về nhân vật này thì khác.",
            ["Nhân vật S.H.I.E.L.D.", "Về nhân vật này thì khác."],
        ),
        ("Kết quả tốt.[cần trích dẫn] Tiếp theo là phần khác.",
         ["Kết quả tốt.[cần trích dẫn]", "Tiếp theo là phần khác."]),
        # captions: a line without final punctuation followed by a capitalised line
        ("Đại biểu tham dự hội nghị\nSáng 12/7, hội nghị diễn ra.",
         ["Đại biểu tham dự hội nghị", "Sáng 12/7, hội nghị diễn ra."]),
        # blank lines always separate
        ("Đoạn một không có dấu\n\nđoạn hai cũng vậy", ["Đoạn một không có dấu", "đoạn hai cũng vậy"]),
        ("Điều này đúng.\u200b Điều kia sai.\ufeff ", ["Điều này đúng.", "Điều kia sai."]),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_abbreviation_not_overridden_by_vietnamese_word() -> None:
    # "Hồ" has a stacked tone mark, but TP is a listed abbreviation, not an initial
    assert texts("Ông sống ở TP. Hồ Chí Minh.") == ["Ông sống ở TP. Hồ Chí Minh."]
    # a single initial IS overridden by a Vietnamese word
    assert texts("Đó là lớp 12A. Đây là bài mới.") == ["Đó là lớp 12A.", "Đây là bài mới."]
    assert texts("Thí sinh xếp hạng A. Điều đó tốt.") == ["Thí sinh xếp hạng A.", "Điều đó tốt."]
    # ... and, after a lower-case word that is no person's title, by any accented word: the letter names a thing
    assert texts("Thí sinh xếp hạng A. Bình thường thôi.") == ["Thí sinh xếp hạng A.", "Bình thường thôi."]
    assert texts("Trẻ mắc cúm A. Bác sĩ Bình cho biết.") == ["Trẻ mắc cúm A.", "Bác sĩ Bình cho biết."]
    # ... but not by a word without Vietnamese-specific letters, nor after a title ("ông H. Bình"): an initial
    assert texts("Ông gặp ông H. Bình ở đó.") == ["Ông gặp ông H. Bình ở đó."]
    assert texts("Thí sinh xếp hạng A. Robert thì không.") == ["Thí sinh xếp hạng A. Robert thì không."]
    assert texts("Ngân hàng J. P. Morgan Chase.") == ["Ngân hàng J. P. Morgan Chase."]
    assert texts("Wilhelm I. Friedrich là vua.") == ["Wilhelm I. Friedrich là vua."]
    # a degree's letter is a unit, whatever the next word: "độ C." ends the sentence (a person's initial does not)
    assert texts("Hà Nội đạt 42 độ C. Cùng ngày, điện lập kỷ lục.") == ["Hà Nội đạt 42 độ C.",
                                                                     "Cùng ngày, điện lập kỷ lục."]
    assert texts("Trời 100 độ F. Hôm nay mát.") == ["Trời 100 độ F.", "Hôm nay mát."]
    assert texts("Ông Lê X. Hùng phát biểu.") == ["Ông Lê X. Hùng phát biểu."]


def test_spans_point_into_original_text() -> None:
    text = "  Câu một.   Câu hai!\n"
    assert split_sentences(text) == [(2, 10), (13, 21)]
    assert split_sentences("") == []
    assert split_sentences("   \n ") == []


_ALPHABET = st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĐÊHLNTV0123456789 .,!?…\"“”()[]\n/%-"))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=120))
def test_spans_partition_nonspace_text(text: str) -> None:
    spans = split_sentences(text)
    prev_end = 0
    for s, e in spans:
        assert prev_end <= s < e <= len(text)
        chunk = text[s:e]
        assert chunk == chunk.strip()
        prev_end = e
    # nothing but whitespace is lost between or around spans
    joined = "".join(text[s:e] for s, e in spans)
    assert "".join(joined.split()) == "".join(text.split())


# --- over-long sentences ------------------------------------------------------------


def _check_pieces(text: str, spans: list[tuple[int, int]]) -> None:
    """Every piece fits the cap, is trimmed, and together they keep all the non-space text in order."""
    assert all(0 < e - s <= MAX_SENTENCE_CHARS and text[s:e] == text[s:e].strip() for s, e in spans)
    assert "".join("".join(text[s:e] for s, e in spans).split()) == "".join(text.split())


def test_longest_real_sentence_is_not_cut() -> None:
    paragraphs = _reference_paragraphs()
    longest = max((context[s:e] for _, context, gold in paragraphs for s, e in gold), key=len)
    assert len(longest) > 1000 and split_sentence_texts(longest) == [longest]


def test_paragraph_without_punctuation_is_cut_at_spaces() -> None:
    text = " ".join(["thu ngân sách tăng"] * 60_000)  # about 1 MB, no punctuation
    spans = split_sentences(text)
    _check_pieces(text, spans)
    assert all(e - s > MAX_SENTENCE_CHARS - 20 for s, e in spans[:-1]), "cut at the last space before the limit"
    assert all(s == 0 or text[s - 1] == " " for s, _ in spans), "a cut never splits a word"


def test_a_cut_without_punctuation_keeps_a_number_with_its_unit() -> None:
    filler = "ab " * ((MAX_SENTENCE_CHARS - len("dài 266")) // 3)
    filler += "a" * (MAX_SENTENCE_CHARS - len("dài 266") - len(filler))  # "266" ends just inside the limit
    text = filler + "dài 266 km đoạn qua tỉnh"  # no punctuation: cut at a space
    spans = split_sentences(text)
    _check_pieces(text, spans)
    assert [text[s:e] for s, e in spans][1] == "266 km đoạn qua tỉnh"


def test_long_sentence_is_cut_after_its_last_clause_mark() -> None:
    clause = "huyện " * 200 + "đạt kế hoạch; "  # 1,214 characters ending in "; "
    text = clause + "xã " * 400 + "xong."
    pieces = split_sentence_texts(text)
    assert pieces[0] == clause.rstrip() and len(pieces) == 2


def test_text_without_spaces_is_cut_hard_but_not_inside_a_letter() -> None:
    text = "a" + unicodedata.normalize("NFD", "ệ") * 1000  # one letter = 3 code points; 1,500 is a tone mark
    spans = split_sentences(text)
    _check_pieces(text, spans)
    assert all(not unicodedata.combining(text[s]) for s, _ in spans)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(["ngân", "sách", ",", ";", " ", "  ", "\n", "."]), min_size=500, max_size=1200))
def test_cut_pieces_partition_long_text(tokens: list[str]) -> None:
    text = "".join(tokens)
    _check_pieces(text, split_sentences(text))


def test_each_list_item_is_a_sentence_of_its_own() -> None:
    text = ("Công ty công bố các chỉ tiêu chính:\n- Doanh thu thuần đạt 14.112 tỷ đồng\n"
            "- Lợi nhuận sau thuế đạt 2.246 tỷ đồng\n• Số lao động 10.200 người\nGiá tăng 5 - 6%.")
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Công ty công bố các chỉ tiêu chính:", "- Doanh thu thuần đạt 14.112 tỷ đồng",
        "- Lợi nhuận sau thuế đạt 2.246 tỷ đồng", "• Số lao động 10.200 người", "Giá tăng 5 - 6%."]
