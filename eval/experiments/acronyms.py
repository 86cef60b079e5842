"""Acronyms spelled out as the name the articles write: "HAGL" asked as "Hoàng Anh Gia Lai". Not shipped.

    python eval/experiments/acronyms.py GOLD.jsonl CORPUS [--show]   # `tinbot eval` with the rewrite

Readers shorten names ("HAGL đang xếp thứ mấy?", "hagl xep thu may"); an acronym no sentence writes matches
nothing. Here a question's acronym (three to six capitals, or in a Vietnamese question typed without accents a
lower-case word no Vietnamese syllable spells) that the index never writes is replaced, before everything else
`tinbot eval` does with the question, by the capitalised name whose words' initials spell it, when the articles
write one such name (or one at least twice as often as any other). Figures: eval/experiments/README.md.
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from retrieval.language import _VI_SYLLABLE_RE, _marks, detect_language, has_diacritics  # noqa: E402
from retrieval.span_shapes import NAME  # noqa: E402
from retrieval.textnorm import fold  # noqa: E402

_CANDIDATE = re.compile(r"(?<![\w-])[^\W\d_]{3,6}(?![\w-])")
_WORDS = re.compile(r"[^\W\d_]+")
DOMINANCE = 2  # the commonest name must be written this many times as often as the next


def asked_acronyms(question: str) -> list[str]:
    """The words of `question` that may be acronyms: in capitals ("HAGL"), or, in a Vietnamese question typed
    without accents, lower-case words that no Vietnamese syllable spells ("hagl", "hcm")."""
    if question.isupper():  # typed in capitals: every word is
        return []
    typed_fast = not has_diacritics(question) and detect_language(question) == "vi"
    return [w for w in _CANDIDATE.findall(question) if w.isupper() or (typed_fast and w.islower()
                                                                       and not _VI_SYLLABLE_RE.fullmatch(_marks(w)[1]))]


class Acronyms:
    """Capitalised names by the initials of their words (folded, upper case), with how often each is written."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.names: dict[str, Counter[str]] = {}
        for text in texts:
            for run in NAME.finditer(text):
                words = _WORDS.findall(run.group())
                for i in range(len(words)):
                    for n in range(3, min(6, len(words) - i) + 1):
                        part = words[i:i + n]
                        key = "".join(fold(w[0]) for w in part).upper()
                        self.names.setdefault(key, Counter())[" ".join(part)] += 1

    def name_for(self, acronym: str) -> str | None:
        """The name `acronym` stands for, if the articles write one (or one far more often than the rest)."""
        counts = self.names.get(fold(acronym).upper())
        if not counts:
            return None
        (best, n), *rest = counts.most_common(2)
        return best if not rest or n >= DOMINANCE * rest[0][1] else None


def spell_out(question: str, table: Callable[[], Acronyms], written: Callable[[str], bool]) -> str:
    """`question` with each acronym that the articles never write (`written`: whether some sentence has a term,
    accents ignored) replaced by the name it stands for in them; `table` is called only if there is one."""
    unknown = [w for w in asked_acronyms(question) if not written(fold(w).lower())]
    for acronym in unknown:
        name = table().name_for(acronym)
        if name is not None:
            question = re.sub(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", name, question)
    return question


def main() -> int:
    import argparse

    from bot.entry import main as tinbot
    from retrieval import evaluate

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold")
    ap.add_argument("corpus")
    ap.add_argument("--show", action="store_true", help="print each question rewritten")
    args = ap.parse_args()
    asked = evaluate.run_question
    tables: dict[int, Acronyms] = {}

    def run_question(service, item, depth, **kw):  # type: ignore[no-untyped-def]
        searcher = service.searcher
        table = (lambda: tables.setdefault(id(searcher), Acronyms(
            [s.text for s in searcher.index.sentences] + [a.title for a in searcher.index.articles.values()])))
        text = spell_out(item.question, table, searcher.lexical.writes)
        if args.show and text != item.question:
            print(f"{item.id}: {item.question} -> {text}", file=sys.stderr)
        return replace(asked(service, replace(item, question=text), depth, **kw), item=item)

    evaluate.run_question = run_question  # type: ignore[assignment]
    sys.argv = ["tinbot", "eval", args.gold, "--corpus", args.corpus]
    return tinbot()


if __name__ == "__main__":
    sys.exit(main())
