"""The Telegram bot end to end: the real python-telegram-bot Application against the fake Bot API server.

Every scenario runs with the fast `hashing` model; the `slow` variants run the same scenarios with the real
model (one session-wide service). Questions reuse the article's wording so both models can answer them.
"""
from __future__ import annotations

import asyncio
import json
import logging
import socket
import statistics
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from bot.feedback import FeedbackLog
from bot.flood import FloodGuard, Verdict
from bot.handlers import redact
from bot.render import EXAMPLES
from bot.telegram_app import RedactToken, TelegramConfig
from embeddings.errors import TinbotError
from retrieval.service import QAService
from retrieval.types import Quote
from tests.conftest import BUDGET
from tests.fakebotapi import FakeBotAPI, utf16_len
from tests.telegram_helpers import (
    CHAT,
    GROUP,
    OTHER_CHAT,
    QUESTION,
    QUESTIONS,
    TITLE,
    ask,
    assert_no_failed_calls,
    button,
    entity_texts,
    message_id,
    open_hashing_service,
    press,
    quiet,
    reply_to,
    run,
    running,
    spawn_bot,
    stop_bot,
    wait_until,
)

# --- harness (the helpers live in tests/telegram_helpers.py) ----------------------------------

@pytest.fixture(scope="module")
def hashing_service(tmp_path_factory: pytest.TempPathFactory) -> QAService:
    return open_hashing_service(tmp_path_factory.mktemp("hashing"))


@pytest.fixture(params=["hashing", pytest.param("real", marks=pytest.mark.slow)])
def service(request: pytest.FixtureRequest) -> QAService:
    return request.getfixturevalue(f"{request.param}_service")


@pytest.fixture
def fake() -> Any:
    with FakeBotAPI() as server:
        yield server


# --- questions ------------------------------------------------------------------------------------------

def test_private_question_is_answered_with_the_quote(service: QAService, fake: FakeBotAPI, tmp_path: Path) -> None:
    async def main_() -> dict:
        async with running(fake, service, tmp_path):
            return await ask(fake, CHAT, QUESTION)

    reply = run(main_())
    assert BUDGET in entity_texts(reply, "blockquote")[0]
    assert "120,3 tỷ đồng" in entity_texts(reply, "bold")
    assert f"— {TITLE}, 07/2023" in reply["text"] or f"1 · {TITLE}, 07/2023" in reply["text"]
    labels = [b["text"] for row in reply["reply_markup"]["inline_keyboard"] for b in row]
    assert "👍" in labels and "👎" in labels and any(label.startswith("📖") for label in labels)
    assert_no_failed_calls(fake)


@pytest.mark.slow
@pytest.mark.parametrize("question", [
    "Huyện Cẩm Xuyên thu ngân sách được bao nhiêu?",
    "thu ngan sach dat bao nhieu",  # typed on a phone without accents
    "How much was the budget revenue in Cẩm Xuyên?",
])
def test_real_model_answers_vietnamese_and_english(real_service: QAService, fake: FakeBotAPI, tmp_path: Path,
                                                   question: str) -> None:
    async def main_() -> dict:
        async with running(fake, real_service, tmp_path):
            return await ask(fake, CHAT, question)

    reply = run(main_())
    assert BUDGET in entity_texts(reply, "blockquote")[0]
    assert_no_failed_calls(fake)


@pytest.mark.slow
def test_real_model_answers_the_start_examples(real_service: QAService) -> None:
    expected = [BUDGET, "4.995 tỷ đồng", "vụ xuân"] * 2
    for question, fragment in zip(EXAMPLES["vi"] + EXAMPLES["en"], expected):
        answer = real_service.ask(question)
        assert answer.answered and fragment in answer.quotes[0].text, question


@pytest.mark.parametrize(("question", "words"), [
    # "Nothing in the articles answers that...", or, read as off topic, "The articles do not seem to be about that."
    ("What is the weather in Paris tomorrow?", "articles"),
    ("Ai vô địch World Cup?", "bài báo"),
])
def test_unanswerable_question_gets_an_honest_no_in_its_language(service: QAService, fake: FakeBotAPI,
                                                                  tmp_path: Path, question: str, words: str) -> None:
    async def main_() -> dict:
        async with running(fake, service, tmp_path):
            return await ask(fake, CHAT, question)

    reply = run(main_())
    assert words in reply["text"] and "blockquote" not in str(reply.get("entities"))  # no quote in the no
    labels = [b["text"] for row in reply.get("reply_markup", {}).get("inline_keyboard", []) for b in row]
    assert labels in ([], ["Closest sentences ▸"], ["Xem câu gần nhất ▸"])  # at most: the closest, on request


def test_a_declined_question_shows_its_closest_sentences_only_on_request(service: QAService, fake: FakeBotAPI,
                                                                         tmp_path: Path) -> None:
    async def main_() -> tuple[dict, dict, dict, int]:
        async with running(fake, service, tmp_path):
            declined = await ask(fake, CHAT, "Tỷ lệ hộ nghèo của tỉnh năm 2030 dự kiến là bao nhiêu phần trăm?")
            n = len(fake.sent_messages(CHAT))
            await press(fake, CHAT, declined, button(declined, "Xem câu gần nhất"))
            closest = (await fake.await_messages(n + 1, chat_id=CHAT))[n]
            await press(fake, CHAT, closest, button(closest, "👎"))
            named = await ask(fake, CHAT, "When will Long Thành international airport open?")
            await quiet(fake)
            return declined, closest, named, len(fake.sent_messages(CHAT)) - n

    declined, closest, named, sent = run(main_())
    assert declined["text"].startswith("🔎 Không tìm thấy")
    assert closest["text"].startswith("⚠️ Không chắc chắn") and "blockquote" in [e["type"] for e in closest["entities"]]
    assert closest["reply_to_message"]["message_id"] == declined["message_id"]
    labels = [b["text"] for row in closest["reply_markup"]["inline_keyboard"] for b in row]
    assert "👍" in labels and any(label.startswith("📖") for label in labels)
    [vote] = [json.loads(line) for line in (tmp_path / "feedback.jsonl").read_text("utf-8").splitlines()]
    assert (vote["vote"], vote["page"], vote["unsure"]) == ("down", 1, True)  # told apart from answers' votes
    # A question naming what the articles never mention: its closest sentences are about something else.
    assert named["text"] == "🔎 The articles never mention “Long Thành”, so nothing in them answers that."
    assert "reply_markup" not in named
    assert sent == 2  # the closest page and the named question's no: nothing else
    assert_no_failed_calls(fake)


def test_html_and_emoji_in_questions_are_harmless(service: QAService, fake: FakeBotAPI, tmp_path: Path) -> None:
    async def main_() -> list[dict]:
        async with running(fake, service, tmp_path):
            return [await ask(fake, CHAT, q) for q in
                    ("<b>&</b>", f"<b>&</b> {QUESTION} 💰🎉", "😀🎉👍🏽", "&lt;script&gt;",
                     "https://vnexpress.net/cam-xuyen-4633.html")]

    tags, with_emoji, only_emoji, entity, link = run(main_())
    assert BUDGET in with_emoji["text"]
    assert "Hãy gõ câu hỏi bằng chữ" in only_emoji["text"] or "Please type" in only_emoji["text"]
    assert "Tôi không mở đường link" in link["text"] and EXAMPLES["vi"][0] in link["text"]
    assert tags["text"] and entity["text"]
    assert_no_failed_calls(fake)


def test_ten_thousand_characters_get_a_polite_limit(service: QAService, fake: FakeBotAPI, tmp_path: Path) -> None:
    text = ("Thu ngân sách trên địa bàn đạt bao nhiêu? " * 300)[:10_000]

    async def main_() -> dict:
        async with running(fake, service, tmp_path):
            return await ask(fake, CHAT, text)

    reply = run(main_())
    size = len(" ".join(text.split()))
    assert f"{size:,}".replace(",", ".") in reply["text"] and "1.000" in reply["text"]


def test_sticker_and_photo_get_a_help_line_in_private_only(service: QAService, fake: FakeBotAPI,
                                                          tmp_path: Path) -> None:
    async def main_() -> tuple[dict, dict, dict]:
        async with running(fake, service, tmp_path):
            fake.push_sticker(GROUP)
            sticker = await reply_to(fake, CHAT, fake.push_sticker(CHAT))
            photo = await reply_to(fake, CHAT, fake.push_photo(CHAT))
            captioned = await reply_to(fake, CHAT, fake.push_photo(CHAT, caption=QUESTION))
            await quiet(fake)
            return sticker, photo, captioned

    sticker, photo, captioned = run(main_())
    assert "chỉ đọc được câu hỏi bằng chữ" in sticker["text"] and EXAMPLES["vi"][0] in sticker["text"]
    assert photo["text"] == sticker["text"]
    assert BUDGET in captioned["text"]  # a photo's caption is read as the question
    assert fake.sent_messages(GROUP) == []


def test_typing_action_is_sent_before_a_slow_answer(service: QAService, fake: FakeBotAPI, tmp_path: Path) -> None:
    async def main_() -> None:
        async with running(fake, service, tmp_path, typing_after=0.0):
            await ask(fake, CHAT, QUESTION)

    run(main_())
    methods = [c.method for c in fake.calls if c.params.get("chat_id") in (CHAT, str(CHAT))]
    assert methods[:2] == ["sendChatAction", "sendMessage"]
    assert fake.calls_to("sendChatAction")[0].params["action"] == "typing"


# --- commands -------------------------------------------------------------------------------------------

def test_start_help_about_and_the_command_menu(service: QAService, fake: FakeBotAPI, tmp_path: Path) -> None:
    async def main_() -> list[dict]:
        async with running(fake, service, tmp_path):
            return [await reply_to(fake, CHAT, fake.push_command(CHAT, c)) for c in ("start", "help", "about", "nope")]

    start, help_, about, unknown = run(main_())
    stats = service.stats()
    assert f"Tôi đang có {stats.articles} bài báo" in start["text"]
    assert all(q in start["text"] for q in EXAMPLES["vi"] + EXAMPLES["en"])
    assert "/ask" in help_["text"] and fake.mention in help_["text"]
    assert stats.model in about["text"] and "tinbot" in about["text"]
    assert unknown["text"] == "Tôi không có lệnh này.\n\n" + help_["text"]  # said, then the help
    menus = {c.params.get("language_code"): c.params["commands"] for c in fake.calls_to("setMyCommands") if c.ok}
    assert [c["command"] for c in menus[None]] == ["start", "help", "ask", "about"]
    assert menus["en"][0]["description"].startswith("What I know")


# --- buttons --------------------------------------------------------------------------------------------

def test_more_context_and_votes(service: QAService, fake: FakeBotAPI, tmp_path: Path) -> None:
    async def main_() -> dict:
        async with running(fake, service, tmp_path):
            answer = await ask(fake, CHAT, QUESTION)
            out: dict[str, Any] = {"answer": answer}
            presses = 2  # Context and 👍, plus More when the answer has more quotes to show
            if any(b["text"].startswith("Thêm") for row in answer["reply_markup"]["inline_keyboard"] for b in row):
                presses += 1
                await press(fake, CHAT, answer, button(answer, "Thêm"))
                out["more"] = (await fake.await_messages(2, chat_id=CHAT))[1]
                [out["edit"]] = await fake.await_calls(method="editMessageReplyMarkup", count=1)
            n = len(fake.sent_messages(CHAT))
            await press(fake, CHAT, answer, button(answer, "📖"))
            out["context"] = (await fake.await_messages(n + 1, chat_id=CHAT))[n]
            out["vote"] = await press(fake, CHAT, answer, button(answer, "👍"))
            await fake.await_calls(lambda c: True, method="answerCallbackQuery", count=presses, timeout=5)
            for _ in range(100):  # the vote is written just after the query is answered
                if (tmp_path / "feedback.jsonl").exists():
                    break
                await asyncio.sleep(0.02)
            # A forged button: another chat replays this chat's callback data; garbage data.
            fake.push_text(OTHER_CHAT, "xin chào")  # the chat must exist before a button is pressed in it
            await fake.await_messages(1, chat_id=OTHER_CHAT)
            out["forged"] = await press(fake, OTHER_CHAT, {"message_id": 1}, button(answer, "👍"))
            out["garbage"] = await press(fake, CHAT, answer, "x" * 64)
            await quiet(fake)
            return out

    out = run(main_())
    answer = out["answer"]
    if "more" in out:
        assert out["more"]["reply_to_message"]["message_id"] == answer["message_id"]
        assert "blockquote" in [e["type"] for e in out["more"]["entities"]]
        # The answer's own More button is gone (pressing it again would resend the same page); the rest stays.
        edit = out["edit"].params
        labels = [b["text"] for row in edit["reply_markup"]["inline_keyboard"] for b in row]
        assert edit["message_id"] == answer["message_id"] and "Thêm ▸" not in labels and "👍" in labels
    context = out["context"]
    assert context["text"].startswith("📖 Ngữ cảnh") and context["reply_to_message"]["message_id"] == answer["message_id"]
    assert any(BUDGET in t for t in entity_texts(context, "bold"))
    assert out["vote"].params.get("text") == "Cảm ơn bạn đã góp ý!"
    [line] = (tmp_path / "feedback.jsonl").read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert record["vote"] == "up" and record["question"] == QUESTION and BUDGET in record["quotes"][0]["text"]
    assert record["unsure"] is False  # a vote on an answer, not on the closest sentences of a "not found"
    assert str(CHAT) not in record["chat"] and len(record["chat"]) == 16 and record["time"]
    assert "đã cũ" in out["forged"].params.get("text", "")  # cannot read another chat's answer
    assert out["garbage"].params.get("text")
    assert len(fake.sent_messages(OTHER_CHAT)) == 1  # only the reply to "xin chào"
    assert_no_failed_calls(fake)


def test_a_second_vote_changes_the_first_and_a_repeated_one_counts_once(service: QAService, fake: FakeBotAPI,
                                                                        tmp_path: Path) -> None:
    async def main_() -> list[str]:
        async with running(fake, service, tmp_path):
            answer = await ask(fake, CHAT, QUESTION)
            toasts = []
            for vote in ("👍", "👍", "👎"):
                toasts.append((await press(fake, CHAT, answer, button(answer, vote))).params.get("text"))
            await quiet(fake)
            return toasts

    toasts = run(main_())
    assert toasts == ["Cảm ơn bạn đã góp ý!", "Bạn đã góp ý cho câu trả lời này rồi.", "Đã đổi góp ý của bạn. Cảm ơn!"]
    for _ in range(100):  # votes are written just after their query is answered
        lines = (tmp_path / "feedback.jsonl").read_text(encoding="utf-8").splitlines() \
            if (tmp_path / "feedback.jsonl").exists() else []
        if len(lines) == 2:
            break
        time.sleep(0.02)
    first, second = (json.loads(line) for line in lines)
    assert (first["vote"], second["vote"], second["replaces"]) == ("up", "down", "up") and "replaces" not in first



def test_a_vote_that_could_not_be_written_can_be_made_again(service: QAService, fake: FakeBotAPI,
                                                            tmp_path: Path) -> None:
    log = tmp_path / "feedback.jsonl"
    log.mkdir()  # the first write fails (a folder where the log should be)

    async def main_() -> list[str]:
        async with running(fake, service, tmp_path):
            answer = await ask(fake, CHAT, QUESTION)
            first = await press(fake, CHAT, answer, button(answer, "👍"))
            await quiet(fake)
            log.rmdir()
            second = await press(fake, CHAT, answer, button(answer, "👍"))
            await quiet(fake)
            return [first.params.get("text"), second.params.get("text")]

    assert run(main_()) == ["Cảm ơn bạn đã góp ý!", "Cảm ơn bạn đã góp ý!"]  # not "already voted"
    for _ in range(100):
        if log.is_file() and log.read_text(encoding="utf-8"):
            break
        time.sleep(0.02)
    [line] = log.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["vote"] == "up" and "replaces" not in json.loads(line)


# --- a transcript, as a user sees it (docs/TELEGRAM.md shows one; run with -s to print it) ----------------

def as_markdown(message: dict) -> str:
    """A sent message as Markdown: entities applied, blockquotes as '>' lines, buttons as [labels]."""
    text = message["text"]
    u16 = text.encode("utf-16-le")
    marks = {"bold": "**", "italic": "_", "code": "`"}
    inserts: list[tuple[int, int, str]] = []  # (utf16 offset, order, text)
    for e in message.get("entities") or []:
        if e["type"] in marks:
            inserts += [(e["offset"], 1, marks[e["type"]]), (e["offset"] + e["length"], 0, marks[e["type"]])]
    quoted = [(e["offset"], e["offset"] + e["length"]) for e in message.get("entities") or []
              if e["type"] == "blockquote"]
    out, pos = [], 0
    for off, _, mark in sorted(inserts):
        out += [u16[2 * pos:2 * off].decode("utf-16-le"), mark]
        pos = off
    out.append(u16[2 * pos:].decode("utf-16-le"))
    md = "".join(out)
    lines, start = [], 0  # prefix lines inside a blockquote with "> " (offsets from the plain text)
    for line in text.split("\n"):
        lo = len(text[:start].encode("utf-16-le")) // 2
        lines.append(any(a <= lo < b for a, b in quoted))
        start += len(line) + 1
    rendered = [("> " if q else "") + line for q, line in zip(lines, md.split("\n"))]
    buttons = [" ".join(f"[{b['text']}]" for b in row) for row in (message.get("reply_markup") or {}).get(
        "inline_keyboard", [])]
    return "  \n".join(rendered + buttons)


@pytest.mark.slow
def test_transcript_of_a_real_exchange(real_service: QAService, fake: FakeBotAPI, tmp_path: Path) -> None:
    steps: list[tuple[str, str]] = []

    async def main_() -> None:
        async with running(fake, real_service, tmp_path):
            async def say(text: str) -> dict:
                steps.append(("user", text))
                reply = await ask(fake, CHAT, text)
                steps.append(("bot", as_markdown(reply)))
                return reply

            await say("/start")
            answer = await say(EXAMPLES["vi"][0])
            n = len(fake.sent_messages(CHAT))
            steps.append(("user", "(taps 📖 Ngữ cảnh)"))
            await press(fake, CHAT, answer, button(answer, "📖"))
            steps.append(("bot", as_markdown((await fake.await_messages(n + 1, chat_id=CHAT))[n])))
            steps.append(("user", "(taps 👍)"))
            vote = await press(fake, CHAT, answer, button(answer, "👍"))
            steps.append(("bot", f"(toast) {vote.params['text']}"))
            await say(EXAMPLES["en"][0])
            await say("What is the weather in Paris tomorrow?")

    run(main_())
    print("\n\n".join(f"**{'You' if who == 'user' else 'TinBot'}:**  \n{what}" for who, what in steps))
    assert sum(BUDGET in what for who, what in steps if who == "bot") >= 2


def test_a_short_follow_up_is_read_with_the_chats_last_question(hashing_service: QAService, fake: FakeBotAPI,
                                                                 tmp_path: Path) -> None:
    first = "Thu ngân sách trên địa bàn đạt bao nhiêu tỷ đồng?"

    async def main_() -> tuple[dict, dict]:
        async with running(fake, hashing_service, tmp_path):
            await ask(fake, CHAT, first)
            follow_up = await ask(fake, CHAT, "còn dự toán?")
            elsewhere = await ask(fake, OTHER_CHAT, "còn dự toán?")  # another chat asked nothing before
            await quiet(fake)
            return follow_up, elsewhere

    follow_up, elsewhere = run(main_())
    assert follow_up["text"].startswith(f"↪ (hiểu tiếp theo câu hỏi trước: “{first}”)\n")
    assert BUDGET in follow_up["text"] and follow_up["text"].split("\n")[0] in entity_texts(follow_up, "italic")
    assert elsewhere["text"].startswith("🔎 Không tìm thấy")


# --- groups ---------------------------------------------------------------------------------------------

def test_group_answers_ask_mentions_and_replies_and_ignores_chatter(service: QAService, fake: FakeBotAPI,
                                                                     tmp_path: Path) -> None:
    async def main_() -> dict:
        async with running(fake, service, tmp_path):
            out = {"ask": await reply_to(fake, GROUP, fake.push_command(GROUP, "ask", QUESTION, to_bot=True))}
            chatter = fake.push_text(GROUP, "Hôm nay trời đẹp quá, đi cà phê không mọi người?")
            out["mention"] = await ask(fake, GROUP, f"{fake.mention} {QUESTION}")
            out["reply"] = await ask(fake, GROUP, QUESTION, reply_to_bot_message_id=out["ask"]["message_id"])
            out["empty"] = await reply_to(fake, GROUP, fake.push_command(GROUP, "ask"))
            out["start"] = await reply_to(fake, GROUP, fake.push_command(GROUP, "start", to_bot=True))
            await quiet(fake)
            out["chatter_id"] = message_id(fake, chatter)
            return out

    out = run(main_())
    for key in ("ask", "mention", "reply"):
        assert BUDGET in out[key]["text"], key
    assert "/ask" in out["empty"]["text"]
    assert f"Trong nhóm: gõ /ask <câu hỏi>, nhắc {fake.mention}" in out["start"]["text"]  # how to ask here
    replied = [(m.get("reply_to_message") or {}).get("message_id") for m in fake.sent_messages(GROUP)]
    assert out["chatter_id"] not in replied and len(replied) == 5


# --- faults, limits, access -----------------------------------------------------------------------------

def test_429_is_honoured_and_the_reply_still_arrives(service: QAService, fake: FakeBotAPI, tmp_path: Path) -> None:
    async def main_() -> dict:
        async with running(fake, service, tmp_path):
            fake.fail_next("sendMessage", 429, retry_after=1)
            return await ask(fake, CHAT, QUESTION)

    reply = run(main_())
    assert BUDGET in reply["text"]
    sends = fake.calls_to("sendMessage")
    assert [c.status for c in sends] == [429, 200]
    assert sends[1].ts - sends[0].ts >= 1.0  # waited retry_after
    assert len(fake.sent_messages(CHAT)) == 1


def test_error_is_logged_without_the_token_and_the_user_gets_an_apology(
        service: QAService, fake: FakeBotAPI, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    async def main_() -> dict:
        async with running(fake, service, tmp_path):
            fake.fail_next("sendMessage", 400, description=f"Bad Request: broken at /bot{fake.token}/sendMessage")
            update_id = fake.push_text(CHAT, QUESTION)
            [apology] = await fake.await_messages(1, chat_id=CHAT, timeout=10)
            later = await ask(fake, CHAT, QUESTION)  # and the bot keeps running
            return {"update_id": update_id, "apology": apology, "later": later}

    with caplog.at_level(logging.ERROR):
        out = run(main_())
    assert "Xin lỗi" in out["apology"]["text"] and BUDGET in out["later"]["text"]
    logged = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert f"update {out['update_id']} failed" in logged and "<token>" in logged
    assert fake.token.split(":")[1] not in logged


def test_redaction_filter_covers_messages_and_tracebacks() -> None:
    token = "123:SECRET-token_value"
    try:
        raise RuntimeError(f"GET https://api.telegram.org/bot{token}/getMe failed")
    except RuntimeError:
        record = logging.LogRecord("telegram.ext", logging.ERROR, __file__, 1, "url %s", (f"/bot{token}/x",),
                                   sys.exc_info())
    RedactToken(token).filter(record)
    text = logging.Formatter().format(record)
    assert "SECRET" not in text and text.count("<token>") == 2
    assert redact("only the secret: SECRET-token_value", token) == "only the secret: <token>"
    assert redact("Bad request: /bot123:secret-token_value/x", token) == "Bad request: /bot123:<token>/x"  # PTB lowercases


def test_flood_guard_answers_the_limit_then_warns_once(service: QAService, fake: FakeBotAPI, tmp_path: Path) -> None:
    async def main_() -> list[dict]:
        async with running(fake, service, tmp_path, flood_limit=2):
            for _ in range(5):
                fake.push_text(CHAT, QUESTION)
            await fake.await_messages(3, chat_id=CHAT, timeout=10)
            await quiet(fake)
            return fake.sent_messages(CHAT)

    sent = run(main_())
    assert len(sent) == 3
    assert sum(BUDGET in m["text"] for m in sent) == 2
    assert sum("nhanh quá" in m["text"] for m in sent) == 1


def test_allowlist_refuses_other_chats_once(service: QAService, fake: FakeBotAPI, tmp_path: Path) -> None:
    async def main_() -> None:
        async with running(fake, service, tmp_path, allowed_chats=frozenset({CHAT})):
            await ask(fake, CHAT, QUESTION)
            await ask(fake, OTHER_CHAT, QUESTION)
            fake.push_text(OTHER_CHAT, QUESTION)
            fake.push_text(GROUP, "chuyện phiếm trong nhóm")
            await reply_to(fake, GROUP, fake.push_command(GROUP, "ask", QUESTION))
            fake.push_command(GROUP, "ask", QUESTION)
            await quiet(fake)

    run(main_())
    assert BUDGET in fake.sent_messages(CHAT)[0]["text"]
    for chat in (OTHER_CHAT, GROUP):
        [refusal] = fake.sent_messages(chat)
        assert "chỉ phục vụ" in refusal["text"]


# --- the pieces on their own: flood guard, feedback log, configuration ---------------------------------

def test_flood_guard_sliding_window() -> None:
    now = [0.0]
    guard = FloodGuard(2, window=60, clock=lambda: now[0])
    verdicts = []
    for t in (0.0, 10.0, 20.0, 30.0):
        now[0] = t
        verdicts.append(guard.check(1))
    assert verdicts == [Verdict.ALLOW, Verdict.ALLOW, Verdict.WARN, Verdict.DROP]
    assert guard.check(2) is Verdict.ALLOW  # per chat
    now[0] = 59.9
    assert guard.check(1) is Verdict.DROP
    now[0] = 60.0  # the first question left the window
    assert guard.check(1) is Verdict.ALLOW and guard.check(1) is Verdict.WARN
    now[0] = 1000.0
    guard.check(3)
    assert len(guard) == 1  # idle chats are forgotten
    assert all(FloodGuard(0).check(1) is Verdict.ALLOW for _ in range(100))


def test_feedback_log_is_thread_safe_and_hashes_chats(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    path = tmp_path / "fb" / "votes.jsonl"
    log = FeedbackLog(path)
    q = Quote("Câu <b>&</b>.", 0.9, "T", "2023-07", "a.txt", "a#1", 0, 10, (0, 3))
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda i: log.record(question=f"câu hỏi {i}", quotes=[q], vote="up" if i % 2 else "down",
                                           chat_id=i % 5), range(400)))
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 400 and {r["question"] for r in records} == {f"câu hỏi {i}" for i in range(400)}
    assert records[0]["quotes"][0]["text"] == "Câu <b>&</b>." and records[0]["quotes"][0]["answer"] == "Câu"
    assert len({r["chat"] for r in records}) == 5
    assert FeedbackLog(path).chat_hash(3) == log.chat_hash(3)  # the salt is kept beside the log
    assert oct(path.with_name("votes.jsonl.salt").stat().st_mode & 0o777) == "0o600"
    with pytest.raises(ValueError):
        log.record(question="q", quotes=[], vote="meh", chat_id=1)


def _args(**over: Any) -> Any:
    import argparse

    base = {"token_file": None, "base_url": None, "webhook_url": None, "listen": "127.0.0.1", "port": 8443,
            "secret_token": None, "flood_limit": None, "allowed_chats": None, "feedback_file": None}
    return argparse.Namespace(**{**base, **over})


def test_config_flags_win_over_environment(tmp_path: Path) -> None:
    env = {"TELEGRAM_BOT_TOKEN": "1:env", "TINBOT_TELEGRAM_BASE_URL": "http://h/bot", "TINBOT_FLOOD_LIMIT": "5",
           "TINBOT_ALLOWED_CHATS": "1, -1002", "TINBOT_FEEDBACK_FILE": "/f", "TINBOT_WEBHOOK_SECRET": "s"}
    cfg = TelegramConfig.from_args(_args(), env)
    assert (cfg.token, cfg.base_url, cfg.flood_limit, cfg.allowed_chats, cfg.feedback_file, cfg.secret_token) == \
        ("1:env", "http://h/bot", 5, frozenset({1, -1002}), Path("/f"), "s")
    assert "1:env" not in repr(cfg)
    token_file = tmp_path / "token"
    token_file.write_text("2:file\n")
    cfg = TelegramConfig.from_args(_args(token_file=str(token_file), flood_limit=0, allowed_chats=""), env)
    assert (cfg.token, cfg.flood_limit, cfg.allowed_chats) == ("2:file", 0, None)
    assert TelegramConfig.from_args(_args(), {"TELEGRAM_BOT_TOKEN": "3:x"}).flood_limit == 20


@pytest.mark.parametrize(("over", "env", "message"), [
    ({}, {}, "no bot token"),
    ({"token_file": "/nonexistent/token"}, {}, "cannot read the token file"),
    ({"allowed_chats": "12,abc"}, {"TELEGRAM_BOT_TOKEN": "1:x"}, "comma-separated chat ids"),
    ({}, {"TELEGRAM_BOT_TOKEN": "1:x", "TINBOT_FLOOD_LIMIT": "lots"}, "TINBOT_FLOOD_LIMIT"),
])
def test_config_errors_say_how_to_fix_them(over: dict, env: dict, message: str) -> None:
    with pytest.raises(TinbotError, match=message):
        TelegramConfig.from_args(_args(**over), env)


# --- load -----------------------------------------------------------------------------------------------

async def _load(fake: FakeBotAPI, service: QAService, tmp_path: Path, chats: int, per_chat: int,
                **config: Any) -> dict[str, float]:
    async with running(fake, service, tmp_path, **config):
        pushed: dict[tuple[int, int], float] = {}
        for round_ in range(per_chat):
            for c in range(chats):
                chat = 20_000 + c
                update_id = fake.push_text(chat, QUESTIONS[(c + round_) % len(QUESTIONS)])
                pushed[(chat, message_id(fake, update_id))] = time.monotonic()
        total = chats * per_chat
        await fake.await_calls(lambda c: c.ok, method="sendMessage", count=total, timeout=120)
        await quiet(fake, 1.0)
    sends = [c for c in fake.calls_to("sendMessage") if c.ok]
    replies = [((c.result["chat"]["id"], c.result["reply_to_message"]["message_id"]), c.ts) for c in sends]
    keys = [k for k, _ in replies]
    assert len(keys) == total and set(keys) == set(pushed), "every question answered exactly once"
    latencies = sorted(ts - pushed[k] for k, ts in replies)
    start = min(pushed.values())
    elapsed = max(ts for _, ts in replies) - start
    return {"replies": total, "seconds": elapsed, "replies_per_s": total / elapsed,
            "typing": len(fake.calls_to("sendChatAction")),
            "p50_ms": 1000 * statistics.median(latencies),
            "p95_ms": 1000 * latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))]}


def _report(name: str, figures: dict[str, float]) -> None:
    print(f"\n[{name}] {figures['replies']:.0f} replies in {figures['seconds']:.2f} s: "
          f"{figures['replies_per_s']:.1f} replies/s, p50 {figures['p50_ms']:.0f} ms, p95 {figures['p95_ms']:.0f} ms "
          f"({figures['typing']:.0f} typing actions)")


def test_fifty_chats_five_questions_each_all_answered_once(hashing_service: QAService, fake: FakeBotAPI,
                                                          tmp_path: Path) -> None:
    figures = run(_load(fake, hashing_service, tmp_path, 50, 5, rate_limit=1000.0), timeout=180)
    _report("hashing, rate limit 1000/s", figures)
    assert_no_failed_calls(fake)


@pytest.mark.slow
@pytest.mark.parametrize("rate_limit", [30.0, 1e6], ids=["telegram-30-per-s", "unlimited"])
def test_fifty_chats_five_questions_real_model(real_service: QAService, fake: FakeBotAPI, tmp_path: Path,
                                               rate_limit: float) -> None:
    figures = run(_load(fake, real_service, tmp_path, 50, 5, rate_limit=rate_limit), timeout=300)
    _report(f"real model, rate limit {rate_limit:g}/s", figures)
    assert_no_failed_calls(fake)


# --- the command line -----------------------------------------------------------------------------------

def test_telegram_help_documents_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["telegram", "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for option in ("--base-url", "--token-file", "--webhook-url", "--listen", "--port", "--secret-token",
                   "--flood-limit", "--allowed-chats", "--feedback-file", "--index-dir", "--model", "--top-k",
                   "TELEGRAM_BOT_TOKEN"):
        assert option in out


def test_missing_token_is_one_clear_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["telegram", "--model", "hashing"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("tinbot: no bot token") and "@BotFather" in err and len(err.splitlines()) == 1


def test_tinbot_telegram_polls_answers_and_never_logs_the_token(fake: FakeBotAPI, tmp_path: Path) -> None:
    proc = spawn_bot(fake, tmp_path)
    wait_until(lambda: bool(fake.calls_to("deleteWebhook")), proc)  # polling starts right after
    fake.push_text(CHAT, QUESTION)
    wait_until(lambda: bool(fake.sent_messages(CHAT)), proc)
    code, output = stop_bot(proc)
    assert code == 0, output
    assert BUDGET in fake.sent_messages(CHAT)[0]["text"]
    assert "ready" in output  # -vv logs do flow...
    assert fake.token.split(":")[1] not in output  # ...but never the token


def listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


def test_tinbot_telegram_webhook_mode(fake: FakeBotAPI, tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = spawn_bot(fake, tmp_path, "--webhook-url", "https://bot.example.org/tg/hook", "--port", str(port),
                  "--secret-token", "s3cret")
    wait_until(lambda: bool(fake.calls_to("setWebhook")), proc)
    [hook] = fake.calls_to("setWebhook")
    assert hook.params["url"] == "https://bot.example.org/tg/hook" and hook.params["secret_token"] == "s3cret"
    wait_until(lambda: listening(port), proc)  # PTB sets the webhook first, then starts its server


    def post(secret: str) -> int:
        update = {"update_id": 1, "message": {"message_id": 1, "date": 0, "text": QUESTION,
                                              "chat": {"id": CHAT, "type": "private", "first_name": "A"},
                                              "from": {"id": CHAT, "is_bot": False, "first_name": "A"}}}
        req = urllib.request.Request(f"http://127.0.0.1:{port}/tg/hook", data=json.dumps(update).encode(),
                                     headers={"Content-Type": "application/json",
                                              "X-Telegram-Bot-Api-Secret-Token": secret})
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                return resp.status
        except urllib.error.HTTPError as exc:
            return exc.code

    assert post("wrong") == 403
    assert post("s3cret") == 200
    wait_until(lambda: bool(fake.sent_messages(CHAT)), proc)
    code, output = stop_bot(proc)
    assert code == 0, output
    assert BUDGET in fake.sent_messages(CHAT)[0]["text"]
    assert fake.token.split(":")[1] not in output


def test_messages_stay_within_telegram_limits(service: QAService) -> None:
    """Every page of every sample answer fits one message (no split needed for real sentences)."""
    from bot.render import MAX_MESSAGE, paginate, render_quotes

    for q in QUESTIONS:
        for page in paginate(service.ask(q), service.settings.top_k):
            assert all(utf16_len(m) <= MAX_MESSAGE for m in render_quotes(page))
