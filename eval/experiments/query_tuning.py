"""Adapting the question side of e5 to XQuAD-like questions, measured by 2-fold cross-validation over articles.

    python eval/experiments/query_tuning.py --method fp32             # no training: fp32 torch question vectors
    python eval/experiments/query_tuning.py --method layers           # tune layers 9-11 on the other fold
    python eval/experiments/query_tuning.py --method layers --langs en,vi --frozen 6 --epochs 3 --lr 2e-5
    python eval/experiments/query_tuning.py --method linear           # a 384x384 map on the pooled vector

Passages stay as indexed (int8 ONNX vectors and token vectors): only the pooled question vector changes, so
MaxSim is untouched and the index needs no re-embedding. "layers" freezes layers below `--frozen` (their
outputs, hidden layer 8 included, are unchanged) and trains the rest on the questions of one fold's articles,
with a softmax over that fold's sentences (temperature 0.02), then ranks the other fold's questions with the
product's `Searcher`. Each question is thus measured by a model that never saw its article. Needs torch and
transformers (the `torch` backend's dependencies). About a minute per run on 2 cores.
"""
from __future__ import annotations

import argparse
import copy
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lab_eval import QueryVectors, gold_rows, hit_line, item_folds, ranks, setup, topic_folds  # noqa: E402

from embeddings.registry import default_model_dir  # noqa: E402
from retrieval.search import Searcher  # noqa: E402
from retrieval.textnorm import normalize  # noqa: E402

TAU = 0.02


class TopLayers:
    """e5 through transformers, split at layer `frozen`: the lower part runs once without gradients."""

    def __init__(self, folder: Path, frozen: int, bitfit: bool = False) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer

        torch.set_num_threads(2)
        torch.manual_seed(0)  # dropout during training
        self.torch = torch
        self.tok = AutoTokenizer.from_pretrained(str(folder))
        self.base = AutoModel.from_pretrained(str(folder)).eval()
        self.frozen = frozen
        self.bitfit = bitfit  # tune only biases and LayerNorm weights (a few KB to ship instead of megabytes)

    def lower(self, texts: list[str]):
        b = self.tok(["query: " + t for t in texts], padding=True, return_tensors="pt")
        with self.torch.no_grad():
            out = self.base(**b, output_hidden_states=True)
        return out.hidden_states[self.frozen], b["attention_mask"]

    def upper(self, model, hidden, mask):
        ext, _ = model._create_attention_masks(attention_mask=mask, encoder_attention_mask=None,
                                               embedding_output=hidden, encoder_hidden_states=None, cache=None,
                                               position_ids=None)  # transformers 5.25 made it required
        for layer in model.encoder.layer[self.frozen:]:
            out = layer(hidden, attention_mask=ext)
            hidden = out[0] if isinstance(out, tuple) else out
        m = mask.unsqueeze(-1).float()
        return self.torch.nn.functional.normalize((hidden * m).sum(1) / m.sum(1), dim=-1)

    def train(self, questions: list[str], targets: list[list[int]], passages, allowed, epochs: int, lr: float,
              keep_mean: float = 0.0):
        """`keep_mean` > 0 also holds each question's component along the mean passage (what all its cosines
        share) where it was: without it the contrastive loss, blind to that component, drops the cosines
        thresholds read (e5's English top cosines ~0.8 -> ~0.2) while ranking better."""
        torch = self.torch
        mean = passages.mean(0)
        if keep_mean:
            was = torch.tensor(self.encode(self.base, questions)) @ mean
        model = copy.deepcopy(self.base).train()
        for p in model.parameters():
            p.requires_grad = False
        params = [p for layer in model.encoder.layer[self.frozen:] for name, p in layer.named_parameters()
                  if not self.bitfit or name.endswith("bias") or "LayerNorm" in name]
        for p in params:
            p.requires_grad = True
        opt = torch.optim.AdamW(params, lr=lr)
        for epoch in range(epochs):
            order = np.random.RandomState(epoch).permutation(len(questions))
            for b0 in range(0, len(order), 16):
                batch = order[b0:b0 + 16]
                q = self.upper(model, *self.lower([questions[i] for i in batch]))
                logits = (q @ passages.T / TAU).masked_fill(~allowed[None, :], -1e4)
                want = torch.zeros_like(logits)
                for j, i in enumerate(batch):
                    want[j, targets[i]] = 1.0 / len(targets[i])
                loss = -(want * torch.log_softmax(logits, 1)).sum(1).mean()
                if keep_mean:
                    loss = loss + keep_mean * ((q @ mean - was[batch]) ** 2).mean()
                opt.zero_grad()
                loss.backward()
                opt.step()
        return model.eval()

    def encode(self, model, texts: list[str]) -> np.ndarray:
        with self.torch.no_grad():
            return np.concatenate([self.upper(model, *self.lower(texts[i:i + 64])).numpy()
                                   for i in range(0, len(texts), 64)]) if texts else np.zeros((0, 384))


def train_linear(x: np.ndarray, targets: list[list[int]], passages: np.ndarray, allowed: np.ndarray,
                 lam: float = 0.01, steps: int = 200) -> np.ndarray:
    import torch

    X, V = torch.tensor(x), torch.tensor(passages)
    W = torch.eye(x.shape[1], requires_grad=True)
    opt = torch.optim.Adam([W], lr=1e-3)
    want = torch.zeros(len(x), len(passages))
    for j, rows in enumerate(targets):
        want[j, rows] = 1.0 / len(rows)
    mask = torch.tensor(allowed)
    for _ in range(steps):
        logits = (torch.nn.functional.normalize(X @ W, dim=1) @ V.T / TAU).masked_fill(~mask[None, :], -1e4)
        loss = -(want * torch.log_softmax(logits, 1)).sum(1).mean() + lam * ((W - torch.eye(len(W))) ** 2).sum()
        opt.zero_grad()
        loss.backward()
        opt.step()
    return W.detach().numpy()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--method", choices=("fp32", "layers", "linear"), default="layers")
    ap.add_argument("--langs", default="en", help="question languages trained and re-encoded (default en)")
    ap.add_argument("--frozen", type=int, default=9, help="layers below this stay as they are (default 9)")
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--lr", type=float, default=5e-5)
    args = ap.parse_args()
    langs = set(args.langs.split(","))

    settings, enc, service, items = setup()
    index = service.index
    folds = topic_folds(index)
    data = gold_rows(index, items)
    fold_of = item_folds(index, data)
    passages = np.asarray(index.vectors, np.float32)
    lab = TopLayers(default_model_dir(settings.cache_dir), args.frozen) if args.method != "linear" else None
    results: dict[tuple[str, str], list] = {}
    for test in (0, 1):
        started = time.time()
        train = [i for i, (it, _) in enumerate(data) if fold_of[i] != test and it.lang in langs]
        tested = [i for i, (it, _) in enumerate(data) if fold_of[i] == test]
        texts = [normalize(data[i][0].question) for i in tested if data[i][0].lang in langs]
        allowed = folds != test
        if args.method == "linear":
            x = enc.encode_queries([normalize(data[i][0].question) for i in train])
            W = train_linear(x, [data[i][1] for i in train], passages, allowed)
            mine = enc.encode_queries(texts) @ W
            mine /= np.linalg.norm(mine, axis=1, keepdims=True)
        else:
            import torch

            model = lab.base if args.method == "fp32" else lab.train(
                [normalize(data[i][0].question) for i in train], [data[i][1] for i in train],
                torch.tensor(passages), torch.tensor(allowed), args.epochs, args.lr)
            mine = lab.encode(model, texts)
        table = dict(zip(texts, mine))
        variant = Searcher(index, QueryVectors(enc, table.get))
        baseline = Searcher(index, enc)
        for tag, searcher in (("shipped", baseline), (args.method, variant)):
            for i, r in zip(tested, ranks(searcher, [data[i] for i in tested])):
                results.setdefault((data[i][0].lang, tag), []).append(r)
        print(f"fold {test}: {len(train)} training questions, {time.time() - started:.0f} s", file=sys.stderr)
    what = f"{args.method}" + ("" if args.method == "fp32" else f" langs={args.langs}") + (
        f" frozen<{args.frozen} epochs={args.epochs} lr={args.lr}" if args.method == "layers" else "")
    print(what)
    for (lang, tag), rs in sorted(results.items()):
        print(hit_line(f"  {lang} {tag}", rs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
