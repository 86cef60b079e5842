"""Evaluation: the correctness rule and metrics on hand-computed cases, the XQuAD converter on a tiny fixture,
and `tinbot eval` end to end on the seed gold set (hashing model; the real model is in the slow tests)."""
from __future__ import annotations

import json
import unicodedata
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from bot.cli import main
from embeddings.errors import TinbotError
from retrieval.articles import find_article_files, read_article
from retrieval.evaluate import (
    GoldFormatError,
    GoldItem,
    QuestionResult,
    bold_is_right,
    build_report,
    first_rank,
    is_correct,
    is_correct_strict,
    match_form,
    parse_gold,
    percentile,
    run_gold,
    summarize,
)
from retrieval.service import QAService
from retrieval.textnorm import fold
from retrieval.types import Quote
from retrieval.xquad import convert_xquad
from tests.conftest import DATA, ROOT, SEEDS

SEED_GOLD = ROOT / "eval" / "seed_gold.jsonl"
XQUAD_MINI = DATA / "xquad_mini"
CTX = "Thu ngân sách đạt 120,3 tỷ đồng. Chi ngân sách đạt 80 tỷ đồng. Năm 2022 thu 120,3 tỷ đồng."


def quote(text: str) -> Quote:
    return Quote(text=text, score=0.9, title="t", date="2023-07", source="a.txt", sentence_id="a#0", start=0,
                 end=len(text))


def result(item: GoldItem, rank: int | None, *, answered: bool = True, seconds: float = 0.1,
           texts: tuple[str, ...] = ("x",)) -> QuestionResult:
    return QuestionResult(item, tuple(quote(t) for t in texts), answered, seconds, rank, rank)


def item(id_: str, answers: tuple[str, ...] = ("a",), lang: str = "vi", **kw) -> GoldItem:
    return GoldItem(id_, f"question {id_}?", lang, answers, **kw)


# --- correctness ------------------------------------------------------------------------------------------

def test_match_form_nfc_case_spaces_and_invisible_characters() -> None:
    nfd = unicodedata.normalize("NFD", "Thu  Ngân\u00a0sách\nđạt 120,3\u200b tỷ")
    assert match_form(nfd) == "thu ngân sách đạt 120,3 tỷ"


def test_correct_needs_an_answer_inside_the_quote() -> None:
    gold = item("q", ("120,3 tỷ đồng", "120 tỷ"))
    assert is_correct("Thu ngân sách đạt 120,3  TỶ ĐỒNG (đạt 40%).", gold)
    assert is_correct(unicodedata.normalize("NFD", "đạt 120,3 tỷ đồng"), gold)
    assert not is_correct("Thu ngân sách đạt 120,3 tỷ.", gold)
    assert not is_correct("anything at all", item("none", ()))  # unanswerable: no quote is correct


def test_context_rule_requires_the_quote_to_come_from_the_context() -> None:
    gold = item("q", ("120,3 tỷ đồng",), context=CTX)
    assert is_correct("Thu ngân sách đạt 120,3 tỷ đồng.", gold)
    assert not is_correct("Huyện khác thu 120,3 tỷ đồng.", gold)  # right number, other passage
    # The lenient rule accepts the second mention too; the strict rule wants the gold occurrence.
    strict = item("q", ("120,3 tỷ đồng",), context=CTX, answer_start=CTX.index("120,3"))
    assert is_correct("Năm 2022 thu 120,3 tỷ đồng.", strict)
    assert not is_correct_strict("Năm 2022 thu 120,3 tỷ đồng.", strict)
    assert is_correct_strict("Thu ngân sách đạt 120,3 tỷ đồng.", strict)


def test_first_rank_is_one_based() -> None:
    gold = item("q", ("80 tỷ",))
    assert first_rank(["a", "Chi đạt 80 tỷ đồng", "80 tỷ"], gold) == 2
    assert first_rank(["a", "b"], gold) is None


# --- metrics on a hand-computed case ----------------------------------------------------------------------

def test_summary_by_hand() -> None:
    results = [
        result(item("a"), 1, seconds=0.1, texts=("x" * 10,)),
        result(item("b"), 3, seconds=0.2, texts=("x" * 20,)),
        result(item("c"), None, answered=False, seconds=0.3, texts=("x" * 30,)),
        result(item("d"), 2, answered=False, seconds=0.4, texts=("x" * 40,)),
        result(item("e", ()), None, answered=False, seconds=0.5, texts=()),
        result(item("f", ()), None, answered=True, seconds=1.0, texts=("x" * 50,)),
    ]
    m = summarize(results, depth=5)
    assert (m.questions, m.answerable, m.unanswerable) == (6, 4, 2)
    assert m.hit_at == (0.25, 0.5, 0.75, 0.75, 0.75)
    assert m.hit(1) == 0.25 and m.hit(3) == 0.75 and m.hit(6) is None
    assert m.mrr == pytest.approx((1 + 1 / 3 + 0 + 1 / 2) / 4)
    assert m.answered_correct_at_1 == 0.25 and m.answerable_declined == 2
    assert m.declined_right_at_1 == 0  # "d" was declined with its answer at rank 2, "c" had none
    assert (m.declined_correctly, m.answered_wrongly) == (1, 1)
    assert m.mean_quote_chars == pytest.approx((10 + 20 + 30 + 40 + 50) / 5)  # questions with a rank-1 quote
    assert m.p50_seconds == pytest.approx(0.35) and m.p95_seconds == pytest.approx(0.875)
    assert m.hit_at_1_strict is None  # no item carries answer_start


def test_bold_metric_by_hand() -> None:
    text = "Thu ngân sách đạt 120,3 tỷ đồng, bằng 29% dự toán."
    def bolded(span: tuple[int, int] | None) -> Quote:
        return Quote(text=text, score=0.9, title="t", date="", source="a.txt", sentence_id="a#0", start=0,
                     end=len(text), answer_span=span)
    gold = item("q", ("120,3 tỷ đồng",))
    right, part, wrong = bolded((18, 31)), bolded((18, 23)), bolded((38, 41))
    assert [bold_is_right(q, gold) for q in (right, part, wrong, bolded(None))] == [True, True, False, False]
    results = [QuestionResult(gold, (right,), True, 0.1, 1, 1), QuestionResult(gold, (wrong,), True, 0.1, 1, 1),
               QuestionResult(gold, (bolded(None),), True, 0.1, 1, 1),  # nothing bolded: not counted
               QuestionResult(gold, (right,), True, 0.1, 2, 2)]  # rank 1 wrong: not counted
    m = summarize(results, depth=5)
    assert (m.bolded, m.bold_right) == (2, 0.5)
    assert summarize(results[2:], depth=5).bold_right is None


def test_percentile_matches_linear_interpolation() -> None:
    assert percentile([], 50) == 0.0
    assert percentile([3.0], 95) == 3.0
    assert percentile([4.0, 1.0, 2.0, 3.0], 50) == 2.5
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0], 95) == pytest.approx(4.8)


def test_report_breaks_down_by_language_and_strict_hit() -> None:
    ctx = "A có 3 con. B có 3 con."
    strict_item = item("s", ("3 con",), lang="en", context=ctx, answer_start=ctx.index("3 con"))
    results = [result(item("v1"), 1), result(item("v2"), None),
               QuestionResult(strict_item, (quote("B có 3 con."),), True, 0.1, 1, None)]
    rep = build_report("hybrid", results, depth=3)
    assert list(rep.by_lang) == ["en", "vi"]
    assert rep.by_lang["vi"].hit_at == (0.5, 0.5, 0.5) and rep.by_lang["en"].hit_at == (1.0, 1.0, 1.0)
    assert rep.overall.hit(1) == pytest.approx(2 / 3)
    assert rep.by_lang["en"].hit_at_1_strict == 0.0 and rep.by_lang["vi"].hit_at_1_strict is None


# --- gold files -------------------------------------------------------------------------------------------

def test_parse_gold_skips_blank_and_comment_lines() -> None:
    lines = ["# a comment", "", json.dumps({"id": 1, "question": "q?", "lang": "vi", "answers": ["x"],
                                           "extra": "ignored"})]
    (only,) = parse_gold(lines)
    assert only == GoldItem("1", "q?", "vi", ("x",))


@pytest.mark.parametrize("row, message", [
    ({"question": "q", "lang": "vi", "answers": []}, "missing 'id'"),
    ({"id": "a", "question": "q", "lang": "vi", "answers": "x"}, "list of strings"),
    ({"id": "a", "question": "q", "lang": "vi", "answers": [" "]}, "empty"),
    ({"id": "a", "question": "q", "lang": "vi", "answers": ["x"], "context": "abc x", "answer_start": 0},
     "answer_start"),
    ({"id": "a", "question": "q", "lang": "vi", "answers": ["x"], "previous": ["p?"]}, "'previous' must be"),
])
def test_parse_gold_errors_name_the_line(row: dict, message: str) -> None:
    with pytest.raises(GoldFormatError, match=message) as exc:
        parse_gold(["", json.dumps(row)], "g.jsonl")
    assert "g.jsonl:2" in str(exc.value)


def test_parse_gold_refuses_duplicates_and_empty_files() -> None:
    row = json.dumps({"id": "a", "question": "q", "lang": "vi", "answers": []})
    with pytest.raises(GoldFormatError, match="duplicate id 'a'"):
        parse_gold([row, row])
    with pytest.raises(GoldFormatError, match="no gold questions"):
        parse_gold(["", "# nothing"])


def test_seed_gold_set_is_well_formed() -> None:
    items = parse_gold(SEED_GOLD.read_text(encoding="utf-8").splitlines(), str(SEED_GOLD))
    langs = {it.lang for it in items}
    assert len(items) >= 30 and langs == {"vi", "vi-noaccent", "en"}
    assert sum(not it.answerable for it in items) >= 5
    sentences = read_article(next(iter(find_article_files([SEEDS])))[0]).sentences
    for it in items:
        if it.answerable:  # every answer is a verbatim piece of some sentence of the seed article
            assert any(is_correct(s.text, it) for s in sentences), it.id
        assert not any(match_form(a) in match_form(it.question) for a in it.answers), it.id


def test_reviewer_seed_set_is_well_formed() -> None:
    path = ROOT / "eval" / "seed_review.jsonl"
    items = parse_gold(path.read_text(encoding="utf-8").splitlines(), str(path))
    assert len(items) >= 60 and {it.lang for it in items} == {"vi", "vi-noaccent", "en"}
    sentences = read_article(next(iter(find_article_files([SEEDS])))[0]).sentences
    unreachable = [list(it.answers) for it in items
                   if it.answerable and not any(is_correct(s.text, it) for s in sentences)]
    # "who wrote the article?": the author's line is no sentence (retrieval/article_facts.py answers it)
    assert unreachable == [["Phan Trâm"]] * 3


@pytest.mark.parametrize("name", ["news_review", "news_heldout", "news_heldout3", "news_heldout6",
                                  "news_heldout7", "news_heldout8", "news_heldout9", "news_heldout10",
                                  "news_heldout11", "news_heldout12", "news_heldout13", "news_heldout14",
                                  "news_heldout15", "news_heldout16", "news_heldout17",
                                  "news_heldout18", "news_heldout19", "news_heldout20",
                                  "news_heldout21"])
def test_news_sets_are_well_formed(name: str) -> None:
    """Every answer of the news gold sets is inside one quotable sentence of its corpus (as split for indexing)."""
    path = ROOT / "eval" / name / "gold.jsonl"
    items = parse_gold(path.read_text(encoding="utf-8").splitlines(), str(path))
    assert {it.lang for it in items} == {"vi", "vi-noaccent", "en"} and sum(not it.answerable for it in items) >= 5
    sentences = [s for f, _ in find_article_files([ROOT / "eval" / name / "corpus"]) for s in read_article(f).sentences]
    assert [it.id for it in items if it.answerable and not any(is_correct(s.text, it) for s in sentences)] == []


def test_the_reader_review_set_is_well_formed() -> None:
    """eval/reader_review: every answer inside one quotable sentence, but the author's (the author line answers)."""
    path = ROOT / "eval" / "reader_review" / "gold.jsonl"
    items = parse_gold(path.read_text(encoding="utf-8").splitlines(), str(path))
    assert len(items) == 64 and sum(not it.answerable for it in items) == 10
    corpus = ROOT / "eval" / "reader_review" / "corpus"
    sentences = [s.text for f, _ in find_article_files([corpus]) for s in read_article(f).sentences]
    assert [it.id for it in items if it.answerable and not any(is_correct(s, it) for s in sentences)] == ["rt-author"]


@pytest.mark.parametrize("name, counts", [("news_synth", [("en", 600), ("vi", 600)]),
                                          ("news_synth2", [("en", 410), ("vi", 190)]),
                                          ("news_synth3", [("en", 409), ("vi", 192)]),
                                          ("encyclopedic_heldout", [("en", 133), ("vi", 67)]),
                                          ("news_heldout4", [("en", 135), ("vi", 65)]),
                                          ("news_heldout5", [("en", 140), ("vi", 70)])])
def test_the_synthetic_sets_are_well_formed(name: str, counts: list[tuple[str, int]]) -> None:
    """The helper-written sets (news_synth, news_synth2, the held-out ones): each answer inside the sentence the
    helper gave and that sentence one quotable sentence of its corpus (or inside one), so `tinbot eval` can find
    it."""
    folder = ROOT / "eval" / name
    lines = (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    items = parse_gold(lines, name)
    assert sorted(Counter(it.lang for it in items).items()) == counts
    given = {row["id"]: row["sentence"] for row in map(json.loads, lines)}
    assert all(any(a in given[it.id] for a in it.answers) for it in items)
    sentences = [s.text for f, _ in find_article_files([folder / "corpus"]) for s in read_article(f).sentences]
    assert [it.id for it in items if not any(is_correct(s, it) for s in sentences)] == []


@pytest.mark.parametrize(("name", "size", "unanswerable"), [("followups", 100, 20), ("switches", 60, 0)])
def test_the_conversation_sets_are_well_formed(name: str, size: int, unanswerable: int) -> None:
    """eval/followups, eval/switches: every question follows another, and each answer is in one sentence of the
    articles."""
    path = ROOT / "eval" / name / "gold.jsonl"
    items = parse_gold(path.read_text(encoding="utf-8").splitlines(), str(path))
    assert len(items) == size and all(it.previous for it in items)
    assert sum(not it.answerable for it in items) == unanswerable
    corpora = [ROOT / "eval" / name / "corpus" for name in ("news_heldout5", "news_heldout6")]
    sentences = [s.text for f, _ in find_article_files(corpora) for s in read_article(f).sentences]
    assert [it.id for it in items if it.answerable and not any(is_correct(s, it) for s in sentences)] == []


# --- running over a real index (hashing model) ------------------------------------------------------------

def test_run_gold_agrees_with_ask_and_uses_the_clock(hashing_settings) -> None:
    service = QAService.open(hashing_settings)
    items = parse_gold(SEED_GOLD.read_text(encoding="utf-8").splitlines())
    ticks = iter(range(10_000))
    rep = run_gold(service, items, depth=5, clock=lambda: float(next(ticks)))
    assert [r.item for r in rep.results] == items
    for r in rep.results:
        assert r.seconds == 1.0  # one tick per question: only the question's own work is timed
        answer = service.ask(r.item.question, top_k=5)
        assert r.answered == answer.answered  # the decline decision is the one users get
        if answer.answered:
            assert r.ranked[0].sentence_id == answer.quotes[0].sentence_id
        assert len(r.ranked) <= 5
        assert r.first_correct == first_rank([q.text for q in r.ranked], r.item)
        assert r.reachable is (True if r.item.answerable else None)


def test_a_gold_question_with_the_one_asked_before_is_asked_as_a_follow_up(hashing_settings) -> None:
    service = QAService.open(hashing_settings)
    row = {"id": "f", "question": "còn dự toán?", "lang": "vi", "answers": ["29% dự toán"],
           "previous": "Thu ngân sách trên địa bàn đạt bao nhiêu tỷ đồng?"}
    (follow,) = parse_gold([json.dumps(row)])
    assert follow.previous == row["previous"]
    alone = run_gold(service, [replace(follow, previous=None)]).results[0]
    read = run_gold(service, [follow]).results[0]
    answer = service.ask(follow.question, top_k=5, previous=follow.previous)
    assert not alone.answered and read.answered and answer.answered and answer.follows
    assert read.first_correct == 1 and read.ranked[0].sentence_id == answer.quotes[0].sentence_id


# --- XQuAD converter --------------------------------------------------------------------------------------

def test_convert_xquad_mini(tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = convert_xquad(XQUAD_MINI, out)
    assert report.paragraphs == 2 and report.questions == {"en": 2, "vi": 2}
    for folder in (out, out / "corpus"):
        assert (folder / "LICENSE").read_text() == (XQUAD_MINI / "LICENSE").read_text()
        assert "CC BY-SA 4.0" in (folder / "NOTICE.md").read_text()
    items = parse_gold((out / "gold.jsonl").read_text(encoding="utf-8").splitlines())
    assert [it.id for it in items] == ["q1-en", "q2-en", "q1-vi", "q2-vi"]
    by_id = {it.id: it for it in items}
    assert by_id["q1-en"].answers == ("3.359 km²",) and by_id["q1-en"].context == by_id["q1-vi"].context

    parsed = [read_article(p, k) for p, k in find_article_files([out / "corpus"])]
    assert sorted(p.article.title for p in parsed) == ["Huế (Việt Nam) p01", "Hà Nội p00"]
    assert all(p.article.date == "" for p in parsed)
    sentences = [s for p in parsed for s in p.sentences]
    assert all(s.kind == "body" for s in sentences) and len(sentences) == 5
    for it in items:  # each question is answerable by exactly one indexed sentence, under the strict rule too
        assert sum(is_correct_strict(s.text, it) for s in sentences) == 1


def test_convert_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "out"
    convert_xquad(XQUAD_MINI, out)
    stale = out / "corpus" / "stale.txt"
    stale.write_text("old article\n", encoding="utf-8")
    with pytest.raises(TinbotError, match="--force"):
        convert_xquad(XQUAD_MINI, out)
    convert_xquad(XQUAD_MINI, out, force=True)
    assert not stale.exists() and len(list((out / "corpus").glob("*.txt"))) == 2


def test_convert_reports_a_missing_source(tmp_path: Path) -> None:
    with pytest.raises(TinbotError, match="paragraphs.jsonl"):
        convert_xquad(tmp_path, tmp_path / "out")


# --- `tinbot eval` end to end -----------------------------------------------------------------------------

def run_eval(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_eval_seed_gold_json(capsys) -> None:
    code, out, err = run_eval(capsys, "eval", str(SEED_GOLD), "--corpus", str(SEEDS), "--model", "hashing",
                              "--json", "--mode", "all")
    assert code == 0 and "1 embedded" in err
    obj = json.loads(out)
    assert obj["model"] == "hashing" and obj["top_k"] == 5 and list(obj["runs"]) == ["dense", "lexical", "hybrid"]
    n = len(SEED_GOLD.read_text(encoding="utf-8").splitlines())
    for run in obj["runs"].values():
        assert set(run["by_lang"]) == {"vi", "vi-noaccent", "en"}
        overall = run["overall"]
        assert overall["questions"] == n and overall["unanswerable"] >= 5
        assert 0 <= overall["hit@1"] <= overall["hit@3"] <= overall["hit@5"] <= 1
        assert len(run["questions"]) == n and all(len(q["ranked"]) <= 5 for q in run["questions"])
    # A second run reuses the cached vectors of the unchanged corpus.
    code, _, err = run_eval(capsys, "eval", str(SEED_GOLD), "--corpus", str(SEEDS), "--model", "hashing", "--json")
    assert code == 0 and "articles: 0 embedded, 1 unchanged" in err


def test_eval_table_and_plot(capsys, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    png = tmp_path / "eval.png"
    code, out, _ = run_eval(capsys, "eval", str(SEED_GOLD), "--corpus", str(SEEDS), "--model", "hashing",
                            "--top-k", "3", "--plot", str(png))
    lines = out.splitlines()
    assert code == 0 and "Hit@1" in lines[1] and "Hit@3" in lines[1] and "Hit@5" not in lines[1]
    assert [ln.split()[:2] for ln in lines[3:7]] == [["all", "hybrid"], ["en", "hybrid"], ["vi", "hybrid"],
                                                    ["vi-noaccent", "hybrid"]]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_eval_usage_errors_are_one_line(capsys, tmp_path: Path) -> None:
    code, out, err = run_eval(capsys, "eval", str(SEED_GOLD), "--corpus", str(SEEDS), "--index-dir", str(tmp_path))
    assert code == 1 and out == "" and err.strip() == "tinbot: give --corpus or --index-dir, not both"
    code, _, err = run_eval(capsys, "eval", str(tmp_path / "missing.jsonl"), "--model", "hashing")
    assert code == 1 and "cannot read the gold file" in err and len(err.splitlines()) == 1
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "question": "q"}\n', encoding="utf-8")
    code, _, err = run_eval(capsys, "eval", str(bad), "--model", "hashing")
    assert code == 1 and f"{bad}:1: missing 'lang'" in err


def test_convert_command(capsys, tmp_path: Path) -> None:
    code, _, err = run_eval(capsys, "eval-convert-xquad", str(XQUAD_MINI), str(tmp_path / "x"))
    assert code == 0 and "2 en, 2 vi questions" in err and "tinbot eval" in err


def test_convert_command_adds_the_vietnamese_questions_typed_without_accents(capsys, tmp_path: Path) -> None:
    code, _, err = run_eval(capsys, "eval-convert-xquad", str(XQUAD_MINI), str(tmp_path / "x"), "--unaccented")
    assert code == 0 and "2 en, 2 vi, 2 vi-noaccent, 2 vi-partial questions" in err
    items = {it.id: it for it in parse_gold((tmp_path / "x" / "gold.jsonl").read_text(encoding="utf-8").splitlines())}
    plain, typed = items["q1-vi"], items["q1-vi-noaccent"]
    assert typed.lang == "vi-noaccent" and typed.question == fold(plain.question) != plain.question
    assert (typed.answers, typed.context, typed.answer_start) == (plain.answers, plain.context, plain.answer_start)
    half = items["q1-vi-partial"]
    words, plain_words = half.question.split(), plain.question.split()
    assert half.lang == "vi-partial" and words[1::2] == [fold(w) for w in plain_words[1::2]]
    assert words[0::2] == plain_words[0::2]


# --- the real model (slow) --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_report(real_service):
    items = parse_gold(SEED_GOLD.read_text(encoding="utf-8").splitlines(), str(SEED_GOLD))
    real_service.warm_up()
    return run_gold(real_service, items, depth=5)


# Targets of issue 4, not reached yet (2026-11-28: 4 of 38 answerable questions are not answered at rank 1, 2 of
# 7 unanswerable ones are answered). strict=True: the run fails as soon as a target is met, so the marker cannot
# outlive it.
NOT_YET = pytest.mark.xfail(strict=True, reason="issue 4 quality target not reached yet")


@pytest.mark.slow
@NOT_YET
def test_real_model_answers_every_answerable_seed_question_at_rank_1(seed_report) -> None:
    failing = [f"{r.item.id} rank={r.first_correct} answered={r.answered}: {r.item.question}"
               for r in seed_report.results if r.item.answerable and not (r.answered and r.first_correct == 1)]
    assert not failing, "\n".join(["answerable seed questions not answered at rank 1:", *failing])


@pytest.mark.slow
def test_real_model_declines_every_unanswerable_seed_question(seed_report) -> None:
    answered = [f"{r.item.id}: {r.item.question} -> {r.ranked[0].text[:80]!r}"
                for r in seed_report.results if not r.item.answerable and r.answered]
    assert not answered, "\n".join(["unanswerable seed questions answered:", *answered])


def test_declines_whose_first_closest_sentence_is_the_answer_are_counted() -> None:
    offered = [replace(result(item(i), rank, answered=False), offers_closest=True) for i, rank in (("a", 1), ("b", 2))]
    not_offered = result(item("e"), 1, answered=False)  # e.g. it named a place the articles never mention
    results = [*offered, not_offered, result(item("c"), 1), result(item("d", ()), None, answered=False)]
    m = summarize(results, depth=5)
    assert (m.answerable_declined, m.declined_right_at_1) == (3, 1)
