"""A short question declined alone, read as a follow-up of the question before it (retrieval/followup.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.format import answer_text, answer_json
from bot.handlers import LastQuestions
from bot.repl import Session
from retrieval.answer import follow_up
from retrieval.config import Settings
from retrieval.followup import adds_to, asks_speaker, context_of, is_short, read_with, says_follow_up
from retrieval.service import QAService
from retrieval.types import Answer, Quote
from tests.conftest import BUDGET

BUDGET_SENTENCE = ("Thu ngân sách trên địa bàn đạt 120,3 tỷ đồng (đạt 40% kế hoạch tỉnh giao, bằng 29% dự toán "
                   "HĐND huyện giao và bằng 75% so với cùng kỳ năm 2022).")
FIRST = "Thu ngân sách trên địa bàn đạt bao nhiêu tỷ đồng?"


@pytest.mark.parametrize(("follow_up", "adds"), [
    ("còn dự toán?", True), ("con du toan?", True), ("so với cùng kỳ thì sao?", True),
    ("còn số người chết?", False),  # "số" is not the "so" of "so với"
    ("con so nguoi chet?", False),  # unaccented, one syllable stands for several words: two must match
    ("còn gì nữa?", False),  # nothing of its own
])
def test_a_follow_up_must_be_answered_by_a_word_of_its_own(follow_up: str, adds: bool) -> None:
    assert adds_to(follow_up, BUDGET_SENTENCE) is adds


def test_a_chain_of_follow_ups_keeps_its_subject() -> None:
    assert is_short("còn dự toán?") and not is_short("Thu ngân sách trên địa bàn huyện đạt bao nhiêu tỷ đồng?")
    first = Answer(FIRST, True)
    second = Answer("còn dự toán?", True, follows=context_of(first))
    assert context_of(second) == f"{FIRST} còn dự toán?"
    assert len(context_of(Answer("x" * 1000, True))) == 300
    # "ai viết?" answered with the article's author line says nothing of the article: the question before did.
    author = Quote("Hoàng Nam", 1.0, "Metro", "2030-04", "metro.txt", "metro#author", 0, 9, kind="author")
    fact = Answer("ai viết?", True, quotes=(author,), follows=FIRST)
    assert context_of(fact) == FIRST
    assert context_of(Answer("ai nói vậy?", True, follows=FIRST)) == FIRST  # nor does "who said that?"


@pytest.fixture
def service(hashing_settings: Settings) -> QAService:
    return QAService.open(hashing_settings)


def service_over(tmp_path: Path, **articles: str) -> QAService:
    """The hashing model over these articles (file name -> text)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in articles.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    return QAService.open(Settings(cache_dir=tmp_path / "cache", index_dir=tmp_path / "index", model="hashing",
                                   corpus=(corpus,)))


def test_a_short_question_declined_alone_is_read_with_the_one_before(service: QAService) -> None:
    assert not service.ask("còn dự toán?").answered
    answer = service.ask("còn dự toán?", previous=FIRST)
    assert answer.answered and BUDGET in answer.quotes[0].text
    assert (answer.question, answer.follows) == ("còn dự toán?", FIRST)
    assert answer_text(answer).splitlines()[0] == f"(hiểu tiếp theo câu hỏi trước: “{FIRST}”)"
    assert '"follows": "Thu ngân sách' in answer_json(answer)
    # Found with the earlier question's words only: declined, as alone.
    assert not service.ask("còn số người chết?", previous=FIRST).answered
    # Answered alone: read alone, whatever came before.
    assert service.ask(FIRST, previous="còn dự toán?").follows is None


def test_the_repl_reads_a_follow_up_with_the_last_question(service: QAService) -> None:
    session = Session(service)
    session.handle(FIRST)
    reply = session.handle("còn dự toán?")
    assert reply.startswith("(hiểu tiếp theo câu hỏi trước:") and BUDGET in reply


def test_telegram_keeps_each_chats_last_question_for_ten_minutes() -> None:
    last = LastQuestions(seconds=600, size=2)
    last.put(1, FIRST, now=0.0)
    assert last.get(1, now=600.0) == FIRST and last.get(1, now=601.0) is None and last.get(2, now=0.0) is None
    last.put(2, "b", now=0.0)
    last.put(3, "c", now=0.0)  # the chat that asked longest ago is forgotten first
    assert last.get(1, now=0.0) is None and last.get(3, now=0.0) == "c"


FIRES = """date 2025-04 Sơn La phòng cháy rừng mùa khô

Mùa khô năm 2025, tỉnh Sơn La đã xảy ra 23 vụ cháy rừng, làm thiệt hại khoảng 186 ha rừng trồng.

Con số này giảm 9 vụ so với cùng kỳ năm ngoái.

Tỉnh huy động hơn 12.000 người ứng trực trong mùa khô.

Thu Hà
"""


def test_a_follow_up_is_answered_by_the_best_sentence_with_a_word_of_its_own(tmp_path: Path) -> None:
    service = service_over(tmp_path, fires=FIRES)
    first = "Mùa khô năm 2025 Sơn La có bao nhiêu vụ cháy rừng?"
    follow = "còn năm ngoái thì sao?"
    joined = service.searcher.search(f"{first} {follow}", 3)
    assert "23 vụ" in service.index.sentences[joined[0].row].text  # read together, the first question wins...
    read = follow_up(follow, first, service.searcher, 3)
    assert read is not None
    answer, hits = read
    assert answer.answered and answer.quotes[0].text == "Con số này giảm 9 vụ so với cùng kỳ năm ngoái."
    assert answer.follows == first  # ...but the answer is the sentence that says what the follow-up adds
    assert answer.quotes[0].sentence_id == service.index.sentences[hits[0].row].sentence_id


RICE = """date 2025-03 Giá gạo xuất khẩu tăng

Giá gạo 5% tấm của Việt Nam hiện được chào bán ở mức 640 USD mỗi tấn.

Mức giá này cao hơn 90 USD so với cùng kỳ năm ngoái.

Lan Anh
"""


def test_a_short_question_answered_from_another_article_stays_in_the_conversation_if_its_article_has_its_words(
        tmp_path: Path) -> None:
    service = service_over(tmp_path, rice=RICE, fires=FIRES)
    first = "Giá gạo 5% tấm của Việt Nam được chào bán bao nhiêu?"
    follow = "so với cùng kỳ năm ngoái?"
    alone = service.ask(follow)
    assert alone.answered and "9 vụ" in alone.quotes[0].text  # alone: the forest fires' "cùng kỳ năm ngoái"
    read = service.ask(follow, previous=first)
    assert read.quotes[0].text == "Mức giá này cao hơn 90 USD so với cùng kỳ năm ngoái." and read.follows == first
    # A short question of its own, whose words the rice article does not have, changes the subject.
    other = service.ask("Cháy rừng bao nhiêu vụ?", previous=first)
    assert other.answered and other.follows is None and "Sơn La" in other.quotes[0].title


EXAM = """date 2024-07 Hà Tĩnh có tỷ lệ đỗ tốt nghiệp cao

Tỷ lệ đỗ tốt nghiệp của Hà Tĩnh năm 2024 đạt 99,41%, tăng 0,23 điểm phần trăm so với năm 2023.

Có 96 thí sinh không đỗ tốt nghiệp.

Minh Anh
"""


@pytest.mark.parametrize(("question", "says"), [
    ("còn năm ngoái?", True), ("con HAGL sut may lan?", True), ("so với cùng kỳ thì sao?", True),
    ("and when?", True), ("What about Thai rice?", True),
    ("ông ấy yêu cầu gì?", True), ("ong ay noi gi", True), ("What did she say?", True),  # a pronoun
    ("năm ngoái?", False), ("Con số này là bao nhiêu?", False), ("Bà Hằng nói gì?", False),
    ("còn bao nhiêu thí sinh không đỗ tốt nghiệp ở Hà Tĩnh năm nay?", False),  # no short question
])
def test_a_question_can_say_it_follows_the_one_before(question: str, says: bool) -> None:
    assert says_follow_up(question) is says


def test_a_pronoun_is_read_as_the_person_the_question_before_asked_about() -> None:
    assert read_with("ai là chủ tịch tỉnh", "ông ấy yêu cầu gì?") == "ai là chủ tịch tỉnh yêu cầu gì?"
    assert read_with("Who chaired it?", "what did he say?") == "Who chaired it? what did say?"
    assert read_with("tỷ lệ đỗ?", "còn năm ngoái?") == "tỷ lệ đỗ? còn năm ngoái?"


def test_a_question_that_says_it_follows_is_not_answered_from_an_unrelated_article(tmp_path: Path) -> None:
    service = service_over(tmp_path, rice=RICE, exam=EXAM)
    first = "Tỷ lệ đỗ tốt nghiệp của Hà Tĩnh năm 2024 là bao nhiêu?"
    assert "Hà Tĩnh" in service.ask(first).quotes[0].title
    follow = "còn năm ngoái?"
    alone = service.ask(follow)
    assert alone.answered and "gạo" in alone.quotes[0].title  # alone: the rice article's "năm ngoái"
    # After the exam question the rice article is no answer; its sentence is still the closest one shown.
    read = service.ask(follow, previous=first)
    assert not read.answered and "năm ngoái" in read.more[0].text
    # Not saying so, a short question may change the subject. (A bare "năm ngoái?" no longer does: the rice
    # article's "cao hơn 90 USD so với cùng kỳ năm ngoái" gives no figure of last year's, `periods.other_this_year`.)
    assert service.ask("giá gạo 5% tấm?", previous=first).answered
    assert not service.ask("năm ngoái?", previous=first).answered


STORM = "\n\n".join([
    "date 2024-10 Bão số 5 đổ bộ Quảng Nam",
    "Bão số 5 làm 12 người chết và hơn 1.800 ngôi nhà bị tốc mái.",
    "Chiều cùng ngày, Phó Thủ tướng Trần Văn Lộc đã đến kiểm tra công tác khắc phục hậu quả tại huyện Duy Xuyên. "
    "Ông yêu cầu các địa phương khẩn trương dựng lại trường học. \"Việc cấp bách nhất lúc này là sửa chữa trường "
    "học để học sinh sớm trở lại lớp\", ông nói.",
    "Ông Lò Văn Hưng, Chi cục trưởng Chi cục Kiểm lâm, cho biết khoảng 70% số vụ cháy rừng do người dân đốt nương.",
    "Theo Sở Giáo dục và Đào tạo, 214 trường học bị hư hại sau bão.",
    "Minh Anh\n"])


@pytest.mark.parametrize(("question", "asks"), [
    ("ai nói vậy?", True), ("Ai nói câu đó?", True), ("ai phat bieu the", True), ("who said that?", True),
    ("Câu này của ai?", True), ("Who is quoted?", True), ("who made that forecast?", True),
    ("ai đưa ra dự báo đó?", True),
    ("Ai nói về bão số 5?", False), ("Who said the storm killed 12 people?", False), ("ai?", False),
])
def test_who_said_the_words_just_quoted(question: str, asks: bool) -> None:
    assert asks_speaker(question) is asks


def test_who_said_it_is_answered_with_the_sentence_that_names_the_speaker(tmp_path: Path) -> None:
    service = service_over(tmp_path, storm=STORM)
    first = "Việc cấp bách nhất lúc này là sửa chữa trường học phải không?"
    assert "ông nói" in service.ask(first).quotes[0].text
    # The quote says only "ông nói": the speaker is named two sentences before it.
    who = service.ask("ai nói vậy?", previous=first)
    assert who.answered and who.follows == first and who.quotes[0].text.startswith("Chiều cùng ngày")
    assert who.quotes[0].answer_text == "Trần Văn Lộc"
    # Named in the quoted sentence itself; asked in English.
    fires = "Bao nhiêu phần trăm số vụ cháy rừng do người dân đốt nương?"
    said = service.ask("who said that?", previous=fires)
    assert said.quotes[0].answer_text == "Lò Văn Hưng" and said.lang == "en"
    # A sentence that opens with its source ("Theo ..., ") names it.
    schools = service.ask("ai cho biết vậy?", previous="Bao nhiêu trường học bị hư hại sau bão?")
    assert schools.quotes[0].answer_text == "Sở Giáo dục và Đào tạo"
    # No quote before it: asked alone, it is declined as before.
    assert not service.ask("ai nói vậy?").answered
