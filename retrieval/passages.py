"""What text is embedded for a sentence. Changing it changes PASSAGE_FORMAT (or CONTEXT_FORMAT,
PARAGRAPH_FORMAT), which invalidates caches."""
from __future__ import annotations

from collections.abc import Sequence

from retrieval.textnorm import normalize
from retrieval.types import Article, Sentence

PASSAGE_FORMAT = "title-sentence-v1"
CONTEXT_FORMAT = "title-previous-sentence-v1"
PARAGRAPH_FORMAT = "paragraph-and-rest-v1"


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


def paragraph_texts(sentences: Sequence[Sentence], paragraphs: Sequence[int]) -> tuple[list[str], list[str]]:
    """Per sentence, the text of its whole paragraph and of that paragraph without it (the whole paragraph
    again when the sentence is its only one), sentences joined by one space, no title.

    Why: the search adds a little of the question's cosine with the paragraph (context that finds the right
    paragraph) and of how much of it the paragraph loses when the sentence is left out: a sentence that
    carries the paragraph's match to the question, read with its neighbours in view rather than alone
    (eval/experiments/leave_one_out.py: XQuAD-vi English Hit@1 +2.2, Vietnamese unchanged; with the title,
    or with long paragraphs cut into groups of 4-6 sentences, the gain shrinks or goes)."""
    members: dict[int, list[int]] = {}
    for row, number in enumerate(paragraphs):
        members.setdefault(number, []).append(row)

    def joined(rows: Sequence[int]) -> str:
        return normalize(" ".join(" ".join(sentences[r].text for r in rows).split()))

    whole = {number: joined(rows) for number, rows in members.items()}
    rest = [joined([r for r in members[number] if r != row]) if len(members[number]) > 1 else whole[number]
            for row, number in enumerate(paragraphs)]
    return [whole[number] for number in paragraphs], rest
