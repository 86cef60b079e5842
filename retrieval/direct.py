"""Questions answered without ranking sentences for them: who wrote an article or when it was published
(`retrieval/article_facts.py`), who said the words just quoted (`retrieval/speaker.py`), what an acronym stands for
(`retrieval/acronyms.py`). `QAService.ask` and `tinbot eval` try these first, in this order."""
from __future__ import annotations

from retrieval.acronyms import definition_answer
from retrieval.article_facts import fact_answer
from retrieval.search import Searcher
from retrieval.speaker import speaker_answer
from retrieval.types import Answer


def direct_answer(question: str, searcher: Searcher, *, previous: str | None, k: int) -> Answer | None:
    """The answer to a question of one of these kinds, or None (then it is searched)."""
    return (fact_answer(question, searcher, previous=previous)
            or speaker_answer(question, searcher, previous=previous, k=k)
            or definition_answer(question, searcher, k=k))
