"""The provinces and countries a question asks about, and whether a sentence tells only of others.

"ha noi nam nay co bao nhieu ca sot xuat huyet" is not answered by "TP.HCM đã ghi nhận tổng cộng 12.946 ca mắc sốt
xuất huyết", however close the other words come; nor "Giá gạo Thái Lan 5% tấm hiện nay bao nhiêu?" by the price of
Vietnam's rice. Held-out news sets asked such questions more than any other kind the articles cannot answer.

Each level is read apart: Vietnam's provinces and its five centrally run cities, and countries. A question asks
about the places of a level it names; a sentence tells of the places it names, read strictly (a name written
with its capitals, not the "hòa bình" of peace, not "Bình Dương" inside "Thái Bình Dương"). The sentence answers
about another place only when it names a place of that level, none of them asked, and mentions none of the asked
ones in any way, read loosely (accents and case ignored, short forms such as "HCM", "Nhật", "Mỹ" counted).
Vietnam is never a place a question asks about: Vietnamese news is about Vietnam when it says nothing. Nor does a
figure for a list of places ("120 tấn sang Mỹ, Australia và Nhật Bản") answer a quantity asked of one of them
(`one_of_together`).

A Vietnamese question typed without accents and all in lower case names a place by its folded name ("ha noi",
"dak lak"), except for names that are also words ("hoa binh": peace, "cao bang": as high as). Nothing is read on a
match, where clubs bear their province's name.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from retrieval.asks import question_type
from retrieval.textnorm import fold, unaccent

# One place a line: the name shown first, then other ways to write it, "|" between (`_place`). "?": also a word when
# folded ("hoa binh": peace, "nha trang": the White House). "~": only mentions the place, naming it too rarely.
_PROVINCES = """
Hà Nội | Hanoi
TP.HCM | TP HCM | TPHCM | TP. HCM | TP Hồ Chí Minh | TP. Hồ Chí Minh | Thành phố Hồ Chí Minh | Ho Chi Minh City | HCMC
    | Sài Gòn | Saigon | ~HCM | ~Hồ Chí Minh
Hải Phòng | Haiphong
Đà Nẵng | Danang
Cần Thơ
Huế | Thừa Thiên Huế | Thừa Thiên - Huế | Thua Thien-Hue
An Giang | ~Long Xuyên | ~Châu Đốc
Bà Rịa - Vũng Tàu | Bà Rịa-Vũng Tàu | BR-VT | Vũng Tàu | Bà Rịa
Bắc Giang
Bắc Kạn | Bắc Cạn
Bạc Liêu
Bắc Ninh
Bến Tre
Bình Định | Quy Nhơn
Bình Dương | ~Thủ Dầu Một
Bình Phước
Bình Thuận | Phan Thiết | ~Mũi Né
Cà Mau
?Cao Bằng
Đắk Lắk | Đắc Lắc | Daklak | Buôn Ma Thuột
Đắk Nông | Đắc Nông
Điện Biên
Đồng Nai | Biên Hòa
Đồng Tháp | ~Cao Lãnh | ~Sa Đéc
Gia Lai | Pleiku
Hà Giang
Hà Nam
Hà Tĩnh
?Hải Dương
Hậu Giang
?Hòa Bình | ?Hoà Bình
Hưng Yên
Khánh Hòa | Khánh Hoà | ?Nha Trang
Kiên Giang | Phú Quốc | ~Rạch Giá
Kon Tum
Lai Châu
Lâm Đồng | Đà Lạt | ~Bảo Lộc
Lạng Sơn
Lào Cai | Sa Pa | Sapa
?Long An | ~Tân An
Nam Định
Nghệ An | ~Vinh
Ninh Bình
Ninh Thuận | ~Phan Rang
Phú Thọ | ~Việt Trì
Phú Yên | ~Tuy Hòa
Quảng Bình | ~Đồng Hới
Quảng Nam | Hội An | ~Tam Kỳ
Quảng Ngãi
Quảng Ninh | Hạ Long | ~Móng Cái | ~Cẩm Phả | ~Uông Bí
Quảng Trị | ~Đông Hà
Sóc Trăng
Sơn La
Tây Ninh
?Thái Bình
Thái Nguyên
Thanh Hóa | Thanh Hoá
Tiền Giang | Mỹ Tho
Trà Vinh
Tuyên Quang
Vĩnh Long
Vĩnh Phúc | ~Vĩnh Yên
Yên Bái
"""

_COUNTRIES = """
Việt Nam | Vietnam
Trung Quốc | China | ~Trung
Nhật Bản | Japan | ~Nhật
Hàn Quốc | South Korea | ~Hàn | ~Korea
Triều Tiên | North Korea | ~Korea
Mỹ | Hoa Kỳ | United States | USA | U.S. | US | America | ~USD | ~US dollar
Nga | Russia
Anh | Vương quốc Anh | United Kingdom | UK | Britain | England
Pháp | France
Đức | Germany
Ý | Italia | Italy
Tây Ban Nha | Spain
Bồ Đào Nha | Portugal
Hà Lan | Netherlands | Holland
Bỉ | Belgium
Thụy Sĩ | Thuỵ Sĩ | Switzerland
Thụy Điển | Thuỵ Điển | Sweden
Na Uy | Norway
Đan Mạch | Denmark
Phần Lan | Finland
Ba Lan | Poland
Ukraine
Thổ Nhĩ Kỳ | Turkey
Hy Lạp | Greece
Israel
Iran
Iraq
Ả Rập Xê Út | Saudi Arabia
UAE | United Arab Emirates
Qatar
Ai Cập | Egypt
Nam Phi | South Africa
Nigeria
Kenya
Ấn Độ | India
Pakistan
Bangladesh
Thái Lan | Thailand
Lào | Laos
Campuchia | Cambodia
Myanmar
Malaysia
Singapore
Indonesia
Philippines
Đài Loan | Taiwan
Hồng Kông | Hong Kong
Mông Cổ | Mongolia
Úc | Australia
New Zealand
Canada
Mexico
Brazil
Argentina
Áo | Austria
Hungary
Séc | Cộng hòa Séc | Czech
Slovakia
Romania
Bulgaria
Serbia
Croatia
Slovenia
Albania
Bắc Macedonia | North Macedonia | Macedonia
Bosnia và Herzegovina | Bosnia
Ireland
Iceland
Estonia
Latvia
Litva | Lithuania
Belarus
Moldova
Luxembourg
Monaco
Malta
Síp | Cyprus
Vatican | ?Tòa Thánh
Gruzia
Armenia
Azerbaijan
Kazakhstan
Uzbekistan
Turkmenistan
Kyrgyzstan
Tajikistan
Afghanistan
Syria
Liban | Lebanon
Kuwait
Oman
Yemen
Bahrain
Palestine
Sri Lanka
Nepal
Bhutan
Maldives
Brunei
Timor-Leste | Đông Timor
Papua New Guinea
Fiji
Maroc | Morocco
Algeria
Tunisia
Libya
Sudan
Ethiopia
Somalia
Tanzania
Uganda
Rwanda
Congo
Angola
Mozambique
Zimbabwe
Zambia
Namibia
Botswana
Madagascar
Ghana
Senegal
Cameroon
Bờ Biển Ngà | Côte d'Ivoire | Ivory Coast
Chile
Peru
Colombia
Venezuela
Ecuador
Bolivia
Paraguay
Uruguay
Cuba
Panama
Costa Rica
Guatemala
Honduras
Jamaica
Haiti
?Ma Cao | Macau
"""

# Forms that name a place only when written as they are here, not inside a longer name: the ocean "Thái Bình
# Dương", the street "Điện Biên Phủ", "Lào Cai" and the border gate "Lao Bảo" (not Laos), labour ("Sở Lao động",
# "Lao Động": not Laos either), the currency "US dollar". Read on unaccented text, case kept.
_NOT_AFTER = r"(?<!Thai )"
_NOT_BEFORE = r"(?! (?:Duong|Phu|Cai|Bao|[Dd]ong|dollars?)\b)"
# Short country names that are also words or people's names ("anh Đức", "chị Nga", "Mỹ Tho"): they name a country
# only after a word that says so, and not before another name.
_SAID_COUNTRY = (r"(?i:\b(?:nuoc|tai|sang|vao|tu|cua|voi|o|den|phia|vuong quoc|lien bang|chlb|thi truong|chinh phu|"
                 r"nguoi|tong thong|thu tuong|dai su quan)\s+)")
_SHORT = frozenset({"Anh", "Duc", "Nga", "Y", "My", "Bi", "Ao", "Sec"})


@dataclass(frozen=True)
class Place:
    name: str  # as shown: "TP.HCM"
    names: re.Pattern[str]  # naming it, on unaccented text with its case kept
    lower: re.Pattern[str] | None  # naming it in a lower-case question typed without accents (folded)
    mentions: re.Pattern[str]  # mentioning it in any way, folded
    compared: re.Pattern[str] | None = None  # the words before a naming that make it no naming (folded)
    # the first word of each form `names` reads (unaccented, case kept): a text without one names it not, and
    # `named_spans` skips it unread (None: always read)
    firsts: frozenset[str] | None = None
    forms: tuple[str, ...] = ()  # the forms naming it, as the table writes them ("Úc", "Australia")


def _words(forms: list[str]) -> str:
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(set(forms), key=len, reverse=True))


def _place(line: str) -> Place:
    """A table line: forms between "|"; "~" before a form: it only mentions the place; "?": it is also a word when
    folded, so a lower-case question typed without accents does not name the place by it."""
    raw = [f.strip() for f in line.split("|")]
    naming = [f.lstrip("?") for f in raw if not f.startswith("~")]
    plain = [unaccent(f) for f in naming]
    short = [f for f in plain if f in _SHORT]
    long = [f for f in plain if f not in _SHORT]
    parts = [rf"{_NOT_AFTER}(?<![\w.-])(?:{_words(long)})(?![\w-]){_NOT_BEFORE}"] if long else []
    if short:
        parts.append(rf"{_SAID_COUNTRY}(?:{_words(short)})(?![\w-])(?! [A-Z])")
    # a lower-cased short form is a word too, but not an acronym of four letters or more ("tphcm", "tp.hcm", "hcmc")
    lower_forms = [fold(f) for f in raw if f[0] not in "~?" and (" " in f or len(f) > 6 or (
        len(f) > 3 and f.replace(".", "").isupper()))]
    lower = re.compile(rf"(?<![\w.-])(?:{_words(lower_forms)})(?![\w-])") if lower_forms else None
    return Place(name=naming[0], names=re.compile("|".join(parts)), lower=lower,
                 mentions=re.compile(rf"(?<![\w-])(?:{_words([fold(f.lstrip('~?')) for f in raw])})(?![\w-])"),
                 firsts=frozenset(_TOKEN.match(f).group() for f in plain), forms=tuple(naming))


_TOKEN = re.compile(r"\w+")


def _table(text: str) -> tuple[Place, ...]:
    lines = re.sub(r"\n\s+\|", " |", text).strip().splitlines()  # a line continued on the next
    return tuple(_place(line) for line in lines if line.strip())


# The whole country, read as one more province: "Đắk Lắk xuất khẩu bao nhiêu sầu riêng?" is not answered by the
# country's exports ("xuất khẩu sầu riêng cả nước đạt 1,86 tỷ USD"), nor "How many candidates sat the exam
# nationwide?" by one province's count. Not where it ranks a province or is compared with one ("cao nhất cả nước",
# "đứng thứ 5 toàn quốc", "thấp hơn mức bình quân cả nước", "so với cả nước"): `compared`, the two words before.
NATION = Place(
    name="cả nước",
    names=re.compile(r"(?i:\b(?:ca nuoc|toan quoc|nationwide|across the country|whole country|(?:the )?country as "
                     r"a whole)\b)"),
    lower=re.compile(r"\b(?:ca nuoc|toan quoc)\b"),
    mentions=re.compile(r"\b(?:ca nuoc|toan quoc|nationwide|country|viet nam|vietnam|quoc gia|national)\b"),
    compared=re.compile(r"\b(?:nhat|dau|top|hang|voi|cua|trong|thu(?: [a-z0-9]+)?|hon|binh quan|trung binh|chung|"
                        r"muc)\s+(?:[a-z0-9]+\s+)?$"))
# Abroad as a whole, read as one more country where a sentence tells of it: "How many Nghe An workers went to
# Germany?" is not answered by "11.860 người đi làm việc ở nước ngoài", every country's together. Never asked: a
# question on work abroad may be answered by one country's figure as well as by the sum.
ABROAD = Place(name="nước ngoài", names=re.compile(r"(?i:\b(?:nuoc ngoai|abroad|overseas)\b)"),
               lower=None, mentions=re.compile(r"\b(?:nuoc ngoai|abroad|overseas)\b"))
PROVINCES = _table(_PROVINCES) + (NATION,)
COUNTRIES = _table(_COUNTRIES) + (ABROAD,)
# Every country's, and every province's or country's, name as the tables write it ("Hàn Quốc", "Thái Nguyên"): a
# place's, whatever person's it looks like.
COUNTRY_FORMS = frozenset(form for place in COUNTRIES for form in place.forms)
PLACE_FORMS = COUNTRY_FORMS | frozenset(form for place in PROVINCES for form in place.forms)
_HOME = "Việt Nam"


@functools.lru_cache(maxsize=1024)
def other_names(name: str) -> tuple[str, ...]:
    """The other forms naming the province or country `name` names ("Úc" -> "Australia"; "Hoa Kỳ" -> "Mỹ", "United
    States" ...), for an article that writes it one way and a question another; () for any other name."""
    key = fold(name).lower()
    for place in PROVINCES + COUNTRIES:
        if key in (fold(f).lower() for f in place.forms):
            return tuple(f for f in place.forms if fold(f).lower() != key)
    return ()


# A place a sentence names only to place something else by it, or as where something goes or comes from: "Sân bay
# Long Thành, cách TP.HCM 40 km", "nối Bình Dương với TP.HCM", "chuyển ra Hà Nội", "xuất khẩu sang Mỹ"; or in a
# clause that compares with it ("cao hơn ... so với giá gạo cùng loại của Thái Lan") or gives a speaker's post ("Ông
# Tài, Chủ tịch UBND tỉnh An Giang, cho biết ..."). The sentence does not tell of it (folded, the words before it,
# and its clause).
_RELATED = re.compile(r"\b(?:cach|noi|voi|tu|den|toi|sang|ra|vao|ve|giap|gan|qua|from|to|near)\s+"
                      r"(?:(?:tinh|thanh pho|tp\.?|thu do|nuoc|thi truong)\s+)?$")
# (a head, "trưởng", only in a title: folded, "trường hợp", "thị trường" and "tăng trưởng" write it too)
_ASIDE = re.compile(r"\b(?:so voi|hon|than|compared|chu tich|giam doc|bi thu|(?:hieu|cuc|vu|vien|doi|thon) truong|"
                    r"truong (?:phong|ban|khoa|doan|thon|cong an)|thu truong|bo truong|dai bieu|"
                    r"uy vien|pho|chairman|director|secretary|minister)\b")
_CLAUSE_START = re.compile(r".*[,;:(]", re.DOTALL)


def _named(text: str, table: tuple[Place, ...], *, question: bool) -> list[Place]:
    """The places `text` names; a sentence's (`question` False) not those it only relates others to (`_RELATED`)."""
    plain = unaccent(text)
    typed_lower = question and plain == text and text == text.lower()  # "ha noi nam nay ..."
    folded = fold(text)
    return [p for p in table if _names(p, plain, told=not question)
            or (typed_lower and p.lower is not None and p.lower.search(folded))]


def _names(place: Place, plain: str, *, told: bool) -> bool:
    """Whether unaccented `plain` names `place`, in a way its `compared` words (and, if `told`, `_RELATED` ones) do
    not undo."""
    undo = [w for w in (place.compared, _RELATED if told else None) if w is not None]
    return any(not any(w.search(fold(plain[max(0, m.start() - 30):m.start()])) for w in undo)
               and not (told and _ASIDE.search(fold(_clause_before(plain, m.start()))))
               for m in place.names.finditer(plain))


def _clause_before(text: str, end: int) -> str:
    """The part of `text` before `end` since the last comma, semicolon, colon or bracket."""
    head = text[:end]
    cut = _CLAUSE_START.match(head)
    return head[cut.end():] if cut else head


@functools.lru_cache(maxsize=256)
def _question_places(question: str) -> tuple[tuple[Place, ...], tuple[Place, ...]]:
    """The provinces and the countries a question names, Vietnam included."""
    return tuple(_named(question, PROVINCES, question=True)), tuple(_named(question, COUNTRIES, question=True))


def asked_places(question: str) -> tuple[tuple[Place, ...], tuple[Place, ...]]:
    """The provinces and the countries (not Vietnam) a question names."""
    provinces, countries = _question_places(question)
    return provinces, tuple(p for p in countries if p.name != _HOME and p is not ABROAD)


_SHORT_NAMED = re.compile(r"(?<![\w-])(?:Mỹ|Nga|Đức|Pháp|Anh|Ý|Úc|Lào)(?![\w-])(?! [A-ZĐ])")


def names_partner(question: str) -> bool:
    """Whether the question names a country besides Vietnam in any way, a short name included wherever it is written
    capitalised ("Mỹ nhập khẩu bao nhiêu cá tra?"): a trading partner."""
    return bool(asked_places(question)[1] or _SHORT_NAMED.search(question))


# Clubs and national teams bear their province's or country's name, and a sentence on a match names the side that
# scored, not always the one asked about ("Nam Định thắng 3-1" for "Hà Nội FC thua mấy bàn?"): not read there.
_SPORT = re.compile(r"\b(?:fc|clb|cau lac bo|v\.?league|doi bong|doi tuyen|doi chu nha|tran dau|ghi ban|"
                    r"ban thang|ty so|hiep (?:1|2|mot|hai|phu)|san van dong|football|match|team|club|league|goals?|"
                    r"scored?|cup)\b")


def other_place(question: str, sentence: str, title: str = "") -> tuple[str, tuple[str, ...]] | None:
    """The places asked (joined) and the places told, if a question asking a quantity or a date names provinces (or
    countries) and the sentence names others of that level, none the question names, and mentions no asked one in
    any way; None otherwise, and for a match (`_SPORT`). Not for other questions: "Ai đã chiếm đóng Singapore?" is
    answered by the country that did ("Nhật Bản"). Nor when the sentence's article `title` mentions an asked place
    and the sentence names other places, not the whole country: in an article on a festival in Huế, "học bổng tại
    một khách sạn ở Đà Nẵng" still tells of Huế's contest; but an article on Đắk Lắk's durian quoting the country's
    exports does not tell of Đắk Lắk's, nor one titled "Giá chung cư Hà Nội ... vượt mặt TP HCM" of TP HCM's supply
    in "Nguồn cung mới tại Hà Nội ... 9.800 căn" (its title names both)."""
    folded = fold(sentence)
    if question_type(question) not in ("quantity", "date") or _SPORT.search(folded) or _SPORT.search(fold(question)):
        return None
    # what the question names, Vietnam too ("đoàn Việt Nam tại thượng đỉnh ở Kenya"), is no other place
    for table, asked, named in zip((PROVINCES, COUNTRIES), asked_places(question), _question_places(question)):
        if not asked or any(p.mentions.search(folded) for p in asked):
            continue
        told_places = [p for p in _named(sentence, table, question=False) if p not in named]
        told = [p.name for p in told_places]
        # (unless the title names a told place too: an article comparing Hà Nội with TP HCM tells of each in turn)
        titled = bool(title) and any(p.mentions.search(fold(title)) for p in asked) and not any(
            p.mentions.search(fold(title)) for p in told_places)
        if told and not (titled and NATION.name not in told):
            return ", ".join(p.name for p in asked), tuple(told)
    return None


def named_spans(table: tuple[Place, ...], plain: str) -> list[tuple[int, int, str]]:
    """(start, end, place name), in order, for each place of `table` that unaccented `plain` names, from the name's
    first capital (a short name's match starts at the word before it: "sang Mỹ")."""
    words = set(_TOKEN.findall(plain))
    return sorted((m.start() + next((i for i, ch in enumerate(m.group()) if ch.isupper()), 0), m.end(), p.name)
                  for p in table if p.firsts is None or not p.firsts.isdisjoint(words) for m in p.names.finditer(plain))


# Between the names of a list: "Mỹ, Australia và Nhật Bản", "Tây Ninh, Long An and Bình Phước".
LIST_GAP = re.compile(r"\s*,\s*(?:(?:va|and)\s+)?|\s+(?:va|and)\s+")
_RESPECTIVELY = re.compile(r"\b(?:lan luot|respectively|moi (?:noi|nuoc|tinh))\b")


def one_of_together(question: str, sentence: str) -> tuple[str, tuple[str, ...]] | None:
    """The places asked (joined) and the list they are told in, if a question asking a quantity names some of the
    places of a level that the sentence names only in a list with others ("Cả vụ, công ty đặt kế hoạch xuất khoảng
    120 tấn sang Mỹ, Australia và Nhật Bản" for "... sang Nhật Bản?"): its figure is the list's, not theirs. Not
    where the list's places each get their own ("lần lượt"), nor for a match (`_SPORT`)."""
    folded, folded_q = fold(sentence).lower(), fold(question)
    if (question_type(question) != "quantity" or _SPORT.search(folded) or _SPORT.search(folded_q)
            or _RESPECTIVELY.search(folded)):
        return None
    plain = unaccent(sentence)
    for table, asked in zip((PROVINCES, COUNTRIES), asked_places(question)):
        if not asked:
            continue
        found = named_spans(table, plain)
        lists: list[list[tuple[int, int, str]]] = []
        for a, b, name in found:
            if lists and LIST_GAP.fullmatch(fold(plain[lists[-1][-1][1]:a]).lower()):
                lists[-1].append((a, b, name))
            else:
                lists.append([(a, b, name)])
        # (and those it mentions another way: "ho son la hoa binh" typed in lower case names "Hòa Bình" too)
        wanted = {p.name for p in asked} | {p.name for p in table if p.mentions.search(folded_q)}
        for run in lists:
            members = [name for _, _, name in run]
            rest = fold(sentence[:run[0][0]] + " ; " + sentence[run[-1][1]:])
            alone = any(p.mentions.search(rest) for p in asked)  # "..., riêng Mỹ đạt 2 tỷ USD"
            if len(set(members)) > 1 and wanted & set(members) and not set(members) <= wanted and not alone:
                return ", ".join(sorted(wanted & set(members))), tuple(members)
    return None


def mentions_asked(question: str, sentence: str, names: str) -> bool:
    """Whether `sentence` mentions, in any way, each of the places `question` asks about that `names` (joined, as a
    mismatch's asked value) holds ("Trong khi đó, giá ... tại TP HCM ở mức 68 triệu đồng" for "... price in HCMC?";
    not "Nghệ An" for "Nghe An workers in Germany", where Germany is the place told otherwise)."""
    folded = fold(sentence)
    wanted = set(names.split(", "))
    asked = [p for table in asked_places(question) for p in table if p.name in wanted]
    return bool(asked) and all(p.mentions.search(folded) for p in asked)
