"""Reading article files: header, captions, author, offsets, and bad input."""
from __future__ import annotations

import codecs
import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from embeddings.errors import BadArticle
from retrieval.articles import find_article_files, parse_article, read_article
from retrieval.indexer import BuildReport, collect
from tests.conftest import BUDGET, DATA, SEEDS

SEED = next(SEEDS.glob("*.txt"))
TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as legacy Vietnamese software writes it: letters precomposed, tone marks combining."""
    out = []
    for ch in text:
        nfd = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in nfd if c in TONES)
        out.append(unicodedata.normalize("NFC", "".join(c for c in nfd if c not in TONES)) + tones)
    return "".join(out).encode("cp1258")


def test_seed_header_author_and_captions() -> None:
    parsed = read_article(SEED, "seeds/" + SEED.name)
    a = parsed.article
    assert a.date == "2023-07" and SEED.read_text(encoding="utf-8")[a.date_start:a.date_end] == "2023-07"
    assert a.title == "Cẩm Xuyên chủ động, quyết liệt thực hiện nhiệm vụ những tháng cuối năm"
    assert a.author == "Phan Trâm" and SEED.read_text(encoding="utf-8")[a.author_start:a.author_end] == "Phan Trâm"
    assert "Đại biểu tham dự hội nghị" in a.captions
    assert a.article_id == "seeds/" + SEED.stem
    texts = [s.text for s in parsed.sentences]
    assert not any("Phan Trâm" == t for t in texts), "the author line is metadata, not a quote"
    assert not any(t.startswith("date ") for t in texts), "the header is not a quote"


def test_sentences_know_their_paragraph_and_a_caption_is_one_of_its_own() -> None:
    text = "date 2023-07 Tiêu đề\n\nCâu một. Câu hai.\n\nẢnh: hội nghị\n\nCâu ba.\nCâu bốn tiếp dòng.\n\nPhan Trâm\n"
    parsed = parse_article(text, "x.txt", "0")
    assert [s.text for s in parsed.sentences] == ["Câu một.", "Câu hai.", "Ảnh: hội nghị", "Câu ba.",
                                                  "Câu bốn tiếp dòng."]
    assert parsed.paragraphs == (0, 0, 1, 2, 2)


def test_offsets_trace_every_quote_to_the_file() -> None:
    parsed = read_article(SEED)
    raw = SEED.read_bytes().decode("utf-8-sig")
    for s in parsed.sentences:
        assert raw[s.start:s.end] == s.text
    ids = [s.sentence_id for s in parsed.sentences]
    assert len(set(ids)) == len(ids)
    budget = [s for s in parsed.sentences if BUDGET in s.text]
    assert len(budget) == 1 and budget[0].text.startswith("Thu ngân sách") and budget[0].text.endswith("2022).")


def test_captions_are_marked_and_body_kept(tmp_path: Path) -> None:
    parsed = read_article(DATA / "articles" / "lua_gao.txt")
    kinds = {s.text: s.kind for s in parsed.sentences}
    assert kinds["Nông dân thu hoạch lúa ở Cần Thơ"] == "caption"
    assert kinds["Kim ngạch xuất khẩu gạo đạt 1,3 tỷ USD, tăng 40% so với cùng kỳ năm 2023."] == "body"
    # abbreviation "TS." and the quoted two-sentence speech do not split
    assert any(t.startswith("TS. Nguyễn Văn An") for t in kinds)
    assert any(t.startswith('Theo ông An, "vụ hè thu') and t.endswith('ổn định."') for t in kinds)
    assert parsed.article.author == "Minh Châu"


def test_plain_text_without_header_takes_title_from_file_name() -> None:
    parsed = read_article(DATA / "articles" / "sub" / "khong_tieu_de.txt", "articles/sub/khong_tieu_de.txt")
    assert parsed.article.title == "khong tieu de"
    assert parsed.article.date == ""
    assert parsed.sentences[0].text == "Hồ Gươm là biểu tượng của Thủ đô Hà Nội."
    assert parsed.article.article_id == "articles/sub/khong_tieu_de"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (to_cp1258("Giá lúa tăng mạnh ở Đồng bằng"), "not UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary"),
        # documents an article is often kept in, named with the fix
        (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "a Word or ZIP document (.docx, .odt, .zip), not text; "
                                                       "save it as plain text (UTF-8)"),
        (b"%PDF-1.7\n%\xe2\xe3", "a PDF, not text"),
    ],
)
def test_bad_files_name_the_file_and_the_problem(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(BadArticle) as info:
        read_article(path)
    assert str(path) in str(info.value) and problem in str(info.value)


@pytest.mark.parametrize("bad", ["2023-13", "2023", "07/2023", "2023-07-32"])
def test_a_header_with_a_bad_date_is_still_the_header(tmp_path: Path, bad: str) -> None:
    path = tmp_path / "x.txt"
    path.write_text(f"date {bad} Tiêu đề sai tháng\n\nMột câu văn bình thường.\n", encoding="utf-8")
    parsed = read_article(path)
    assert (parsed.article.date, parsed.article.title) == ("", "Tiêu đề sai tháng")
    assert [s.text for s in parsed.sentences] == ["Một câu văn bình thường."]  # the header is not quotable
    assert parsed.warnings == (f"{path}: header date {bad!r} is not YYYY-MM (e.g. 'date 2023-07 <title>'); "
                               "indexed without a date",)


@pytest.mark.parametrize("head", ["\n\ndate 2024-10 Khởi công cao tốc", "date: 2024-10 Khởi công cao tốc",
                                  "date 2024-10-05 Khởi công cao tốc",
                                  "  \nDATE: 2024-10 Khởi công cao tốc"])
def test_a_header_after_blank_lines_or_with_a_colon_is_the_header(tmp_path: Path, head: str) -> None:
    path = tmp_path / "x.txt"
    path.write_text(f"{head}\n\nMột câu văn bình thường.\n", encoding="utf-8")
    parsed = read_article(path)
    assert (parsed.article.date, parsed.article.title) == ("2024-10", "Khởi công cao tốc")
    assert [s.text for s in parsed.sentences] == ["Một câu văn bình thường."] and parsed.warnings == ()


def test_paragraphs_one_per_line_as_pasted_from_a_web_page_are_paragraphs() -> None:
    text = ("date 2024-09 Bão Yagi\nBão số 3 đổ bộ chiều 7/9. Đây là cơn bão mạnh nhất trong 30 năm.\n"
            "Cầu Phong Châu sau khi bị sập\nThiệt hại ước tính 81.500 tỷ đồng.\nHoàng Anh\n")
    parsed = parse_article(text, "x.txt", "h")
    assert parsed.article.author == "Hoàng Anh" and parsed.article.captions == ("Cầu Phong Châu sau khi bị sập",)
    assert parsed.paragraphs == (0, 0, 1, 2) and all(text[s.start:s.end] == s.text for s in parsed.sentences)
    # a paragraph wrapped at some width is still one paragraph
    wrapped = ("date 2024-01 Tin\nThu ngân sách đạt 120 tỷ đồng trong sáu tháng\nđầu năm, tăng mạnh so với cùng kỳ"
               "\nnhờ nguồn thu từ đất.\n")
    assert [s.text for s in parse_article(wrapped, "x.txt", "h").sentences] == [wrapped.split("\n", 1)[1].strip()]


def test_a_decomposed_file_and_file_name_read_like_composed_ones(tmp_path: Path) -> None:
    """macOS writes names (and some editors text) decomposed: the author line is still the author, and the
    article id is the name's, not cut at each accent."""
    path = tmp_path / unicodedata.normalize("NFD", "giá_vàng.txt")
    path.write_text(unicodedata.normalize("NFD", "date 2024-10 Giá vàng\n\nGiá vàng tăng mạnh.\n\nThanh Tùng\n"),
                    encoding="utf-8")
    parsed = read_article(path)
    a = parsed.article
    assert unicodedata.normalize("NFC", a.author) == "Thanh Tùng"
    # Its offsets are the file's own, as a sentence's are (retrieval/article_facts.py quotes it from them).
    assert path.read_text(encoding="utf-8")[a.author_start:a.author_end] == unicodedata.normalize("NFD", "Thanh Tùng")
    assert a.article_id == "giá_vàng" and len(parsed.sentences) == 1


def test_a_first_line_that_only_starts_with_date_is_text(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("Date palms grow here. They like sun.\n", encoding="utf-8")
    parsed = read_article(path)
    assert parsed.warnings == () and parsed.sentences[0].text == "Date palms grow here."


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes("\ufeffdate 2024-01 Tin ngắn\r\n\r\nCâu thứ nhất. Câu thứ hai.\r\n".encode())
    parsed = read_article(path)
    assert parsed.article.title == "Tin ngắn"
    assert [s.text for s in parsed.sentences] == ["Câu thứ nhất.", "Câu thứ hai."]


def test_folders_are_read_recursively_and_symlink_loops_cut(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "b" / "one.txt").write_text("Một câu.", encoding="utf-8")
    (root / "two.txt").write_text("Hai câu.", encoding="utf-8")
    (root / "notes.md").write_text("not an article", encoding="utf-8")
    (root / "a" / "b" / "loop").symlink_to(root)
    found = [key for _, key in find_article_files([root])]
    assert found == ["corpus/a/b/one.txt", "corpus/two.txt"]


def collected(paths: list[Path]) -> tuple[dict[str, str], list[str]]:
    """{article id: first sentence} and the problem lines of reading `paths` as `tinbot index` does."""
    report = BuildReport(index_dir=Path("unused"))
    parsed = collect(paths, report)
    return {p.article.article_id: p.sentences[0].text for p in parsed}, report.problems


def test_file_name_not_utf8_is_skipped_and_named(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Một câu hợp lệ.", encoding="utf-8")
    try:
        (tmp_path / os.fsdecode(b"t\xe9.txt")).write_text("Câu khác.", encoding="utf-8")
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    articles, problems = collected([tmp_path])
    assert list(articles) == [tmp_path.name + "/ok"]
    assert len(problems) == 1 and "t\\xe9.txt" in problems[0] and "rename" in problems[0]
    problems[0].encode("utf-8")  # printable: the run must not die writing it


def test_colliding_ids_get_a_stable_suffix_and_both_index(tmp_path: Path) -> None:
    for root, words in (("a", "Tin thứ nhất."), ("b", "Tin thứ hai.")):
        (tmp_path / root / "news").mkdir(parents=True)
        (tmp_path / root / "news" / "x.txt").write_text(words, encoding="utf-8")
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "x y.txt").write_text("Tin có dấu cách.", encoding="utf-8")
    (tmp_path / "c" / "x_y.txt").write_text("Tin có gạch dưới.", encoding="utf-8")
    paths = [tmp_path / "a" / "news", tmp_path / "b" / "news", tmp_path / "c"]
    articles, problems = collected(paths)
    assert problems == []
    assert sorted(articles.values()) == ["Tin có dấu cách.", "Tin có gạch dưới.", "Tin thứ hai.", "Tin thứ nhất."]
    assert articles["news/x"] == "Tin thứ nhất." and articles["c/x_y"] == "Tin có dấu cách."
    assert collected(paths)[0] == articles, "ids must not change from one run to the next"


def test_same_name_files_given_one_by_one_both_index_but_copies_do_not(tmp_path: Path) -> None:
    files = []
    for root, words in (("a", "Tin thứ nhất."), ("b", "Tin thứ hai."), ("c", "Tin thứ nhất.")):
        (tmp_path / root).mkdir()
        files.append(tmp_path / root / "x.txt")
        files[-1].write_text(words, encoding="utf-8")
    articles, problems = collected(files)
    assert sorted(articles.values()) == ["Tin thứ hai.", "Tin thứ nhất."]
    assert len(problems) == 1 and "same content" in problems[0] and str(files[2]) in problems[0]


@pytest.mark.timeout(10)
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_and_device_are_skipped_not_read(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Một câu hợp lệ.", encoding="utf-8")
    os.mkfifo(tmp_path / "fifo.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    articles, problems = collected([tmp_path, tmp_path / "fifo.txt"])
    assert list(articles) == [tmp_path.name + "/ok"]
    assert sorted(p.split(": ", 1)[1] for p in problems) == ["not a regular file, skipped"] * 2
    with pytest.raises(BadArticle, match="fifo.txt: not a regular file"):
        read_article(tmp_path / "fifo.txt")


BRIEF_CRLF = "date 2023-07 T\r\n\r\nDòng mở đầu của bài.\r\n\r\nThu ngân sách đạt 120 tỷ đồng.\r\n"
BRIEF_TEXTS = ["Dòng mở đầu của bài.", "Thu ngân sách đạt 120 tỷ đồng."]


@pytest.mark.parametrize(
    ("content", "texts"),
    [
        (BRIEF_CRLF, BRIEF_TEXTS),
        ("\ufeff" + BRIEF_CRLF, BRIEF_TEXTS),
        (BRIEF_CRLF.replace("\r\n", "\r"), BRIEF_TEXTS),
        ("\ufeffdate 2023-07 T\n\r\nDòng một\r\ncòn tiếp.\rẢnh minh họa\n\r\nCâu cuối. Câu nữa.\r\n",
         ["Dòng một\r\ncòn tiếp.", "Ảnh minh họa", "Câu cuối.", "Câu nữa."]),
    ],
    ids=["crlf", "bom+crlf", "cr", "bom+mixed"],
)
def test_offsets_index_the_file_as_plain_utf8_decodes_it(tmp_path: Path, content: str, texts: list[str]) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(content.encode("utf-8"))
    parsed = read_article(path)
    assert parsed.article.title == "T"
    assert [s.text for s in parsed.sentences] == texts
    source = path.read_bytes().decode("utf-8")
    for s in parsed.sentences:
        assert source[s.start:s.end] == s.text


_LINE = st.text(alphabet=st.sampled_from(list("aăbcđêơư AĐT.,!?\ufeff")), max_size=30)


@settings(max_examples=200, deadline=None)
@given(bom=st.booleans(), lines=st.lists(st.tuples(_LINE, st.sampled_from(["\n", "\r\n", "\r"])), max_size=12))
def test_offsets_hold_for_any_line_ends(bom: bool, lines: list[tuple[str, str]]) -> None:
    """Any mix of line ends parses like its LF twin, and every quote is a slice of the text as given."""
    source = ("\ufeff" if bom else "") + "date 2024-01 Tin\r\n\r\n" + "".join(t + end for t, end in lines)
    lf = source.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    try:
        twin = parse_article(lf, "x.txt", "0")
    except BadArticle:
        with pytest.raises(BadArticle):
            parse_article(source, "x.txt", "0")
        return
    parsed = parse_article(source, "x.txt", "0")
    for s, t in zip(parsed.sentences, twin.sentences, strict=True):
        assert source[s.start:s.end] == s.text
        assert s.text.replace("\r\n", "\n").replace("\r", "\n") == t.text


@pytest.mark.parametrize(
    ("bom", "codec", "name"),
    [(codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"), (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
     (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32")],
)
def test_utf16_and_utf32_with_bom_are_named_with_the_fix(tmp_path: Path, bom: bytes, codec: str, name: str) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(bom + "Giá lúa tăng mạnh.".encode(codec))
    with pytest.raises(BadArticle, match=f"wide.txt: {name} text .*iconv -f {name} -t UTF-8"):
        read_article(path)


def test_not_utf8_advice_does_not_claim_an_encoding(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Café au lait.".encode("latin-1"))
    with pytest.raises(BadArticle) as info:
        read_article(path)
    assert "convert it to UTF-8" in str(info.value) and "if it is Vietnamese Windows text" in str(info.value)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_named_not_called_binary(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("date 2024-07 Giá lúa\n\nGiá lúa tăng mạnh ở Đồng bằng sông Cửu Long.\n".encode(codec))
    name = codec.upper().replace("-LE", "LE").replace("-BE", "BE")
    with pytest.raises(BadArticle, match=f"wide.txt: {name} text without a byte-order mark.*iconv -f {name} -t UTF-8"):
        read_article(path)


def test_a_stray_byte_in_utf8_text_names_its_line_without_suggesting_another_encoding(tmp_path: Path) -> None:
    path = tmp_path / "stray.txt"
    good = "date 2024-07 Giá lúa tăng\n\nGiá lúa tăng mạnh ở Đồng bằng.\n".encode()
    path.write_bytes(good + b"Xu\x92t kh\xe1\xba\xa9u g\xe1\xba\xa1o.\n")
    with pytest.raises(BadArticle) as info:
        read_article(path)
    assert "not UTF-8 at line 4" in str(info.value) and "WINDOWS-1258" not in str(info.value)
    assert "iconv -c -f UTF-8 -t UTF-8" in str(info.value)
