"""The news gold sets' Vietnamese questions typed as readers type them: without accents, and in lower case.

    python eval/experiments/unaccented_twins.py restore [--weights 0,0.3,0.5,1] [--xquad]
    python eval/experiments/unaccented_twins.py restore --typed eval/unaccented_meant.tsv
    python eval/experiments/unaccented_twins.py run OUT [--form folded|unaccented|lowered] [--tinbot PATH] [--xquad]
    python eval/experiments/unaccented_twins.py summary OUT [OUT ...]

`restore`: each accented Vietnamese question of the news sets is stripped of its accents and put back by the
restorer of its own corpus (`retrieval/diacritics.py`, the corpus's counts plus general Vietnamese at each
GENERAL_WEIGHT), then compared word by word with what was typed (case ignored). Prints the share of words and of
whole questions restored exactly, and the commonest confusions (with --xquad, XQuAD-vi's Vietnamese questions
against its corpus; with --typed, the gold sets' own unaccented questions against how a helper read them, which
may hold chat shorthand and casual wording). No answer is looked at.

`run`: writes, per news set, a gold file holding each accented Vietnamese question and its twin (`folded`: no
accents, lower case, as readers type; `unaccented`: no accents, capitals kept; `lowered`: accents kept, lower
case), and runs `tinbot eval --json` on it into OUT (about 3 minutes once the indexes are cached). `summary`:
Hit@1, Hit@5 and the share answered right at rank 1 of the answerable questions, per language, for each OUT (any
folder of `tinbot eval --json` runs, `JSON=1 bash eval/all_sets.sh`'s too).
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import retrieval.diacritics as diacritics  # noqa: E402
from retrieval.textnorm import fold, normalize, unaccent  # noqa: E402

SETS = [f"news_heldout{i}" for i in ("", 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19)] + [
    "news_review", "news_synth", "news_synth2"]
FORMS = {"folded": fold, "unaccented": unaccent, "lowered": str.lower}
_WORDS = re.compile(r"[^\W\d_]+")


def _folder(name: str) -> Path:
    return ROOT / "build" / "xquad_vi" if name == "xquad" else ROOT / "eval" / name


def _questions(name: str) -> list[dict]:
    lines = (_folder(name) / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    return [q for q in (json.loads(x) for x in lines if x.strip() and not x.startswith("#")) if q["lang"] == "vi"]


def _corpus_lines(name: str) -> list[str]:
    return [line for p in sorted((_folder(name) / "corpus").glob("*.txt"))
            for line in p.read_text(encoding="utf-8").splitlines()]


def restore(weights: list[float], sets: list[str]) -> None:
    for weight in weights:
        diacritics.GENERAL_WEIGHT = weight
        words = right = questions = whole = 0
        confused: Counter[tuple[str, str]] = Counter()
        for name in sets:
            restorer = diacritics.DiacriticRestorer.build(_corpus_lines(name))
            for q in _questions(name):
                typed = _WORDS.findall(normalize(q["question"]).lower())
                back = _WORDS.findall(restorer.restore(fold(q["question"])).lower())
                same = [a == b for a, b in zip(typed, back)] if len(typed) == len(back) else [False] * len(typed)
                confused.update((a, b) for a, b, ok in zip(typed, back, same) if not ok)
                words, right = words + len(typed), right + sum(same)
                questions, whole = questions + 1, whole + all(same)
        print(f"general weight {weight:g}: words {right / words:.3f} ({words - right} wrong of {words}), "
              f"questions {whole / questions:.3f} (of {questions})")
        print("   ", ", ".join(f"{a}->{b} {n}" for (a, b), n in confused.most_common(12)))


# The corpora each gold set is asked over (eval/all_sets.sh), where it is not its own folder's.
_CORPORA = {"seed_gold": ["seeds"], "seed_review": ["seeds"], "user_review": ["seeds", "eval/news_heldout5/corpus"],
            "followups": ["eval/news_heldout5/corpus", "eval/news_heldout6/corpus"],
            "switches": ["eval/news_heldout5/corpus", "eval/news_heldout6/corpus"]}


def typed(reference: Path) -> None:
    """The gold sets' own unaccented questions against how they were meant (`reference`: set, id, question with
    its accents, one a line, tab-separated), each restored by its corpora's restorer."""
    rows = [line.split("\t") for line in reference.read_text(encoding="utf-8").splitlines() if line.strip()]
    restorers: dict[str, diacritics.DiacriticRestorer] = {}
    words = right = whole = 0
    confused: Counter[tuple[str, str]] = Counter()
    for name, _, meant in rows:
        if name not in restorers:
            folders = [ROOT / c for c in _CORPORA.get(name, [f"eval/{name}/corpus"])]
            restorers[name] = diacritics.DiacriticRestorer.build(
                line for folder in folders for p in sorted(folder.glob("*.txt"))
                for line in p.read_text(encoding="utf-8").splitlines())
        want = _WORDS.findall(normalize(meant).lower())
        back = _WORDS.findall(restorers[name].restore(fold(meant)).lower())
        same = [a == b for a, b in zip(want, back)] if len(want) == len(back) else [False] * len(want)
        confused.update((a, b) for a, b, ok in zip(want, back, same) if not ok)
        words, right, whole = words + len(want), right + sum(same), whole + all(same)
    print(f"typed without accents: words {right / words:.3f} ({words - right} wrong of {words}), "
          f"questions {whole / len(rows):.3f} (of {len(rows)})")
    print("   ", ", ".join(f"{a}->{b} {n}" for (a, b), n in confused.most_common(12)))


def run(out: Path, form: str, tinbot: str, sets: list[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    twin = FORMS[form]
    for name in sets:
        gold = out / f"{name}.gold.jsonl"
        rows = []
        for q in _questions(name):
            rows += [q, dict(q, id=f"{q['id']}_twin", lang=f"vi-{form}", question=twin(q["question"]))]
        gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        with open(out / f"{name}.json", "w", encoding="utf-8") as fh:
            subprocess.run([tinbot, "eval", "--json", str(gold), "--corpus", str(_folder(name) / "corpus")],
                           stdout=fh, stderr=subprocess.DEVNULL, check=True, cwd=ROOT)


def summary(outs: list[Path]) -> None:
    for out in outs:
        counts: Counter[tuple[str, str]] = Counter()
        for f in sorted(out.glob("*.json")):
            for q in json.loads(f.read_text(encoding="utf-8"))["runs"]["hybrid"]["questions"]:
                if not q["answerable"]:
                    continue
                lang, rank = q["lang"], q["rank"]
                counts[lang, "n"] += 1
                counts[lang, "hit1"] += rank == 1
                counts[lang, "hit5"] += bool(rank) and rank <= 5
                counts[lang, "right"] += rank == 1 and q["answered"]
        for lang in sorted({k[0] for k in counts}):
            n = counts[lang, "n"]
            print(f"{out.name}: {lang:14} {n} questions, Hit@1 {counts[lang, 'hit1'] / n:.3f}, "
                  f"Hit@5 {counts[lang, 'hit5'] / n:.3f}, answered right {counts[lang, 'right'] / n:.3f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("restore")
    r.add_argument("--weights", default=str(getattr(diacritics, "GENERAL_WEIGHT", 0)))
    r.add_argument("--xquad", action="store_true", help="XQuAD-vi's questions instead (after eval-convert-xquad)")
    r.add_argument("--typed", type=Path, help="the gold sets' unaccented questions and how they were meant instead "
                   "(eval/unaccented_meant.tsv)")
    g = sub.add_parser("run")
    g.add_argument("out", type=Path)
    g.add_argument("--form", choices=sorted(FORMS), default="folded")
    g.add_argument("--tinbot", default=str(ROOT / ".venv" / "bin" / "tinbot"))
    g.add_argument("--xquad", action="store_true", help="XQuAD-vi's questions instead (after eval-convert-xquad)")
    s = sub.add_parser("summary")
    s.add_argument("outs", type=Path, nargs="+")
    args = ap.parse_args()
    if args.cmd == "restore" and args.typed:
        typed(args.typed)
    elif args.cmd == "restore":
        restore([float(w) for w in args.weights.split(",")], ["xquad"] if args.xquad else SETS)
    elif args.cmd == "run":
        run(args.out, args.form, args.tinbot, ["xquad"] if args.xquad else SETS)
    else:
        summary(args.outs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
