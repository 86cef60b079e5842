"""When an answer is given: the per-language thresholds of retrieval.answer."""
from __future__ import annotations

import numpy as np
import pytest

from retrieval.answer import FUSED_MIN_SCORE, confident, figure_found, min_score_for
from retrieval.offtopic import OFFTOPIC_EN, QUANTILE, english_floor
from retrieval.search import Hit

E5 = "intfloat/multilingual-e5-small"


def test_a_hit_rescored_with_maxsim_is_judged_on_its_fused_score() -> None:
    fused = FUSED_MIN_SCORE[(E5, "vi")]
    low_cosine_strong_match = Hit(row=0, score=fused + 0.05, dense=0.80, lexical=0.0, maxsim=0.6)
    high_cosine_weak_match = Hit(row=1, score=fused - 0.05, dense=0.90, lexical=0.0, maxsim=0.4)
    assert confident(low_cosine_strong_match, 0.84, fused)
    assert not confident(high_cosine_weak_match, 0.84, fused)


def test_the_paragraph_terms_do_not_count_towards_answering() -> None:
    # They lift every candidate's score by about the same (~0.17): the threshold was calibrated without them,
    # and an index built before paragraph vectors (paragraph 0) is judged the same way.
    fused = FUSED_MIN_SCORE[(E5, "vi")]
    lifted_only_by_its_paragraph = Hit(row=0, score=fused + 0.1, dense=0.80, lexical=0.0, maxsim=0.6, paragraph=0.17)
    assert not confident(lifted_only_by_its_paragraph, 0.84, fused)
    assert confident(Hit(row=0, score=fused + 0.2, dense=0.80, lexical=0.0, maxsim=0.6, paragraph=0.17), 0.84, fused)


def test_without_maxsim_or_a_fused_threshold_the_cosine_decides() -> None:
    not_rescored = Hit(row=0, score=2.0, dense=0.80, lexical=0.0, maxsim=0.0)
    assert not confident(not_rescored, 0.84, 1.20)
    assert confident(Hit(row=0, score=0.5, dense=0.85, lexical=0.0, maxsim=0.7), 0.84, None)


def test_lexical_only_hits_count_when_anything_matched() -> None:
    assert confident(Hit(row=0, score=3.0, dense=-1.0, lexical=3.0), 0.84, 1.20)
    assert not confident(Hit(row=0, score=0.0, dense=-1.0, lexical=0.0), 0.84, 1.20)


def test_english_keeps_the_cosine_threshold() -> None:
    # The fused threshold calibrated on XQuAD would decline 5 of 12 answerable English seed questions.
    assert (E5, "en") not in FUSED_MIN_SCORE
    assert min_score_for(E5, "en") < min_score_for(E5, "vi")


def test_an_english_answer_must_also_beat_the_off_topic_floor() -> None:
    en = min_score_for(E5, "en")
    above_cosine = dict(row=0, dense=en + 0.02, lexical=0.0, maxsim=0.45, paragraph=0.17)
    assert confident(Hit(score=1.00 + 0.17, **above_cosine), en, None, floor=0.98)
    assert not confident(Hit(score=0.97 + 0.17, **above_cosine), en, None, floor=0.98)  # paragraph not counted
    assert not confident(Hit(row=0, score=1.5, dense=en - 0.01, lexical=0.0, maxsim=0.6), en, None, floor=0.98)
    # Not re-scored with token matching (no token vectors): the floor, a fused score, does not apply.
    assert confident(Hit(row=0, score=0.5, dense=en + 0.02, lexical=0.0, maxsim=0.0), en, None, floor=0.98)


class _Ranked:
    """A searcher whose top hit for the n-th question scores `scores[n]` (fused), re-scored or not."""

    def __init__(self, scores: list[float], maxsim: float = 0.5) -> None:
        self.scores, self.maxsim, self.asked = iter(scores), maxsim, []

    def search(self, question: str, k: int) -> list[Hit]:
        self.asked.append(question)
        return [Hit(row=0, score=next(self.scores) + 0.2, dense=0.75, lexical=0.0, maxsim=self.maxsim, paragraph=0.2)]


def test_the_floor_is_a_quantile_of_the_off_topic_questions_scores_on_the_index() -> None:
    scores = [0.9 + i / 1000 for i in range(len(OFFTOPIC_EN))]
    searcher = _Ranked(scores)
    floor = english_floor(searcher)  # type: ignore[arg-type]
    assert searcher.asked == list(OFFTOPIC_EN)
    assert floor == pytest.approx(float(np.quantile(scores, QUANTILE)))
    assert sum(s > floor for s in scores) == round(len(scores) * (1 - QUANTILE))  # the best 35% would pass
    assert english_floor(_Ranked(scores, maxsim=0.0)) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(("question", "found"), [
    ("18.426", True), ("12/2026", True), ("2026", True),  # the year of "12/2026" is written there too
    ("426", False), ("18", False), ("18.4", False),  # a part of a figure is another figure
    ("18.426 thí sinh", False),  # words: a question, judged on its scores
    ("?", False),
])
def test_a_question_of_figures_only_is_found_where_they_are_written(question: str, found: bool) -> None:
    assert figure_found(question, "Năm nay có 18.426 thí sinh, xong vào tháng 12/2026.") is found


def _two_article_index(texts: dict[str, list[str]]):
    from pathlib import Path

    from retrieval.index import LoadedIndex
    from retrieval.types import Article, Sentence
    from retrieval.vectors import FaissIndex
    from tests.test_search import WordTokens

    articles = {a: Article(a, f"{a}.txt", f"Bài {a}", "2024-09", "", (), "") for a in texts}
    sentences = [Sentence(f"{a}#{i}", a, i, text, 0, len(text)) for a in texts for i, text in enumerate(texts[a])]
    vectors = WordTokens().encode_passages([s.text for s in sentences])
    return LoadedIndex(Path("."), {"model": "hashing"}, articles, sentences, vectors, FaissIndex.build(vectors, "flat"))


MEN = "Trong trận chung kết đơn nam, Trịnh Quốc Bảo thắng 3-1 để lên ngôi vô địch."
WOMEN = "Ở nội dung đơn nữ, Lâm Thu Trang bảo vệ thành công ngôi vô địch."
BADMINTON = "Ở nội dung đơn nữ cầu lông, Nguyễn Thùy Linh giành huy chương vàng."


@pytest.mark.parametrize("second_score, second_row, answered", [
    (1.55, 1, True),  # the next hit tells of the women's event: it answers
    (1.45, 1, False),  # too far below the first (more than MENDED_GAP_THING)
    (1.65, 2, False),  # of another article: the first one's article was about another event
])
def test_a_first_sentence_telling_of_another_variety_gives_way_to_one_telling_of_the_asked(
        second_score: float, second_row: int, answered: bool) -> None:
    from retrieval.answer import MENDED_GAP_THING, make_answer

    index = _two_article_index({"a": [MEN, WOMEN], "b": [BADMINTON]})
    hits = [Hit(0, 1.70, 0.90, 0.0), Hit(second_row, second_score, 0.90, 0.0)]
    assert (1.70 - second_score <= MENDED_GAP_THING) is (second_score > 1.5)
    answer = make_answer("Ai vô địch đơn nữ?", hits, index, top_k=3, min_score=0.80)
    assert answer.answered is answered
    if answered:
        assert [q.sentence_id for q in answer.quotes] == ["a#1"]
    else:
        assert answer.reason == "mismatch" and answer.mismatch.kind == "variety"


def test_a_year_asked_is_mended_only_close_by_and_a_measure_never() -> None:
    from retrieval.answer import MENDED_GAP, make_answer

    this_year, last_year = "Năm 2024, doanh thu đạt 500 tỷ đồng.", "Năm 2023, doanh thu đạt 420 tỷ đồng."
    index = _two_article_index({"a": [this_year, last_year, "Công ty có 1.200 lao động."]})
    near = [Hit(0, 1.70, 0.90, 0.0), Hit(1, 1.70 - MENDED_GAP / 2, 0.90, 0.0)]
    answer = make_answer("Doanh thu năm 2023 là bao nhiêu?", near, index, top_k=3, min_score=0.80)
    assert answer.answered and answer.quotes[0].sentence_id == "a#1"
    far = [Hit(0, 1.70, 0.90, 0.0), Hit(1, 1.70 - 2 * MENDED_GAP, 0.90, 0.0)]
    assert not make_answer("Doanh thu năm 2023 là bao nhiêu?", far, index, top_k=3, min_score=0.80).answered
    # a count asked where the first sentence tells of money: no sentence is seen to mend that
    counts = [Hit(0, 1.70, 0.90, 0.0), Hit(2, 1.69, 0.90, 0.0)]
    answer = make_answer("Công ty có bao nhiêu lao động?", counts, index, top_k=3, min_score=0.80)
    assert not answer.answered and answer.mismatch.kind == "measure"


def test_a_sentence_mends_a_mismatch_only_with_an_answer_of_the_kind_asked() -> None:
    from retrieval.answer import make_answer

    index = _two_article_index({"a": ["Năm 2024, công ty tuyển 300 lao động.", "Năm 2023, công ty tuyển thêm lao động.",
                                      "Năm 2023, công ty tuyển 120 lao động."]})
    hits = [Hit(0, 1.70, 0.90, 0.0), Hit(1, 1.69, 0.90, 0.0), Hit(2, 1.68, 0.90, 0.0)]
    answer = make_answer("Năm 2023 công ty tuyển bao nhiêu lao động?", hits, index, top_k=3, min_score=0.80)
    assert answer.answered and answer.quotes[0].sentence_id == "a#2"  # not "a#1": it tells of 2023, with no figure


def test_a_place_in_a_contest_and_a_casualty_are_mended_by_a_sentence_telling_of_them() -> None:
    from retrieval.answer import make_answer

    champion = "Ngân hàng Đông Á vô địch, nhận 500 triệu đồng."
    index = _two_article_index({"a": [champion, "Ngân hàng Phương Nam về nhì, nhận 300 triệu đồng.",
                                      "Năm nay thành phố ghi nhận 12.000 ca sốt xuất huyết.",
                                      "Đã có 7 trường hợp tử vong.", "Chưa có trường hợp tử vong nào."]})
    second = [Hit(0, 1.70, 0.90, 0.0), Hit(1, 1.60, 0.90, 0.0)]
    answer = make_answer("Đội về nhì nhận bao nhiêu tiền thưởng?", second, index, top_k=3, min_score=0.80)
    assert answer.answered and answer.quotes[0].sentence_id == "a#1"
    deaths = [Hit(2, 1.70, 0.90, 0.0), Hit(4, 1.66, 0.90, 0.0), Hit(3, 1.60, 0.90, 0.0)]
    answer = make_answer("How many dengue deaths has the city recorded?", deaths, index, top_k=3, min_score=0.80)
    assert answer.answered and answer.quotes[0].sentence_id == "a#3"  # a figure of deaths, not "chưa có"


def test_a_sentence_naming_no_one_gives_way_to_one_naming_the_titles_holder() -> None:
    from retrieval.answer import make_answer

    index = _two_article_index({"a": ["Công ty đặt nhà máy ở khu công nghệ cao, vốn 200 triệu USD.",
                                      "Giám đốc điều hành Võ Hoàng Nam cho biết công ty bắt đầu với 6 người."]})
    hits = [Hit(0, 1.70, 0.90, 0.0), Hit(1, 1.55, 0.90, 0.0)]
    answer = make_answer("Who is the CEO of Song Han Semiconductor?", hits, index, top_k=3, min_score=0.80)
    assert answer.answered and answer.quotes[0].sentence_id == "a#1"
