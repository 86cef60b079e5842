"""Vietnamese text normalisation, accent folding and lexical tokens.

Vietnamese text in the wild mixes Unicode forms (precomposed vs combining
marks) and two tone-placement conventions (``hoà``/``hòa``, ``thuỷ``/``thủy``),
so the same word can have several spellings. :func:`normalize` maps them to one
form: NFC plus the traditional ("old") tone placement used by most news sites.
It returns a new string that may differ in length from its input; callers keep
the verbatim original for display and quoting.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = [
    "NORMALIZER_VERSION",
    "normalize",
    "fold",
    "unaccent",
    "tokens",
    "folded_tokens",
    "is_number_token",
    "unshout",
]

# Bump whenever normalize()/fold()/tokens() output changes: indexes record it.
NORMALIZER_VERSION = "vi-nfc-oldtone-1"

# Spaces that become a plain space, and invisible characters that are dropped.
_SPACE_CHARS = "\u00a0\u1680\u202f\u205f\u3000" + "".join(chr(c) for c in range(0x2000, 0x200B))
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_TRANSLATE = {ord(c): " " for c in _SPACE_CHARS} | {ord(c): None for c in _INVISIBLE_CHARS}
_TRANSLATE |= {0x2028: "\n", 0x2029: "\n", 0x00D0: "\u0110"}  # Icelandic Ð used for Đ

# Combining tone marks (grave, acute, tilde, hook above, dot below) and vowel marks
# (circumflex, breve, horn) as they appear after NFD.
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_VOWEL_MARKS = frozenset("\u0302\u0306\u031b")

# Letters plus any combining marks NFC could not absorb (so a stray mark stays with its word).
_WORD_RE = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")
# Syllable = onset + nucleus + coda, on the lowercase base letters (marks removed).
_SYLLABLE_RE = re.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"(oai|oay|oeo|uay|uoi|uou|uya|uye|uyu|ieu|yeu"
    r"|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ye|[aeiouy])"
    r"(ch|ng|nh|[cmnpt])?"
)
_NUMBER_RE = re.compile(r"\d+(?:[.,/:]\d+)*%?")
_TOKEN_RE = re.compile(r"\d+(?:[.,/:]\d+)+%?|\d+%|[^\W_]+")


def _split_marks(word: str) -> tuple[list[str], list[str], list[str]]:
    """NFD ``word`` into base letters, their vowel marks and their tone marks."""
    bases: list[str] = []
    vmarks: list[str] = []
    tones: list[str] = []
    for ch in unicodedata.normalize("NFD", word):
        if unicodedata.combining(ch) and bases:
            if ch in _TONES:
                tones[-1] += ch
            else:
                vmarks[-1] += ch
        else:
            bases.append(ch)
            vmarks.append("")
            tones.append("")
    return bases, vmarks, tones


def _tone_index(vmarks: list[str], start: int, nucleus: str, coda: str) -> int:
    """Index (into the syllable) where the tone mark belongs, old style."""
    marked = [i for i in range(start, start + len(nucleus)) if any(m in _VOWEL_MARKS for m in vmarks[i])]
    if marked:
        return marked[-1]  # ươ -> ơ, ưa -> ư, uyê -> ê
    if len(nucleus) == 1:
        return start
    if len(nucleus) == 3 or coda:
        return start + (1 if len(nucleus) == 3 else len(nucleus) - 1)  # ngoài, khuỷu; hoàng, thuyết
    return start  # open diphthong: hòa, khỏe, thủy, mái, của


@functools.lru_cache(maxsize=1 << 16)
def _fix_tone(word: str) -> str:
    """Move the tone mark of one Vietnamese syllable to its traditional position (cached: a news corpus has
    a few thousand distinct syllables, and every sentence is normalised at index time)."""
    bases, vmarks, tones = _split_marks(word)
    tone_positions = [i for i, t in enumerate(tones) if t]
    if len(tone_positions) != 1 or len(tones[tone_positions[0]]) != 1:
        return word
    lower = "".join(bases).lower()
    m = _SYLLABLE_RE.fullmatch(lower)
    if not m:
        return word
    onset, nucleus, coda = m.group(1) or "", m.group(2), m.group(3) or ""
    target = _tone_index(vmarks, len(onset), nucleus, coda)
    current = tone_positions[0]
    if target == current:
        return word
    tone = tones[current]
    tones[current] = ""
    tones[target] = tone
    rebuilt = "".join(b + v + t for b, v, t in zip(bases, vmarks, tones))
    return unicodedata.normalize("NFC", rebuilt)


def normalize(text: str) -> str:
    """NFC, one tone-placement style (``hòa``, ``thủy``), plain spaces, no zero-width chars.

    Case is preserved and the function is idempotent. The result may differ in
    length from ``text``: never use its offsets on the original.
    """
    text = unicodedata.normalize("NFC", text.translate(_TRANSLATE))
    return _WORD_RE.sub(_fix_word, text)


def _fix_word(m: re.Match[str]) -> str:
    word = m.group()
    return word if word.isascii() else _fix_tone(word)


class _StripTable(dict):
    """Code point -> the character without its marks (``ệ`` -> ``e``, ``đ`` -> ``d``), filled on first use.

    Folding is on every question and candidate sentence, so it is one `str.translate` over NFC text instead of
    decomposing whole strings."""

    def __missing__(self, code: int) -> str:
        parts = unicodedata.normalize("NFD", chr(code))
        base = unicodedata.normalize("NFC", "".join(ch for ch in parts if not unicodedata.combining(ch)))
        base = base.replace("đ", "d").replace("Đ", "D")
        self[code] = base
        return base


_STRIP = _StripTable()


def _strip_marks(text: str) -> str:
    return unicodedata.normalize("NFC", text).translate(_STRIP)


def unshout(text: str) -> str:
    """``"THU NGÂN SÁCH ĐẠT BAO NHIÊU?"`` -> lower case: text typed with caps lock (four or more letters, at
    least 80% of them capitals). The model reads capitals as names and acronyms, so a shouted question scored
    below the "not found" line; ordinary capitals ("IPCC là gì?", "Cẩm Xuyên") are left alone."""
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) >= 4 and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters):
        return text.lower()
    return text


def fold(text: str) -> str:
    """Normalise, lowercase and remove all diacritics: ``"Thu ngân sách ĐẠT"`` -> ``"thu ngan sach dat"``.

    Tone placement (what `normalize` adds to NFC) cannot matter once the marks are gone, so it is skipped."""
    return _strip_marks(unicodedata.normalize("NFC", text.translate(_TRANSLATE)).lower())


def fold_aligned(text: str) -> str:
    """:func:`fold` keeping every offset: a character it would drop (an invisible one) becomes a space, so a match
    in the result is at the same place in `text`."""
    folded = fold(text)
    return folded if len(folded) == len(text) else "".join(fold(ch) or " " for ch in text)


def unaccent(text: str) -> str:
    """:func:`fold` without lower-casing: ``"Thái Bình Dương"`` -> ``"Thai Binh Duong"``, where case still tells a
    name from a word."""
    return _strip_marks(unicodedata.normalize("NFC", text.translate(_TRANSLATE)))


def is_number_token(tok: str) -> bool:
    """True for numeric tokens such as ``2023``, ``4.995``, ``12,6%``, ``12/7``."""
    return bool(_NUMBER_RE.fullmatch(tok))


def tokens(text: str) -> list[str]:
    """Lowercased, normalised tokens for lexical search.

    Words split on whitespace and punctuation; numbers keep their internal
    separators and a trailing percent (``4.995``, ``12,6%``, ``12/7``); ranges
    such as ``2020-2025`` become two tokens. Pure punctuation is dropped.
    """
    return _TOKEN_RE.findall(normalize(text).lower())


def folded_tokens(text: str) -> list[str]:
    """:func:`tokens` of :func:`fold` (accent-insensitive matching)."""
    return _TOKEN_RE.findall(fold(text))
