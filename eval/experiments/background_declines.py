"""Declining by comparison with a background corpus: is the best sentence of the index a better answer than the
best sentence of unrelated text?

    python eval/experiments/background_declines.py BACKGROUND_DIR [--offtopic NAME=FILE ...] [--null30] [--json OUT]

The product declines an English question whose top hit scores below a floor measured once per index with 40
everyday questions (retrieval/offtopic.py). That floor is one number per index: on the seed it lets through every
off-topic question that happens to land near the article's commonest sentences. Here each question is also asked
of BACKGROUND_DIR (articles about everyday life and the world, none about the corpus) with the same scoring, and
the rule "answer only when the index's top fused score beats the background's by DELTA" (DELTA < 0: may fall
short of it by at most -DELTA) is added to the decision the product made before it (`floor and names`:
thresholds, English off-topic floor, names), as `+bg DELTA` (shipped: DELTA = BACKGROUND_MARGIN, -0.02), or
replaces the floor (`bg DELTA, no floor`), or the floor is capped at C with the shipped margin kept (`floor <= C`;
it only gives back answers the floor declined). Per corpus, per question language:
- right kept: answered right at rank 1, of the questions right at rank 1;
- LOAO declined: the question asked with its own article removed from the hits (nothing left answers it);
- off-topic declined: each `--offtopic` file's questions (one per line);
- unans declined: the gold set's own unanswerable questions.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lab_eval import ROOT, setup  # noqa: E402

import retrieval.search as search  # noqa: E402
from retrieval.answer import answer_lang, make_answer  # noqa: E402
from retrieval.evaluate import is_correct  # noqa: E402

SETS = {
    "seed": [("eval/seed_gold.jsonl", "seeds"), ("eval/seed_review.jsonl", "seeds")],
    "xquad": [("build/xquad_vi/gold.jsonl", "build/xquad_vi/corpus")],
    "news 3 sets": [(f"eval/{n}/gold.jsonl", f"eval/{n}/corpus") for n in ("news_review", "news_heldout",
                                                                          "news_heldout3")],
    "news_heldout4": [("eval/news_heldout4/gold.jsonl", "eval/news_heldout4/corpus")],
    "news_heldout5": [("eval/news_heldout5/gold.jsonl", "eval/news_heldout5/corpus")],
    "encyclopedic": [("eval/encyclopedic_heldout/gold.jsonl", "eval/encyclopedic_heldout/corpus")],
    "news_synth": [("eval/news_synth/gold.jsonl", "eval/news_synth/corpus")],
    "wiki_synth": [("eval/wiki_synth/gold.jsonl", "eval/wiki_synth/corpus")],
    "wiki_synth2": [("eval/wiki_synth2/gold.jsonl", "eval/wiki_synth2/corpus")],
}
DELTAS = (-0.06, -0.04, -0.03, -0.02, -0.01, 0.0, 0.02)
CAPS = (0.98, 1.0, 1.02, 1.04)


def fused(h) -> float:
    return h.fused


def decide(searcher, question: str, hits: list, floor: bool) -> bool:
    """The product's answered / declined before the background (retrieval/answer.py: answer_with without it),
    with or without the English floor."""
    english = answer_lang(question) == "en"
    names = searcher.english_names(question) if english else []
    answer = make_answer(question, hits, searcher.index, top_k=3,
                         unknown=searcher.unknown_terms(question, names),
                         floor=searcher.english_floor if english and floor else None,
                         names_in=(lambda row: searcher.names_mentioned(names, row)) if names else None)
    return answer.answered


def probe(gold: Path, corpus: Path, background, offtopic: dict[str, list[str]], xquad: bool) -> list[dict]:
    """One record per question asked: kind (right, wrong, loao, unans, off:NAME), lang, the product's decision
    with and without the floor, the top fused score on the index and on the background."""
    _, enc, service, items = setup(gold, corpus)
    index = service.index
    searcher = search.Searcher(index, enc)
    searcher.warm_up()
    searcher.background = background  # the product's own comparison (`Searcher.background_best`)
    out = []

    def record(kind: str, question: str, hits: list) -> None:
        if not hits:
            return
        b = searcher.background_best(question)
        out.append({"kind": kind, "lang": answer_lang(question), "question": question,
                    "product": decide(searcher, question, hits, True),
                    "no_floor": decide(searcher, question, hits, False),
                    "fused": fused(hits[0]), "dense": hits[0].dense, "bg": b if b is not None else -1.0})

    for kind, question, hits in asks(searcher, items, offtopic, xquad):
        record(kind, question, hits)
    return out


def asks(searcher, items, offtopic: dict[str, list[str]], xquad: bool) -> Iterator[tuple[str, str, list]]:
    """(kind, question, hits) for each way a decline experiment asks: every `offtopic` question ("off:NAME"), each
    gold question as is ("right" or "wrong" at rank 1; "unans" for its own unanswerable ones) and, answerable,
    once more with its own article's hits removed ("loao"; on XQuAD-vi every paragraph of its article)."""
    index = searcher.index
    topic = [index.articles[s.article_id].title.rsplit(" p", 1)[0] if xquad else s.article_id
             for s in index.sentences]
    for name, questions in offtopic.items():
        for q in questions:
            yield f"off:{name}", q, searcher.search(q, 8)
    for it in items:
        hits = searcher.search(it.question, 200)
        if not it.answerable:
            yield "unans", it.question, hits
            continue
        rows = [r for r, s in enumerate(index.sentences) if is_correct(s.text, it)]
        if not rows:
            continue
        yield ("right" if hits[0].row in rows else "wrong"), it.question, hits
        own = topic[rows[0]]
        others = [h for h in hits if topic[h.row] != own]
        if others:
            yield "loao", it.question, others


def rules() -> dict[str, object]:
    out = {"floor and names": lambda r: r["product"]}
    for d in DELTAS:
        out[f"+bg {d:+.2f}"] = lambda r, d=d: r["product"] and r["fused"] - r["bg"] > d
    for d in DELTAS:
        out[f"bg {d:+.2f}, no floor"] = lambda r, d=d: r["no_floor"] and r["fused"] - r["bg"] > d
    for c in CAPS:  # the floor no higher than c, with the shipped background margin
        out[f"floor <= {c:.2f}, +bg -0.02"] = lambda r, c=c: (r["no_floor"] and (r["product"] or r["fused"] > c)
                                                               and r["fused"] - r["bg"] > -0.02)
    return out


def table(data: dict[str, list[dict]], langs: tuple[str, ...]) -> None:
    kinds = sorted({r["kind"] for recs in data.values() for r in recs if r["kind"].startswith("off:")})
    head = " | ".join(["right kept", "LOAO declined", "unans declined"] + [f"{k} declined" for k in kinds])
    for lang in langs:
        print(f"\n{lang} questions: {head}")
        for name, recs in data.items():
            mine = [r for r in recs if r["lang"] == lang or (lang == "vi" and r["lang"] != "en")]
            if not mine:
                continue
            for label, rule in rules().items():
                cells = []
                for kind in ["right", "loao", "unans"] + kinds:
                    rs = [r for r in mine if r["kind"] == kind]
                    n = sum(rule(r) for r in rs)  # answered
                    cells.append(f"{n:4d} / {len(rs):<4d}" if kind == "right" else
                                 f"{(len(rs) - n) / len(rs):.3f} of {len(rs):<4d}" if rs else "-")
                print(f"{name:14s} {label:24s} | " + " | ".join(cells))


def summary(data: dict[str, list[dict]], lang: str) -> None:
    """Per rule, over every set: right answers lost, off-topic questions declined (every --offtopic file but
    `train`), LOAO declined."""
    print(f"\n{lang} questions, all sets together:")
    for label, rule in rules().items():
        mine = [r for recs in data.values() for r in recs if (r["lang"] == "en") == (lang == "en")]
        right = [r for r in mine if r["kind"] == "right" and r["product"]]
        off = [r for r in mine if r["kind"].startswith("off:") and r["kind"] != "off:train"]
        loao = [r for r in mine if r["kind"] == "loao"]
        lost = sum(not rule(r) for r in right)
        declined = (f"{sum(not rule(r) for r in off) / len(off):.3f} of {len(off)}" if off else "-")
        print(f"{label:24s} right lost {lost:3d} of {len(right)}; off-topic declined {declined}; "
              f"LOAO declined {sum(not rule(r) for r in loao) / max(len(loao), 1):.3f} of {len(loao)}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("background", type=Path)
    ap.add_argument("--offtopic", action="append", default=[], metavar="NAME=FILE")
    ap.add_argument("--null30", action="store_true", help="also ask english_null.py's 30 held-out questions")
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--json", type=Path, help="write the records here")
    ap.add_argument("--load", type=Path, help="read records written by --json instead of probing")
    args = ap.parse_args()
    if args.load:
        data = json.loads(args.load.read_text(encoding="utf-8"))
    else:
        offtopic = {}
        for spec in args.offtopic:
            name, _, path = spec.partition("=")
            offtopic[name] = [q.strip() for q in Path(path).read_text(encoding="utf-8").splitlines() if q.strip()]
        if args.null30:
            from english_null import HELD_OUT

            offtopic["null30"] = list(HELD_OUT)
        _, enc, bg_service, _ = setup(ROOT / "eval" / "seed_gold.jsonl", args.background)
        background = search.Searcher(bg_service.index, enc)
        search.CANDIDATES = 200  # enough left once an article's sentences are removed
        data, seen = {}, set()
        for name in args.sets.split(","):
            data[name] = []
            for gold, corpus in SETS[name]:  # off-topic questions once per corpus
                asked = {} if corpus in seen else offtopic
                seen.add(corpus)
                data[name] += probe(ROOT / gold, ROOT / corpus, background, asked, name == "xquad")
        if args.json:
            args.json.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    table(data, ("en", "vi"))
    for lang in ("en", "vi"):
        summary(data, lang)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
