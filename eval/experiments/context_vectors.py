"""Context vectors: each sentence also embedded together with a neighbour, the search taking the better cosine.

    python eval/experiments/context_vectors.py

Rows: the shipped index without its context vectors ("none"), with them ("previous": `<title>. <previous>
<sentence>`, what `tinbot index` stores, retrieval/passages.py: context_texts), and two alternatives encoded
here: the sentence with the one after it ("next"), and with both ("window"). Hybrid ranking otherwise as shipped.
"won / lost": questions whose rank-1 quote became right / wrong against "none" (paired, so a sign test applies).
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lab_eval import gold_rows, hit_line, ranks, setup  # noqa: E402

from retrieval.search import Searcher  # noqa: E402
from retrieval.textnorm import normalize  # noqa: E402


def main() -> int:
    _, enc, service, items = setup()
    index = service.index
    sents = index.sentences
    shipped = np.array(index.context)

    def neighbours(before: bool, after: bool) -> np.ndarray:
        """Vectors of `<title>. [previous] <sentence> [next]` (same article), the sentence's own where it has none."""
        out = np.array(index.vectors, dtype=np.float32)
        rows, texts = [], []
        for i, s in enumerate(sents):
            parts = [sents[j].text for j in ((i - 1,) if before else ()) + (i,) + ((i + 1,) if after else ())
                     if 0 <= j < len(sents) and sents[j].article_id == s.article_id]
            if len(parts) > 1:
                rows.append(i)
                texts.append(normalize(f"{index.articles[s.article_id].title}. " + " ".join(" ".join(parts).split())))
        out[rows] = enc.encode_passages(texts)
        return out

    data = gold_rows(index, items)
    base: dict[str, list] = {}
    for name, context in (("none", None), ("previous (shipped)", shipped), ("next", neighbours(False, True)),
                          ("window", neighbours(True, True))):
        index.context = context
        searcher = Searcher(index, enc)
        for lang in ("en", "vi"):
            rs = ranks(searcher, [d for d in data if d[0].lang == lang])
            b = base.setdefault(lang, rs)
            won = sum(1 for x, y in zip(b, rs) if x != 0 and y == 0)
            lost = sum(1 for x, y in zip(b, rs) if x == 0 and y != 0)
            print(hit_line(f"{name} {lang}", rs), f"won {won} lost {lost}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
