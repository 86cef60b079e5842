"""Telegram HTML for every bot message: pure functions, no Telegram import, everything escaped.

A message is built from `Block`s (runs of text, each optionally in one tag, the whole optionally in a
`<blockquote>`). `pack` joins blocks into messages of at most `MAX_MESSAGE` UTF-16 units of HTML source,
splitting an over-long block at sentence boundaries (then spaces, then characters) and re-opening its tags
in each part, so no message ever has a broken tag. Buttons are returned as plain (label, callback data)
rows; `bot/handlers.py` turns them into Telegram objects.
"""
from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import TYPE_CHECKING

from bot.format import LESS_CLOSE, SMALL_TALK, UNSURE, fact_parts, follows_text, month, not_found_text, plural
from retrieval.answer import with_answer_spans
from retrieval.freshness import CHANGED
from retrieval.types import Answer, Quote, Sentence

if TYPE_CHECKING:
    from retrieval.service import IndexStats

MAX_MESSAGE = 4096  # Telegram's limit; counting the HTML source (not the visible text) keeps a safe margin
MAX_CALLBACK_BYTES = 64
MAX_TOAST = 200  # answerCallbackQuery text limit

Keyboard = list[list[tuple[str, str]]]  # rows of (label, callback data)

# Characters Telegram rejects or mangles: C0/C1 controls except tab and newline, lone surrogates.
_UNSENDABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_SENTENCE_END = re.compile(r"[.!?…](?=\s)|\n")
_GLUE = frozenset("\u200d\ufe0e\ufe0f")  # zero-width joiner, variation selectors: never cut next to them


def utf16_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def sendable(text: str) -> str:
    return _UNSENDABLE.sub("", text)


def esc(text: str) -> str:
    """Escape user or corpus text for parse_mode=HTML (&, <, > only; we never write attributes)."""
    return html.escape(sendable(text), quote=False)


# --- blocks and splitting -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Run:
    text: str
    tag: str | None = None  # "b", "i" or "code"


@dataclass(frozen=True)
class Block:
    runs: tuple[Run, ...]
    wrap: str | None = None  # "blockquote" or None
    sep: str = "\n"  # put before the block when it follows another one in the same message

    @property
    def plain(self) -> str:
        return "".join(r.text for r in self.runs)

    def html(self) -> str:
        body = "".join(f"<{r.tag}>{esc(r.text)}</{r.tag}>" if r.tag else esc(r.text) for r in self.runs if r.text)
        return f"<{self.wrap}>{body}</{self.wrap}>" if self.wrap else body

    def cut(self, start: int, end: int) -> Block:
        """The part of this block covering plain[start:end], same tags."""
        runs, pos = [], 0
        for r in self.runs:
            lo, hi = max(start, pos), min(end, pos + len(r.text))
            if lo < hi:
                runs.append(Run(r.text[lo - pos:hi - pos], r.tag))
            pos += len(r.text)
        return replace(self, runs=tuple(runs))


def block(*parts: str | tuple[str, str], wrap: str | None = None, sep: str = "\n") -> Block:
    """Block("plain ", ("i", "italic"), ...): strings are plain runs, (tag, text) pairs are tagged runs."""
    runs = tuple(Run(sendable(p)) if isinstance(p, str) else Run(sendable(p[1]), p[0]) for p in parts)
    return Block(runs, wrap, sep)


def _visible(b: Block) -> bool:
    return bool(b.plain.strip())


def _break_at(s: str, start: int, limit: int) -> int:
    """Where to end a part that may reach `limit`: a sentence end, else a space, else a safe character."""
    half = start + (limit - start) // 2
    ends = [m.end() for m in _SENTENCE_END.finditer(s, start, limit) if m.end() > half]
    if ends:
        return ends[-1]
    space = max(s.rfind(" ", half, limit), s.rfind("\n", half, limit))
    if space > start:
        return space
    cut = limit
    while cut > start + 1 and (unicodedata.combining(s[cut]) or s[cut] in _GLUE or s[cut - 1] in _GLUE
                               or "\U0001f3fb" <= s[cut] <= "\U0001f3ff"):
        cut -= 1
    return cut


def split_block(b: Block, limit: int = MAX_MESSAGE) -> Iterator[Block]:
    """`b` itself if it fits, else parts of it that each fit, cut at sentence boundaries where possible."""
    if utf16_len(b.html()) <= limit:
        yield b
        return
    s, start = b.plain, 0
    while start < len(s):
        while start < len(s) and s[start].isspace():
            start += 1
        if start >= len(s):
            return
        if utf16_len(b.cut(start, len(s)).html()) <= limit:
            yield b.cut(start, len(s))
            return
        lo, hi = start + 1, len(s)  # largest end that fits; one character always does
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if utf16_len(b.cut(start, mid).html()) <= limit:
                lo = mid
            else:
                hi = mid - 1
        end = _break_at(s, start, lo) if lo < len(s) else lo
        yield b.cut(start, end)
        start = end


def pack(blocks: Iterable[Block], limit: int = MAX_MESSAGE) -> list[str]:
    """Join blocks into as few messages as fit `limit`; blocks with no visible text are dropped."""
    messages: list[str] = []
    current = ""
    for whole in blocks:
        for part in split_block(whole, limit):
            if not _visible(part):
                continue
            piece = part.html()
            if current and utf16_len(current + part.sep + piece) <= limit:
                current += part.sep + piece
            else:
                if current:
                    messages.append(current)
                current = piece
    if current:
        messages.append(current)
    return messages


# --- texts ----------------------------------------------------------------------------------------------

# The seed article (seeds/); the examples below are suggested only when the index holds it.
EXAMPLES_TITLE = "Cẩm Xuyên chủ động, quyết liệt thực hiện nhiệm vụ những tháng cuối năm"
EXAMPLES = {  # answerable from seeds/ (checked by a slow test); shown by /start and as the form of a question
    "vi": ("Thu ngân sách trên địa bàn huyện Cẩm Xuyên đạt bao nhiêu?",
           "Tổng giá trị sản xuất đạt bao nhiêu tỷ đồng?",
           "Sản xuất vụ xuân năm nay thế nào?"),
    "en": ("How much was the budget revenue in Cẩm Xuyên?",
           "How much was the total production value?",
           "How was the spring harvest?"),
}

TEXTS = {
    "vi": {
        "hello": "👋 Xin chào! Bạn hỏi, tôi trả lời bằng đúng câu văn trong bài báo, kèm tên bài và ngày đăng.",
        "knows": "Tôi đang có {articles} bài báo ({sentences} câu){range}.",
        "range": ", từ {first} đến {last}",
        "range_one": ", đăng tháng {first}",
        "try": "Thử hỏi (chạm để sao chép):",
        "newest": "Bài mới nhất:",
        "ask_about": "Hãy hỏi về nội dung các bài: ai, ở đâu, khi nào, bao nhiêu, vì sao...",
        "more_help": "Gõ /help để xem hướng dẫn.",
        "unknown_command": "Tôi không có lệnh này.",
        "in_group": "Trong nhóm: gõ /ask &lt;câu hỏi&gt;, nhắc {mention}, hoặc trả lời tin nhắn của tôi.",
        "help": ("<b>Cách dùng</b>\n"
                 "• Gửi một câu hỏi bằng tiếng Việt (có dấu hoặc không dấu) hoặc tiếng Anh. Tôi trích nguyên văn "
                 "câu trả lời, tô đậm con số hay tên cần tìm, và ghi tên bài, ngày đăng.\n"
                 "• <b>Thêm ▸</b>: các câu trích khác. <b>📖</b>: các câu xung quanh. 👍/👎: câu trả lời đúng "
                 "hay sai. Khi không tìm thấy, <b>Xem câu gần nhất ▸</b> cho xem các câu gần nhất (không chắc "
                 "chắn).\n"
                 "• Trong nhóm: /ask &lt;câu hỏi&gt;, nhắc {mention}, hoặc trả lời tin nhắn của tôi.\n"
                 "Lệnh: /start /help /ask /about"),
        "about": "<b>tinbot</b> {version}\nMô hình: <code>{model}</code>\n"
                 "Chỉ mục: {articles} bài, {sentences} câu{range}",
        "nontext": "Tôi chỉ đọc được câu hỏi bằng chữ. Ví dụ: <code>{example}</code>",
        "need_words": "Hãy gõ câu hỏi bằng chữ, ví dụ: <code>{example}</code>",
        "link": "Tôi không mở đường link, chỉ trả lời từ các bài báo đã có. Hãy hỏi bằng lời, ví dụ: "
                "<code>{example}</code>",
        "ask_usage": "Gõ câu hỏi sau lệnh, ví dụ: <code>/ask {example}</code>",
        # The same without an example, for an index without the seed article (its examples would be declined).
        "nontext_plain": "Tôi chỉ đọc được câu hỏi bằng chữ: hãy hỏi về các bài báo (ai, ở đâu, khi nào, bao "
                         "nhiêu...).",
        "need_words_plain": "Hãy gõ câu hỏi bằng chữ về các bài báo (ai, ở đâu, khi nào, bao nhiêu...).",
        "link_plain": "Tôi không mở đường link, chỉ trả lời từ các bài báo đã có. Hãy hỏi bằng lời.",
        "ask_usage_plain": "Gõ câu hỏi ngay sau lệnh: <code>/ask &lt;câu hỏi&gt;</code>.",
        "too_long": "Câu hỏi dài {n} ký tự, quá dài để tìm. Hãy hỏi ngắn gọn, tối đa {limit} ký tự.",
        "refused": "Xin lỗi, bot này chỉ phục vụ một số cuộc trò chuyện được cho phép.",
        "flood": "Bạn hỏi nhanh quá 🙂 Tôi trả lời tối đa {limit} câu mỗi phút; vui lòng thử lại sau ít giây.",
        "error": "Xin lỗi, đã có lỗi khi trả lời. Bạn hãy thử lại.",
        "context_title": "📖 Ngữ cảnh",
        "context_gone": "Đoạn này không còn trong chỉ mục.",
        "changed": "⚠️ bài đã được sửa sau khi lập chỉ mục và không còn câu này",
        "more": "Thêm ▸",
        "closest": "Xem câu gần nhất ▸",
        "context": "📖 Ngữ cảnh",
        "expired": "Câu trả lời này đã cũ, tôi không còn giữ. Hãy hỏi lại.",
        "no_more": "Không còn câu trích nào khác.",
        "thanks": "Cảm ơn bạn đã góp ý!",
        "voted": "Bạn đã góp ý cho câu trả lời này rồi.",
        "revoted": "Đã đổi góp ý của bạn. Cảm ơn!",
        "bad_button": "Nút này không còn dùng được.",
        "slow_down": "Bạn bấm nhanh quá 🙂 Vui lòng thử lại sau ít giây.",
    },
    "en": {
        "hello": "👋 Hello! Ask me a question and I answer with the exact sentence from a news article, with its "
                 "title and date.",
        "knows": "I know {articles} ({sentences}){range}.",
        "range": ", from {first} to {last}",
        "range_one": ", from {first}",
        "try": "Try (tap to copy):",
        "newest": "Newest articles:",
        "ask_about": "Ask about what they say: who, where, when, how much, why...",
        "more_help": "Type /help for help.",
        "unknown_command": "I don't know that command.",
        "in_group": "In this group: /ask &lt;question&gt;, mention {mention}, or reply to my messages.",
        "help": ("<b>How to use</b>\n"
                 "• Send a question in Vietnamese (with or without accents) or English. I quote the sentence "
                 "that answers it, the figure or name in bold, with the article's title and date.\n"
                 "• <b>More ▸</b>: other quotes. <b>📖</b>: the sentences around a quote. 👍/👎: was it right? "
                 "When nothing is found, <b>Closest sentences ▸</b> shows them anyway, marked as not sure.\n"
                 "• In groups: /ask &lt;question&gt;, mention {mention}, or reply to my messages.\n"
                 "Commands: /start /help /ask /about"),
        "about": "<b>tinbot</b> {version}\nModel: <code>{model}</code>\nIndex: {articles}, {sentences}{range}",
        "nontext": "I can only read questions written in text. For example: <code>{example}</code>",
        "need_words": "Please type your question in words, e.g. <code>{example}</code>",
        "link": "I don't open links; I answer from the articles I have. Please ask in words, e.g. "
                "<code>{example}</code>",
        "ask_usage": "Put the question after the command, e.g. <code>/ask {example}</code>",
        "nontext_plain": "I can only read questions written in text: ask about the articles (who, where, when, how "
                         "much...).",
        "need_words_plain": "Please type your question about the articles in words (who, where, when, how much...).",
        "link_plain": "I don't open links; I answer from the articles I have. Please ask in words.",
        "ask_usage_plain": "Put the question right after the command: <code>/ask &lt;question&gt;</code>.",
        "too_long": "Your question is {n} characters long, too long to search. Please keep it to {limit} at most.",
        "refused": "Sorry, this bot only serves a few allowed chats.",
        "flood": "You are asking faster than I can answer 🙂 Up to {limit} questions a minute; please try again "
                 "in a few seconds.",
        "error": "Sorry, something went wrong while answering. Please try again.",
        "context_title": "📖 Context",
        "context_gone": "This passage is no longer in the index.",
        "changed": "⚠️ the article was edited after indexing and no longer has this sentence",
        "more": "More ▸",
        "closest": "Closest sentences ▸",
        "context": "📖 Context",
        "expired": "This answer is too old; I no longer have it. Please ask again.",
        "no_more": "No more quotes for this question.",
        "thanks": "Thanks for the feedback!",
        "voted": "You already voted on this answer.",
        "revoted": "Your vote is changed. Thanks!",
        "bad_button": "This button no longer works.",
        "slow_down": "You are pressing buttons faster than I can answer 🙂 Please try again in a few seconds.",
    },
}


def lang_of(code: str | None) -> str:
    """UI language from a detected language or a Telegram `language_code`: English only when asked for."""
    return "en" if code and code.lower().startswith("en") else "vi"


def text(key: str, lang: str, **values: object) -> str:
    """A UI string (HTML; values are escaped)."""
    return TEXTS[lang_of(lang)][key].format(**{k: esc(str(v)) for k, v in values.items()})


def plain(key: str, lang: str) -> str:
    """A UI string as plain text: button labels, answerCallbackQuery toasts (no HTML there)."""
    return TEXTS[lang_of(lang)][key][:MAX_TOAST]


def number(n: int, lang: str) -> str:
    grouped = f"{n:,}"
    return grouped.replace(",", ".") if lang_of(lang) == "vi" else grouped


def counted(n: int, noun: str, lang: str) -> str:
    """English needs the noun and its plural ("1 article", "27 sentences"); Vietnamese has the noun in the text."""
    if lang_of(lang) == "vi":
        return number(n, lang)
    return plural(n, noun)


def _range(stats: IndexStats, lang: str) -> str:
    if not stats.first_date:
        return ""
    key = "range_one" if stats.first_date == stats.last_date else "range"
    return TEXTS[lang_of(lang)][key].format(first=esc(month(stats.first_date)), last=esc(month(stats.last_date)))


def render_start(stats: IndexStats, lang: str, *, mention: str | None = None) -> str:
    """The welcome; `mention` (the bot's @name) in a group, where a plain message is not a question."""
    lang = lang_of(lang)
    lines = [text("hello", lang), "",
             TEXTS[lang]["knows"].format(articles=f"<b>{counted(stats.articles, 'article', lang)}</b>",
                                         sentences=counted(stats.sentences, "sentence", lang),
                                         range=_range(stats, lang)),
             ""]
    others = [(t, d) for t, d in stats.recent if t != EXAMPLES_TITLE]
    if seed_indexed(stats):  # its tested examples
        lines += [text("try", lang)] + [f"• <code>{esc(q)}</code>" for q in EXAMPLES["vi"] + EXAMPLES["en"]] + [""]
    if others:  # examples written for the seed would be declined here: name what there is to ask about
        lines += [text("newest", lang)]
        lines += [f"• <i>{esc(t)}</i>" + (f", {esc(month(d))}" if d else "") for t, d in others]
        lines += [text("ask_about", lang), ""]
    if mention:
        lines += [text("in_group", lang, mention=mention)]
    lines += [text("more_help", lang)]
    return "\n".join(lines)


def render_small_talk(kind: str, stats: IndexStats, lang: str) -> str:
    """A greeting, "test" or "help" gets the welcome with example questions; thanks, ok and bye a short line."""
    if kind in ("greeting", "test", "help"):
        return render_start(stats, lang)
    return esc(SMALL_TALK[lang_of(lang)][kind])


def render_help(lang: str, mention: str) -> str:
    return text("help", lang, mention=mention)


def render_about(stats: IndexStats, version: str, lang: str) -> str:
    lang = lang_of(lang)
    return TEXTS[lang]["about"].format(version=esc(version), model=esc(stats.model),
                                       articles=counted(stats.articles, "article", lang),
                                       sentences=counted(stats.sentences, "sentence", lang),
                                       range=_range(stats, lang))


def render_hint(key: str, lang: str, stats: IndexStats | None = None) -> str:
    """A one-line help message ("nontext", "need_words", "link", "ask_usage"), with an example question when
    the index holds the seed article the examples were written for (`stats`; None: it does)."""
    if stats is not None and not seed_indexed(stats):
        return text(f"{key}_plain", lang)
    return text(key, lang, example=EXAMPLES[lang_of(lang)][0])


def seed_indexed(stats: IndexStats) -> bool:
    """Whether the seed article, which EXAMPLES ask about, is among the index's newest articles."""
    return any(title == EXAMPLES_TITLE for title, _ in stats.recent)


def render_too_long(length: int, limit: int, lang: str) -> str:
    return text("too_long", lang, n=number(length, lang), limit=number(limit, lang))


def render_flood(limit: int, lang: str) -> str:
    return text("flood", lang, limit=limit)


# --- answers --------------------------------------------------------------------------------------------

def paginate(answer: Answer, page_size: int) -> tuple[tuple[Quote, ...], ...]:
    """Pages of quotes: the answer's own quotes first, then its `more` candidates `page_size` at a time. A
    declined answer's first page is empty and the rest are its closest sentences (none: no pages), shown without
    a bold answer: they are not one."""
    rest = with_answer_spans(answer.more, answer.question) if answer.answered else answer.more
    size = max(1, page_size)
    if not answer.answered and not rest:
        return ()
    return (answer.quotes,) + tuple(rest[i:i + size] for i in range(0, len(rest), size))


def citation(quote: Quote, n: int | None = None) -> Block:
    """"— <i>Title</i>, 07/2023", or "2 · <i>Title</i>, 07/2023" when several quotes share a message."""
    title = quote.title or PurePath(quote.source).stem or "?"
    head = f"{n} · " if n is not None else "— "
    date = f", {month(quote.date)}" if quote.date else ""
    return block(head, ("i", title), date)


def quote_block(quote: Quote, sep: str, lang: str = "vi") -> Block:
    """The verbatim sentence in a blockquote, the answer span in bold; an article's author or date in words."""
    fact = fact_parts(quote, lang)
    if fact is not None:
        return block(fact[0], ("b", fact[1]), wrap="blockquote", sep=sep)
    return block(*(("b", text) if bolded else text for text, bolded in quote.pieces()), wrap="blockquote", sep=sep)


def answer_blocks(quotes: Sequence[Quote], lang: str, start: int = 1) -> list[Block]:
    """Quotes numbered from `start` (a later page goes on from the one before), unless a lone first one."""
    numbered = len(quotes) > 1 or start > 1
    blocks: list[Block] = []
    for n, q in enumerate(quotes, start):
        blocks.append(quote_block(q, sep="\n\n" if blocks else "\n", lang=lang))
        blocks.append(citation(q, n if numbered else None))
        if q.source_status == CHANGED:
            blocks.append(block(plain("changed", lang)))
    return blocks


def render_not_found(answer: Answer) -> str:
    return "🔎 " + esc(not_found_text(answer))


def render_quotes(quotes: Sequence[Quote], lang: str = "vi", *, unsure: bool = False, start: int = 1) -> list[str]:
    """One page of quotes as one or more messages, numbered from `start`; `unsure`: the closest sentences of a
    declined question, under a line saying so; a later page of an answer's (`start` > 1) under one saying they
    are less close."""
    head = ([block("⚠️ " + UNSURE[lang_of(lang)])] if unsure else
            [block(("i", LESS_CLOSE[lang_of(lang)]))] if start > 1 else [])
    return pack(head + answer_blocks(quotes, lang, start))


def first_number(pages: Sequence[Sequence[Quote]], page: int) -> int:
    """The number of the first quote on `page`: pages go on from each other."""
    return sum(len(p) for p in pages[:page]) + 1


def render_answer(answer: Answer) -> list[str]:
    """The first reply to a question: its best quotes (under the question it was read with, if it followed
    one), or an honest not-found in the question's language."""
    if not answer.answered or not answer.quotes:
        return [render_not_found(answer)]
    head = [block(("i", "↪ " + follows_text(answer)))] if answer.follows else []
    return pack(head + answer_blocks(answer.quotes, answer.lang))


def render_context(sentences: Sequence[Sentence], focus: Quote, lang: str) -> list[str]:
    """The sentences around a quote, the quote itself in bold, paragraph breaks kept."""
    if not sentences:
        return [text("context_gone", lang)]
    parts: list[str | tuple[str, str]] = []
    for prev, s in zip([None, *sentences], sentences):
        if prev is not None:
            parts.append("\n" if s.start - prev.end >= 2 else " ")
        parts.append(("b", s.text) if s.sentence_id == focus.sentence_id else s.text)
    return pack([block(plain("context_title", lang)), block(*parts, wrap="blockquote"), citation(focus)])


# --- buttons and callback data --------------------------------------------------------------------------

ACTIONS = {"more": "m", "context": "c", "up": "u", "down": "d"}
_ACTION_NAMES = {v: k for k, v in ACTIONS.items()}
_CALLBACK = re.compile(r"([mcud]):([0-9a-z]{1,16}):([0-9]{1,3})")  # ASCII only: \d would take "١٢"


@dataclass(frozen=True)
class Callback:
    """What a button means: an action on answer `key` of this chat; `arg` is a page (more, votes) or a
    quote number (context)."""

    action: str
    key: str
    arg: int

    def encode(self) -> str:
        data = f"{ACTIONS[self.action]}:{self.key}:{self.arg}"
        if len(data.encode()) > MAX_CALLBACK_BYTES or not _CALLBACK.fullmatch(data):
            raise ValueError(f"bad callback {self!r}")
        return data


def decode_callback(data: object) -> Callback | None:
    """The callback a button carries, or None for anything we did not produce."""
    if not isinstance(data, str):
        return None
    m = _CALLBACK.fullmatch(data)
    if not m:
        return None
    return Callback(_ACTION_NAMES[m.group(1)], m.group(2), int(m.group(3)))


def closest_keyboard(key: str, lang: str) -> Keyboard:
    """The one button under "not found": the closest sentences anyway (page 1 of the declined answer)."""
    return [[(plain("closest", lang), Callback("more", key, 1).encode())]]


def answer_keyboard(key: str, page: int, pages: Sequence[Sequence[Quote]], lang: str, *,
                    more: bool = True) -> Keyboard:
    """Buttons under page `page` of an answer: More (if any left, and `more`: once pressed, its message loses
    it), one Context per quote numbered as the quotes are, 👍 and 👎."""
    first = first_number(pages, page) - 1
    shown = len(pages[page])
    row: list[tuple[str, str]] = []
    if more and page + 1 < len(pages):
        row.append((plain("more", lang), Callback("more", key, page + 1).encode()))
    if shown == 1:
        row.append((plain("context", lang), Callback("context", key, first).encode()))
    else:
        row += [(f"📖 {first + n}", Callback("context", key, first + n - 1).encode()) for n in range(1, shown + 1)]
    votes = [("👍", Callback("up", key, page).encode()), ("👎", Callback("down", key, page).encode())]
    return [row, votes]
