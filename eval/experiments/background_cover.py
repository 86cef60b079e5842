"""Would the background decline (retrieval/answer.py, "off_topic") better spare a Vietnamese question whose closest
sentence writes more of its words than the background's closest does? Two readers' questions were declined so
("Lãi suất vay mua nhà bình quân hiện nay là bao nhiêu?" beside "... lãi suất cho vay mua nhà bình quân nhích lên
9,5% một năm", the background's "Lãi suất vay thế chấp tăng khiến ... phải hoãn mua nhà").

For every Vietnamese question the background declines (every gold set of eval/all_sets.sh, and the off-topic
questions of offtopic_vi.txt and offtopic_fresh_vi.txt asked of five corpora), the waiver "the index's sentence
writes at least K two-word runs of the question the background's does not, and at least as many of its content
words" is counted: right answers it would keep, wrong ones it would give, unanswerable and off-topic questions it
would answer.

    python eval/experiments/background_cover.py          (from the repository's root; ~10 minutes)
"""
from __future__ import annotations

import collections
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lab_eval import ROOT, setup  # noqa: E402

from retrieval.answer import BACKGROUND_MARGIN, answer_lang  # noqa: E402
from retrieval.evaluate import is_correct  # noqa: E402
from retrieval.search import BACKGROUND_RESCORED, normalize, spelled_out, unshout  # noqa: E402
from retrieval.span_shapes import STOP_WORDS  # noqa: E402
from retrieval.textnorm import fold  # noqa: E402

QUESTION_WORDS = frozenset("bao nhieu gi nao ai sao the may hien nay la co khong".split())
OFFTOPIC = ("offtopic_vi.txt", "offtopic_fresh_vi.txt")
OFFTOPIC_CORPORA = ("seeds", "eval/news_heldout5/corpus", "eval/news_heldout10/corpus", "eval/news_heldout14/corpus",
                    "eval/news_heldout20/corpus")


def words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


def features(question: str, closest: str, background: str) -> tuple[int, int, int]:
    """(content words the index's sentence writes, those the background's writes, two-word runs only the index's
    sentence writes)."""
    q = words(question)
    content = [w for w in q if w not in STOP_WORDS and w not in QUESTION_WORDS]
    mine, theirs = set(words(closest)), set(words(background))
    runs = [(a, b) for a, b in zip(q, q[1:]) if a not in STOP_WORDS or b not in STOP_WORDS]

    def pairs(text: str) -> set[tuple[str, str]]:
        w = words(text)
        return set(zip(w, w[1:]))

    only = [r for r in runs if r in pairs(closest) and r not in pairs(background)]
    return sum(w in mine for w in content), sum(w in theirs for w in content), len(only)


def sets() -> list[tuple[str, Path, Path, Path | None]]:
    script = (ROOT / "eval" / "all_sets.sh").read_text(encoding="utf-8")
    names = re.findall(r"news_\w+|encyclopedic_heldout|wiki_synth2?|reader_review",
                       script.split("for s in")[1].split("; do")[0])
    out = [("seed_gold", ROOT / "eval/seed_gold.jsonl", ROOT / "seeds", None)]
    out += [(n, ROOT / f"eval/{n}/gold.jsonl", ROOT / f"eval/{n}/corpus", None) for n in names]
    out.append(("xquad", ROOT / "build/xquad_vi/gold.jsonl", ROOT / "build/xquad_vi/corpus", None))
    out += [("off", ROOT / "eval/seed_gold.jsonl", ROOT / c, Path(__file__).with_name(f))
            for c in OFFTOPIC_CORPORA for f in OFFTOPIC]
    return out


def main() -> None:
    rows = []
    for name, gold, corpus, offtopic in sets():
        _, _, service, items = setup(gold, corpus)
        s = service.searcher
        asked = ([(q.strip(), "off", None) for q in offtopic.read_text(encoding="utf-8").splitlines() if q.strip()]
                 if offtopic else [(it.question, "right" if it.answerable else "unans", it) for it in items])
        for q, kind, item in asked:
            if answer_lang(q) == "en":
                continue
            hits = s.search(q, 3)
            if not hits:
                continue
            query = s._encode(spelled_out(normalize(unshout(q)), s.lexical.mentions))
            bg = s.background._rank(query, 1, BACKGROUND_RESCORED)
            if not bg or not (hits[0].maxsim > 0 and hits[0].fused <= bg[0].fused + BACKGROUND_MARGIN):
                continue  # not declined by the background
            closest = s.index.sentences[hits[0].row].text
            if kind == "right" and not is_correct(closest, item):
                kind = "wrong"
            rows.append((kind, *features(q, closest, s.background.index.sentences[bg[0].row].text)))
    total = collections.Counter(kind for kind, *_ in rows)
    for k in (1, 2):
        kept = collections.Counter(kind for kind, mine, theirs, only in rows if only >= k and mine >= theirs)
        print(f"K = {k}: " + "; ".join(f"{kind} {kept[kind]} of {total[kind]}"
                                       for kind in ("right", "wrong", "unans", "off")))


if __name__ == "__main__":
    main()
