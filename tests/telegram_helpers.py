"""The harness shared by the Telegram tests: the real python-telegram-bot Application, as `tinbot telegram`
builds it, polling the fake Bot API server in `tests/fakebotapi.py`.

Fixtures stay in the test modules (a few lines each); everything else lives here.
"""
from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

from telegram.ext import Application

from bot.handlers import STATE, BotState
from bot.telegram_app import ALLOWED_UPDATES, TelegramConfig, build_application
from retrieval.config import Settings
from retrieval.service import QAService
from tests.conftest import ROOT, SEEDS
from tests.fakebotapi import FakeBotAPI

QUESTION = "Thu ngân sách trên địa bàn đạt bao nhiêu tỷ đồng?"
TITLE = "Cẩm Xuyên chủ động, quyết liệt thực hiện nhiệm vụ những tháng cuối năm"
CHAT, OTHER_CHAT, GROUP = 1001, 1002, -100555
QUESTIONS = [QUESTION, "Tổng giá trị sản xuất theo giá so sánh đạt bao nhiêu?", "Ai kết luận hội nghị?",
             "Trưởng ban Dân vận Tỉnh ủy là ai?", "Sản xuất vụ xuân thế nào?"]


def run(coro: Any, timeout: float = 60.0) -> Any:
    return asyncio.run(asyncio.wait_for(coro, timeout))


def open_hashing_service(tmp: Path) -> QAService:
    """The fast deterministic `hashing` model over seeds/ (for a module-scoped fixture)."""
    return QAService.open(Settings(cache_dir=tmp / "cache", index_dir=tmp / "index", model="hashing",
                                   corpus=(SEEDS,)))


@contextlib.asynccontextmanager
async def running(fake: FakeBotAPI, service: QAService, tmp_path: Path, **config: Any) -> AsyncIterator[Application]:
    """The bot as `tinbot telegram` runs it (post_init, polling), pointed at the fake via base_url."""
    cfg = TelegramConfig(token=fake.token, base_url=fake.base_url, feedback_file=tmp_path / "feedback.jsonl",
                         **config)
    app = build_application(cfg, service.settings, service=service)
    async with app:
        await app.post_init(app)
        await app.start()
        await app.updater.start_polling(poll_interval=0, timeout=1, allowed_updates=ALLOWED_UPDATES)
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()


def bot_state(app: Application) -> BotState:
    return app.bot_data[STATE]


def message_id(fake: FakeBotAPI, update_id: int) -> int:
    update = next(u for u in fake.pushed if u["update_id"] == update_id)
    return update["message"]["message_id"]


async def reply_to(fake: FakeBotAPI, chat_id: int, update_id: int, timeout: float = 20) -> dict:
    """The bot's message replying to the message of `update_id`."""
    mid = message_id(fake, update_id)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for m in fake.sent_messages(chat_id):
            if (m.get("reply_to_message") or {}).get("message_id") == mid:
                return m
        await asyncio.sleep(0.01)
    raise TimeoutError(f"no reply to message {mid} in chat {chat_id}; sent: {fake.sent_messages(chat_id)}")


async def ask(fake: FakeBotAPI, chat_id: int, text: str, **kw: Any) -> dict:
    return await reply_to(fake, chat_id, fake.push_text(chat_id, text, **kw))


async def quiet(fake: FakeBotAPI, seconds: float = 0.6) -> None:
    """Let any stray reply arrive before counting messages."""
    await asyncio.sleep(seconds)


def button(message: dict, label_start: str) -> str:
    for row in message["reply_markup"]["inline_keyboard"]:
        for b in row:
            if b["text"].startswith(label_start):
                return b["callback_data"]
    raise KeyError(f"no button {label_start!r} in {message.get('reply_markup')}")


def entity_texts(message: dict, kind: str) -> list[str]:
    u16 = message["text"].encode("utf-16-le")
    return [u16[2 * e["offset"]:2 * (e["offset"] + e["length"])].decode("utf-16-le")
            for e in message.get("entities") or [] if e["type"] == kind]


def assert_no_failed_calls(fake: FakeBotAPI) -> None:
    """Every request the bot made was accepted (Telegram-valid HTML, markup, ids), injected faults aside.

    The long poll pending at shutdown ends in 409 when PTB sends its final offset-confirming getUpdates."""
    bad = [(c.method, c.status, c.result) for c in fake.calls
           if not c.ok and not c.fault and not (c.method == "getUpdates" and c.status == 409)]
    assert not bad


async def press(fake: FakeBotAPI, chat_id: int, message: dict, data: str) -> Any:
    qid = fake.push_callback(chat_id, message["message_id"], data)
    [call] = await fake.await_calls(lambda c: c.params.get("callback_query_id") == qid,
                                    method="answerCallbackQuery", timeout=10)
    return call


def replies_by_question(fake: FakeBotAPI) -> dict[tuple[int, int], int]:
    """How many messages the server accepted in reply to each (chat id, message id) — including a message
    whose response was cut short: the server sent it, so the user sees it."""
    counts: dict[tuple[int, int], int] = {}
    for c in fake.calls_to("sendMessage"):
        if c.ok and c.result.get("reply_to_message"):
            key = (c.result["chat"]["id"], c.result["reply_to_message"]["message_id"])
            counts[key] = counts.get(key, 0) + 1
    return counts


def questions_pushed(fake: FakeBotAPI) -> set[tuple[int, int]]:
    """(chat id, message id) of every text message pushed to the bot."""
    return {(u["message"]["chat"]["id"], u["message"]["message_id"]) for u in fake.pushed
            if "message" in u and u["message"].get("text")}


def assert_each_answered_once(fake: FakeBotAPI, questions: set[tuple[int, int]] | None = None) -> None:
    """Exactly one reply per question: none lost (missing), none duplicated (more than one)."""
    asked = questions_pushed(fake) if questions is None else questions
    counts = replies_by_question(fake)
    lost = sorted(q for q in asked if counts.get(q, 0) == 0)
    twice = sorted((q, n) for q, n in counts.items() if q in asked and n > 1)
    assert not lost and not twice, f"{len(lost)} lost {lost[:5]}, {len(twice)} duplicated {twice[:5]}"


async def await_answers(fake: FakeBotAPI, questions: set[tuple[int, int]], timeout: float) -> None:
    """Wait until every question has at least one reply (then `assert_each_answered_once` checks for more)."""
    deadline = time.monotonic() + timeout
    while True:
        counts = replies_by_question(fake)
        missing = [q for q in questions if q not in counts]
        if not missing:
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"{len(missing)} of {len(questions)} questions unanswered, e.g. {missing[:5]}")
        await asyncio.sleep(0.05)


def push_question(fake: FakeBotAPI, chat_id: int, text: str, **kw: Any) -> tuple[int, int]:
    """Push a text message; returns its (chat id, message id), the key of `replies_by_question`."""
    update_id = fake.push_text(chat_id, text, **kw)
    update = fake.pushed[-1]
    assert update["update_id"] == update_id
    return chat_id, update["message"]["message_id"]


# --- `tinbot telegram` as a process ----------------------------------------------------------------------

class BotProcess(subprocess.Popen):
    """A running `tinbot telegram`. Its output goes to the file `log`: a pipe nobody reads fills up at -vv
    and blocks the bot."""

    def __init__(self, args: list[str], log: Path, **kwargs: Any) -> None:
        self.log = log
        with open(log, "a", encoding="utf-8") as out:  # the child keeps its own copy of the descriptor
            super().__init__(args, stdout=out, stderr=subprocess.STDOUT, text=True, **kwargs)


def spawn_bot(fake: FakeBotAPI, tmp_path: Path, *flags: str, verbose: str = "-vv") -> BotProcess:
    """`tinbot -vv telegram --model hashing` against the fake, caching its index under `tmp_path`."""
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": fake.token, "TINBOT_CACHE_DIR": str(tmp_path / "cache"),
           "PYTHONPATH": str(ROOT)}
    return BotProcess([sys.executable, "-m", "bot.cli", *([verbose] if verbose else []), "telegram",
                       "--model", "hashing", "--index-dir", str(tmp_path / "index"), "--base-url", fake.base_url,
                       *flags], tmp_path / "bot.log", cwd=ROOT, env=env)


def stop_bot(proc: BotProcess) -> tuple[int, str]:
    """SIGINT (as Ctrl-C), then the exit code and everything the bot printed."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    return proc.returncode, proc.log.read_text(encoding="utf-8")


def wait_until(cond: Callable[[], bool], proc: BotProcess, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        if proc.poll() is not None:
            raise AssertionError(f"bot exited early: {stop_bot(proc)[1][-3000:]}")
        if time.monotonic() > deadline:
            raise TimeoutError(stop_bot(proc)[1][-3000:])
        time.sleep(0.05)
