"""Typed values passed between modules: articles, sentences, quotes and answers."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One source file. `source` is its absolute path when indexed, `sha256` its content hash."""

    article_id: str
    source: str
    title: str
    date: str  # "YYYY-MM" or "" when the file has no header
    author: str
    captions: tuple[str, ...]
    sha256: str
    # Where the author's line is in the file (`author == file_text[author_start:author_end]`); -1 when the file
    # has no author line, or the index was built before offsets were kept (then it cannot be quoted).
    author_start: int = -1
    author_end: int = -1
    # Where the header's date is (`date`, its year and month), likewise; -1 without one.
    date_start: int = -1
    date_end: int = -1


@dataclass(frozen=True)
class Sentence:
    """A quotable unit. `text` is verbatim: `file_text[start:end] == text` (file decoded as UTF-8)."""

    sentence_id: str  # "<article_id>#<index>", stable while the file is unchanged
    article_id: str
    index: int  # position among the article's units, in reading order
    text: str
    start: int
    end: int
    kind: str = "body"  # "body" | "caption"


@dataclass(frozen=True)
class Quote:
    """A sentence returned for a question, with its score and citation."""

    text: str
    score: float
    title: str
    date: str
    source: str
    sentence_id: str
    start: int
    end: int
    answer_span: tuple[int, int] | None = None  # span inside `text` that looks like the answer
    # further answers, for a question asking two things ("bao nhiêu người chết và bao nhiêu người bị thương?")
    also_spans: tuple[tuple[int, int], ...] = ()
    # Whether the file still says this (`retrieval.freshness`): "unchanged" (at start:end), "moved" (edited since
    # `tinbot index`, the sentence still in it elsewhere), "changed" (no longer in it: the quote is old text) or
    # "missing" (no file); "" when not checked.
    source_status: str = ""
    # "sentence": a sentence of the article; "author": its author's line, for "who wrote it?"; "date": its header's
    # date, for "when was it published?" (retrieval/article_facts.py)
    kind: str = "sentence"

    @property
    def answer_text(self) -> str | None:
        if self.answer_span is None:
            return None
        return self.text[self.answer_span[0]:self.answer_span[1]]

    @property
    def bold_spans(self) -> tuple[tuple[int, int], ...]:
        """Every answer span, in the order of the text."""
        return tuple(sorted(((self.answer_span,) if self.answer_span else ()) + self.also_spans))

    def pieces(self) -> list[tuple[str, bool]]:
        """The text cut at its answer spans, each piece with whether it is bolded, for a renderer to mark up."""
        out, at = [], 0
        for a, b in self.bold_spans:
            out += [(self.text[at:a], False), (self.text[a:b], True)]
            at = b
        return out + [(self.text[at:], False)]


@dataclass(frozen=True)
class Mismatch:
    """Why the closest sentence is no answer although close enough (`retrieval.measures.mismatch`,
    `retrieval.roles.holder_mismatch`): the question asks for `asked` of some `kind` and the sentence tells only of
    `told`. Kinds and their values:

    - "measure": "count", "share", "time", "money", "area", "length", "speed", "mass", "volume", "age",
      "temperature", "year", "population", "score"; told also "term" (a prison term: "6 năm tù"), and "none" when
      the sentence has no sum at all for a sum asked, no figure at all for a score asked;
    - "casualty": "dead", "injured", "missing"; told "none" when the sentence tells of no casualty at all;
    - "side": "buy", "sell" (a dealer's two prices);
    - "tax": "pretax", "aftertax" (a profit before or after tax);
    - "place": "first", "second", "third", "fourth" (in a contest);
    - "region": "north", "centre", "south", "highlands", "mekong" (of Vietnam);
    - "location": provinces or countries as the articles write them ("Hà Nội", "Thái Lan"; the whole country:
      "cả nước"), asked joined by ", " (`retrieval.places`);
    - "share": asked the words of a share as the question writes them ("Tỷ lệ hộ nghèo"), told nothing: the
      sentence never writes of what;
    - "day": days as "d/m" ("10/10");
    - "year": years ("2023"), or school years and seasons ("2025-2026");
    - "month", "quarter": their numbers ("2", "3"); "months": how many first months of a year ("9" of "9 tháng
      đầu năm"); "period": periods of different kinds, the first months of a year ("6m"), a quarter ("q2"), a
      month ("month_2"), a whole year ("full_year") and a figure to a date within one ("to_date");
    - "trade": "import", "export";
    - "round": a funding round: "seed", "series_a", "series_b", "series_c";
    - "trial": a court's hearing, "first_instance" or "appeal";
    - "auction": an auction's "starting" price or its "winning" bid;
    - "court": a prison term "sought" (by the prosecution) or "given" (by the court);
    - "whole": asked "each" (a sum for each one of something), told "total" (only a total is), or the other way
      round;
    - "finance": a company's "revenue", "result" (a profit or a loss), "valuation", or the sum a round "raised"; a
      project's "investment" or a "loan"; a budget's "spending" or "deficit";
    - "numbered": a thing named with its number as the question and the sentence write them ("Nhi đồng 2", told
      "Nhi đồng 1"; `retrieval.numbered`);
    - "named": a thing of a kind named by its name ("xã Long Hải", told "xã Tam Thanh"; `retrieval.siblings`);
    - "person": a person named ("Hồ Văn Bền", told "ông Tùng"; `retrieval.persons`);
    - "variety": one of a closed set as the articles write it ("lợn", told "trâu", "bò"; `retrieval.varieties`);
    - "lease": "rent", "sale" (a rent and a sale price); "penalty": "fine", "sale" (a fine and a sale price);
    - "rate": the unit a sum is per (folded: "thang", "m2");
    - "holder": asked "holder" (who holds a title, or a person's name), told "deputy" (only the deputy is named),
      "head" (only the head is, for a deputy asked), "other" (only people with other titles are, or with the title
      in another body) or "nobody" (no one is);
    - "goal": asked "achieved" (what was collected or reached), told "target" (only a target is), or asked "target"
      (a target by name), told "achieved" (only what was done is: `retrieval.goals`)."""

    kind: str
    asked: str
    told: tuple[str, ...]


@dataclass(frozen=True)
class SmallTalk:
    """A message that is not a question (`retrieval.smalltalk`): what kind, and in which language if its words
    say ("" for "ok", "test")."""

    kind: str  # "thanks" | "bye" | "help" | "greeting" | "test" | "ack"
    lang: str


@dataclass(frozen=True)
class Answer:
    """The result of one question: quotes best first, or `answered=False` when nothing is close enough."""

    question: str
    answered: bool
    quotes: tuple[Quote, ...] = ()
    lang: str = "vi"
    # Next candidates, for "More" (when not answered: the closest sentences, shown only on request as "not
    # sure"); their answer spans are found when shown (`answer.with_answer_spans`).
    more: tuple[Quote, ...] = field(default=(), compare=False)
    small_talk: SmallTalk | None = None  # set (and `answered` False) when the message was not a question
    follows: str | None = None  # the earlier question this one was read with (`retrieval.followup`), if any
    not_mentioned: tuple[str, ...] = ()  # names in the question that no article mentions (why it was declined)
    # Titles of articles the question may mean, when it does not say which ("who wrote the article?" over several;
    # retrieval/article_facts.py): why it was declined.
    choices: tuple[str, ...] = ()
    # Why it was declined: "not_mentioned" (a name no article mentions), "which_article" (`choices`), "off_topic"
    # (the closest sentence is no closer than general text), "not_close" (nothing scores above the threshold),
    # "names_elsewhere" (the question's names are not in the closest sentence's article), "mismatch" (close
    # enough, but it tells of something else: `mismatch`), "other_article" (a follow-up that says it follows,
    # answered from another article than the conversation's); "" when answered.
    reason: str = ""
    mismatch: Mismatch | None = None
