"""English questions with a lexical signal: BM25 of their words translated by the glossary (retrieval/glossary.py).

    python eval/experiments/english_glossary.py [--sets xquad,news_synth,...] [--grid 0,0.02,0.05,0.1]
        [--glossary DIR_OR_TSV] [--oracle] [--show N]

The top 30 of each answerable English question, ranked as shipped but without the glossary, are re-ranked by
`score + w * BM25 / best BM25`, where BM25 scores the glossary's renderings of the question's words
(`Glossary.read`): "accented" as the product does, "folded" on the accent-free twin. `--oracle` (XQuAD-vi only)
scores the paired Vietnamese question instead: what a perfect translation would give. Hit@1 / Hit@5 per set and
weight; w = 0 is the product without the glossary.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lab_eval import ROOT, gold_rows, setup  # noqa: E402
from retrieval import search  # noqa: E402
from retrieval.glossary import FOLDER, Glossary  # noqa: E402
from retrieval.lexical import features  # noqa: E402
from retrieval.textnorm import folded_tokens, normalize  # noqa: E402

_NEWS = ["news_review", "news_heldout", "news_heldout3"] + [f"news_heldout{i}" for i in range(4, 20)]
SETS = {"xquad": ("build/xquad_vi/gold.jsonl", "build/xquad_vi/corpus"),
        "seed_gold": ("eval/seed_gold.jsonl", "seeds"), "seed_review": ("eval/seed_review.jsonl", "seeds"),
        **{n: (f"eval/{n}/gold.jsonl", f"eval/{n}/corpus") for n in
           ["encyclopedic_heldout", "wiki_synth", "wiki_synth2", "news_synth", "news_synth2", "news_synth3",
            "reader_review", "user_review"] + _NEWS}}


def load_glossary(path: Path) -> Glossary:
    files = sorted(path.glob("*.tsv")) if path.is_dir() else [path]
    return Glossary.parse(line for f in files for line in f.read_text(encoding="utf-8").splitlines())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="xquad,encyclopedic_heldout,wiki_synth2,news_synth,news_synth2,news_synth3,"
                                      + ",".join(_NEWS))
    ap.add_argument("--grid", default="0,0.02,0.05,0.1")
    ap.add_argument("--glossary", type=Path, default=FOLDER)
    ap.add_argument("--oracle", action="store_true")
    ap.add_argument("--show", type=int, default=0, help="print this many questions' readings per set")
    args = ap.parse_args()
    grid = [float(x) for x in args.grid.split(",")]
    gloss = load_glossary(args.glossary)
    search.glossary = lambda: Glossary({})  # the product without it: w = 0 is the baseline
    print(f"glossary: {len(gloss.entries)} entries", file=sys.stderr)
    totals: dict[tuple[str, float], list[int]] = {}
    for name in args.sets.split(","):
        gold, corpus = SETS[name]
        _, _, service, items = setup(ROOT / gold, ROOT / corpus)
        searcher = service.searcher
        paired = {it.id[:-3]: it.question for it in items if it.lang == "vi"}
        runs = []
        shown = 0
        for it, rows in gold_rows(service.index, items):
            if it.lang != "en":
                continue
            hits = searcher.search(it.question, 30)
            if not hits:
                continue
            r = np.array([h.row for h in hits])
            sc = np.array([h.score for h in hits])
            lex = {}
            if args.oracle:
                s = searcher.lexical.scores(normalize(paired[it.id[:-3]]), folded=False)
                lex["oracle"] = s.of(r) / s.best() if s.best() > 0 else np.zeros(len(r))
            else:
                phrases = gloss.read(it.question)
                if shown < args.show:
                    print(f"  {it.question}\n    -> {phrases}")
                    shown += 1
                for variant, got in (("accented", searcher.lexical.phrase_scores(phrases)),
                                     ("folded", searcher.lexical.folded.scores(
                                         [t for p in phrases for t in features(folded_tokens(p))]))):
                    lex[variant] = got.of(r) / got.best() if got.best() > 0 else np.zeros(len(r))
            runs.append((set(rows), r, sc, lex))
        for variant in runs[0][3] if runs else ():
            cells = []
            for w in grid:
                firsts = [r[np.argsort(-(sc + w * lx[variant]), kind="stable")][:5] for _, r, sc, lx in runs]
                h1 = sum(f[0] in g for f, (g, *_) in zip(firsts, runs))
                h5 = sum(any(x in g for x in f) for f, (g, *_) in zip(firsts, runs))
                t = totals.setdefault((variant, w), [0, 0, 0])
                t[0] += h1
                t[1] += h5
                t[2] += len(runs)
                cells.append(f"{w:g}: {h1 / len(runs):.3f}/{h5 / len(runs):.3f}")
            print(f"{name:20s} {variant:7s} n={len(runs):4d}  " + "  ".join(cells), flush=True)
    for (variant, w), (h1, h5, n) in sorted(totals.items()):
        print(f"ALL {variant:7s} w={w:g}: Hit@1 {h1}/{n} = {h1 / n:.3f}  Hit@5 {h5}/{n} = {h5 / n:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
