"""Rule-based Vietnamese sentence splitter returning character spans.

The bot quotes the exact sentence that answers a question, so the splitter never
rewrites text: it returns ``(start, end)`` spans into the original string
(end exclusive) and ``text[start:end]`` is the verbatim sentence without
surrounding whitespace, BOM or zero-width characters.

It follows the splitter described in ``shared/eval/xquad_vi/README.md``
("Sentence splitting"): a boundary goes after a run of ``. ! ? …`` (plus
closing quotes/brackets and an optional glued citation marker such as
``[cần trích dẫn]``) when what follows is a sentence start, the period is not
an abbreviation/initial, and we are not inside a balanced quotation or
bracket. In addition (news captions), a line break is a boundary when the
previous line has no final punctuation and the next line starts with a
capital letter. A sentence longer than ``MAX_SENTENCE_CHARS`` (a paragraph
without punctuation, a dump) is cut at its last clause boundary before the
limit, so no quote is unboundedly long.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["split_sentences", "split_sentence_texts"]

# The longest real sentence seen is 1,152 characters (a list of names in XQuAD-vi; 99% are under 500, the
# seed article's longest 454): the cap only cuts text that is not prose.
MAX_SENTENCE_CHARS = 1500
_CLAUSE_END_RE = re.compile(r"[;:,](?=\s)")
_SPACE_RE = re.compile(r"\s")
_SPACE_AFTER_WORD_RE = re.compile(r"(?<!\d)\s")  # not between a number and its unit ("dài 266 | km")

_TERMINATORS = frozenset(".!?…")
_QUOTES = frozenset('"“”')  # one toggling class: translated text mixes them
_CLOSERS = frozenset('"“”’\'»)]}')
_OPENER_CHARS = '"“‘\'([«'
_OPENERS = frozenset(_OPENER_CHARS)
# Invisible characters treated like whitespace (str.isspace() already covers NBSP etc.).
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff")

# Abbreviations after which a bare "." never ends a sentence (case-sensitive).
ABBREVIATIONS = frozenset(
    """St Dr Mr Mrs Ms Mt Prof Rev Capt Lt Sgt Inc Ltd Co Corp Bros vs No Nos Vol vol
    pp cf al TP Tp tp GS PGS TS TSKH ThS BS BSCKI BSCKII CKI CKII KS NXB Nxb tr Q P""".split()
)
# Transliteration digraph initials (Kh. Ch. Sh. ...) behave like single initials.
_DIGRAPH_INITIALS = frozenset("Ch Kh Sh Ts Ya Ye Yu Zh".split())

_INITIAL_RE = re.compile(r"[A-Z]")
_DOTTED_ACRONYM_RE = re.compile(r"[A-Z](?:\.[A-Z])+")
_BLANK_LINE_RE = re.compile(r"\n[^\S\n]*\n\s*")
_CITATION_RE = re.compile(r"\[[^\[\]\n]{1,40}\]")
# Combining marks that only Vietnamese (among Latin-script languages we see) stacks:
# breve (ă), circumflex (â ê ô), horn (ơ ư).
_VI_MARKS = frozenset("\u0306\u0302\u031b")


def _is_space(ch: str) -> bool:
    return ch.isspace() or ch in _INVISIBLE


def _has_vietnamese_letter(word: str) -> bool:
    """True if ``word`` contains ă â đ ê ô ơ ư (any tone, any case)."""
    if "đ" in word or "Đ" in word:
        return True
    return any(ch in _VI_MARKS for ch in unicodedata.normalize("NFD", word))


def _tracked_classes(text: str) -> tuple[bool, bool, bool]:
    """Which of quotes, ( ), [ ] are balanced in ``text`` and hence tracked."""
    quotes = sum(text.count(q) for q in _QUOTES) % 2 == 0
    parens = text.count("(") == text.count(")")
    brackets = text.count("[") == text.count("]")
    return quotes, parens, brackets


def _depths(text: str) -> tuple[bool, list[bool], list[int]]:
    """Whether quotes are tracked, and prefix states ``in_quote[i]`` / total ``depth[i]`` before char ``i``.

    Both lists have ``len(text) + 1`` entries (the last one is after the text).
    """
    track_q, track_p, track_b = _tracked_classes(text)
    in_quote = False
    paren = brack = 0
    quote_states = [False] * (len(text) + 1)
    depths = [0] * (len(text) + 1)
    for i, ch in enumerate(text):
        quote_states[i] = in_quote
        depths[i] = int(in_quote) + paren + brack
        if ch in _QUOTES and track_q:
            in_quote = not in_quote
        elif track_p and ch == "(":
            paren += 1
        elif track_p and ch == ")":
            paren = max(0, paren - 1)
        elif track_b and ch == "[":
            brack += 1
        elif track_b and ch == "]":
            brack = max(0, brack - 1)
    quote_states[len(text)] = in_quote
    depths[len(text)] = int(in_quote) + paren + brack
    return track_q, quote_states, depths


def _word_before(text: str, pos: int) -> str:
    """The whitespace-delimited word ending at ``pos`` minus leading openers."""
    start = pos
    while start > 0 and not _is_space(text[start - 1]):
        start -= 1
    word = text[start:pos]
    return word.lstrip(_OPENER_CHARS)


def _word_after(text: str, pos: int) -> str:
    end = pos
    while end < len(text) and not _is_space(text[end]):
        end += 1
    return text[pos:end]


def _is_abbreviation(word: str) -> bool:
    """Listed abbreviation or a dot-joined chain of them (``PGS.TS``)."""
    if word in ABBREVIATIONS:
        return True
    parts = word.split(".")
    return len(parts) > 1 and all(p in ABBREVIATIONS for p in parts)


# "42 độ C." ends a sentence: the letter is a unit of temperature, not a person's initial ("Lê X. Hùng").
_DEGREES = re.compile(r"(?<!\w)độ\s+[CFK]$", re.IGNORECASE)


# Words before a person's name: "anh H. Tuấn" keeps its initial; after any other lower-case word a capital letter
# is a thing's name ("cúm A. Bác sĩ...", "viêm gan B. Theo...").
_BEFORE_A_NAME = frozenset("ông bà anh chị em cô chú bác cháu bé thầy cụ".split())


def _names_a_thing(text: str, i: int) -> bool:
    """Whether the one-letter word ending at ``i`` follows a lower-case word that is no title of a person."""
    start = i - 1
    while start > 0 and not _is_space(text[start - 1]):
        start -= 1
    before = _word_before(text, start - 1) if start > 1 else ""
    return before.isalpha() and before.islower() and before not in _BEFORE_A_NAME


def _is_initial(word: str) -> bool:
    """Latin initial, digraph initial or dotted acronym (overridable)."""
    return bool(
        _INITIAL_RE.fullmatch(word) or word in _DIGRAPH_INITIALS or _DOTTED_ACRONYM_RE.fullmatch(word)
    )


def _starts_sentence(text: str, pos: int) -> bool:
    """Uppercase letter, digit, or opening quote/bracket + uppercase/digit at ``pos``."""
    ch = text[pos]
    if ch.isupper() or ch.isdigit():
        return True
    if ch in _OPENERS and pos + 1 < len(text):
        nxt = text[pos + 1]
        return nxt.isupper() or nxt.isdigit()
    return False


def _terminator_boundary(
    text: str, i: int, quote_states: list[bool], depths: list[int], track_q: bool
) -> tuple[int, int | None]:
    """Examine the terminator run starting at ``i``.

    Returns ``(next_scan_pos, cut)`` where ``cut`` is the end (exclusive) of the
    sentence if a boundary goes here, else None.
    """
    n = len(text)
    j = i
    while j < n and text[j] in _TERMINATORS:
        j += 1
    run = text[i:j]
    k = j
    while k < n and text[k] in _CLOSERS:
        if text[k] in _QUOTES and track_q and not quote_states[k]:
            break  # this quote would open a new quotation
        k += 1
    m = _CITATION_RE.match(text, k)
    if m:
        k = m.end()
    if k >= n or depths[k] != 0:
        return k, None
    word = _word_before(text, i)
    if _is_space(text[k]):
        g = k
        while g < n and _is_space(text[g]):
            g += 1
        if g >= n or not _starts_sentence(text, g):
            return k, None
        if run == ".":
            if _is_abbreviation(word):
                return k, None
            after = _word_after(text, g)
            if (_is_initial(word) and not _has_vietnamese_letter(after)
                    and not (len(word) == 1 and not after.isascii() and _names_a_thing(text, i))
                    and not _DEGREES.search(text, max(0, i - 8), i)):
                return k, None
        return k, k
    # No whitespace: only repair "tháng 6.Lấy cớ" (capitalised word glued on).
    if not (text[k].isupper() and k + 1 < n and text[k + 1].islower()):
        return k, None
    if "." in word or _is_abbreviation(word) or (len(word) == 1 and word.isalpha()):
        return k, None
    return k, k


# A list item at the start of a line: a bullet sign, then a space.
_BULLET = re.compile(r"[ \t]*[-+*•·–—▪●◦‣][ \t]+\S")


def _line_break_boundary(text: str, i: int, depths: list[int]) -> int | None:
    """Boundary at the newline ``i`` if the previous line lacks final punctuation, or the next is a list item."""
    if depths[i] != 0:
        return None
    p = i - 1
    while p >= 0 and _is_space(text[p]) and text[p] != "\n":
        p -= 1
    if p < 0 or text[p] == "\n":
        return None
    if _BULLET.match(text, i + 1):  # a list item starts: "- Lợi nhuận sau thuế đạt 2.246 tỷ đồng"
        return p + 1
    last = text[p]
    if not (last.isalnum() or last in "\"”’»)]%"):
        return None
    g = i + 1
    while g < len(text) and _is_space(text[g]):
        g += 1
    if g >= len(text):
        return None
    ch = text[g]
    if ch.isupper() or (ch in _OPENERS and g + 1 < len(text) and text[g + 1].isupper()):
        return p + 1
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and _is_space(text[start]):
        start += 1
    while end > start and _is_space(text[end - 1]):
        end -= 1
    return start, end


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split a paragraph into sentence spans ``(start, end)`` into ``text``.

    Spans are in order, non-overlapping, non-empty, and exclude leading and
    trailing whitespace / BOM / zero-width characters. A blank line always
    ends a sentence; each blank-line-separated block is split on its own (so
    quote balance is judged per paragraph).
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BLANK_LINE_RE.finditer(text):
        spans.extend((start + s, start + e) for s, e in _split_block(text[start : m.start()]))
        start = m.end()
    spans.extend((start + s, start + e) for s, e in _split_block(text[start:]))
    return spans


def _split_block(text: str) -> list[tuple[int, int]]:
    """Split one paragraph (no blank lines) into trimmed sentence spans."""
    n = len(text)
    if n == 0:
        return []
    track_q, quote_states, depths = _depths(text)
    cuts: list[int] = []
    i = 0
    while i < n:
        ch = text[i]
        if ch in _TERMINATORS:
            nxt, cut = _terminator_boundary(text, i, quote_states, depths, track_q)
            if cut is not None:
                cuts.append(cut)
            i = max(nxt, i + 1)
            continue
        if ch == "\n":
            cut = _line_break_boundary(text, i, depths)
            if cut is not None:
                cuts.append(cut)
        i += 1
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in [*cuts, n]:
        s, e = _trim(text, start, cut)
        if e > s:
            spans.extend(_cap_length(text, s, e))
        start = cut
    return spans


def _cap_length(text: str, start: int, end: int, limit: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """The trimmed span ``text[start:end]`` as pieces of at most ``limit`` characters.

    Each cut goes after the last ``; : ,`` in the second half of the window, else at its last whitespace (one
    not after a digit if it can: "266 km" stays whole), else (no whitespace at all) at the limit itself. Pieces
    stay trimmed, so offsets keep their contract.
    """
    pieces: list[tuple[int, int]] = []
    while end - start > limit:
        cut = _last_end(_CLAUSE_END_RE, text, start + limit // 2, start + limit)
        if cut is None:
            space = (_last_end(_SPACE_AFTER_WORD_RE, text, start + 1, start + limit + 1)
                     or _last_end(_SPACE_RE, text, start + 1, start + limit + 1))
            cut = space - 1 if space is not None else _grapheme_start(text, start + limit, start + 1)
        pieces.append(_trim(text, start, cut))
        start = _trim(text, cut, end)[0]
    pieces.append((start, end))
    return pieces


def _grapheme_start(text: str, pos: int, lo: int) -> int:
    """``pos`` moved back (not below ``lo``) off combining marks, so a cut keeps a letter with its tone."""
    while pos > lo and unicodedata.combining(text[pos]):
        pos -= 1
    return pos


def _last_end(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> int | None:
    """End of the last match of ``pattern`` inside ``text[lo:hi]``, or None."""
    last = None
    for last in pattern.finditer(text, lo, hi):
        pass
    return None if last is None else last.end()


def split_sentence_texts(text: str) -> list[str]:
    """Convenience: the verbatim sentence strings of :func:`split_sentences`."""
    return [text[s:e] for s, e in split_sentences(text)]
