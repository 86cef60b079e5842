"""The `tinbot` console script: imports the command line inside a guard, so Ctrl-C while it loads (numpy and
friends take ~0.1 s) exits quietly with status 130 like Ctrl-C at any later moment (`bot.cli.main`), instead of
printing an import traceback."""
from __future__ import annotations


def main() -> int:
    try:
        from bot.cli import main as run
    except KeyboardInterrupt:
        return 130
    return run()
