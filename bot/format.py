"""Plain-text and JSON rendering of answers for the terminal (Telegram HTML lives in bot/render.py)."""
from __future__ import annotations

import json

from retrieval.types import Answer, Quote

NOT_FOUND = {
    "vi": "Không tìm thấy câu nào trong các bài báo trả lời câu hỏi này. Thử hỏi cụ thể hơn (tên, con số, địa danh).",
    "en": "Nothing in the articles answers that. Try a more specific question (a name, a figure, a place).",
}


def citation(quote: Quote) -> str:
    return f"{quote.title} ({quote.date})" if quote.date else quote.title


def quote_lines(quotes: tuple[Quote, ...] | list[Quote], start: int = 1) -> list[str]:
    lines = []
    for n, q in enumerate(quotes, start):
        lines.append(f'{n}. "{q.text}"')
        lines.append(f"   — {citation(q)}")
    return lines


def answer_text(answer: Answer) -> str:
    if not answer.answered:
        return NOT_FOUND.get(answer.lang, NOT_FOUND["en"])
    return "\n".join(quote_lines(answer.quotes))


def quote_json(q: Quote) -> dict:
    return {"text": q.text, "score": q.score, "title": q.title, "date": q.date, "source": q.source,
            "sentence_id": q.sentence_id, "start": q.start, "end": q.end, "answer": q.answer_text}


def answer_json(answer: Answer) -> str:
    """The stable `--json` contract: fields may be added, never renamed or dropped."""
    return json.dumps({"question": answer.question, "answered": answer.answered,
                       "quotes": [quote_json(q) for q in answer.quotes], "lang": answer.lang},
                      ensure_ascii=False)
