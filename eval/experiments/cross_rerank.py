"""A cross-encoder that reads the question and each of the product's first candidates together: the "reading" the
misses need (most Vietnamese misses quote the right paragraph's wrong sentence; eval/experiments/README.md).

    python eval/experiments/cross_rerank.py train eval/news_synth eval/news_synth2 --epochs 1 --save /tmp/ce.pt
    python eval/experiments/cross_rerank.py measure /tmp/ce.pt --grid 0,0.1,0.25,0.5,1 \
        --sets xquad,news_heldout4,news_heldout5

`train`: multilingual-e5-small (fp32, the materialised folder) reads "query: <question>" and "passage: <sentence>"
(with `--context`, the sentence before it after the sentence) as one pair; a linear head on the mean of its last
layer gives a number, learnt by a softmax over each training question's first `--k` candidates (as the shipped
`Searcher` ranks them); with `--residual`, of score / 0.02 + number, as a correction to the product's score. Word
embeddings frozen; the training sets are the helper-written ones (never XQuAD-vi). `measure`: Hit@1 when each
question's first `--k` candidates are re-ranked by score + w x 0.02 x number, on the sets of
`background_declines.SETS` (XQuAD-vi with w chosen by 2-fold cross-validation over articles too), through
`lab_eval.rerank_sets`. Measured, not shipped: eval/experiments/README.md.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lab_eval import gold_rows, rerank_sets, setup  # noqa: E402

from embeddings.registry import ensure_default_model  # noqa: E402
from retrieval.config import Settings  # noqa: E402

TAU = 0.02  # the softmax temperature the tunings use: scores 0.02 apart are e times as likely
MAX_TOKENS = 192


class Reader:
    """The cross-encoder: e5-small with a linear head on its mean-pooled last layer."""

    def __init__(self, folder: Path, context: bool) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer

        torch.set_num_threads(2)
        torch.manual_seed(0)
        self.torch = torch
        self.tok = AutoTokenizer.from_pretrained(str(folder))
        self.model = AutoModel.from_pretrained(str(folder))
        self.head = torch.nn.Linear(self.model.config.hidden_size, 1)
        torch.nn.init.zeros_(self.head.weight)
        torch.nn.init.zeros_(self.head.bias)
        self.context = context

    def pairs(self, question: str, rows, index) -> tuple[list[str], list[str]]:
        sents = index.sentences
        second = []
        for r in rows:
            text = "passage: " + sents[r].text
            prev = r - 1
            if self.context and prev >= 0 and sents[prev].article_id == sents[r].article_id:
                text += " </s> " + sents[prev].text
            second.append(text)
        return ["query: " + question] * len(rows), second

    def numbers(self, question: str, rows, index):
        first, second = self.pairs(question, rows, index)
        enc = self.tok(first, second, padding=True, truncation="only_second", max_length=MAX_TOKENS,
                       return_tensors="pt")
        hidden = self.model(**enc).last_hidden_state
        m = enc["attention_mask"].unsqueeze(-1).float()
        return self.head((hidden * m).sum(1) / m.sum(1)).squeeze(-1)

    def save(self, path: Path) -> None:
        self.torch.save({"model": self.model.state_dict(), "head": self.head.state_dict(),
                         "context": self.context}, path)

    @classmethod
    def load(cls, folder: Path, path: Path) -> Reader:
        import torch

        state = torch.load(path, weights_only=True)
        reader = cls(folder, bool(state["context"]))
        reader.model.load_state_dict(state["model"])
        reader.head.load_state_dict(state["head"])
        reader.model.eval()
        return reader


def model_folder() -> Path:
    """The materialised e5-small folder (made if missing), from the settings alone: no index opened for it."""
    return ensure_default_model(Settings.from_env().cache_dir)


def training_items(folders: list[Path], k: int, langs: set[str]):
    """(question, candidate rows, product scores, which answer, index) for each question of `langs` with a right
    and a wrong sentence among its first k candidates."""
    out = []
    for folder in folders:
        _, _, service, items = setup(folder / "gold.jsonl", folder / "corpus")
        index = service.index
        for it, rows in gold_rows(index, items):
            if it.lang not in langs:
                continue
            hits = service.searcher.search(it.question, k)
            want = np.array([h.row in rows for h in hits])
            if want.any() and not want.all():
                out.append((it.question, [h.row for h in hits], np.array([h.score for h in hits]), want, index))
    return out


def train(args) -> None:
    reader = Reader(model_folder(), args.context)
    torch = reader.torch
    data = training_items(args.folders, args.k, set(args.langs.split(",")))
    print(f"{len(data)} training questions", file=sys.stderr)
    params = [p for n, p in reader.model.named_parameters() if "word_embeddings" not in n]
    for n, p in reader.model.named_parameters():
        p.requires_grad = "word_embeddings" not in n
    opt = torch.optim.AdamW([{"params": params, "lr": args.lr}, {"params": reader.head.parameters(), "lr": 1e-3}],
                            weight_decay=0.01)
    rng = random.Random(0)
    reader.model.train()
    start = time.time()
    for epoch in range(args.epochs):
        rng.shuffle(data)
        total = 0.0
        for i, (q, rows, scores, want, index) in enumerate(data):
            base = torch.tensor(scores / TAU, dtype=torch.float32) if args.residual else 0.0
            logits = base + reader.numbers(q, rows, index)
            target = torch.tensor(want, dtype=torch.float32)
            loss = -(torch.log_softmax(logits, 0) * target / target.sum()).sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += float(loss.detach())
            if (i + 1) % 200 == 0:
                print(f"epoch {epoch + 1} step {i + 1}: mean loss {total / (i + 1):.4f} "
                      f"({time.time() - start:.0f} s)", file=sys.stderr)
    reader.save(args.save)
    print(f"saved {args.save} ({time.time() - start:.0f} s)", file=sys.stderr)


def measure(args) -> None:
    reader = Reader.load(model_folder(), args.load)
    torch = reader.torch
    k = args.k

    def signal(question: str, hits, index):
        with torch.no_grad():
            got = reader.numbers(question, [h.row for h in hits[:k]], index).numpy() * TAU
        return np.concatenate([got, np.full(len(hits) - len(got), -10.0)])

    rerank_sets(signal, [float(w) for w in args.grid.split(",")], args.sets.split(","), f"k={k}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("train")
    t.add_argument("folders", nargs="+", type=Path)
    t.add_argument("--save", type=Path, required=True)
    t.add_argument("--k", type=int, default=8)
    t.add_argument("--epochs", type=int, default=2)
    t.add_argument("--lr", type=float, default=3e-5)
    t.add_argument("--langs", default="vi,en")
    t.add_argument("--context", action="store_true")
    t.add_argument("--residual", action="store_true", help="learn a correction to the product's score")
    m = sub.add_parser("measure")
    m.add_argument("load", type=Path)
    m.add_argument("--k", type=int, default=5)
    m.add_argument("--grid", default="0,0.25,0.5,1,2")
    m.add_argument("--sets", default="xquad,news_heldout4,news_heldout5,encyclopedic,news 3 sets")
    args = ap.parse_args()
    train(args) if args.cmd == "train" else measure(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
