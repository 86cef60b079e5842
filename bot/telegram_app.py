"""`tinbot telegram`: build the python-telegram-bot Application and run it (long polling or webhook).

The token comes from TELEGRAM_BOT_TOKEN or --token-file and never reaches a log line: every Bot API URL
contains it, so httpx's request logs are silenced and a filter on the root handlers redacts it (and the webhook
secret) anywhere.

Delivery: Bot API calls that Telegram cannot have carried out (no connection, the connection closed before
any response byte, HTTP 500/502/503/504) are retried a few times, so a dropped connection or a gateway error
does not lose an answer; a call whose response had started, or that timed out waiting for one, is not
retried, since Telegram may have sent the message and a retry would send it twice. docs/RELIABILITY.md
shows what each fault does.
"""
from __future__ import annotations

import argparse
import asyncio
import contextvars
import errno
import hashlib
import logging
import os
import socket
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import Application, ApplicationBuilder, Defaults
from telegram.request import HTTPXRequest, RequestData

from bot.feedback import FeedbackLog
from bot.flood import FloodGuard
from bot.handlers import STATE, BotState, add_handlers, redact
from bot.ratelimit import ChatRateLimiter
from embeddings.errors import TinbotError
from retrieval.config import Settings
from retrieval.service import QAService

logger = logging.getLogger(__name__)

ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]
TOKEN_REJECTED = "tinbot.token_rejected"  # bot_data key: the Bot API refused the token while running
TOKEN_HINT = ("Telegram rejected the bot token (HTTP 401/404): check TELEGRAM_BOT_TOKEN or --token-file, "
              "and that --base-url, if given, is a Bot API server")
DEFAULT_FLOOD_LIMIT = 20
COMMANDS = {
    "vi": [("start", "Giới thiệu và câu hỏi mẫu"), ("help", "Cách dùng"), ("ask", "Hỏi (dùng trong nhóm)"),
           ("about", "Mô hình, chỉ mục, phiên bản")],
    "en": [("start", "What I know, with example questions"), ("help", "How to use me"),
           ("ask", "Ask a question (works in groups)"), ("about", "Model, index and version")],
}


@dataclass(frozen=True)
class TelegramConfig:
    """Everything `tinbot telegram` needs besides Settings: flags <- environment <- defaults."""

    token: str = field(repr=False)  # never printed, even in a debugger or a test failure
    base_url: str | None = None
    webhook_url: str | None = None
    listen: str = "127.0.0.1"
    port: int = 8443
    secret_token: str | None = None
    flood_limit: int = DEFAULT_FLOOD_LIMIT
    allowed_chats: frozenset[int] | None = None
    feedback_file: Path | None = None
    typing_after: float = 0.3
    rate_limit: float = 30.0  # messages per second overall (Telegram's broadcast limit)
    concurrency: int = 64  # updates handled at once

    @classmethod
    def from_args(cls, args: argparse.Namespace, env: Mapping[str, str] | None = None) -> TelegramConfig:
        env = os.environ if env is None else env
        flood = args.flood_limit if args.flood_limit is not None else _int(env.get("TINBOT_FLOOD_LIMIT"),
                                                                              "TINBOT_FLOOD_LIMIT")
        if flood is not None and flood < 0:  # only the environment's can be: argparse checks --flood-limit
            raise TinbotError(f"TINBOT_FLOOD_LIMIT must be 0 (no limit) or more, not {flood}")
        allowed = args.allowed_chats if args.allowed_chats is not None else env.get("TINBOT_ALLOWED_CHATS")
        feedback = args.feedback_file or env.get("TINBOT_FEEDBACK_FILE")
        return cls(token=read_token(args.token_file, env),
                   base_url=args.base_url or env.get("TINBOT_TELEGRAM_BASE_URL") or None,
                   webhook_url=args.webhook_url, listen=args.listen, port=args.port,
                   secret_token=args.secret_token or env.get("TINBOT_WEBHOOK_SECRET") or None,
                   flood_limit=DEFAULT_FLOOD_LIMIT if flood is None else flood,
                   allowed_chats=parse_chat_ids(allowed), feedback_file=Path(feedback) if feedback else None)


def _int(value: str | None, name: str) -> int | None:
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        raise TinbotError(f"{name} must be a whole number, not {value!r}") from None


def read_token(token_file: str | None, env: Mapping[str, str]) -> str:
    if token_file:
        try:
            token = Path(token_file).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise TinbotError(f"cannot read the token file {token_file}: {exc.strerror}") from None
        except UnicodeDecodeError:
            raise TinbotError(f"the token file {token_file} is not UTF-8 text; it should hold only the token "
                              "@BotFather gave you") from None
    else:
        token = env.get("TELEGRAM_BOT_TOKEN", "").strip()
    if not token and token_file:
        raise TinbotError(f"the token file {token_file} is empty; put the token @BotFather gave you in it")
    if not token:
        raise TinbotError("no bot token: set TELEGRAM_BOT_TOKEN or pass --token-file FILE "
                          "(create a bot and get its token from @BotFather)")
    return token


def parse_chat_ids(value: str | None) -> frozenset[int] | None:
    """"123, -100456" -> {123, -100456}; empty or None -> None (everyone allowed)."""
    if not value or not value.strip():
        return None
    try:
        return frozenset(int(x) for x in value.replace(" ", "").split(",") if x)
    except ValueError:
        raise TinbotError(f"allowed chats must be comma-separated chat ids like 123,-100456, not {value!r}") from None


def _version() -> str:
    try:
        return metadata.version("tinbot")
    except metadata.PackageNotFoundError:
        return "dev"


# --- delivery: retry only what Telegram cannot have done ------------------------------------------------

RETRY_STATUSES = frozenset({500, 502, 503, 504})
REJECTED_STATUSES = frozenset({401, 404})  # what PTB reports as InvalidToken
_NEVER_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
_CLOSED = (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError)
_response_started: contextvars.ContextVar[list[bool] | None] = contextvars.ContextVar("tinbot_response_started",
                                                                                      default=None)


async def _mark_response_started(response: httpx.Response) -> None:
    """httpx event hook: runs when the status line and headers have arrived, before the body."""
    started = _response_started.get()
    if started is not None:
        started[0] = True


def retry_reason(exc: NetworkError, response_started: bool) -> str | None:
    """Why a failed call is safe to repeat, or None when Telegram may have carried it out.

    Not sent (no connection, pool full) or closed before any response byte (the usual fate of a stale
    keep-alive connection): repeat. Timed out waiting, or closed mid-response: Telegram got the request and
    may have acted on it, so repeating could send a message twice.
    """
    cause = exc.__cause__
    if isinstance(cause, _NEVER_SENT):
        return f"not sent ({type(cause).__name__})"
    if isinstance(cause, _CLOSED) and not response_started:
        return "connection closed before any response"
    return None


class RetryingRequest(HTTPXRequest):
    """PTB's httpx transport plus a few retries of calls the Bot API cannot have carried out.

    Sits under the ChatRateLimiter (which waits out 429s), so a retry is not counted twice.
    """

    def __init__(self, *, retries: int = 3, backoff: float = 0.5, **kwargs: object) -> None:
        super().__init__(**kwargs, httpx_kwargs={"event_hooks": {"response": [_mark_response_started]}})
        self.retries = retries
        self.backoff = backoff
        # Called when the Bot API answers 401/404 (PTB's InvalidToken): the token was revoked while running.
        self.on_rejected: Callable[[], None] | None = None

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         **timeouts: object) -> tuple[int, bytes]:
        endpoint = url.rsplit("/", 1)[-1]  # only the method name: the URL holds the token
        for attempt in range(self.retries + 1):
            started = [False]
            reset = _response_started.set(started)
            try:
                code, payload = await super().do_request(url, method, request_data, **timeouts)
            except NetworkError as exc:
                reason = retry_reason(exc, started[0])
                if reason is None or attempt == self.retries or (request_data and request_data.contains_files):
                    raise
            else:
                if code in REJECTED_STATUSES and self.on_rejected is not None:
                    self.on_rejected()
                if code not in RETRY_STATUSES or attempt == self.retries:
                    return code, payload
                reason = f"HTTP {code}"
            finally:
                _response_started.reset(reset)
            delay = self.backoff * 2 ** attempt
            logger.warning("Bot API %s failed: %s; retry %d of %d in %.1f s", endpoint, reason, attempt + 1,
                           self.retries, delay)
            await asyncio.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover


def build_application(config: TelegramConfig, settings: Settings, *,
                      service: QAService | None = None) -> Application:
    """The Application with handlers, rate limiter and shared state; the index loads in post_init
    unless an open `service` is given (tests share one)."""
    requests = RetryingRequest(connection_pool_size=256), RetryingRequest(connection_pool_size=1)
    builder = (ApplicationBuilder().token(config.token)
               .request(requests[0])
               .get_updates_request(requests[1])
               .concurrent_updates(config.concurrency)
               .rate_limiter(ChatRateLimiter(overall_max_rate=config.rate_limit, max_retries=3))
               .defaults(Defaults(parse_mode=ParseMode.HTML, allow_sending_without_reply=True,
                                  link_preview_options=LinkPreviewOptions(is_disabled=True)))
               .job_queue(None)
               .post_init(post_init))
    if config.base_url:
        builder = builder.base_url(config.base_url)
        if config.base_url.rstrip("/").endswith("/bot"):  # a self-hosted server serves files too
            builder = builder.base_file_url(config.base_url.rstrip("/")[:-3] + "file/bot")
    app = builder.build()
    feedback = config.feedback_file or settings.cache_dir / "feedback.jsonl"
    app.bot_data[STATE] = BotState(settings=settings, feedback=FeedbackLog(feedback),
                                   flood=FloodGuard(config.flood_limit), presses=FloodGuard(config.flood_limit),
                                   allowed=config.allowed_chats,
                                   typing_after=config.typing_after,
                                   version=_version(), service=service)
    add_handlers(app)

    def rejected() -> None:
        """PTB stops polling on a rejected token but keeps the process up, deaf: stop it, so that
        `tinbot telegram` exits non-zero and a supervisor sees it."""
        if app.running and not app.bot_data.get(TOKEN_REJECTED):
            app.bot_data[TOKEN_REJECTED] = True
            logger.error("the Bot API rejected the token while running (revoked?); stopping")
            app.stop_running()

    for request in requests:
        request.on_rejected = rejected
    return app


async def post_init(app: Application) -> None:
    """Load the index and model once, warm them up, publish the command menu."""
    st: BotState = app.bot_data[STATE]
    if st.service is None:
        st.service = await asyncio.to_thread(QAService.open, st.settings, notify=logger.warning)
    await asyncio.to_thread(st.service.warm_up)
    st.stats = st.service.stats()
    for lang, commands in COMMANDS.items():
        try:
            await app.bot.set_my_commands([BotCommand(c, d) for c, d in commands],
                                          language_code=None if lang == "vi" else lang)
        except TelegramError as exc:  # the menu is a nicety; answering is what matters
            logger.warning("could not set the command menu: %s", redact(str(exc), app.bot.token))
    logger.info("@%s ready: %d articles, %d sentences, model %s", app.bot.username, st.stats.articles,
                st.stats.sentences, st.stats.model)


class RedactToken(logging.Filter):
    """Replaces the token (and other secrets, such as the webhook secret) in any record passing a handler,
    traceback included."""

    def __init__(self, token: str, *secrets: str) -> None:
        super().__init__()
        self.token = token
        self.secrets = [s for s in secrets if s]

    def _redact(self, text: str) -> str:
        text = redact(text, self.token)
        for secret in self.secrets:
            text = redact(text, secret)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = self._redact(record.getMessage())
        record.args = None
        if record.exc_info and isinstance(record.exc_info[1], InvalidToken):
            record.exc_info = None  # PTB's traceback says nothing more; tinbot's exit message names the fix
        if record.exc_info:
            record.exc_text = self._redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = self._redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self._redact(record.stack_info)
        return True


class DropStartupAbort(logging.Filter):
    """On PTB's "telegram.ext" logger: drops the record (a ~100-line traceback) PTB logs when a start-up retry
    loop gives up (Bot API unreachable, token refused, ...). PTB raises the error on to `run_telegram`, which
    turns it into tinbot's one-line message naming the fix. Kept at -vv (DEBUG), like every other detail.
    Other records, and everything once the application runs, pass unchanged."""

    def __init__(self, starting: Callable[[], bool]) -> None:
        super().__init__()
        self.starting = starting

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if record.module == "networkloop" and isinstance(exc, TelegramError) and self.starting():
            return logging.getLogger(record.name).isEnabledFor(logging.DEBUG)
        return True


def webhook_secret_for(token: str) -> str:
    """The default webhook secret: derived from the token, so a second start (or a restart) registers the same
    secret instead of locking out the instance that is serving. Only the token's holder can compute it."""
    return hashlib.sha256(f"tinbot-webhook\0{token}".encode()).hexdigest()


def check_port_free(host: str, port: int) -> None:
    """Fail before setWebhook if --listen:--port cannot be bound: PTB registers the webhook first and binds
    after. The message names the option to change: --port when the port is taken (or privileged), --listen
    when the address is not one of this machine's."""
    where = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except socket.gaierror:
            raise TinbotError(f"cannot listen on {where}: {host!r} is not an IP address or a known host name; "
                              "choose another --listen, e.g. 127.0.0.1 or 0.0.0.0") from None
        except OSError as exc:
            if exc.errno == errno.EADDRNOTAVAIL:
                why = (f"{host} is not an address of this machine; choose another --listen, e.g. 127.0.0.1 "
                       "behind a reverse proxy, or 0.0.0.0 for all")
            elif exc.errno == errno.EACCES:
                why = f"{exc.strerror}; ports below 1024 need privileges: choose another --port, e.g. 8443"
            elif exc.errno == errno.EADDRINUSE:
                why = f"{exc.strerror}; is another tinbot telegram running? choose another --port"
            else:
                why = f"{exc.strerror}; check --listen and --port"
            raise TinbotError(f"cannot listen on {where}: {why}") from None


def run_telegram(args: argparse.Namespace, settings: Settings) -> int:
    """Entry point of `tinbot telegram`: blocks until interrupted, or until the token is rejected."""
    config = TelegramConfig.from_args(args)
    for name in ("httpx", "httpcore"):  # they log every URL, and every URL holds the token
        logging.getLogger(name).setLevel(max(logging.WARNING, logging.getLogger().level))
    webhook_secret = config.secret_token or webhook_secret_for(config.token)  # PTB logs it at -vv: redacted
    redactor = RedactToken(config.token, webhook_secret if config.webhook_url else "")
    for handler in logging.getLogger().handlers:
        handler.addFilter(redactor)
    app = build_application(config, settings)  # after the filter: PTB logs the API URL, token and all, at -vv
    quiet_abort = DropStartupAbort(lambda: not app.running)  # app.start() runs after every bootstrap step
    logging.getLogger("telegram.ext").addFilter(quiet_abort)  # PTB's retry loop logs there (telegram.ext._utils)
    try:
        if config.webhook_url:
            check_port_free(config.listen, config.port)
            path = urlsplit(config.webhook_url).path.strip("/")
            app.run_webhook(listen=config.listen, port=config.port, url_path=path, webhook_url=config.webhook_url,
                            secret_token=webhook_secret, allowed_updates=ALLOWED_UPDATES)
        else:
            app.run_polling(allowed_updates=ALLOWED_UPDATES)
    except InvalidToken:
        raise TinbotError(TOKEN_HINT) from None
    except TelegramError as exc:
        where = config.base_url or "api.telegram.org"
        hint = ""
        if isinstance(exc, NetworkError):  # not an answer from the Bot API: it was not reached
            hint = ("; check --base-url and that the server there is running" if config.base_url else
                    "; check this machine's internet connection")
        raise TinbotError(f"cannot talk to the Bot API at {where}: {redact(str(exc), config.token)}{hint}") \
            from None
    finally:
        for handler in logging.getLogger().handlers:
            handler.removeFilter(redactor)
        logging.getLogger("telegram.ext").removeFilter(quiet_abort)
    if app.bot_data.get(TOKEN_REJECTED):
        raise TinbotError(TOKEN_HINT)
    return 0
