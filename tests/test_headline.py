"""Which of a headline's words count less in token matching (retrieval/headline.py)."""
from __future__ import annotations

import numpy as np
import pytest

from retrieval.headline import TITLE_WEIGHT, headline_weights, is_name


def count(texts):  # one token per word, as a tokenizer with no word pieces would give
    return [len(t.split()) for t in texts]


@pytest.mark.parametrize("title, k, written_inside, name", [
    ("Cẩm Xuyên chủ động, quyết liệt thực hiện nhiệm vụ", 0, False, True),  # the next word is capitalised too
    ("Cẩm Xuyên chủ động, quyết liệt thực hiện nhiệm vụ", 1, False, True),
    ("Xe khách tông xe tải trên quốc lộ 1, 4 người tử vong", 0, False, False),  # capitalised as the first word
    ("Vinamilk chia cổ tức 38,5% tiền mặt, đặt mục tiêu doanh thu", 0, True, True),  # written so inside sentences
    ("ASEAN Cup: Việt Nam vô địch sau chiến thắng 3-2", 0, False, True),
    ("Bão số 3 đổ bộ Quảng Ninh - Hải Phòng, gió giật cấp 16", 5, False, True),
    ("Bão số 3 đổ bộ Quảng Ninh - Hải Phòng, gió giật cấp 16", 2, False, False),  # a number states the fact
    ("Hà Nội ghi nhận hơn 27.000 ca sốt xuất huyết, 7 người tử vong", 9, False, False),
])
def test_names_are_the_headlines_capitalised_words_not_its_first_capital(title: str, k: int, written_inside: bool,
                                                                         name: bool) -> None:
    assert is_name(title.split(), k, lambda word: written_inside) is name


def test_a_headlines_words_count_less_except_its_names() -> None:
    title = "Hà Nội ghi nhận hơn 27.000 ca sốt xuất huyết, 7 người tử vong"
    w = headline_weights(title, count, lambda word: False)
    assert len(w) == 14 and list(w[:2]) == [1.0, 1.0] and np.all(w[2:] == np.float32(TITLE_WEIGHT))


def test_a_short_title_names_a_topic_and_counts_fully() -> None:
    assert len(headline_weights("1973 oil crisis p00", count, lambda word: False)) == 0


def test_words_that_do_not_tokenise_alone_as_in_the_title_are_weighed_alike() -> None:
    def merged(texts):  # the title as a whole gives one token fewer than its words alone
        return [n - 1 if t.endswith(".") else n for t, n in zip(texts, count(texts))]

    w = headline_weights("Hà Nội ghi nhận hơn 27.000 ca sốt xuất huyết, 7 người tử vong", merged, lambda word: False)
    assert len(w) == 13 and np.all(w == np.float32(TITLE_WEIGHT))
