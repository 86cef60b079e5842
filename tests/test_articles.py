"""Reading article files: header, captions, author, offsets, and bad input."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from embeddings.errors import BadArticle
from retrieval.articles import find_article_files, read_article
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
    assert a.date == "2023-07"
    assert a.title == "Cẩm Xuyên chủ động, quyết liệt thực hiện nhiệm vụ những tháng cuối năm"
    assert a.author == "Phan Trâm"
    assert "Đại biểu tham dự hội nghị" in a.captions
    assert a.article_id == "seeds/" + SEED.stem
    texts = [s.text for s in parsed.sentences]
    assert not any("Phan Trâm" == t for t in texts), "the author line is metadata, not a quote"
    assert not any(t.startswith("date ") for t in texts), "the header is not a quote"


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
    ],
)
def test_bad_files_name_the_file_and_the_problem(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(BadArticle) as info:
        read_article(path)
    assert str(path) in str(info.value) and problem in str(info.value)


def test_malformed_header_is_read_as_text(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "x.txt"
    path.write_text("date 2023-13 Tiêu đề sai tháng\n\nMột câu văn bình thường.\n", encoding="utf-8")
    parsed = read_article(path)
    assert parsed.article.date == ""
    assert "malformed" in caplog.text and "x.txt" in caplog.text


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
