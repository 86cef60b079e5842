"""`tinbot eval` and `tinbot eval-convert-xquad`: measure answer quality on a gold set (see eval/README.md).

Only argument parsing lives at import time; the commands import the library (numpy, faiss, the model) when run,
so `tinbot --help` stays instant.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from bot.argtypes import whole_number
from bot.corpus_index import add_corpus_option, corpus_paths, open_corpus_service

if TYPE_CHECKING:  # pragma: no cover
    from retrieval.evaluate import EvalReport, GoldItem, GroupMetrics

MODES = ("dense", "lexical", "hybrid")
LEGEND = """\
n: answerable questions. Hit@k, MRR: a correct quote among the first k ranked candidates, threshold ignored.
ans@1: answered (not declined) and rank 1 correct. declined: answerable questions the threshold declined
(in brackets: how many of them have the answer as their first closest sentence, shown on request).
strict@1: Hit@1 where the quote must also hold the gold occurrence of the answer (answer_start).
unans ok: unanswerable questions declined.
len: mean rank-1 quote length in characters. unreach: answerable questions no indexed sentence answers.
bold: where the rank-1 quote is correct and has a bolded answer span (a quantity, date or name was asked
for), the share whose bold is (part of) a gold answer."""


def add_eval_parser(sub: argparse._SubParsersAction, add_common: Callable[..., None]) -> None:
    p = sub.add_parser(
        "eval", help="measure answer quality on a gold set (Hit@k, MRR, declines, latency)",
        description="Ask every question of GOLD (JSON lines: id, question, lang, answers, optional context) "
        "and report Hit@1/3/5 and MRR over the ranked quotes (regardless of the 'not found' threshold), "
        "how unanswerable questions are handled (answers: []), the rank-1 quote length and p50/p95 milliseconds "
        "per question, overall and per language. See eval/README.md.")
    p.add_argument("gold", metavar="GOLD.jsonl", help="gold questions, one JSON object per line")
    add_common(p)
    add_corpus_option(p, "evaluate over")
    p.add_argument("--top-k", type=whole_number(1), default=5, metavar="K", help="ranked quotes judged per question "
                   "(default 5: Hit@1/3/5 and MRR@5)")
    p.add_argument("--mode", choices=(*MODES, "all"), default="hybrid",
                   help="retrieval path: dense, lexical (BM25), hybrid (what the bot uses; default), or all "
                   "three on the same questions, side by side")
    p.add_argument("--json", action="store_true", help="machine output on stdout: metrics and per-question ranks")
    p.add_argument("--plot", metavar="OUT.png", help="save Hit@k curves per language and a latency histogram "
                   "(needs matplotlib: pip install 'tinbot[plot]')")
    p.set_defaults(func=cmd_eval)

    c = sub.add_parser(
        "eval-convert-xquad", help="turn the XQuAD-vi retrieval files into a corpus folder and a gold file",
        description="Read SRC (paragraphs.jsonl, questions_en.jsonl, questions_vi.jsonl, LICENSE) and write "
        "OUT/gold.jsonl, OUT/corpus/ (one article per paragraph) and the CC BY-SA licence and attribution. "
        "Then: tinbot eval OUT/gold.jsonl --corpus OUT/corpus --mode all")
    c.add_argument("src", metavar="SRC_DIR", help="the xquad_vi folder")
    c.add_argument("out", metavar="OUT_DIR", help="output folder (new or empty)")
    c.add_argument("--force", action="store_true", help="overwrite a previous conversion in OUT_DIR")
    c.add_argument("--unaccented", action="store_true",
                   help="also write each Vietnamese question typed without accents (lang vi-noaccent) and "
                        "with every second word without them (vi-partial)")
    c.set_defaults(func=cmd_convert_xquad)


# --- commands -----------------------------------------------------------------------------------------------

def cmd_convert_xquad(args: argparse.Namespace) -> int:
    from retrieval.xquad import convert_xquad

    report = convert_xquad(Path(args.src), Path(args.out), force=args.force, noaccent=args.unaccented)
    counts = ", ".join(f"{n} {lang}" for lang, n in report.questions.items())
    print(f"wrote {report.paragraphs} articles to {report.corpus_dir} and {counts} questions to "
          f"{report.gold_path}", file=sys.stderr)
    print(f"next: tinbot eval {report.gold_path} --corpus {report.corpus_dir} --mode all", file=sys.stderr)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from bot.cli import err, settings_from
    from embeddings.encoder import questions_in
    from embeddings.errors import TinbotError
    from embeddings.tuning import QUESTION_TUNINGS
    from retrieval.evaluate import parse_gold, run_gold
    from retrieval.service import QAService

    corpus = corpus_paths(args)
    if args.plot:
        require_matplotlib()
    gold_path = Path(args.gold)
    try:
        with open(gold_path, encoding="utf-8") as fh:
            items = parse_gold(fh, str(gold_path))
    except OSError as exc:
        raise TinbotError(f"{gold_path}: cannot read the gold file ({exc.strerror or exc})") from exc

    settings = settings_from(args)
    modes = MODES if args.mode == "all" else (args.mode,)
    if corpus:
        base = open_corpus_service(settings, corpus, err)
        settings = base.settings
    else:  # an existing index (--index-dir), or the default one, built from the corpus if missing like `ask`
        base = QAService.open(settings, build_if_missing=args.index_dir is None, notify=err)
    shared = base.encoder if any(m != "lexical" for m in modes) else None  # one model for all modes

    reports = []
    background = 0  # sentences of the background text hybrid answers were compared with (retrieval/background.py)
    for mode in modes:
        service = QAService(settings, base.index, mode=mode, encoder=shared, auto_reload=False, notify=err)
        service.warm_up()
        if service.searcher.background is not None:
            background = len(service.searcher.background.index.sentences)
        with progress_bar(len(items), f"eval {mode}") as tick:
            reports.append(run_gold(service, items, depth=args.top_k, on_result=lambda _r: tick()))

    meta = {"gold": str(gold_path), "model": base.index.model, "backend": getattr(shared, "backend", None),
            "index": str(base.index.path), "sentences": len(base.index.sentences), "top_k": args.top_k,
            # languages whose questions hybrid search embeds through a tuning (embeddings/tuning.py)
            "tuned_questions": [lang for lang in sorted(QUESTION_TUNINGS) if questions_in(shared, lang) is not shared],
            "background_sentences": background}
    if args.json:
        print(json.dumps(report_json(reports, meta), ensure_ascii=False, indent=1))
    else:
        print(render_table(reports, items, meta))
    if args.plot:
        model = base.index.model + (f" ({meta['backend']})" if meta["backend"] else "")
        try:
            save_plot(reports, Path(args.plot), title=f"{gold_path.parent.name}/{gold_path.name} · {model}")
        except OSError as exc:  # the results are printed already; only the picture is lost
            raise TinbotError(f"cannot write the plot to {args.plot}: {exc.strerror or exc}; choose another "
                              "--plot path") from exc
        err(f"plot saved to {args.plot}")
    return 0


class progress_bar:
    """A tqdm bar on an interactive stderr, nothing otherwise; yields a `tick()` callable."""

    def __init__(self, total: int, desc: str) -> None:
        self.total, self.desc, self.bar = total, desc, None

    def __enter__(self) -> Callable[[], None]:
        if sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=self.total, desc=self.desc, unit="q", leave=False)
        return (lambda: self.bar.update(1)) if self.bar is not None else (lambda: None)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()


# --- output -------------------------------------------------------------------------------------------------

def _f(x: float | None, digits: int = 3) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


def groups(report: EvalReport) -> list[tuple[str, GroupMetrics]]:
    return [("all", report.overall), *report.by_lang.items()]


def render_table(reports: Sequence[EvalReport], items: Sequence[GoldItem], meta: dict) -> str:
    """One row per (language, mode), modes of one language next to each other."""
    depth = reports[0].depth
    ks = [k for k in (1, 3, 5) if k <= depth] or [depth]
    langs: dict[str, int] = {}
    for it in items:
        langs[it.lang] = langs.get(it.lang, 0) + 1
    unans = sum(1 for it in items if not it.answerable)
    lines = [f"{meta['gold']}: {len(items)} questions ("
             + ", ".join(f"{lang} {n}" for lang, n in sorted(langs.items()))
             + f"; {unans} unanswerable) · model {meta['model']}"
             + (f" ({meta['backend']})" if meta.get("backend") else "")
             + "".join(f" · hybrid: {lang} questions tuned" for lang in meta.get("tuned_questions", []))
             + (f" · hybrid: answers vs {meta['background_sentences']} background sentences"
                if meta.get("background_sentences") else "")
             + f" · {meta['sentences']} sentences · top-k {depth}"]
    strict = reports[0].overall.hit_at_1_strict is not None
    head = (["lang", "mode", "n"] + [f"Hit@{k}" for k in ks] + [f"MRR@{depth}"] + ["strict@1"] * strict
            + ["ans@1", "declined", "unans ok", "bold", "len", "p50 ms", "p95 ms", "unreach"])
    rows = [head]
    order = [name for name, _ in groups(reports[0])]
    for name in order:
        for rep in reports:
            m = dict(groups(rep))[name]
            rows.append([name, rep.mode, str(m.answerable)] + [_f(m.hit(k)) for k in ks] + [_f(m.mrr)]
                        + [_f(m.hit_at_1_strict)] * strict
                        + [_f(m.answered_correct_at_1), f"{m.answerable_declined} ({m.declined_right_at_1})",
                           f"{m.declined_correctly}/{m.unanswerable}" if m.unanswerable else "-",
                           _f(m.bold_right), _f(m.mean_quote_chars, 0), _f(m.p50_seconds * 1000, 1),
                           _f(m.p95_seconds * 1000, 1), str(m.unreachable)])
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]

    def fmt(r: list[str]) -> str:
        return "  ".join(c.ljust(w) if j < 2 else c.rjust(w) for j, (c, w) in enumerate(zip(r, widths)))

    lines += [fmt(head), "-" * len(fmt(head))]
    for prev, r in zip([None, *rows[1:]], rows[1:]):
        if len(reports) > 1 and prev is not None and prev[0] != r[0]:
            lines.append("")
        lines.append(fmt(r))
    lines += ["", LEGEND if strict else "\n".join(ln for ln in LEGEND.splitlines() if "strict" not in ln)]
    return "\n".join(lines)


def metrics_json(m: GroupMetrics) -> dict:
    out = asdict(m)
    out.update({f"hit@{k}": m.hit(k) for k in range(1, m.depth + 1)})
    return out


def report_json(reports: Sequence[EvalReport], meta: dict) -> dict:
    runs = {}
    for rep in reports:
        runs[rep.mode] = {
            "overall": metrics_json(rep.overall),
            "by_lang": {lang: metrics_json(m) for lang, m in rep.by_lang.items()},
            "questions": [{
                "id": r.item.id, "lang": r.item.lang, "answerable": r.item.answerable, "answered": r.answered,
                "rank": r.first_correct, "rank_strict": r.first_correct_strict, "reachable": r.reachable,
                "seconds": round(r.seconds, 5), "error": r.error, "reason": r.reason or None,
                "ranked": [{"sentence_id": q.sentence_id, "score": q.score} for q in r.ranked],
                "top_text": r.ranked[0].text if r.ranked else None,
                "top_bold": r.ranked[0].answer_text if r.ranked else None,
            } for r in rep.results],
        }
    return {**meta, "runs": runs}


def require_matplotlib() -> None:
    from embeddings.errors import TinbotError

    try:
        import matplotlib  # noqa: F401
    except ImportError as exc:
        raise TinbotError("--plot needs matplotlib: pip install 'tinbot[plot]' (or pip install matplotlib)") from exc


def save_plot(reports: Sequence[EvalReport], path: Path, *, title: str = "") -> None:
    """Left: Hit@k for k = 1..depth, one line per language (colour) and mode (line style). Right: latency."""
    require_matplotlib()
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    styles = {"dense": "--", "lexical": ":", "hybrid": "-"}
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    langs = list(reports[0].by_lang)
    colours = {lang: plt.cm.tab10(i % 10) for i, lang in enumerate(langs)}
    ms = [max(r.seconds * 1000, 1e-3) for rep in reports for r in rep.results]
    lo, hi = min(ms, default=0.1), max(ms, default=1.0)
    hi = hi if hi > lo else lo * 10
    bins = [lo * (hi / lo) ** (i / 40) for i in range(41)]  # shared log-spaced bins: lexical ~1 ms, dense ~50
    for rep in reports:
        ks = list(range(1, rep.depth + 1))
        for lang, m in rep.by_lang.items():
            if m.answerable:
                left.plot(ks, m.hit_at, styles.get(rep.mode, "-"), marker="o", color=colours[lang],
                          label=f"{lang} · {rep.mode}")
        right.hist([max(r.seconds * 1000, 1e-3) for r in rep.results], bins=bins, alpha=0.5, label=rep.mode)
    left.set(xlabel="k", ylabel="Hit@k", ylim=(0, 1.02), xticks=list(range(1, reports[0].depth + 1)),
             title="Hit@k per language")
    left.grid(alpha=0.3)
    left.legend(fontsize=8, loc="lower right")
    right.set(xlabel="ms per question (log scale)", ylabel="questions", title="latency", xscale="log")
    right.legend(fontsize=8)
    if title:
        fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)
    plt.close(fig)
