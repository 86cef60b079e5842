"""MaxSim without the question's interrogative words.

    python eval/experiments/question_word_mask.py

MaxSim averages, over the question's tokens, each token's best match in the sentence. Words that ask ("bao
nhiêu", "gì", "what", "how many") have no counterpart in the answering sentence, so their best match is noise
that may favour a sentence of similar wording over the answer. Here their token vectors are dropped before
MaxSim (the pooled question vector is unchanged). Variants: interrogatives only; interrogatives plus
auxiliaries/articles; interrogatives dropped and, in the pooled vector, the question averaged with itself
stripped of them (weight w on the stripped one).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lab_eval import QueryVectors, gold_rows, hit_line, ranks, setup  # noqa: E402

from embeddings.encoder import questions_in  # noqa: E402
from retrieval.search import Searcher  # noqa: E402

ASK_VI = {"gì", "nào", "đâu", "bao", "nhiêu", "mấy", "sao", "ai"}
ASK_EN = {"what", "which", "who", "whom", "whose", "when", "where", "why", "how", "many", "much"}
AUX = {"did", "does", "do", "is", "was", "were", "are", "the", "a", "an", "of", "to", "in",
       "là", "được", "có", "của", "đã", "những", "các"}


class Masked:
    """Token vectors of the question minus the pieces whose text is in `drop`."""

    def __init__(self, inner, drop: set[str]) -> None:
        self.inner, self.drop = inner, drop
        onnx = inner._get("q") if hasattr(inner, "_get") else inner
        self.onnx = onnx

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def for_questions_in(self, lang):
        return Masked(questions_in(self.inner, lang), self.drop)

    def encode_queries_with_tokens(self, texts):
        vecs, toks = self.inner.encode_queries_with_tokens(texts)
        tok, prompt = self.onnx._tokenizer, self.onnx._query_prompt
        out = []
        for text, block in zip(texts, toks):
            ids, _, keep = tok.encode([prompt + text], [len(prompt)])  # the tokens the encoder kept, in order
            kept = [tok._sp.id_to_piece(int(i)) for i in ids[0][keep[0]]]
            assert len(kept) == len(block), (len(kept), len(block))
            mask = np.array([p.lstrip("▁").lower() not in self.drop for p in kept], dtype=bool)
            out.append(block[mask] if mask.any() else block)
        return vecs, out


def stripped_vectors(enc, w: float):
    """Pooled question vector = (1 - w) * question + w * question without interrogatives (renormalised)."""
    asks = re.compile(r"\b(?:" + "|".join(sorted(ASK_VI | ASK_EN, key=len, reverse=True)) + r")\b", re.I)

    def vector(text: str):
        bare = " ".join(asks.sub(" ", text).replace("?", " ").split())
        if not bare or bare == text:
            return None
        v = (1 - w) * enc.encode_queries([text])[0] + w * enc.encode_queries([bare])[0]
        return v / np.linalg.norm(v)
    return vector


def main() -> int:
    _, enc, service, items = setup()
    index = service.index
    data = gold_rows(index, items)
    asks = ASK_VI | ASK_EN
    variants = [("shipped", enc), ("- interrogatives", Masked(enc, asks)),
                ("- interrogatives - auxiliaries", Masked(enc, asks | AUX))]
    variants += [(f"- interrogatives, stripped pooled w {w}", Masked(QueryVectors(enc, stripped_vectors(enc, w)), asks))
                 for w in (0.3, 0.5)]
    for label, encoder in variants:
        s = Searcher(index, encoder)
        for lang in ("en", "vi"):
            sub = [d for d in data if d[0].lang == lang]
            print(hit_line(f"{label} [{lang}]", ranks(s, sub)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
