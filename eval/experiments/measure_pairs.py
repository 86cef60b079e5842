"""The measure a Vietnamese question asks about, as a decline signal: does the quote hold one of its pairs?

    python eval/experiments/measure_pairs.py     # about a minute once the eval indexes are cached

The seed's "Tỷ lệ hộ nghèo của huyện năm 2023 là bao nhiêu?" is answered with a sentence on production value:
on topic, with a percentage, but "hộ nghèo" is written nowhere near it. Signal: the question's content syllable
pairs (adjacent words, folded; names, digits, question and function words left out: "ty le", "le ho", "ho
ngheo"); the gate declines a quote when none of them is in the quoted sentence, the sentence before it or the
title. Counted for Vietnamese questions the shipped thresholds answer, on every set of `background_declines.py`:
right answers at rank 1 ("answerable"), the gold sets' own unanswerable questions ("unans") and, on XQuAD-vi,
each question without its own paragraph ("on topic"); split into quantity questions and the rest. Lines starting
with "[" show the unanswerable ones and the quantity right answers the gate would lose (outside XQuAD-vi and
news_synth).
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from background_declines import SETS  # noqa: E402
from lab_eval import ROOT, decline_cases, setup  # noqa: E402

import retrieval.search as search  # noqa: E402
from retrieval.answer import FUSED_MIN_SCORE, answer_lang, confident, min_score_for  # noqa: E402
from retrieval.asks import question_type  # noqa: E402
from retrieval.evaluate import is_correct  # noqa: E402
from retrieval.span_shapes import STOP_WORDS  # noqa: E402
from retrieval.textnorm import fold  # noqa: E402
from retrieval.textnorm import folded_tokens, normalize  # noqa: E402

# Question words and function words (folded) that are no part of the measure asked about.
QUESTION_WORDS = frozenset("""bao nhieu gi nao ai sao the khi o dau nhu la co khong duoc cua va cac nhung trong mot
nay de cho voi da tai hien bi boi vi tu den hay hoac""".split())
WORD = re.compile(r"[^\W_]+")


def pairs(question: str) -> set[tuple[str, str]]:
    """Adjacent folded content words of the question; a capitalised word after the first is a name."""
    words = []
    for i, m in enumerate(WORD.finditer(normalize(question))):
        w, f = m.group(), fold(m.group()).lower()
        name = w[0].isupper() and i > 0
        words.append((f, not name and f not in STOP_WORDS and f not in QUESTION_WORDS
                      and not any(c.isdigit() for c in f)))
    return {(a, b) for (a, ca), (b, cb) in zip(words, words[1:]) if ca and cb}


def covered(index, searcher, row: int, wanted: set[tuple[str, str]]) -> bool:
    """True if the sentence, the one before it or the title holds one of `wanted` (or nothing is wanted)."""
    if not wanted:
        return True
    before = searcher._previous[row]
    text = " ".join([index.sentences[before].text if before >= 0 else "", index.sentences[row].text,
                     index.articles[index.sentences[row].article_id].title])
    t = folded_tokens(text)
    return bool(wanted & set(zip(t, t[1:])))


def main() -> int:
    counts: Counter[tuple] = Counter()
    search.CANDIDATES = 200
    for name, sets in SETS.items():
        for gold, corpus in sets:
            _, enc, service, items = setup(ROOT / gold, ROOT / corpus)
            index = service.index
            searcher = search.Searcher(index, enc)
            for it in items:
                if answer_lang(it.question) == "en":
                    continue
                hits = searcher.search(it.question, 200)
                if not hits:
                    continue
                cases = decline_cases(index, it, hits, on_topic=name == "xquad")
                kind = "quantity" if question_type(it.question) == "quantity" else "other"
                for case, hs in cases:
                    top = hs[0]
                    if not confident(top, min_score_for(index.model, it.lang),
                                     FUSED_MIN_SCORE.get((index.model, it.lang))):
                        continue
                    text = index.sentences[top.row].text
                    if case == "answerable" and not is_correct(text, it):
                        continue
                    cov = covered(index, searcher, top.row, pairs(it.question))
                    counts[name, case, kind, cov] += 1
                    if case == "unans" or (not cov and kind == "quantity" and name not in ("xquad", "news_synth")):
                        print(f"  [{name} {case} covered={cov}] {it.question} | {text[:90]}")
    for name in SETS:
        for case in ("answerable", "on topic", "unans"):
            for kind in ("quantity", "other"):
                n = counts[name, case, kind, True] + counts[name, case, kind, False]
                if n:
                    print(f"{name:14s} {case:10s} {kind:8s} answered {n:4d}, "
                          f"no pair covered {counts[name, case, kind, False]:3d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
