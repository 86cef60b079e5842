"""Tests for Vietnamese normalisation, folding and tokens (retrieval.textnorm)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrieval.textnorm import (NORMALIZER_VERSION, fold, fold_aligned, folded_tokens, is_number_token, normalize,
                                tokens, unshout)


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("hoà", "hòa"),
        ("hoá", "hóa"),
        ("thuỷ", "thủy"),
        ("khoẻ", "khỏe"),
        ("oà", "òa"),
        ("uý", "úy"),
        ("tuỳ", "tùy"),
        ("Khánh Hoà", "Khánh Hòa"),
        ("HOÀ BÌNH", "HÒA BÌNH"),
        ("Uỷ ban", "Ủy ban"),
        ("Thuý Kiều", "Thúy Kiều"),
        ("loà xoà", "lòa xòa"),
        ("qúa", "quá"),  # tone on the u of "qu" is misplaced
        ("gịa", "giạ"),  # tone on the i of "gi" is misplaced
    ],
)
def test_tone_placement_unified(variant: str, canonical: str) -> None:
    assert normalize(variant) == canonical
    assert normalize(canonical) == canonical


@pytest.mark.parametrize(
    "word",
    ["hoàng", "toán", "thuyết", "ngoài", "khuỷu", "người", "quý", "quả", "giữ", "gì", "giường", "của",
     "mùa", "thuở", "khuya", "Huỳnh", "hoạch", "tuổi", "rượu", "việc", "yêu", "oán"],
)
def test_standard_words_unchanged(word: str) -> None:
    assert normalize(word) == word


@pytest.mark.parametrize("word", ["où", "café", "José", "Müller", "naïve", "Pérez"])
def test_foreign_words_unchanged(word: str) -> None:
    assert normalize(word) == unicodedata.normalize("NFC", word)


def test_nfc_and_decomposed_input() -> None:
    decomposed = unicodedata.normalize("NFD", "Thu ngân sách đạt 120,3 tỷ đồng, hoà")
    assert normalize(decomposed) == "Thu ngân sách đạt 120,3 tỷ đồng, hòa"
    # combining-mark order variants of "ệ"
    assert normalize("e\u0302\u0323") == normalize("e\u0323\u0302") == "ệ"


def test_spaces_and_invisible_characters() -> None:
    assert normalize("120,3\u00a0tỷ\u202fđồng\u3000nay") == "120,3 tỷ đồng nay"
    assert normalize("kiến \u200b\u200bnghị\ufeff và\u00ad") == "kiến nghị và"
    assert normalize("“trích dẫn” và ‘nháy’") == "“trích dẫn” và ‘nháy’"  # curly quotes kept
    assert normalize("\u00d0à Nẵng") == "Đà Nẵng"


def test_case_preserved() -> None:
    assert normalize("Hà Nội HOÀ") == "Hà Nội HÒA"


def test_fold() -> None:
    assert fold("Thu ngân sách ĐẠT") == "thu ngan sach dat"
    assert fold("Đảng bộ huyện Cẩm Xuyên") == "dang bo huyen cam xuyen"
    assert fold("thuỷ") == fold("thủy") == "thuy"
    assert fold("Nguyễn Văn Thành; 4.995 tỷ") == "nguyen van thanh; 4.995 ty"
    assert fold("ĂÂÊÔƠƯăâêôơư") == "aaeoouaaeoou"


def test_tokens_keep_numbers_whole() -> None:
    text = "Thu ngân sách đạt 120,3 tỷ đồng (tăng 12,6% so với 4.995; ngày 12/7, 1.900.000 người)."
    assert tokens(text) == [
        "thu", "ngân", "sách", "đạt", "120,3", "tỷ", "đồng", "tăng", "12,6%", "so", "với", "4.995",
        "ngày", "12/7", "1.900.000", "người",
    ]


def test_tokens_ranges_and_mixed() -> None:
    assert tokens("nhiệm kỳ 2020-2025") == ["nhiệm", "kỳ", "2020", "2025"]
    assert tokens("đạt 40% và 3.5%.") == ["đạt", "40%", "và", "3.5%"]
    assert tokens("Bắc - Nam, v.v. ... TP.HCM") == ["bắc", "nam", "v", "v", "tp", "hcm"]
    assert tokens("H5N1 lúc 10:30") == ["h5n1", "lúc", "10:30"]
    assert tokens("1.000km") == ["1.000", "km"]
    assert tokens("Hoà Bình") == tokens("hòa bình") == ["hòa", "bình"]
    assert tokens("!!! ... --") == []


def test_folded_tokens() -> None:
    assert folded_tokens("Thu ngân sách ĐẠT 50%.") == ["thu", "ngan", "sach", "dat", "50%"]
    assert folded_tokens("Khánh Hoà") == folded_tokens("khanh hoa")


@pytest.mark.parametrize("tok", ["2023", "4.995", "12,6%", "120,3", "12/7", "1.900.000", "40%", "10:30"])
def test_is_number_token_true(tok: str) -> None:
    assert is_number_token(tok)


@pytest.mark.parametrize("tok", ["", "h5n1", "12a", "ngày", "%", "4.", ".5", "1.000km"])
def test_is_number_token_false(tok: str) -> None:
    assert not is_number_token(tok)


def test_every_token_is_lowercase_and_nonempty() -> None:
    for tok in tokens("ĐẠI HỘI Đảng lần thứ XIII, năm 2021: 12,6%!"):
        assert tok and tok == tok.lower()
        assert any(ch.isalnum() for ch in tok)


def test_normalizer_version_is_a_string() -> None:
    assert isinstance(NORMALIZER_VERSION, str) and NORMALIZER_VERSION


_VI_CHARS = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯYbcdđghklmnpqrstvxĐHKNT"
_MARKS = "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b"
_ALPHABET = st.sampled_from(list(_VI_CHARS + _MARKS + " .,%0123456789\u00a0\u200b-"))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_normalize_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert fold(fold(text)) == fold(text)
    assert fold(once) == fold(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_normalize_idempotent_any_unicode(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert "\u200b" not in once and "\u00a0" not in once


@pytest.mark.parametrize(("text", "expected"), [
    ("THU NGÂN SÁCH ĐẠT BAO NHIÊU?", "thu ngân sách đạt bao nhiêu?"),
    ("THU NGAN SACH DAT BAO NHIEU", "thu ngan sach dat bao nhieu"),
    ("WHAT WAS BUDGET REVENUE", "what was budget revenue"),
    ("IPCC là gì?", "IPCC là gì?"),  # an acronym in an ordinary question
    ("Huyện Cẩm Xuyên thuộc tỉnh nào?", "Huyện Cẩm Xuyên thuộc tỉnh nào?"),
    ("NFL", "NFL"),  # too short to tell shouting from an acronym
])
def test_unshout_lowers_only_caps_lock_text(text: str, expected: str) -> None:
    assert unshout(text) == expected


def test_fold_aligned_keeps_every_offset() -> None:
    """A character fold drops (a zero-width space) becomes a space, so offsets in the result hold in the text."""
    text = "Đ\u200bà Nẵng"
    assert len(fold(text)) == len(text) - 1 and fold_aligned(text) == "d a nang"
    assert fold_aligned("Thu ngân sách") == fold("Thu ngân sách") == "thu ngan sach"
