"""Short mentions read as the full names they stand for, in the lexical index (retrieval/mentions.py)."""
from __future__ import annotations

import numpy as np

from retrieval.lexical import LexicalIndex
from retrieval.mentions import expansions, lexical_texts
from retrieval.types import Sentence

ARTICLE = [
    "Công ty cổ phần Sông Hàn Semiconductor (SHS) ra mắt dòng chip HS-10.",
    "Giám đốc điều hành Võ Hoàng Nam cho biết công ty có 74 kỹ sư.",
    "SHS được thành lập năm 2027 bởi ba kỹ sư.",
    "Theo ông Nam, chip được sản xuất tại Đài Loan.",
    "Ông Lâm, một khách hàng, nói chip rẻ.",  # no "... Lâm" named in full: nothing to read
]


def test_an_acronym_reads_as_its_definition_and_a_given_name_as_the_full_name() -> None:
    assert expansions(ARTICLE) == ["", "", "Sông Hàn Semiconductor", "Võ Hoàng Nam", ""]


def test_a_given_name_two_people_share_stands_for_neither() -> None:
    texts = ["Ông Trần Văn Nam và ông Lê Hoàng Nam dự họp.", "Ông Nam phát biểu."]
    assert expansions(texts) == ["", ""]


def test_mentions_are_read_within_their_article_and_the_full_name_finds_the_short_one() -> None:
    sentences = [Sentence(f"a#{i}", "a", i, t, 0, len(t)) for i, t in enumerate(ARTICLE)]
    sentences.append(Sentence("b#0", "b", 0, "SHS là mã của một công ty khác.", 0, 31))  # another article's SHS
    texts = lexical_texts(sentences)
    assert texts[2] == ARTICLE[2] + " Sông Hàn Semiconductor" and texts[5] == sentences[5].text
    question = "Sông Hàn Semiconductor thành lập năm nào?"
    read = LexicalIndex.build(texts).scores(question, folded=False).of(np.arange(6))
    plain = LexicalIndex.build([s.text for s in sentences]).scores(question, folded=False).of(np.arange(6))
    assert read[2] > plain[2] and read.argmax() == 2
