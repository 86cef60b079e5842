"""What a question's wording asks for: a kind of answer (a quantity, a date, a name), a match's score, a sum of money.

Read on the words alone, before any sentence is seen (`retrieval.spans` then finds the asked-for span in a sentence);
works on questions typed without diacritics too.
"""
from __future__ import annotations

import re

from retrieval.language import has_diacritics
from retrieval.textnorm import fold

KINDS = ("quantity", "date", "name")

# Question wording, on folded lowercase text (so "bao nhieu" and "bao nhiêu" are the same). Vietnamese puts the
# question word where the answer would go, anywhere in the sentence; English fronts it, and "when", "who" or
# "how" later in an English question are a conjunction or a name ("What happens when...", "Doctor Who").
_Q_DATE = re.compile(r"\b(?:khi nao|bao gio|luc nao|(?:nhung )?nam nao|ngay nao|thang nao|the ky nao|"
                     r"thap nien nao|thoi (?:gian|diem|ky) nao)\b")
_Q_QUANTITY = re.compile(r"\b(?:bao nhieu|bao lau|bao xa|may|so luong|ty le|muc nao)\b")
# "tháng mấy", "quý mấy", "ngày mấy": which month, quarter or day, a date rather than a count; typed without accents
# only at the question's end ("thang may" is also "thang máy", a lift). Not "thứ mấy", mostly an ordinal ("xếp thứ
# mấy", "lần thứ mấy"), nor folded "quy nao" ("quỹ nào": which fund).
_Q_DATE_WHICH = re.compile(r"\b(?:tháng|quý|ngày) mấy\b|\bquý nào\b", re.IGNORECASE)
_Q_DATE_WHICH_FOLDED = re.compile(r"(?<!bao nhieu )(?<!may )\b(?:thang|quy|ngay) may\W*$")
# "Which team / province / river...": a kind of thing that has a proper name, asked for by "nào" / "which".
# Of these, places and teams ("quê ở tỉnh nào", "which team"): a person's name is no answer to them (`ASKS_PLACE`).
# (a district, "quận", not the "quan" of "cơ quan" (a body), "đại sứ quán" (an embassy), "tập đoàn quân" (an army))
_PLACE_KINDS_VI = (r"doi|song|bien|tinh|huyen|(?<!co )(?<!su )(?<!doan )quan|xa|phuong|thanh pho|nuoc|quoc gia|vung|"
                   r"noi|dia phuong|tram")
_PLACE_KINDS_EN = r"team|river|sea|province|district|commune|city|town|country|region|market|station"
_NAMED_KINDS_VI = (rf"{_PLACE_KINDS_VI}|to chuc|cong ty|dai duong|tieu bang|dai hoc|truong dai hoc|dang|bo lac|"
                   r"ban nhac|nha hat|san van dong|san|giai|thi truong|"
                   r"(?<!thu )(?<!bo )(?<!hieu )(?<!cuc )(?<!vu )(?<!ban )truong")  # a school, not "thứ trưởng"
_NAMED_KINDS_EN = (rf"{_PLACE_KINDS_EN}|organi[sz]ation|company|firm|ocean|nation|state|continent|university|"
                   r"college|party|tribe|band|theat(?:er|re)|stadium|award|prize")
_Q_NAME = re.compile(rf"\b(?:ai|nguoi nao|ten (?:gi|la gi)|(?:{_NAMED_KINDS_VI}) nao)\b")
NAMED_KIND = re.compile(rf"\b({_NAMED_KINDS_VI}) nao\b")  # the kind of thing named: "truong" of "trường nào"
ASKS_PLACE = re.compile(rf"\b(?:(?:{_PLACE_KINDS_VI}) nao|(?:what|which) (?:{_PLACE_KINDS_EN})s?)\b")
# English: the interrogative within the first few words (after a preposition or an opening clause).
# The words asking a share (folded), which each reader of one adds to ("tỷ trọng", "lãi suất", "what share").
SHARE_WORDS = r"ty le|phan tram|percent|percentage|proportion"
EN_LEAD = (r"^(?:[^,?]*,\s*)?(?:(?:in|on|at|by|for|during|to|from|since|until|after|before|of|and|but|so|then|within)"
           r"\s+)?")
# What a figure measures: "what was (the) budget revenue / total production value / company's revenue / final
# score", the measure ending the phrase ("the debt crisis", "the main export", "the production company" are not).
MEASURES = ("revenue|income|budget|cost|price|value|population|output|growth|rate|turnover|profit|loss|debt|gdp|"
             "salary|wage|spending|investment|area|length|height|weight|temperature|speed|capacity|total|amount|"
             "size|percentage|share|attendance|score|valuation|reading|duty|tariff|fine|quota|demand|volume|load|"
             "consumption|production|rainfall|target|toll|level|accuracy|ratio")
# Measures that are sums of money or rates, typed as quantities after more words ("the new average retail
# electricity price", "the peak hotel occupancy rate").
_MONEY_MEASURES = "price|cost|fare|fee|rate|revenue|profit"
_MODIFIER = r"(?:(?!(?:on|of|in|for|at|to|by)\b)[a-z-]+(?:'s)? )"
_PLAIN_MODIFIER = r"(?:(?!(?:on|of|in|for|at|to|by)\b)[a-z-]+ )"  # no "company's": "Which company's shares...?"
_MEASURE_END = (r"(?=\s*(?:[?.,!]|$|(?:of|in|for|during|at|last|this|from|to|by|after|before|be|under|on|among|"
                r"across)\b))")
EN_TYPES = (
    ("date", re.compile(EN_LEAD + r"(?:when|(?:what|which) (?:year|date|day|month|century|decade|time)s?)\b")),
    ("quantity", re.compile(EN_LEAD + r"(?:(?:how (?:many|much|long|far|old|large|big|fast)|(?:what|which) "
                                       r"(?:percentage|percent|proportion|fraction|number|amount|share of))\b|"
                                       r"(?:what|which) "
                                       rf"(?:is|was|were|are|will) (?:the )?{_MODIFIER}{{0,3}}(?:{MEASURES})s?"
                                       rf"{_MEASURE_END}|(?:what|which) (?:is|was|were|are|will) (?:the )?"
                                       rf"{_MODIFIER}{{0,5}}"
                                       rf"(?:{_MONEY_MEASURES})s?{_MEASURE_END}|"
                                       # "What anti-dumping duty did the US set?", "What is the startup valued at?"
                                       rf"(?:what|which) {_PLAIN_MODIFIER}{{0,3}}(?:{MEASURES})s? (?:per [a-z]+ )?"
                                       r"(?:did|does|do|will|would|can|could|has|have|had|was|is|were|are)\b|"
                                       r"(?:what|how much) (?:is|was|are|were) [^?]*"
                                       r"\bvalued\b)")),
    ("name", re.compile(EN_LEAD + rf"(?:who|whom|whose|(?:what|which) (?:{_NAMED_KINDS_EN})s?)\b")),
)
_EN_QUESTION = re.compile(EN_LEAD + r"(?:what|which|when|where|who|whom|whose|why|how)\b")

# A match's score asked for: "tỷ số bao nhiêu?", "với tỷ số nào?", "What was the final score?", "Tỷ số trận
# chung kết đơn nam ... là bao nhiêu?" (not "mở tỷ số", "nâng tỷ số lên 2-1": who or when), in either language.
ASKS_SCORE = re.compile(r"\b(?:(?:final|aggregate) score|what (?:was|is) the score|by what score|(?:voi )?ty so"
                      r"(?: tran)?(?: dau)?(?: chung ket)?(?: luot (?:di|ve))? (?:la )?"
                      r"(?:bao nhieu|may|nao|the nao|ra sao|chung cuoc))\b|^ty so\b(?!.*\b(?:ai|nguoi nao)\b).*\b"
                      r"(?:la bao nhieu|la may|the nao|ra sao)\W*$")


def asks_score(question: str) -> bool:
    """Whether `question` asks for a match's score (`retrieval.span_shapes.SCORE`)."""
    return bool(ASKS_SCORE.search(fold(question)))


def question_type(question: str) -> str | None:
    """"quantity", "date", "name" or None, from the question's wording (works without diacritics)."""
    q = fold(question).strip()
    if ASKS_SCORE.search(q):
        return "quantity"
    if _EN_QUESTION.search(q):
        return next((kind for kind, pattern in EN_TYPES if pattern.search(q)), None)
    if _Q_DATE.search(q) or _Q_DATE_WHICH.search(question) or _Q_DATE_WHICH_FOLDED.search(q):
        return "date"
    if _Q_QUANTITY.search(_MACHINE.sub(" ", q)):  # "mấy", not the "máy" of "nhà máy nào", "máy bay"
        return "quantity"
    if _Q_NAME.search(q) and not _YES_NO_WHO.search(q):
        return "name"
    return None


_MACHINE = re.compile(r"\b(?:(?:nha|xe) may|may (?:bay|moc|tinh|phat|in|anh|lanh|bom|cay|gat|xuc|chu))\b")
# "Có ai thiệt mạng không?" asks whether anyone did: yes or no, not a name.
_YES_NO_WHO = re.compile(r"\bco ai\b(?!.*\bnao\b).*\b(?:khong|chua)\W*$", re.IGNORECASE)


# A price asked for, read on the question as written, lower-cased (folded, "giá" is also "gia" of "gia đình", "Gia
# Lai"): "Giá vé ... là bao nhiêu?", "bán giá bao nhiêu?", "bán ra bao nhiêu?", a fee ("Lệ phí ... bao nhiêu?"; not
# "chi phí", which a share may answer, nor "miễn phí"; nor "đánh giá", an assessment, "bán phá giá", dumping, "đấu
# giá viên", an auctioneer). Not a change or a comparison ("Giá xăng tăng bao nhiêu?", "rẻ hơn bao nhiêu?"): a share
# answers those.
ASKS_PRICE = re.compile(r"(?:(?<!đánh )(?<!phá )\bgiá\b(?! trị| viên)|\b(?:bán ra|mua vào)\b|"
                        r"(?<!chi )(?<!miễn )\bphí\b)"
                        r"(?!.*\b(?:tăng|giảm|hơn|chênh|lên|xuống|thêm|rẻ|đắt)\b).*\bbao nhiêu\b")
# A price asked for in a question typed without accents, folded: only where "gia" cannot be "gia đình", "Gia Lai"
# ("gia thue can ho ... bao nhieu mot thang", "gia ve bao nhieu"). Not a change ("tang", "giam", "hon"...).
ASKS_PRICE_FOLDED = re.compile(r"(?:\bgia (?:thue|ve|ban|mua|niem yet|xang|dien|nuoc sinh hoat|nha|dat|can ho|vang|"
                               r"lua|gao|ca phe|tieu|heo|thit|cuoc|phong|tour|sau rieng|chung cu)|\b(?:o|voi|muc) gia|"
                               r"\b(?:thu|muc|le|hoc|vien) phi)\b"
                               r"(?!.*\b(?:tang|giam|hon|chenh|len|xuong|them)\b).*\bbao nhieu\b")
# Sums of money an English question may name.
_EN_SUMS = ("compensation|revenue|turnover|profit|salary|wage|budget|fine|fee|bonus|funding|loan|donation|bribe|"
            "ransom|ticket|fare|rent|prize money|prize|valuation")
# An English question naming a sum of money ("How much compensation ...?", "What was X's revenue?", "How much did the
# city spend?"), on the folded question; not its change or a share of it ("revenue growth", "how much more").
ASKS_SUM_EN = re.compile(rf"^(?!.*\b(?:more|less|higher|lower|rise|rose|fall|fell|increase|decrease|growth|grow|grew|"
                         rf"up|down|change|share|percent|percentage|margin|ratio|rate)\b)(?:[^,?]*,\s*)?"
                         rf"(?:how much (?:[a-z-]+ ){{0,3}}?|what (?:is|was|were|are) (?:the )?(?:[a-z'-]+ ){{0,3}}?)"
                         rf"(?:{_EN_SUMS})s?\b|^(?:[^,?]*,\s*)?what (?:[a-z-]+ ){{0,2}}?(?:{_EN_SUMS})s? "
                         rf"(?:did|does|do|will|has|have|had)\b|"  # "What revenue did X report?"
                         rf"\bhow much (?:money )?(?:did|does|do|will|has|have) (?:[a-z']+ ){{1,4}}?"
                         rf"(?:spend|pay|invest|earn|raise|donate|lend|borrow|owe|receive|get paid)\b")
# An English price: "How much did it cost?", "At what price...?", "What is the price of ...?"; not a change ("how much
# more", "the price rise").
ASKS_COST_EN = re.compile(r"\bhow much\b(?:(?!\b(?:more|higher|lower|less|rise|rose|fall|fell|increase)\b).)*"
                          r"\bcost\b|\bat what price\b|"
                          r"^(?:what|how much) (?:is|was|are|were) (?:the |[a-z0-9.-]+'s )(?:[a-z]+ ){0,4}?prices?"
                          r"(?: (?:of|from|in|at|for|on|after|since)\b(?!.*\b(?:rise|rose|fall|fell|increase|change)\b)"
                          r"|\W*$)")
# A sum a Vietnamese question names ("Thu nhập bình quân đầu người là bao nhiêu?", "Lợi nhuận đạt bao nhiêu?"); not
# its change or a comparison, which a share answers. Not "thưởng" (a bonus is often months of salary) nor "giá trị"
# (a value may be a share of something). "lương" and "lãi" only as written (lower-cased): folded, they are also
# "lượng", "lai".
_VI_SUMS = ("thu nhập|doanh thu|lợi nhuận|tiền phạt|phạt tiền|bồi thường|học phí|viện phí|kinh phí|tổng mức đầu tư|"
            "vốn đầu tư|thù lao|tiền thuê|tiền công|tiền hỗ trợ")
_NOT_A_SUM = r"(?!.*\b(?:tăng|giảm|hơn|chênh|lên|xuống|thêm|tỷ lệ|phần trăm|lần)\b).*\bbao nhiêu\b"
ASKS_SUM_VI = re.compile(rf"\b(?:{_VI_SUMS}|lương|lãi (?:trước|sau) thuế)\b{_NOT_A_SUM}")
ASKS_SUM_VI_FOLDED = re.compile(rf"\b(?:{fold(_VI_SUMS)})\b{fold(_NOT_A_SUM)}")


_NAMED_LUONG = re.compile(r"(?<=\S )Lương\b")


def lower_unnamed(question: str) -> str:
    """`question` lower-cased for `ASKS_SUM_VI`, without "Lương" capitalised after its first word: a family name
    ("bà Lương Thị Mỹ Hạnh"), not a salary."""
    return _NAMED_LUONG.sub("_", question).lower()


# What someone pays, as written ("phải trả bao nhiêu", "tốn bao nhiêu", "nộp bao nhiêu"; not its change), or "bao
# nhiêu tiền" however typed: money, for the bold span (not for `retrieval.measures`: "phải trả bao nhiêu?" may be
# answered by a share, "được giảm 50%").
_ASKS_PAID = re.compile(r"\b(?:trả|tốn|nộp)\b(?!.*\b(?:tăng|giảm|hơn|chênh|lên|xuống|thêm)\b).*\bbao nhiêu\b")
_ASKS_MONEY_FOLDED = re.compile(r"\bbao nhieu tien\b")


def asks_money(question: str) -> bool:
    """Whether the question's wording asks for a sum of money: a price or a fee (`ASKS_PRICE`, `ASKS_COST_EN`;
    `ASKS_PRICE_FOLDED` typed without accents), a sum it names (`ASKS_SUM_VI`, `ASKS_SUM_EN`), or what is paid
    (`_ASKS_PAID`, `_ASKS_MONEY_FOLDED`)."""
    lower, folded = lower_unnamed(question), fold(question)
    return any(p.search(text) for p, text in ((ASKS_PRICE, lower), (ASKS_SUM_VI, lower), (ASKS_SUM_VI_FOLDED, folded),
                                              (ASKS_SUM_EN, folded), (ASKS_COST_EN, folded), (_ASKS_PAID, lower),
                                              (_ASKS_MONEY_FOLDED, folded))) or (
        not has_diacritics(question) and bool(ASKS_PRICE_FOLDED.search(folded)))
