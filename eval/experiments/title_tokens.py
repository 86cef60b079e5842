"""MaxSim with the article title's tokens discounted.

    python eval/experiments/title_tokens.py

Each sentence's token vectors include its article title's (`title. sentence` is what is embedded), so that a
question naming the article's subject does not favour the sentences that repeat it (measured on XQuAD-vi,
whose titles are topic names: "1973 oil crisis p00"). A news headline is not a topic name: it states the main
fact ("Xe khách tông xe tải trên quốc lộ 1, 4 người tử vong"), so a question about that fact ("How many
people died?") is matched by the title in every sentence of the article alike, and the sentence that states it
gains nothing. Here a question token's match with a title token counts `lam` times its cosine (lam = 1: as
before), or with `--names` only those of the title's words that are not names (retrieval/headline.py ships
this at 0.6), on XQuAD-vi and on the news sets (seed article, eval/news_review).
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lab_eval import ROOT, gold_rows, hit_line, ranks, setup  # noqa: E402

import retrieval.search as search_module  # noqa: E402
from retrieval.maxsim import CARRY, _one_blas_thread  # noqa: E402
from retrieval.passages import passage_text  # noqa: E402
from retrieval.search import Searcher  # noqa: E402

SETS = [("xquad", ROOT / "build/xquad_vi/gold.jsonl", ROOT / "build/xquad_vi/corpus"),
        ("seed", ROOT / "eval/seed_gold.jsonl", ROOT / "seeds"),
        ("seed_review", ROOT / "eval/seed_review.jsonl", ROOT / "seeds"),
        ("news_review", ROOT / "eval/news_review/gold.jsonl", ROOT / "eval/news_review/corpus"),
        ("news_heldout", ROOT / "eval/news_heldout/gold.jsonl", ROOT / "eval/news_heldout/corpus")]


def title_token_counts(index, enc) -> np.ndarray:
    """Per sentence, how many of its stored token vectors are the title's (they come first)."""
    onnx = enc._get("p") if hasattr(enc, "_get") else enc
    tok, prompt = onnx._tokenizer, onnx._passage_prompt
    out = np.zeros(len(index.sentences), np.int64)
    lengths = np.diff(index.tokens.offsets)
    for row, s in enumerate(index.sentences):
        article = index.article_of(row)
        text = prompt + passage_text(article, s)
        title = passage_text(article, s)[:-len(" ".join(s.text.split()))]  # "<title>. "
        _, _, keep_all = tok.encode([text], [len(prompt)])
        _, _, keep_sent = tok.encode([text], [len(prompt) + len(title)])
        n_all, n_sent = int(keep_all.sum()), int(keep_sent.sum())
        assert n_all == lengths[row], (row, n_all, lengths[row])
        out[row] = n_all - n_sent
    return out


def is_name(word: str, position: int, words: list[str], body: str) -> bool:
    """A title word that names the subject: capitalised, and not just the title's first word (unless the next
    word is capitalised too, "Cẩm Xuyên", or the article writes it capitalised inside a sentence, "Vinamilk")."""
    core = word.strip(".,:;!?()\"'")
    if not core or not core[0].isupper():
        return False
    if position > 0 or core.isupper():
        return True
    following = words[1].strip(".,:;!?()\"'") if len(words) > 1 else ""
    return bool(following[:1].isupper()) or f" {core}" in body


def title_weights(index, enc, title_n: np.ndarray, lam: float) -> list[np.ndarray]:
    """Per sentence, a weight per title token: 1 for a name's tokens, `lam` for the rest (uniform `lam` when the
    title's words do not tokenise to its token count)."""
    onnx = enc._get("p") if hasattr(enc, "_get") else enc
    tok, prompt = onnx._tokenizer, onnx._passage_prompt
    per_article: dict[str, np.ndarray] = {}
    out = []
    for row, s in enumerate(index.sentences):
        article = index.article_of(row)
        w = per_article.get(article.article_id)
        if w is None:
            words = article.title.split()
            body = " ".join(x.text for x in index.sentences if x.article_id == article.article_id)
            counts = []
            for word in words:
                _, _, keep = tok.encode([prompt + word], [len(prompt)])
                counts.append(int(keep.sum()))
            if sum(counts) == title_n[row]:
                w = np.concatenate([np.full(c, 1.0 if is_name(word, k, words, body) else lam, np.float32)
                                    for k, (word, c) in enumerate(zip(words, counts))] or [np.zeros(0, np.float32)])
            else:
                w = np.full(int(title_n[row]), lam, np.float32)
            per_article[article.article_id] = w
        out.append(w)
    return out


def named(weights: list[np.ndarray]):
    def maxsim(query_tokens, tokens, rows, prev, carry=CARRY, title=None):  # the product's own weights ignored
        rows = np.asarray(rows, dtype=np.int64)
        if len(rows) == 0 or len(query_tokens) == 0:
            return np.zeros(len(rows), dtype=np.float32)
        before = prev[rows]
        wanted = np.unique(np.concatenate([rows, before[before >= 0]]))
        vecs, lengths = tokens.gather(wanted)
        scale = np.ones(len(vecs), np.float32)
        pos = 0
        for r, n in zip(wanted, lengths):
            w = weights[int(r)][:int(n)]
            scale[pos:pos + len(w)] = w
            pos += int(n)
        best = np.full((len(query_tokens), len(wanted)), -1.0, dtype=np.float32)
        full = lengths > 0
        with _one_blas_thread():
            sims = np.asarray(query_tokens, dtype=np.float32) @ vecs.T
        sims = np.where(sims > 0, sims * scale, sims)
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])[full]
        best[:, full] = np.maximum.reduceat(sims, starts, axis=1)
        own = best[:, np.searchsorted(wanted, rows)]
        inherited = carry * best[:, np.searchsorted(wanted, np.maximum(before, 0))]
        own = np.where(before >= 0, np.maximum(own, inherited), own)
        return own.mean(axis=0).astype(np.float32)
    return maxsim


def discounted(title_n: np.ndarray, lam: float):
    """Every title token's matches at `lam`."""
    return named([np.full(int(n), lam, np.float32) for n in title_n])


def main() -> int:
    names = "--names" in sys.argv  # a title's names keep their full weight; `lam` for its other words
    lams = [float(x) for x in sys.argv[1:] if x != "--names"] or [1.0, 0.9, 0.8, 0.6, 0.0]
    shipped = search_module.maxsim
    for name, gold, corpus in SETS:
        _, enc, service, items = setup(gold, corpus)
        index = service.index
        title_n = title_token_counts(index, enc)
        data = gold_rows(index, items)
        for lam in lams:
            if lam == 1.0:  # every title token at full weight: as before retrieval/headline.py
                search_module.maxsim = lambda *args, title=None, **kwargs: shipped(*args, **kwargs)
            elif names:
                search_module.maxsim = named(title_weights(index, enc, title_n, lam))
            else:
                search_module.maxsim = discounted(title_n, lam)
            s = Searcher(index, enc)
            label = f"{name} lam {lam}{' names kept' if names else ''}"
            for lang in ("en", "vi", "vi-noaccent"):
                sub = [d for d in data if d[0].lang == lang]
                if sub:
                    print(hit_line(f"{label} [{lang}]", ranks(s, sub)), flush=True)
        search_module.maxsim = shipped
    return 0


if __name__ == "__main__":
    sys.exit(main())
