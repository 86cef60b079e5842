"""Telegram HTML rendering: plain functions, checked with the fake server's Telegram-like HTML parser."""
from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import render
from bot.format import answer_json, answer_text
from bot.render import Callback, block, decode_callback, pack, utf16_len
from retrieval.service import IndexStats
from retrieval.types import Answer, Mismatch, Quote, Sentence
from tests.fakebotapi import parse_telegram_html, validate_telegram_html

TITLE = "Cẩm Xuyên chủ động, quyết liệt thực hiện nhiệm vụ những tháng cuối năm"
BUDGET_SENTENCE = ("Thu ngân sách trên địa bàn đạt 120,3 tỷ đồng (đạt 40% kế hoạch tỉnh giao, bằng 29% dự toán "
                   "HĐND huyện giao và bằng 75% so với cùng kỳ năm 2022).")
BUDGET_SPAN = (BUDGET_SENTENCE.index("120,3"), BUDGET_SENTENCE.index(" (đạt"))
STATS = IndexStats(articles=1234, sentences=56789, first_date="2023-01", last_date="2023-07", model="m<&>",
                   path="/x", version="0.1.0", recent=((TITLE, "2023-07"),))


def quote(text: str = BUDGET_SENTENCE, span: tuple[int, int] | None = BUDGET_SPAN, title: str = TITLE,
          date: str = "2023-07", sid: str = "a#7") -> Quote:
    return Quote(text=text, score=0.9, title=title, date=date, source="seeds/a.txt", sentence_id=sid,
                 start=0, end=len(text), answer_span=span)


def visible(html: str) -> str:
    return validate_telegram_html(html)


def entities(html: str) -> list[tuple[str, str]]:
    text, ents = parse_telegram_html(html)
    u16 = text.encode("utf-16-le")
    return [(e["type"], u16[2 * e["offset"]:2 * (e["offset"] + e["length"])].decode("utf-16-le")) for e in ents]


# --- answers --------------------------------------------------------------------------------------------

def test_answer_is_a_blockquote_with_bold_span_and_citation() -> None:
    [html] = render.render_answer(Answer("q", True, (quote(),), "vi"))
    assert visible(html) == f"{BUDGET_SENTENCE}\n— {TITLE}, 07/2023"
    ents = entities(html)
    assert ("blockquote", BUDGET_SENTENCE) in ents
    assert ("bold", "120,3 tỷ đồng") in ents
    assert ("italic", TITLE) in ents


@pytest.mark.parametrize(("lang", "kind", "text", "shown"), [
    ("vi", "date", "2023-07", "Đăng tháng 07/2023"), ("en", "date", "2023-07", "Published in July 2023"),
    ("vi", "author", "Phan Trâm", "Tác giả: Phan Trâm"), ("en", "author", "Phan Trâm", "Written by Phan Trâm"),
])
def test_an_articles_author_or_date_is_said_in_words(lang: str, kind: str, text: str, shown: str) -> None:
    fact = replace(quote(text=text, span=(0, len(text))), kind=kind)
    [html] = render.render_answer(Answer("q", True, (fact,), lang))
    assert visible(html) == f"{shown}\n— {TITLE}, 07/2023"
    assert answer_text(Answer("q", True, (fact,), lang)).splitlines()[0] == f"1. {shown}"


def test_a_sentence_with_quotation_marks_is_quoted_in_curly_ones() -> None:
    said = '"Việc cấp bách nhất là khắc phục hậu quả", ông nói.'
    lines = answer_text(Answer("q", True, (quote(text=said, span=None),), "vi")).splitlines()
    assert lines[0] == f"1. “{said}”"
    assert answer_text(Answer("q", True, (quote(),), "vi")).splitlines()[0] == f'1. "{BUDGET_SENTENCE}"'


def test_everything_from_users_and_corpus_is_escaped() -> None:
    nasty = "<b>&</b> <script>alert(1)</script> &amp; &#0; </blockquote>"
    q = quote(text=nasty, span=(0, 8), title="<i>T&T</i>")
    [html] = render.render_answer(Answer(nasty, True, (q,), "en"))
    assert visible(html).startswith(nasty)
    assert ("bold", "<b>&</b>") in entities(html)
    assert ("italic", "<i>T&T</i>") in entities(html)


def test_several_quotes_are_numbered_and_each_cited() -> None:
    qs = (quote(sid="a#1"), quote(text="Câu thứ hai.", span=None, sid="a#2", date=""))
    [html] = render.render_answer(Answer("q", True, qs, "vi"))
    lines = visible(html).split("\n")
    assert lines[1] == f"1 · {TITLE}, 07/2023"
    assert lines[-1] == f"2 · {TITLE}"  # no date: no dangling comma
    assert "\n\n" in visible(html)  # a blank line between quotes


@pytest.mark.parametrize(("lang", "word"), [("vi", "đã được sửa"), ("en", "no longer has this sentence")])
def test_a_quote_from_an_edited_article_is_marked_under_its_citation(lang: str, word: str) -> None:
    qs = (replace(quote(sid="a#1"), source_status="changed"), replace(quote(sid="a#2"), source_status="unchanged"))
    [html] = render.render_answer(Answer("q", True, qs, lang))
    lines = visible(html).split("\n")
    assert lines[1] == f"1 · {TITLE}, 07/2023" and word in lines[2] and lines[-1] == f"2 · {TITLE}, 07/2023"


def test_untitled_article_is_cited_by_file_name() -> None:
    [html] = render.render_answer(Answer("q", True, (quote(title=""),), "vi"))
    assert visible(html).endswith("— a, 07/2023")


@pytest.mark.parametrize(("lang", "word"), [("vi", "Không tìm thấy"), ("en", "Nothing in the articles")])
def test_not_found_speaks_the_question_language(lang: str, word: str) -> None:
    [html] = render.render_answer(Answer("q", False, (), lang))
    assert word in visible(html)


@pytest.mark.parametrize(("lang", "words"), [("vi", "không nhắc đến “Long Thành”"),
                                             ("en", "never mention “Long Thành”")])
def test_not_found_names_what_no_article_mentions(lang: str, words: str) -> None:
    [html] = render.render_answer(Answer("q", False, (), lang, not_mentioned=("Long Thành",)))
    assert words in visible(html)


@pytest.mark.parametrize(("lang", "found", "says"), [
    ("vi", Mismatch("measure", "count", ("money", "time")), "nói về số tiền và thời gian chứ không phải số lượng."),
    ("en", Mismatch("measure", "count", ("money", "time")),
     "is about a sum of money and a length of time, not a count."),
    ("en", Mismatch("measure", "money", ("count", "share", "year")),
     "is about a count, a share and a year, not a sum of money."),
    ("vi", Mismatch("side", "buy", ("sell",)), "nói về giá bán ra chứ không phải giá mua vào."),
    ("en", Mismatch("rate", "thang", ("m2",)), "is about a sum per m2, not per month."),
    ("vi", Mismatch("day", "10/10", ("8/10",)), "nói về ngày 8/10 chứ không phải ngày 10/10."),
    ("en", Mismatch("year", "2023", ("2024",)), "is about 2024, not 2023."),
    ("vi", Mismatch("casualty", "dead", ("none",)), "không nhắc đến người chết."),
    ("en", Mismatch("share", "tỷ lệ hộ nghèo", ()), "does not mention tỷ lệ hộ nghèo."),
    ("en", Mismatch("holder", "holder", ("deputy",)), "names only a deputy, not the holder of the post asked about."),
    ("vi", Mismatch("holder", "holder", ("head",)), "chỉ nêu tên người đứng đầu, không nêu cấp phó được hỏi."),
    ("en", Mismatch("goal", "achieved", ("target",)), "is about a target, not the result achieved."),
    ("vi", Mismatch("tax", "aftertax", ("pretax",)), "nói về lợi nhuận trước thuế chứ không phải lợi nhuận sau thuế."),
    ("en", Mismatch("location", "Hà Nội", ("TP.HCM",)), "is about TP.HCM, not Hà Nội."),
    ("vi", Mismatch("variety", "lợn", ("trâu", "bò")), "nói về trâu và bò chứ không phải lợn."),
    ("en", Mismatch("penalty", "fine", ("sale",)), "is about a sale price, not a fine."),
    ("en", Mismatch("variety", "nội dung nam", ("nội dung nữ",)), "is about the women's event, not the men's event."),
    ("en", Mismatch("month", "2", ("1",)), "is about month 1, not month 2."),
    ("vi", Mismatch("trade", "import", ("export",)), "nói về xuất khẩu chứ không phải nhập khẩu."),
    ("en", Mismatch("auction", "winning", ("starting",)), "is about the starting price, not the winning bid."),
    ("vi", Mismatch("place", "fourth", ("first",)), "nói về hạng nhất chứ không phải hạng tư."),
    ("en", Mismatch("measure", "score", ("none",)), "does not mention a score."),
    ("en", Mismatch("round", "series_b", ("series_a",)), "is about the Series A round, not the Series B round."),
    ("vi", Mismatch("trial", "appeal", ("first_instance",)), "nói về phiên sơ thẩm chứ không phải phiên phúc thẩm."),
    ("en", Mismatch("goal", "target", ("achieved",)), "is about the result achieved, not a target."),
    ("en", Mismatch("court", "sought", ("given",)), "is about the sentence handed down, not the sentence sought."),
    ("en", Mismatch("whole", "each", ("total",)), "is about a total, not a sum for each one."),
    ("vi", Mismatch("period", "first_month", ("first_week",)), "nói về tuần đầu tiên chứ không phải tháng đầu tiên."),
    ("vi", Mismatch("quarter", "3", ("2",)), "nói về quý 2 chứ không phải quý 3."),
    ("vi", Mismatch("months", "9", ("6",)), "nói về 6 tháng đầu năm chứ không phải 9 tháng đầu năm."),
    ("en", Mismatch("period", "6m", ("q2",)), "is about quarter 2, not the first 6 months."),
    ("vi", Mismatch("period", "q3", ("full_year",)), "nói về cả năm chứ không phải quý 3."),
    ("en", Mismatch("period", "full_year", ("to_date",)), "is about a figure to a date within the year, not the whole "
     "year."),
    ("en", Mismatch("location", "Đắk Lắk", ("cả nước",)), "is about the whole country, not Đắk Lắk."),
    ("vi", Mismatch("location", "Thái Lan", ("Việt Nam",)), "nói về Việt Nam chứ không phải Thái Lan."),
    ("en", Mismatch("finance", "valuation", ("raised",)), "is about the sum a round raised, not a valuation."),
    ("vi", Mismatch("finance", "result", ("revenue",)), "nói về doanh thu chứ không phải lãi lỗ."),
    ("vi", Mismatch("numbered", "Nhi đồng 2", ("Nhi đồng 1",)), "nói về Nhi đồng 1 chứ không phải Nhi đồng 2."),
    ("en", Mismatch("named", "Long Hai commune", ("xã Tam Thanh", "xã Ngũ Phụng")),
     "is about xã Tam Thanh and xã Ngũ Phụng, not Long Hai commune."),
    ("vi", Mismatch("lease", "rent", ("sale",)), "nói về giá bán chứ không phải giá thuê."),
])
def test_a_mismatch_says_where_the_closest_sentence_is_and_what_it_tells_of_instead(
        lang: str, found: Mismatch, says: str) -> None:
    """Declined as the closest sentence tells of something else: the reader learns the articles are on the subject
    (the closest sentence's article is named) and what they give instead of what was asked."""
    answer = Answer("q", False, (), lang, more=(quote(),), reason="mismatch", mismatch=found)
    shown = visible(render.render_answer(answer)[0])
    head, sentence = shown.split("\n", 1)
    assert f"“{TITLE} (2023-07)”" in head and head.endswith(says.removesuffix(".") + ":")
    assert sentence == f'"{BUDGET_SENTENCE}"'  # quoted, for the reader to judge
    assert answer_text(answer) == shown.removeprefix("🔎 ")
    fields = json.loads(answer_json(answer))  # for scripts: the reason and its parts
    assert fields["reason"] == "mismatch"
    assert fields["mismatch"] == {"kind": found.kind, "asked": found.asked, "told": list(found.told)}
    # without a closest sentence to cite, the plain "not found"
    assert "Không tìm thấy" in answer_text(replace(answer, more=(), lang="vi"))


@pytest.mark.parametrize(("lang", "words"), [("vi", "không nói về chuyện này"), ("en", "not seem to be about that")])
def test_an_off_topic_question_is_told_so_without_advice_to_be_more_specific(lang: str, words: str) -> None:
    shown = visible(render.render_answer(Answer("q", False, (), lang, more=(quote(),), reason="off_topic"))[0])
    assert words in shown and "specific" not in shown and "cụ thể" not in shown


def test_control_characters_and_lone_surrogates_are_dropped() -> None:
    q = quote(text="A\x00B\x1bC\ud800D\tE\nF.", span=None)
    [html] = render.render_answer(Answer("q", True, (q,), "vi"))
    assert visible(html).startswith("ABCD\tE\nF.")


# --- splitting ------------------------------------------------------------------------------------------

def test_long_quote_splits_at_sentence_ends_and_keeps_tags_balanced() -> None:
    sentences = [f"Câu số {i} nói về ngân sách & <kế hoạch> năm 2023." for i in range(300)]
    text = " ".join(sentences)
    span_start = text.index("Câu số 50")
    q = quote(text=text, span=(span_start, span_start + 4000))  # a bold span across a split
    msgs = render.render_answer(Answer("q", True, (q,), "vi"))
    assert len(msgs) >= 3
    seen = []
    for html in msgs:
        assert utf16_len(html) <= render.MAX_MESSAGE
        vis = visible(html)
        assert html.startswith("<blockquote>")
        seen.append(vis)
        assert vis.split("\n")[0].endswith(".")  # each part ends at a sentence end
    assert "".join(seen[:-1]).replace(" ", "") + seen[-1].split("\n— ")[0].replace(" ", "") \
        == text.replace(" ", "")
    bold_parts = [t for html in msgs for kind, t in entities(html) if kind == "bold"]
    assert len(bold_parts) >= 2 and "".join(bold_parts).replace(" ", "") == \
        text[span_start:span_start + 4000].replace(" ", "")
    assert msgs[-1].rstrip().endswith("07/2023")


def test_text_without_spaces_is_cut_between_characters_not_inside_them() -> None:
    text = "👍🏽" * 3000 + "ế" * 10  # surrogate pairs, skin tones
    q = quote(text=text, span=None)
    msgs = render.render_answer(Answer("q", True, (q,), "vi"))
    assert len(msgs) >= 2
    for html in msgs:
        assert utf16_len(html) <= render.MAX_MESSAGE
        assert not re.search("^\U0001f3fd", visible(html))  # no part starts with a lone skin-tone modifier


def test_pack_joins_small_blocks_and_splits_at_limit() -> None:
    blocks = [block(("b", f"đoạn {i}: ") , "x" * 30, sep="\n\n") for i in range(20)]
    msgs = pack(blocks, limit=200)
    assert len(msgs) > 1 and all(utf16_len(m) <= 200 for m in msgs)
    assert sum(visible(m).count("đoạn") for m in msgs) == 20
    assert pack([block("   "), block("")]) == []  # nothing visible: no message (Telegram refuses empty text)


# --- context --------------------------------------------------------------------------------------------

def test_context_bolds_the_quote_and_keeps_paragraph_breaks() -> None:
    ss = [Sentence("a#1", "a", 1, "Một.", 0, 4), Sentence("a#2", "a", 2, "Hai.", 6, 10),
          Sentence("a#3", "a", 3, "Ba.", 11, 14)]
    [html] = render.render_context(ss, quote(text="Hai.", sid="a#2"), "en")
    assert visible(html).split("\n")[:3] == ["📖 Context", "Một.", "Hai. Ba."]
    assert ("bold", "Hai.") in entities(html)
    assert "no longer in the index" in visible(render.render_context([], quote(), "en")[0])


# --- other messages -------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["vi", "en"])
def test_start_help_about_and_hints_are_valid(lang: str) -> None:
    start = visible(render.render_start(STATS, lang))
    assert ("1.234" if lang == "vi" else "1,234 articles") in start and "01/2023" in start
    assert all(q in start for q in render.EXAMPLES["vi"] + render.EXAMPLES["en"])
    assert "@tinbot_bot" in visible(render.render_help(lang, "@tinbot_bot"))
    assert "m<&>" in visible(render.render_about(STATS, "0.1.0", lang))
    for key in ("nontext", "need_words", "link", "ask_usage"):
        visible(render.render_hint(key, lang))
    assert "Newest" not in start and "mới nhất" not in start  # only the seed: nothing more to name
    assert "@bot" not in start and "@bot" in visible(render.render_start(STATS, lang, mention="@bot"))
    assert ("10.000" if lang == "vi" else "10,000") in visible(render.render_too_long(10_000, 1000, lang))
    assert "20" in visible(render.render_flood(20, lang))
    for key in ("refused", "error", "context_gone"):
        visible(render.text(key, lang))
    for key in ("expired", "no_more", "thanks", "bad_button", "more", "context"):
        assert 0 < len(render.plain(key, lang)) <= render.MAX_TOAST


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_start_suggests_the_seed_examples_only_when_the_seed_is_indexed(lang: str) -> None:
    rice = ("Xuất khẩu gạo <tăng> mạnh", "2024-03")
    start = visible(render.render_start(replace(STATS, recent=(rice, ("Thủy điện", ""))), lang))
    assert not any(q in start for q in render.EXAMPLES["vi"] + render.EXAMPLES["en"])
    assert "• Xuất khẩu gạo <tăng> mạnh, 03/2024\n• Thủy điện\n" in start
    with_seed = visible(render.render_start(replace(STATS, recent=(rice, (TITLE, "2023-07"))), lang))
    assert all(q in with_seed for q in render.EXAMPLES["vi"] + render.EXAMPLES["en"])
    assert "• Xuất khẩu gạo <tăng> mạnh, 03/2024\n" in with_seed and f"• {TITLE}" not in with_seed


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_hints_give_the_seed_example_only_when_the_seed_is_indexed(lang: str) -> None:
    other = replace(STATS, recent=(("Xuất khẩu gạo", "2024-03"),))
    for key in ("nontext", "need_words", "link", "ask_usage"):
        assert render.EXAMPLES[lang][0] in visible(render.render_hint(key, lang, STATS))
        plain_hint = visible(render.render_hint(key, lang, other))
        assert not any(q in plain_hint for q in render.EXAMPLES["vi"] + render.EXAMPLES["en"]), key
    assert "/ask" in visible(render.render_hint("ask_usage", lang, other))


def test_language_of_ui_defaults_to_vietnamese() -> None:
    assert [render.lang_of(c) for c in (None, "", "vi", "en-US", "en", "fr")] == ["vi", "vi", "vi", "en", "en", "vi"]


# --- callback data --------------------------------------------------------------------------------------

def test_callback_data_round_trips_and_fits_64_bytes() -> None:
    for action in render.ACTIONS:
        cb = Callback(action, "zzzzzzzzzzzzzzzz", 999)
        data = cb.encode()
        assert len(data.encode()) <= render.MAX_CALLBACK_BYTES
        assert decode_callback(data) == cb


@pytest.mark.parametrize("data", [None, b"m:1:1", "", "m:1:1000", "x:1:1", "m:ABC:1", "m:1:-1", "m:1:1:1",
                                  "m::1", "m:1:", "c:" + "a" * 17 + ":1", "m:1:1\n", 42])
def test_foreign_callback_data_is_rejected(data: object) -> None:
    assert decode_callback(data) is None


def test_encoding_refuses_what_it_could_not_decode() -> None:
    with pytest.raises(ValueError):
        Callback("more", "Key", 1).encode()
    with pytest.raises(ValueError):
        Callback("more", "k", 1000).encode()


def test_more_pages_get_their_answer_in_bold_when_paginated() -> None:
    # make_answer leaves the `more` quotes unmarked (`tinbot ask` never shows them); a page marks them.
    a = Answer("Thu ngân sách đạt bao nhiêu?", True, (quote(sid="a#1"),), "vi",
               more=(quote(span=None, sid="a#2"),))
    pages = render.paginate(a, 3)
    assert pages[1][0].answer_span == BUDGET_SPAN
    assert "<b>120,3 tỷ đồng</b>" in render.render_quotes(pages[1])[0]


def test_keyboard_pages_context_and_votes() -> None:
    a = Answer("q", True, (quote(sid="a#1"),), "vi", more=tuple(quote(sid=f"a#{i}") for i in range(2, 9)))
    pages = render.paginate(a, 3)
    assert [len(p) for p in pages] == [1, 3, 3, 1]
    first = render.answer_keyboard("k", 0, pages, "vi")
    assert [label for label, _ in first[0]] == ["Thêm ▸", "📖 Ngữ cảnh"]
    assert [decode_callback(d) for _, d in first[0]] == [Callback("more", "k", 1), Callback("context", "k", 0)]
    middle = render.answer_keyboard("k", 1, pages, "en")
    assert [label for label, _ in middle[0]] == ["More ▸", "📖 2", "📖 3", "📖 4"]  # numbered as its quotes
    assert [decode_callback(d).arg for _, d in middle[0][1:]] == [1, 2, 3]  # quote numbers across pages
    lines = visible(render.render_quotes(pages[1], "en", start=render.first_number(pages, 1))[0]).split("\n")
    assert [ln.split(" · ")[0] for ln in lines if " · " in ln] == ["2", "3", "4"]
    assert lines[0] == "Further sentences, less close to the question:"  # not the answer itself
    followed = render.answer_keyboard("k", 0, pages, "vi", more=False)  # its More pressed: the next page is out
    assert [label for label, _ in followed[0]] == ["📖 Ngữ cảnh"]
    assert [decode_callback(d) for _, d in middle[1]] == [Callback("up", "k", 1), Callback("down", "k", 1)]
    last = render.answer_keyboard("k", 3, pages, "en")
    assert [label for label, _ in last[0]] == ["📖 Context"]  # no More on the last page
    assert render.paginate(Answer("q", False), 3) == ()


def test_a_declined_answer_pages_its_closest_sentences_after_an_empty_first_page() -> None:
    a = Answer("Thu ngân sách đạt bao nhiêu?", False, (), "vi", more=tuple(quote(span=None, sid=f"a#{i}")
                                                                             for i in range(1, 5)))
    pages = render.paginate(a, 3)
    assert [len(p) for p in pages] == [0, 3, 1] and pages[1][0].answer_span is None  # no answer: nothing bold
    assert [decode_callback(d) for _, d in render.closest_keyboard("k", "vi")[0]] == [Callback("more", "k", 1)]
    unsure, = render.render_quotes(pages[1], "en", unsure=True)
    assert unsure.startswith("⚠️ Not sure") and unsure.count("<blockquote>") == 3 and "<b>" not in unsure
    answered = replace(a, answered=True, quotes=(quote(),))  # an answer's further quotes are bolded
    assert render.paginate(answered, 3)[1][0].answer_span == BUDGET_SPAN
    assert not render.render_quotes(pages[1], "en")[0].startswith("⚠️")


# --- property: whatever comes in, Telegram accepts what goes out ----------------------------------------

texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=5000)
short = st.text(alphabet=st.characters(codec="utf-8"), max_size=300)


@st.composite
def quotes(draw: st.DrawFn) -> Quote:
    text = draw(st.one_of(texts, st.lists(st.sampled_from(["Câu. ", "<b>&</b>", "😀", " ", "\n", "x" * 50,
                                                           "&amp;", "đ"]), max_size=400).map("".join)))
    span = None
    if text and draw(st.booleans()):
        s = draw(st.integers(0, len(text) - 1))
        span = (s, draw(st.integers(s, len(text))))
    return quote(text=text, span=span, title=draw(short), date=draw(st.sampled_from(["", "2023-07", "x<y"])),
                 sid=draw(short))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(question=texts, qs=st.lists(quotes(), min_size=1, max_size=4), answered=st.booleans(),
       lang=st.sampled_from(["vi", "en"]), key=st.from_regex(r"[0-9a-z]{1,16}", fullmatch=True))
def test_every_rendered_message_is_valid_telegram_html(question: str, qs: list[Quote], answered: bool,
                                                       lang: str, key: str) -> None:
    answer = Answer(question, answered, tuple(qs[:2]) if answered else (), lang, more=tuple(qs[2:]))
    messages = render.render_answer(answer)
    for page in render.paginate(answer, 1):
        messages += render.render_quotes(page)
    sentences = [Sentence(q.sentence_id, "a", i, q.text, 2 * i, 2 * i + len(q.text)) for i, q in enumerate(qs)]
    messages += render.render_context(sentences, qs[0], lang)
    messages += [render.render_too_long(len(question), 1000, lang), render.render_flood(20, lang)]
    assert messages
    for html in messages:
        assert utf16_len(html) <= render.MAX_MESSAGE
        validate_telegram_html(html)
    for n, page in enumerate(render.paginate(answer, 2)):
        for row in render.answer_keyboard(key, n, render.paginate(answer, 2), lang):
            for _, data in row:
                assert len(data.encode()) <= render.MAX_CALLBACK_BYTES and decode_callback(data)


@settings(max_examples=100, deadline=None)
@given(parts=st.lists(st.tuples(st.sampled_from([None, "b", "i", "code"]), texts), min_size=1, max_size=5),
       wrap=st.sampled_from([None, "blockquote"]), limit=st.integers(60, 600))
def test_splitting_respects_any_limit_and_keeps_every_visible_character(parts, wrap, limit) -> None:
    b = block(*[t if tag is None else (tag, t) for tag, t in parts], wrap=wrap)
    msgs = pack([b], limit=limit)
    for html in msgs:
        assert utf16_len(html) <= limit
        validate_telegram_html(html)
    got = "".join("".join(parse_telegram_html(m)[0].split()) for m in msgs)
    assert got == "".join(render.sendable("".join(t for _, t in parts)).split())


def test_every_kind_a_mismatch_tells_of_has_words_in_both_languages() -> None:
    """A reader is told what the closest sentence is about in words, never by an internal key ("fourth")."""
    from bot.format import MISMATCH_WORDS
    from retrieval import measures

    tables = (measures._CASUALTIES, measures._SIDES, measures._TAX, measures._PLACES, measures._REGIONS,
              measures._TRADE, measures._ROUNDS, measures._TRIALS, measures._AUCTION, measures._LEASE,
              measures._PENALTY, measures._COURT, measures._FINANCE, measures._LEVELS,
              measures._DIRECTIONS)
    from retrieval.counted import GROUPS

    missing = [(lang, key) for table in tables for key in table for lang in ("vi", "en")
               if key not in MISMATCH_WORDS[lang]]
    missing += [("en", key) for key in GROUPS if key not in MISMATCH_WORDS["en"]]  # Vietnamese: as written
    assert missing == []
