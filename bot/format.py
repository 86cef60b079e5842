"""Plain-text and JSON rendering of answers for the terminal (Telegram HTML lives in bot/render.py)."""
from __future__ import annotations

import json
import os
import re
from typing import TextIO

from retrieval.freshness import CHANGED
from retrieval.types import Answer, Quote

BOLD, PLAIN = "\033[1m", "\033[0m"

# "Not found" does not claim the question was vague: mostly the articles just do not say.
NOT_FOUND = {
    "vi": "Không tìm thấy câu nào trong các bài báo trả lời câu hỏi này; có thể các bài không nói đến. Nếu có, hãy "
          "hỏi cụ thể hơn (tên, con số, địa danh).",
    "en": "Nothing in the articles answers that; they may not say it. If they do, try a more specific question "
          "(a name, a figure, a place).",
}
# When the question names something no article mentions (`Answer.not_mentioned`).
NOT_MENTIONED = {
    "vi": "Các bài báo không nhắc đến {names}, nên không có câu nào trả lời câu hỏi này.",
    "en": "The articles never mention {names}, so nothing in them answers that.",
}

# When the question does not say which article it means (`Answer.choices`).
WHICH_ARTICLE = {
    "vi": "Bài nào? Hãy nói bài viết về gì (“… bài về …”). Các bài, chẳng hạn:\n{titles}",
    "en": "Which article? Say what it is about (“… the article about …”). The articles include:\n{titles}",
}

# When the closest sentence is close enough but tells of something else (`Answer.mismatch`): what it tells of, so
# the reader knows the articles are on the subject and do not give what was asked.
MISMATCH = {
    "vi": "Không có câu nào trả lời câu hỏi này. Câu gần nhất, trong bài “{cited}”, {says}:\n{quote}",
    "en": "Nothing in the articles answers that. The closest sentence, in “{cited}”, {says}:\n{quote}",
}
# When the closest sentence is no closer than general text unrelated to the articles (`Answer.reason` "off_topic"):
# asking more precisely would not help.
OFF_TOPIC = {"vi": "Có vẻ các bài báo không nói về chuyện này.", "en": "The articles do not seem to be about that."}
# What it says, per `Mismatch.kind`: {told} and {asked} are the values' words below ("a, b and c").
MISMATCH_SAYS = {
    "vi": {"": "nói về {told} chứ không phải {asked}", "rate": "nói về số tiền mỗi {told} chứ không phải mỗi {asked}",
           "day": "nói về ngày {told} chứ không phải ngày {asked}",
           "year": "nói về năm {told} chứ không phải năm {asked}", "holder": "{told}",
           "month": "nói về tháng {told} chứ không phải tháng {asked}",
           "quarter": "nói về quý {told} chứ không phải quý {asked}",
           "months": "nói về {told} tháng đầu năm chứ không phải {asked} tháng đầu năm",
           "absent": "không nhắc đến {asked}", "share": "không nói đến {asked}"},
    "en": {"": "is about {told}, not {asked}", "rate": "is about a sum per {told}, not per {asked}",
           "day": "is about {told}, not {asked}", "year": "is about {told}, not {asked}", "holder": "{told}",
           "month": "is about month {told}, not month {asked}",
           "quarter": "is about quarter {told}, not quarter {asked}",
           "months": "is about the first {told} months of the year, not the first {asked}",
           "absent": "does not mention {asked}", "share": "does not mention {asked}"},
}
# A "period" mismatch's values: the first months of a year ("6m"), quarters ("q2"), months ("month_2") and a whole
# year ("full_year"); a figure to a date within a year ("to_date").
_PERIOD_WORDS = {"vi": {**{f"{n}m": f"{n} tháng đầu năm" for n in range(1, 13)},
                        **{f"q{q}": f"quý {q}" for q in range(1, 5)},
                        **{f"month_{n}": f"tháng {n}" for n in range(1, 13)}, "full_year": "cả năm",
                        "to_date": "số liệu tính đến một thời điểm trong năm", "first_day": "ngày đầu tiên",
                        "first_week": "tuần đầu tiên", "first_month": "tháng đầu tiên", "first_year": "năm đầu tiên"},
                 "en": {**{f"{n}m": f"the first {n} months" for n in range(1, 13)},
                        **{f"q{q}": f"quarter {q}" for q in range(1, 5)},
                        **{f"month_{n}": f"month {n}" for n in range(1, 13)}, "full_year": "the whole year",
                        "to_date": "a figure to a date within the year", "first_day": "the first day",
                        "first_week": "the first week", "first_month": "the first month",
                        "first_year": "the first year"}}
MISMATCH_WORDS = {
    "vi": {"count": "số lượng", "share": "tỷ lệ", "time": "thời gian", "money": "số tiền", "area": "diện tích",
           "length": "độ dài", "speed": "tốc độ", "mass": "khối lượng", "volume": "thể tích", "age": "tuổi",
           "term": "mức án tù",
           "temperature": "nhiệt độ", "year": "năm", "population": "dân số", "score": "tỷ số",
           "dead": "người chết", "injured": "người bị thương", "missing": "người mất tích",
           "buy": "giá mua vào", "sell": "giá bán ra", "pretax": "lợi nhuận trước thuế",
           "aftertax": "lợi nhuận sau thuế", "north": "miền Bắc", "centre": "miền Trung", "south": "miền Nam",
           "highlands": "Tây Nguyên", "mekong": "đồng bằng sông Cửu Long",
           "first": "hạng nhất", "second": "hạng nhì", "third": "hạng ba", "fourth": "hạng tư",
           "import": "nhập khẩu", "export": "xuất khẩu", "seed": "vòng hạt giống", "series_a": "vòng Series A",
           "series_b": "vòng Series B", "series_c": "vòng Series C",
           "revenue": "doanh thu", "result": "lãi lỗ", "valuation": "mức định giá", "raised": "số vốn gọi được",
           "investment": "vốn đầu tư", "loan": "khoản vay", "spending": "khoản chi", "deficit": "bội chi",
           "assets": "tổng tài sản", "thang": "tháng", "nam": "năm", "ngay": "ngày", "tuan": "tuần", "gio": "giờ",
           "tan": "tấn", "luong": "lượng", "lit": "lít",
           "deputy": "chỉ nêu tên cấp phó, không nêu người giữ chức được hỏi",
           "head": "chỉ nêu tên người đứng đầu, không nêu cấp phó được hỏi", "nobody": "không nêu tên ai",
           "other": "chỉ nêu tên người giữ chức vụ khác, không nêu người giữ chức được hỏi",
           "achieved": "số đã thực hiện", "target": "chỉ tiêu, kế hoạch", "rent": "giá thuê", "sale": "giá bán",
           "fine": "tiền phạt", "first_instance": "phiên sơ thẩm", "appeal": "phiên phúc thẩm",
           "sought": "mức án đề nghị", "given": "mức án đã tuyên", "each": "số tiền cho mỗi đơn vị",
           "total": "tổng số tiền", "starting": "giá khởi điểm", "winning": "giá trúng đấu giá",
           "commune_level": "cấp xã", "district_level": "cấp huyện", "province_level": "cấp tỉnh",
           "central_level": "cấp trung ương", "east": "phía Đông", "west": "phía Tây", "north_side": "phía Bắc",
           "south_side": "phía Nam"},
    "en": {"count": "a count", "share": "a share", "time": "a length of time", "money": "a sum of money",
           "area": "an area", "length": "a length", "speed": "a speed", "mass": "a weight", "volume": "a volume",
           "age": "an age", "term": "a prison term", "temperature": "a temperature", "year": "a year",
           "population": "a population",
           "score": "a score",
           "dead": "deaths", "injured": "injuries", "missing": "people missing",
           "buy": "the buying price", "sell": "the selling price", "pretax": "a profit before tax",
           "aftertax": "a profit after tax", "north": "the North", "centre": "the Centre", "south": "the South",
           "highlands": "the Central Highlands", "mekong": "the Mekong Delta", "cả nước": "the whole country",
           "first": "first place", "second": "second place", "third": "third place", "fourth": "fourth place",
           "import": "imports", "export": "exports", "seed": "the seed round", "series_a": "the Series A round",
           "series_b": "the Series B round", "series_c": "the Series C round",
           "revenue": "revenue", "result": "a profit or loss", "valuation": "a valuation",
           "raised": "the sum a round raised",
           "investment": "an investment", "loan": "a loan", "spending": "spending", "deficit": "a deficit",
           "học sinh": "pupils", "sinh viên": "university students", "giáo viên": "teachers", "bác sĩ": "doctors",
           "y tá": "nurses", "bệnh nhân": "patients", "nông dân": "farmers", "ngư dân": "fishermen",
           "chiến sĩ": "soldiers", "công an": "police officers",
           "assets": "total assets", "thang": "month", "nam": "year", "ngay": "day", "tuan": "week", "gio": "hour",
           "tan": "tonne", "luong": "tael", "lit": "litre",
           "deputy": "names only a deputy, not the holder of the post asked about",
           "head": "names only the head, not the deputy asked about", "nobody": "names no one",
           "other": "names only people holding other posts, not the holder of the post asked about",
           "achieved": "the result achieved", "target": "a target", "rent": "a rent", "sale": "a sale price",
           "fine": "a fine", "first_instance": "the trial at first instance", "appeal": "the appeal",
           "sought": "the sentence sought", "given": "the sentence handed down", "each": "a sum for each one",
           "total": "a total", "starting": "the starting price", "winning": "the winning bid",
           "commune_level": "the commune level", "district_level": "the district level",
           "province_level": "the provincial level", "central_level": "the central level",
           "east": "the east side", "west": "the west side", "north_side": "the north side",
           "south_side": "the south side",
           "nội dung nam": "the men's event", "nội dung nữ": "the women's event",
           "khởi công": "the start of construction", "khánh thành": "the opening or completion",
           "có hiệu lực": "when it takes effect", "hết hiệu lực": "when it expires",
           "hợp long": "the joining of a bridge's span",
           "đơn": "singles", "đôi": "doubles", "đôi nam nữ": "mixed doubles", "đồng đội": "the team event",
           "lúa": "rice", "ngô": "corn", "sắn": "cassava", "mía": "sugarcane", "cà phê": "coffee",
           "hồ tiêu": "pepper", "cao su": "rubber", "rau màu": "vegetables", "tôm sú": "black tiger shrimp",
           "tôm thẻ": "whiteleg shrimp", "tôm hùm": "lobster", "tiêu đen": "black pepper", "tiêu trắng": "white pepper",
           "xe máy": "motorbikes", "ô tô": "cars", "xe tải": "trucks", "buổi sáng": "the morning session",
           "buổi chiều": "the afternoon session", "khí hóa lỏng": "LPG"},
}
for _lang, _words in _PERIOD_WORDS.items():
    MISMATCH_WORDS[_lang].update(_words)


# Above the closest sentences of a question declined, shown on request (REPL `:more`, Telegram's button).
UNSURE = {
    "vi": "Không chắc chắn: đây là những câu gần nhất tôi tìm được, có thể không trả lời câu hỏi.",
    "en": "Not sure: these are the closest sentences I found; they may not answer the question.",
}

# Above the further sentences of a question answered, shown on request: they passed the thresholds but score
# further below the first quote, and may come from other articles.
LESS_CLOSE = {"vi": "Các câu khác, kém sát câu hỏi hơn:", "en": "Further sentences, less close to the question:"}

# Replies to messages that are not questions (`retrieval.smalltalk`), by kind. No example question: one written
# for the seed article would be declined over other articles (Telegram's welcome names the newest ones instead).
SMALL_TALK = {
    "vi": {"help": "Tôi trả lời câu hỏi về các bài báo bằng cách trích nguyên văn những câu chứa câu trả lời, kèm tiêu "
                   "đề và ngày của bài. Hãy hỏi bằng tiếng Việt (có dấu hay không dấu) hoặc tiếng Anh: ai, ở đâu, khi "
                   "nào, bao nhiêu, vì sao...",
           "greeting": "Xin chào! Hãy hỏi một câu về các bài báo: ai, ở đâu, khi nào, bao nhiêu, vì sao...",
           "test": "Tôi đang chạy. Hãy hỏi một câu về các bài báo: ai, ở đâu, khi nào, bao nhiêu, vì sao...",
           "thanks": "Không có gì! Bạn cứ hỏi tiếp nhé.",
           "ack": "Bạn cứ hỏi tiếp nhé.",
           "bye": "Tạm biệt!"},
    "en": {"help": "I answer questions about the articles by quoting the sentences that answer them, with each "
                   "article's title and date. Ask in English or Vietnamese: who, where, when, how much, why...",
           "greeting": "Hello! Ask a question about the articles: who, where, when, how much, why...",
           "test": "I am running. Ask a question about the articles: who, where, when, how much, why...",
           "thanks": "You're welcome! Ask another question any time.",
           "ack": "Ask another question any time.",
           "bye": "Goodbye!"},
}


# Above an answer found by reading a short question with the one before it (`retrieval.followup`).
FOLLOWS = {"vi": "(hiểu tiếp theo câu hỏi trước: “{previous}”)", "en": "(read as following on from: “{previous}”)"}

# Under a quote its file no longer holds (edited after indexing: `retrieval.freshness`).
CHANGED_NOTE = {
    "vi": "   (bài này đã được sửa sau khi lập chỉ mục và không còn câu này; hãy chạy lại tinbot index)",
    "en": "   (the article was edited after indexing and no longer has this sentence; run tinbot index again)",
}


def plural(n: int, noun: str) -> str:
    """"1 article", "1,234 sentences"."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def citation(quote: Quote) -> str:
    return f"{quote.title} ({quote.date})" if quote.date else quote.title


def styled(stream: TextIO) -> bool:
    """Whether to bold answers on `stream`: a terminal, unless NO_COLOR is set or TERM is "dumb"."""
    return stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def quote_body(quote: Quote, bold: bool = False) -> str:
    """The verbatim sentence; with `bold`, its answer spans between ANSI bold codes."""
    if not bold or quote.answer_span is None:
        return quote.text
    return "".join(f"{BOLD}{text}{PLAIN}" if bolded else text for text, bolded in quote.pieces())


# An article's author line or date (retrieval/article_facts.py) is no sentence to quote: said in words.
FACT_LABELS = {"author": {"vi": "Tác giả: ", "en": "Written by "},
               "date": {"vi": "Đăng tháng ", "en": "Published in "}}
MONTHS_EN = ("January February March April May June July August September October November "
             "December").split()


def month(date: str, lang: str = "vi") -> str:
    """"2023-07" -> "07/2023" as Vietnamese papers print it, "July 2023" in English; anything else unchanged."""
    m = re.fullmatch(r"(\d{4})-(\d{2})", date)
    if not m or not 1 <= int(m.group(2)) <= 12:
        return date
    return f"{MONTHS_EN[int(m.group(2)) - 1]} {m.group(1)}" if lang == "en" else f"{m.group(2)}/{m.group(1)}"


def fact_parts(quote: Quote, lang: str) -> tuple[str, str] | None:
    """("Tác giả: ", "Hoàng Nam") or ("Published in ", "April 2030") for an article fact's quote; None for a
    sentence."""
    labels = FACT_LABELS.get(quote.kind)
    if labels is None:
        return None
    label = labels.get(lang, labels["en"])
    return label, month(quote.text, lang) if quote.kind == "date" else quote.text


def quoted(text: str) -> str:
    """`text` between quotation marks; curly ones when it has straight ones ("“"Việc cấp bách...", ông nói.”")."""
    return f"“{text}”" if '"' in text else f'"{text}"'


def quote_lines(quotes: tuple[Quote, ...] | list[Quote], start: int = 1, *, bold: bool = False,
                lang: str = "vi") -> list[str]:
    lines = []
    for n, q in enumerate(quotes, start):
        fact = fact_parts(q, lang)
        lines.append(f"{n}. {fact[0]}{fact[1]}" if fact else f"{n}. {quoted(quote_body(q, bold))}")
        lines.append(f"   — {citation(q)}")
        if q.source_status == CHANGED:
            lines.append(CHANGED_NOTE.get(lang, CHANGED_NOTE["en"]))
    return lines


def mismatch_text(answer: Answer) -> str | None:
    """"The closest sentence, in “<title> (<date>)”, is about a length of time, not a sum of money:" and that
    sentence, for an answer declined as its closest sentence tells of something else (`Answer.mismatch`), so the
    reader can judge; None otherwise."""
    found = answer.mismatch
    if found is None or not answer.more:
        return None
    lang = answer.lang if answer.lang in MISMATCH else "en"
    words = MISMATCH_WORDS[lang]
    told = [words.get(t, t) for t in found.told] or [""]
    told_text = f"{', '.join(told[:-1])}{' và ' if lang == 'vi' else ' and '}{told[-1]}" if len(told) > 1 else told[0]
    kind = "absent" if found.told == ("none",) else found.kind  # it tells of no casualty at all
    says = MISMATCH_SAYS[lang].get(kind, MISMATCH_SAYS[lang][""]).format(
        told=told_text, asked=words.get(found.asked, found.asked))
    closest = answer.more[0]
    return MISMATCH[lang].format(cited=citation(closest), says=says, quote=quoted(closest.text))


def not_found_text(answer: Answer) -> str:
    """Why a question got no quote: names no article mentions, the article not said, a question the articles do not
    seem to be about, the closest sentence telling of something else, or nothing close enough."""
    if answer.not_mentioned:
        names = ", ".join(f"“{n}”" for n in answer.not_mentioned)
        return NOT_MENTIONED.get(answer.lang, NOT_MENTIONED["en"]).format(names=names)
    if answer.choices:
        titles = "\n".join(f"• {t}" for t in answer.choices)
        return WHICH_ARTICLE.get(answer.lang, WHICH_ARTICLE["en"]).format(titles=titles)
    if answer.reason == "off_topic":
        return OFF_TOPIC.get(answer.lang, OFF_TOPIC["en"])
    return mismatch_text(answer) or NOT_FOUND.get(answer.lang, NOT_FOUND["en"])


def follows_text(answer: Answer) -> str:
    """The line above an answer read as a follow-up (`Answer.follows`): which question it was read with."""
    return FOLLOWS.get(answer.lang, FOLLOWS["en"]).format(previous=answer.follows)


def answer_text(answer: Answer, *, bold: bool = False) -> str:
    if answer.small_talk is not None:
        return SMALL_TALK.get(answer.lang, SMALL_TALK["en"])[answer.small_talk.kind]
    if not answer.answered:
        return not_found_text(answer)
    head = [follows_text(answer)] if answer.follows else []
    return "\n".join(head + quote_lines(answer.quotes, bold=bold, lang=answer.lang))


def quote_json(q: Quote) -> dict:
    return {"text": q.text, "score": q.score, "title": q.title, "date": q.date, "source": q.source,
            "sentence_id": q.sentence_id, "start": q.start, "end": q.end, "answer": q.answer_text,
            "answers": [q.text[a:b] for a, b in q.bold_spans],
            "source_status": q.source_status or None, "kind": q.kind}


def answer_json(answer: Answer, *, ascii: bool = False) -> str:
    """The stable `--json` contract: fields may be added, never renamed or dropped. `ascii`: non-ASCII
    characters escaped (`\\u1ea1`), for an output that cannot write them."""
    fields = {"question": answer.question, "answered": answer.answered,
              "quotes": [quote_json(q) for q in answer.quotes], "lang": answer.lang}
    if answer.small_talk is not None:  # "hello", "thanks", "ok": not a question, nothing searched
        fields["small_talk"] = answer.small_talk.kind
    if answer.follows:  # read with the question before it (REPL, Telegram)
        fields["follows"] = answer.follows
    if not answer.answered and answer.small_talk is None:
        # why, and the closest sentences anyway (what the REPL's :more and Telegram's button show)
        fields["not_mentioned"] = list(answer.not_mentioned)
        fields["reason"] = answer.reason or "not_close"  # `Answer.reason`
        if answer.mismatch is not None:  # what the closest sentence tells of instead of what was asked
            found = answer.mismatch
            fields["mismatch"] = {"kind": found.kind, "asked": found.asked, "told": list(found.told)}
        if answer.choices:  # declined as it does not say which article: their titles
            fields["choices"] = list(answer.choices)
        fields["closest"] = [quote_json(q) for q in answer.more]
    return json.dumps(fields, ensure_ascii=ascii)
