"""Rate limiting for Bot API calls in which a 429 pauses only the chat Telegram named.

python-telegram-bot's `AIORateLimiter` answers a 429 "retry after N" in one chat by pausing every request
of the bot for N seconds (one global event), so one busy group held unrelated private chats just as long.
`ChatRateLimiter` keeps its limits (30 messages/s overall, 20/minute per group or channel, a few retries
of a 429) but pauses only the chat whose request got the 429. A 429 on a call without a chat (a button
toast, the command menu) pauses only such calls: the "slow down" toast is sent exactly when one chat presses
buttons too fast, and its 429 must not hold every other chat. Were a 429 global after all, each chat would
get its own 429 and wait on its own.
"""
from __future__ import annotations

import asyncio
import contextlib
import datetime as dtm
import logging
import time
import warnings
from collections.abc import Callable, Coroutine
from typing import Any

from aiolimiter import AsyncLimiter
from telegram import constants
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter
from telegram.warnings import PTBDeprecationWarning

logger = logging.getLogger(__name__)

Result = bool | dict[str, Any] | list[dict[str, Any]]
ChatKey = int | str | None  # None: calls without a chat_id (paused together)
MARGIN = 0.1  # seconds waited past Telegram's retry_after, as PTB does


def retry_after_seconds(exc: RetryAfter) -> float:
    """`exc.retry_after` in seconds. PTB 22 gives an int (with a deprecation warning) or, under
    PTB_TIMEDELTA=true, a timedelta; read it either way without the warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


def chat_key(chat_id: object) -> ChatKey:
    """The chat a call is for: an int (also when given as a string of digits), a @username, or None."""
    if chat_id is None:
        return None
    with contextlib.suppress(ValueError, TypeError):
        return int(chat_id)  # type: ignore[call-overload]
    return str(chat_id)


class ChatRateLimiter(BaseRateLimiter[int]):
    """PTB's two levels of throttling (overall for calls with a chat, per group for chat ids < 0 and
    @usernames) plus a pause per chat after a 429. Used from the event loop only.

    `rate_limit_args` of a call, when given, replaces `max_retries` for it. A pause is kept until it ends
    (a call for the chat removes it then; a sweep removes the others once more than 512 are kept), so the
    map holds at most the chats that got a 429 in the last retry_after seconds.
    """

    SWEEP_AT = 512  # group limiters / pauses kept before the idle ones are swept

    def __init__(self, overall_max_rate: float = constants.FloodLimit.MESSAGES_PER_SECOND,
                 overall_time_period: float = 1.0,
                 group_max_rate: float = constants.FloodLimit.MESSAGES_PER_MINUTE_PER_GROUP,
                 group_time_period: float = 60.0, max_retries: int = 0, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._overall = (AsyncLimiter(overall_max_rate, overall_time_period)
                         if overall_max_rate and overall_time_period else None)
        self._group_rate = (group_max_rate, group_time_period) if group_max_rate and group_time_period else None
        self._groups: dict[int | str, AsyncLimiter] = {}
        self._paid = AsyncLimiter(constants.FloodLimit.PAID_MESSAGES_PER_SECOND, 1)
        self.max_retries = max_retries
        self._clock = clock
        self._paused: dict[ChatKey, float] = {}  # chat -> monotonic time its pause ends

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    async def process_request(self, callback: Callable[..., Coroutine[Any, Any, Result]], args: Any,
                              kwargs: dict[str, Any], endpoint: str, data: dict[str, Any],
                              rate_limit_args: int | None) -> Result:
        max_retries = self.max_retries if rate_limit_args is None else rate_limit_args
        chat = chat_key(data.get("chat_id"))
        for attempt in range(max_retries + 1):
            try:
                return await self._run(chat, bool(data.get("allow_paid_broadcast")), callback, args, kwargs)
            except RetryAfter as exc:
                wait = retry_after_seconds(exc) + MARGIN
                self.pause(chat, wait)
                who = "calls without a chat are" if chat is None else "this chat is"
                if attempt == max_retries:
                    logger.error("Bot API %s: rate limit hit after %d retries; giving up (%s paused %.1f s)",
                                 endpoint, max_retries, who, wait)
                    raise
                logger.info("Bot API %s: rate limit hit; %s paused, retry %d of %d in %.1f s", endpoint, who,
                            attempt + 1, max_retries, wait)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _run(self, chat: ChatKey, paid: bool, callback: Callable[..., Coroutine[Any, Any, Result]],
                   args: Any, kwargs: dict[str, Any]) -> Result:
        while True:
            while (left := self.paused_for(chat)) > 0:  # wait before taking a slot from the limiters
                await asyncio.sleep(left)
            if paid:
                limiters: tuple[AsyncLimiter | None, ...] = (self._paid,)
            else:
                limiters = (self._group(chat), self._overall if chat is not None else None)
            for limiter in limiters:
                if limiter is not None:
                    await limiter.acquire()
            if self.paused_for(chat) <= 0:  # no pause began while waiting for a slot
                return await callback(*args, **kwargs)

    def _group(self, chat: ChatKey) -> AsyncLimiter | None:
        if self._group_rate is None or chat is None or (isinstance(chat, int) and chat >= 0):
            return None
        if len(self._groups) > self.SWEEP_AT:  # forget limiters idle long enough to be full again
            for key, limiter in list(self._groups.items()):
                if key != chat and limiter.has_capacity(limiter.max_rate):
                    del self._groups[key]
        if chat not in self._groups:
            self._groups[chat] = AsyncLimiter(*self._group_rate)
        return self._groups[chat]

    def pause(self, chat: ChatKey, seconds: float) -> None:
        """Hold calls for `chat` (the calls without a chat, for None) for `seconds` from now."""
        now = self._clock()
        if len(self._paused) > self.SWEEP_AT:
            self._paused = {k: until for k, until in self._paused.items() if until > now}
        self._paused[chat] = max(self._paused.get(chat, 0.0), now + seconds)

    def paused_for(self, chat: ChatKey) -> float:
        """Seconds left before a call for `chat` may go."""
        until = self._paused.get(chat)
        if until is None:
            return 0.0
        left = until - self._clock()
        if left <= 0:
            del self._paused[chat]
        return max(left, 0.0)

    @property
    def pauses_kept(self) -> int:
        """Pauses in memory (some may have ended and wait for removal). Not `__len__`: PTB tests the
        limiter's truth value, and an empty one would be skipped."""
        return len(self._paused)
