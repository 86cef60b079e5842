"""The names a Vietnamese question gives, as a decline signal: a quote from an article that never mentions them.

    python eval/experiments/vietnamese_names.py     # ~2 min, every multi-article gold set with Vietnamese questions

A reader asked "Tỷ lệ lấp đầy của Khu công nghiệp Mỹ Phước 3 là bao nhiêu?" of a corpus where one article is on a
factory in Mỹ Phước 3 and another gives the occupancy rate of Khu công nghiệp Phước Đông: the rate was quoted and
bolded, from the article that never mentions Mỹ Phước. English questions already need the quoted article to
mention the Vietnamese names they give (retrieval/names.py); this measures the same rule for Vietnamese
questions (names of two words or more, the first word and an honorific left out, not a name that describes what
a "nào" question asks for), with and without it, per set:
- right kept: answered right at rank 1;
- LOAO declined: each answerable Vietnamese question asked with its own article's hits removed (the corpus's
  other articles, often on the same kind of news, are left to answer it);
- unans declined: the set's own unanswerable Vietnamese questions.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lab_eval import ROOT, setup  # noqa: E402

import retrieval.names as names  # noqa: E402
import retrieval.search as search  # noqa: E402
from retrieval.answer import answer_lang, answer_with  # noqa: E402
from retrieval.evaluate import is_correct  # noqa: E402

SETS = ["news_review", "news_heldout", "news_heldout3", "news_heldout4", "news_heldout5", "news_heldout6",
        "news_heldout7", "news_heldout8", "news_heldout9", "news_synth", "news_synth2", "reader_review",
        "encyclopedic_heldout", "wiki_synth", "wiki_synth2"]


def run(name: str) -> dict[str, dict[str, list[int]]]:
    gold, corpus = ROOT / "eval" / name / "gold.jsonl", ROOT / "eval" / name / "corpus"
    _, enc, service, items = setup(gold, corpus)
    index = service.index
    search.CANDIDATES = 200  # enough left once an article's sentences are removed
    searcher = search.Searcher(index, enc)
    searcher.background = service.searcher.background  # as `tinbot ask` compares answers with it
    shipped = names.english_names
    out: dict[str, dict[str, list[int]]] = {}
    for rule in ("without", "with"):
        def chosen(question, known, *, vietnamese=False):
            return shipped(question, known, vietnamese=vietnamese) if rule == "with" or not vietnamese else []
        search.english_names = chosen  # the Searcher's module-level import
        counts = {"right": [0, 0], "loao": [0, 0], "unans": [0, 0]}  # [declined or kept, of]
        for it in items:
            if answer_lang(it.question) != "vi":
                continue
            hits = searcher.search(it.question, 200)
            if not it.answerable:
                counts["unans"][1] += 1
                counts["unans"][0] += not answer_with(it.question, hits[:15], searcher, top_k=3).answered
                continue
            rows = {r for r, s in enumerate(index.sentences) if is_correct(s.text, it)}
            if not rows or not hits:
                continue
            if hits[0].row in rows:
                counts["right"][1] += 1
                counts["right"][0] += answer_with(it.question, hits[:15], searcher, top_k=3).answered
            own = {index.sentences[r].article_id for r in rows}
            other = [h for h in hits if index.sentences[h.row].article_id not in own][:15]
            if other:
                counts["loao"][1] += 1
                counts["loao"][0] += not answer_with(it.question, other, searcher, top_k=3).answered
        out[rule] = counts
    search.english_names = shipped
    return out


def main() -> int:
    print("set | right kept without -> with | LOAO declined without -> with | unans declined without -> with")
    for name in SETS:
        r = run(name)
        cells = [f"{r['without'][k][0]} -> {r['with'][k][0]} of {r['with'][k][1]}" for k in ("right", "loao", "unans")]
        print(f"{name} | " + " | ".join(cells), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
