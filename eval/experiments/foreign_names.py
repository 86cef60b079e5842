"""Should a foreign name the question gives, written in the quote's article, waive the English off-topic floor?

    python eval/experiments/foreign_names.py [--sets xquad,wiki_synth,...]

On a general-knowledge index the English floor (retrieval/offtopic.py) declines many right answers (181 of 734 on
eval/wiki_synth2). "Names decide" (retrieval/names.py) already answers an English news question on the cosine
alone when the quote's article mentions every Vietnamese name it gives; foreign names are skipped there, because
they decline wrongly when the text translates them. Here a foreign name is used only to waive the floor, never to
decline: a run of capitalised words in the question (not its first word), none a common English word, each word
written as is somewhere in the top hit's article ("Bismarck", "Toyota", "Halley"). Rule "waive": the product's
decision, or, when the question gives such names and the article writes them all, the decision without the floor
(thresholds, names, background comparison kept). Per set, English questions: right kept (of those right at rank
1), questions asked without their own article declined (LOAO), off-topic questions declined (the held-out file,
`english_null.py`'s 30 and chatterbot-corpus trivia).
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from background_declines import SETS, asks, decide  # noqa: E402
from lab_eval import ROOT, setup  # noqa: E402

import retrieval.search as search  # noqa: E402
from retrieval.answer import BACKGROUND_MARGIN, answer_lang  # noqa: E402

_RUN = re.compile(r"(?<![.?!]\s)(?<!^)\b[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*")
_COMMON = frozenset("""What Which Who Whom Whose When Where Why How The A An In On At Of For From By To And Or But
Is Are Was Were Did Does Do Has Have Had Can Could Would Should Will After Before During Since Until Under Over
About Into January February March April May June July August September October November December Monday Tuesday
Wednesday Thursday Friday Saturday Sunday I""".split())


def foreign_names(question: str) -> list[str]:
    """Capitalised runs of the question that are not its first word, without common English words."""
    out = []
    for m in _RUN.finditer(question.strip()):
        words = [w for w in m.group().split() if w not in _COMMON and len(w) >= 3]
        if words:
            out.append(" ".join(words))
    return out


def article_writes(names: list[str], text: str) -> bool:
    return bool(names) and all(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text) for n in names for w in n.split())


def probe(gold: Path, corpus: Path, offtopic: dict[str, list[str]], xquad: bool) -> list[dict]:
    _, enc, service, items = setup(gold, corpus)
    index = service.index
    searcher = service.searcher
    searcher.warm_up()
    texts: dict[str, str] = {}
    for s in index.sentences:
        texts[s.article_id] = texts.get(s.article_id, index.articles[s.article_id].title) + " " + s.text
    out = []

    def record(kind: str, question: str, hits: list) -> None:
        if not hits or answer_lang(question) != "en":
            return
        b = searcher.background_best(question)
        beats = b is None or hits[0].maxsim <= 0.0 or hits[0].fused > b + BACKGROUND_MARGIN
        names = foreign_names(question)
        out.append({"kind": kind, "product": decide(searcher, question, hits, True) and beats,
                    "no_floor": decide(searcher, question, hits, False) and beats,
                    "names": bool(names),
                    "written": article_writes(names, texts[index.sentences[hits[0].row].article_id])})

    for kind, question, hits in asks(searcher, items, offtopic, xquad):
        if kind != "unans":
            record(kind, question, hits)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="xquad,news 3 sets,news_heldout4,news_heldout5,encyclopedic,news_synth,"
                                      "wiki_synth,wiki_synth2")
    args = ap.parse_args()
    from english_null import HELD_OUT

    offtopic = {"held": (ROOT / "eval/experiments/offtopic_heldout.txt").read_text(encoding="utf-8").splitlines(),
                "null30": list(HELD_OUT),
                "trivia": (ROOT / "eval/experiments/offtopic_chatterbot_trivia.txt").read_text(
                    encoding="utf-8").splitlines()}
    offtopic = {k: [q.strip() for q in v if q.strip()] for k, v in offtopic.items()}
    search.CANDIDATES = 200
    rules = {"shipped": lambda r: r["product"],
             "waive": lambda r: r["product"] or (r["no_floor"] and r["written"])}
    print("set            rule     | right kept | LOAO declined | off-topic declined | questions giving a foreign name")
    for name in args.sets.split(","):
        recs = []
        seen = set()
        for gold, corpus in SETS[name]:
            recs += probe(ROOT / gold, ROOT / corpus, {} if corpus in seen else offtopic, name == "xquad")
            seen.add(corpus)
        for label, rule in rules.items():
            right = [r for r in recs if r["kind"] == "right"]
            loao = [r for r in recs if r["kind"] == "loao"]
            off = [r for r in recs if r["kind"].startswith("off:")]
            print(f"{name:14s} {label:8s} | {sum(map(rule, right)):4d} of {len(right):<4d} | "
                  f"{1 - sum(map(rule, loao)) / max(len(loao), 1):.3f} of {len(loao):<4d} | "
                  f"{1 - sum(map(rule, off)) / max(len(off), 1):.3f} of {len(off):<4d} | "
                  f"right {sum(r['names'] for r in right)}, LOAO {sum(r['names'] for r in loao)}, "
                  f"off-topic {sum(r['names'] for r in off)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
