"""The `tinbot` command line, end to end with the fast hashing model (the real model is in test_quality_seed)."""
from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from bot.cli import main
from bot.format import BOLD, CHANGED_NOTE, PLAIN, SMALL_TALK, answer_text, quote_body, styled
from bot.repl import Session, run_repl
from retrieval.service import QAService
from retrieval.types import Answer, Quote
from tests.conftest import BUDGET, DATA, SEEDS

QUESTION = "Thu ngân sách trên địa bàn đạt bao nhiêu tỷ đồng?"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ask_json_contract(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    idx = str(tmp_path / "idx")
    code, out, err = run(capsys, "ask", "--model", "hashing", "--index-dir", idx, "--json", QUESTION)
    assert code == 0
    assert "building it from" in err  # first run builds the index from seeds/, with a message
    obj = json.loads(out)
    assert set(obj) >= {"question", "answered", "quotes"}
    assert obj["question"] == QUESTION and obj["answered"] is True
    quote = obj["quotes"][0]
    assert set(quote) >= {"text", "score", "title", "date", "source", "sentence_id"}
    assert BUDGET in quote["text"] and quote["date"] == "2023-07"
    assert quote["title"].startswith("Cẩm Xuyên") and quote["source"].endswith(".txt")
    # `source` is absolute, so it opens from any folder, and text is source[start:end] of it
    assert Path(quote["source"]).is_absolute()
    assert Path(quote["source"]).read_text(encoding="utf-8")[quote["start"]:quote["end"]] == quote["text"]
    scores = [q["score"] for q in obj["quotes"]]
    assert scores == sorted(scores, reverse=True)


def test_ask_reads_questions_from_stdin_in_order(capsys, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{QUESTION}\n\n   \nzzzz qqqq xxxx\n"))
    code, out, _ = run(capsys, "ask", "--model", "hashing", "--index-dir", str(tmp_path / "i"), "--json")
    lines = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and [x["question"] for x in lines] == [QUESTION, "zzzz qqqq xxxx"]
    assert lines[0]["answered"] and not lines[1]["answered"] and lines[1]["quotes"] == []


def test_ask_splits_piped_lines_at_a_lone_carriage_return(capsys, monkeypatch, tmp_path: Path) -> None:
    """Old Mac line ends ("\\r" alone) end a question as "\\n" and "\\r\\n" do; they were merged into one."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{QUESTION}\rzzzz qqqq\r\nxxxx yyyy\n"))
    code, out, _ = run(capsys, "ask", "--model", "hashing", "--index-dir", str(tmp_path / "i"), "--json")
    assert code == 0 and [json.loads(x)["question"] for x in out.splitlines()] == [QUESTION, "zzzz qqqq", "xxxx yyyy"]


def test_repl_and_ask_without_stdin_say_so(capsys, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "stdin", None)  # `tinbot repl <&-`: Python sets sys.stdin to None
    for command in ("repl", "ask"):
        code, out, err = run(capsys, command, "--model", "hashing", "--index-dir", str(tmp_path / "i"))
        assert code == 2 and out == "" and "no stdin" in err and "Traceback" not in err


def test_ask_json_answers_each_piped_line_before_reading_the_next(capsys, monkeypatch, tmp_path: Path) -> None:
    """A script may write one question and wait for its object: the answer must not wait for stdin to close."""
    answered_before: list[int] = []

    class Lines(io.StringIO):  # stdin that records how many objects were printed when each line was read
        def __iter__(self):
            for line in ["\ufeff\n", f"{QUESTION}\n", "zzzz qqqq xxxx\n"]:  # a byte-order mark alone: no question
                answered_before.append(capsys.readouterr().out.count("\n") + sum(answered_before[-1:]))
                yield line

    monkeypatch.setattr(sys, "stdin", Lines())
    code, out, _ = run(capsys, "ask", "--model", "hashing", "--index-dir", str(tmp_path / "i"), "--json")
    assert code == 0 and answered_before == [0, 0, 1]


def test_json_is_escaped_for_an_output_that_cannot_write_vietnamese(monkeypatch, tmp_path: Path) -> None:
    raw = io.BytesIO()
    ascii_out = io.TextIOWrapper(raw, encoding="ascii")
    monkeypatch.setattr(sys, "stdout", ascii_out)
    code = main(["ask", "--model", "hashing", "--index-dir", str(tmp_path / "i"), "--json", QUESTION])
    ascii_out.flush()
    obj = json.loads(raw.getvalue().decode("ascii"))
    assert code == 0 and obj["question"] == QUESTION and BUDGET in obj["quotes"][0]["text"]


def test_text_for_an_output_that_cannot_write_vietnamese_comes_with_a_warning(monkeypatch, capsys,
                                                                               tmp_path: Path) -> None:
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="ascii"))
    code = main(["ask", "--model", "hashing", "--index-dir", str(tmp_path / "i"), QUESTION])
    sys.stdout.flush()
    assert code == 0 and "ng?n s?ch" in raw.getvalue().decode("ascii")  # not verbatim...
    assert "cannot write Vietnamese" in capsys.readouterr().err  # ...and said so, with the fix
    main(["ask", "--model", "hashing", "--index-dir", str(tmp_path / "i"), "--json", QUESTION])
    assert "cannot write Vietnamese" not in capsys.readouterr().err  # escaped JSON is exact: no warning


def test_json_of_a_declined_question_says_why_and_keeps_the_closest_sentences(capsys, tmp_path: Path) -> None:
    code, out, _ = run(capsys, "ask", "--model", "hashing", "--index-dir", str(tmp_path / "i"), "--json",
                       "Giá vàng hôm nay bao nhiêu?", "Sân bay Long Thành khi nào khai thác?", QUESTION)
    vague, named, answered = (json.loads(x) for x in out.splitlines())
    assert code == 0 and not vague["answered"] and vague["not_mentioned"] == []
    assert vague["closest"] and all(q["text"] and q["sentence_id"] for q in vague["closest"])
    assert named["not_mentioned"] == ["Long Thành"] and named["closest"] == []
    assert vague["reason"] in ("not_close", "off_topic") and named["reason"] == "not_mentioned"
    assert "mismatch" not in vague and "mismatch" not in named
    assert answered["answered"] and "closest" not in answered and "not_mentioned" not in answered
    assert "reason" not in answered
    # A Vietnamese place typed without accents in an English question, which the article never writes
    code, out, _ = run(capsys, "ask", "--model", "hashing", "--index-dir", str(tmp_path / "i"), "--json",
                       "How hot was it in Sa Pa last week?")
    assert json.loads(out)["not_mentioned"] == ["Sa Pa"] and not json.loads(out)["answered"]


def test_closest_prints_the_closest_sentences_of_a_declined_question_marked_unsure(capsys, tmp_path: Path) -> None:
    index = ["--model", "hashing", "--index-dir", str(tmp_path / "i")]
    code, out, _ = run(capsys, "ask", *index, "--closest", "--top-k", "2", "Giá vàng hôm nay bao nhiêu?")
    declined, closest = out.split("\n\n", 1)
    assert code == 0 and declined.startswith("Không tìm thấy")
    assert closest.startswith("Không chắc chắn:") and '1. "' in closest and '2. "' in closest and '3. "' not in closest
    _, plain, _ = run(capsys, "ask", *index, "Giá vàng hôm nay bao nhiêu?")
    assert plain.strip() == declined.strip()  # without the flag: the decline alone
    _, answered, _ = run(capsys, "ask", *index, "--closest", QUESTION)
    assert "Không chắc chắn" not in answered  # an answered question is printed as without the flag


def test_plain_output_quotes_and_cites(capsys, tmp_path: Path) -> None:
    code, out, _ = run(capsys, "ask", "--model", "hashing", "--index-dir", str(tmp_path / "i"), "--top-k", "1",
                       QUESTION)
    assert code == 0
    first, cite = out.splitlines()[:2]
    assert first.startswith('1. "Thu ngân sách') and BUDGET in first
    assert cite.strip() == "— Cẩm Xuyên chủ động, quyết liệt thực hiện nhiệm vụ những tháng cuối năm (2023-07)"


def test_ask_and_repl_answer_from_the_articles_of_corpus_and_leave_the_default_index_alone(
        capsys, monkeypatch, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "lua.txt").write_text("date 2025-09 Lúa mùa được mùa\n\nNăm nay tỉnh thu hoạch 312.000 tấn lúa "
                                    "mùa.\n\nNông dân phấn khởi.\n\nMinh Anh\n", encoding="utf-8")
    code, out, err = run(capsys, "ask", "--model", "hashing", "--corpus", str(folder), "--json",
                         "Tỉnh thu hoạch bao nhiêu tấn lúa mùa?")
    answer = json.loads(out)
    assert code == 0 and answer["quotes"][0]["text"] == "Năm nay tỉnh thu hoạch 312.000 tấn lúa mùa."
    assert answer["quotes"][0]["title"] == "Lúa mùa được mùa" and "1 article, 2 sentences" in err
    assert not (tmp_path / "cache" / "index").exists()  # not built from seeds/, nor replaced
    monkeypatch.setattr(sys, "stdin", io.StringIO("Tỉnh thu hoạch bao nhiêu tấn lúa mùa?\n"))
    code, out, _ = run(capsys, "repl", "--model", "hashing", "--corpus", str(folder / "lua.txt"))
    assert code == 0 and "312.000 tấn" in out
    code, out, err = run(capsys, "ask", "--model", "hashing", "--corpus", str(folder), "--index-dir",
                         str(tmp_path / "i"), "q")
    assert code == 1 and out == "" and err.strip() == "tinbot: give --corpus or --index-dir, not both"


def test_bad_question_is_one_line_and_nonzero(capsys, tmp_path: Path) -> None:
    code, out, err = run(capsys, "ask", "--model", "hashing", "--index-dir", str(tmp_path / "i"), "   ")
    assert code == 1 and out == ""
    assert err.strip().splitlines()[-1].startswith("tinbot: the question is empty") and "Traceback" not in err


def test_index_command_reports_problems_and_counts(capsys, tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "good.txt").write_text((DATA / "articles" / "lua_gao.txt").read_text(encoding="utf-8"), "utf-8")
    (corpus / "bad.txt").write_bytes(b"\xff\xfe\x00\x00binary")
    code, _, err = run(capsys, "index", "--model", "hashing", "--index-dir", str(tmp_path / "i"), str(corpus))
    assert code == 0
    assert "bad.txt: binary" in err and "indexed 1 article, " in err


def test_index_says_which_articles_of_the_previous_index_it_left_out(capsys, tmp_path: Path) -> None:
    idx = str(tmp_path / "i")
    articles = DATA / "articles"
    run(capsys, "index", "--model", "hashing", "--index-dir", idx, str(articles))
    code, _, err = run(capsys, "index", "--model", "hashing", "--index-dir", idx, str(articles / "lua_gao.txt"))
    assert code == 0 and "indexed 1 article" in err
    assert "left out 1 article of the previous index, not in the given paths (" in err and "khong_tieu_de.txt" in err


def test_index_without_a_terminal_prints_progress_lines(capsys, monkeypatch, tmp_path: Path) -> None:
    """Run from a script or CI, a long build says how far it is instead of nothing for minutes."""
    from bot import cli

    monkeypatch.setattr(cli, "PROGRESS_SECONDS", 0.0)
    monkeypatch.setattr("retrieval.indexer.CHUNK_SENTENCES", 4)
    code, _, err = run(capsys, "index", "--model", "hashing", "--index-dir", str(tmp_path / "i"),
                       str(DATA / "articles"))
    lines = [x for x in err.splitlines() if x.startswith("tinbot: embedding: ")]
    assert code == 0 and lines and all(" of " in x and x.endswith("%)") for x in lines)


def test_index_says_an_article_whose_file_was_deleted_is_removed(capsys, tmp_path: Path) -> None:
    corpus, idx = tmp_path / "c", str(tmp_path / "i")
    shutil.copytree(DATA / "articles", corpus)
    run(capsys, "index", "--model", "hashing", "--index-dir", idx, str(corpus))
    (corpus / "lua_gao.txt").unlink()
    code, _, err = run(capsys, "index", "--model", "hashing", "--index-dir", idx, str(corpus))
    assert code == 0 and "removed 1 article whose file is gone (" in err and "lua_gao.txt" in err
    assert "left out" not in err  # nothing to advise: the user deleted it


def test_index_says_an_article_whose_file_became_unreadable_is_dropped_not_left_out(capsys, tmp_path: Path) -> None:
    corpus, idx = tmp_path / "c", str(tmp_path / "i")
    shutil.copytree(DATA / "articles", corpus)
    run(capsys, "index", "--model", "hashing", "--index-dir", idx, str(corpus))
    (corpus / "lua_gao.txt").write_bytes(b"")
    code, _, err = run(capsys, "index", "--model", "hashing", "--index-dir", idx, str(corpus))
    assert code == 0 and "dropped 1 article whose file can no longer be read (" in err and "lua_gao.txt" in err
    assert "left out" not in err and "removed" not in err  # it was given: "index them together" cannot help


def test_reindexing_an_index_from_before_context_vectors_says_what_it_added(capsys, tmp_path: Path) -> None:
    idx = tmp_path / "i"
    run(capsys, "index", "--model", "hashing", "--index-dir", str(idx))
    for path in (idx / "cache").rglob("*.context-*.npy"):
        path.unlink()
    code, _, err = run(capsys, "index", "--model", "hashing", "--index-dir", str(idx))
    assert code == 0 and "(articles: 0 embedded, 1 unchanged, 1 of them given context or paragraph vectors)" in err
    code, _, err = run(capsys, "index", "--model", "hashing", "--index-dir", str(idx))
    assert "(articles: 0 embedded, 1 unchanged)" in err


def test_model_mismatch_is_a_clear_error(capsys, tmp_path: Path) -> None:
    idx = str(tmp_path / "i")
    run(capsys, "index", "--model", "hashing", "--index-dir", idx)
    code, _, err = run(capsys, "ask", "--model", "some/other-model", "--index-dir", idx, "hello")
    assert code == 1 and "built with model 'hashing'" in err
    assert f"tinbot index --index-dir {idx} --model some/other-model" in err
    code, _, err = run(capsys, "ask", "--model", str(tmp_path / "typo"), "--index-dir", idx, "hello")
    assert code == 1 and err.startswith(f"tinbot: model {tmp_path / 'typo'}: no such folder")
    assert "leave out --model" in err and "tinbot index" not in err  # building with a typo is no way out


def test_tinbot_model_in_the_environment_is_a_named_model_too(capsys, monkeypatch, tmp_path: Path) -> None:
    idx = str(tmp_path / "i")
    run(capsys, "index", "--model", "hashing", "--index-dir", idx)
    monkeypatch.setenv("TINBOT_MODEL", "some/other-model")  # as --model: the index's model does not win silently
    code, _, err = run(capsys, "ask", "--index-dir", idx, "thu ngân sách")
    assert code == 1 and "built with model 'hashing'" in err
    monkeypatch.delenv("TINBOT_MODEL")
    assert run(capsys, "ask", "--index-dir", idx, "thu ngân sách")[0] == 0  # unnamed: the index's own model


def test_ctrl_c_while_indexing_says_the_index_is_unchanged(capsys, monkeypatch, tmp_path: Path) -> None:
    import retrieval.indexer

    idx = str(tmp_path / "i")
    run(capsys, "index", "--model", "hashing", "--index-dir", idx)

    def interrupted(*_a, **_k):
        raise KeyboardInterrupt

    monkeypatch.setattr(retrieval.indexer, "embed_articles", interrupted)
    code, _, err = run(capsys, "index", "--model", "hashing", "--index-dir", idx, str(DATA / "articles"))
    assert code == 130 and f"interrupted: {idx} holds the last index that was built completely" in err
    monkeypatch.undo()
    code, out, _ = run(capsys, "ask", "--index-dir", idx, QUESTION)
    assert code == 0 and BUDGET in out  # the seed index still answers


def test_ctrl_c_during_the_first_index_does_not_claim_an_index_exists(capsys, monkeypatch, tmp_path: Path) -> None:
    import retrieval.indexer

    def interrupted(*_a, **_k):
        raise KeyboardInterrupt

    monkeypatch.setattr(retrieval.indexer, "embed_articles", interrupted)
    idx = str(tmp_path / "i")
    code, _, err = run(capsys, "index", "--model", "hashing", "--index-dir", idx)
    assert code == 130 and f"interrupted: no index was built in {idx}; run the same command again" in err


def test_ask_building_the_first_index_names_skipped_files_as_index_does(capsys, monkeypatch, tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "latin1.txt").write_bytes("date 2023-07 Tiêu đề\n\ncafé".encode("latin-1", "replace"))
    monkeypatch.setenv("TINBOT_CORPUS", f"{DATA / 'articles'}:{bad}")
    code, _, err = run(capsys, "ask", "--model", "hashing", "--index-dir", str(tmp_path / "i"), QUESTION)
    assert code == 0 and f"tinbot: no index in {tmp_path / 'i'} yet: building it from" in err
    assert f"tinbot: {bad / 'latin1.txt'}: not UTF-8" in err and "WARNING" not in err


@pytest.mark.parametrize("command", ["index", "ask"])
def test_a_missing_tinbot_corpus_is_named_and_leaves_no_folder(capsys, monkeypatch, tmp_path: Path,
                                                               command: str) -> None:
    monkeypatch.setenv("TINBOT_CORPUS", str(tmp_path / "nope"))
    question = [QUESTION] if command == "ask" else []
    code, _, err = run(capsys, command, "--model", "hashing", "--index-dir", str(tmp_path / "i"), *question)
    assert code == 1 and f"tinbot: TINBOT_CORPUS names {tmp_path / 'nope'}, which does not exist" in err
    assert not (tmp_path / "i").exists()


def test_top_k_below_one_is_refused_by_the_subcommand(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["ask", "--top-k", "0", "x"])
    assert exc.value.code == 2 and "tinbot ask: error: argument --top-k: must be at least 1" in capsys.readouterr().err


def test_an_unknown_option_is_shown_with_its_commands_usage(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["ask", "--topk", "3", "x"])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and "usage: tinbot ask" in err
    assert "tinbot ask: error: unrecognized arguments: --topk" in err


def test_missing_path_is_a_clear_error(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "index", "--model", "hashing", "--index-dir", str(tmp_path / "i"),
                       str(tmp_path / "nope"))
    assert code == 1 and "no such file or directory" in err


def test_repl_offers_the_closest_sentences_after_not_found(hashing_settings) -> None:
    session = Session(QAService.open(hashing_settings))
    no = session.handle("Tỷ lệ hộ nghèo của tỉnh năm 2030 dự kiến là bao nhiêu phần trăm?")
    assert no.startswith("Không tìm thấy") and no.endswith("(:more: xem các câu gần nhất)")
    closest = session.handle(":more").splitlines()
    assert closest[0].startswith("Không chắc chắn") and closest[1].startswith('1. "')
    assert session.handle("ok nhé").startswith("Bạn cứ hỏi tiếp")  # small talk: :more still pages the question
    assert session.handle(":more").splitlines()[1].startswith('4. "')


def test_repl_more_after_an_answer_says_the_sentences_are_less_close(hashing_settings) -> None:
    session = Session(QAService.open(hashing_settings))
    assert session.handle("6 tháng cuối năm").startswith("1. ")
    more = session.handle(":more").splitlines()
    assert more[0] == "Các câu khác, kém sát câu hỏi hơn:" and more[1].startswith("2. ")


def test_repl_session_answers_more_help_and_quit(hashing_settings) -> None:
    service = QAService.open(hashing_settings)
    session = Session(service)
    first = session.handle(QUESTION)
    assert first.startswith("1. ") and BUDGET in first
    more = session.handle(":more")
    assert (more.startswith(f"Các câu khác, kém sát câu hỏi hơn:\n{len(service.ask(QUESTION).quotes) + 1}. ")
            or more == "Không còn câu trích nào khác cho câu hỏi này.")
    for command in (":MORE", "more", "thêm"):  # typed with caps lock, or bare: the command, not a question
        assert session.handle(command) == "Không còn câu trích nào khác cho câu hỏi này."
    assert ":more" in session.handle(":help") == session.handle(":Help")
    assert session.handle("   ") == ""
    assert "unknown command" in session.handle(":frobnicate")
    assert session.handle("\ufeff") == "" and session.handle("\ufeff:quit") is None  # a BOM is no part of it
    assert session.handle(":quit") is None


def test_a_piped_line_with_bad_bytes_is_refused_alone(capsys, monkeypatch, tmp_path: Path) -> None:
    raw = f"{QUESTION}\n".encode() + b"caf\xe9\n" + f"{QUESTION}\n".encode()  # a Latin-1 line in between
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))
    code, out, err = run(capsys, "ask", "--model", "hashing", "--index-dir", str(tmp_path / "i"), "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 1 and [r["answered"] for r in rows] == [True, False, True]
    assert "not UTF-8" in rows[1]["error"] and rows[1]["question"] == "caf\ufffd"
    assert all(r["lang"] in ("vi", "en") for r in rows)  # an error object has the fields of an answer
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"\n" + raw), encoding="utf-8"))
    code, out, err = run(capsys, "ask", "--index-dir", str(tmp_path / "i"))
    assert code == 1 and err.startswith("tinbot: line 3: the question has bytes that are not UTF-8")
    code, out, err = run(capsys, "ask", "--index-dir", str(tmp_path / "i"), QUESTION, "🙂")
    assert code == 1 and err.startswith("tinbot: question 2: the question has no letters or digits")


def test_empty_index_dir_and_file_system_errors_are_one_line(capsys, tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        main(["index", "--model", "hashing", "--index-dir", ""])
    assert "empty folder name" in capsys.readouterr().err
    (tmp_path / "afile").write_text("x")
    code, _, err = run(capsys, "index", "--model", "hashing", "--index-dir", str(tmp_path / "afile" / "sub"))
    assert code == 1 and "Not a directory" in err and "Traceback" not in err and err.count("\n") == 1


def test_ask_with_a_folder_that_is_not_an_index_refuses_without_announcing_a_build(capsys, tmp_path: Path) -> None:
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = run(capsys, "ask", "--model", "hashing", "--index-dir", str(tmp_path / "project"), QUESTION)
    assert code == 1 and "holds no tinbot index" in err and "building" not in err


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_answers_are_bolded_only_on_a_terminal_that_allows_it(monkeypatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert styled(FakeTerminal()) and not styled(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not styled(FakeTerminal())
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "dumb")
    assert not styled(FakeTerminal())


def test_bold_wraps_exactly_the_answer_span(hashing_settings) -> None:
    answer = QAService.open(hashing_settings).ask(QUESTION)
    top = answer.quotes[0]
    assert top.answer_text == BUDGET
    assert quote_body(top, bold=True) == top.text.replace(BUDGET, f"{BOLD}{BUDGET}{PLAIN}", 1)
    assert "\033" not in answer_text(answer) and f"{BOLD}{BUDGET}{PLAIN}" in answer_text(answer, bold=True)
    session = Session(QAService.open(hashing_settings), bold=True)
    assert f"{BOLD}{BUDGET}{PLAIN}" in session.handle(QUESTION)


def test_repl_answers_piped_lines_and_stops_at_quit(hashing_settings) -> None:
    service = QAService.open(hashing_settings)
    out = io.StringIO()
    code = run_repl(service, history=Path("/nonexistent/h"), stdin=io.StringIO(f"{QUESTION}\n:quit\nnot read\n"),
                    stdout=out)
    assert code == 0 and BUDGET in out.getvalue() and "not read" not in out.getvalue()
    # the best quote first, and a blank line after each answer
    assert out.getvalue().startswith('1. "Thu ngân sách') and out.getvalue().endswith("\n\n")
    out = io.StringIO()  # old Mac line ends: ":quit" is still a line of its own
    code = run_repl(service, history=Path("/nonexistent/h"), stdin=io.StringIO(f"{QUESTION}\r:quit\rnot read"),
                    stdout=out)
    assert code == 0 and BUDGET in out.getvalue() and "not read" not in out.getvalue()


def test_repl_ends_after_saying_goodbye_in_the_conversations_language(hashing_settings) -> None:
    service = QAService.open(hashing_settings)
    out = io.StringIO()
    code = run_repl(service, history=Path("/nonexistent/h"), stdout=out,
                    stdin=io.StringIO(f"{QUESTION}\nok\nbye\n{QUESTION}\n"))
    first, ok, bye = out.getvalue().rstrip("\n").split("\n\n")
    assert code == 0 and BUDGET in first and "Tạm biệt" in bye
    # "ok" says no language of its own: the reply is in the conversation's (Vietnamese), as "bye"'s is.
    assert ok == SMALL_TALK["vi"]["ack"] != SMALL_TALK["en"]["ack"]
    # Said alone, "ok" is answered in its own reading.
    assert service.ask("ok").lang == "en" and service.ask("ok", previous=QUESTION).lang == "vi"


def test_several_questions_are_answered_each_under_its_question(capsys, tmp_path: Path) -> None:
    other = "Hội nghị diễn ra ở đâu?"
    code, out, _ = run(capsys, "ask", "--model", "hashing", "--index-dir", str(tmp_path / "i"), "--top-k", "1",
                       QUESTION, other)
    first, second = out.rstrip("\n").split("\n\n")
    assert code == 0 and first.startswith(f"> {QUESTION}\n1. ") and BUDGET in first
    assert second.startswith(f"> {other}\n") and BUDGET not in second


def test_help_is_instant_and_imports_no_model_code() -> None:
    code = ("import sys, bot.cli\n"
            "try:\n    bot.cli.main(['--help'])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('torch', 'faiss', 'telegram', 'sentence_transformers') if m in sys.modules]\n"
            "print('HEAVY', heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "HEAVY []" in out and "telegram" in out


def test_repl_survives_hostile_lines(hashing_settings) -> None:
    """Every piped line gets a reply or a one-line refusal; the session never ends early."""
    service = QAService.open(hashing_settings)
    lines = [":more", "", "   ", "\x00\x07\x1b[31m", "🙂🙂", "x" * 5000, "caf\udce9", ":unknown", "../../etc/passwd",
             "$(rm -rf /)", "<b>thu</b> ngân sách", QUESTION, ":more", ":more", ":help"]
    out, errors = io.StringIO(), io.StringIO()
    code = run_repl(service, history=Path("/nonexistent/h"), stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out,
                    stderr=errors)
    text = out.getvalue()
    assert BUDGET in text and "Commands:" in text  # reached the last lines
    # Emoji-only, over-long, undecodable ("[31m" is asked), :more first and an unknown command: refused, one
    # line each on stderr, as `tinbot ask` refuses a question
    assert code == 1 and errors.getvalue().count("tinbot: ") == 5 and "tinbot: " not in text
    assert "tinbot: line 1: no earlier answer" in errors.getvalue()  # which piped line was refused
    assert "tinbot: line 8: unknown command ':unknown'; type :help" in errors.getvalue()


def test_repl_more_after_a_not_found_without_closest_sentences_says_so(hashing_settings) -> None:
    session = Session(QAService.open(hashing_settings))
    assert "no earlier answer" in session.handle(":more")
    # a name no article mentions: said, and no closest sentences (they would be about something else)
    assert "không nhắc đến “Long Thành”" in session.handle("Sân bay Long Thành khi nào khai thác?")
    assert session.handle(":more") == "Không có câu gần nhất nào để xem cho câu hỏi này."  # the question's language
    session.handle("When will Long Thành airport open?")
    assert session.handle(":more") == "No closest sentences to show for this question."


def test_a_quote_from_an_article_edited_after_indexing_says_so(capsys, tmp_path: Path) -> None:
    corpus, idx = tmp_path / "c", str(tmp_path / "i")
    corpus.mkdir()
    article = corpus / "a.txt"
    shutil.copy(next(SEEDS.glob("*.txt")), article)
    original = article.read_text(encoding="utf-8")
    run(capsys, "index", "--model", "hashing", "--index-dir", idx, str(corpus))

    def quotes(*flags: str) -> list[dict]:
        code, out, _ = run(capsys, "ask", "--index-dir", idx, "--json", *flags, QUESTION)
        assert code == 0
        return json.loads(out)["quotes"]

    assert {q["source_status"] for q in quotes()} == {"unchanged"}
    # Edited elsewhere, the budget sentence kept where it was: nothing to say about it.
    article.write_text(original.replace(BUDGET, BUDGET, 1) + "\nMột câu thêm ở cuối.\n", encoding="utf-8")
    assert quotes("--top-k", "1")[0]["source_status"] == "unchanged"
    # A paragraph added before it: still true, but its offsets moved.
    head, body = original.split("\n", 1)
    article.write_text(f"{head}\n\nMột đoạn mới ở đầu bài.\n{body}", encoding="utf-8")
    moved = quotes("--top-k", "1")[0]
    assert moved["source_status"] == "moved"
    assert article.read_text(encoding="utf-8")[moved["start"]:moved["end"]] == moved["text"]  # where it is now
    # Re-saved decomposed (as some macOS editors do): the same words, not a changed sentence.
    article.write_text(unicodedata.normalize("NFD", f"{head}\n\nMột đoạn mới ở đầu bài.\n{body}"), encoding="utf-8")
    nfd = quotes("--top-k", "1")[0]
    assert nfd["source_status"] == "moved"
    held = article.read_text(encoding="utf-8")[nfd["start"]:nfd["end"]]
    assert held != nfd["text"] and unicodedata.normalize("NFC", held) == nfd["text"]  # the same words, as written
    article.write_text(f"{head}\n\nMột đoạn mới ở đầu bài.\n{body}", encoding="utf-8")
    code, out, _ = run(capsys, "ask", "--index-dir", idx, "--top-k", "1", QUESTION)
    assert len(out.splitlines()) == 2  # no note: the sentence is still in the article
    # The figure corrected: the quote is old text, and the reader is told in the question's language.
    article.write_text(original.replace(BUDGET, "121 tỷ đồng"), encoding="utf-8")
    quote = quotes("--top-k", "1")[0]
    assert BUDGET in quote["text"] and quote["source_status"] == "changed"
    code, out, _ = run(capsys, "ask", "--index-dir", idx, "--top-k", "1", QUESTION)
    assert out.splitlines()[2] == CHANGED_NOTE["vi"] and "tinbot index" in CHANGED_NOTE["vi"]
    fields = {k: quote[k] for k in ("text", "score", "title", "date", "source", "sentence_id", "start", "end",
                                    "source_status")}
    english = Answer("How much was the budget revenue?", True, (Quote(**fields),), "en")
    assert CHANGED_NOTE["en"] in answer_text(english).splitlines()

    article.unlink()  # gone: the index may be served where the articles are not, so nothing is claimed
    assert quotes()[0]["source_status"] == "missing"
    code, out, _ = run(capsys, "ask", "--index-dir", idx, "--top-k", "1", QUESTION)
    assert CHANGED_NOTE["vi"] not in out and BUDGET in out


def test_ctrl_c_while_the_command_line_loads_exits_quietly(monkeypatch) -> None:
    """The console script (`bot.entry`) guards the import of everything else: Ctrl-C in that first ~0.1 s is
    status 130 like Ctrl-C later, not an import traceback."""
    import importlib.abc

    from bot.entry import main as entry

    class CtrlC(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):  # noqa: ANN001, ANN201
            if name == "bot.cli":
                raise KeyboardInterrupt
            return None

    monkeypatch.delitem(sys.modules, "bot.cli")
    monkeypatch.setattr(sys, "meta_path", [CtrlC(), *sys.meta_path])
    assert entry() == 130


def test_version_and_verbose_after_the_command(capsys, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0 and capsys.readouterr().out.startswith("tinbot ")
    from bot.cli import build_parser

    assert build_parser().parse_args(["ask", "-v", "q"]).verbose == 1
    assert build_parser().parse_args(["ask", "-vv", "q"]).verbose == 2
    assert build_parser().parse_args(["-vv", "ask", "q"]).verbose == 2  # not reset by the command's default
    assert build_parser().parse_args(["ask", "q"]).verbose == 0


def test_index_names_articles_without_a_header(capsys, tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "flood.txt").write_text("Ngày 07/2024: Lũ lụt ở Yên Bái\n\nMưa lớn gây lũ trên sông Thao.\n",
                                      encoding="utf-8")
    (corpus / "dated.txt").write_text("date 2024-07 Lũ lụt\n\nMưa lớn gây lũ trên sông Thao ở Yên Bái.\n",
                                      encoding="utf-8")
    code, _, err = run(capsys, "index", str(corpus), "--model", "hashing", "--index-dir", str(tmp_path / "i"))
    assert code == 0 and "1 article without a 'date YYYY-MM <title>' first line" in err and "flood.txt" in err
    assert "dated.txt" not in err
