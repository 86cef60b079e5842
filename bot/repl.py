"""`tinbot repl`: ask questions interactively (line editing and history) or answer piped lines."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from bot.format import LESS_CLOSE, UNSURE, answer_text, plural, quote_lines, styled
from bot.lines import numbered_lines
from embeddings.errors import BadQuestion
from retrieval import followup
from retrieval.answer import with_answer_spans
from retrieval.service import QAService
from retrieval.types import Answer

HELP = """Type a question in Vietnamese (with or without diacritics) or English about the indexed articles, e.g.
  thu ngân sách đạt bao nhiêu?      what was budget revenue?      (the seed article)
A short question right after another is read as its follow-up: "so với cùng kỳ?" after the first one above.
Commands:
  :more   more quotes for the last question (after "not found": the closest sentences); also "more", "thêm"
  :help   this help (also ?)
  :quit   leave (or Ctrl-D, or say bye)"""


CLOSEST_HINT = {"vi": "(:more: xem các câu gần nhất)", "en": "(:more: the closest sentences anyway)"}
NO_CLOSEST = {"vi": "Không có câu gần nhất nào để xem cho câu hỏi này.",
              "en": "No closest sentences to show for this question."}
NO_MORE = {"vi": "Không còn câu trích nào khác cho câu hỏi này.", "en": "No more quotes for this question."}
REFUSED = "! "  # a reply that refuses the question (BadQuestion): stderr when piped


class Session:
    """The REPL's state and commands, separate from terminal I/O so it can be tested with plain strings."""

    def __init__(self, service: QAService, *, bold: bool = False) -> None:
        self.service = service
        self.bold = bold  # the answer inside each quote in ANSI bold (a terminal)
        self.last: Answer | None = None
        self.shown = 0
        self.previous: str | None = None  # the last question as read, for a follow-up (`retrieval.followup`)
        self.done = False  # said goodbye ("bye", "tạm biệt"): the reply is the last

    def handle(self, line: str) -> str | None:
        """Reply to one input line; None means quit."""
        text = line.replace("\ufeff", "").strip()  # a byte-order mark (Notepad) is no part of a command
        if not text:
            return ""
        command = text.lower()  # ":MORE" typed with caps lock is still the command
        if command in (":quit", ":q", ":exit"):
            return None
        if command in (":help", ":h", "?"):
            return HELP
        if command in (":more", "more", "thêm", "xem thêm"):
            return self.more()
        if text.startswith(":"):
            return f"{REFUSED}unknown command {text!r}; type :help"
        try:
            answer = self.service.ask(text, previous=self.previous)
        except BadQuestion as exc:
            return f"{REFUSED}{exc}"
        reply = answer_text(answer, bold=self.bold)
        if answer.small_talk is not None:  # "ok" after an answer: :more still pages that answer
            self.done = answer.small_talk.kind == "bye"
            return reply
        self.last, self.shown = answer, len(answer.quotes)
        self.previous = followup.context_of(answer)
        if not answer.answered and answer.more:
            reply += "\n" + CLOSEST_HINT[answer.lang]
        return reply

    def more(self) -> str:
        if self.last is None:
            return f"{REFUSED}no earlier answer; ask a question first"
        lang = self.last.lang
        if not (self.last.answered or self.last.more):  # e.g. it names what the articles never mention
            return NO_CLOSEST.get(lang, NO_CLOSEST["en"])
        page = list(self.last.more[self.shown - len(self.last.quotes):][: self.service.settings.top_k])
        if not page:
            return NO_MORE.get(lang, NO_MORE["en"])
        start = self.shown + 1
        self.shown += len(page)
        if self.bold and self.last.answered:  # the closest sentences of a declined question hold no answer
            page = list(with_answer_spans(page, self.last.question))
        head = [LESS_CLOSE.get(lang, LESS_CLOSE["en"]) if self.last.answered else UNSURE[lang]]
        return "\n".join(head + quote_lines(page, start, bold=self.bold, lang=lang))


def run_repl(service: QAService, *, history: Path, stdin: TextIO | None = None, stdout: TextIO | None = None,
             stderr: TextIO | None = None) -> int:
    """Interactive on a terminal; else answer each piped line, a blank line after each answer (the first line
    printed is the best quote, as `echo question | tinbot repl` has always shown), and as `tinbot ask` does, a
    refused question's one line on stderr and exit status 1."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    session = Session(service)
    if stdin.isatty() and stdout.isatty():
        session.bold = styled(stdout)
        return _interactive(session, history, stdout)
    refused = False
    for number, line in numbered_lines(stdin):
        reply = session.handle(line)
        if reply is None:
            break
        if reply.startswith(REFUSED):  # the line number says which of the piped lines
            refused = True
            print(f"tinbot: line {number}: {reply.removeprefix(REFUSED)}", file=stderr, flush=True)
        elif reply:
            print(f"{reply}\n", file=stdout, flush=True)
        if session.done:
            break
    return 1 if refused else 0


def _interactive(session: Session, history: Path, stdout: TextIO) -> int:
    from prompt_toolkit import PromptSession
    from prompt_toolkit.history import FileHistory

    history.parent.mkdir(parents=True, exist_ok=True)
    prompt = PromptSession(history=FileHistory(str(history)))
    stats = session.service.stats()
    print(f"tinbot: {plural(stats.articles, 'article')}, {plural(stats.sentences, 'sentence')}. "
          "Ask a question; :help for help.", file=stdout)
    session.service.warm_up()
    while True:
        try:
            line = prompt.prompt("> ")
        except KeyboardInterrupt:
            continue
        except EOFError:
            return 0
        try:
            reply = session.handle(line)
        except KeyboardInterrupt:  # Ctrl-C while answering drops that question, not the session
            print("(stopped)", file=stdout, flush=True)
            continue
        if reply is None:
            return 0
        if reply:
            print(reply, file=stdout, flush=True)
        if session.done:
            return 0
