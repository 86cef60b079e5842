"""argparse value types shared by the subcommands: each refuses a bad value with what is allowed."""
from __future__ import annotations

import argparse
from collections.abc import Callable


def port_number(value: str) -> int:
    """A --port value: a TCP port a server can listen on (0, "any free port", would be unknown to Telegram)."""
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a port number from 1 to 65535, not {value!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"must be a port number from 1 to 65535, not {port}")
    return port


def whole_number(minimum: int, meaning: str = "") -> Callable[[str], int]:
    """An argparse type: a whole number of at least `minimum` (`meaning`: what the minimum does)."""
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be a whole number, not {value!r}") from None
        if number < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}{meaning}, not {number}")
        return number

    return parse
