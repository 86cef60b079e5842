"""BM25 with each sentence's article title as a second field (BM25F), at several title weights.

    python eval/experiments/title_bm25.py            # weights 0 (plain BM25), 0.3, 0.5 (shipped), 1.0
    python eval/experiments/title_bm25.py 0 0.5

A news question names its article's subject, which the headline and the lead sentence repeat; scored alone, the
lead outscores the sentence that answers without repeating the subject. With the title as a field, a title word
counts `w` times in every sentence of its article (retrieval/lexical.py: TITLE_WEIGHT ships 0.5). Hybrid Hit@1 /
Hit@5 per set and language, the rest of the ranking as shipped. English questions get no lexical score.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lab_eval import ROOT, gold_rows, hit_line, ranks, setup  # noqa: E402

from retrieval.lexical import Bm25, LexicalIndex, features  # noqa: E402
from retrieval.search import Searcher  # noqa: E402
from retrieval.textnorm import folded_tokens, tokens  # noqa: E402

SETS = [("xquad", ROOT / "build/xquad_vi/gold.jsonl", ROOT / "build/xquad_vi/corpus"),
        ("seed", ROOT / "eval/seed_gold.jsonl", ROOT / "seeds"),
        ("seed_review", ROOT / "eval/seed_review.jsonl", ROOT / "seeds"),
        ("news_review", ROOT / "eval/news_review/gold.jsonl", ROOT / "eval/news_review/corpus"),
        ("news_heldout", ROOT / "eval/news_heldout/gold.jsonl", ROOT / "eval/news_heldout/corpus"),
        ("news_heldout3", ROOT / "eval/news_heldout3/gold.jsonl", ROOT / "eval/news_heldout3/corpus"),
        # written by helpers after the English question tuning shipped, never trained on
        ("encyclopedic_heldout", ROOT / "eval/encyclopedic_heldout/gold.jsonl",
         ROOT / "eval/encyclopedic_heldout/corpus"),
        ("news_heldout4", ROOT / "eval/news_heldout4/gold.jsonl", ROOT / "eval/news_heldout4/corpus"),
        ("news_heldout5", ROOT / "eval/news_heldout5/gold.jsonl", ROOT / "eval/news_heldout5/corpus")]


def titled(index, weight: float) -> LexicalIndex:
    sentences = index.sentences
    titles = [index.articles[s.article_id].title for s in sentences]
    twins = [Bm25.build([features(tok(s.text)) for s in sentences], titles=[features(tok(t)) for t in titles],
                        title_weight=weight) for tok in (tokens, folded_tokens)]
    return LexicalIndex(*twins)


def main() -> int:
    weights = [float(x) for x in sys.argv[1:]] or [0.0, 0.3, 0.5, 1.0]
    for name, gold, corpus in SETS:
        _, enc, service, items = setup(gold, corpus)
        data = gold_rows(service.index, items)
        for weight in weights:
            searcher = Searcher(service.index, enc)
            searcher.__dict__["lexical"] = titled(service.index, weight)  # in place of the cached property
            for lang in ("en", "vi", "vi-noaccent"):
                sub = [d for d in data if d[0].lang == lang]
                if sub and (lang != "en" or weight == weights[0]):
                    print(hit_line(f"{name} title weight {weight} [{lang}]", ranks(searcher, sub)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
