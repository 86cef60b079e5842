"""Where the bolded answer span changes between a commit's `retrieval/spans.py` and the working tree's.

    python eval/experiments/bold_diff.py REV GOLD CORPUS
    python eval/experiments/bold_diff.py 34a0f02 build/xquad_vi/gold.jsonl build/xquad_vi/corpus

For every answerable question, the first sentence of CORPUS that answers it (by `tinbot eval`'s rule) is bolded
by both versions of `answer_span`; each difference is printed with the gold answer, so a change to the span
rules is read question by question, not only as the `bold` column's share.
Only `retrieval/spans.py` is taken from REV; the modules it imports (`span_plan`, `span_parts`, `span_shapes`,
split from it) are the working tree's, so a change to them is not compared.
"""
from __future__ import annotations

import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from retrieval import spans as current  # noqa: E402
from retrieval.articles import find_article_files, read_article  # noqa: E402
from retrieval.evaluate import is_correct, parse_gold  # noqa: E402


def spans_at(rev: str):
    source = subprocess.run(["git", "show", f"{rev}:retrieval/spans.py"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout
    path = Path(tempfile.mkdtemp()) / "spans_then.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("spans_then", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["spans_then"] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def main() -> int:
    rev, gold, corpus = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    then = spans_at(rev)
    items = parse_gold(gold.read_text(encoding="utf-8").splitlines(), str(gold))
    sentences = [s.text for f, _ in find_article_files([corpus]) for s in read_article(f).sentences]
    changed = 0
    for it in items:
        text = next((s for s in sentences if it.answerable and is_correct(s, it)), None)
        if text is None:
            continue
        a, b = then.answer_span(it.question, text), current.answer_span(it.question, text)
        if a != b:
            changed += 1
            print(f"{it.lang} | {it.question} | gold {it.answers[0]!r} | was {text[a[0]:a[1]] if a else None!r} "
                  f"| now {text[b[0]:b[1]] if b else None!r}")
    print(f"{changed} of {sum(it.answerable for it in items)} answerable questions bold differently")
    return 0


if __name__ == "__main__":
    sys.exit(main())
