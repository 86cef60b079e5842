"""Whether a quoted article's file still holds the text that was indexed.

A quote is the indexed text, verbatim. If its file was edited after `tinbot index`, the quote (and its `start`,
`end` offsets) no longer match the file: the reader is told so instead of being shown an old text as current.
A missing file says nothing either way (an index may be served on a machine without the articles).
"""
from __future__ import annotations

import os
import threading
from dataclasses import replace
from pathlib import Path

from retrieval.index import LoadedIndex
from retrieval.store import file_sha256
from retrieval.types import Answer, Quote

UNCHANGED, CHANGED, MISSING = "unchanged", "changed", "missing"


class SourceCheck:
    """Compares files with the sha256 they had when indexed. A file is hashed again only when its size or
    modification time moved since the last check, so a question costs a `stat` per quoted article."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], tuple[int, int, str]] = {}  # (path, indexed sha) -> (size, mtime, status)
        self._lock = threading.Lock()

    def status(self, source: str, sha256: str) -> str:
        try:
            st = os.stat(source)
        except OSError:
            return MISSING
        key = (source, sha256)
        with self._lock:
            seen = self._seen.get(key)
        if seen is not None and seen[:2] == (st.st_size, st.st_mtime_ns):
            return seen[2]
        try:
            status = UNCHANGED if file_sha256(Path(source)) == sha256 else CHANGED
        except OSError:
            return MISSING
        with self._lock:
            self._seen[key] = (st.st_size, st.st_mtime_ns, status)
        return status

    def mark(self, answer: Answer, index: LoadedIndex) -> Answer:
        """`answer` with each quote's `source_status` set against the hash `index` holds for its article."""
        def marked(quotes: tuple[Quote, ...]) -> tuple[Quote, ...]:
            out = []
            for q in quotes:
                article = index.articles.get(q.sentence_id.rpartition("#")[0])
                out.append(replace(q, source_status=self.status(q.source, article.sha256)) if article else q)
            return tuple(out)
        if not answer.quotes and not answer.more:
            return answer
        return replace(answer, quotes=marked(answer.quotes), more=marked(answer.more))
