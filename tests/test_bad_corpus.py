"""A messy folder: every bad file costs one line naming it; good files still index; nothing crashes."""
from __future__ import annotations

import pathlib
import shutil
import unicodedata
from pathlib import Path

import pytest

from embeddings.encoder import HashingEncoder
from retrieval.config import Settings
from retrieval.indexer import build_index
from retrieval.service import QAService
from tests.conftest import DATA

# "Giá lúa tăng" in TCVN3 (ABC), the legacy 8-bit Vietnamese encoding: not valid UTF-8.
TCVN3 = b"Gi\xb8 l\xfaa t\xa8ng m\xb9nh \xae\xb5ng"


@pytest.fixture
def messy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "messy"
    shutil.copytree(DATA / "articles", root)
    (root / "tcvn3.txt").write_bytes(TCVN3)
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (root / "huge.txt").write_bytes(b"Mot cau. " * (1024 * 1024))  # 9 MB
    (root / "lua_gao_copy.txt").write_bytes((root / "lua_gao.txt").read_bytes())
    (root / "nfd.txt").write_text(unicodedata.normalize("NFD", "date 2024-05 Tin NFD\n\nHồ Tây rộng 500 héc-ta.\n"),
                                  encoding="utf-8")
    (root / "bad_header.txt").write_text("date 20x4 sai\n\nMột câu hợp lệ về đê điều.\n", encoding="utf-8")
    (root / "loop").symlink_to(root)
    (root / "locked.txt").write_text("Bí mật.", encoding="utf-8")
    real_read = pathlib.Path.read_bytes

    def read_bytes(self: pathlib.Path) -> bytes:  # root can read mode-000 files, so refuse like the OS would
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    return root


def test_each_bad_file_is_one_line_and_good_files_index(messy: Path, tmp_path: Path) -> None:
    report = build_index([messy], HashingEncoder(), tmp_path / "idx")
    problems = {p.split(":")[0].rsplit("/", 1)[-1]: p for p in report.problems}
    assert set(problems) == {"tcvn3.txt", "empty.txt", "binary.txt", "huge.txt", "lua_gao_copy.txt", "locked.txt",
                             "bad_header.txt"}
    assert "header date '20x4' is not YYYY-MM" in problems["bad_header.txt"]  # indexed, without a date
    assert "not UTF-8" in problems["tcvn3.txt"] and "iconv" in problems["tcvn3.txt"]
    assert "binary" in problems["binary.txt"] and "empty" in problems["empty.txt"]
    assert "limit" in problems["huge.txt"] and "permission denied" in problems["locked.txt"]
    assert "duplicate" in problems["lua_gao_copy.txt"]
    assert all("\n" not in p for p in report.problems)
    assert report.articles == 4  # lua_gao, khong_tieu_de, nfd, bad_header


def test_nfd_article_is_found_by_an_nfc_question_and_quoted_as_written(messy: Path, tmp_path: Path) -> None:
    settings = Settings(cache_dir=tmp_path / "c", index_dir=tmp_path / "idx", model="hashing", corpus=(messy,))
    service = QAService.open(settings)
    answer = service.ask("Hồ Tây rộng bao nhiêu héc-ta?")
    assert answer.answered
    quote = answer.quotes[0]
    assert unicodedata.normalize("NFC", quote.text) == "Hồ Tây rộng 500 héc-ta."
    assert quote.text == unicodedata.normalize("NFD", "Hồ Tây rộng 500 héc-ta.")  # verbatim, not rewritten
