"""The place inside a sentence, for a where-question's bold span.

"Lễ khai trương tuyến được tổ chức ở đâu?" is answered by "Lễ khai trương tuyến diễn ra sáng 12/4 tại thị trấn Tĩnh
Túc, huyện Nguyên Bình, với sự tham gia của ...": the place is the phrase after a locative word ("tại", "ở", or
"trên", "sang", "trong", "gần"... when a name or a place's noun follows them), on through the commas of an address
("xã Chiềng Sơn, huyện Mộc Châu") and up to a word that opens something else (a time, "với", "để", a verb). Of several
such phrases the one asked is the one nearest the question's words, those before it most (Vietnamese writes the
verb before the place: "lớn lên tại Le Havre"); an English question's verbs are looked for in Vietnamese
(`_EN_VERBS`). A name counts for a phrase; a setting that opens the sentence ("Tại Việt Nam, ...") against it; so
does an origin ("từ Seattle") unless the question asks where from. Not "ở" as "live" or "stay" ("nơi ở", "ở lại"),
nor a level ("ở mức"). A place's word said to be a name gives one too: "Nơi nóng nhất là Tương Dương (Nghệ An)".
"""
from __future__ import annotations

import re

from retrieval.language import has_diacritics
from retrieval.span_shapes import STOP_WORDS
from retrieval.spans import overlaps, pull
from retrieval.textnorm import fold, fold_aligned

# "ở đâu", "tại đâu", "nơi nào", "where" (folded); not "Where does Quảng Ngãi rank?", a position in a list.
# An English "where" asks only opening the question or before its verb ("Where did ...?", "In which town, where
# was ...?"), not as a relative ("What was the oxygen level where the fish died?").
_ASKS_WHERE = re.compile(r"(?:\b(?:o dau|tai dau|noi nao|cho nao|dia diem nao)\b|^(?:[^,?]*,\s*)?where\b|"
                         r"\bwhere (?:did|does|do|is|was|were|are|will|would|can|could|has|have|had|should)\b)"
                         r"(?!.*\b(?:rank|ranks|ranked|stand|stands)\b)", re.IGNORECASE)
# Where to: "đi đâu", "chuyển tới đâu", read with the accents ("đi đầu", "đến đầu năm" fold alike); typed without them,
# only ending the question or a clause ("tổng thống rời Hà Nội ngày nào và đi đâu tiếp theo").
_GOING_WHERE = re.compile(r"\b(?:đi|đến|tới|sang|về) đâu\b")
_GOING_WHERE_TYPED = re.compile(r"\b(?:di|den|toi|sang) dau(?=\s*(?:[?.,!;]|$|tiep\b|de\b|va\b|sau\b))")
_ASKS_FROM = re.compile(r"\b(?:from|tu dau|tu noi nao|xuat phat|nguon goc|originat\w*)\b")
# Locative words that always introduce a place, and those that do only before a name or a place's noun ("trên 50%",
# "về việc", "trong 9 tháng" are none).
_ALWAYS = r"tại|ngoài khơi|dọc theo|dọc|ở(?!\s+(?:mức|tuổi|độ|lứa|nhóm|vị trí|hạng|thế|cấp|giai đoạn|thời|trạng)\b)"
_BEFORE_PLACE = r"trên|sang|đến|tới|về|ra|vào|trong|từ|bên|ngoài|khắp|giữa|quanh|gần|trước"
_CUE = re.compile(rf"(?<![\w])({_ALWAYS}|{_BEFORE_PLACE})\s+(?=\S)", re.IGNORECASE)
_PLACE_NOUN = re.compile(
    r"(?:xã|phường|quận|huyện|thị xã|thị trấn|tp|thành phố|tỉnh|thủ đô|khu vực|khu|vùng|miền|bờ|cầu|đường|phố|chợ|"
    r"chùa|đền|dãy|công viên|quảng trường|trường|bệnh viện|trung tâm|nhà|sân|cảng|cửa khẩu|biên giới|nghĩa trang|"
    r"trụ sở|làng|bản|thôn|ấp|sông|biển|vịnh|đảo|núi|rừng|hồ|nước|quốc gia|cố đô|bể|kho|hiện trường|ngã ba|ngã tư|km|"
    r"quốc lộ|tuyến|nhà máy|xưởng|cơ quan|văn phòng|bảo tàng|nhà hát|cung|trạm|điểm|tầng|phòng|khoa|bảng|màng|mái|"
    r"lớp|một|hai|ba|các|nhiều)(?![\w])", re.IGNORECASE)
# "Nơi nóng nhất là Tương Dương (Nghệ An)": the name a place's word is said to be.
_PLACE_IS = re.compile(r"(?<![\w])(?:nơi|địa điểm)(?![\w])[^.;:,\"“”]{0,40}?(?<![\w])là\s+(?=\S)", re.IGNORECASE)
_NOT_PLACE_BEFORE = re.compile(r"(?<![\w])(?:nơi|chỗ|người)\s+$", re.IGNORECASE)  # "nơi ở", "chỗ ở"
# "ở lại", "ở trọ"; "nhà ở xã hội" (housing, not "căn nhà ở quận 8")
_NOT_PLACE_AFTER = re.compile(r"(?:lại|việc|quy mô|mức|đây|đó|đâu|trọ|xã hội)(?![\w])", re.IGNORECASE)
# Where the place's phrase ends: a stop, a bracket, a comma (unless an address goes on: "phường 3, thành phố Sóc
# Trăng", "Cầu Giấy, Hà Nội"), or a word that opens something else; not a dot inside a name ("TP.HCM").
_END = re.compile(r"\.(?!\w)|[;:!?\"“”]|\s*\(|\s*,|"
                  r"(?<!phía)\s+(?=(?:vào|lúc|từ|đến|với|để|nhằm|sau|trước|khi|trong|nơi|"
                  r"do|bởi|cho|và|hoặc|nhưng|thì|là|đã|đang|sẽ|được|bị|có|cùng|theo|kể|dự kiến|ngày|sáng|chiều|tối|đêm|"
                  r"trưa|tháng|năm|hôm|hồi|này|đó|ấy|mà|nên|rồi|chứ|tại|ở|gồm|thuộc|như|chừng|khoảng|"
                  r"nhờ)(?![\w]))")  # lower-case: "TP Từ Sơn" goes on
# After a comma or "và", a name or an address's unit goes on: "Cầu Giấy, Hà Nội", "sang Úc và Trung Đông".
_GOES_ON = re.compile(r"(?:\s*,|\s+(?:và|hoặc))\s+")
_UNIT = re.compile(r"(?:xã|phường|quận|huyện|thị xã|thị trấn|TP|thành phố|tỉnh)(?![\w])")
_BRACKET = re.compile(r"\s*\([^()]{1,30}\)")  # "Hòa Lạc (Hà Nội)", after a name
_WORD = re.compile(r"[^\W_]+")
_MAX_WORDS = 16
NAME_BONUS, ALWAYS_BONUS, OPENING_PENALTY, ORIGIN_PENALTY = 1.5, 0.5, 1.0, 1.0
# English verbs of a where-question and the Vietnamese (folded) words the sentence writes them with.
_EN_VERBS = tuple((re.compile(rf"\b(?:{en})\b"), vi) for en, vi in (
    ("born", "sinh"), ("grew up|grow up|raised", "lon"), ("buried|laid to rest", "chon tang"),
    ("died|die", "qua doi mat"),
    ("held|hold|take place|took place|happen|happened|occur|occurred|broke out", "to chuc dien xay"),
    ("located|situated|lie|lies|stand|stands", "nam toa"), ("based|headquartered|headquarters", "tru so"),
    ("built|build|constructed", "xay"), ("kept|stored|preserved|housed", "luu giu"),
    ("moved|move|relocated|transferred|taken|sent|send", "chuyen dua gui"), ("signed|sign", "ky ket"),
    ("founded|established|set up", "lap"), ("exiled", "day"), ("killed", "chet giet"), ("injured|hurt", "thuong"),
    ("hidden|hid|hide|hiding|fled", "giau tron"), ("published", "xuat ban"), ("met|meet|gathered", "hop gap"),
    ("found|discovered", "tim phat"), ("studied|study|educated", "hoc"), ("work|worked|works", "lam"),
    ("opened|open", "mo"), ("come from|came from|originate|originates|start|started|begin|began", "tu xuat khoi"),
    ("shown|displayed|exhibited|depicted", "bay hien hoa"), ("live|lived|lives", "song"), ("sold|sell", "ban"),
    ("treated|treatment", "tri"), ("produced|made|manufactured", "san xuat"), ("invite|invited|visit|visited", "tham"),
    ("expand|expanded", "rong")))


def asks_where(question: str) -> bool:
    folded = fold(question)
    if _ASKS_WHERE.search(folded):
        return True
    going = _GOING_WHERE.search(question.lower()) if has_diacritics(question) else _GOING_WHERE_TYPED.search(folded)
    return going is not None


def _phrase_end(sentence: str, start: int) -> int:
    pos = start
    while (end := _END.search(sentence, pos)) is not None:
        going_on = _GOES_ON.match(sentence, end.start())
        if going_on and going_on.end() < len(sentence) and (sentence[going_on.end()].isupper()
                                                             or _UNIT.match(sentence, going_on.end())):
            pos = going_on.end()
            continue
        return end.start()
    return len(sentence)


def _places(sentence: str) -> list[tuple[int, int, bool, int]]:
    """Each phrase a locative word introduces: its start and end, whether the word always introduces a place, and
    where the word starts."""
    out = []
    for cue in _CUE.finditer(sentence):
        a = cue.end()
        if cue.group(1)[0].isupper() and sentence[:cue.start()].strip(" \"“"):
            continue  # "TP Từ Sơn": a name, not "từ" (from); "Tại Việt Nam, ..." opens the sentence
        always = fold(cue.group(1)).lower() in ("tai", "o", "ngoai khoi", "doc", "doc theo")
        if always and ((cue.group(1).lower() == "ở" and _NOT_PLACE_BEFORE.search(sentence, 0, cue.start()))
                       or _NOT_PLACE_AFTER.match(sentence, a)):
            continue
        if not always and not (sentence[a].isupper() or _PLACE_NOUN.match(sentence, a)):
            continue
        b = _phrase_end(sentence, a)
        words = _WORD.findall(sentence, a, b)
        if not words or len(words) > _MAX_WORDS:
            continue
        bracket = _BRACKET.match(sentence, b)
        if bracket and words[-1][0].isupper():
            b = bracket.end()
        out.append((a, b, always, cue.start()))
    for said in _PLACE_IS.finditer(sentence):
        a = said.end()
        b = _phrase_end(sentence, a)
        words = _WORD.findall(sentence, a, b)
        if sentence[a].isupper() and words and len(words) <= _MAX_WORDS:
            bracket = _BRACKET.match(sentence, b)
            out.append((a, bracket.end() if bracket else b, True, said.start()))
    return out


def place_span(question: str, sentence: str, taken: tuple[tuple[int, int], ...] = ()) -> tuple[int, int] | None:
    """The span of the place `sentence` gives, if `question` asks where; None otherwise or when it gives none.
    `taken`: spans bolded for another part of the question, which the place does not overlap."""
    if not asks_where(question):
        return None
    asked = fold(question)
    words = {w for w in _WORD.findall(asked) if w not in STOP_WORDS}
    words |= {w for pattern, vi in _EN_VERBS if pattern.search(asked) for w in vi.split()}
    folded = fold_aligned(sentence)
    found = list(_WORD.finditer(folded))
    every = set(_WORD.findall(asked))  # stop words too: "Đại dương lần thứ tư" repeats the question
    candidates = [(a, b, always, c) for a, b, always, c in _places(sentence)
                  if not overlaps((a, b), taken)
                  and not all(w in every for w in _WORD.findall(folded, a, b))]

    def near(cue_start: int, a: int, b: int) -> float:
        """Each question word pulls by its nearest occurrence: 1 right before the locative word, 1/2 a word further;
        after the place, half as much."""
        inside = [i for i, w in enumerate(found) if a <= w.start() < b]
        cue = next(i for i, w in enumerate(found) if w.end() > cue_start)
        return pull(found, words, cue, inside[-1], after=2.0)

    def score(candidate: tuple[int, int, bool, int]) -> float:
        a, b, always, cue_start = candidate
        named = any(w[0].isupper() for w in _WORD.findall(sentence, a, b))
        opening = not sentence[:cue_start].strip(" \"“")
        origin = folded[:a].rstrip().endswith(" tu") and not _ASKS_FROM.search(asked)
        return (near(cue_start, a, b) + NAME_BONUS * named + ALWAYS_BONUS * always - OPENING_PENALTY * opening
                - ORIGIN_PENALTY * origin)

    if not candidates:
        return None
    a, b, _, _ = max(candidates, key=score)  # max keeps the first of equal scores
    return a, b
