"""Put the diacritics back on a Vietnamese question typed without them, using the corpus as the dictionary.

The embedding model barely understands unaccented Vietnamese (measured on XQuAD-vi: dense Hit@1 0.20 for
unaccented questions against 0.74 with accents), while users often type that way. Each unaccented word is
replaced by an accented form seen in the indexed sentences with the same letters: the likeliest sequence under
a smoothed bigram model of them (Viterbi). Question words that news text rarely contains (`bao nhiêu`, `khi
nào`) come from a small fixed list, and counts of general Vietnamese (`GENERAL_TEXT`) are added to the corpus's
at a lower weight. Words neither knows stay as typed; lexical search still matches them through its accent-free
twin.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import numpy as np

from retrieval.textnorm import fold, normalize

# Closed-class question words and phrases, accented (they are rare in the articles themselves).
QUESTION_WORDS = (
    "bao nhiêu", "bao lâu", "bao xa", "bao giờ", "khi nào", "lúc nào", "năm nào", "ngày nào", "tháng nào",
    "thế kỷ nào", "ở đâu", "nơi nào", "tại sao", "vì sao", "như thế nào", "thế nào", "ra sao", "là gì",
    "cái gì", "điều gì", "việc gì", "những gì", "tên gì", "tên là gì", "là ai", "ai là", "người nào",
    "cái nào", "loại nào", "nào", "mấy", "gì", "ai", "đâu", "không", "có phải", "hay không", "được không",
)
QUESTION_WEIGHT = 50  # pseudo-count for single question words, so `nào`/`gì` exist even in a tiny corpus
# Inside a question these spellings win whatever the corpus counts say ("bao nhieu lan" is "bao nhiêu lần",
# even where the articles say "nhiều lần" a thousand times): multi-word question phrases, and two words
# whose unaccented form is almost never anything else.
_PINNED_WORDS = {"gi": "gì", "nao": "nào"}
_WORD = re.compile(r"[^\W\d_]+")
_PIECES = re.compile(r"[^\W\d_]+|[^\w]+|\w")
# Each word is scored by how likely it is after the word before it: the pair's count over the first word's, both
# smoothed towards the word's own frequency by this many pseudo-counts (a Dirichlet prior), so a pair seen in the
# corpus outweighs a more frequent word alone ("do van thang" is "Đỗ Văn Thắng" where the articles name him, not
# "đó văn tháng"), and a word that often comes before many others ("tổng công ty") does not claim them all ("tổng
# cộng mấy điểm"). Restored questions fully right on XQuAD-vi 0.709 -> 0.717 and on the news sets 0.667 -> 0.690
# against the weighted pair count used before, both with general text at weight 0.5 (the same at 3 and 30;
# `python eval/experiments/unaccented_twins.py restore`, `python eval/experiments/restorer_accuracy.py`).
SMOOTHING = 10.0
# General Vietnamese, apart from any corpus: how readers word questions and how news is written (the text in
# `GENERAL_TEXT`, written for tinbot). Its counts are added to the corpus's at this weight, so that a question's
# own words ("tiền thưởng", "mất mấy tiếng", "phần trăm") are restored even where the articles never write them,
# while the corpus still decides its names and terms. Questions restored exactly at weights 0 / 0.02 / 0.1 / 0.5 /
# 2: news sets 0.581 / 0.697 / 0.709 / 0.690 / 0.655, XQuAD-vi 0.698 / 0.737 / 0.742 / 0.717 / - (0.05 as 0.1;
# `python eval/experiments/unaccented_twins.py restore [--xquad] --weights ...`).
GENERAL_WEIGHT = 0.1
GENERAL_TEXT = (Path(__file__).with_name("lexicon"), Path(__file__).with_name("background_articles"))


class DiacriticRestorer:
    """Counts of accented words and word pairs, keyed by their accent-free spelling.

    `build` counts a corpus; `save` writes the corpus counts beside an index (a word list and two arrays of
    sorted pair keys and counts) and `load` reads them back in a fraction of the time counting takes. The
    question phrases are added on top at construction, so changing QUESTION_WORDS needs no re-index.
    """

    def __init__(self, words: list[str], counts: np.ndarray, pair_keys: np.ndarray, pair_counts: np.ndarray) -> None:
        self.words = words  # accented lowercase words of the corpus; ids are positions
        self._ids = {w: i for i, w in enumerate(words)}
        self._counts = np.asarray(counts, dtype=np.int64)  # the corpus's own counts, as saved
        self.unigrams: Counter[str] = Counter(dict(zip(words, np.asarray(counts).tolist())))
        self.forms: dict[str, Counter[str]] = defaultdict(Counter)
        for w, c in self.unigrams.items():
            self.forms[fold(w)][w] += c
        self._pair_keys, self._pair_counts = pair_keys, pair_counts  # key = first id * len(words) + second id
        self._extra_pairs: Counter[tuple[str, str]] = Counter()
        # How the corpus and the question phrases write each spelling, for `typed_without_accents`: general text
        # writes "ban" (ban tổ chức) and "gia" (gia đình) bare, which says nothing of a question's "gia ban" where
        # the articles only ever write "giá bán".
        self._written: dict[str, set[str]] = {f: set(c) for f, c in self.forms.items()}
        for w in (w for phrase in QUESTION_WORDS for w in phrase.split()):
            self._written.setdefault(fold(w), set()).add(w)
        general_words, general_pairs = general_counts()
        for w, c in general_words.items():
            self.forms[fold(w)][w] += GENERAL_WEIGHT * c
            self.unigrams[w] += GENERAL_WEIGHT * c
        for pair, c in general_pairs.items():
            self._extra_pairs[pair] += GENERAL_WEIGHT * c
        for phrase in QUESTION_WORDS:
            words_q = phrase.split()
            for w in words_q:
                self.forms[fold(w)][w] += QUESTION_WEIGHT
                self.unigrams[w] += QUESTION_WEIGHT
            for pair in pairwise(words_q):
                self._extra_pairs[pair] += QUESTION_WEIGHT
        self._total = sum(self.unigrams.values()) or 1
        self._phrases = sorted(({tuple(fold(p).split()): p.split() for p in QUESTION_WORDS if " " in p}).items(),
                               key=lambda kv: -len(kv[0]))

    @classmethod
    def build(cls, texts: Iterable[str]) -> DiacriticRestorer:
        unigrams, pairs = _count(texts)
        words = sorted(unigrams)
        ids = {w: i for i, w in enumerate(words)}
        keys = np.array([ids[a] * len(words) + ids[b] for a, b in pairs], dtype=np.int64)
        order = np.argsort(keys)
        counts = np.array(list(pairs.values()), dtype=np.int64)
        return cls(words, np.array([unigrams[w] for w in words], dtype=np.int64), keys[order], counts[order])

    def save(self, folder: Path) -> list[str]:
        (folder / "restorer_words.json").write_text(json.dumps(self.words, ensure_ascii=False), encoding="utf-8")
        np.save(folder / "restorer_counts.npy", self._counts)
        np.save(folder / "restorer_pair_keys.npy", self._pair_keys)
        np.save(folder / "restorer_pair_counts.npy", self._pair_counts)
        return ["restorer_words.json", "restorer_counts.npy", "restorer_pair_keys.npy", "restorer_pair_counts.npy"]

    @classmethod
    def load(cls, folder: Path) -> DiacriticRestorer | None:
        """The restorer saved beside an index, or None if the index has none (older indexes)."""
        names = ("restorer_words.json", "restorer_counts.npy", "restorer_pair_keys.npy", "restorer_pair_counts.npy")
        if not all((folder / n).is_file() for n in names):
            return None
        words = json.loads((folder / names[0]).read_text(encoding="utf-8"))
        counts, keys, pair_counts = (np.load(folder / n, mmap_mode="r") for n in names[1:])
        return cls(words, counts, keys, pair_counts)

    def pair_count(self, a: str, b: str) -> int:
        extra = self._extra_pairs.get((a, b), 0)
        i, j = self._ids.get(a), self._ids.get(b)
        if i is None or j is None or not len(self._pair_keys):
            return extra
        key = i * len(self.words) + j
        pos = int(np.searchsorted(self._pair_keys, key))
        found = pos < len(self._pair_keys) and int(self._pair_keys[pos]) == key
        return extra + (int(self._pair_counts[pos]) if found else 0)

    def typed_without_accents(self, text: str) -> list[str]:
        """Lower-case words of `text` written without marks that the corpus only ever writes with them ("gao",
        "dat" where the articles say "gạo", "đạt"): a question typed partly without accents."""
        return [w for w in _WORD.findall(text) if w.islower() and fold(w) == w and (seen := self._written.get(w))
                and w not in seen]

    def restore(self, text: str) -> str:
        """`text` with accents put back on its unaccented words; accented words and case are kept."""
        pieces = _PIECES.findall(text)
        out = list(pieces)
        run: list[int] = []
        for i, piece in enumerate(pieces + [". "]):
            if _WORD.fullmatch(piece):
                run.append(i)
            elif piece.isspace() and run:
                continue
            else:
                if run:
                    for j, form in zip(run, self._decode([pieces[j] for j in run])):
                        out[j] = _with_case(form, pieces[j])
                run = []
        return "".join(out)

    def _pins(self, words: list[str]) -> dict[int, str]:
        """Positions of unaccented question phrases in `words`, with their accented spelling."""
        low = [w.lower() for w in words]
        pins: dict[int, str] = {j: _PINNED_WORDS[w] for j, w in enumerate(low) if w in _PINNED_WORDS}
        taken: set[int] = set()
        for folded, forms in self._phrases:  # longest first; a word belongs to one phrase
            n = len(folded)
            for j in range(len(low) - n + 1):
                if tuple(low[j:j + n]) == folded and taken.isdisjoint(range(j, j + n)):
                    pins.update({j + i: forms[i] for i in range(n)})
                    taken.update(range(j, j + n))
        return pins

    def _decode(self, words: list[str]) -> list[str]:
        """Best accented form per word: unigram frequency plus a bonus for pairs seen in the corpus."""
        options = []
        pins = self._pins(words)
        for j, w in enumerate(words):
            low = w.lower()
            seen = self.forms.get(low)
            if fold(low) != low or not seen:
                options.append([low])
            else:
                options.append([pins[j]] if j in pins else list(seen))
        # Viterbi: best[j][form] = (log-probability, previous form)
        best: list[dict[str, tuple[float, str | None]]] = [
            {f: (math.log(self._p(f)), None) for f in options[0]}]
        for j in range(1, len(options)):
            layer: dict[str, tuple[float, str | None]] = {}
            for f in options[j]:
                layer[f] = max((s + self._log_p_after(p, f), p) for p, (s, _) in best[-1].items())
            best.append(layer)
        form = max(best[-1], key=lambda f: best[-1][f][0])
        chosen = [form]
        for j in range(len(options) - 1, 0, -1):
            form = best[j][form][1]  # type: ignore[assignment]
            chosen.append(form)
        return chosen[::-1]

    def _p(self, form: str) -> float:
        return (self.unigrams.get(form, 0) + 0.5) / self._total

    def _log_p_after(self, previous: str, form: str) -> float:
        return math.log((self.pair_count(previous, form) + SMOOTHING * self._p(form))
                        / (self.unigrams.get(previous, 0) + SMOOTHING))


def _count(texts: Iterable[str]) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """Lower-cased words and pairs of words written next to each other in `texts`."""
    unigrams: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for text in texts:
        for run in _runs(normalize(text)):
            words = [w.lower() for w in run]
            unigrams.update(words)
            pairs.update(pairwise(words))
    return unigrams, pairs


@lru_cache(maxsize=1)
def general_counts() -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """The counts of `GENERAL_TEXT`'s files, read once a process."""
    files = sorted(p for folder in GENERAL_TEXT for p in folder.glob("*.txt"))
    return _count(line for p in files for line in p.read_text(encoding="utf-8").splitlines())


def _runs(text: str) -> Iterable[list[str]]:
    """Runs of words separated only by spaces (punctuation breaks word pairs)."""
    for chunk in re.split(r"[^\w\s]+|\d+", text):
        words = _WORD.findall(chunk)
        if words:
            yield words


def _with_case(form: str, typed: str) -> str:
    if typed.isupper() and len(typed) > 1:
        return form.upper()
    if typed[:1].isupper():
        return form[:1].upper() + form[1:]
    return form
