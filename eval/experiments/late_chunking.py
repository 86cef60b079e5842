"""Late chunking: each sentence's vectors taken from one pass over its whole article (paragraph), not the
sentence alone, so that "Nó" / "ông" are read in context.

    python eval/experiments/late_chunking.py

Every XQuAD paragraph is embedded as `passage: <title>. <sentence> <sentence> ...` with the product's int8
ONNX model (split in halves until it fits 512 tokens). Per sentence: the mean of the last layer over its own
tokens (a "late" sentence vector) and hidden layer 8 of the title's and its own tokens (late token vectors).
Rows: the shipped index; late token vectors for MaxSim; the shipped vector plus w x the late one.
"""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lab_eval import gold_rows, hit_line, ranks, setup  # noqa: E402

from embeddings.encoder import _unit_rows as unit  # noqa: E402
from retrieval.maxsim import TokenVectors  # noqa: E402
from retrieval.search import Searcher  # noqa: E402
from retrieval.textnorm import normalize  # noqa: E402
from retrieval.vectors import FaissIndex  # noqa: E402


def late_vectors(onnx, title: str, rows: list[tuple[int, str]]) -> dict[int, tuple[np.ndarray, np.ndarray]] | None:
    """row -> (late sentence vector, late token vectors) for one group of consecutive sentences, or None if
    the group does not fit the model."""
    tok = onnx._tokenizer
    prompt = onnx._passage_prompt
    head = prompt + (normalize(title) + ". " if title else "")
    text, spans = head, []
    for r, t in rows:
        t = normalize(" ".join(t.split()))
        spans.append((r, len(text), len(text) + len(t)))
        text += t + " "
    text = text[:-1]

    def nbytes(c: int) -> int:
        return len(text[:c].translate(tok._norm).encode("utf-8"))

    pieces = tok._sp.encode(text.translate(tok._norm), out_type="proto").pieces
    if len(pieces) > tok.max_len - 2:
        return None
    ids = np.array([[0, *[p.id for p in pieces], 2]], np.int64)
    hidden, layer8 = (x[0, 1:-1] for x in onnx._session.run(None, {"input_ids": ids,
                                                                    "attention_mask": np.ones_like(ids)}))
    ends = np.array([p.end for p in pieces])
    real = (ends > np.array([p.begin for p in pieces])) & tok._alnum[ids[0, 1:-1]]
    title_mask = real & (ends > nbytes(len(prompt))) & (ends <= nbytes(len(head)))
    out = {}
    for r, a, b in spans:
        own = (ends > nbytes(a)) & (ends <= nbytes(b))
        out[r] = (hidden[own].mean(axis=0), unit(layer8[title_mask | (own & real)]))
    return out


def main() -> int:
    _, enc, service, items = setup()
    index = service.index
    onnx = enc._get("p")  # the passage-side OnnxEncoder
    late: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for art, (a, b) in index.article_rows.items():
        todo = [[(r, index.sentences[r].text) for r in range(a, b)]]
        while todo:
            group = todo.pop()
            got = late_vectors(onnx, index.articles[art].title, group)
            if got is None:
                todo += [group[:len(group) // 2], group[len(group) // 2:]]
            else:
                late.update(got)
    n = len(index.sentences)
    vec = unit(np.stack([late[r][0] for r in range(n)]))
    tokens = TokenVectors.from_blocks([late[r][1] for r in range(n)], vec.shape[1])
    shipped = np.asarray(index.vectors, np.float32)
    data = gold_rows(index, items)

    def with_vectors(v: np.ndarray):
        return replace(index, vectors=v, faiss=FaissIndex.build(v, "flat"))

    variants = [("shipped", Searcher(index, enc)), ("late token vectors (MaxSim)", Searcher(index, enc, tokens=tokens)),
                ("late sentence vectors only", Searcher(with_vectors(vec), enc))]
    variants += [(f"shipped + {w} x late sentence vector", Searcher(with_vectors(unit(shipped + w * vec)), enc))
                 for w in (0.5, 1.0)]
    for label, searcher in variants:
        rs = ranks(searcher, data)
        for lang in ("en", "vi"):
            print(hit_line(f"{label}, {lang}", [r for (it, _), r in zip(data, rs) if it.lang == lang]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
