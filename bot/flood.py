"""Per-chat flood guard: at most N questions per sliding window, one polite warning, then silence."""
from __future__ import annotations

import enum
import time
from collections import deque
from collections.abc import Callable


class Verdict(enum.Enum):
    ALLOW = "allow"
    WARN = "warn"  # over the limit: tell the chat once
    DROP = "drop"  # still over the limit after the warning: ignore quietly


class FloodGuard:
    """Sliding-window counter per chat. Refused questions do not count, so a chat is served again as soon
    as its oldest question leaves the window. Used from the event loop only (no locking needed).

    `limit <= 0` turns the guard off. Memory stays bounded: once per window, chats idle for a whole window
    are forgotten, and at most `max_chats` chats are tracked at once (past that, the chats first seen longest
    ago are forgotten first: the worst case is that one of them gets a few extra answers).
    """

    def __init__(self, limit: int, window: float = 60.0, *, max_chats: int = 100_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self.max_chats = max_chats
        self._clock = clock
        self._times: dict[int, deque[float]] = {}
        self._warned: set[int] = set()
        self._last_sweep = clock()

    def check(self, chat_id: int) -> Verdict:
        """Count one question from `chat_id` if it is allowed."""
        if self.limit <= 0:
            return Verdict.ALLOW
        now = self._clock()
        if now - self._last_sweep >= self.window:
            self._sweep(now)
        if chat_id not in self._times:
            while len(self._times) >= self.max_chats:  # O(1) each: no sweep per new chat under a flood of chats
                oldest = next(iter(self._times))
                del self._times[oldest]
                self._warned.discard(oldest)
        times = self._times.setdefault(chat_id, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        if len(times) < self.limit:
            times.append(now)
            self._warned.discard(chat_id)
            return Verdict.ALLOW
        if chat_id in self._warned:
            return Verdict.DROP
        self._warned.add(chat_id)
        return Verdict.WARN

    def _sweep(self, now: float) -> None:
        self._last_sweep = now
        idle = [c for c, t in self._times.items() if not t or t[-1] <= now - self.window]
        for chat_id in idle:
            del self._times[chat_id]
            self._warned.discard(chat_id)

    def __len__(self) -> int:
        return len(self._times)
