"""Which sentence answers a follow-up read with the question before it (retrieval.answer.follow_up)?

    python eval/experiments/follow_up_rule.py RULE [GOLD]
    # RULE: alone | first | filter | en-new | en-new-near | switch | says; GOLD: eval/followups/gold.jsonl (default) or
    # eval/switches/gold.jsonl

Runs `tinbot eval GOLD` over the twenty articles of news_heldout5 and news_heldout6 with the rule swapped in:
- alone: follow-ups asked without the question before them;
- first: the rule until the sixteenth session: answered only if the joined reading's first sentence has a word of
  the follow-up itself (`followup.adds_to`);
- filter: the shipped rule: the best joined sentence that has one;
- en-new: as filter, but an English follow-up (no word of which is written in the articles) takes the best joined
  sentence other than the one that answers the question before it;
- en-new-near: as en-new, and that sentence must also be among the follow-up's own ten best;
- switch: as filter, and a short question answered alone from another article than its follow-up reading is read
  as a follow-up when that article has all its own words (`answer.in_conversation`);
- says: the shipped rule: as switch, and a short question that says it follows ("còn ...?", "and ...?",
  `followup.says_follow_up`) is read as a follow-up whenever that reading answers it from another article, and
  declined when it cannot be read so and is answered alone from another article than the question before it.
All but `switch` and `says` read a question as a follow-up only when it is declined alone.
Figures: eval/followups/README.md.
"""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bot.entry import main as tinbot  # noqa: E402
from retrieval import answer, evaluate, followup  # noqa: E402

RULES = ("alone", "first", "filter", "en-new", "en-new-near", "switch", "says")


def follow_up(rule: str):  # type: ignore[no-untyped-def]
    def read(text, previous, searcher, k):  # type: ignore[no-untyped-def]
        before = answer.clean_question(previous)
        joined = followup.read_with(before, text)
        hits = searcher.search(joined, k + answer.MORE_QUOTES)
        if rule == "first":
            got = answer.answer_with(joined, hits, searcher, top_k=k)
            if not got.answered or not followup.adds_to(text, got.quotes[0].text):
                return None
            return replace(got, question=text, follows=before), hits
        if rule.startswith("en-new") and answer.answer_lang(text) == "en":
            said = {h.row for h in searcher.search(before, 1)}
            near = {h.row for h in searcher.search(text, 10)} if rule == "en-new-near" else None
            hits = [h for h in hits if h.row not in said and (near is None or h.row in near)]
        else:
            hits = [h for h in hits if followup.adds_to(text, searcher.index.sentences[h.row].text)]
        got = answer.answer_with(joined, hits, searcher, top_k=k)
        return (replace(got, question=text, follows=before), hits) if got.answered else None
    return read


def main() -> int:
    rule = sys.argv[1] if len(sys.argv) in (2, 3) else ""
    if rule not in RULES:
        print(__doc__, file=sys.stderr)
        return 2
    gold = sys.argv[2] if len(sys.argv) == 3 else str(ROOT / "eval/followups/gold.jsonl")
    if rule == "alone":
        asked = evaluate.run_question
        evaluate.run_question = lambda service, item, depth, **kw: replace(  # type: ignore[assignment]
            asked(service, replace(item, previous=None), depth, **kw), item=item)
    elif rule == "switch":
        followup.says_follow_up = lambda question: False  # type: ignore[assignment]
    elif rule != "says":
        answer.SWITCH_TO_CONVERSATION = False
        if rule != "filter":
            answer.follow_up = follow_up(rule)  # type: ignore[assignment]
    sys.argv = ["tinbot", "eval", gold, "--corpus",
                str(ROOT / "eval/news_heldout5/corpus"), "--corpus", str(ROOT / "eval/news_heldout6/corpus")]
    return tinbot()


if __name__ == "__main__":
    sys.exit(main())
