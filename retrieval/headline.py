"""How much a headline's words count in token matching (MaxSim).

Every sentence's token vectors include its article's title (retrieval/indexer.py): a title that names the
subject ("1973 oil crisis p00", "Super Bowl 50") is context all the article's sentences share, so a question
naming the subject does not favour the sentences that happen to repeat it (XQuAD-vi: +0.7 / +0.8 points).
A news headline also states the main fact ("Xe khách tông xe tải trên quốc lộ 1, 4 người tử vong"): a question
about that fact ("How many people died?") is matched by the title in every sentence alike, and the sentence
that states it gains nothing. So a headline's words count `TITLE_WEIGHT` times, except its names (the subject:
"Cẩm Xuyên", "Vinamilk", "ASEAN"), which keep their full weight. Measured with
`python eval/experiments/title_tokens.py --names`.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

# A title of more words than this is a headline (the news sets' are 12-18 words); a shorter one names a topic
# (XQuAD-vi's are 2-6) and counts fully, as measured there.
HEADLINE_WORDS = 8
TITLE_WEIGHT = 0.6
_PUNCTUATION = ".,:;!?()[]\"'“”‘’«»"


def is_name(words: Sequence[str], k: int, mentions: Callable[[str], bool]) -> bool:
    """Whether the title's word `k` is part of a name: capitalised, and not just because it opens the title,
    unless it is all capitals ("ASEAN"), the next word is capitalised too ("Cẩm Xuyên") or the article writes it
    capitalised inside a sentence (`mentions`: "Vinamilk")."""
    word = words[k].strip(_PUNCTUATION)
    if not word[:1].isupper():
        return False
    if k > 0 or word.isupper():
        return True
    following = words[1].strip(_PUNCTUATION) if len(words) > 1 else ""
    return following[:1].isupper() or mentions(word)


def headline_weights(title: str, count_tokens: Callable[[Sequence[str]], list[int]],
                     mentions: Callable[[str], bool]) -> np.ndarray:
    """A weight per token vector the title leads each of its sentences with (empty for a short title).
    `count_tokens(texts)`: how many token vectors each text gives (embeddings: `passage_token_counts`);
    `mentions(word)`: whether the article writes `word` inside a sentence, capitalised."""
    words = title.split()
    if len(words) <= HEADLINE_WORDS:
        return np.zeros(0, np.float32)
    per_word = count_tokens(words)
    whole = count_tokens([f"{title}."])[0]
    if sum(per_word) != whole:  # its words do not tokenise alone as in the title: weigh them all alike
        return np.full(whole, TITLE_WEIGHT, np.float32)
    return np.concatenate([np.full(n, 1.0 if is_name(words, k, mentions) else TITLE_WEIGHT, np.float32)
                           for k, n in enumerate(per_word)])
