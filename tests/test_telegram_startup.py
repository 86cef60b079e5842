"""`tinbot telegram` start-up failures: each is one clear line naming the fix, no traceback, a non-zero exit,
and never the token. Offline: the only network is 127.0.0.1 (a closed port, or the fake Bot API)."""
from __future__ import annotations

import errno
import logging
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from telegram.error import NetworkError

from bot.cli import main
from tests.conftest import ROOT
from tests.fakebotapi import FakeBotAPI

TOKEN = "123456:StartupTestSecretToken"


@pytest.fixture
def token(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    return TOKEN


@pytest.fixture
def fake() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as server:
        yield server


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tinbot(tmp_path: Path, *argv: str, token: str = TOKEN) -> subprocess.CompletedProcess[str]:
    """`tinbot ARGV` as a process: what the user sees on a terminal, logging as the entry point sets it up."""
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": token, "TINBOT_CACHE_DIR": str(tmp_path / "cache"),
           "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "bot.cli", *argv], check=False, cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)


def assert_one_clear_line(err: str, *expected: str) -> str:
    """The last line is tinbot's; nothing before it but tinbot's own retry warnings; no traceback, no token."""
    lines = err.strip().splitlines()
    assert lines and lines[-1].startswith("tinbot: "), err
    assert all(line.startswith("WARNING bot.telegram_app: Bot API ") for line in lines[:-1]), err
    assert "Traceback" not in err and "Network Retry Loop" not in err, err
    assert TOKEN.split(":")[1] not in err
    for text in expected:
        assert text in lines[-1], err
    return lines[-1]


# --- 1. Bot API unreachable / token refused at start-up: no PTB traceback before tinbot's line ------------

def test_an_unreachable_bot_api_is_one_line_without_a_traceback(tmp_path: Path) -> None:
    base_url = f"http://127.0.0.1:{closed_port()}/bot"
    proc = tinbot(tmp_path, "telegram", "--model", "hashing", "--base-url", base_url)
    assert proc.returncode == 1, proc.stderr
    assert_one_clear_line(proc.stderr, f"cannot talk to the Bot API at {base_url}", "ConnectError",
                          "check --base-url")


def test_a_refused_token_at_start_up_is_one_line_without_a_traceback(tmp_path: Path, fake: FakeBotAPI) -> None:
    proc = tinbot(tmp_path, "telegram", "--model", "hashing", "--base-url", fake.base_url)  # not fake.token
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.strip().splitlines() == [assert_one_clear_line(proc.stderr, "rejected the bot token")]


def test_the_start_up_abort_is_dropped_only_while_starting_and_below_debug() -> None:
    from bot.telegram_app import DropStartupAbort

    def record(exc: BaseException) -> logging.LogRecord:
        return logging.LogRecord("telegram.ext", logging.ERROR, "/x/telegram/ext/_utils/networkloop.py", 1,
                                 "Network Retry Loop (x): Failed run number 0 of 0. Aborting.", None,
                                 (type(exc), exc, None))

    telegram_ext = logging.getLogger("telegram.ext")
    old_level = telegram_ext.level
    try:
        telegram_ext.setLevel(logging.WARNING)
        assert not DropStartupAbort(lambda: True).filter(record(NetworkError("down")))
        assert DropStartupAbort(lambda: False).filter(record(NetworkError("down"))), "running: logged as before"
        assert DropStartupAbort(lambda: True).filter(record(RuntimeError("bug"))), "unexpected errors: logged"
        telegram_ext.setLevel(logging.DEBUG)
        assert DropStartupAbort(lambda: True).filter(record(NetworkError("down"))), "-vv keeps the detail"
    finally:
        telegram_ext.setLevel(old_level)


# --- 2 and 6. numeric options are validated by argparse --------------------------------------------------

PORT_ERROR = "argument --port: must be a port number from 1 to 65535, not "


@pytest.mark.parametrize(("argv", "expected"), [
    (["--webhook-url", "https://example.org/x", "--port", "99999"], PORT_ERROR + "99999"),
    (["--webhook-url", "https://example.org/x", "--port", "0"], PORT_ERROR + "0"),
    (["--webhook-url", "https://example.org/x", "--port", "-5"], PORT_ERROR + "-5"),
    (["--webhook-url", "https://example.org/x", "--port", "https"], PORT_ERROR + "'https'"),
    (["--flood-limit", "-1"], "argument --flood-limit: must be at least 0 (0 turns the guard off), not -1"),
    (["--flood-limit", "lots"], "argument --flood-limit: must be a whole number, not 'lots'"),
    (["--top-k", "0"], "argument --top-k: must be at least 1, not 0"),
])
def test_bad_numbers_are_refused_by_the_parser(argv: list[str], expected: str, token: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["telegram", "--model", "hashing", *argv])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1] == f"tinbot telegram: error: {expected}"
    assert "Traceback" not in err and TOKEN not in err


def test_a_negative_flood_limit_from_the_environment_is_refused(token: str, monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TINBOT_FLOOD_LIMIT", "-3")
    assert main(["telegram", "--model", "hashing"]) == 1
    assert capsys.readouterr().err == "tinbot: TINBOT_FLOOD_LIMIT must be 0 (no limit) or more, not -3\n"


# --- 3. --help tells the truth about the default webhook secret -----------------------------------------

def test_help_says_the_default_secret_is_derived_from_the_token(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["telegram", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "default: derived from the token, the same on every start" in out
    assert "random" not in out


# --- 4. an empty --token-file ----------------------------------------------------------------------------

@pytest.mark.parametrize("content", ["", " \n\n"])
def test_an_empty_token_file_is_named(content: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)  # --token-file wins, even when empty
    token_file = tmp_path / "token"
    token_file.write_text(content, encoding="utf-8")
    assert main(["telegram", "--model", "hashing", "--token-file", str(token_file)]) == 1
    err = capsys.readouterr().err
    assert err == f"tinbot: the token file {token_file} is empty; put the token @BotFather gave you in it\n"


# --- 5. a listen address that is not this machine's ------------------------------------------------------

def test_a_foreign_listen_address_names_listen_not_port(token: str, capsys: pytest.CaptureFixture[str]) -> None:
    foreign = "192.0.2.1"  # TEST-NET-1 (RFC 5737): on no machine's interfaces
    with socket.socket() as s:
        try:
            s.bind((foreign, 0))
        except OSError as exc:
            assert exc.errno == errno.EADDRNOTAVAIL
        else:  # pragma: no cover
            pytest.skip(f"this machine has {foreign}")
    assert main(["telegram", "--model", "hashing", "--webhook-url", "https://example.org/x",
                 "--listen", foreign, "--port", "8443"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"tinbot: cannot listen on {foreign}:8443: {foreign} is not an address of this "
                          "machine; choose another --listen") and len(err.splitlines()) == 1, err
    assert "--port" not in err and "another tinbot" not in err


def test_a_taken_port_still_names_port(token: str, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["telegram", "--model", "hashing", "--webhook-url", "https://example.org/x",
                     "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"tinbot: cannot listen on 127.0.0.1:{port}: ") and len(err.splitlines()) == 1
    assert "is another tinbot telegram running? choose another --port" in err
