"""What text is embedded for a sentence. Changing it changes PASSAGE_FORMAT (or CONTEXT_FORMAT,
PARAGRAPH_FORMAT), which invalidates caches."""
from __future__ import annotations

from collections.abc import Sequence

from retrieval.textnorm import normalize
from retrieval.types import Article, Sentence

PASSAGE_FORMAT = "title-sentence-v1"
CONTEXT_FORMAT = "title-previous-sentence-v1"
PARAGRAPH_FORMAT = "paragraph-and-rest-v2"  # v2: long paragraphs in parts


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
    """Per sentence, the text of its paragraph and of that paragraph without it (the paragraph again when the
    sentence is its only one), sentences joined by one space, no title. A paragraph longer than
    `MAX_PARAGRAPH_CHARS` counts as consecutive parts of near-equal length (`paragraph_parts`).

    Why: the search adds a little of the question's cosine with the paragraph (context that finds the right
    paragraph) and of how much of it the paragraph loses when the sentence is left out: a sentence that
    carries the paragraph's match to the question, read with its neighbours in view rather than alone
    (eval/experiments/leave_one_out.py: XQuAD-vi Hit@1 English +1.8, Vietnamese +0.8; with the title,
    or with paragraphs cut into groups of 4-6 sentences, the gain shrinks or goes)."""
    members: dict[int, list[int]] = {}
    for row, number in enumerate(paragraphs):
        members.setdefault(number, []).append(row)

    def joined(rows: Sequence[int]) -> str:
        return normalize(" ".join(" ".join(sentences[r].text for r in rows).split()))

    whole: list[str] = [""] * len(sentences)
    rest: list[str] = [""] * len(sentences)
    for rows in members.values():
        for part in paragraph_parts([len(sentences[r].text) + 1 for r in rows]):
            group = [rows[i] for i in part]
            text = joined(group)
            for r in group:
                whole[r] = text
                rest[r] = joined([x for x in group if x != r]) if len(group) > 1 else text
    return whole, rest


# The model reads at most 512 tokens (~1,950 characters of Vietnamese at ~3.9 characters a token on XQuAD-vi):
# a longer paragraph would be cut, and leaving out a sentence past the cut would change nothing. Parts of at
# most this many characters keep every sentence inside what the model reads, with room for dense text
# (figures, foreign names), and bound the cost of a paragraph-less file (one block of fifty sentences).
MAX_PARAGRAPH_CHARS = 1600


def paragraph_parts(lengths: Sequence[int], most: int = MAX_PARAGRAPH_CHARS) -> list[range]:
    """Consecutive index ranges over sentences of these lengths: one range if they total at most `most`, else
    near-equal parts, each cut at the sentence boundary nearest its share of the total, and a part still over
    `most` cut again (so uneven sentences can give a part more than the fewest possible; a sentence longer
    than `most` is a part of its own)."""
    total = sum(lengths)
    parts = max(1, -(-total // most))
    if parts == 1:
        return [range(len(lengths))]
    ends, run = [], 0
    for i, n in enumerate(lengths):
        run += n
        ends.append(run)
    cuts = sorted({min(range(1, len(lengths)), key=lambda i: abs(ends[i - 1] - total * k / parts))
                   for k in range(1, parts)}) if len(lengths) > 1 else []
    bounds = [0, *cuts, len(lengths)]
    out = [range(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]
    # A part can still be too long when sentences are uneven: cut it again.
    return [range(p.start + q.start, p.start + q.stop) for p in out
            for q in (paragraph_parts(lengths[p.start:p.stop], most) if len(p) > 1 and
                      sum(lengths[p.start:p.stop]) > most else [range(len(p))])]
