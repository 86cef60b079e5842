"""BM25 with the article title as a second field (retrieval/lexical.py: BM25F, TITLE_WEIGHT)."""
from __future__ import annotations

import numpy as np

from retrieval.lexical import Bm25, LexicalIndex, features
from retrieval.textnorm import tokens

TITLE = "Hà Nội công bố điểm thi lớp 10"
ARTICLE = ["Chiều 4/7, Sở Giáo dục và Đào tạo Hà Nội công bố điểm thi vào lớp 10 năm học 2024-2025.",  # the lead
           "Môn Toán có 215 bài đạt điểm 10, tăng mạnh so với năm ngoái.",
           "Thủ khoa toàn thành phố là em Nguyễn Minh Khôi, học sinh Trường THCS Cầu Giấy.",
           "Thí sinh có thể phúc khảo bài thi từ ngày 5/7."]
OTHER_TITLE = "Giá lúa tăng mạnh ở Đồng bằng sông Cửu Long"
OTHER = ["Giá lúa tại các tỉnh miền Tây tăng 500 đồng mỗi kg.", "Nông dân Hà Nội và các tỉnh phía Bắc cũng được mùa."]
TEXTS = ARTICLE + OTHER
TITLES = [TITLE] * len(ARTICLE) + [OTHER_TITLE] * len(OTHER)


def best(index: LexicalIndex, question: str, folded: bool = False) -> int:
    scores = index.scores(question, folded=folded)
    return int(scores.rows[np.argmax(scores.values)])


def test_the_sentence_that_answers_outranks_the_lead_that_repeats_the_subject() -> None:
    question = "Thủ khoa thi vào lớp 10 Hà Nội là ai?"  # subject words (title, lead) + what is asked (row 2)
    assert best(LexicalIndex.build(TEXTS), question) == 0  # scored alone, the lead wins on the subject's words
    assert best(LexicalIndex.build(TEXTS, TITLES), question) == 2
    assert best(LexicalIndex.build(TEXTS, TITLES), "thu khoa thi vao lop 10 ha noi la ai", folded=True) == 2


def test_a_title_counts_for_its_own_article_only() -> None:
    scores = LexicalIndex.build(TEXTS, TITLES).scores("Đồng bằng sông Cửu Long", folded=False)
    assert set(scores.rows.tolist()) == {4, 5}  # the rice article's sentences, by their title alone


def test_title_weight_zero_is_plain_bm25() -> None:
    docs = [features(tokens(t)) for t in TEXTS]
    plain, titled = Bm25.build(docs), Bm25.build(docs, titles=[[] for _ in docs], title_weight=0.5)
    zero = Bm25.build(docs, titles=[features(tokens(t)) for t in TITLES], title_weight=0.0)
    query = features(tokens("Thủ khoa thi vào lớp 10 Hà Nội là ai?"))
    for other in (titled, zero):
        got, want = other.scores(query), plain.scores(query)
        np.testing.assert_array_equal(got.rows[got.values > 0], want.rows)
        np.testing.assert_allclose(got.values[got.values > 0], want.values, rtol=1e-6)
