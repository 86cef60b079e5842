"""Telegram handlers. Each one parses the update, calls the retrieval service off the event loop, renders
with `bot/render.py` and replies. Shared state lives in one `BotState` in `application.bot_data`."""
from __future__ import annotations

import asyncio
import itertools
import logging
import re
import secrets
import time
import traceback
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, ReplyParameters, Update
from telegram.constants import ChatAction, MessageEntityType
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import render
from bot.feedback import FeedbackLog
from bot.flood import FloodGuard, Verdict
from embeddings.errors import BadQuestion, LinkNotQuestion
from retrieval import followup
from retrieval.answer import MAX_QUESTION_CHARS
from retrieval.language import detect_language
from retrieval.types import Quote

if TYPE_CHECKING:
    from retrieval.config import Settings
    from retrieval.service import IndexStats, QAService

logger = logging.getLogger(__name__)

STATE = "tinbot"  # the bot_data key of the BotState
Context = ContextTypes.DEFAULT_TYPE


@dataclass(frozen=True)
class StoredAnswer:
    question: str
    lang: str
    pages: tuple[tuple[Quote, ...], ...]
    votes: dict[int, str] = field(default_factory=dict, compare=False)  # page -> the chat's last vote on it

    @property
    def declined(self) -> bool:
        """A 'not found' whose later pages are the closest sentences."""
        return not self.pages[0]

    @property
    def quotes(self) -> tuple[Quote, ...]:
        return tuple(itertools.chain.from_iterable(self.pages))


class AnswerCache:
    """Recent answers keyed by (chat id, short key), so buttons carry only the key (64-byte limit).

    A button, forged or not, is looked up under the chat it was pressed in: it can only reach that chat's
    answers. Bounded: the oldest answers are forgotten and their buttons say so. Keys count up from a random
    40-bit start, so a button from before a restart finds nothing ("ask again") instead of the answer that
    now has its number.
    """

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._items: OrderedDict[tuple[int, str], StoredAnswer] = OrderedDict()
        self._ids = itertools.count(secrets.randbits(40))

    def put(self, chat_id: int, answer: StoredAnswer) -> str:
        key = format(next(self._ids), "x")
        self._items[(chat_id, key)] = answer
        while len(self._items) > self.size:
            self._items.popitem(last=False)
        return key

    def get(self, chat_id: int, key: str) -> StoredAnswer | None:
        return self._items.get((chat_id, key))

    def __len__(self) -> int:
        return len(self._items)


class RecentIds:
    """The last `size` update ids, to recognise one delivered twice."""

    def __init__(self, size: int = 10_000) -> None:
        self.size = size
        self._ids: OrderedDict[int, None] = OrderedDict()

    def add(self, update_id: int) -> bool:
        """Remember `update_id`; False if it was already there."""
        if update_id in self._ids:
            return False
        self._ids[update_id] = None
        if len(self._ids) > self.size:
            self._ids.popitem(last=False)
        return True


class LastQuestions:
    """Each chat's last question, for reading a short one after it as a follow-up (`retrieval.followup`):
    kept `seconds` (a question an hour later starts afresh), for the `size` chats that asked last."""

    def __init__(self, seconds: float = 600.0, size: int = 10_000) -> None:
        self.seconds, self.size = seconds, size
        self._last: OrderedDict[int, tuple[str, float]] = OrderedDict()

    def get(self, chat_id: int, now: float | None = None) -> str | None:
        found = self._last.get(chat_id)
        now = time.monotonic() if now is None else now
        return found[0] if found and now - found[1] <= self.seconds else None

    def put(self, chat_id: int, question: str, now: float | None = None) -> None:
        self._last[chat_id] = (question, time.monotonic() if now is None else now)
        self._last.move_to_end(chat_id)
        if len(self._last) > self.size:
            self._last.popitem(last=False)


@dataclass
class BotState:
    """Everything the handlers share. `service` and `stats` are filled in by post_init."""

    settings: Settings
    feedback: FeedbackLog
    flood: FloodGuard  # questions per chat
    presses: FloodGuard  # button presses that send a message or record a vote, per chat
    allowed: frozenset[int] | None = None
    typing_after: float = 0.3  # send "typing…" only when an answer takes longer than this (seconds)
    version: str = "dev"
    service: QAService | None = None
    stats: IndexStats | None = None
    answers: AnswerCache = field(default_factory=AnswerCache)
    refused: set[int] = field(default_factory=set)
    seen: RecentIds = field(default_factory=RecentIds)
    last_questions: LastQuestions = field(default_factory=LastQuestions)

    @property
    def page_size(self) -> int:
        return self.service.settings.top_k if self.service else self.settings.top_k


def state(context: Context) -> BotState:
    return context.bot_data[STATE]


# --- small helpers --------------------------------------------------------------------------------------

def user_lang(update: Update) -> str:
    user = update.effective_user
    return render.lang_of(user.language_code if user else None)


def question_lang(question: str, update: Update) -> str:
    lang = detect_language(question[:500])
    return lang if lang in ("vi", "en") else user_lang(update)


def hint(context: Context, key: str, lang: str) -> str:
    """A one-line hint (`render.render_hint`), with an example question only if this index can answer it."""
    service = state(context).service
    return render.render_hint(key, lang, service.stats() if service is not None else None)


def keyboard(rows: render.Keyboard) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data) for label, data in row]
                                 for row in rows])


def thread_of(message: Message | None) -> int | None:
    return message.message_thread_id if message is not None and message.is_topic_message else None


async def send(context: Context, chat_id: int, messages: list[str], *, reply_to: int | None = None,
               markup: InlineKeyboardMarkup | None = None, thread_id: int | None = None) -> list[Message]:
    """Send HTML messages in order: the first as a reply to `reply_to`, the buttons under the last."""
    sent = []
    for i, html in enumerate(messages):
        reply = ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to and i == 0 else None
        sent.append(await context.bot.send_message(chat_id, html, reply_parameters=reply,
                                                   reply_markup=markup if i == len(messages) - 1 else None,
                                                   message_thread_id=thread_id))
    return sent


async def reply(update: Update, context: Context, html: str | list[str],
                markup: InlineKeyboardMarkup | None = None) -> list[Message]:
    msg = update.effective_message
    assert msg is not None and update.effective_chat is not None
    return await send(context, update.effective_chat.id, [html] if isinstance(html, str) else html,
                      reply_to=msg.message_id, markup=markup, thread_id=thread_of(msg))


def message_text(message: Message | None) -> str:
    """What a message says: its text, or the caption of a photo, video or file."""
    return (message.text or message.caption or "") if message is not None else ""


def addressed_question(message: Message, username: str, bot_id: int) -> str | None:
    """In a group: the question if the message (its text, or a photo's caption) is a reply to the bot or
    mentions it, else None."""
    text = message_text(message)
    mention = f"@{username}".lower()
    found = (message.parse_entities if message.text else message.parse_caption_entities)([MessageEntityType.MENTION])
    spans = [e for e, s in found.items() if s.lower() == mention]
    replied = message.reply_to_message
    if not spans and not (replied and replied.from_user and replied.from_user.id == bot_id):
        return None
    # Entity offsets are UTF-16: cut the mentions out of the UTF-16 text, right to left.
    raw = text.encode("utf-16-le")
    for e in sorted(spans, key=lambda e: e.offset, reverse=True):
        raw = raw[:2 * e.offset] + raw[2 * (e.offset + e.length):]
    return " ".join(raw.decode("utf-16-le").split())


# --- questions ------------------------------------------------------------------------------------------

async def answer_question(update: Update, context: Context, question: str) -> None:
    """Flood check -> search in a worker thread (typing… if slow) -> quotes with buttons, or a polite no."""
    st = state(context)
    chat = update.effective_chat
    assert chat is not None and st.service is not None
    verdict = st.flood.check(chat.id)
    if verdict is not Verdict.ALLOW:
        if verdict is Verdict.WARN:
            await reply(update, context, render.render_flood(st.flood.limit, question_lang(question, update)))
        return
    previous = st.last_questions.get(chat.id)
    search = asyncio.ensure_future(asyncio.to_thread(st.service.ask, question, previous=previous))
    done, _ = await asyncio.wait({search}, timeout=st.typing_after)
    if not done:
        await _typing(context, chat.id, thread_of(update.effective_message))
    try:
        answer = await search
    except LinkNotQuestion:
        await reply(update, context, hint(context, "link", user_lang(update)))  # a link says no language
        return
    except BadQuestion:
        lang = question_lang(question, update)
        size = len(" ".join(question.split()))
        await reply(update, context, render.render_too_long(size, MAX_QUESTION_CHARS, lang)
                    if size > MAX_QUESTION_CHARS else hint(context, "need_words", lang))
        return
    if answer.small_talk is not None:  # "hello", "thanks", "ok": not asked of the articles
        lang = answer.small_talk.lang or user_lang(update)
        await reply(update, context, render.render_small_talk(answer.small_talk.kind, st.service.stats(), lang))
        return
    st.last_questions.put(chat.id, followup.context_of(answer))  # what a short next question follows on from
    pages = render.paginate(answer, st.page_size)
    if not answer.answered:  # an honest no; its closest sentences behind a button, if any
        key = st.answers.put(chat.id, StoredAnswer(answer.question, answer.lang, pages)) if pages else None
        await reply(update, context, render.render_answer(answer),
                    keyboard(render.closest_keyboard(key, answer.lang)) if key else None)
        return
    key = st.answers.put(chat.id, StoredAnswer(answer.question, answer.lang, pages))
    await reply(update, context, render.render_answer(answer),
                keyboard(render.answer_keyboard(key, 0, pages, answer.lang)))


async def _typing(context: Context, chat_id: int, thread_id: int | None) -> None:
    try:
        await context.bot.send_chat_action(chat_id, ChatAction.TYPING, message_thread_id=thread_id)
    except TelegramError as exc:  # cosmetic: the answer matters, not the indicator
        logger.debug("typing action failed: %s", exc)


async def on_private_text(update: Update, context: Context) -> None:
    await answer_question(update, context, message_text(update.effective_message))


async def on_group_text(update: Update, context: Context) -> None:
    msg = update.effective_message
    question = addressed_question(msg, context.bot.username, context.bot.id)
    if question is None:
        return  # chatter not meant for the bot
    if not question:
        await reply(update, context, hint(context, "ask_usage", user_lang(update)))
        return
    await answer_question(update, context, question)


async def on_ask(update: Update, context: Context) -> None:
    question = " ".join(context.args or [])
    if not question:
        await reply(update, context, hint(context, "ask_usage", user_lang(update)))
        return
    await answer_question(update, context, question)


# --- commands and other messages ------------------------------------------------------------------------

async def on_start(update: Update, context: Context) -> None:
    st = state(context)
    assert st.service is not None
    chat = update.effective_chat
    group = chat is not None and chat.type in ("group", "supergroup")
    await reply(update, context, render.render_start(st.service.stats(), user_lang(update),  # now: may re-index
                                                     mention=f"@{context.bot.username}" if group else None))


async def on_help(update: Update, context: Context) -> None:
    await reply(update, context, render.render_help(user_lang(update), f"@{context.bot.username}"))


async def on_about(update: Update, context: Context) -> None:
    st = state(context)
    assert st.service is not None
    await reply(update, context, render.render_about(st.service.stats(), st.version, user_lang(update)))


async def on_nontext(update: Update, context: Context) -> None:
    await reply(update, context, hint(context, "nontext", user_lang(update)))


async def on_unknown_command(update: Update, context: Context) -> None:
    lang = user_lang(update)
    await reply(update, context, render.text("unknown_command", lang) + "\n\n"
                + render.render_help(lang, f"@{context.bot.username}"))


# --- buttons --------------------------------------------------------------------------------------------

async def on_button(update: Update, context: Context) -> None:
    """More / Context / 👍 / 👎. The query is answered first, so the button stops spinning at once."""
    query = update.callback_query
    st = state(context)
    chat = update.effective_chat
    cb = render.decode_callback(query.data)
    stored = st.answers.get(chat.id, cb.key) if cb and chat else None
    lang = stored.lang if stored else user_lang(update)
    if cb is None or chat is None:
        await query.answer(render.plain("bad_button", lang))
        return
    if stored is None:
        await query.answer(render.plain("expired", lang))
        return
    if st.presses.check(chat.id) is not Verdict.ALLOW:  # a toast, never a message: spam costs no chat anything
        await query.answer(render.plain("slow_down", lang))
        return
    message = query.message if isinstance(query.message, Message) else None
    reply_to = message.message_id if message else None
    if cb.action in ("up", "down"):
        if cb.arg >= len(stored.pages):
            await query.answer(render.plain("bad_button", lang))
            return
        before = stored.votes.get(cb.arg)
        if before == cb.action:  # a second press of the same vote: counted once
            await query.answer(render.plain("voted", lang))
            return
        # Marked before the toast and the write, so that a second press arriving meanwhile (updates are
        # handled concurrently) is told it counted; put back if either fails, so that the press can be made again.
        stored.votes[cb.arg] = cb.action
        try:
            await query.answer(render.plain("revoted" if before else "thanks", lang))
            await asyncio.to_thread(st.feedback.record, question=stored.question, quotes=stored.pages[cb.arg],
                                    vote=cb.action, chat_id=chat.id, lang=stored.lang, page=cb.arg,
                                    unsure=stored.declined, replaces=before)
        except BaseException:
            if stored.votes.get(cb.arg) == cb.action:
                if before is None:
                    stored.votes.pop(cb.arg, None)
                else:
                    stored.votes[cb.arg] = before
            raise
    elif cb.action == "more":
        if not 0 < cb.arg < len(stored.pages):
            await query.answer(render.plain("no_more", lang))
            return
        await query.answer()
        markup = keyboard(render.answer_keyboard(cb.key, cb.arg, stored.pages, lang))
        start = render.first_number(stored.pages, cb.arg)
        await send(context, chat.id, render.render_quotes(stored.pages[cb.arg], lang, unsure=stored.declined,
                                                          start=start),
                   reply_to=reply_to, markup=markup, thread_id=thread_of(message))
        await _drop_more_button(query, cb, stored, lang)
    else:  # context
        quotes = stored.quotes
        if cb.arg >= len(quotes):
            await query.answer(render.plain("bad_button", lang))
            return
        await query.answer()
        focus = quotes[cb.arg]
        assert st.service is not None
        sentences = await asyncio.to_thread(st.service.context, focus.sentence_id)
        await send(context, chat.id, render.render_context(sentences, focus, lang), reply_to=reply_to,
                   thread_id=thread_of(message))


async def _drop_more_button(query, cb: render.Callback, stored: StoredAnswer, lang: str) -> None:
    """The page before has been followed: its More button would only send the same page again."""
    before = cb.arg - 1
    rows = (render.answer_keyboard(cb.key, before, stored.pages, lang, more=False) if stored.pages[before]
            else [])  # a declined answer's first message has only "Closest sentences"
    try:
        await query.edit_message_reply_markup(keyboard(rows) if rows else None)
    except TelegramError as exc:  # cosmetic (the message may be too old to edit): the new page was sent
        logger.debug("could not drop the More button: %s", exc)


# --- allowlist and errors -------------------------------------------------------------------------------

async def drop_repeats(update: Update, context: Context) -> None:
    """Runs first: an update seen before (Telegram redelivers to a webhook that was slow to answer) is not
    answered twice."""
    if not state(context).seen.add(update.update_id):
        logger.info("update %s delivered again: already handled", update.update_id)
        raise ApplicationHandlerStop


async def gate(update: Update, context: Context) -> None:
    """Runs before every handler: chats outside the allowlist get one polite refusal, then silence.
    With an allowlist, an update without a chat (an inline-message button) is refused too."""
    st = state(context)
    chat = update.effective_chat
    if st.allowed is None or (chat is not None and chat.id in st.allowed):
        return
    if update.callback_query:
        await update.callback_query.answer(render.plain("refused", user_lang(update)))
    elif chat is not None and chat.id not in st.refused and _addressed(update, context):
        if len(st.refused) >= 100_000:  # bound the memory; the worst case is a second refusal
            st.refused.clear()
        st.refused.add(chat.id)
        await reply(update, context, render.text("refused", user_lang(update)))
    raise ApplicationHandlerStop


def _addressed(update: Update, context: Context) -> bool:
    """Whether a message speaks to the bot: anything in private, commands or mentions/replies in groups."""
    msg = update.effective_message
    if msg is None or update.effective_chat is None:
        return False
    if update.effective_chat.type == "private":
        return True
    if msg.text and msg.text.startswith("/"):
        return True
    return addressed_question(msg, context.bot.username, context.bot.id) is not None


def redact(text: str, token: str) -> str:
    """`text` with the bot token's secret half replaced, in any letter case (PTB lowercases some errors)."""
    secret = token.partition(":")[2] or token
    return re.sub(re.escape(secret), "<token>", text, flags=re.IGNORECASE) if secret else text


async def on_error(update: object, context: Context) -> None:
    """Log the exception with the update id (token redacted); apologise to the user; keep running."""
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
        # Already retried where that was safe (RetryingRequest): what is left may or may not have reached the
        # chat (a timeout, a response cut short), so no apology, which could follow an answer that did arrive.
        logger.warning("update %s: the Bot API failed, the reply may not have arrived: %s", update_id,
                       redact(f"{type(error).__name__}: {error}", context.bot.token))
        return
    details = "".join(traceback.format_exception(error)) if error else "unknown error"
    logger.error("update %s failed:\n%s", update_id, redact(details, context.bot.token))
    if not isinstance(update, Update) or update.effective_chat is None or update.callback_query:
        return
    if isinstance(error, Forbidden):
        return  # blocked by the user or kicked from the group: an apology would fail too
    msg = update.effective_message
    try:  # in the question's forum topic, as a reply to it
        await send(context, update.effective_chat.id, [render.text("error", user_lang(update))],
                   reply_to=msg.message_id if msg else None, thread_id=thread_of(msg))
    except TelegramError as exc:
        logger.warning("could not apologise for update %s: %s", update_id, redact(str(exc), context.bot.token))


def add_handlers(app: Application) -> None:
    msg = filters.UpdateType.MESSAGE
    private, groups = filters.ChatType.PRIVATE, filters.ChatType.GROUPS
    app.add_handler(TypeHandler(Update, drop_repeats), group=-2)
    app.add_handler(TypeHandler(Update, gate), group=-1)
    app.add_handler(CommandHandler("start", on_start, filters=msg))
    app.add_handler(CommandHandler("help", on_help, filters=msg))
    app.add_handler(CommandHandler("about", on_about, filters=msg))
    app.add_handler(CommandHandler("ask", on_ask, filters=msg))
    words = (filters.TEXT | filters.CAPTION) & ~filters.COMMAND  # a photo's caption is a question too
    app.add_handler(MessageHandler(msg & private & words, on_private_text))
    app.add_handler(MessageHandler(msg & groups & words, on_group_text))
    app.add_handler(MessageHandler(msg & private & filters.COMMAND, on_unknown_command))
    # Service messages (a pin, an auto-delete timer) are not the user speaking: no hint for them.
    app.add_handler(MessageHandler(msg & private & ~filters.TEXT & ~filters.CAPTION & ~filters.StatusUpdate.ALL,
                                   on_nontext))
    app.add_handler(CallbackQueryHandler(on_button))
    app.add_error_handler(on_error)
