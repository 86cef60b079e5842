"""Three absences tried as reasons to decline, measured on the gold sets' right answers (twenty-first session):
how many answerable questions' gold sentences would each have refused. None shipped (eval/experiments/README.md,
"Another place, another period").

    python eval/experiments/absence_checks.py counted   # "bao nhiêu <noun>": the noun nowhere in the sentence
    python eval/experiments/absence_checks.py bigrams   # a question's word pair written in another article only
    python eval/experiments/absence_checks.py names     # a name-asking question, no capitalised word in the sentence

Run from the repository's root; prints each refused question, then "checked refused". news_heldout12 is left out
(held out)."""
from __future__ import annotations

import glob
import json
import os
import re
import sys
from collections.abc import Iterator

sys.path.insert(0, os.getcwd())

from retrieval.asks import question_type  # noqa: E402
from retrieval.language import has_diacritics  # noqa: E402
from retrieval.measures import _VI_COUNTED, asked_measure  # noqa: E402
from retrieval.span_shapes import STOP_WORDS  # noqa: E402
from retrieval.textnorm import fold  # noqa: E402

_ASKING = set("bao nhieu gi nao ai dau sao the nao khi may la co khong".split())


def _golds() -> Iterator[tuple[str, dict]]:
    files = sorted(glob.glob("eval/*/gold.jsonl")) + ["eval/seed_gold.jsonl", "eval/seed_review.jsonl"]
    for f in files:
        if "heldout12" in f:
            continue
        for line in open(f, encoding="utf-8"):
            if line.strip() and not line.startswith("#"):
                item = json.loads(line)
                if item["answers"] and item.get("sentence"):
                    yield f, item


def counted() -> tuple[int, int]:
    checked = refused = 0
    for f, it in _golds():
        q = it["question"]
        if asked_measure(q) != "count":
            continue
        m = _VI_COUNTED.search(q if has_diacritics(q) else fold(q))
        if not m:
            continue
        rest = re.findall(r"\w+", fold(q)[fold(q).find(fold(m.group(0))):])
        noun = (rest[2:] if rest[0] == "bao" else rest[1:])[0]
        checked += 1
        if not re.search(rf"\b{re.escape(noun)}\b", fold(it["sentence"])):
            refused += 1
            print(f, "|", q, "| noun", noun, "|", it["sentence"][:120])
    return checked, refused


def _pairs(text: str) -> set[str]:
    s = re.findall(r"[a-z0-9]+", fold(text))
    return {f"{a} {b}" for a, b in zip(s, s[1:]) if not ({a, b} & (STOP_WORDS | _ASKING)) and not (a + b).isdigit()
            and not a.isdigit() and not b.isdigit()}


def bigrams() -> tuple[int, int]:
    checked = refused = 0
    for d in sorted(glob.glob("eval/*/")):
        if "heldout12" in d or not os.path.isdir(d + "corpus") or not os.path.exists(d + "gold.jsonl"):
            continue
        texts = {f: open(f, encoding="utf-8").read() for f in glob.glob(d + "corpus/*.txt")}
        pairs = {f: _pairs(t) for f, t in texts.items()}
        for line in open(d + "gold.jsonl", encoding="utf-8"):
            if not line.strip() or line.startswith("#"):
                continue
            it = json.loads(line)
            if not it["answers"] or it["lang"] != "vi" or not it.get("sentence"):
                continue
            home = [f for f, t in texts.items() if it["sentence"] in t]
            if len(home) != 1:
                continue
            checked += 1
            elsewhere = [p for p in _pairs(it["question"])
                         if p not in pairs[home[0]] and any(p in pairs[f] for f in texts if f != home[0])]
            if elsewhere:
                refused += 1
                print(d, "|", it["question"], elsewhere)
    return checked, refused


def names() -> tuple[int, int]:
    checked = refused = 0
    for f, it in _golds():
        if question_type(it["question"]) != "name":
            continue
        asked = set(fold(it["question"]).split())
        words = re.findall(r"[^\W\d_][\w.-]*", it["sentence"])[1:]
        checked += 1
        if not any(w[0].isupper() and fold(w) not in asked for w in words):
            refused += 1
            print(f, "|", it["question"], "|", it["answers"][0], "|", it["sentence"][:120])
    return checked, refused


if __name__ == "__main__":
    run = {"counted": counted, "bigrams": bigrams, "names": names}[sys.argv[1]]
    print("checked %d refused %d" % run())
