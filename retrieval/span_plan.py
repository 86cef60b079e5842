"""What a question asks its answer span to be: the kind (quantity, date, name), the unit or counted noun its wording
names, the person or place, the superlative, the change or the value now; read once per question (`plan_for`).

`Plan.fit` scores one candidate span by it; `retrieval.spans` finds the candidates and adds how near the question's
words come to each.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from retrieval.asks import (ASKS_PLACE, ASKS_SCORE, EN_LEAD, MEASURES, NAMED_KIND, SHARE_WORDS, asks_money,
                            question_type)
from retrieval.glossary import glossary
from retrieval.language import detect_language
from retrieval.name_shapes import SURNAMES
from retrieval.places import PLACE_FORMS
from retrieval.span_shapes import (BARE_YEAR, CAP, CLOCK_TIME, DATE, HONORIFIC, MONEY, NAME, QUANTITY, SCORE,
                                   TIME_OF_DAY, WORD)
from retrieval.textnorm import fold, fold_aligned

# The words before a score that make it the final one, or one on the way (folded).
_FINAL_SCORE = re.compile(r"\b(?:ty so|thang|chien thang|chung cuoc|won|beat|defeated|final score of)\s*$")
_SCORE_ON_THE_WAY = re.compile(r"\b(?:dan|dan truoc|bi dan|led|trailed|leading|at half-time)\s*$"
                               r"|\bgiang co (?:den |toi )?(?:ty so )?$")  # "giằng co đến tỷ số 12-12": level

# What a quantity question's wording says about the unit of its answer (folded question -> unit in the sentence).
_UNIT_HINTS = (
    (re.compile(rf"\b(?:{SHARE_WORDS}|ty trong|what share|accurate|accuracy|ratio|turnout)\b"),
     re.compile(r"%|phần trăm", re.I)),
    # an English rate or growth is mostly a share ("occupancy rate", "How fast did GRDP grow?")
    # (not its change: "By how much did the pass rate go up?" wants "0,23 điểm phần trăm")
    (re.compile(r"^(?!.*\b(?:by how much|go up|went up|gone up|rise|rose|increase|fall|fell|drop)).*"
                r"\b(?:rate|grow|grew|growth)\b"), re.compile(r"%|phần trăm", re.I)),
    # a length in the unit the question names ("dài bao nhiêu mét" is not answered by "45 km")
    # (also read on the words after "bao nhiêu" alone: `_ASKED_NEXT`)
    (re.compile(r"(?:\b(?:bao nhieu|may)|^)\s+(?:met|m)\b"), re.compile(r"\b(?:m|mét)\b", re.I)),
    (re.compile(r"(?:\b(?:bao nhieu|may)|^)\s+(?:km|cay so)\b"), re.compile(r"\b(?:km(?!/)|cây số)\b", re.I)),
    (re.compile(r"\b(?:bao xa|how far|khoang cach|distance|chieu dai|cay so)\b|(?<!keo )\bdai bao nhieu\b"),
     re.compile(r"\b(?:km|dặm|mét|m|cây số|yard|feet)\b", re.I)),
    (re.compile(r"\bhow (?:high|deep|tall|wide)\b"), re.compile(r"\b(?:m|mét|km|cm)\b", re.I)),
    # "How long is the new route?": a thing's length, or how long it lasts (below)
    (re.compile(r"\bhow long (?:is|are|was|were|will (?:it|they) be)\b"), re.compile(r"\b(?:km|mét|m|cây số)\b", re.I)),
    (re.compile(r"\bhow (?:hot|cold)\b"), re.compile(r"\bđộ\b|°", re.I)),
    (re.compile(r"\b(?:bao nhieu tuoi|how old)\b"), re.compile(r"\btuổi\b", re.I)),
    (re.compile(r"\b(?:may gio)\b"), TIME_OF_DAY),
    (re.compile(r"\b(?:bao lau|how long|thoi gian|how much time)\b"),
     re.compile(r"\b(?:năm|tháng|tuần|ngày|giờ|tiếng|phút|giây|thế kỷ|thập kỷ)\b", re.I)),  # "6 tiếng": hours
    (re.compile(r"\b(?:bao nhieu tien|how much money|chi phi|cost|von|capital|investment|muc gia)\b"), MONEY),
    # the value of exports or imports ("kim ngạch", "export value"): a sum, not the tonnes beside it
    (re.compile(r"\b(?:kim ngach|(?:export|import|trade) value|value of (?:\w+ )?(?:exports?|imports?))\b"), MONEY),
    # rain is measured in millimetres ("lượng mưa 386 mm trong 48 giờ")
    (re.compile(r"\b(?:luong mua|mua (?:lon|to)|rain|rainfall)\b"), re.compile(r"\bmm\b", re.I)),
    (re.compile(r"\b(?:nang (?:khoang |chung |tam |gan |hon |toi )?bao nhieu|how heavy|weighs?|weighed)\b"),
     re.compile(r"\b(?:kg|tấn|gam|gram|g|ki-lô-gam|pound|lb)\b", re.I)),
    # an area asked as such ("Diện tích lúa bị hạn là bao nhiêu?"; not "bảo vệ bao nhiêu diện tích biển", which a
    # share may answer, nor a share or a change of one)
    (re.compile(r"^(?!.*\b(?:phan tram|ty le|chiem|phan|tang|giam|them|hon|percent)\b).*\bdien tich\b"
                r"(?:(?!\bbao nhieu\b)[^?,]){0,60}\bbao nhieu\b"),
     re.compile(r"\b(?:ha|héc-ta|hecta|m2|m²|km2|km²|mét vuông|kilômét vuông|ki-lô-mét vuông|mẫu|sào)(?!\w)", re.I)),
    # a speed; an amount of earth, water, concrete ("khối lượng đất đá": m3, or tonnes)
    (re.compile(r"\b(?:how fast|toc do|van toc|speed)\b"), re.compile(r"km/h|km/giờ|m/s|hải lý", re.I)),
    (re.compile(r"\b(?:khoi luong|volume)\b"), re.compile(r"m3|m³|khối|\btấn\b", re.I)),
)
# A share of a sum asked ("tỷ lệ giải ngân vốn đầu tư công", "what percentage of the budget"), folded: the share's
# unit is asked, not the sum's.
_SHARE_OF_SUM = re.compile(rf"\b(?:{SHARE_WORDS}|what share)\b.*"
                           r"\b(?:von|chi phi|cost|capital|investment|kim ngach|ngan sach|budget|doanh thu|revenue)\b")
# What a date question's wording says about the precision it wants.
_DATE_HINTS = (
    (re.compile(r"\b(?:ngay nao|what day|which day|what date|which date)\b"), re.compile(r"/|ngày", re.I)),
    (re.compile(r"\b(?:thang nao|what month|which month)\b"), re.compile(r"/|tháng", re.I)),
    (re.compile(r"\b(?:nam nao|what year|which year)\b"), re.compile(r"\d{4}")),
    (re.compile(r"\b(?:may gio|what time)\b"), TIME_OF_DAY),
    (re.compile(r"\b(?:the ky nao|thap nien nao|what century|which century|what decade|which decade)\b"),
     re.compile(r"thế kỷ|thập niên|thập kỷ", re.I)),
)
# A person asked for: "ai", "who", or the name of someone the question calls by a word for a person ("Kẻ cầm đầu
# tên là gì?", "Tài xế tên gì?").
_PERSON = re.compile(r"\b(?:ai|nguoi nao|who|whom|whose)\b|\b(?:ke|nguoi|ong|ba|nan nhan|tai xe|bi can|bi cao|"
                     r"doi tuong|nghi pham|thu pham|chu)\b[^?]*\bten (?:la )?gi\b")
_NEXT_WORD = re.compile(r"^\s*[^\W\d_]+\s+")  # one word after a number, before the counted noun
# "bao nhiêu người" -> "nguoi", and the word after it
_COUNTED = re.compile(r"\b(?:bao nhieu|may)\s+(?!mot\b|moi\b)([a-z]+)(?:\s+([a-z]+))?")
# A classifier before the noun ("bao nhiêu ngôi nhà"): a sentence may write the noun alone ("46 nhà bị sập").
_CLASSIFIERS = frozenset("ngoi chiec con toa buc cuon tam".split())
# "bao nhiêu một lượng", "bao nhiêu mỗi m2": a figure per that unit ("128,9 triệu đồng mỗi lượng", "/m2").
_PER_ASKED = re.compile(r"\b(?:bao nhieu|may)(?:\s+[a-z]+){0,2}?\s+(?:mot|moi)\s+([a-z0-9]+)")
# Nouns measured rather than counted: their figure carries a unit ("712 triệu USD" of "bao nhiêu vốn"), and the
# word after another figure is no answer ("41 dự án có vốn").
_MEASURED_NOUNS = frozenset({"tien", "von"})
# "How many <noun>": the Vietnamese nouns that count it, folded (a news vocabulary; up to two words may stand
# between: "how many new party members").
_EN_COUNTED = re.compile(r"\bhow many\s+((?:[a-z]+\s+){0,2}[a-z]+)")
_EN_NOUNS = {
    "people": "nguoi", "persons": "nguoi", "passengers": "hanh khach", "houses": "nha|can|ngoi", "homes": "nha|can",
    "students": "hoc sinh|sinh vien", "pupils": "hoc sinh", "candidates": "thi sinh|ung vien",
    "members": "thanh vien|dang vien|hoi vien", "households": "ho", "families": "gia dinh|ho",
    "companies": "doanh nghiep|cong ty", "enterprises": "doanh nghiep", "businesses": "doanh nghiep|co so",
    "firms": "cong ty|doanh nghiep", "projects": "du an|cong trinh", "schools": "truong", "stations": "ga|tram",
    "trains": "tau|doan tau", "cars": "xe|o to|chiec", "vehicles": "xe|phuong tien|chiec", "tons": "tan",
    "tonnes": "tan", "hectares": "ha|hec-ta", "kilometers": "km|ki-lo-met", "kilometres": "km|ki-lo-met",
    "years": "nam", "months": "thang", "days": "ngay", "times": "lan", "points": "diem", "votes": "phieu",
    "workers": "lao dong|cong nhan", "employees": "nhan vien|lao dong", "teachers": "giao vien",
    "children": "tre|em|chau", "villages": "thon|lang|ban", "communes": "xa", "districts": "huyen|quan",
    "provinces": "tinh", "countries": "nuoc|quoc gia", "games": "tran", "matches": "tran", "goals": "ban",
    "seats": "ghe", "soldiers": "binh si|quan|linh", "troops": "quan|binh si", "species": "loai",
    "languages": "ngon ngu|thu tieng", "cases": "ca|truong hop", "patients": "benh nhan", "deaths": "nguoi|ca",
    "tourists": "khach|du khach|luot", "visitors": "khach|luot", "trees": "cay", "animals": "con|dong vat",
    "boats": "tau|thuyen|tau thuyen|tau ca", "ships": "tau", "vessels": "tau|thuyen|phuong tien", "sites": "diem",
    "flights": "chuyen bay|chuyen", "engines": "xe", "trucks": "xe", "buses": "xe",
    "injured": "nguoi", "dead": "nguoi", "victims": "nguoi|nan nhan",
    "units": "can|can ho", "apartments": "can ho|can", "shipments": "chuyen|lo|lo hang", "spots": "diem",
    "attractions": "diem", "destinations": "diem", "beds": "giuong", "doctors": "bac si", "nurses": "dieu duong",
    "hospitals": "benh vien", "universities": "truong|dai hoc", "majors": "nganh", "factories": "nha may",
    "plants": "nha may", "farms": "trang trai", "stores": "cua hang", "shops": "cua hang", "defendants": "bi cao",
    "suspects": "doi tuong|nghi pham", "kilograms": "kg", "websites": "trang web|website",
    "applications": "ho so|don",
}

IN_WORDS_PENALTY = 1.0


def _given_names(question: str) -> tuple[tuple[str, ...], ...]:
    """The names a question gives: its runs of capitalised words as written, not counting its first word
    ("Quốc gia nào...?" gives no "Quốc"; "Whose horse struck Emily Davison?" gives "Emily Davison")."""
    runs: list[list[str]] = []
    end = -1  # where the run being read ends in `question`, or -1
    for w in WORD.finditer(question):
        if w.start() == 0 or not w.group()[0].isupper():
            end = -1
            continue
        if end >= 0 and not question[end:w.start()].strip():
            runs[-1].append(w.group())
        else:
            runs.append([w.group()])
        end = w.end()
    return tuple(tuple(run) for run in runs)


@dataclass(frozen=True)
class Plan:
    """What one question asks for, computed once for all the sentences quoted for it."""

    kind: str
    pattern: re.Pattern[str]
    words: frozenset[str]  # the question's folded words
    units: tuple[re.Pattern[str], ...]  # units (or date parts) its wording asks for
    counted: re.Pattern[str] | None  # the noun after "bao nhiêu" / "mấy", as a whole word
    person: bool  # "ai" / "who": a person's name, rather than a place's or a team's
    question: str  # as asked: a counted noun is read on as far as it writes it (`spans._with_question_noun`)
    given: tuple[tuple[str, ...], ...] = ()  # the names it gives (`_given_names`), for a name question
    cue: str | None = None  # the word before "bao nhiêu" that the answer's figure follows ("lên", "còn"), folded
    per: re.Pattern[str] | None = None  # "bao nhiêu một lượng": the figure is per that unit ("mỗi lượng", "/m2")
    difference: bool = False  # it asks a difference or a change ("hơn", "chênh lệch", "tăng"), or an old value
    place: bool = False  # it asks for a place or a team (`ASKS_PLACE`)
    named: str | None = None  # the kind of thing whose name it asks ("truong" of "trường nào"), folded
    ordinal: bool = False  # it asks a place in an order ("xếp thứ mấy", "what place"): "thứ 8", not "10 cảng"
    superlative: str | None = None  # the adjective of its superlative ("lon" of "lớn nhất", "largest"), folded
    winner: bool = False  # it asks who won: not the name after "thắng" / "beat", who lost (`_BEATEN`)
    given_numbers: frozenset[str] = frozenset()  # an English question's figures, as digits ("five days": "5")
    counted_pair: re.Pattern[str] | None = None  # "bao nhiêu giải Nhì": the counted noun with the word after it
    now: bool = False  # it asks what a thing is now, or after a change ("today", "in total", "sau khi", "new price")
    # an English question's phrases as the Vietnamese its glossary renders them, each a tuple of folded words
    # ("heart attacks": ("nhoi", "mau", "co", "tim")): words the sentence writes as the question's, where it writes
    # the whole rendering
    rendered: tuple[tuple[str, ...], ...] = ()

    def fit(self, text: str, after: str, before: str = "") -> float:
        """10 per unit or date part asked for, 10 for the counted noun in the span or right after it (a word
        may come between: "35 căn nhà" for "bao nhiêu nhà"), -20 for a bare year as a quantity, -20 for a clock
        time ("2h42") unless the time of day is asked, a little for longer capitalised runs (several words are
        more likely a name than "Đảng"), 2 for a Vietnamese family name or an honorific first when a person is
        asked for (in a name of two words or more, not a place's)."""
        score = 10.0 * sum(1 for unit in self.units if unit.search(text))
        if self.pattern is SCORE:  # the final score, not one on the way ("dẫn trước 6-0 sau hiệp một")
            lead = fold(before)
            return score + 5 * bool(_FINAL_SCORE.search(lead)) - 5 * bool(_SCORE_ON_THE_WAY.search(lead))
        if self.kind == "quantity":
            lead = fold(before)
            if self.cue and re.search(rf"\b{self.cue}{_ROUGHLY}\s*$", lead):
                score += 5
            if self.per is not None and self.per.search(fold(text)):
                score += 10
            if self.ordinal and (_ORDINAL_BEFORE.search(lead) or fold(text).lower().startswith("thu ")):
                score += 10
            # "thấp hơn giá vàng miếng 12,3 triệu đồng", "hơn đội cuối bảng 1 điểm": a difference; "rút ngắn từ 3
            # ngày xuống còn 2 ngày": the value before a change. Neither answers what a thing is now.
            if not self.difference and (_COMPARED.search(lead)
                                        or (_FROM.search(lead) and _CHANGED_TO.match(fold(after)))):
                score -= 5
            # "... nhưng nay con số đã tăng lên hơn 120 hộ", "nâng tổng số điểm bán lên 245": what it came to
            if self.now and not self.difference and _CHANGED_INTO.search(lead):
                score += 3
            if self.counted is not None:
                following = fold(after)
                if (self.counted.search(fold(text)) or self.counted.match(following.lstrip())
                        or self.counted.match(_NEXT_WORD.sub("", following, count=1))):
                    score += 10
                if self.counted_pair is not None and self.counted_pair.match(following.lstrip().lower()):
                    score += 5  # "31 giải Nhì", not "14 giải Nhất"
            clock = TIME_OF_DAY not in self.units and CLOCK_TIME.fullmatch(text)
            # A count in words that carries nothing the question asks for ("Sau hai buổi đối thoại, công ty nâng
            # mức thưởng lên 0,8 tháng lương") is news counting in passing; a figure in digits is what it reports.
            in_words = score < 10 and not any(ch.isdigit() for ch in text)
            return score - 20 * bool(BARE_YEAR.fullmatch(text)) - 20 * bool(clock) - IN_WORDS_PENALTY * in_words
        if self.kind == "name":
            words = WORD.findall(text)
            # a family name first (not "Đào" of "Đào tạo"), or "Ông" or "Bà" ("Ông Kim Jae-hoon"); not a province's or
            # a country's name ("Thái Nguyên")
            person = self.person and len(words) > 1 and (words[0].lower() in SURNAMES or HONORIFIC.match(text)) \
                and text not in PLACE_FORMS
            score += 0.5 * min(len(words), 3) + (2.0 if person else 0.0)
            # "sân nào": the name the sentence writes after "sân" ("sân Lạch Tray"), or starting with "Trường"
            if self.named and (re.search(rf"\b{self.named}\s*$", fold(before).lower())
                               or fold(text).lower().startswith(self.named + " ")):
                score += 3.0
            if self.winner and _BEATEN.search(fold(before).lower()):
                score -= BEATEN_PENALTY
        return score


# "How tall / high / deep ...": a figure, for the bold only. Read as a quantity question, it moved the English
# off-topic floor (one of its everyday questions is "How tall is Mount Everest?") and 11 right answers were declined.
_WHAT_SUM = (r"what (?:do|does|did|will|would) (?:[a-z'-]+ ){1,6}(?:pay|charge|earn|cost)\b")  # "What do traders pay
_HOW_MEASURE = re.compile(EN_LEAD + rf"(?:how (?:high|deep|tall|wide|heavy|hot|cold|accurate)\b|{_WHAT_SUM})")
ASKS_SUM = re.compile(EN_LEAD + _WHAT_SUM)  # a sum, and nothing else: "1.200 ha" is no cost
# A place in an order ("xếp thứ mấy", "đứng hạng bao nhiêu", "what place", "which position"), folded: the figure after
# "thứ", "hạng" or "top" is its answer; a quantity, for the bold only (as "how tall" above). Not "hàng may mặc".
_ORDINAL_ASKED = re.compile(r"\b(?:thu|hang) (?:may|bao nhieu)\b(?! mac)|\b(?:what|which) (?:place|position|rank|"
                            r"ranking|spot)\b|\branked\b|\b(?:where|how high) (?:does|do|did) .{1,80}?\brank\b")
# "What was the national grid's peak power demand on June 11?", "What is Vietnam's population as of April 2025?": a
# measure after more words, or other words after it, than a question is typed a quantity by
# (`retrieval.asks.EN_TYPES`), or a level reached; for the bold only.
# (Not "What was holding back the city's growth?": no article nor verb among the words.)
_LONG_MEASURE = re.compile(EN_LEAD + r"(?:what|which) (?:is|was|were|are) "
                           # (a word in -ing only after "the": "the winning price")
                           r"(?:the (?:(?!(?:on|of|in|for|at|to|by|the|a|an)(?![\w'-]))[a-z-]+(?:'s)? ){0,6}|"
                           r"(?:(?!(?:on|of|in|for|at|to|by|the|a|an|[a-z]+ing)(?![\w'-]))[a-z-]+(?:'s)? ){0,6})"
                           rf"(?:{MEASURES}|turnout)s?"
                           r"(?=\s*(?:[?.,!]|$|"
                           r"(?:of|in|for|per|during|at|on|as|last|this|from|to|by|after|before|where|when)\b))"
                           # "What did roofing sheet prices rise to?", "What did exports reach?"
                           r"|" + EN_LEAD + r"what (?:did|does|do|will|has|have|had) (?:[a-z'-]+ ){1,6}"
                           r"(?:rise|rose|risen|climb(?:ed)?|fall|fell|fallen|drop(?:ped)?|increase[ds]?|decrease[ds]?)"
                           r" to\b|" + EN_LEAD + r"what (?:did|does|do|will) (?:[a-z'-]+ ){1,6}reach\b")
# A level asked ("ở mức giá nào", "lãi suất ở mức nào"; not "mức độ nào", how far), folded: a figure, for the bold only.
_LEVEL_ASKED = re.compile(r"\bmuc (?!do\b)(?:[a-z]+ ){0,2}nao\b")
# A superlative asked ("lớn nhất", "cao nhất", "the largest"), folded: its adjective, as a sentence writes it.
_SUPERLATIVE_VI = re.compile(r"\b([a-z]+) nhat\b")
_SUPERLATIVE_EN = {"largest": "lon", "biggest": "lon", "highest": "cao", "tallest": "cao", "lowest": "thap",
                   "hottest": "nong", "coldest": "lanh|ret", "fewest": "it", "best": "tot", "fastest": "nhanh",
                   "longest": "dai", "worst": "te|nang", "deepest": "sau"}
SUPERLATIVE_LEADS = frozenset("lon cao nhieu".split())  # superlatives that "dẫn đầu" says too
# "thứ nhất", "hạng nhất" (first), "duy nhất" (only), "đồng nhất" (uniform), "ít nhất" (at least)
_NOT_SUPERLATIVE = frozenset("thu hang duy dong it".split())


def superlative(question: str) -> str | None:
    """The adjective of the question's superlative, as a pattern for a folded word, or None. Its "nhất" written in
    lower case ("lũy Nhật Lệ" is a name) and, typed without accents, not Japan's ("hang nhat ban")."""
    lower = fold(question).lower()
    vi = [m.group(1) for m in _SUPERLATIVE_VI.finditer(lower) if m.group(1) not in _NOT_SUPERLATIVE
          and question[m.end() - 4:m.end()] in ("nhất", "nhat") and not lower.startswith(" ban", m.end())]
    if vi:
        return vi[0]
    return next((adj for word, adj in _SUPERLATIVE_EN.items() if re.search(rf"\b{word}\b", lower)), None)


_ORDINAL_BEFORE = re.compile(r"\b(?:thu|hang|top|vi tri so)\s*$", re.IGNORECASE)
# "Cầu thủ nào", "which analyst": a person's name, for the bold only (as "how tall" above: the answer type of ranking
# is left as it was measured).
_WHICH_PERSON = re.compile(
    r"\b(?:cau thu|van dong vien|vdv|tay vot|kinh ngu|hlv|huan luyen vien|chuyen gia|bac si|ca si|nghe si|thi sinh|"
    r"quan chuc|bi cao|nan nhan|tac gia|nha bao|doanh nhan|thu mon|tien dao|trong tai|ngu dan|nong dan|cong nhan|"
    r"giao vien|ky su|tai xe|phi cong|nghe nhan|ung vien|dai bieu|luat su|hoc sinh|sinh vien|hoc vien|vua) nao\b|"
    + EN_LEAD + r"(?:which|what) (?:(?!(?:of|in|on|at|for|to|by|with|do|does|did|is|are|was|were|will|must|can|"
    r"could|would|should|has|have|had|the|a|an)\b)[a-z-]+ ){0,3}?(player|athlete|coach|analyst|expert|doctor|"
    r"official|minister|singer|artist|defendant|victim|author|journalist|swimmer|striker|goalkeeper|referee|"
    r"scientist|engineer|businessman|businesswoman|entrepreneur|investor|founder|king|queen|emperor)s?\b(?!')")


@functools.lru_cache(maxsize=256)
def plan_for(question: str, *, bold: bool = False) -> Plan | None:
    folded_q = fold(question)
    kind = question_type(question)
    person = bool(_PERSON.search(folded_q))
    ordinal = bold and bool(_ORDINAL_ASKED.search(folded_q.lower()))
    if kind is None and bold:
        if _HOW_MEASURE.search(folded_q) or ordinal or _LONG_MEASURE.search(folded_q) \
                or _LEVEL_ASKED.search(folded_q.lower()):
            kind = "quantity"
        elif (which := _WHICH_PERSON.search(fold_aligned(question))) and not (
                which.group(1) and question[which.start(1)].isupper()):  # not "What Doctor Who ...?"
            kind, person = "name", True
    if kind is None:
        return None
    if ASKS_SCORE.search(folded_q):
        return Plan(kind, SCORE, frozenset(WORD.findall(folded_q)), (SCORE,), None, False, question)
    hints = {"quantity": _UNIT_HINTS, "date": _DATE_HINTS}.get(kind, ())
    units = tuple(unit for hint, unit in hints if hint.search(folded_q))
    if kind == "quantity" and MONEY not in units and asks_money(question):
        units += (MONEY,)
    if _SHARE_OF_SUM.search(folded_q):  # "tỷ lệ giải ngân vốn đầu tư công": a share of a sum, not the sum
        units = tuple(unit for unit in units if unit is not MONEY)
    # The unit named right after "bao nhiêu" is the one asked for; "chi phí" elsewhere in "bao nhiêu phần trăm chi
    # phí" only says what it is a share of.
    asked = _ASKED_NEXT.search(folded_q)
    named = tuple(unit for hint, unit in hints if asked and hint.search(asked.group(1)))
    cue = _CUE.search(folded_q)
    per = _PER_ASKED.search(folded_q)
    words = frozenset(WORD.findall(folded_q)).union(*(vi.split() for en, vi in _EN_ANCHORS if en.search(folded_q)))
    return Plan(kind, {"quantity": QUANTITY, "date": DATE, "name": NAME}[kind], words, named or units,
                 counted_noun(folded_q) if kind == "quantity" else None, person,
                 question, _given_names(question) if kind == "name" else (), cue.group(1) if cue else None,
                 re.compile(rf"(?:/|\bmoi |\bmot )\s*{per.group(1)}\b") if per else None,
                 bool(_ASKS_DIFFERENCE.search(folded_q)), bool(ASKS_PLACE.search(folded_q)),
                 named.group(1) if (named := NAMED_KIND.search(folded_q)) else None, ordinal and kind == "quantity",
                 superlative(question), kind == "name" and bool(_ASKS_WINNER.search(folded_q.lower())),
                 _english_numbers(folded_q) if kind == "quantity" and detect_language(question) == "en"
                 else frozenset(),
                 _counted_pair(question) if kind == "quantity" else None,
                 bool(_ASKS_NOW.search(folded_q.lower())) and not _asks_added(folded_q.lower()),
                 _rendered(question) if bold and detect_language(question) == "en" else ())


def _rendered(question: str) -> tuple[tuple[str, ...], ...]:
    """An English question's glossary renderings (`retrieval.glossary`) of two words or more, each as its folded
    words. (One folded syllable says too little: "đạt" for "reach" is also "đất", "đặt", and pulled the bold of "What
    share of the district People's Council estimate did budget revenue reach?" to "đạt 40% kế hoạch".)"""
    return tuple(dict.fromkeys(words for r in glossary().read(question) if len(words := tuple(WORD.findall(
        fold(r).lower()))) > 1))


def _counted_pair(question: str) -> re.Pattern[str] | None:
    """"bao nhiêu giải Nhì" -> "giai nhi" (folded), the counted noun and the capitalised word that names which of its
    kind; None when no such word follows it ("bao nhiêu lượt khách")."""
    m = _COUNTED_NAMED.search(question)
    return re.compile(rf"{fold(m.group(1)).lower()}\s+{fold(m.group(2)).lower()}\b") if m else None


_COUNTED_NAMED = re.compile(rf"\b(?i:bao nhiêu|mấy)\s+([^\W\d_]+)\s+({CAP})")


_EN_NUMBER_WORDS = {w: str(n) for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_EN_FIGURE = re.compile(r"\b(?:\d+(?:[.,]\d+)*|" + "|".join(_EN_NUMBER_WORDS) + r")\b", re.IGNORECASE)


def _english_numbers(folded_q: str) -> frozenset[str]:
    """The figures an English question gives, as digits: "after five days" gives "5", which its answer is not
    ("Sau 5 ngày thi đấu, ... TP HCM xếp thứ hai với 11 HCV"); a Vietnamese question's own figures are its words."""
    return frozenset(_EN_NUMBER_WORDS.get(m.group().lower(), m.group()) for m in _EN_FIGURE.finditer(folded_q))


# Who won ("Ai vô địch đơn nữ?", "Ai thắng ...?", "Who won the final?", "Who beat ...?"), folded; the one beaten is
# named after "thắng", "đánh bại", "vượt qua" ("Lâm Thu Trang bảo vệ ngôi vô địch sau khi thắng Vũ Hải Yến").
_ASKS_WINNER = re.compile(r"\b(?:ai|(?:doi|nguoi|tay vot|vdv|ky thu|cau thu|clb|nuoc|ung vien)\s+nao)\s+"
                          r"(?:da\s+|la\s+(?:nguoi\s+)?)?(?:vo dich|thang|gianh|doat|dang quang|len ngoi)|"
                          r"\b(?:vo dich|chien thang|dang quang)\b.*\bla ai\b|"
                          r"\b(?:who|which (?:team|player|club|country|side|candidate))\s+(?:won|wins|beat|defeated|"
                          r"claimed|took)\b|\b(?:winner|champion)\b")
_BEATEN = re.compile(r"\b(?:thang(?:\s+(?:nguoc|sat nut|dam|de dang|kich tinh|cach biet))?|danh bai|vuot qua|ha guc|"
                     r"beat|beating|defeated|defeating|over)(?:\s+[^\W\d_]+){0,2}\s*$")  # "thắng ngược Ngân hàng"
# More than the question's words around the beaten one pull it ("ngôi vô địch sau khi thắng Vũ Hải Yến": at 3.0
# the beaten one was still bolded).
BEATEN_PENALTY = 5.0


# English words whose Vietnamese the bold span is drawn to, as it is to a Vietnamese question's own words: "How many
# people are still missing?" bolds the "2 người" of "4 người chết, 2 người mất tích" (folded).
_EN_ANCHORS = (
    (re.compile(r"\bmissing\b"), "tich"),  # one word of each: a two-word phrase would pull twice
    (re.compile(r"\b(?:died|dead|killed|deaths?)\b"), "chet mang vong"),  # one of "chết", "thiệt mạng", "tử vong"
    (re.compile(r"\b(?:injured|wounded|injuries)\b"), "thuong"),
    (re.compile(r"\b(?:rise|rose|risen|increased?|grow|grew|grown|up)\b"), "tang"),
    (re.compile(r"\b(?:fall|fell|fallen|drop(?:ped)?|decreased?|declined?|down)\b"), "giam"),
    (re.compile(r"\b(?:concede[ds]?|let in)\b"), "thung luoi"),
    (re.compile(r"\b(?:sell(?:ing|s)?|sold)\b"), "ban"),  # "bán ra", the dealer's selling price
    (re.compile(r"\b(?:buy(?:ing|s)?|bought)\b"), "mua"),
    (re.compile(r"\bprofits?\b"), "nhuan lai"),  # "lợi nhuận", "lãi"
    (re.compile(r"\b(?:revenue|turnover|sales)\b"), "doanh"),  # "doanh thu"
    (re.compile(r"\bestimates?\b"), "toan"),  # "dự toán", a budget's estimate
    (re.compile(r"\b(?:plan|planned|target)\b"), "hoach"),  # "kế hoạch"
    (re.compile(r"\bdistrict\b"), "huyen"),
    (re.compile(r"\b(?:serious(?:ly)?|critical(?:ly)?|severe(?:ly)?)\b"), "nang"),  # "bị thương nặng"
    (re.compile(r"\bpeople's council\b"), "hdnd"),
    (re.compile(r"\b(?:exports?|exported)\b"), "xuat"),
    (re.compile(r"\b(?:imports?|imported)\b"), "nhap"),
    (re.compile(r"\binterest\b"), "suat"),  # "lãi suất"
    (re.compile(r"\bprices?\b"), "gia"),
    (re.compile(r"\bdividends?\b"), "tuc"),  # "cổ tức"
    (re.compile(r"\b(?:duty|duties|tariffs?)\b"), "thue"),
    (re.compile(r"\btemperatures?\b"), "nhiet"),
    (re.compile(r"\boutput\b"), "luong"),  # "sản lượng"
    (re.compile(r"\b(?:paying|paid)\b"), "phi"),  # "người trả phí"
    (re.compile(r"\bcapacity\b"), "suat"),  # "công suất"
    (re.compile(r"\bmonthly\b"), "thang"),  # "vé tháng", "lương tháng"
)
# A figure after "hơn" / "kém" and a word or more ("cao hơn cùng kỳ 5%"), or after "từ" with "lên" / "xuống" next.
_COMPARED = re.compile(r"\b(?:hon|kem)(?:\s+[^\W\d_]+){1,5}\s+$")
# "từ 3 ngày xuống còn 2", "từ mức 2.204 đồng lên 2.283 đồng", "từ khoảng 1 giờ 30 phút xuống còn 50 phút"
_FROM = re.compile(r"\btu(?:\s+(?:muc|khoang|gan|hon|tren|duoi))?\s+$")
_CHANGED_TO = re.compile(r"(?:\s+[^\W\d_]+){0,3}?\s+(?:len|xuong)\b")
_CHANGED_INTO = re.compile(r"\b(?:len|xuong(?:\s+con)?)(?:\s+(?:hon|khoang|gan|muc|tren))?\s*$")
# A question on what a thing is now or after a change (folded, lower case); not on what was added ("kéo dài thêm bao
# lâu", "mở thêm bao nhiêu cửa hàng").
_ASKS_ADDED = re.compile(r"\b(?:them|more|additional|extra)\b")
# ... unless it asks the total after the addition ("sau khi lắp thêm thì tổng cộng có bao nhiêu trạm?"; not "Tổng cộng
# ... kéo dài thêm bao lâu?", the extension's total).
_ASKS_TOTAL = re.compile(r"\b(?:tong cong|tong so|in total|altogether)\b")


def _asks_added(lower: str) -> bool:
    """Whether a question (folded, lower case) asks what was added, its last word of the two being "thêm"."""
    added = [m.start() for m in _ASKS_ADDED.finditer(lower)]
    total = [m.start() for m in _ASKS_TOTAL.finditer(lower)]
    return bool(added) and (not total or added[-1] > total[-1])
_ASKS_NOW = re.compile(r"\b(?:total|now|today|currently|presently|after|hien nay|hien tai|bay gio|sau khi|tong|"
                       r"new (?:[a-z-]+ ){0,2}(?:price|rate|level|fee|fare|toll|salary|wage|tariff|time)s?)\b")
_ASKS_DIFFERENCE = re.compile(r"\b(?:hon|kem|chenh|tang|giam|so voi|truoc do|truoc day|truoc kia|ban dau|"
                              r"more|less|fewer|higher|lower|cheaper|difference|gap|rise|rose|increase|grow|grew|"
                              r"drop|fall|fell|decline|before|previous(?:ly)?|originally|used to|(?<!how )old)\b")
# "bao nhiêu phần trăm ...": the two words after the asking words.
_ASKED_NEXT = re.compile(r"\b(?:bao nhieu|how many|how much)((?:\s+[\w%]+){1,2})")
# "tăng lên bao nhiêu", "giảm xuống còn bao nhiêu": the answer is the figure after "lên", "còn" ("từ 62% lên 88%").
_CUE = re.compile(r"\b(len|xuong|con|toi)\s+bao nhieu\b")
# A word between the cue and its figure ("xuống còn khoảng 55.000 đồng"), folded.
_ROUGHLY = r"(?:\s+(?:khoang|gan|hon|tren|duoi|muc|xap xi|chi|chung))?"


def counted_noun(folded_q: str) -> re.Pattern[str] | None:
    """The noun a quantity question counts, as the sentence would write it: "bao nhiêu người" -> "nguoi";
    "how many (new) members" -> "thanh vien|dang vien|hoi vien"."""
    vi = _COUNTED.search(folded_q)
    if vi and vi.group(1) not in _MEASURED_NOUNS:
        nouns = [vi.group(1)]
        if vi.group(1) in _CLASSIFIERS and vi.group(2):
            nouns.append(vi.group(2))
        return re.compile(rf"\b(?:{'|'.join(map(re.escape, nouns))})\b")
    en = _EN_COUNTED.search(folded_q)
    noun = next((_EN_NOUNS[w] for w in en.group(1).split() if w in _EN_NOUNS), None) if en else None
    return re.compile(rf"\b(?:{noun})\b") if noun else None
