"""The `tinbot telegram` command-line options (kept apart so `tinbot --help` needs no telegram import)."""
from __future__ import annotations

import argparse
from collections.abc import Callable

from bot.argtypes import port_number, whole_number


def add_telegram_parser(sub: argparse._SubParsersAction, add_common: Callable[..., None]) -> None:
    p = sub.add_parser("telegram", help="run the Telegram bot (token from TELEGRAM_BOT_TOKEN or --token-file)",
                       description="Run the Telegram bot. The token comes from the TELEGRAM_BOT_TOKEN environment "
                       "variable or --token-file and is never printed or logged.")
    add_common(p)
    p.add_argument("--token-file", metavar="FILE", help="read the bot token from FILE instead of TELEGRAM_BOT_TOKEN")
    p.add_argument("--base-url", metavar="URL", help="Bot API base URL, e.g. of a self-hosted Bot API server "
                   "(env TINBOT_TELEGRAM_BASE_URL; default https://api.telegram.org/bot)")
    p.add_argument("--webhook-url", metavar="URL", help="use a webhook at this public HTTPS URL instead of "
                   "long polling")
    p.add_argument("--listen", metavar="ADDR", default="127.0.0.1", help="webhook: address to listen on "
                   "(default 127.0.0.1)")
    p.add_argument("--port", type=port_number, default=8443, help="webhook: port to listen on (default 8443)")
    p.add_argument("--secret-token", metavar="S", help="webhook: secret Telegram sends in a header "
                   "(env TINBOT_WEBHOOK_SECRET; default: derived from the token, the same on every start)")
    p.add_argument("--top-k", type=whole_number(1), default=None, metavar="K", help="quotes per answer (default 3)")
    p.add_argument("--flood-limit", type=whole_number(0, " (0 turns the guard off)"), default=None, metavar="N",
                   help="questions per chat per minute before a polite pause; 0 turns the guard off "
                   "(env TINBOT_FLOOD_LIMIT; default 20)")
    p.add_argument("--allowed-chats", metavar="IDS", help="comma-separated chat ids allowed to use the bot "
                   "(env TINBOT_ALLOWED_CHATS; default: everyone)")
    p.add_argument("--feedback-file", metavar="FILE", help="where 👍/👎 votes are appended as JSON lines "
                   "(env TINBOT_FEEDBACK_FILE; default ~/.cache/tinbot/feedback.jsonl)")

    def run(args: argparse.Namespace) -> int:
        from bot.cli import cmd_telegram

        return cmd_telegram(args)

    p.set_defaults(func=run)
