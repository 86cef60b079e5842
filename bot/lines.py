"""Questions read from a pipe or file, one per line, whatever the line ends."""
from __future__ import annotations

from collections.abc import Iterator
from typing import TextIO


def numbered_lines(stream: TextIO) -> Iterator[tuple[int, str]]:
    """(line number, text) per line of `stream`, without its line end, as each line arrives. A lone carriage
    return ends a line too (a file saved with old Mac line ends, `printf 'a\\rb'`): Python's stdin splits only
    at '\\n', which would have merged such questions into one."""
    number = 0
    for physical in stream:
        body = physical[:-1] if physical.endswith("\n") else physical
        body = body[:-1] if body.endswith("\r") else body  # Windows' "\r\n"
        for line in body.split("\r"):
            number += 1
            yield number, line
