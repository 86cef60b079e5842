"""Question-side tuning that learns through the whole hybrid score, token matching (MaxSim) included.

    python eval/experiments/query_tuning_maxsim.py eval/news_synth eval/news_synth2 --frozen 6 --keep-level 100 \
        --save embeddings/tunings/question-en.npz   # what ships (since 2026-12-05; the same file byte for byte)
    ... [--tau 0.02] [--keep-mean 100] [--epochs 3] [--lr 1e-3] [--hold-loao W] [--offtopic F --null W] [--cv]

The tuning that shipped before (`query_tuning_synthetic.py`) changes layers 8-11 and so only the
pooled question vector, trained on cosines alone; MaxSim, the signal that carries English questions across to
Vietnamese (+10 points Hit@1), reads layer 8's token vectors, which it leaves as they are. Here layers
`--frozen`..11 (biases and LayerNorm weights) are tuned, so that with `--frozen` below 8 the question's token
vectors move too, and the loss is a softmax over each training question's 30 candidates as the product scores
them (`retrieval/search.py`): the better of the sentence's and its context's cosine, 0.5 x MaxSim (with the carry
from the previous sentence and the headline weights), the paragraph terms, and what does not depend on the
question's vectors (answer type) held at its value. The candidates are those the untuned product re-scores.
Each question's component along the mean passage is held (`--keep-mean`), as for the cosine-only tuning, and
with `--keep-level` its mean candidate score. `--offtopic F --null W` adds off-topic questions (one per line)
whose best fused score each training answer should beat (`--null-loao`: the training questions without their
article too); measured, not shipped (eval/experiments/README.md).

`--save` writes a tuning file in the shipped format; to measure it end to end, copy it over
embeddings/tunings/question-en.npz (the int8 export carries it on the next run) and run `tinbot eval`.
"""
from __future__ import annotations

import argparse
import copy
import json
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lab_eval import setup  # noqa: E402
from query_tuning_synthetic import SPLIT, answering_rows, save_changes, split_by_helper, squash  # noqa: E402

from embeddings.encoder import TOKEN_LAYER  # noqa: E402
from embeddings.registry import default_model_dir  # noqa: E402
from retrieval.maxsim import CARRY  # noqa: E402
from retrieval.search import LEAVE_OUT_WEIGHT, MAXSIM_WEIGHT, PARAGRAPH_WEIGHT, Searcher  # noqa: E402
from retrieval.textnorm import normalize  # noqa: E402


@dataclass
class Item:
    """One training question against its candidate rows (torch tensors unless said): what scoring needs."""

    ids: Any  # the question's token ids, "query: " included
    keep: Any  # which of them give token vectors (retrieval/maxsim.py)
    rows: np.ndarray  # the candidates
    want: Any  # which candidates answer the question
    const: Any  # per candidate, the product's score minus what depends on the question's vectors
    own: Any  # per candidate, its sentence vector, its context vector, its paragraph's, its paragraph's without it
    ctx: Any
    para: Any
    rest: Any
    wanted: np.ndarray  # the candidates and the sentences before them, sorted
    vecs: Any  # their token vectors, concatenated; `lengths` per wanted row; `scale` the headline weights
    lengths: list[int]
    scale: Any
    at_own: Any  # per candidate, its place in `wanted`, and its previous sentence's (if `has_prev`)
    at_prev: Any
    has_prev: Any
    neg: Item | None = None  # the same question against the other articles' sentences (`--hold-loao`)
    folder: str = ""  # the training folder (helper) it comes from


def items_of(folder: Path, langs: set[str], offtopic: list[str] = ()) -> tuple[list[Item], np.ndarray, list[Item]]:
    """The folder's `langs` questions whose answer is among the untuned product's 30 candidates, the
    folder's sentence vectors, and each `offtopic` question against its 30 best sentences by cosine."""
    _, enc, service, _ = setup(folder / "gold.jsonl", folder / "corpus")
    enc.question_tuning = False  # candidates and fixed parts from the untuned product
    index = service.index
    searcher = Searcher(index, enc)
    onnx_q = enc._get("q")
    prompt = onnx_q._query_prompt
    texts = [squash(s.text) for s in index.sentences]

    def tokens(q: str):
        """The question's token ids ("query: " included) and which of them give token vectors."""
        ids, mask, keep = onnx_q._tokenizer.encode([prompt + q], [len(prompt)])
        return ids[0][mask[0] > 0], keep[0][mask[0] > 0]

    out = []
    for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line) if line.strip() else None
        if row is None or row["lang"] not in langs:
            continue
        gold = set(answering_rows(texts, row))
        q = normalize(row["question"])
        hits = searcher.search(q, 30)
        rows = np.array([h.row for h in hits], np.int64)
        want = np.array([h.row in gold for h in hits])
        if not want.any():
            continue
        qvec = enc.encode_queries([q])[0]
        ids, keep = tokens(q)
        scores = np.array([h.score for h in hits], np.float32)
        whole, rest = index.paragraph[rows] @ qvec, index.rest[rows] @ qvec
        untuned = (np.maximum(index.vectors[rows] @ qvec, index.context[rows] @ qvec)
                   + MAXSIM_WEIGHT * np.array([h.maxsim for h in hits]) + PARAGRAPH_WEIGHT * whole
                   + LEAVE_OUT_WEIGHT * (whole - rest))
        item = block(searcher, ids, keep, rows, want, scores - untuned, folder.name)
        # The same question without its article: what `--hold-loao` keeps from rising.
        articles = {index.sentences[r].article_id for r in gold}
        others = np.array([r for r in range(len(texts)) if index.sentences[r].article_id not in articles])
        item.neg = nearest(searcher, ids, keep, qvec, others, folder.name)
        out.append(item)
    null = []
    for q in offtopic:
        ids, keep = tokens(q)
        null.append(nearest(searcher, ids, keep, enc.encode_queries([q])[0], np.arange(len(texts)), folder.name))
    print(f"{folder.name}: {len(out)} training questions, {len(null)} off-topic", file=sys.stderr)
    return out, np.asarray(index.vectors, np.float32), null


def nearest(searcher: Searcher, ids, keep, qvec: np.ndarray, pool: np.ndarray, folder: str) -> Item:
    """An `Item` for a question no sentence answers: against the best 30 of `pool`'s rows by cosine, scored in full
    but for the answer type (const 0)."""
    index = searcher.index
    cos = np.maximum(index.vectors[pool] @ qvec, index.context[pool] @ qvec)
    rows = pool[np.argsort(-cos, kind="stable")[:30]]
    zeros = np.zeros(len(rows), np.float32)
    return block(searcher, ids, keep, rows, zeros.astype(bool), zeros, folder)


def block(searcher: Searcher, ids, keep, rows, want, const, folder: str = "") -> Item:
    """An `Item` for question token `ids` against candidate `rows` of `searcher`'s index."""
    import torch

    index = searcher.index
    prev = searcher._previous[rows]
    wanted = np.unique(np.concatenate([rows, prev[prev >= 0]]))
    vecs, lengths = searcher.tokens.gather(wanted)
    scale = np.ones(len(vecs), np.float32)
    for start, n, w in zip(np.cumsum(lengths) - lengths, lengths, searcher._title_weights(wanted)):
        k = min(len(w), int(n))
        scale[start:start + k] = w[:k]
    t = torch.tensor
    return Item(t(ids), t(keep), rows, t(want), t(np.asarray(const, np.float32)),
                t(np.asarray(index.vectors[rows], np.float32)), t(np.asarray(index.context[rows], np.float32)),
                t(np.asarray(index.paragraph[rows], np.float32)), t(np.asarray(index.rest[rows], np.float32)),
                wanted, t(vecs), [int(x) for x in lengths], t(scale), t(np.searchsorted(wanted, rows)),
                t(np.searchsorted(wanted, np.maximum(prev, 0))), t(prev >= 0), folder=folder)


class Tuner:
    def __init__(self, folder: Path, frozen: int) -> None:
        import torch
        from transformers import AutoModel

        torch.set_num_threads(2)
        torch.manual_seed(0)
        # Gathering candidates' token scores by index accumulates gradients in a thread-dependent order
        # otherwise: reruns then differed by up to 0.003 per number.
        torch.use_deterministic_algorithms(True)
        self.torch = torch
        self.base = AutoModel.from_pretrained(str(folder)).eval()
        self.frozen = frozen

    def forward(self, model, batch: list[Item]):
        """(pooled unit vectors, per item its kept token vectors at TOKEN_LAYER, unit rows)."""
        torch = self.torch
        width = max(len(it.ids) for it in batch)
        ids = torch.zeros(len(batch), width, dtype=torch.long)
        mask = torch.zeros(len(batch), width, dtype=torch.long)
        for j, it in enumerate(batch):
            ids[j, :len(it.ids)] = it.ids
            mask[j, :len(it.ids)] = 1
        with torch.no_grad():
            states = self.base(input_ids=ids, attention_mask=mask, output_hidden_states=True).hidden_states
        hidden = states[self.frozen]
        tokens = states[TOKEN_LAYER] if self.frozen >= TOKEN_LAYER else None
        ext, _ = model._create_attention_masks(attention_mask=mask, encoder_attention_mask=None,
                                               embedding_output=hidden, encoder_hidden_states=None, cache=None,
                                               position_ids=None)
        for depth, layer in enumerate(model.encoder.layer[self.frozen:], start=self.frozen):
            out = layer(hidden, attention_mask=ext)
            hidden = out[0] if isinstance(out, tuple) else out
            if depth + 1 == TOKEN_LAYER:
                tokens = hidden
        m = mask.unsqueeze(-1).float()
        pooled = torch.nn.functional.normalize((hidden * m).sum(1) / m.sum(1), dim=-1)
        toks = [torch.nn.functional.normalize(tokens[j, :len(it.ids)][it.keep.bool()], dim=-1)
                for j, it in enumerate(batch)]
        return pooled, toks

    def scores(self, q, qtok, it: Item, paragraph: bool = True):
        """The product's score of each of `it`'s candidates; without the paragraph terms, what `retrieval/answer.py`
        compares with the off-topic floor."""
        torch = self.torch
        sims = qtok @ it.vecs.T
        sims = torch.where(sims > 0, sims * it.scale, sims)
        best = torch.stack([s.max(1).values if s.shape[1] else torch.full((len(qtok),), -1.0)
                            for s in sims.split(it.lengths, 1)], 1)
        own = best[:, it.at_own]
        inherited = CARRY * best[:, it.at_prev]
        ms = torch.where(it.has_prev[None, :], torch.maximum(own, inherited), own).mean(0)
        fused = torch.maximum(it.own @ q, it.ctx @ q) + MAXSIM_WEIGHT * ms + it.const
        if not paragraph:
            return fused
        return fused + PARAGRAPH_WEIGHT * (it.para @ q) + LEAVE_OUT_WEIGHT * (it.para @ q - it.rest @ q)

    def levels(self, model, batch: list[Item], pooled=None, toks=None):
        """Per item, the mean of its candidates' scores: what a softmax over them cannot see."""
        if pooled is None:
            pooled, toks = self.forward(model, batch)
        return self.torch.stack([self.scores(pooled[j], toks[j], it).mean() for j, it in enumerate(batch)])

    def ranks(self, model, items: list[Item]) -> list[int]:
        """Per item, how many candidates score above its best answering one."""
        out = []
        with self.torch.no_grad():
            for i in range(0, len(items), 32):
                chunk = items[i:i + 32]
                pooled, toks = self.forward(model, chunk)
                for j, it in enumerate(chunk):
                    s = self.scores(pooled[j], toks[j], it)
                    out.append(int((s > s[it.want.bool()].max()).sum()))
        return out

    def loao_tops(self, batch: list[Item], pooled, toks):
        """Per item, the best score of the question against the other articles' sentences."""
        return self.torch.stack([self.scores(pooled[j], toks[j], it.neg).max() for j, it in enumerate(batch)])

    def null_loss(self, model, batch: list[Item], qp, qt, null_by: dict[str, list[Item]], tau: float, seed: int,
                  loao: bool = False):
        """Answer above off-topic: for each training question and each of up to 16 off-topic questions against
        the same folder, softplus((off-topic's best fused score - the answer's fused score) / tau), averaged; the
        fused score without the paragraph terms, as the floor reads it. With `loao`, the batch's questions
        against the other articles join the off-topic ones."""
        torch = self.torch
        rng = np.random.RandomState(seed)
        folders = sorted({it.folder for it in batch if it.folder in null_by})
        pool = [(f, it) for f in folders for it in null_by[f]]
        picked = [pool[i] for i in rng.choice(len(pool), min(16, len(pool)), replace=False)]
        pooled, toks = self.forward(model, [it for _, it in picked])
        off = {}
        for j, (f, it) in enumerate(picked):
            off.setdefault(f, []).append(self.scores(pooled[j], toks[j], it, paragraph=False).max())
        if loao:  # the batch's own questions without their article count as off-topic too
            for j, it in enumerate(batch):
                off.setdefault(it.folder, []).append(self.scores(qp[j], qt[j], it.neg, paragraph=False).max())
        terms = []
        for j, it in enumerate(batch):
            if it.folder in off:
                pos = self.scores(qp[j], qt[j], it, paragraph=False)[it.want].max()
                terms.append(torch.nn.functional.softplus((torch.stack(off[it.folder]) - pos) / tau))
        return torch.cat(terms).mean() * tau if terms else torch.zeros(())

    def train(self, items: list[Item], mean, epochs: int, lr: float, tau: float, keep_mean: float,
              keep_level: float = 0.0, hold_loao: float = 0.0, null: list[Item] = (), null_weight: float = 0.0,
              null_loao: bool = False):
        torch = self.torch
        null_by: dict[str, list[Item]] = {}
        for it in null:
            null_by.setdefault(it.folder, []).append(it)
        with torch.no_grad():
            was, level, loao = [], [], []
            for i in range(0, len(items), 32):
                chunk = items[i:i + 32]
                pooled, toks = self.forward(self.base, chunk)
                was.append(pooled @ mean)
                level.append(self.levels(self.base, chunk, pooled, toks))
                loao.append(self.loao_tops(chunk, pooled, toks))
            was, level, loao = torch.cat(was), torch.cat(level), torch.cat(loao)
        model = copy.deepcopy(self.base).train()
        for p in model.parameters():
            p.requires_grad = False
        params = [p for layer in model.encoder.layer[self.frozen:] for name, p in layer.named_parameters()
                  if name.endswith("bias") or "LayerNorm" in name]
        for p in params:
            p.requires_grad = True
        opt = torch.optim.AdamW(params, lr=lr)
        for epoch in range(epochs):
            order = np.random.RandomState(epoch).permutation(len(items))
            total = 0.0
            for b0 in range(0, len(order), 16):
                batch = [items[i] for i in order[b0:b0 + 16]]
                pooled, toks = self.forward(model, batch)
                loss = 0.0
                for j, it in enumerate(batch):
                    logp = torch.log_softmax(self.scores(pooled[j], toks[j], it) / tau, 0)
                    loss = loss - logp[it.want].mean()
                loss = loss / len(batch)
                if keep_mean:
                    loss = loss + keep_mean * ((pooled @ mean - was[order[b0:b0 + 16]]) ** 2).mean()
                if keep_level:
                    now = self.levels(model, batch, pooled, toks)
                    loss = loss + keep_level * ((now - level[order[b0:b0 + 16]]) ** 2).mean()
                if hold_loao:  # without its article, the best score may fall but not rise
                    rise = torch.relu(self.loao_tops(batch, pooled, toks) - loao[order[b0:b0 + 16]])
                    loss = loss + hold_loao * (rise ** 2).mean()
                if null_weight and null_by:
                    loss = loss + null_weight * self.null_loss(model, batch, pooled, toks, null_by, tau,
                                                                epoch * 100003 + b0, null_loao)
                opt.zero_grad()
                loss.backward()
                opt.step()
                total += float(loss.detach()) * len(batch)
            print(f"epoch {epoch}: loss {total / len(items):.4f}", file=sys.stderr)
        return model.eval()


def main() -> int:
    import torch

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("train", type=Path, nargs="+", help="sets in news_synth's layout")
    ap.add_argument("--langs", default="en")
    ap.add_argument("--frozen", type=int, default=6)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--tau", type=float, default=0.02)
    ap.add_argument("--keep-mean", type=float, default=100.0)
    ap.add_argument("--keep-level", type=float, default=0.0,
                    help="weight of holding each question's mean candidate score (the fused scores' scale, which "
                         "the 'not found' floor reads)")
    ap.add_argument("--hold-loao", type=float, default=0.0,
                    help="weight of keeping each question's best score without its article from rising")
    ap.add_argument("--offtopic", type=Path,
                    help="off-topic English questions, one per line, asked of every training folder (--null)")
    ap.add_argument("--null", type=float, default=0.0,
                    help="weight of keeping answers' fused scores above the off-topic questions' best ones")
    ap.add_argument("--null-loao", action="store_true",
                    help="in --null, each training question without its article is an off-topic question too")
    ap.add_argument("--save", type=Path, help="write the tuning (tuned - base per parameter) here (.npz)")
    ap.add_argument("--cv", action="store_true",
                    help="leave one helper out at a time: tune on the others (whole score, and cosines only as "
                         "shipped) and rank the held-out helper's questions among their 30 candidates")
    args = ap.parse_args()
    if not args.cv and args.save is None:
        ap.error("give --save (or --cv)")
    shutil.rmtree(SPLIT, ignore_errors=True)
    for t in args.train:
        split_by_helper(t, SPLIT)
    folders = sorted(p for p in SPLIT.iterdir() if (p / "gold.jsonl").is_file())
    offtopic = args.offtopic.read_text(encoding="utf-8").splitlines() if args.offtopic else []
    offtopic = [q.strip() for q in offtopic if q.strip()]
    by_folder: dict[Path, list[Item]] = {}
    vectors: dict[Path, np.ndarray] = {}
    null: dict[Path, list[Item]] = {}
    for folder in folders:
        by_folder[folder], vectors[folder], null[folder] = items_of(folder, set(args.langs.split(",")), offtopic)
    settings, *_ = setup(SPLIT / "h1" / "gold.jsonl", SPLIT / "h1" / "corpus")
    tuner = Tuner(default_model_dir(settings.cache_dir), args.frozen)
    if args.cv:
        return cross_validate(args, tuner, folders, by_folder, vectors, null)
    items = [it for f in folders for it in by_folder[f]]
    mean = torch.tensor(np.concatenate(list(vectors.values())).mean(0))
    started = time.time()
    tuned = tuner.train(items, mean, args.epochs, args.lr, args.tau, args.keep_mean, args.keep_level,
                        args.hold_loao, [it for f in folders for it in null[f]], args.null, args.null_loao)
    print(f"trained on {len(items)} questions in {time.time() - started:.0f} s", file=sys.stderr)
    save_changes(tuner.base, tuned, args.save)
    return 0


def cross_validate(args, tuner: Tuner, folders: list[Path], by_folder: dict, vectors: dict, null: dict) -> int:
    """Per held-out helper: untuned, the earlier recipe (cosines only, layers 8-11) and the whole-score tuning,
    each ranking the helper's questions among their 30 candidates with the torch rebuild of the product's score."""
    import torch
    from query_tuning import TopLayers
    from query_tuning_synthetic import joined, training_pairs

    langs = set(args.langs.split(","))
    pairs = {f: training_pairs(f) for f in folders}
    cosine_lab = TopLayers(default_model_dir(setup(folders[0] / "gold.jsonl", folders[0] / "corpus")[0].cache_dir),
                           8, bitfit=True)
    ranks: dict[str, list[int]] = {"untuned": [], "cosines only": [], "whole score": []}
    for held in folders:
        rest = [f for f in folders if f != held]
        mean = torch.tensor(np.concatenate([vectors[f] for f in rest]).mean(0))
        whole = tuner.train([it for f in rest for it in by_folder[f]], mean, args.epochs, args.lr, args.tau,
                            args.keep_mean, args.keep_level, args.hold_loao, [it for f in rest for it in null[f]],
                            args.null, args.null_loao)
        questions, targets, vecs = joined([pairs[f] for f in rest], langs)
        passages = torch.tensor(vecs)
        cosines = cosine_lab.train(questions, targets, passages, torch.ones(len(passages), dtype=torch.bool),
                                   args.epochs, 1e-3, 100.0)
        for tag, model in (("untuned", tuner.base), ("cosines only", cosines), ("whole score", whole)):
            ranks[tag] += tuner.ranks(model, by_folder[held])
        print(f"{held.name} done", file=sys.stderr)
    print(f"leave one helper out, {args.langs} questions among their 30 candidates, frozen<{args.frozen}, "
          f"keep-level {args.keep_level:g}, hold-loao {args.hold_loao:g}")
    for tag, rs in ranks.items():
        r = np.array(rs)
        print(f"  {tag:14s} Hit@1 {np.mean(r == 0):.3f}  Hit@5 {np.mean(r < 5):.3f}  (n={len(r)})")
    for tag in ("cosines only", "whole score"):
        a, b = np.array(ranks["untuned"]), np.array(ranks[tag])
        print(f"  {tag}: rank-1 won {int(np.sum((a != 0) & (b == 0)))}, lost {int(np.sum((a == 0) & (b != 0)))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
