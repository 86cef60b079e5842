"""Abbreviations a reader types ("hlv", "TP.HCM") read as the words the articles write."""
from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.abbreviations import ABBREVIATIONS, spelled_out
from retrieval.index import LoadedIndex
from retrieval.language import _VI_SYLLABLE_RE, _marks
from retrieval.maxsim import TokenVectors
from retrieval.search import Searcher
from retrieval.textnorm import fold
from retrieval.types import Article, Sentence
from retrieval.vectors import FaissIndex
from tests.test_search import WordTokens


def writes(*phrases: str):  # type: ignore[no-untyped-def]
    """`mentions` of articles that write exactly these phrases (accents ignored)."""
    written = {fold(p) for p in phrases}
    return lambda phrase: fold(phrase) in written


@pytest.mark.parametrize("written, question, read", [
    # the articles write the words only: they replace the abbreviation
    (("huấn luyện viên",), "hlv nam dinh ten gi", "huấn luyện viên nam dinh ten gi"),
    # both: the abbreviation is kept beside them
    (("huấn luyện viên", "hlv"), "Ai là HLV của Nam Định?", "Ai là huấn luyện viên (HLV) của Nam Định?"),
    (("hội đồng quản trị",), "Ai là chủ tịch HĐQT?", "Ai là chủ tịch hội đồng quản trị?"),
    # the abbreviation only (the seed's "HĐND"): left as typed
    (("hđnd",), "HĐND huyện là khóa mấy?", "HĐND huyện là khóa mấy?"),
    ((), "Chủ tịch UBND tỉnh là ai?", "Chủ tịch UBND tỉnh là ai?"),
    # "TP.HCM" as a whole; "GS.TS" part by part
    (("thành phố Hồ Chí Minh",), "Đoàn TP.HCM giành bao nhiêu huy chương?",
     "Đoàn thành phố Hồ Chí Minh giành bao nhiêu huy chương?"),
    (("giáo sư", "tiến sĩ"), "GS.TS Nguyễn Văn An là ai?", "giáo sư tiến sĩ Nguyễn Văn An là ai?"),
    # the words typed where the articles write only the abbreviation: it is read beside them
    (("bhxh",), "Cong ty no bao nhieu tien bao hiem xa hoi?", "Cong ty no bao nhieu tien bao hiem xa hoi (BHXH)?"),
    (("bhxh", "bảo hiểm xã hội"), "Công ty nợ bao nhiêu bảo hiểm xã hội?", "Công ty nợ bao nhiêu bảo hiểm xã hội?"),
])
def test_an_abbreviation_is_read_as_the_articles_write_it(written: tuple[str, ...], question: str,
                                                           read: str) -> None:
    assert spelled_out(question, writes(*written)) == read


@pytest.mark.parametrize("question", [
    "Who captained the fishing boat BTh 96257-TS?",  # part of a code
    "Đội U21 xếp thứ mấy?",
    "Who is the HLV of Nam Dinh?",  # English questions are left as typed
])
def test_codes_and_english_questions_are_left_as_typed(question: str) -> None:
    everything = lambda phrase: True  # noqa: E731
    assert spelled_out(question, everything) == question


def test_no_abbreviation_spells_a_vietnamese_syllable() -> None:
    """"tp", "hs", "ts" are no words of their own: a listed one that were ("ban", "tin") would rewrite questions."""
    assert not [a for a in ABBREVIATIONS if _VI_SYLLABLE_RE.fullmatch(_marks(a)[1])]


def test_the_search_finds_the_sentence_that_spells_an_abbreviation_out() -> None:
    texts = ["Sau trận, huấn luyện viên Nguyễn Quốc Hưng của Nam Định hài lòng với các học trò.",
             "Nam Định đánh bại Hoàng Anh Gia Lai với tỷ số 3-1.",
             "Trận đấu thu hút khoảng 18.500 khán giả."]
    enc = WordTokens()
    articles = {"a": Article("a", "a.txt", "Bài a", "2024-11", "", (), "")}
    sentences = [Sentence(f"a#{i}", "a", i, t, 0, len(t)) for i, t in enumerate(texts)]
    vectors = enc.encode_passages(texts)
    index = LoadedIndex(Path("."), {"model": "hashing"}, articles, sentences, vectors,
                        FaissIndex.build(vectors, "flat"))
    _, blocks = enc.encode_passages_with_tokens(texts, [0] * len(texts))
    searcher = Searcher(index, enc, "hybrid", tokens=TokenVectors.from_blocks(blocks, enc.dim))
    hits = searcher.search("hlv nam dinh ten gi", 3)
    assert enc.queries[-1].startswith("huấn luyện viên Nam Định")  # spelled out, then its accents restored
    assert hits[0].row == 0 and hits[0].lexical > hits[1].lexical
