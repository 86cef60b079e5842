"""Who is counted: "How many teachers fell ill?" is not answered by "83 học sinh ... đã phải nhập viện", a count of
pupils. A question counting one group of people (teachers, pupils, doctors, patients, workers, farmers...) is not
answered by a sentence whose every counted figure counts another group, and that never mentions the asked one.

The groups are a closed list, each with the Vietnamese nouns a sentence counts it by (folded) and the English words
a question asks it by; a figure counts the group whose noun follows it ("83 học sinh", "5 giáo viên"). A sentence
that counts nobody of the list (a bare "83", "83 người", "83 em") may tell of anyone.
"""
from __future__ import annotations

import re

from retrieval.language import detect_language
from retrieval.textnorm import fold

# group, as the Vietnamese text writes it -> (its Vietnamese nouns, folded; the English words asking for it)
GROUPS = {
    "học sinh": (r"hoc sinh", r"pupils?|schoolchildren|school ?children"),
    "sinh viên": (r"sinh vien", r"university students?|undergraduates?"),
    "giáo viên": (r"giao vien|thay co", r"teachers?"),
    "bác sĩ": (r"bac si", r"doctors?|physicians?"),
    "y tá": (r"y ta|dieu duong(?: vien)?", r"nurses?"),
    "bệnh nhân": (r"benh nhan|nguoi benh", r"patients?"),
    "nông dân": (r"nong dan", r"farmers?"),
    "ngư dân": (r"ngu dan", r"fishermen|fishers?"),
    "chiến sĩ": (r"chien si|binh si|quan nhan", r"soldiers?|troops?"),
    "công an": (r"can bo chien si|canh sat|cong an", r"police ?(?:officers?|men)|policemen"),
}
_VI_ASKED = re.compile(r"\b(?:bao nhieu|may)\s+(" + "|".join(vi for vi, _ in GROUPS.values()) + r")\b")
_EN_ASKED = re.compile(r"\bhow many\s+(?:[a-z-]+\s+){0,2}?(" + "|".join(en for _, en in GROUPS.values()) + r")\b")
_FIGURE = re.compile(r"\d[\d.,]*\s+(" + "|".join(vi for vi, _ in GROUPS.values()) + r")\b")


def _group(words: str, english: bool) -> str | None:
    """The group `words` (folded) name."""
    for name, (vi, en) in GROUPS.items():
        if re.fullmatch(en if english else vi, words):
            return name
    return None


def other_counted(question: str, sentence: str) -> tuple[str, tuple[str, ...]] | None:
    """The group of people the question counts and the groups the sentence counts instead, when each of its
    figures that counts a group of the list counts another, and it mentions the asked group nowhere."""
    folded_q, folded_s = fold(question).lower(), fold(sentence).lower()
    english = detect_language(question) == "en"
    asked = (_EN_ASKED if english else _VI_ASKED).search(folded_q)
    group = _group(asked.group(1), english) if asked else None
    if group is None or re.search(rf"\b(?:{GROUPS[group][0]})\b", folded_s):
        return None
    told = tuple(dict.fromkeys(g for m in _FIGURE.finditer(folded_s) if (g := _group(m.group(1), False))))
    return (group, told) if told else None
