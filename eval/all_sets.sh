#!/bin/bash
# Every gold set through `tinbot eval` (hybrid), one table per set in OUT_DIR; ~2 minutes once the indexes are
# cached (the first run embeds every corpus). Compare two runs with `python eval/compare_tables.py OLD NEW`; with
# JSON=1, each set's `tinbot eval --json` instead, to compare question by question with
# `python eval/compare_questions.py OLD NEW`.
#   bash eval/all_sets.sh OUT_DIR        (from the repository's root; TINBOT=... to use another tinbot)
set -u
out=${1:?usage: bash eval/all_sets.sh OUT_DIR}
tinbot=${TINBOT:-.venv/bin/tinbot}
mkdir -p "$out"
if [ "${JSON:-0}" = 1 ]; then flags=(--json); ext=json; else flags=(); ext=txt; fi
run() {
  name=$1; shift
  "$tinbot" eval "${flags[@]}" "$@" > "$out/$name.$ext" 2>/dev/null || echo "$name: tinbot eval failed" >&2
}
run seed_gold eval/seed_gold.jsonl --corpus seeds
run seed_review eval/seed_review.jsonl --corpus seeds
run user_review eval/user_review/gold.jsonl --corpus seeds --corpus eval/news_heldout5/corpus
for s in news_review news_heldout news_heldout3 news_heldout4 news_heldout5 news_heldout6 news_heldout7 \
         news_heldout8 news_heldout9 news_heldout10 news_heldout11 news_heldout12 news_heldout13 news_heldout14 \
         news_heldout15 news_heldout16 news_heldout17 news_heldout18 news_heldout19 news_heldout20 news_heldout21 \
         news_heldout22 news_heldout23 news_heldout24 news_heldout25 \
         encyclopedic_heldout \
         news_synth news_synth2 wiki_synth wiki_synth2 reader_review; do
  run "$s" "eval/$s/gold.jsonl" --corpus "eval/$s/corpus"
done
conversations=(--corpus eval/news_heldout5/corpus --corpus eval/news_heldout6/corpus)
run followups eval/followups/gold.jsonl "${conversations[@]}"
run switches eval/switches/gold.jsonl "${conversations[@]}"
if [ -f build/xquad_vi/gold.jsonl ]; then
  run xquad build/xquad_vi/gold.jsonl --corpus build/xquad_vi/corpus
else
  echo "xquad: skipped; first run: tinbot eval-convert-xquad ../shared/eval/xquad_vi build/xquad_vi" >&2
fi
