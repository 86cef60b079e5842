"""One process at a time writes a cached model folder (POSIX advisory lock beside the folder)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def folder_lock(dest: Path) -> Iterator[None]:
    """Hold `.<name>.lock` next to `dest`; a second process waits, then finds the folder written."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - non-POSIX: rely on the atomic rename alone
        yield
        return
    with open(dest.parent / f".{dest.name}.lock", "a+b") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)
