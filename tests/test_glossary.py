"""English questions read in the corpus's words (retrieval/glossary.py) and scored by BM25 (retrieval/lexical.py)."""
from __future__ import annotations

import numpy as np

from retrieval.glossary import FOLDER, Glossary, _words, covers, glossary
from retrieval.lexical import LexicalIndex
from retrieval.textnorm import normalize

_ENTRIES = """\
# a comment
debt\tnợ
bad debt\tnợ xấu
bank\tngân hàng
report\tbáo cáo; công bố
take part\ttham gia
run\tchạy; vận hành
long\tdài
study\tnghiên cứu
agreement\thiệp định; thỏa thuận
peace\thoà bình
"""


def _glossary() -> Glossary:
    return Glossary.parse(_ENTRIES.splitlines())


def test_the_longest_phrase_is_read_first_and_each_rendering_once() -> None:
    assert _glossary().read("How much bad debt did the bank report?") == ["nợ xấu", "ngân hàng", "báo cáo", "công bố"]


def test_inflected_words_are_found_by_their_stems() -> None:
    g = _glossary()
    assert g.read("Which banks reported bad debts?") == ["ngân hàng", "báo cáo", "công bố", "nợ xấu"]
    assert g.read("Who is running the studies?") == ["chạy", "vận hành", "nghiên cứu"]
    assert g.read("What was reported?") == ["báo cáo", "công bố"]
    assert g.read("Which banks took part?") == ["ngân hàng", "tham gia"]  # an irregular verb of a phrase
    assert g.read("Who had taken part?") == ["tham gia"]


def test_vietnamese_names_and_question_words_are_not_translated() -> None:
    g = _glossary()
    assert g.read("How long is the road in Long An?") == []  # "how long" asks; "Long An" is a place
    assert g.read("Where is Long Bien bank?") == ["ngân hàng"]
    assert g.read("What did they say?") == []
    assert g.read("Which bank did Hội An Study choose?") == ["ngân hàng", "nghiên cứu"]  # "Hội An" is a name
    assert _words("Who won in Đà Nẵng?") == ["who", "won", "in", "đà", "nẵng"]  # whole words, not "n", "ng"


def test_renderings_are_normalised_as_the_index_is() -> None:
    assert _glossary().read("What about peace?") == [normalize("hoà bình")]
    assert _glossary().entries["agreement"] == (normalize("hiệp định"), normalize("thỏa thuận"))


def test_phrases_are_scored_apart() -> None:
    """Two renderings side by side make no syllable pair: "nợ" then "xấu" as phrases is not "nợ xấu"."""
    lex = LexicalIndex.build(["Nợ xấu của ngân hàng tăng.", "Ngân hàng trả nợ, kết quả xấu."])
    row0 = np.array([0])
    apart, together = lex.phrase_scores(["nợ", "xấu"]), lex.phrase_scores(["nợ xấu"])
    assert 0 < apart.of(row0)[0] < together.of(row0)[0]
    assert together.of(row0)[0] > together.of(np.array([1]))[0]
    assert lex.phrase_scores([]).best() == 0


def test_the_shipped_glossary_is_well_formed() -> None:
    files = sorted(FOLDER.glob("*.tsv"))
    assert files
    for path in files:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip() and not line.startswith("#"):
                english, _, vietnamese = line.partition("\t")
                assert english and "\t" not in vietnamese and vietnamese.strip(" ;"), f"{path.name}:{n}: {line!r}"
    assert len(glossary().entries) > 10_000


def test_a_sentence_covers_a_question_that_writes_nearly_every_phrase_of_it() -> None:
    phrases = _glossary().phrases("How much bad debt did the bank report?")
    assert phrases == [("nợ xấu",), ("ngân hàng",), ("báo cáo", "công bố")]
    assert covers(phrases, "Nợ xấu của Ngân hàng A tăng 18%, theo báo cáo quý.")
    assert covers(phrases, "Ngân hàng công bố nợ xấu.")  # any rendering of each phrase
    assert not covers(phrases, "Nợ xấu tăng mạnh.")  # no bank, nothing reported
    assert not covers(phrases, "Ngân hàng báo cáo nợ xấuuu.")  # whole words only
    assert not covers(_glossary().phrases("What about peace?"), "Hòa bình.")  # one phrase: too little to tell
    four = _glossary().phrases("Did the bank report a study of bad debt?")
    assert len(four) == 4
    assert covers(four, "Ngân hàng công bố nợ xấu.")  # three of four: no study, but the rest is there
    assert not covers(four, "Ngân hàng công bố.")  # two of four
    assert not covers(phrases, "Ngân hàng công bố.")  # two of three: every one of three is needed
    twice = _glossary().phrases("Which bank reported on the bank's bad debt?")
    assert len(twice) == 4 and len(set(twice)) == 3
    assert not covers(twice, "Ngân hàng báo cáo.")  # the bank counted once: two of three
