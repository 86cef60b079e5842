"""The reason inside a sentence, for a why-question's bold span.

"Vì sao tôm Việt Nam đắt hơn tôm Ecuador?" is answered by "... cao hơn 1,5 đến 2 USD mỗi kg do chi phí con giống,
thức ăn và tiền điện cao.": the reason is what follows a causal word ("do", "vì", "nhờ", "bởi vì") up to the end of
its clause, or what a sentence says it comes from ("xuất phát từ", "bắt nguồn từ"), or what "nguyên nhân chính là"
names; or, with none of these, what comes before "khiến", "dẫn đến" in its clause ("Mưa lớn kéo dài khiến đường
ngập"). A purpose ("để ...") answers when no cause is written. Not "do" naming who did something ("Hội nghị do
UBND tỉnh tổ chức": a capitalised name after it), nor "thay vì" (instead of), "tự do", "lý do", "do đó" / "vì vậy"
(therefore: the reason is before them).
"""
from __future__ import annotations

import re

from retrieval.textnorm import fold

# Why-questions, folded: "vì sao", "tại sao", "do đâu", "why", "what caused"; "nguyên nhân" / "lý do" when the
# question ends asking it ("Nguyên nhân ... là gì?", "vì lý do gì"), not "Thứ trưởng nào giải thích lý do ...?".
_ASKS_WHY = re.compile(r"\b(?:vi sao|tai sao|do dau|vi dau|vi ly do gi|why|how come|what caused|what was the reason|"
                       r"what is the reason|for what reason)\b|\b(?:nguyen nhan|ly do)\b(?:(?!\b(?:ai|nao)\b).)*"
                       r"\b(?:gi|nao)\W*$")
_CAUSE = re.compile(r"(?<![\w])(?<!tự )(?<!lý )(?<!thay )"
                    r"(?:(?:nguyên nhân|lý do)(?: (?:chính|chủ yếu|trực tiếp|sâu xa|ban đầu))?"
                    r"(?: (?:được xác định|được cho|có thể))? là|là do|chủ yếu do|một phần do|một phần vì|do|vì|"
                    r"nhờ vào|nhờ có|nhờ|bởi vì|bởi lẽ|xuất phát từ|bắt nguồn từ|có nguyên nhân từ)"
                    r"(?![\w])(?! (?:đó|vậy|thế|này)\b)\s+", re.IGNORECASE)
# A cause written before what it brings about: "Mưa lớn kéo dài khiến nhiều tuyến đường bị ngập."
_EFFECT = re.compile(r"(?<![\w])(?:khiến cho|khiến|làm cho|dẫn đến|dẫn tới|gây ra)(?![\w])", re.IGNORECASE)
_CLAUSE_START = re.compile(r"[.;:!?,(\"“”]\s*|^\s*|\b(?:cho biết|cho rằng|nói|khẳng định|nhận định)\s+"
                           r"|\b(?:nhưng|song)\s+", re.IGNORECASE)
_AUXILIARY = re.compile(r"(?:\s+(?:đã|đang|sẽ|cũng|đều|vẫn|chính|có thể))+$", re.IGNORECASE)
_PURPOSE = re.compile(r"(?<![\w])(?:nhằm|để)(?![\w])\s+", re.IGNORECASE)
# Where the reason's clause ends: a full stop, a semicolon, a comma (unless a list goes on after it: "chi phí con
# giống, thức ăn và tiền điện cao"), a word that opens another clause, or an opening bracket or quotation mark.
_CLAUSE_END = re.compile(r"[.;!?](?!\d)|,(?!\d)|\s+(?=(?:khiến|dẫn đến|làm cho|nên|vì vậy|do đó)\b)|\s*[(\"“”]",
                         re.IGNORECASE)
_LIST_GOES_ON = re.compile(r"\s*(?:[^\W\d_]+\s+){0,4}?[^\W\d_]+\s+(?:và|hoặc)\s", re.IGNORECASE)
_TRIM = " ,:;\"'“”()"


def _clause_end(sentence: str, start: int) -> int:
    pos = start
    while (end := _CLAUSE_END.search(sentence, pos)) is not None:
        if end.group() == "," and _LIST_GOES_ON.match(sentence, end.end()):
            pos = end.end()
            continue
        return end.start()
    return len(sentence)


def asks_why(question: str) -> bool:
    return bool(_ASKS_WHY.search(fold(question)))


def reason_span(question: str, sentence: str) -> tuple[int, int] | None:
    """The span of the reason (or, without one, the purpose) `sentence` gives, if `question` asks why; None
    otherwise or when it gives none."""
    if not asks_why(question):
        return None
    for cue in (_CAUSE, _PURPOSE):
        for m in cue.finditer(sentence):
            start = m.end()
            if cue is _CAUSE and m.group().strip().lower() == "do" and sentence[start:start + 1].isupper():
                continue  # "do UBND tỉnh tổ chức": who did it
            stop = start + len(sentence[start:_clause_end(sentence, start)].rstrip(_TRIM))
            if stop - start >= 3:
                return start, stop
    for m in _EFFECT.finditer(sentence):  # no cause after a causal word: the one before "khiến"
        start = max((c.end() for c in _CLAUSE_START.finditer(sentence, 0, m.start())), default=0)
        cause = _AUXILIARY.sub("", sentence[start:m.start()].rstrip(_TRIM + " "))  # "căng thẳng sắc tộc đã khiến"
        stop = start + len(cause)
        if len(sentence[start:stop].split()) >= 2:
            return start, stop
    return None
