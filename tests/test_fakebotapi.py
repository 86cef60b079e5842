"""Tests of the fake Bot API server, driven by the real python-telegram-bot client."""
from __future__ import annotations

import asyncio
import contextlib
import datetime as dtm
import html
import re
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Conflict, InvalidToken, NetworkError, RetryAfter
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from tests.fakebotapi import Call, FakeBotAPI, TelegramHTMLError, parse_telegram_html, validate_telegram_html

CHAT = 4711


@pytest.fixture
def fake() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as server:
        yield server


def run(coro: Any, timeout: float = 10.0) -> Any:
    """Run a coroutine with a hard time bound (pytest-timeout is not guaranteed to be installed)."""
    return asyncio.run(asyncio.wait_for(coro, timeout))


def make_bot(fake: FakeBotAPI) -> Bot:
    return Bot(fake.token, base_url=fake.base_url, base_file_url=fake.base_file_url)


def ci(text: str) -> str:
    """Case-insensitive literal pattern: PTB re-capitalizes error messages ("Bad Request: x" -> "X")."""
    return f"(?i){re.escape(text)}"


# ----------------------------------------------------------------------------- plain Bot
def test_get_me_and_url_composition(fake: FakeBotAPI) -> None:
    async def main() -> None:
        async with make_bot(fake) as bot:  # initialize() calls getMe
            me = await bot.get_me()
            assert me.username == fake.bot_username and me.is_bot
            assert bot.base_url == f"{fake.base_url}{fake.token}"

    run(main())
    method, params, ts = fake.calls[-1]
    assert method == "getMe" and params == {} and ts > 0


def test_wrong_token_is_rejected(fake: FakeBotAPI) -> None:
    async def main() -> None:
        async with Bot("42:not-the-token", base_url=fake.base_url) as bot:
            await bot.get_me()

    with pytest.raises(InvalidToken):
        run(main())
    assert fake.calls[-1].status == 401


def test_send_valid_html_is_recorded(fake: FakeBotAPI) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Nguồn", callback_data="src:1"),
                                    InlineKeyboardButton("Web", url="https://vnexpress.net")]])
    text = '<b>Ngân sách</b> &lt;120,3 tỷ&gt; <a href="https://x.vn/?a=1&amp;b=2">nguồn</a>'

    async def main() -> None:
        async with make_bot(fake) as bot:
            msg = await bot.send_message(CHAT, text, parse_mode="HTML", reply_markup=markup)
            assert msg.text == "Ngân sách <120,3 tỷ> nguồn"
            assert msg.from_user.id == bot.id and msg.chat.id == CHAT
            assert msg.reply_markup == markup
            # entities are returned, so PTB can rebuild HTML (note: PTB leaves "&" in hrefs unescaped)
            assert msg.text_html == ('<b>Ngân sách</b> &lt;120,3 tỷ&gt; '
                                     '<a href="https://x.vn/?a=1&b=2">nguồn</a>')
            second = await bot.send_message(CHAT, "again")
            assert second.message_id == msg.message_id + 1

    run(main())
    call = fake.calls_to("sendMessage")[0]
    assert call.encoding == "form" and call.params["parse_mode"] == "HTML"  # PTB 22 posts urlencoded forms
    assert call.params["chat_id"] == CHAT and isinstance(call.params["reply_markup"], dict)
    assert [m["text"] for m in fake.sent_messages(CHAT)] == ["Ngân sách <120,3 tỷ> nguồn", "again"]
    assert fake.sent_messages(CHAT + 1) == []


@pytest.mark.parametrize(("text", "reason"), [
    ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
    ("<script>alert(1)</script>", 'Unsupported start tag "script" at byte offset 0'),
    ("a & b", 'Character "&" must be escaped'),
    ("a < b", 'Unsupported start tag "" at byte offset 2'),
    ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
    ("đ<br>", 'Unsupported start tag "br" at byte offset 2'),  # byte offsets are UTF-8
    ("x" * 4097, "message is too long"),
    ("<b> </b>", "message text is empty"),
])
def test_invalid_html_raises_bad_request(fake: FakeBotAPI, text: str, reason: str) -> None:
    async def main() -> None:
        async with make_bot(fake) as bot:
            await bot.send_message(CHAT, text, parse_mode="HTML")

    with pytest.raises(BadRequest, match=ci(reason)):
        run(main())
    assert fake.calls[-1].status == 400 and fake.sent_messages() == []


def test_validate_telegram_html_directly() -> None:
    assert validate_telegram_html('<pre><code class="language-python">x &lt; 1</code></pre>') == "x < 1"
    assert validate_telegram_html('<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>') == "st"
    assert validate_telegram_html("<blockquote expandable>q</blockquote> &#272;&#x1EA1;") == "q Đạ"
    assert validate_telegram_html("😀" * 2048) == "😀" * 2048  # 4096 UTF-16 units: still fine
    with pytest.raises(TelegramHTMLError, match="too long"):
        validate_telegram_html("😀" * 2049)
    with pytest.raises(ValueError, match='Tag "span" must have class'):
        validate_telegram_html("<span>x</span>")
    with pytest.raises(ValueError, match="Expected equal sign"):
        validate_telegram_html("<a href>x</a>")
    assert validate_telegram_html("a & b", strict=False) == "a & b"  # what the real server accepts
    text, entities = parse_telegram_html('  <b>😀 <i>x</i></b> <pre><code class="language-py">p</code></pre>')
    assert text == "😀 x p"  # trimmed; offsets in UTF-16 units (😀 counts 2)
    assert entities == [{"type": "bold", "offset": 0, "length": 4},
                        {"type": "italic", "offset": 3, "length": 1},
                        {"type": "pre", "offset": 5, "length": 1, "language": "py"}]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_escaped_text_always_validates(raw: str) -> None:
    if not raw.strip(" \t\r\n\v\f"):
        with pytest.raises(TelegramHTMLError, match="empty"):
            validate_telegram_html(html.escape(raw))
    else:
        assert validate_telegram_html(f"<b>{html.escape(raw)}</b>") == raw.strip(" \t\r\n\v\f")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="<>/&;#abiu =\"'x", max_size=40))
def test_garbage_only_raises_telegram_errors(raw: str) -> None:
    with contextlib.suppress(TelegramHTMLError):
        validate_telegram_html(raw)


def test_inline_keyboard_validation(fake: FakeBotAPI) -> None:
    async def main(markup: Any) -> None:
        async with make_bot(fake) as bot:
            await bot.send_message(CHAT, "x", reply_markup=markup)

    with pytest.raises(BadRequest, match=ci("BUTTON_DATA_INVALID")):
        run(main(InlineKeyboardMarkup([[InlineKeyboardButton("a", callback_data="é" * 33)]])))  # 66 bytes
    with pytest.raises(BadRequest, match=ci("Array of Arrays")):
        run(main({"inline_keyboard": [{"text": "a", "callback_data": "x"}]}))
    run(main(InlineKeyboardMarkup([[InlineKeyboardButton("a", callback_data="x" * 64)]])))


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # PTB 22 deprecates int retry_after
def test_retry_after_injection(fake: FakeBotAPI) -> None:
    fake.fail_next("sendMessage", status=429, retry_after=3)

    async def main() -> None:
        async with make_bot(fake) as bot:
            with pytest.raises(RetryAfter) as info:
                await bot.send_message(CHAT, "hi")
            assert info.value.retry_after in (3, dtm.timedelta(seconds=3))
            await bot.send_message(CHAT, "hi")  # only the next call fails

    run(main())
    first, second = fake.calls_to("sendMessage")
    assert (first.status, first.fault, second.status, second.fault) == (429, "error", 200, None)
    assert first.result == "Too Many Requests: retry after 3"
    assert fake.faulted_calls() == [first] and len(fake.sent_messages()) == 1


def test_server_errors_drops_and_delays(fake: FakeBotAPI) -> None:
    fake.fail_next("sendMessage", status=502)
    fake.drop_next("sendMessage")
    fake.drop_next("sendMessage", after_processing=True)
    fake.delay("sendChatAction", 0.3, count=1)

    async def main() -> None:
        async with make_bot(fake) as bot:
            for _ in range(3):
                with pytest.raises(NetworkError):
                    await bot.send_message(CHAT, "x")
            started = asyncio.get_running_loop().time()
            assert await bot.send_chat_action(CHAT, "typing")
            assert asyncio.get_running_loop().time() - started >= 0.3
            await bot.send_message(CHAT, "ok")

    run(main())
    assert [(c.status, c.fault) for c in fake.calls_to("sendMessage")] == [
        (502, "error"), (0, "drop"), (200, "drop_partial"), (200, None)]
    assert [m["text"] for m in fake.sent_messages()] == ["x", "ok"]  # the partial drop WAS executed
    assert fake.calls_to("sendChatAction")[0].delay == 0.3


def test_get_updates_long_poll_offset_and_conflict(fake: FakeBotAPI) -> None:
    async def main() -> None:
        loop = asyncio.get_running_loop()
        async with make_bot(fake) as bot:
            uid = fake.push_text(CHAT, "xin chào")
            (update,) = await bot.get_updates(timeout=1)
            assert update.update_id == uid and update.message.text == "xin chào"
            assert update.message.from_user.id == CHAT and update.message.chat.type == "private"
            # not confirmed yet -> delivered again; confirmed by offset -> gone
            assert [u.update_id for u in await bot.get_updates()] == [uid]
            started = loop.time()
            assert await bot.get_updates(offset=uid + 1, timeout=0.5) == ()
            assert loop.time() - started >= 0.45
            assert fake.pending_updates() == []
            # a long poll wakes up as soon as an update is pushed
            loop.call_later(0.2, lambda: fake.push_command(-1001, "hoi", "giá vàng", to_bot=True))
            (upd,) = await bot.get_updates(offset=uid + 1, timeout=5)
            assert loop.time() - started < 3
            msg = upd.message
            assert msg.text == f"/hoi{fake.mention} giá vàng" and msg.chat.type == "supergroup"
            assert (msg.entities[0].type, msg.entities[0].offset) == ("bot_command", 0)
            assert msg.entities[0].length == len("/hoi" + fake.mention)
            # webhook set -> getUpdates conflicts, like Telegram
            await bot.set_webhook("https://example.org/hook")
            assert (await bot.get_webhook_info()).url == "https://example.org/hook"
            with pytest.raises(Conflict):
                await bot.get_updates()
            await bot.delete_webhook(drop_pending_updates=True)
            assert await bot.get_updates() == ()

    run(main())


def test_group_mention_reply_sticker_photo_callback(fake: FakeBotAPI) -> None:
    group = -100123

    async def main() -> None:
        async with make_bot(fake) as bot:
            keyboard = InlineKeyboardMarkup.from_button(InlineKeyboardButton("Thêm", callback_data="more"))
            sent = await bot.send_message(group, "Câu trả lời", reply_markup=keyboard)
            fake.push_text(group, f"{fake.mention} giá xăng hôm nay?", user_id=77, chat_type="group")
            fake.push_text(group, "còn gì nữa", user_id=77, reply_to_bot_message_id=sent.message_id)
            fake.push_sticker(CHAT)
            fake.push_photo(CHAT, caption="ảnh")
            qid = fake.push_callback(group, sent.message_id, "more", user_id=77)
            mention, reply, sticker, photo, cbq = await bot.get_updates()
            assert mention.message.chat.type == "group" and mention.message.from_user.id == 77
            assert list(mention.message.parse_entities(["mention"]).values()) == [fake.mention]
            assert reply.message.reply_to_message.message_id == sent.message_id
            assert reply.message.reply_to_message.from_user.id == bot.id
            assert sticker.message.sticker.emoji and photo.message.photo[-1].width == 1280
            assert cbq.callback_query.data == "more" and cbq.callback_query.id == qid
            assert cbq.callback_query.message.reply_markup == keyboard
            assert await bot.answer_callback_query(qid, text="ok")
            with pytest.raises(BadRequest, match=ci("query is too old")):
                await bot.answer_callback_query(qid)
            new_text = "Câu trả lời <i>đầy đủ</i>"
            edited = await bot.edit_message_text(new_text, group, sent.message_id, parse_mode="HTML")
            assert edited.text == "Câu trả lời đầy đủ" and edited.reply_markup is None
            with pytest.raises(BadRequest, match=ci("message is not modified")):
                await bot.edit_message_text(new_text, group, sent.message_id, parse_mode="HTML")
            again = InlineKeyboardMarkup([[InlineKeyboardButton("Lại", callback_data="again")]])
            await bot.edit_message_reply_markup(group, sent.message_id, reply_markup=again)
            stored = fake.message(group, sent.message_id)
            assert stored is not None and stored["reply_markup"]["inline_keyboard"][0][0]["text"] == "Lại"
            with pytest.raises(BadRequest, match=ci("message can't be edited")):
                await bot.edit_message_text("x", group, reply.message.message_id)

    run(main())


def test_commands_and_misc_methods(fake: FakeBotAPI) -> None:
    async def main() -> None:
        async with make_bot(fake) as bot:
            assert await bot.set_my_commands([("hoi", "Đặt câu hỏi"), ("start", "Bắt đầu")])
            assert [c.command for c in await bot.get_my_commands()] == ["hoi", "start"]
            with pytest.raises(BadRequest):
                await bot.set_my_commands([("Bad-Cmd", "x")])
            assert await bot.delete_my_commands()
            assert await bot.get_my_commands() == ()
            with pytest.raises(BadRequest):
                await bot.send_chat_action(CHAT, "dancing")
            assert await bot.log_out() and await bot.close()

    run(main())
    r = httpx.post(f"{fake.base_url}{fake.token}/noSuchMethod")
    assert r.status_code == 404 and r.json() == {"ok": False, "error_code": 404, "description": "Not Found"}


def test_json_and_multipart_bodies(fake: FakeBotAPI) -> None:
    url = f"{fake.base_url}{fake.token}"
    r = httpx.post(f"{url}/sendMessage", json={"chat_id": CHAT, "text": "json body"})
    assert r.status_code == 200 and r.json()["result"]["text"] == "json body"
    assert fake.calls[-1].encoding == "json"
    r = httpx.post(f"{url}/sendMessage", data={"chat_id": str(CHAT), "text": "123"},
                   files={"document": ("a.txt", b"hello", "text/plain")})
    assert r.json()["result"]["text"] == "123"  # text stays a string
    call = fake.calls_to("sendMessage")[-1]
    assert call.encoding == "multipart" and call.params["document"]["data"] == b"hello"
    r = httpx.get(f"{url}/GETME")  # method names are case-insensitive, GET works
    assert r.json()["result"]["username"] == fake.bot_username
    r = httpx.post(f"{url}/sendMessage", json={"chat_id": CHAT})
    assert r.status_code == 400 and r.json() == {"ok": False, "error_code": 400,
                                                 "description": "Bad Request: message text is empty"}


def test_wait_for_from_another_thread(fake: FakeBotAPI) -> None:
    def later() -> None:
        httpx.post(f"{fake.base_url}{fake.token}/sendMessage", json={"chat_id": 5, "text": "a"})

    timer = threading.Timer(0.1, later)
    timer.start()
    calls = fake.wait_for(lambda c: c.params.get("chat_id") == 5, method="sendMessage", timeout=3)
    assert isinstance(calls[0], Call) and fake.wait_for_messages(1, chat_id=5)[0]["text"] == "a"
    with pytest.raises(TimeoutError):
        fake.wait_for(2, method="sendMessage", timeout=0.1)
    timer.join()


def test_stop_does_not_hang_on_pending_long_poll() -> None:
    fake = FakeBotAPI(max_poll_timeout=30).start()

    async def main() -> None:
        bot = make_bot(fake)
        task = asyncio.create_task(bot.get_updates(timeout=20, read_timeout=25))
        await asyncio.sleep(0.3)  # let the long poll reach the server
        started = asyncio.get_running_loop().time()
        await asyncio.to_thread(fake.stop)
        assert asyncio.get_running_loop().time() - started < 2
        with contextlib.suppress(NetworkError):
            assert await asyncio.wait_for(task, 3) == ()

    run(main())


# ----------------------------------------------------------------------------- real Application
def test_application_answers_pushed_updates(fake: FakeBotAPI) -> None:
    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        text = html.escape(update.effective_message.text or "")
        await update.effective_message.reply_text(f"<b>echo:</b> {text}", parse_mode="HTML")

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await context.bot.send_message(update.effective_chat.id, f"start {' '.join(context.args)}")

    async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.callback_query.answer("đã nhận")

    async def main() -> None:
        app: Application = (ApplicationBuilder().token(fake.token).base_url(fake.base_url)
                            .base_file_url(fake.base_file_url).build())
        app.add_handler(CommandHandler("start", start))
        app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
        app.add_handler(CallbackQueryHandler(button))
        async with app:
            await app.start()
            await app.updater.start_polling(poll_interval=0, timeout=1)
            fake.push_text(CHAT, "giá vàng <hôm nay>")
            fake.push_command(CHAT, "start", "abc")
            msgs = await fake.await_messages(2, chat_id=CHAT, timeout=5)
            assert {m["text"] for m in msgs} == {"echo: giá vàng <hôm nay>", "start abc"}
            qid = fake.push_callback(CHAT, msgs[0]["message_id"], "src:1")
            await fake.await_calls(lambda c: c.params.get("callback_query_id") == qid and c.ok,
                                   method="answerCallbackQuery", timeout=5)
            await app.updater.stop()
            await app.stop()
        assert fake.pending_updates() == []  # the shutdown getUpdates confirmed everything
        assert fake.calls_to("deleteWebhook")  # PTB's polling bootstrap

    run(main(), timeout=20)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_rate_limiter_retries_after_429(fake: FakeBotAPI) -> None:
    async def pong(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.effective_message.reply_text("pong")

    async def main() -> None:
        app = (ApplicationBuilder().token(fake.token).base_url(fake.base_url).base_file_url(fake.base_file_url)
               .rate_limiter(AIORateLimiter(max_retries=2)).build())
        app.add_handler(MessageHandler(filters.TEXT, pong))
        fake.fail_next("sendMessage", 429, retry_after=1)
        async with app:
            await app.start()
            await app.updater.start_polling(poll_interval=0, timeout=1)
            fake.push_text(CHAT, "ping")
            assert [m["text"] for m in await fake.await_messages(1, timeout=5)] == ["pong"]
            await app.updater.stop()
            await app.stop()
        first, second = fake.calls_to("sendMessage")
        assert (first.status, second.status) == (429, 200) and second.ts - first.ts >= 1

    run(main(), timeout=20)
