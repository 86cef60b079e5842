"""ChatRateLimiter (bot/ratelimit.py): a 429 pauses only the chat Telegram named.

The real python-telegram-bot client sends through the limiter, over HTTP, to the fake Bot API server
(tests/fakebotapi.py); the assertions are on the calls the fake received: their order and its timestamps.
The AIORateLimiter variant of the first test shows the test fails without the fix (strict xfail).

Figures: `.venv/bin/python -m pytest -q -s tests/test_ratelimit.py -k five_other_chats` prints how long five
chats waited while another chat was paused, with PTB's limiter and with ours.
"""
from __future__ import annotations

import asyncio
import datetime as dtm
import itertools
import logging
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter, BaseRateLimiter, ExtBot

from bot.ratelimit import ChatRateLimiter, chat_key, retry_after_seconds
from retrieval.service import QAService
from tests.conftest import BUDGET
from tests.fakebotapi import FakeBotAPI
from tests.telegram_helpers import CHAT, OTHER_CHAT, QUESTION, open_hashing_service, reply_to, run, running

A, B = 2001, 2002
OTHERS = [2011, 2012, 2013, 2014, 2015]
GROUP_1, GROUP_2 = -100777, -100888

# PTB 22 warns about the int retry_after when it builds RetryAfter (not when the limiter reads it: see below)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def fake() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as server:
        yield server


@pytest.fixture(scope="module")
def hashing_service(tmp_path_factory: pytest.TempPathFactory) -> QAService:
    return open_hashing_service(tmp_path_factory.mktemp("hashing"))


def make_bot(fake: FakeBotAPI, limiter: BaseRateLimiter) -> ExtBot:
    return ExtBot(fake.token, base_url=fake.base_url, base_file_url=fake.base_file_url, rate_limiter=limiter)


async def limit_hit(caplog: pytest.LogCaptureFixture) -> None:
    """Until a limiter (ours or PTB's) has logged that it will retry a 429: the pause is in place by then."""
    while not any("rate limit hit" in r.getMessage().lower() for r in caplog.records):
        await asyncio.sleep(0.01)


def sends(fake: FakeBotAPI, chat_id: int | None = None) -> list[Any]:
    return [c for c in fake.calls_to("sendMessage") if chat_id is None or c.params["chat_id"] == chat_id]


def statuses(calls: list[Any]) -> list[tuple[int, int]]:
    return [(c.params["chat_id"], c.status) for c in calls]


# --- one chat paused, the others not --------------------------------------------------------------------

@pytest.mark.parametrize("limiter", [
    ChatRateLimiter,
    pytest.param(AIORateLimiter, marks=pytest.mark.xfail(strict=True, reason="PTB's limiter pauses every chat")),
])
def test_a_429_in_one_chat_does_not_hold_another(fake: FakeBotAPI, caplog: pytest.LogCaptureFixture,
                                                 limiter: Callable[..., BaseRateLimiter]) -> None:
    caplog.set_level(logging.INFO)
    fake.fail_next("sendMessage", 429, retry_after=3, chat_id=A)

    async def main() -> list[Any]:
        async with make_bot(fake, limiter(max_retries=3)) as bot:
            first = asyncio.create_task(bot.send_message(A, "a1"))
            await limit_hit(caplog)
            second = asyncio.create_task(bot.send_message(A, "a2"))  # A is paused: waits
            await bot.send_message(B, "b")  # B is not: goes now
            await bot.set_my_commands([("start", "Start")])  # nor is a call without a chat
            seen = sends(fake)
            await asyncio.gather(first, second)
            return seen

    seen_when_b_returned = run(main())
    a_calls, [b_call] = sends(fake, A), sends(fake, B)
    assert statuses(seen_when_b_returned) == [(A, 429), (B, 200)]  # B went before A's pause ended
    # ... that is, within A's retry_after of the 429 (PTB's limiter sends B after it, never before)
    assert b_call.ts - a_calls[0].ts < 3
    assert [c.status for c in a_calls] == [429, 200, 200]  # A's messages still arrive, after its pause
    assert min(c.ts for c in a_calls[1:]) - a_calls[0].ts >= 3
    assert [m["text"] for m in fake.sent_messages(A)] in (["a1", "a2"], ["a2", "a1"])


def test_a_429_without_a_chat_holds_only_calls_without_a_chat(fake: FakeBotAPI,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    # The "slow down" toast (answerCallbackQuery, no chat_id) is sent when one chat presses too fast: its 429
    # must not hold the other chats.
    caplog.set_level(logging.INFO)
    fake.fail_next("setMyCommands", 429, retry_after=2)

    async def main() -> None:
        async with make_bot(fake, ChatRateLimiter(max_retries=3)) as bot:
            menu = asyncio.create_task(bot.set_my_commands([("start", "Start")]))
            await limit_hit(caplog)
            await bot.send_message(B, "b")
            await bot.get_my_commands()  # without a chat too: waits for the pause
            await menu

    run(main())
    failed, retried = fake.calls_to("setMyCommands")
    [b_call] = sends(fake, B)
    [listed] = fake.calls_to("getMyCommands")
    assert (failed.status, retried.status, b_call.status, listed.status) == (429, 200, 200, 200)
    assert b_call.ts < retried.ts  # B went during the pause
    assert listed.ts - failed.ts >= 2 and retried.ts - failed.ts >= 2


def test_after_max_retries_the_429_is_raised_and_logged_without_the_token(
        fake: FakeBotAPI, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    fake.fail_next("sendMessage", 429, retry_after=1, count=4, chat_id=A)

    async def main() -> None:
        async with make_bot(fake, ChatRateLimiter(max_retries=1)) as bot:
            with pytest.raises(RetryAfter):
                await bot.send_message(A, "a")  # 429, retry, 429: raised
            # rate_limit_args overrides max_retries (PTB drops a 0); the chat stays paused after the give-up
            await bot.send_message(A, "a", rate_limit_args=2)  # 429, 429, sent

    run(main())
    calls = sends(fake, A)
    assert [c.status for c in calls] == [429, 429, 429, 429, 200]
    assert all(later.ts - earlier.ts >= 1 for earlier, later in itertools.pairwise(calls))
    errors = [r.getMessage() for r in caplog.records if r.name == "bot.ratelimit" and r.levelno == logging.ERROR]
    assert errors == ["Bot API sendMessage: rate limit hit after 1 retries; giving up (this chat is paused 1.1 s)"]
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name == "bot.ratelimit")
    assert fake.token.split(":")[1] not in logged and "http" not in logged


def test_the_group_limit_holds_a_busy_group_and_not_the_others(fake: FakeBotAPI) -> None:
    async def main() -> None:
        async with make_bot(fake, ChatRateLimiter(group_max_rate=1, group_time_period=2)) as bot:
            await bot.send_message(GROUP_1, "1")
            await asyncio.gather(bot.send_message(GROUP_1, "2"), bot.send_message(GROUP_2, "1"),
                                 bot.send_message(A, "1"), bot.send_message(A, "2"))

    run(main())
    order = [c.params["chat_id"] for c in sends(fake)]
    assert order[0] == order[-1] == GROUP_1  # the group's second message waited for the others
    assert sorted(order[1:-1]) == sorted([GROUP_2, A, A])
    first, second = sends(fake, GROUP_1)
    assert second.ts - first.ts >= 1.5  # 1 message per 2 s in that group


def test_the_bot_answers_other_chats_while_one_is_paused(hashing_service: QAService, fake: FakeBotAPI,
                                                         tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)

    async def main() -> tuple[dict, list, dict]:
        async with running(fake, hashing_service, tmp_path) as app:
            assert isinstance(app.bot.rate_limiter, ChatRateLimiter)
            fake.fail_next("sendMessage", 429, retry_after=3, chat_id=CHAT)
            question = fake.push_text(CHAT, QUESTION)
            await limit_hit(caplog)
            other = await reply_to(fake, OTHER_CHAT, fake.push_text(OTHER_CHAT, QUESTION))
            paused_chat_so_far = fake.sent_messages(CHAT)
            return other, paused_chat_so_far, await reply_to(fake, CHAT, question)

    other, paused_chat_so_far, answer = run(main())
    assert BUDGET in other["text"] and BUDGET in answer["text"]
    assert paused_chat_so_far == []
    failed, sent = sends(fake, CHAT)
    assert (failed.status, sent.status) == (429, 200) and sent.ts - failed.ts >= 3


# --- the figures ----------------------------------------------------------------------------------------

def test_five_other_chats_while_one_is_paused(fake: FakeBotAPI, caplog: pytest.LogCaptureFixture) -> None:
    """Prints how long five chats waited for their message while chat A was paused (3 s retry_after)."""
    caplog.set_level(logging.INFO)

    async def waited(limiter: BaseRateLimiter) -> list[float]:
        caplog.clear()
        fake.reset_calls()
        fake.fail_next("sendMessage", 429, retry_after=3, chat_id=A)
        async with make_bot(fake, limiter) as bot:
            paused = asyncio.create_task(bot.send_message(A, "a"))
            await limit_hit(caplog)

            async def one(chat_id: int) -> float:
                start = time.monotonic()
                await bot.send_message(chat_id, "x")
                return time.monotonic() - start

            delays = await asyncio.gather(*(one(c) for c in OTHERS))
            await paused
        return delays

    async def main() -> dict[str, list[float]]:
        before = await waited(AIORateLimiter(max_retries=3))
        after = await waited(ChatRateLimiter(max_retries=3))
        calls = statuses(sends(fake))
        assert calls[0] == (A, 429) and calls[-1] == (A, 200)  # ours: every other chat went before A's retry
        return {"AIORateLimiter": before, "ChatRateLimiter": after}

    for name, delays in run(main(), timeout=30).items():
        print(f"\n{name}: a 3 s retry_after in one chat; 5 other chats waited "
              f"{min(delays):.2f}-{max(delays):.2f} s each, {sum(delays):.1f} s in all")


# --- parts ----------------------------------------------------------------------------------------------

def test_retry_after_is_read_as_seconds_without_a_deprecation_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        whole, part = RetryAfter(7), RetryAfter(dtm.timedelta(seconds=2.5))  # PTB warns here, not our part
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert (retry_after_seconds(whole), retry_after_seconds(part)) == (7.0, 2.5)


def test_chat_keys_and_pauses_are_forgotten_once_over() -> None:
    assert (chat_key(None), chat_key(5), chat_key("-1005"), chat_key("@news")) == (None, 5, -1005, "@news")
    now = [100.0]
    limiter = ChatRateLimiter(clock=lambda: now[0])
    limiter.pause(A, 2.0)
    assert limiter.paused_for(A) == 2.0 and limiter.paused_for(B) == 0.0 and limiter.paused_for(None) == 0.0
    limiter.pause(None, 1.0)  # the calls without a chat
    assert limiter.paused_for(None) == 1.0 and limiter.paused_for(B) == 0.0 and limiter.paused_for(A) == 2.0
    now[0] += 2.0
    assert limiter.paused_for(A) == 0.0 and limiter.paused_for(None) == 0.0
    assert limiter.pauses_kept == 0  # ended pauses are dropped when read
    for chat_id in range(2 * ChatRateLimiter.SWEEP_AT):  # pauses nobody reads again are swept
        limiter.pause(chat_id, 1.0)
        now[0] += 0.01
    assert limiter.pauses_kept <= ChatRateLimiter.SWEEP_AT + 1
