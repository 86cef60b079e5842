"""The core promise with the real model: the budget question, asked three ways, quotes the budget sentence first."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BUDGET, ROOT, real_cache_dir

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("question", ["what was budget revenue?", "thu ngân sách đạt bao nhiêu?",
                                      "thu ngan sach dat bao nhieu",
                                      # typed with caps lock: scored below "not found" before `unshout`
                                      "THU NGÂN SÁCH ĐẠT BAO NHIÊU?", "THU NGAN SACH DAT BAO NHIEU"])
def test_budget_question_quotes_the_budget_sentence_first(real_service, question: str) -> None:
    answer = real_service.ask(question)
    assert answer.answered
    assert BUDGET in answer.quotes[0].text
    assert answer.quotes[0].date == "2023-07"


def test_off_topic_question_is_declined(real_service) -> None:
    # The English ones are not among the questions that set the index's off-topic floor (retrieval/offtopic.py);
    # with the cosine threshold alone, "How do airplanes stay in the air?" got a quote.
    for question in ("what is the capital of France?", "Thủ đô của nước Pháp là gì?", "What is the best pizza topping?",
                     "Who directed the movie Titanic?", "How do airplanes stay in the air?", "Where do penguins live?",
                     "How do I install Python on Windows?"):
        assert not real_service.ask(question).answered, question


# Off-topic questions the off-topic floor let through on the seed (from eval/experiments/offtopic_train.txt).
PAST_THE_FLOOR = ("How do I get over a breakup quickly?", "How do I make fluffy scrambled eggs?",
                  "how long does a cold usually last", "When is the next Super Bowl?",
                  "How much does a good road bike cost?")


def test_the_background_text_declines_what_the_floor_let_through(real_service, monkeypatch) -> None:
    from retrieval.service import QAService

    assert real_service.searcher.background is not None
    assert not [q for q in PAST_THE_FLOOR if real_service.ask(q).answered]
    assert real_service.ask("what was budget revenue?").answered
    monkeypatch.setenv("TINBOT_BACKGROUND", "off")
    without = QAService(real_service.settings, real_service.index, encoder=real_service.encoder)
    assert without.searcher.background is None
    assert len([q for q in PAST_THE_FLOOR if without.ask(q).answered]) >= 3


def test_a_follow_up_is_read_with_the_question_before_only_when_it_adds_something(real_service) -> None:
    first = "Thu ngân sách đạt bao nhiêu?"
    assert not real_service.ask("so với cùng kỳ thì sao?").answered  # alone it says too little
    answer = real_service.ask("so với cùng kỳ thì sao?", previous=first)
    assert answer.answered and answer.follows == first and BUDGET in answer.quotes[0].text
    # The budget question's words would find a sentence, but nothing in it answers "số người chết".
    assert not real_service.ask("còn số người chết?", previous=first).answered


def test_piped_repl_answers_and_exits(real_encoder, tmp_path: Path) -> None:
    """What `echo "what was budget revenue?" | make run` does, minus the set-up."""
    env = {**os.environ, "TINBOT_CACHE_DIR": str(real_cache_dir()), "TINBOT_INDEX_DIR": str(tmp_path / "index")}
    cmd = [sys.executable, "-m", "bot.cli", "repl"]
    done = subprocess.run(cmd, input="what was budget revenue?\n", capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    first = done.stdout.splitlines()[0]
    assert first.startswith('1. "') and BUDGET in first
    assert "building it from" in done.stderr


def test_ask_json_with_the_real_model(real_encoder, tmp_path: Path) -> None:
    env = {**os.environ, "TINBOT_CACHE_DIR": str(real_cache_dir()), "TINBOT_INDEX_DIR": str(tmp_path / "index")}
    done = subprocess.run([sys.executable, "-m", "bot.cli", "ask", "--json", "thu ngân sách đạt bao nhiêu?",
                           "Giá vé máy bay đi Paris là bao nhiêu?"], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=300)
    first, second = (json.loads(line) for line in done.stdout.splitlines())
    assert BUDGET in first["quotes"][0]["text"] and first["quotes"][0]["answer"] == BUDGET
    assert second["answered"] is False and second["quotes"] == []


def test_eval_says_how_much_background_text_answers_were_compared_with(capsys, monkeypatch) -> None:
    from bot.cli import main
    from tests.conftest import SEEDS

    monkeypatch.setenv("TINBOT_CACHE_DIR", str(real_cache_dir()))
    gold = str(ROOT / "eval" / "seed_gold.jsonl")
    sentences = {}
    for setting in ("on", "off"):
        monkeypatch.setenv("TINBOT_BACKGROUND", setting)
        assert main(["eval", gold, "--corpus", str(SEEDS), "--mode", "hybrid", "--json"]) == 0
        sentences[setting] = json.loads(capsys.readouterr().out)["background_sentences"]
    assert sentences["on"] > 200 and sentences["off"] == 0
