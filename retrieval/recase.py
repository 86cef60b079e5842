"""Put the capitals back on the names of a question typed in lower case, the way the corpus writes them.

A question typed without accents is nearly always typed in lower case too ("sat lo o cho moi xay ra luc may
gio"), and the model reads "chợ mới" and "mpr" otherwise than "Chợ Mới" and "MPR". After the accents are put back
(`retrieval.diacritics`), a word is capitalised where the corpus writes it so (nine times in ten, leaving out
the starts of sentences): always, when that is true of the word ("MPR", "Tutoa"); or beside the word before or
after it, when it is true of that pair ("ông Khoa", "Trung ương Huế", "Chợ Mới"; not "khoa" or "mới" alone).
Measured on the news gold sets' Vietnamese questions with their accents and capitals taken off
(eval/experiments/README.md, "Unaccented questions read better").
"""
from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from retrieval.textnorm import normalize

# A word is capitalised when at least this share of its sightings (or of its pair's) are capitalised.
SHARE = 0.9
_WORD = re.compile(r"[^\W\d_]+")
# After these, or at the start of a text, a capital tells nothing: a sentence (or a quote) may start there.
_OPENS = re.compile(r"(?:^|[.!?:;…\"“”'‘’(\[–—-])\s*$")
FILE = "restorer_case.json"


class CaseTable:
    """Capitalised forms of the corpus's words, alone and in pairs, keyed by their lower-case spelling."""

    def __init__(self, words: dict[str, str], first: dict[str, str], second: dict[str, str]) -> None:
        self.words = words  # "mpr" -> "MPR": written capitalised wherever it is not opening a sentence
        self.first = first  # "trung ương" -> "Trung": the pair's first word, capitalised
        self.second = second  # "ông khoa" -> "Khoa": the pair's second word, capitalised

    @classmethod
    def build(cls, texts: Iterable[str]) -> CaseTable:
        cased: dict[str, Counter[str]] = {}
        seen: Counter[str] = Counter()
        pairs: Counter[str] = Counter()
        pair_first: dict[str, Counter[str]] = {}
        pair_second: dict[str, Counter[str]] = {}
        for text in texts:
            text = normalize(text)
            previous: tuple[str, bool, int] | None = None  # the word before, whether it opens, where it ends
            for m in _WORD.finditer(text):
                word, low = m.group(), m.group().lower()
                opens = m.start() == 0 or bool(_OPENS.search(text[max(0, m.start() - 3):m.start()]))
                if not opens:
                    seen[low] += 1
                    if word[:1].isupper():
                        cased.setdefault(low, Counter())[word] += 1
                if previous is not None and not text[previous[2]:m.start()].strip():  # only a space between
                    key = f"{previous[0].lower()} {low}"
                    pairs[key] += 1
                    if previous[0][:1].isupper() and not previous[1]:
                        pair_first.setdefault(key, Counter())[previous[0]] += 1
                    if word[:1].isupper():
                        pair_second.setdefault(key, Counter())[word] += 1
                previous = (word, opens, m.end())
        words = {w: c.most_common(1)[0][0] for w, c in cased.items() if c.total() >= SHARE * seen[w]}
        first = {k: c.most_common(1)[0][0] for k, c in pair_first.items() if c.total() >= SHARE * pairs[k]}
        second = {k: c.most_common(1)[0][0] for k, c in pair_second.items() if c.total() >= SHARE * pairs[k]}
        return cls(words, first, second)

    def save(self, folder: Path) -> list[str]:
        data = {"words": self.words, "first": self.first, "second": self.second}
        (folder / FILE).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return [FILE]

    @classmethod
    def load(cls, folder: Path) -> CaseTable | None:
        """The table saved beside an index, or None if the index has none (built before it)."""
        path = folder / FILE
        if not path.is_file():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["words"], data["first"], data["second"])

    def recase(self, text: str) -> str:
        """`text` with its lower-case words capitalised where the corpus writes them so; other words as typed."""
        found = list(_WORD.finditer(text))
        out = list(text)
        for i, m in enumerate(found):
            word = m.group()
            if not word.islower():
                continue
            low = word.lower()
            before = found[i - 1].group().lower() if i and not text[found[i - 1].end():m.start()].strip() else None
            after = (found[i + 1].group().lower() if i + 1 < len(found)
                     and not text[m.end():found[i + 1].start()].strip() else None)
            form = (self.words.get(low) or (self.second.get(f"{before} {low}") if before else None)
                    or (self.first.get(f"{low} {after}") if after else None))
            if form and len(form) == len(word):
                out[m.start():m.end()] = list(form)
        return "".join(out)
