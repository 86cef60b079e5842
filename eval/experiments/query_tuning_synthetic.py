"""Question-side tuning on a training set written for it, measured on every evaluation set.

    python eval/experiments/query_tuning_synthetic.py eval/news_synth [--langs en] [--epochs 3] [--lr 5e-5]
    python eval/experiments/query_tuning_synthetic.py eval/news_synth --cv   # leave one helper's articles out
    python eval/experiments/query_tuning_synthetic.py eval/news_synth --frozen 8 --bitfit --lr 1e-3  # biases only
    python eval/experiments/query_tuning_synthetic.py eval/news_synth eval/news_synth2 --frozen 8 --bitfit \
        --lr 1e-3 --keep-mean 100 [--cv | --save T.npz]   # what shipped until 2026-12-05

`query_tuning.py` tuned the top layers of e5's question side on half of XQuAD-vi's articles and measured on the
other half (+1.3 to +1.9 points English Hit@1). Shipping that would make XQuAD-vi training data. Here the
training questions come from elsewhere: `eval/news_synth/` (`{"question", "lang", "answers", "sentence"}`, the
last the answering sentence verbatim), written by six helpers who saw none of the evaluation sets, and
`eval/news_synth2/` (three more), split back into one folder per helper (`h1_*.txt`, ids `h1-*`: ten articles
each) under /tmp/news_synth_split. Layers 9-11
of the question side are tuned on them (passages, layers 0-8 and so the token vectors stay as indexed), then
every other evaluation set is ranked by the product's `Searcher` with the tuned vectors for the tuned languages'
questions, against the shipped encoder (int8 ONNX) without its own tuning ("shipped") and the untuned fp32 model
the tuned vectors come from ("fp32").
`--cv` instead tunes on all helpers' questions but one's and ranks that one's over its own ten articles, each in
turn.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lab_eval import QueryVectors, gold_rows, hit_line, ranks, setup  # noqa: E402
from query_tuning import TopLayers  # noqa: E402
from title_bm25 import SETS  # noqa: E402

from embeddings.registry import default_model_dir  # noqa: E402
from retrieval.search import Searcher  # noqa: E402
from retrieval.textnorm import normalize  # noqa: E402


def squash(text: str) -> str:
    return " ".join(normalize(text).lower().split())


SPLIT = Path("/tmp/news_synth_split")


def split_by_helper(src: Path, out: Path = SPLIT) -> Path:
    """`src` (news_synth's layout) as one folder per helper, each with corpus/ and gold.jsonl."""
    for article in sorted((src / "corpus").glob("h*_*.txt")):
        helper = article.name.split("_", 1)[0]
        (out / helper / "corpus").mkdir(parents=True, exist_ok=True)
        (out / helper / "corpus" / article.name).write_bytes(article.read_bytes())
    lines: dict[str, list[str]] = {}
    for line in (src / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            lines.setdefault(json.loads(line)["id"].split("-", 1)[0], []).append(line)
    for helper, rows in lines.items():
        (out / helper / "gold.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return out


def answering_rows(texts: list[str], row: dict) -> list[int]:
    """The rows of `texts` (sentences, `squash`ed) that hold one of the gold `row`'s answers and are, or lie
    inside, the sentence its writer gave."""
    sentence, answers = squash(row.get("sentence", "")), [squash(a) for a in row["answers"]]
    return [r for r, t in enumerate(texts) if any(a in t for a in answers) and (t in sentence or sentence in t)]


def training_pairs(folder: Path) -> tuple[list[str], list[str], list[list[int]], np.ndarray]:
    """(questions, langs, answering rows, passage vectors) of one training folder, through the product's index."""
    _, _, service, _ = setup(folder / "gold.jsonl", folder / "corpus")
    index = service.index
    texts = [squash(s.text) for s in index.sentences]
    questions, langs, targets = [], [], []
    for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        rows = answering_rows(texts, row)
        if rows:
            questions.append(normalize(row["question"]))
            langs.append(row["lang"])
            targets.append(rows)
    return questions, langs, targets, np.asarray(index.vectors, np.float32)


def joined(pairs: list[tuple], langs: set[str]) -> tuple[list[str], list[list[int]], np.ndarray]:
    """`training_pairs` of several folders as one training set: the `langs` questions, their answering rows
    renumbered into the folders' sentences stacked in order, and those sentences' vectors."""
    questions, targets, blocks, base = [], [], [], 0
    for q, lg, t, vecs in pairs:
        keep = [i for i, x in enumerate(lg) if x in langs]
        questions += [q[i] for i in keep]
        targets += [[r + base for r in t[i]] for i in keep]
        blocks.append(vecs)
        base += len(vecs)
    return questions, targets, np.concatenate(blocks)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("train", type=Path, nargs="+",
                    help="eval/news_synth (and more sets of its layout), or a folder of folders with corpus/ and "
                         "gold.jsonl")
    ap.add_argument("--langs", default="en", help="question languages trained and re-encoded (default en)")
    ap.add_argument("--frozen", type=int, default=9)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--sets", default="all", help="comma-separated evaluation sets (default all)")
    ap.add_argument("--bitfit", action="store_true", help="tune only biases and LayerNorm weights")
    ap.add_argument("--keep-mean", type=float, default=0.0,
                    help="weight of holding questions' component along the mean passage (keeps cosine thresholds)")
    ap.add_argument("--save", type=Path, help="write the tuned parameters' changes (tuned - base) here (.npz)")
    ap.add_argument("--cv", action="store_true",
                    help="leave one training folder out at a time: train on the others, rank the held-out one's "
                         "questions over its own articles")
    args = ap.parse_args()
    if all((t / "corpus").is_dir() for t in args.train):  # news_synth's layout: one folder per helper
        shutil.rmtree(SPLIT, ignore_errors=True)  # only the sets named this time
        for t in args.train:
            split_by_helper(t, SPLIT)
        args.train = SPLIT
    elif len(args.train) == 1:
        args.train = args.train[0]
    else:
        ap.error("several training sets must each have news_synth's layout (corpus/ and gold.jsonl)")
    return cross_validate(args) if args.cv else train_and_measure(args)


def cross_validate(args: argparse.Namespace) -> int:
    """Each training folder in turn is a small news index of its own: tuned on the other folders only."""
    import torch

    langs = set(args.langs.split(","))
    folders = sorted(p for p in args.train.iterdir() if (p / "gold.jsonl").is_file())
    pairs = {f: training_pairs(f) for f in folders}
    settings, *_ = setup(folders[0] / "gold.jsonl", folders[0] / "corpus")
    lab = TopLayers(default_model_dir(settings.cache_dir), args.frozen, args.bitfit)
    results: dict[tuple[str, str], list] = {}
    for held in folders:
        questions, targets, vecs = joined([pairs[f] for f in folders if f != held], langs)
        passages = torch.tensor(vecs)
        tuned = lab.train(questions, targets, passages, torch.ones(len(passages), dtype=torch.bool), args.epochs,
                          args.lr, args.keep_mean)
        _, enc, service, items = setup(held / "gold.jsonl", held / "corpus")
        enc.question_tuning = False  # the baseline: the shipped encoder without its tuning
        data = gold_rows(service.index, items)
        texts = [normalize(it.question) for it, _ in data if it.lang in langs]
        table = dict(zip(texts, lab.encode(tuned, texts)))
        for tag, encoder in (("shipped", enc), ("tuned", QueryVectors(enc, table.get))):
            for r, (it, _) in zip(ranks(Searcher(service.index, encoder), data), data):
                results.setdefault((it.lang, tag), []).append(r)
        print(f"{held.name}: trained on {len(questions)} questions of the other folders", file=sys.stderr)
    print(f"leave-one-folder-out, tuned langs={args.langs} frozen<{args.frozen} epochs={args.epochs} lr={args.lr}"
          + (" bitfit" if args.bitfit else "") + (f" keep-mean {args.keep_mean:g}" if args.keep_mean else ""))
    for (lang, tag), rs in sorted(results.items()):
        print(hit_line(f"  {lang} {tag}", rs))
    for lang in sorted({lang for lang, _ in results}):
        pairs_ = list(zip(results[(lang, "shipped")], results[(lang, "tuned")]))
        won = sum(1 for a, b in pairs_ if a != 0 and b == 0)
        lost = sum(1 for a, b in pairs_ if a == 0 and b != 0)
        print(f"  {lang}: rank-1 won {won}, lost {lost}")
    return 0


def save_changes(base, tuned, path: Path) -> None:
    """The parameters training changed, as `tuned - base` per BertModel parameter name."""
    before = dict(base.named_parameters())
    changes = {name: (p.detach() - before[name].detach()).numpy() for name, p in tuned.named_parameters()
               if p.requires_grad}
    np.savez(path, **changes)
    print(f"saved {len(changes)} tensors, {sum(v.size for v in changes.values())} numbers, to {path}",
          file=sys.stderr)


def train_and_measure(args: argparse.Namespace) -> int:
    import torch

    langs = set(args.langs.split(","))
    pairs = []
    for folder in sorted(p for p in args.train.iterdir() if (p / "gold.jsonl").is_file()):
        pairs.append(training_pairs(folder))
        print(f"{folder.name}: {sum(x in langs for x in pairs[-1][1])} training questions over "
              f"{len(pairs[-1][3])} sentences", file=sys.stderr)
    questions, targets, vecs = joined(pairs, langs)
    passages = torch.tensor(vecs)
    allowed = torch.ones(len(passages), dtype=torch.bool)  # every training sentence is a negative
    settings, *_ = setup(SETS[0][1], SETS[0][2])
    lab = TopLayers(default_model_dir(settings.cache_dir), args.frozen, args.bitfit)
    started = time.time()
    tuned = lab.train(questions, targets, passages, allowed, args.epochs, args.lr, args.keep_mean)
    print(f"trained on {len(questions)} questions in {time.time() - started:.0f} s", file=sys.stderr)
    if args.save:
        save_changes(lab.base, tuned, args.save)
    wanted = set(args.sets.split(",")) if args.sets != "all" else {name for name, *_ in SETS}
    print(f"tuned langs={args.langs} frozen<{args.frozen} epochs={args.epochs} lr={args.lr}"
          + (" bitfit" if args.bitfit else "") + (f" keep-mean {args.keep_mean:g}" if args.keep_mean else "")
          + f", {len(questions)} training questions")
    for name, gold, corpus in SETS:
        if name not in wanted:
            continue
        _, enc, service, items = setup(gold, corpus)
        enc.question_tuning = False  # the baseline: the shipped encoder without its tuning
        data = gold_rows(service.index, items)
        texts = [normalize(it.question) for it, _ in data if it.lang in langs]
        variants = {"shipped": enc}
        for tag, model in (("fp32", lab.base), ("tuned", tuned)):
            table = dict(zip(texts, lab.encode(model, texts)))
            variants[tag] = QueryVectors(enc, table.get)
        for tag, encoder in variants.items():
            searcher = Searcher(service.index, encoder)
            rs = ranks(searcher, data)
            for lang in sorted({it.lang for it, _ in data}):
                print(hit_line(f"  {name} {lang} {tag}", [r for r, (it, _) in zip(rs, data) if it.lang == lang]))
            # What thresholds read: the best hit's own cosine (retrieval.answer.MIN_SCORE), for the tuned languages.
            tops = [searcher.search(it.question, 1)[0].dense for it, _ in data if it.lang in langs]
            print(f"  {name} {tag}: top-1 cosine, tuned languages, 10th/50th/90th percentile "
                  + " / ".join(f"{v:.3f}" for v in np.quantile(tops, [0.1, 0.5, 0.9])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
