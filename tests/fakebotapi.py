"""A fake Telegram Bot API server for offline tests, driven by the real python-telegram-bot.

Real HTTP on 127.0.0.1 (stdlib ``ThreadingHTTPServer`` in a daemon thread)::

    with FakeBotAPI() as fake:
        app = (ApplicationBuilder().token(fake.token)
               .base_url(fake.base_url).base_file_url(fake.base_file_url).build())
        fake.push_text(42, "xin chào")
        ...
        await fake.await_messages(1, chat_id=42)

PTB builds ``f"{base_url}{token}/{method}"`` and POSTs form-urlencoded fields (multipart when
files are attached); JSON bodies and GET query strings are accepted too. Webhooks are stored but
never delivered. ``Call.ts`` is ``time.monotonic()``.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import email.parser
import email.policy
import itertools
import json
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from urllib.parse import parse_qsl, urlsplit

__all__ = ["Call", "FakeBotAPI", "TelegramHTMLError", "parse_telegram_html", "utf16_len",
           "validate_telegram_html"]

DEFAULT_TOKEN = "123456789:AAFakeTokenForTinbotTests_0123456789"
MAX_TEXT_LENGTH = 4096
GROUP_USER_ID = 4242  # default sender in group chats
NOT_MODIFIED = ("message is not modified: specified new message content and reply markup are exactly "
                "the same as a current content and reply markup of the message")
Json = dict[str, Any]


# ----------------------------------------------------------------------------- HTML validation
class TelegramHTMLError(ValueError):
    """Raised with Telegram's reason, e.g. ``can't parse entities: Unsupported start tag "br" at ...``."""


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, as Telegram counts offsets and limits."""
    return len(text.encode("utf-16-le")) // 2


_TAGS = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline", "ins": "underline",
         "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough", "span": "spoiler",
         "tg-spoiler": "spoiler", "a": "text_link", "code": "code", "pre": "pre", "blockquote": "blockquote",
         "tg-emoji": "custom_emoji"}
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY = re.compile(r"&(?:#x([0-9a-fA-F]*)|#([0-9]*)|([A-Za-z]*))(;?)")
_TAG_NAME = re.compile(r"[^ \t\r\n\v\0>]*")
_TAG_REST = re.compile(r"""((?:[^>"']|"[^"]*"|'[^']*')*)>""")  # attributes up to the closing '>'
_END_TAG = re.compile(r"</([^ \t\r\n\v\0>]*)[ \t\r\n\v\0]*>")
_ATTR = re.compile(r"""[ \t\r\n\v\0]*([^ \t\r\n\v\0=>]*)"""
                   r"""(?:[ \t\r\n\v\0]*=[ \t\r\n\v\0]*("[^"]*"|'[^']*'|[^ \t\r\n\v\0>]*))?""")
_WS = " \t\r\n\v\f"


def _decode_entity(text: str, pos: int, strict: bool) -> tuple[str, int] | None:
    """Decode the reference at ``text[pos] == '&'`` like tdlib (``;`` optional unless strict)."""
    m = _ENTITY.match(text, pos)
    assert m is not None
    hex_digits, dec_digits, name, semi = m.groups()
    if strict and not semi:
        return None
    if name is not None:
        return (_NAMED[name], m.end()) if name in _NAMED else None
    digits = hex_digits if hex_digits is not None else dec_digits
    code = int(digits, 16 if hex_digits is not None else 10) if digits and len(digits) < 8 else 0
    if not 0 < code < 0x10FFFF or 0xD800 <= code <= 0xDFFF or m.end() - len(semi) - pos >= 10:
        return None
    return chr(code), m.end()


def _unescape(text: str, strict: bool, fail: Callable[[str, int], TelegramHTMLError], base: int = 0) -> str:
    parts, k = [], 0
    while (amp := text.find("&", k)) >= 0:
        parts.append(text[k:amp])
        dec = _decode_entity(text, amp, strict)
        if dec is None and strict:
            raise fail('Character "&" must be escaped as "&amp;"', base + amp)
        parts.append(dec[0] if dec else "&")
        k = dec[1] if dec else amp + 1
    return "".join(parts) + text[k:]


def parse_telegram_html(text: str, *, strict: bool = True) -> tuple[str, list[Json]]:
    """Parse Telegram HTML into (visible text, entities), following tdlib's ``parse_html``.

    The text is whitespace-trimmed like Telegram's; entity offsets/lengths are UTF-16 units.
    ``strict`` (default) also rejects a ``&`` not starting a ``;``-terminated reference - the Bot API
    docs demand escaping although the real server passes a bare ``&`` through.
    """
    def fail(reason: str, pos: int) -> TelegramHTMLError:
        return TelegramHTMLError(f"can't parse entities: {reason} at byte offset {len(text[:pos].encode())}")

    out: list[str] = []
    stack: list[Json] = []
    entities: list[Json] = []
    u16, i, n = 0, 0, len(text)
    while i < n:
        if text[i] != "<":
            end = n if (end := text.find("<", i)) < 0 else end
            chunk = _unescape(text[i:end], strict, fail, i)
            out.append(chunk)
            u16 += utf16_len(chunk)
            i = end
            continue
        if text.startswith("</", i):
            if not stack:
                raise fail("Unexpected end tag", i)
            if not (m := _END_TAG.match(text, i)):
                raise fail("Unclosed end tag", i)
            top = stack.pop()
            if m[1] and m[1] != top["tag"]:
                raise TelegramHTMLError(f"{fail('Unmatched end tag', i)}, expected \"</{top['tag']}>\", "
                                        f"found \"</{m[1]}>\"")
            _close_entity(top, u16, "".join(out[top["out"]:]), stack, entities)
            i = m.end()
            continue
        name_end = _TAG_NAME.match(text, i + 1).end()  # type: ignore[union-attr]
        if name_end >= n:
            raise fail("Unclosed start tag", i)
        tag = text[i + 1:name_end].lower()
        if tag not in _TAGS:
            raise fail(f'Unsupported start tag "{tag}"', i)
        if not (m := _TAG_REST.match(text, name_end)):
            raise fail("Unclosed start tag", i)
        attrs, rest, base = {}, m[1], m.start(1)
        while rest.strip(" \t\r\n\v\0"):
            am = _ATTR.match(rest)
            assert am is not None
            if not am[1]:
                raise fail(f'Empty attribute name in the tag "{tag}"', i)
            raw = am[2]
            if raw is None and not (tag == "blockquote" and am[1] == "expandable"):
                raise fail(f'Expected equal sign in declaration of an attribute of the tag "{tag}"', i)
            if raw and raw[0] in "\"'":
                attrs[am[1]] = _unescape(raw[1:-1], strict, fail, base + am.start(2) + 1)
            elif raw and not re.fullmatch(r"[A-Za-z0-9.\-]*", raw):
                raise fail("Unexpected end of name token", base + am.start(2))
            else:
                attrs[am[1]] = (raw or "").lower()
            base, rest = base + am.end(), rest[am.end():]
        arg = {"a": attrs.get("href", ""), "tg-emoji": attrs.get("emoji-id", ""),
               "blockquote": "1" if "expandable" in attrs else ""}.get(tag, "")
        if tag == "code" and attrs.get("class", "").startswith("language-"):
            arg = attrs["class"][9:]
        if tag == "span" and attrs.get("class") != "tg-spoiler":
            raise fail('Tag "span" must have class "tg-spoiler"', i)
        if tag == "tg-emoji" and not (arg.isdigit() and int(arg) > 0):
            raise TelegramHTMLError("can't parse entities: Invalid custom emoji identifier specified")
        stack.append({"tag": tag, "arg": arg, "start": u16, "out": len(out)})
        i = m.end()
    if stack:
        raise TelegramHTMLError(f"can't parse entities: Can't find end tag corresponding to start tag "
                                f"\"{stack[-1]['tag']}\"")
    return _trim("".join(out), entities)


def _close_entity(top: Json, u16: int, inner: str, stack: list[Json], entities: list[Json]) -> None:
    tag, arg, start = top["tag"], top["arg"], top["start"]
    if tag == "code" and stack and stack[-1]["tag"] == "pre" and stack[-1]["start"] == start:
        stack[-1]["arg"] = stack[-1]["arg"] or arg  # <pre><code class="language-x"> -> pre + language
        return
    if u16 > start:
        ent: Json = {"type": _TAGS[tag], "offset": start, "length": u16 - start}
        if tag == "a":
            ent["url"] = arg or inner
        elif tag == "pre" and arg:
            ent["language"] = arg
        elif tag == "blockquote" and arg:
            ent["type"] = "expandable_blockquote"
        elif tag == "tg-emoji":
            ent["custom_emoji_id"] = arg
        entities.append(ent)


def _trim(visible: str, entities: list[Json]) -> tuple[str, list[Json]]:
    stripped = visible.strip(_WS)
    lead, total = utf16_len(visible[:len(visible) - len(visible.lstrip(_WS))]), utf16_len(stripped)
    fixed = []
    for ent in entities:
        lo, hi = max(ent["offset"] - lead, 0), min(ent["offset"] + ent["length"] - lead, total)
        if hi > lo:
            fixed.append({**ent, "offset": lo, "length": hi - lo})
    return stripped, sorted(fixed, key=lambda e: (e["offset"], -e["length"]))


def _check_length(visible: str, max_length: int = MAX_TEXT_LENGTH) -> None:
    if not visible.strip(_WS):
        raise TelegramHTMLError("message text is empty")
    if utf16_len(visible) > max_length:
        raise TelegramHTMLError("message is too long")


def validate_telegram_html(text: str, *, strict: bool = True, max_length: int = MAX_TEXT_LENGTH) -> str:
    """Validate ``parse_mode=HTML`` text like Telegram and return the visible (trimmed) text.

    Raises TelegramHTMLError (a ValueError): ``can't parse entities: ...``, ``message text is empty``
    or ``message is too long`` (limit counted in UTF-16 code units).
    """
    visible, _ = parse_telegram_html(text, strict=strict)
    _check_length(visible, max_length)
    return visible


# ----------------------------------------------------------------------------- request plumbing
class _APIError(Exception):
    def __init__(self, status: int, description: str, parameters: Json | None = None) -> None:
        super().__init__(description)
        self.status, self.description, self.parameters = status, description, parameters


def _bad(description: str) -> _APIError:
    return _APIError(400, f"Bad Request: {description}")


@dataclass
class Call:
    """One request received. Unpacks and indexes as ``(method, params, ts)``."""

    method: str
    params: Json
    ts: float
    status: int = 200  # HTTP status sent; 0 = connection dropped before any response
    ok: bool = True
    result: Any = None  # the result on success, the error description otherwise
    fault: str | None = None  # None | "error" (fail_next) | "drop" | "drop_partial" (drop_next)
    delay: float = 0.0
    encoding: str = "form"  # form | multipart | json | query

    def __iter__(self) -> Iterator[Any]:
        return iter((self.method, self.params, self.ts))

    def __getitem__(self, index: int) -> Any:
        return (self.method, self.params, self.ts)[index]


@dataclass
class _Fault:
    count: int
    error: _APIError | None = None  # None means: drop the connection
    after_processing: bool = False
    body: bytes | None = None  # sent as is instead of the JSON error (e.g. a proxy's HTML error page)
    chat_id: int | str | None = None  # only calls with this chat_id (None: any call)


_STR_FIELDS = frozenset({"text", "caption", "parse_mode", "callback_query_id", "inline_message_id", "url",
                         "action", "description", "name", "language_code", "secret_token", "emoji", "data"})
_JSON_FIELDS = frozenset({"reply_markup", "entities", "caption_entities", "allowed_updates", "commands",
                          "scope", "reply_parameters", "link_preview_options", "media"})


def _coerce(key: str, value: Any) -> Any:
    """Type a form field the way Telegram reads it (PTB sends non-strings JSON-encoded)."""
    if not isinstance(value, str) or key in _STR_FIELDS:
        return value
    try:
        decoded = json.loads(value)
    except ValueError:
        return value
    return value if isinstance(decoded, str) else decoded


def _parse_body(content_type: str, body: bytes, query: str) -> tuple[Json, str]:
    params: Json = {k: _coerce(k, v) for k, v in parse_qsl(query, keep_blank_values=True)}
    ctype = content_type.split(";")[0].strip().lower()
    if not body:
        return params, "query"
    if ctype == "application/json":
        data = json.loads(body)
        if not isinstance(data, dict):
            raise ValueError("JSON body must be an object")
        params.update({k: _coerce(k, v) if k in _JSON_FIELDS else v for k, v in data.items()})
        return params, "json"
    if ctype == "multipart/form-data":
        msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body)
        for part in msg.iter_parts():  # type: ignore[attr-defined]
            name, filename = part.get_param("name", header="content-disposition"), part.get_filename()
            payload = part.get_payload(decode=True)
            params[name] = (_coerce(name, payload.decode()) if filename is None else
                            {"filename": filename, "content_type": part.get_content_type(), "data": payload})
        return params, "multipart"
    params.update({k: _coerce(k, v) for k, v in parse_qsl(body.decode(), keep_blank_values=True)})
    return params, "form"


_BUTTON_ACTIONS = ("url", "callback_data", "web_app", "login_url", "switch_inline_query", "copy_text", "pay",
                   "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "callback_game")


def _validate_reply_markup(markup: Any) -> None:
    if not isinstance(markup, dict):
        raise _bad("can't parse reply keyboard markup JSON object")
    for kind in ("inline_keyboard", "keyboard"):
        if kind in markup:
            rows = markup[kind]
            if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
                raise _bad(f'field "{kind}" must be an Array of Arrays')
            break
    else:
        if markup.get("remove_keyboard") is not True and markup.get("force_reply") is not True:
            raise _bad("can't parse reply keyboard markup JSON object")
        return
    if kind == "keyboard":
        return
    if sum(map(len, rows)) > 100:
        raise _bad("reply markup is too long")
    for button in itertools.chain.from_iterable(rows):
        if not isinstance(button, dict) or not isinstance(button.get("text"), str) or not button["text"]:
            raise _bad('can\'t parse inline keyboard button: Field "text" must be a non-empty String')
        if sum(a in button for a in _BUTTON_ACTIONS) != 1:
            raise _bad("can't parse inline keyboard button: Text buttons are unallowed in the inline "
                       "keyboard")
        data = button.get("callback_data", "x")
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= 64:
            raise _bad("BUTTON_DATA_INVALID")
        if "url" in button and not re.match(r"(https?|tg)://\S+$", str(button["url"])):
            raise _bad("BUTTON_URL_INVALID")


_AUTO_ENTITIES = (("mention", re.compile(r"(?<!\w)@[A-Za-z0-9_]{2,32}(?!\w)")),
                  ("bot_command",
                   re.compile(r"(?<![\w/<>])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/<>])")),
                  ("url", re.compile(r"https?://[^\s<>\"]+")))


def _auto_entities(text: str) -> list[Json]:
    """Entities Telegram detects server-side in a user's plain text (mentions, /commands, URLs)."""
    found = [{"type": kind, "offset": utf16_len(text[:m.start()]), "length": utf16_len(m.group())}
             for kind, rx in _AUTO_ENTITIES for m in rx.finditer(text)]
    return sorted(found, key=lambda e: e["offset"])


# ----------------------------------------------------------------------------- HTTP layer
class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 128  # the stdlib's 5 resets connections when a bot opens dozens at once
    fake: FakeBotAPI

    def handle_error(self, request: Any, client_address: Any) -> None:  # clients hang up; stay quiet
        pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like PTB's pooled httpx client expects
    disable_nagle_algorithm = True  # otherwise header+body writes stall ~40 ms on delayed ACKs
    timeout = 120  # idle keep-alive sockets; stop() shuts them down anyway
    server: _Server

    def setup(self) -> None:
        super().setup()
        self.server.fake._track(self.connection, threading.current_thread())

    def finish(self) -> None:
        with contextlib.suppress(OSError):
            super().finish()
        self.server.fake._track(self.connection, None)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _serve(self) -> None:
        try:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            status, payload, drop = self.server.fake._handle_http(
                self.path, self.headers.get("Content-Type", ""), body)
            if drop == "before":
                self.close_connection = True
                return
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload[: len(payload) // 2] if drop else payload)
            self.close_connection = self.close_connection or bool(drop)
        except OSError:
            self.close_connection = True

    do_GET = do_POST = _serve


# ----------------------------------------------------------------------------- the fake server
class FakeBotAPI:
    """In-process fake of api.telegram.org for one bot; see the module docstring."""

    def __init__(self, token: str = DEFAULT_TOKEN, *, bot_username: str = "tinbot_test_bot",
                 strict_html: bool = True, max_poll_timeout: float = 10.0, first_update_id: int = 1000,
                 host: str = "127.0.0.1", port: int = 0) -> None:
        self.token, self.bot_username, self.strict_html = token, bot_username, strict_html
        self.max_poll_timeout = max_poll_timeout
        self.bot_user: Json = {"id": int(token.split(":")[0]), "is_bot": True, "first_name": "TinBot",
                               "username": bot_username, "can_join_groups": True,
                               "can_read_all_group_messages": False, "supports_inline_queries": False}
        self.webhook_url = ""
        self.pushed: list[Json] = []  # every update ever pushed, in order
        self._addr = (host, port)
        self._cond = threading.Condition(threading.RLock())  # guards all state below
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._conns: dict[socket.socket, threading.Thread] = {}
        self._calls: list[Call] = []
        self._updates: list[Json] = []
        self._next_update_id, self._poll_gen = first_update_id, 0
        self._allowed_updates: set[str] | None = None
        self._chats: dict[int, Json] = {}
        self._last_msg_id: dict[int, int] = {}
        self._messages: dict[tuple[int, int], Json] = {}
        self._callbacks: dict[str, bool] = {}  # id -> answered
        self._cb_ids = itertools.count(700_000_001)
        self._commands: dict[tuple[str, str], list[Json]] = {}
        self._faults: dict[str, list[_Fault]] = {}
        self._delays: dict[str, list[Any]] = {}  # method -> [seconds, remaining count or None]
        self._handlers: dict[str, tuple[str, Callable[[Json], Any]]] = {}
        for name in ("getMe", "getUpdates", "sendMessage", "editMessageText", "editMessageReplyMarkup",
                     "deleteMessage", "answerCallbackQuery", "sendChatAction", "setWebhook", "deleteWebhook",
                     "getWebhookInfo", "setMyCommands", "deleteMyCommands", "getMyCommands"):
            self.set_handler(name, getattr(self, "_" + re.sub(r"([A-Z])", r"_\1", name).lower()))
        self.set_handler("close", lambda p: True)
        self.set_handler("logOut", lambda p: True)

    # -- lifecycle ---------------------------------------------------------------------------------
    def start(self) -> Self:
        """Bind (a free port by default) and serve in a daemon thread."""
        self._stopping.clear()
        self._server = _Server(self._addr, _Handler)
        self._server.fake = self
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True,
                                        name="FakeBotAPI")
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Wake pending long polls and delays, close every connection, join the threads."""
        if self._server is None:
            return
        with self._cond:
            self._stopping.set()
            self._cond.notify_all()
        self._server.shutdown()
        self._server.server_close()
        with self._cond:
            conns = dict(self._conns)
        for sock in conns:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        deadline = time.monotonic() + timeout
        for thread in (self._thread, *conns.values()):
            if thread is not threading.current_thread():
                thread.join(max(0.0, deadline - time.monotonic()))
        self._server = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server is not None, "FakeBotAPI is not started"
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        """For ``ApplicationBuilder().base_url(...)``: PTB appends ``{token}/{method}``."""
        return f"http://{self._addr[0]}:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://{self._addr[0]}:{self.port}/file/bot"

    @property
    def mention(self) -> str:
        return f"@{self.bot_username}"

    def _track(self, sock: socket.socket, thread: threading.Thread | None) -> None:
        with self._cond:
            if thread is None:
                self._conns.pop(sock, None)
            else:
                self._conns[sock] = thread

    # -- dispatch ----------------------------------------------------------------------------------
    def set_handler(self, method: str, fn: Callable[[Json], Any]) -> None:
        """Add or override a method: ``fn(params) -> result``, run under the fake's lock.

        Raise ``FakeBotAPI.error(400, "Bad Request: ...")`` to answer with an error.
        """
        self._handlers[method.lower()] = (method, fn)

    @staticmethod
    def error(status: int, description: str, parameters: Json | None = None) -> Exception:
        return _APIError(status, description, parameters)

    def _handle_http(self, path: str, content_type: str, body: bytes) -> tuple[int, bytes, str | None]:
        """Process one request; returns (status, body, drop) where drop is None|"before"|"partial"."""
        call = Call("", {}, time.monotonic())
        url = urlsplit(path)
        m = re.fullmatch(r"/bot([^/]*)/([^/]*)", url.path)
        if not m:
            return 404, b'{"ok":false,"error_code":404,"description":"Not Found"}', None
        token, raw_method = m.groups()
        call.method, fn = self._handlers.get(raw_method.lower(), (raw_method, None))
        try:
            call.params, call.encoding = _parse_body(content_type, body, url.query)
        except ValueError as exc:  # includes JSON and Unicode decoding errors
            call.encoding = "invalid"
            return self._finish(call, _bad(f"can't parse request body: {exc}"))
        if token != self.token:
            return self._finish(call, _APIError(401, "Unauthorized"))
        if fn is None:
            return self._finish(call, _APIError(404, "Not Found"))
        with self._cond:
            fault, call.delay = self._take_fault(call.method, call.params), self._take_delay(call.method)
        if call.delay:
            self._stopping.wait(call.delay)
        if fault and fault.error:
            call.fault = "error"
            status, payload, _ = self._finish(call, fault.error)
            return status, payload if fault.body is None else fault.body, None
        if fault and not fault.after_processing:
            call.fault, call.status, call.ok = "drop", 0, False
            self._record(call)
            return 0, b"", "before"
        try:
            with self._cond:
                result = fn(call.params)
        except _APIError as exc:
            return self._finish(call, exc)
        except Exception as exc:  # noqa: BLE001 - a fake bug or absurd input: answer 500, never hang
            return self._finish(call, _APIError(500, f"Internal Server Error: fake crashed: {exc!r}"))
        if fault:
            call.fault = "drop_partial"
        status, payload, _ = self._finish(call, None, result)
        return status, payload, "partial" if fault else None

    def _finish(self, call: Call, exc: _APIError | None, result: Any = None) -> tuple[int, bytes, None]:
        if exc is None:
            call.status, call.ok, call.result = 200, True, copy.deepcopy(result)
            payload: Json = {"ok": True, "result": result}
        else:
            call.status, call.ok, call.result = exc.status, False, exc.description
            payload = {"ok": False, "error_code": exc.status, "description": exc.description}
            if exc.parameters:
                payload["parameters"] = exc.parameters
        self._record(call)
        return call.status, json.dumps(payload, ensure_ascii=False).encode(), None

    def _record(self, call: Call) -> None:
        with self._cond:
            self._calls.append(call)
            self._cond.notify_all()

    # -- fault injection ---------------------------------------------------------------------------
    def fail_next(self, method: str, status: int = 429, *, retry_after: int = 2, count: int = 1,
                  description: str | None = None, body: bytes | None = None,
                  chat_id: int | str | None = None) -> None:
        """Answer the next ``count`` calls of ``method`` ("*" = any) with ``status``, not executing them.

        429 gets Telegram's ``Too Many Requests: retry after N`` + ``parameters.retry_after``.
        ``body`` replaces the JSON error with raw bytes, like a proxy's HTML error page.
        ``chat_id`` limits the fault to calls for that chat (others pass, and later faults may hit them).
        """
        default = {429: f"Too Many Requests: retry after {retry_after}", 400: "Bad Request", 409: "Conflict",
                   403: "Forbidden: bot was blocked by the user", 500: "Internal Server Error",
                   502: "Bad Gateway"}.get(status, "Error")
        params = {"retry_after": retry_after} if status == 429 else None
        self._add_fault(method, _Fault(count, _APIError(status, description or default, params), body=body,
                                       chat_id=chat_id))

    def drop_next(self, method: str, *, count: int = 1, after_processing: bool = False) -> None:
        """Close the connection on the next ``count`` calls without a complete response.

        ``after_processing``: the call IS executed (e.g. the message is sent), then the connection dies
        mid-response (headers + half the body) - the classic duplicate-send hazard.
        """
        self._add_fault(method, _Fault(count, None, after_processing))

    def delay(self, method: str, seconds: float, *, count: int | None = None) -> None:
        """Sleep before handling calls of ``method`` ("*" = any); ``count=None`` = until cleared (0 s)."""
        with self._cond:
            if seconds > 0:
                self._delays[method.lower()] = [seconds, count]
            else:
                self._delays.pop(method.lower(), None)

    def clear_faults(self) -> None:
        with self._cond:
            self._faults.clear()
            self._delays.clear()

    def _add_fault(self, method: str, fault: _Fault) -> None:
        with self._cond:
            self._faults.setdefault(method.lower(), []).append(fault)

    def _take_fault(self, method: str, params: Json) -> _Fault | None:
        for queue in (self._faults.get(method.lower()), self._faults.get("*")):
            for i, fault in enumerate(queue or ()):
                if fault.chat_id is None or str(fault.chat_id) == str(params.get("chat_id")):
                    fault.count -= 1
                    return queue.pop(i) if fault.count <= 0 else fault  # type: ignore[union-attr]
        return None

    def _take_delay(self, method: str) -> float:
        for key in (method.lower(), "*"):
            if entry := self._delays.get(key):
                if entry[1] is not None:
                    entry[1] -= 1
                    if entry[1] <= 0:
                        del self._delays[key]
                return float(entry[0])
        return 0.0

    # -- inspection --------------------------------------------------------------------------------
    @property
    def calls(self) -> list[Call]:
        """Snapshot of every request received, in completion order."""
        with self._cond:
            return list(self._calls)

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method.lower() == method.lower()]

    def faulted_calls(self, method: str | None = None) -> list[Call]:
        return [c for c in self.calls if c.fault and (method is None or c.method.lower() == method.lower())]

    def reset_calls(self) -> None:
        with self._cond:
            self._calls.clear()

    def forget_history(self) -> None:
        """Drop recorded calls, pushed updates, stored messages and answered callback queries (chats and
        message ids carry on), so a long soak measures the bot's memory, not the fake's."""
        with self._cond:
            self._calls.clear()
            self.pushed.clear()
            self._messages.clear()
            self._callbacks = {k: v for k, v in self._callbacks.items() if not v}

    def sent_messages(self, chat_id: int | None = None) -> list[Json]:
        """Messages returned by successful sendMessage calls, as sent (``message()`` shows edits)."""
        return [copy.deepcopy(c.result) for c in self.calls_to("sendMessage")
                if c.ok and (chat_id is None or c.result["chat"]["id"] == chat_id)]

    def message(self, chat_id: int, message_id: int) -> Json | None:
        """Current state of a stored message (after edits), None if unknown or deleted."""
        with self._cond:
            return copy.deepcopy(self._messages.get((chat_id, message_id)))

    def pending_updates(self) -> list[Json]:
        """Updates not yet confirmed by a getUpdates offset."""
        with self._cond:
            return copy.deepcopy(self._updates)

    def _matching(self, cond: int | Callable[[Call], bool], method: str | None,
                  count: int | None) -> tuple[list[Call], int]:
        want, pred = (cond, None) if isinstance(cond, int) else (count or 1, cond)
        hits = [c for c in self.calls if (method is None or c.method.lower() == method.lower())
                and (pred is None or pred(c))]
        return hits, want

    def _timeout(self, what: str, got: int) -> TimeoutError:
        seen = [(c.method, c.status) for c in self.calls]
        return TimeoutError(f"wanted {what}, got {got}; recorded (method, status): {seen}")

    def wait_for(self, cond: int | Callable[[Call], bool] = 1, *, method: str | None = None,
                 count: int | None = None, timeout: float = 5.0) -> list[Call]:
        """Block until ``count`` calls match ``method`` and predicate ``cond`` (or ``cond`` calls if an
        int); return the matching calls. For code not running on the event loop under test."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while len((found := self._matching(cond, method, count))[0]) < found[1]:
                if (remaining := deadline - time.monotonic()) <= 0:
                    raise self._timeout(f"{found[1]} call(s) to {method or 'any method'}", len(found[0]))
                self._cond.wait(remaining)
            return found[0]

    async def await_calls(self, cond: int | Callable[[Call], bool] = 1, *, method: str | None = None,
                          count: int | None = None, timeout: float = 5.0) -> list[Call]:
        """``wait_for`` that does not block the event loop (the Application may run on it)."""
        deadline = time.monotonic() + timeout
        while len((found := self._matching(cond, method, count))[0]) < found[1]:
            if time.monotonic() >= deadline:
                raise self._timeout(f"{found[1]} call(s) to {method or 'any method'}", len(found[0]))
            await asyncio.sleep(0.01)
        return found[0]

    def wait_for_messages(self, count: int = 1, *, chat_id: int | None = None,
                          timeout: float = 5.0) -> list[Json]:
        """Block until ``count`` messages were sent (to ``chat_id``); return all of them."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while len(msgs := self.sent_messages(chat_id)) < count:
                if (remaining := deadline - time.monotonic()) <= 0:
                    raise self._timeout(f"{count} sent message(s)", len(msgs))
                self._cond.wait(remaining)
            return msgs

    async def await_messages(self, count: int = 1, *, chat_id: int | None = None,
                             timeout: float = 5.0) -> list[Json]:
        deadline = time.monotonic() + timeout
        while len(msgs := self.sent_messages(chat_id)) < count:
            if time.monotonic() >= deadline:
                raise self._timeout(f"{count} sent message(s)", len(msgs))
            await asyncio.sleep(0.01)
        return msgs

    # -- update injection --------------------------------------------------------------------------
    def push_update(self, update: Mapping[str, Any]) -> int:
        """Queue a raw update (``update_id`` assigned when missing); returns the update_id."""
        upd = copy.deepcopy(dict(update))
        with self._cond:
            upd.setdefault("update_id", self._next_update_id)
            self._next_update_id = max(self._next_update_id, upd["update_id"]) + 1
            self._updates.append(upd)
            self.pushed.append(copy.deepcopy(upd))
            self._cond.notify_all()
            return upd["update_id"]

    @staticmethod
    def _user(user_id: int) -> Json:
        return {"id": user_id, "is_bot": False, "first_name": f"User{user_id}", "username": f"user{user_id}",
                "language_code": "vi"}

    def _chat(self, chat_id: int, chat_type: str | None, user: Json | None = None) -> Json:
        chat_type = chat_type or ("private" if chat_id > 0 else "supergroup")
        if (chat_type == "private") != (chat_id > 0) or chat_type not in ("private", "group", "supergroup",
                                                                           "channel"):
            raise ValueError(f"bad chat {chat_id} of type {chat_type!r} (private ids > 0, group ids < 0)")
        user = user or self._user(chat_id)
        self._chats[chat_id] = ({"id": chat_id, "type": "private", "first_name": user["first_name"],
                                 "username": user["username"]} if chat_type == "private" else
                                {"id": chat_id, "type": chat_type, "title": f"Test {chat_type} {chat_id}"})
        return self._chats[chat_id]

    def _new_message(self, chat: Json, sender: Json, fields: Mapping[str, Any]) -> Json:
        mid = self._last_msg_id[chat["id"]] = self._last_msg_id.get(chat["id"], 0) + 1
        msg = {"message_id": mid, "from": sender, "chat": chat, "date": int(time.time()),
               **{k: v for k, v in fields.items() if v is not None}}
        self._messages[(chat["id"], mid)] = msg
        return copy.deepcopy(msg)

    def _quoted(self, chat: Json, message_id: int) -> Json:
        """A stored message as it appears in reply_to_message / callback_query.message."""
        stub = {"message_id": message_id, "from": self.bot_user, "chat": chat, "date": int(time.time()),
                "text": ""}
        msg = self._messages.get((chat["id"], message_id)) or stub
        return {k: v for k, v in copy.deepcopy(msg).items() if k != "reply_to_message"}

    def _push_message(self, chat_id: int, user_id: int | None, chat_type: str | None,
                      reply_to_bot_message_id: int | None, extra: Mapping[str, Any] | None,
                      **fields: Any) -> int:
        with self._cond:
            user = self._user(user_id or (chat_id if chat_id > 0 else GROUP_USER_ID))
            known = chat_type is None and chat_id in self._chats
            chat = self._chats[chat_id] if known else self._chat(chat_id, chat_type, user)
            if reply_to_bot_message_id is not None:
                fields["reply_to_message"] = self._quoted(chat, reply_to_bot_message_id)
            return self.push_update({"message": self._new_message(chat, user, {**fields, **(extra or {})})})

    def push_text(self, chat_id: int, text: str, *, user_id: int | None = None, chat_type: str | None = None,
                  reply_to_bot_message_id: int | None = None, entities: list[Json] | None = None,
                  extra: Mapping[str, Any] | None = None) -> int:
        """A user's text message; returns the update_id.

        ``entities=None`` auto-detects @mentions, /commands and URLs as Telegram does (``[]`` for none).
        ``chat_type=None``: private for positive ids, supergroup for negative. ``extra`` is merged
        into the Message object.
        """
        ents = _auto_entities(text) if entities is None else entities
        return self._push_message(chat_id, user_id, chat_type, reply_to_bot_message_id, extra,
                                  text=text, entities=ents or None)

    def push_command(self, chat_id: int, command: str, args: str = "", *, to_bot: bool = False,
                     **kwargs: Any) -> int:
        """``/command[@bot_username] args``, with its bot_command entity."""
        text = "/" + command.lstrip("/") + (self.mention if to_bot else "") + (f" {args}" if args else "")
        return self.push_text(chat_id, text, **kwargs)

    def push_sticker(self, chat_id: int, *, emoji: str = "👍", user_id: int | None = None,
                     chat_type: str | None = None, extra: Mapping[str, Any] | None = None) -> int:
        sticker = {"file_id": "CAACAgIAAxkBAAFakeSticker", "file_unique_id": "AgADFakeSticker", "width": 512,
                   "height": 512, "type": "regular", "is_animated": False, "is_video": False, "emoji": emoji}
        return self._push_message(chat_id, user_id, chat_type, None, extra, sticker=sticker)

    def push_photo(self, chat_id: int, *, caption: str | None = None, user_id: int | None = None,
                   chat_type: str | None = None, extra: Mapping[str, Any] | None = None) -> int:
        photo = [{"file_id": f"AgACAgIAAxkBAAFakePhoto{w}", "file_unique_id": f"AQADFakePhoto{w}", "width": w,
                  "height": w * 3 // 4, "file_size": w * 100} for w in (90, 320, 1280)]
        return self._push_message(chat_id, user_id, chat_type, None, extra, photo=photo, caption=caption)

    def push_callback(self, chat_id: int, message_id: int, data: str, *, user_id: int | None = None,
                      chat_type: str | None = None) -> str:
        """A press on an inline button of message ``message_id``; returns the callback_query id."""
        with self._cond:
            user = self._user(user_id or (chat_id if chat_id > 0 else GROUP_USER_ID))
            chat = self._chats.get(chat_id) or self._chat(chat_id, chat_type, user)
            query_id = str(next(self._cb_ids))
            self._callbacks[query_id] = False
            self.push_update({"callback_query": {"id": query_id, "from": user, "data": data,
                                                 "message": self._quoted(chat, message_id),
                                                 "chat_instance": str(abs(chat_id) * 7919)}})
            return query_id

    def push_inline_callback(self, data: str, *, user_id: int = 1, inline_message_id: str = "AAAAFakeInline") -> str:
        """A press on a button of an inline-mode message: the update carries no message and no chat."""
        with self._cond:
            query_id = str(next(self._cb_ids))
            self._callbacks[query_id] = False
            self.push_update({"callback_query": {"id": query_id, "from": self._user(user_id), "data": data,
                                                 "inline_message_id": inline_message_id, "chat_instance": "1"}})
            return query_id

    # -- Bot API methods (run with self._cond held) ------------------------------------------------
    def _get_me(self, p: Json) -> Any:
        return self.bot_user

    def _get_updates(self, p: Json) -> Any:
        if self.webhook_url:
            raise _APIError(409, "Conflict: can't use getUpdates method while webhook is active; use "
                                 "deleteWebhook to delete the webhook first")
        offset, limit = int(p.get("offset", 0)), min(max(int(p.get("limit", 100)), 1), 100)
        deadline = time.monotonic() + min(max(float(p.get("timeout", 0)), 0.0), self.max_poll_timeout)
        if isinstance(p.get("allowed_updates"), list):
            self._allowed_updates = set(p["allowed_updates"]) or None
        if offset:  # confirm everything below offset (negative: keep only the last -offset)
            self._updates = [u for u in self._updates if u["update_id"] >= offset] if offset > 0 \
                else self._updates[offset:]
        self._poll_gen += 1
        gen = self._poll_gen
        self._cond.notify_all()
        while not self._stopping.is_set():
            if gen != self._poll_gen:
                raise _APIError(409, "Conflict: terminated by other getUpdates request; make sure that only "
                                     "one bot instance is running")
            if self._allowed_updates:  # Telegram never delivers the others
                self._updates = [u for u in self._updates if set(u) & self._allowed_updates]
            if self._updates or (remaining := deadline - time.monotonic()) <= 0:
                return copy.deepcopy(self._updates[:limit])
            self._cond.wait(remaining)
        return []

    def _resolve_chat(self, p: Json) -> Json:
        chat_id = p.get("chat_id")
        if chat_id in (None, ""):
            raise _bad("chat_id is empty")
        if isinstance(chat_id, str) and re.fullmatch(r"-?\d+", chat_id):
            chat_id = int(chat_id)
        if not isinstance(chat_id, int) or chat_id == 0:
            raise _bad("chat not found")
        return self._chats.get(chat_id) or self._chat(chat_id, None)

    def _format(self, p: Json) -> tuple[str, list[Json] | None]:
        text, mode = p.get("text"), str(p.get("parse_mode") or "").lower()
        if not isinstance(text, str) or not text:
            raise _bad("message text is empty")
        try:
            if mode == "html":
                visible, entities = parse_telegram_html(text, strict=self.strict_html)
            elif mode in ("", "markdown", "markdownv2"):  # Markdown is passed through unparsed
                visible, entities = text.strip(_WS), None if mode else p.get("entities")
            else:
                raise _bad("unsupported parse_mode")
            _check_length(visible)
        except TelegramHTMLError as exc:
            raise _bad(str(exc)) from None
        return visible, entities or None

    def _inline_markup(self, p: Json) -> Json | None:
        """Validate reply_markup; return it if it is an inline keyboard (the only kind echoed back)."""
        if (markup := p.get("reply_markup")) is None:
            return None
        _validate_reply_markup(markup)
        return markup if markup.get("inline_keyboard") else None

    def _editable(self, p: Json) -> Json | None:
        if p.get("inline_message_id"):
            return None
        msg = self._messages.get((self._resolve_chat(p)["id"], int(p.get("message_id") or 0)))
        if msg is None:
            raise _bad("message to edit not found")
        if msg["from"]["id"] != self.bot_user["id"]:
            raise _bad("message can't be edited")
        return msg

    def _send_message(self, p: Json) -> Any:
        chat = self._resolve_chat(p)
        text, entities = self._format(p)
        markup = self._inline_markup(p)
        reply = p.get("reply_parameters") if isinstance(p.get("reply_parameters"), dict) else {}
        reply_id, quoted = reply.get("message_id") or p.get("reply_to_message_id"), None
        if reply_id and (chat["id"], int(reply_id)) in self._messages:
            quoted = self._quoted(chat, int(reply_id))
        elif reply_id and not reply.get("allow_sending_without_reply", p.get("allow_sending_without_reply")):
            raise _bad("message to be replied not found")
        return self._new_message(chat, self.bot_user, {
            "text": text, "entities": entities, "reply_markup": markup, "reply_to_message": quoted,
            "message_thread_id": p.get("message_thread_id")})

    def _edit(self, msg: Json, **changes: Any) -> Json:
        if all(msg.get(k) == v for k, v in changes.items()):
            raise _bad(NOT_MODIFIED)
        for key, value in changes.items():
            if value is None:
                msg.pop(key, None)
            else:
                msg[key] = value
        msg["edit_date"] = int(time.time())
        return copy.deepcopy(msg)

    def _edit_message_text(self, p: Json) -> Any:
        text, entities = self._format(p)
        markup = self._inline_markup(p)  # omitting reply_markup removes the keyboard, like Telegram
        msg = self._editable(p)
        return True if msg is None else self._edit(msg, text=text, entities=entities, reply_markup=markup)

    def _edit_message_reply_markup(self, p: Json) -> Any:
        markup = self._inline_markup(p)
        msg = self._editable(p)
        return True if msg is None else self._edit(msg, reply_markup=markup)

    def _delete_message(self, p: Json) -> Any:
        if self._messages.pop((self._resolve_chat(p)["id"], int(p.get("message_id") or 0)), None) is None:
            raise _bad("message to delete not found")
        return True

    def _answer_callback_query(self, p: Json) -> Any:
        query_id = str(p.get("callback_query_id") or "")
        if self._callbacks.get(query_id, True):  # unknown or already answered
            raise _bad("query is too old and response timeout expired or query ID is invalid")
        if len(str(p.get("text") or "")) > 200:
            raise _bad("MESSAGE_TOO_LONG")
        self._callbacks[query_id] = True
        return True

    def _send_chat_action(self, p: Json) -> Any:
        self._resolve_chat(p)
        if p.get("action") not in {"typing", "upload_photo", "record_video", "upload_video", "record_voice",
                                   "upload_voice", "upload_document", "choose_sticker", "find_location",
                                   "record_video_note", "upload_video_note"}:
            raise _bad("wrong parameter action in request")
        return True

    def _set_webhook(self, p: Json) -> Any:
        url = str(p.get("url") or "")
        if url and not url.startswith("https://"):
            raise _bad("bad webhook: An HTTPS URL must be provided for webhook")
        self.webhook_url = url
        if p.get("drop_pending_updates"):
            self._updates.clear()
        self._cond.notify_all()
        return True

    def _delete_webhook(self, p: Json) -> Any:
        return self._set_webhook({"drop_pending_updates": p.get("drop_pending_updates")})

    def _get_webhook_info(self, p: Json) -> Any:
        info = {"url": self.webhook_url, "has_custom_certificate": False,
                "pending_update_count": len(self._updates)}
        return {**info, "max_connections": 40} if self.webhook_url else info

    @staticmethod
    def _scope_key(p: Json) -> tuple[str, str]:
        scope = json.dumps(p.get("scope") or {"type": "default"}, sort_keys=True)
        return scope, str(p.get("language_code") or "")

    def _set_my_commands(self, p: Json) -> Any:
        commands = p.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise _bad("can't parse commands JSON object")
        for cmd in commands:
            if not isinstance(cmd, dict) or not re.fullmatch(r"[a-z0-9_]{1,32}", str(cmd.get("command"))):
                raise _bad("BOT_COMMAND_INVALID")
            if not 1 <= len(str(cmd.get("description") or "")) <= 256:
                raise _bad("BOT_COMMAND_DESCRIPTION_INVALID")
        self._commands[self._scope_key(p)] = commands
        return True

    def _delete_my_commands(self, p: Json) -> Any:
        self._commands.pop(self._scope_key(p), None)
        return True

    def _get_my_commands(self, p: Json) -> Any:
        return self._commands.get(self._scope_key(p), [])
