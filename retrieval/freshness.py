"""Whether a quoted sentence is still what its article's file says.

A quote is the indexed text, verbatim. If its file was edited after `tinbot index`, the sentence may be gone
(the quote is then out of date, and the reader is told so) or only moved (still true; its `start`, `end` are
then moved to where the file now has it). A missing file says nothing either way (an index may be served on a
machine without the articles).
"""
from __future__ import annotations

import hashlib
import os
import re
import threading
import unicodedata
from dataclasses import replace

from retrieval.index import LoadedIndex
from retrieval.types import Answer, Quote

# Per quote: the file holds it at start:end; it holds it elsewhere; it no longer holds it; there is no file.
UNCHANGED, MOVED, CHANGED, MISSING = "unchanged", "moved", "changed", "missing"
MAX_REMEMBERED = 256  # files whose state is remembered between questions


class SourceCheck:
    """Compares quotes with their files. A file is read again only when its size or modification time moved
    since the last check, so a question costs a `stat` per quoted article."""

    def __init__(self) -> None:
        # (path, indexed sha256) -> (size, mtime, current text, or None when the file is as indexed)
        self._seen: dict[tuple[str, str], tuple[int, int, str | None]] = {}
        self._lock = threading.Lock()

    def _current(self, source: str, sha256: str) -> str | None:
        """The file's text if it differs from what was indexed; None if it is the same; raises OSError when it
        cannot be read."""
        st = os.stat(source)
        key = (source, sha256)
        with self._lock:
            seen = self._seen.get(key)
        if seen is not None and seen[:2] == (st.st_size, st.st_mtime_ns):
            return seen[2]
        with open(source, "rb") as fh:
            data = fh.read()
        text = None if hashlib.sha256(data).hexdigest() == sha256 else data.decode("utf-8", "replace")
        with self._lock:
            if len(self._seen) >= MAX_REMEMBERED:
                self._seen.clear()
            self._seen[key] = (st.st_size, st.st_mtime_ns, text)
        return text

    def locate(self, quote: Quote, sha256: str) -> tuple[str, tuple[int, int] | None]:
        """The quote's status, and its span in the file now: where it moved to (the occurrence nearest its old
        place; in a file re-saved in another Unicode normalisation, the same words in that form), or None when
        that cannot be said."""
        try:
            text = self._current(quote.source, sha256)
        except OSError:
            return MISSING, None
        if text is None or text[quote.start:quote.end] == quote.text:
            return UNCHANGED, (quote.start, quote.end)
        for form in (quote.text, unicodedata.normalize("NFD", quote.text), unicodedata.normalize("NFC", quote.text)):
            places = [m.start() for m in re.finditer(re.escape(form), text)]
            if places:
                at = min(places, key=lambda p: abs(p - quote.start))
                return MOVED, (at, at + len(form))
        if unicodedata.normalize("NFC", quote.text) in unicodedata.normalize("NFC", text):
            return MOVED, None
        return CHANGED, None

    def mark(self, answer: Answer, index: LoadedIndex) -> Answer:
        """`answer` with each quote's `source_status` set against the hash `index` holds for its article."""
        def marked(quotes: tuple[Quote, ...]) -> tuple[Quote, ...]:
            out = []
            for q in quotes:
                article = index.articles.get(q.sentence_id.rpartition("#")[0])
                if article is None:
                    out.append(q)
                    continue
                status, span = self.locate(q, article.sha256)
                start, end = span or (q.start, q.end)
                out.append(replace(q, source_status=status, start=start, end=end))
            return tuple(out)
        if not answer.quotes and not answer.more:
            return answer
        return replace(answer, quotes=marked(answer.quotes), more=marked(answer.more))
