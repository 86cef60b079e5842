"""What text is embedded for a sentence. Changing it changes PASSAGE_FORMAT (or CONTEXT_FORMAT), which
invalidates caches."""
from __future__ import annotations

from collections.abc import Sequence

from retrieval.textnorm import normalize
from retrieval.types import Article, Sentence

PASSAGE_FORMAT = "title-sentence-v1"
CONTEXT_FORMAT = "title-previous-sentence-v1"


def passage_text(article: Article, sentence: Sentence) -> str:
    """`<title>. <sentence>`: the title gives the model context a bare sentence lacks (measured: +2 points
    Hit@1 on Vietnamese questions); the quote shown to users is still the bare verbatim sentence."""
    text = " ".join(sentence.text.split())
    return normalize(f"{article.title}. {text}" if article.title else text)


def context_texts(article: Article, sentences: Sequence[Sentence]) -> list[str | None]:
    """Per sentence of `article` (in reading order), `<title>. <previous sentence> <sentence>`, or None for a
    caption or a sentence with no body sentence before it.

    Why: a sentence that continues the one before ("Họ giết chết nhiều người Canada...", "Do đó, phiên bản này
    đã đóng góp...") does not name what it is about, so its own vector misses questions that do; a second
    vector read with the previous sentence finds it (the search takes the better of the two)."""
    out: list[str | None] = []
    previous: Sentence | None = None
    for s in sentences:
        if s.kind != "body":
            out.append(None)
            continue
        if previous is None:
            out.append(None)
        else:
            text = " ".join(f"{previous.text} {s.text}".split())
            out.append(normalize(f"{article.title}. {text}" if article.title else text))
        previous = s
    return out
