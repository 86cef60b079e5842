"""Tell Vietnamese from English questions, including Vietnamese typed without accents.

Users type questions either in Vietnamese (often without diacritics on a phone
keyboard) or in English. Each word votes: Vietnamese-specific letters and marks
are strong Vietnamese evidence, frequent unaccented Vietnamese syllables and
English function words are medium evidence, and a word that cannot be a
Vietnamese syllable at all (``budget``, ``revenue``) is English evidence.
Capitalised words inside a sentence are probably names and vote weakly, so
"Who is Nguyễn Văn Thành?" is English.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["detect_language", "has_diacritics"]

_WORD_RE = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")
_SENTENCE_END_RE = re.compile(r"[.!?…:]\s*$")
# A single Vietnamese syllable once diacritics are removed: onset + nucleus + coda.
_VI_SYLLABLE_RE = re.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(oai|oay|oeo|uay|uoi|uou|uya|uye|uyu|ieu|yeu"
    r"|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ye|[aeiouy])"
    r"(ch|ng|nh|[cmnpt])?"
)
# Marks that (among Latin-script languages) essentially only Vietnamese uses:
# breve, circumflex, horn, hook above, dot below.
_VI_SPECIFIC_MARKS = frozenset("\u0306\u0302\u031b\u0309\u0323")
# Tilde on these vowels is Vietnamese (ã, õ also occur in Portuguese).
_VI_TILDE_BASES = frozenset("eiuyEIUY")

# Frequent Vietnamese syllables as typed without accents (folded, lowercase).
_VI_COMMON = frozenset(
    """
    ai anh ba bac ban bang bao bay bi bien bo boi bon buoi ca cac cach cai cam can cao cap cau chi chien
    chinh cho chu chua chuc chung co con cong cua cuc cuoc cung cuoi da dai dan dang dao dat dau day
    den di dia dich dien dieu dinh do doan doc doi don dong du dua duc dung duoc duong gia giai giam
    gian giao gio gioi gi ha hai han hang hanh hay he hien hieu hinh ho hoa hoang hoc hoi hon hop huong
    huyen khac khai khi khoa khong khu kien kinh ky la lai lam lan lanh lao le lien linh loai loi luat
    luc luong ly ma mai may mien minh moi mot muc muoi nam nang nao nay ngan ngay nghe nghi nghiep ngoai
    nguoi nha nhan nhat nhau nhieu nhu nhung no noi nong nuoc o ong phai phan phat pho phong phu quan
    quoc quy ra sach san sang sao sau se so su tai tam tan tang tao tap tay te thang thanh thao the
    thi thien thoi thong thu thuc thuong tien tieu tinh to toan toi tong tra trai tren trieu trinh
    tro trong truoc truong tu tuan tuoi tuong tuy uy va van ve viec vien viet vo voi vu vua vung xa xay
    xuat xuan
    """.split()
)
# English function words and very frequent question/content words.
_EN_COMMON = frozenset(
    """
    a about after all also am an and any are as at be because been before being between both but by
    can could did do does during each first for from had has have he her here him his how i if in
    into is it its many may me might more most much must my name named new no not of on one only or
    other our out over people said she should since so some than that the their them then there these
    they this those through to two under until up us was we were what when where which while who whom
    whose why will with would year years you your
    """.split()
)


def _marks(word: str) -> tuple[str, str]:
    """(NFD marks, lowercase base letters) of ``word``; đ counts as base ``d`` + a mark."""
    bases, marks = [], []
    for ch in unicodedata.normalize("NFD", word):
        if unicodedata.combining(ch):
            marks.append(ch)
        elif ch in "đĐ":
            bases.append("d")
            marks.append("đ")
        else:
            bases.append(ch.lower())
    return "".join(marks), "".join(bases)


def has_diacritics(text: str) -> bool:
    """True if any letter carries a diacritic (tone or vowel mark) or is ``đ``."""
    return any(ch in "đĐ" or unicodedata.combining(ch) for ch in unicodedata.normalize("NFD", text))


# Vietnamese question wording as typed without accents: strong evidence where its words alone are not ("may"
# is English too, and "hagl xep thu may" or "tp hcm metro so 2 khanh thanh ngay nao" have English-looking words).
_VI_ASKING = re.compile(r"\b(?:bao (?:nhieu|lau|xa)|(?:khi|luc|ngay|thang|nam|thu|cai|nguoi) nao|the nao|"
                        r"o dau|la (?:gi|ai)|thu may|may gio|phut may|tai sao|vi sao|ra sao)\b")
_VI_ASKING_VOTE = 1.5
# A lowercase word without a vowel is an acronym typed fast ("tp", "hcm", "ubnd"): no evidence either way.
_NO_VOWEL = re.compile(r"[^aeiouy]+")


def _is_vietnamese_specific(word: str) -> bool:
    nfd = unicodedata.normalize("NFD", word)
    if "đ" in word or "Đ" in word or any(ch in _VI_SPECIFIC_MARKS for ch in nfd):
        return True
    return any(ch == "\u0303" and i > 0 and nfd[i - 1] in _VI_TILDE_BASES for i, ch in enumerate(nfd))


def _word_votes(word: str) -> tuple[float, float]:
    """(vietnamese, english) evidence from one word."""
    marks, base = _marks(word)
    syllable = bool(_VI_SYLLABLE_RE.fullmatch(base))
    if marks:
        if _is_vietnamese_specific(word):
            return 2.0, 0.0
        return (1.0, 0.0) if syllable else (0.0, 0.5)  # "là", "có" vs "café", "José"
    vi = 1.0 if base in _VI_COMMON else 0.0
    en = 1.5 if base in _EN_COMMON else 0.0
    if not syllable:
        en += 1.0
    elif not vi and not en:
        vi = 0.25  # valid syllable shape, unknown word: weak Vietnamese hint
    return vi, en


def detect_language(text: str) -> str:
    """Return ``"vi"``, ``"en"`` or ``"other"`` (no letters at all)."""
    if text.isupper():
        text = text.lower()  # ALL-CAPS input: no capitalisation cue for names
    vi = en = 0.0
    any_word = False
    for m in _WORD_RE.finditer(text):
        word = m.group()
        any_word = True
        if len(word) > 1 and (word.isupper() or _NO_VOWEL.fullmatch(_marks(word)[1])):
            continue  # acronym (NFL, UBND, tp) says nothing about the language
        w_vi, w_en = _word_votes(word)
        sentence_start = m.start() == 0 or bool(_SENTENCE_END_RE.search(text, 0, m.start()))
        if word[0].isupper() and not sentence_start:
            w_vi, w_en = 0.3 * w_vi, 0.3 * w_en  # probably a name
        vi += w_vi
        en += w_en
    if not any_word:
        return "other"
    if not has_diacritics(text):
        vi += _VI_ASKING_VOTE * len(_VI_ASKING.findall(text.lower()))
    if vi > en:
        return "vi"
    if en > vi:
        return "en"
    return "vi" if any(_is_vietnamese_specific(w) for w in _WORD_RE.findall(text)) else "en"
