"""Unrelated text an answer must beat: the background index.

A quote is an answer only if the index offers the question something better than text about other things does
(English and, since the eleventh session, Vietnamese questions: retrieval/answer.py, `BACKGROUND_MARGIN`).
`background_articles/` holds short Vietnamese articles about everyday life and the world (cooking, health,
gadgets, travel, money, sport and entertainment, foreign politics, school subjects; none about Vietnamese local
affairs), written for tinbot. They are indexed once per model, like any corpus, under the cache folder, and each
question is also ranked against them with the same scoring (`Searcher.background_best`); the question is
declined when the index's best fused score falls short of the background's by more than a small margin
(`retrieval.answer.BACKGROUND_MARGIN`, `make_answer`).

Why: the English floor (`retrieval.offtopic`) is one number per index, so an off-topic question that happens to
land near an index's commonest sentences passes it, and a news question naming a place that several articles
mention passes without it (`retrieval.names`). A comparison per question catches both: "How do I get over a
breakup?" finds the background's article on relationships closer than any sentence of a district's report, and
"What did the ECB decide?" its article on the euro zone. Measured with `python
eval/experiments/background_declines.py` (eval/experiments/README.md, "Background text").
"""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from embeddings.encoder import Encoder
from retrieval import store
from retrieval.index import LoadedIndex, load_index
from retrieval.indexer import build_index, corpus_key

BACKGROUND_DIR = Path(__file__).with_name("background_articles")


def background_wanted() -> bool:
    """Off with `TINBOT_BACKGROUND=off`, to measure without it."""
    return os.environ.get("TINBOT_BACKGROUND", "").lower() not in ("off", "0", "no", "false")


def background_dir(cache_dir: Path, encoder: Encoder) -> Path:
    """Where the background index of `encoder`'s model lives: keyed by the model, its backend and the text."""
    return cache_dir / "background" / corpus_key([BACKGROUND_DIR], encoder.model_id,
                                                 getattr(encoder, "backend", ""))


def open_background(cache_dir: Path, encoder: Encoder, notify: Callable[[str], None] | None = None) -> LoadedIndex:
    """The background index for `encoder`, built on first use (once per model and machine: about 5 s)."""
    index_dir = background_dir(cache_dir, encoder)
    if store.live_generation(index_dir) is None:
        if notify:
            notify("preparing the background text that answers are compared with (once per model)...")
        build_index([BACKGROUND_DIR], encoder, index_dir, only_if_missing=True)
    return load_index(index_dir, model=encoder.model_id)
