"""👍/👎 votes appended as JSON lines: question, quotes, vote, salted hash of the chat id, time.

Chat ids are personal data, so only an HMAC of them is stored; the salt lives beside the log (mode 0600)
so hashes stay comparable across restarts. One `write` per line under a lock, on a file opened for
appending: lines from threads (and from other processes) never interleave.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
import threading
from collections.abc import Sequence
from pathlib import Path

from bot.format import quote_json
from retrieval.types import Quote

VOTES = ("up", "down")


def load_or_create_salt(path: Path) -> bytes:
    """The salt stored at `path`, created (random, private) on first use."""
    try:
        return bytes.fromhex(path.read_text().strip())
    except (FileNotFoundError, ValueError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    salt = secrets.token_bytes(16)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(salt.hex() + "\n")
    return salt


class FeedbackLog:
    """Append-only JSON-lines log of votes. `record` is blocking: call it from a worker thread."""

    def __init__(self, path: Path, salt: bytes | None = None) -> None:
        self.path = Path(path)
        self._salt = salt
        self._lock = threading.Lock()

    def chat_hash(self, chat_id: int) -> str:
        if self._salt is None:
            with self._lock:
                if self._salt is None:
                    self._salt = load_or_create_salt(self.path.with_name(self.path.name + ".salt"))
        return hmac.new(self._salt, str(chat_id).encode(), hashlib.sha256).hexdigest()[:16]

    def record(self, *, question: str, quotes: Sequence[Quote], vote: str, chat_id: int, lang: str = "",
               page: int = 0, unsure: bool = False, replaces: str | None = None,
               now: dt.datetime | None = None) -> dict:
        """Append one vote; returns the record written. `unsure`: the quotes were the closest sentences of a
        question the bot declined ("not found"), shown on request. `replaces`: this chat's earlier vote on the
        same quotes, which this one changes (the log is append-only: the last line counts)."""
        if vote not in VOTES:
            raise ValueError(f"vote must be one of {VOTES}, not {vote!r}")
        when = (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
        rec = {"time": when, "chat": self.chat_hash(chat_id), "vote": vote, "question": question, "lang": lang,
               "page": page, "unsure": unsure, "quotes": [quote_json(q) for q in quotes]}
        if replaces is not None:
            rec["replaces"] = replaces
        line = (json.dumps(rec, ensure_ascii=False) + "\n").encode("utf-8")
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, line)
            finally:
                os.close(fd)
        return rec
