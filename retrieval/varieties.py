"""Things of a closed set of varieties, where a question asks of one and a sentence tells of others only: "Hộ có lợn
chết rét được hỗ trợ bao nhiêu?" is not answered by "hộ có trâu, bò ... được hỗ trợ 4 triệu đồng mỗi con", "Ai là
hiệu trưởng trường tiểu học Mù Cả?" not by "Hiệu trưởng Trường THCS Mù Cả", "How much is a single-trip ticket?" not
by "vé tháng ... 150.000 đồng", "Which team won the men's title?" not by "đội nữ ... lên ngôi vô địch".

Each set is one news writes of often and whose varieties have no other names: farm animals, crops and fruit trees
("bao nhiêu ha ngô" is not answered by "95 ha mận"), kinds of shrimp, organs transplanted, school levels, kinds of
ticket and of seat, of gold and of fuel, black and white pepper, kinds of vehicle, a morning's and an afternoon's
session, a sport's men and women, a tournament's final, semifinals and quarterfinals; and, for a question asking
when, a works' start and end, a rule's start and end. A question naming exactly one variety of a set is not answered
by a sentence that names others of the set and not it. Read on lower-case text with its accents (folded, "bò" is
also "bỏ", "gan" "gần"); a question typed without accents names a variety only by words that cannot be others ("ghep
gan", "tieu hoc", "ve thang").
"""
from __future__ import annotations

import functools
import re

from retrieval.asks import question_type
from retrieval.language import detect_language, has_diacritics
from retrieval.textnorm import fold

# A sport's men's or women's event: "nam" or "nữ" after the event or the team ("đơn nam", "đội nữ", "200 m bơi ngửa
# nam"), not the year "năm" nor the South.
_EVENT = (r"(?:đội|giải|bóng đá|bóng chuyền|bóng rổ|bóng bàn|cầu lông|quần vợt|cá nhân|đơn|đôi|ngửa|ếch|bướm|tự do|"
          r"hỗn hợp|tiếp sức|vđv|vận động viên|tuyển|nội dung|hạng cân)")
_EVENT_TYPED = fold(_EVENT)
# set -> variety (as the articles write it) -> (its words written with accents or in English, typed without accents)
_VARIETIES: dict[str, dict[str, tuple[str, str | None]]] = {
    "animal": {
        "lợn": (r"lợn|heo|pigs?|hogs?|swine", None),
        "trâu": (r"trâu|buffalo(?:es)?", None),
        "bò": (r"bò(?! sát)|cows?|cattle|oxen", None),
        "gà": (r"gà|chickens?|hens?", None),
        "vịt": (r"vịt|ducks?", None),
        "dê": (r"dê|goats?", None),
        "ngựa": (r"ngựa|horses?", None),
        "chó": (r"chó|dogs?", None),
        "mèo": (r"mèo|cats?", None),
    },
    # crops ("Bao nhiêu ha lúa bị hư hại?" is not answered by "162 ha ngô mới trồng và hơn 40 ha rau màu")
    "crop": {
        "lúa": (r"lúa|gạo|rice|paddy", r"lua gao|lua nuoc|ruong lua|gao"),
        "ngô": (r"ngô|bắp|corn|maize", None),
        # ("3 ha mì": cassava, not "mì tôm", noodles)
        "sắn": (r"sắn|khoai mì|cassava|mì(?! tôm| quảng| ăn liền| gói| trộn| xào| ý| chính| sợi)", r"khoai mi"),
        "mía": (r"mía|sugarcane|sugar cane", None),
        "cà phê": (r"cà phê|coffee", r"ca phe"),
        "hồ tiêu": (r"hồ tiêu|pepper", r"ho tieu"),
        "cao su": (r"cao su|rubber", r"cao su"),
        "rau màu": (r"rau màu|rau|vegetables?", r"rau mau"),
        # fruit trees (not "vải", cloth, alone; nor "nhãn hiệu", a brand; nor "Thanh Long", a name)
        "mận": (r"mận|plums?", None),
        "xoài": (r"xoài|mangoes|mangos?", r"xoai"),
        "sầu riêng": (r"sầu riêng|durians?", r"sau rieng"),
        "thanh long": (r"(?:trái|quả|cây|vườn) thanh long|dragon fruits?", None),
        "bưởi": (r"bưởi|pomelos?", None),
        "vải": (r"vải thiều|lychees?|litchis?", r"vai thieu"),
        "nhãn": (r"nhãn(?! hiệu| mác| dán| khoa)|longans?", None),
        "điều": (r"hạt điều|cây điều|cashews?", r"hat dieu|cay dieu"),
    },
    # kinds of shrimp ("giá tôm thẻ chân trắng" is not answered by "giá tôm sú")
    "shrimp": {
        "tôm sú": (r"tôm sú|black tiger", r"tom su"),
        "tôm thẻ": (r"tôm thẻ|thẻ chân trắng|whiteleg|white-leg|vannamei", r"tom the|the chan trang"),
        "tôm hùm": (r"tôm hùm|lobsters?", r"tom hum"),
    },
    "organ": {
        # one transplant of two organs is both: "ghép tim phổi", "heart-lung transplants"
        "gan": (r"ghép(?: \w+)? gan|liver", r"ghep(?: \w+)? gan"),
        "thận": (r"ghép(?: \w+)? thận|kidneys?", r"ghep(?: \w+)? than"),
        "tim": (r"ghép(?: \w+)? tim|heart(?:-lung)? transplants?", r"ghep(?: \w+)? tim"),
        "phổi": (r"ghép(?: \w+)? phổi|(?:heart-)?lung transplants?", r"ghep(?: \w+)? phoi"),
        "giác mạc": (r"giác mạc|corneas?", r"giac mac"),
    },
    "school": {
        "tiểu học": (r"tiểu học|primary school|elementary school", r"tieu hoc"),
        "THCS": (r"thcs|trung học cơ sở|lower secondary|middle school|junior high", r"thcs|trung hoc co so"),
        "THPT": (r"thpt|trung học phổ thông|high school|upper secondary", r"thpt|trung hoc pho thong"),
        "mầm non": (r"mầm non|mẫu giáo|kindergarten|preschool", r"mam non|mau giao"),
    },
    "ticket": {
        "vé lượt": (r"vé lượt|vé một chiều|single[- ](?:trip|journey|ride)|one-way", r"ve luot|ve mot chieu"),
        "vé khứ hồi": (r"vé khứ hồi|khứ hồi|round[- ]trip|return ticket", r"ve khu hoi|khu hoi"),
        "vé ngày": (r"vé ngày|day pass|daily pass|day ticket", r"ve ngay"),
        "vé tháng": (r"vé tháng|monthly pass|monthly ticket", r"ve thang"),
    },
    "cabin": {
        "hạng phổ thông": (r"hạng phổ thông|economy class", r"hang pho thong"),  # not "the economy"
        "hạng thương gia": (r"hạng thương gia|business class", r"hang thuong gia"),
    },
    "gold": {
        "vàng miếng": (r"vàng miếng|gold bars?|bullion", r"vang mieng"),
        "vàng nhẫn": (r"vàng nhẫn|nhẫn trơn|gold rings?", r"vang nhan|nhan tron"),
    },
    "fuel": {
        "xăng E5 RON 92": (r"e5|ron 92", r"e5|ron 92"),
        "xăng RON 95": (r"ron 95", r"ron 95"),
        "dầu diesel": (r"diesel|dầu do", r"diesel"),
        "dầu hỏa": (r"dầu hỏa|kerosene", r"dau hoa"),
        "dầu mazut": (r"mazut|fuel oil", r"mazut"),
        "khí hóa lỏng": (r"lpg|khí hóa lỏng|gas hóa lỏng|liquefied petroleum gas|cooking gas", r"lpg|khi hoa long"),
    },
    # black or white pepper ("giá tiêu trắng" is not answered by "tiêu đen ... 148.000 đồng/kg")
    "pepper": {
        "tiêu đen": (r"tiêu đen|black pepper", r"tieu den"),
        "tiêu trắng": (r"tiêu trắng|white pepper", r"tieu trang"),
    },
    # kinds of vehicle ("phạt xe máy vượt đèn đỏ" is not answered by "ô tô vượt đèn đỏ bị phạt 18-20 triệu đồng")
    "vehicle": {
        "xe máy": (r"xe máy|xe mô tô|motorbikes?|motorcycles?|scooters?", r"xe may|xe mo to"),
        "ô tô": (r"ô tô|xe hơi|cars?|pickups?|pickup trucks?", r"o to|xe hoi"),  # "ô tô bán tải", a pickup
        "xe tải": (r"xe tải|(?<!pickup )(?<!container )trucks?|lorr(?:y|ies)", r"xe tai"),  # not "xe container"
    },
    # an exam's or a meeting's morning and afternoon sessions
    "session": {
        "buổi sáng": (r"buổi sáng|morning session|in the morning", r"buoi sang"),
        "buổi chiều": (r"buổi chiều|afternoon session|in the afternoon", r"buoi chieu"),
    },
    # a racket sport's events ("đôi nữ" is not "đồng đội nữ", the women's team; "đồng đội" alone is a teammate)
    "event": {
        "đơn": (r"đơn nam|đơn nữ|nội dung đơn|singles", r"don nam|don nu"),  # "Mỗi nhà vô địch nội dung đơn"
        "đôi": (r"đôi nam(?! nữ)|đôi nữ|nội dung đôi(?! nam nữ)|(?<!mixed )doubles", None),
        "đôi nam nữ": (r"đôi nam nữ|mixed doubles", None),
        "đồng đội": (r"đồng đội nam|đồng đội nữ|nội dung đồng đội|team event|(?:men's|women's) team",
                     r"dong doi (?:nam|nu)"),
    },
    # a tournament's stage ("Who did Hieu beat in the semifinal?" is not answered by the final's result; "vòng chung
    # kết" is the finals, a tournament, and "final" also "final score", "final result")
    "stage": {
        "chung kết": (r"(?<!vòng )chung kết|(?<![\w-])finals?(?=\s*(?:[?.,!]|$)|\s+(?:of|in|on|at|against|between|"
                      r"match|game)\b)", r"(?<!vong )chung ket"),
        "bán kết": (r"bán kết|semi-?finals?", r"ban ket"),
        "tứ kết": (r"tứ kết|quarter-?finals?", r"tu ket"),
    },
    "sex": {  # typed without accents, "nam" is also "năm", the year: "giai nam nay", "doi nam 2023"
        "nội dung nam": (rf"men's|{_EVENT} nam", rf"{_EVENT_TYPED} nam(?! (?:nay|ngoai|truoc|sau|toi|qua|nao|\d))"),
        "nội dung nữ": (rf"women's|ladies|{_EVENT} nữ", rf"{_EVENT_TYPED} nu"),
    },
    # A works' start and its end, for a question asking when (`_WHEN_ONLY`): "khởi công năm nào?" is not answered
    # by "khánh thành ... sau gần ba năm xây dựng", nor "dự kiến hoàn thành khi nào?" by "khởi công ngày 19/8".
    "milestone": {
        # ("được xây dựng từ năm 1700 và hoàn thành vào năm 1736" gives both)
        "khởi công": (r"khởi công|động thổ|bắt đầu (?:xây dựng|thi công)|(?:xây dựng|thi công) từ|broke ground|"
                      r"break ground|ground-?breaking|"
                      r"(?:start|begin|began|begun)\w* (?:the )?(?:construction|building|work)|"
                      r"construction\b[^?,.]{0,40}\b(?:start|begin|began|begun)",
                      r"khoi cong|dong tho|bat dau (?:xay dung|thi cong)|(?:xay dung|thi cong) tu"),
        "khánh thành": (r"khánh thành|thông xe|khai trương|hoàn thành|hoàn tất|đưa vào (?:sử dụng|khai thác|vận hành|"
                        r"hoạt động)|(?:vận hành|khai thác) thương mại|inaugurat\w*|open(?:ed|s|ing)?|"
                        r"complet(?:ed|es|ion)|finish(?:ed|es)?|commercial operation|put into (?:use|operation)",
                        r"khanh thanh|thong xe|khai truong|hoan thanh|dua vao su dung|"
                        r"(?:van hanh|khai thac) thuong mai"),
        # a bridge's span joined, neither its start nor its opening
        "hợp long": (r"hợp long|(?:span|spans|deck) (?:was |were )?(?:joined|closed|closure)", r"hop long"),
    },
    # When a rule, an agreement or a licence starts and when it ends: "hết hiệu lực khi nào?" is not answered by
    # "có hiệu lực từ ngày 1/9" (but is by "có hiệu lực từ ngày 1/9/2025 đến hết năm 2030").
    "validity": {
        "có hiệu lực": (r"có hiệu lực|hiệu lực từ|áp dụng từ|takes? effect|took effect|(?:comes?|came) into force|"
                        r"effective", r"co hieu luc|hieu luc tu|ap dung tu"),
        "hết hiệu lực": (r"hết hiệu lực|hiệu lực (?:từ [^,.;]{1,30} )?(?:đến|tới)|hết hạn|expir\w*",
                         r"het hieu luc|het han"),
    },
}
_WHEN_ONLY = frozenset({"milestone", "validity"})  # sets read only in a question asking when
_LAST = re.compile(r"(?<=[?？])\s+")
_WRITTEN = {kind: {name: re.compile(rf"\b(?:{words})\b") for name, (words, _) in names.items()}
            for kind, names in _VARIETIES.items()}
_TYPED = {kind: {name: re.compile(rf"\b(?:{typed})\b") for name, (_, typed) in names.items() if typed}
          for kind, names in _VARIETIES.items()}


@functools.lru_cache(maxsize=256)
def _asked(question: str) -> dict[str, str]:
    """set -> the one variety of it the question names (sets where it names several are left out)."""
    typed = not has_diacritics(question) and detect_language(question) != "en"
    text, table = (fold(question).lower(), _TYPED) if typed else (question.lower(), _WRITTEN)
    asked = {}
    # Its last sentence asks when: "... khởi công từ khi nào? sao bị chậm tiến độ?" (a follow-up read after the
    # question before it) asks why.
    last = _LAST.split(question.strip())[-1]
    when = question_type(last) == "date"
    for kind, names in table.items():
        if kind in _WHEN_ONLY and not when:
            continue
        read = (fold(last).lower() if typed else last.lower()) if kind in _WHEN_ONLY else text
        found = [name for name, words in names.items() if words.search(read)]
        if len(found) == 1:
            asked[kind] = found[0]
    return asked


def asked_variety(question: str) -> re.Pattern[str] | None:
    """The words of the one variety the question names (of the first set it names one of, bar a crop or a shrimp,
    more often what the whole sentence is about than what one of its figures counts: "kim ngạch xuất khẩu gạo" is
    not the "7,5 triệu tấn gạo" of "... 7,5 triệu tấn gạo, với kim ngạch dự kiến đạt 5 tỷ USD"), for lower-case text
    with its accents; None if it names none."""
    return next((_WRITTEN[kind][name] for kind, name in _asked(question).items() if kind not in _SUBJECTS), None)


_SUBJECTS = frozenset({"crop", "shrimp"})


def names_variety(question: str, sentence: str) -> bool:
    """Whether `sentence` names the varieties the question asks of ("nội dung đơn nữ" for "women's singles": the
    event and the sex); not a works' start or end, nor a rule's, which say nothing of which works or rule
    ("hoàn thành" of another school)."""
    lower = sentence.lower()
    asked = [(kind, name) for kind, name in _asked(question).items() if kind not in _WHEN_ONLY]
    return bool(asked) and all(_WRITTEN[kind][name].search(lower) for kind, name in asked)


def other_variety(question: str, sentence: str, title: str = "") -> tuple[str, tuple[str, ...]] | None:
    """The variety asked and the others of its set the sentence names instead, when it names others and not it; a
    crop or a shrimp only if its article's `title` does not name the asked one either (in an article on pepper,
    "sản lượng vụ 2024 chỉ đạt khoảng 170.000 tấn do ... chuyển sang trồng sầu riêng" is pepper's)."""
    lower = sentence.lower()
    for kind, name in _asked(question).items():
        if kind in _SUBJECTS and _WRITTEN[kind][name].search(title.lower()):
            continue
        told = tuple(other for other, words in _WRITTEN[kind].items() if words.search(lower))
        if told and name not in told:
            return name, told
    return None
