"""A year the question asks, and a sentence that writes none, read by its article's date: tried, not kept (twenty-
second session; eval/experiments/README.md). A sentence writing no year nor "năm ngoái" / "cùng kỳ" would tell of its
article's year (or the year before, in an article of January to March), and a question about another year would be
declined. Prints the gold sentences it would refuse, then the answered questions it would decline in a run:

    JSON=1 bash eval/all_sets.sh DIR
    python eval/experiments/year_by_date.py DIR      # from the repository's root
"""
from __future__ import annotations

import glob
import json
import os
import re
import sys

sys.path.insert(0, os.getcwd())

from retrieval.periods import _years  # noqa: E402

_RELATIVE = re.compile(r"\b(?:năm ngoái|năm trước|năm qua|năm sau|năm tới|năm nay|cùng kỳ|last year|next year)\b|"
                       r"(?:19|20)\d{2}", re.IGNORECASE)


def _dated(path: str) -> tuple[int, int] | None:
    m = re.match(r"date (\d{4})-(\d{2})", open(path, encoding="utf-8").readline())
    return (int(m.group(1)), int(m.group(2))) if m else None


def refuses(question: str, sentence: str, date: tuple[int, int] | None) -> bool:
    asked = _years(question, question=True)
    if date is None or len(asked) != 1 or _RELATIVE.search(sentence):
        return False
    year, (published, month) = int(next(iter(asked))), date
    return year not in ({published} | ({published - 1} if month <= 3 else set()))


def _corpus(folder: str) -> list[tuple[tuple[int, int] | None, str]]:
    return [(_dated(p), open(p, encoding="utf-8").read()) for p in glob.glob(folder + "/**/*.txt", recursive=True)]


def _date_of(corpus: list[tuple[tuple[int, int] | None, str]], sentence: str) -> tuple[int, int] | None:
    return next((date for date, text in corpus if sentence[:60] in text), None)


def _gold(path: str) -> dict[str, dict]:
    items = (json.loads(line) for line in open(path, encoding="utf-8") if line.strip() and not line.startswith("#"))
    return {item["id"]: item for item in items}


def main(run_dir: str) -> None:
    checked = refused = 0
    for path in sorted(glob.glob("eval/*/gold.jsonl")):
        if "heldout13" in path:
            continue
        corpus = _corpus(os.path.dirname(path) + "/corpus")
        for item in _gold(path).values():
            if not (item["answers"] and item.get("sentence")):
                continue
            date = _date_of(corpus, item["sentence"])
            checked += bool(date and _years(item["question"], question=True))
            if refuses(item["question"], item["sentence"], date):
                refused += 1
                print("refused:", path.split("/")[-2], "|", item["question"], date, "|", item["sentence"][:100])
    print(f"gold sentences of questions naming a year, in dated articles: {checked}; refused: {refused}")
    counts = {"unanswerable declined": 0, "wrong answer declined": 0, "right answer declined": 0}
    for f in sorted(glob.glob(os.path.join(run_dir, "*.json"))):
        report = json.load(open(f, encoding="utf-8"))
        folder = os.path.dirname(report["gold"]) + "/corpus"
        if not os.path.isdir(folder):
            continue
        corpus, gold = _corpus(folder), _gold(report["gold"])
        for q in report["runs"]["hybrid"]["questions"]:
            if q["answered"] and q.get("top_text") and refuses(gold[q["id"]]["question"], q["top_text"],
                                                                 _date_of(corpus, q["top_text"])):
                kind = ("unanswerable" if not q["answerable"] else "right answer" if q["rank"] == 1
                        else "wrong answer") + " declined"
                counts[kind] += 1
                print(kind + ":", gold[q["id"]]["question"], "|", q["top_text"][:90])
    print(", ".join(f"{k}: {v}" for k, v in counts.items()))


if __name__ == "__main__":
    main(sys.argv[1])
