"""A lower threshold for Vietnamese questions whose names the quoted article mentions (`retrieval/names.py`).

    python eval/experiments/vietnamese_names_threshold.py news_review news_heldout ...   # gold set names; ~2 min

English answers whose article mentions the question's names are answered on the cosine alone, without the
off-topic floor. The same for Vietnamese questions would lower the fused threshold (1.20, `answer.FUSED_MIN_SCORE`)
when the names are found. Per threshold, over the sets given, Vietnamese questions only: right answers at rank 1
answered, questions asked with their own article's hits removed (LOAO) answered, unanswerable ones answered.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lab_eval import ROOT, setup  # noqa: E402

import retrieval.answer as A  # noqa: E402
import retrieval.search as search  # noqa: E402
from retrieval.answer import answer_lang, answer_with  # noqa: E402
from retrieval.evaluate import is_correct  # noqa: E402

SETS = sys.argv[1:]
rows = []
for name in SETS:
    gold, corpus = ROOT / "eval" / name / "gold.jsonl", ROOT / "eval" / name / "corpus"
    _, enc, service, items = setup(gold, corpus)
    index = service.index
    search.CANDIDATES = 200
    s = search.Searcher(index, enc); s.background = service.searcher.background
    for it in items:
        if answer_lang(it.question) != "vi": continue
        names = s.english_names(it.question)
        hits = s.search(it.question, 200)
        if not hits: continue
        def rec(kind, hs):
            h = hs[0]
            conf = bool(names) and s.names_mentioned(names, h.row)
            # answered with threshold lowered to 0? compute the answer at several thresholds
            res = {}
            for t in (1.20, 1.15, 1.10, 1.05):
                A.FUSED_MIN_SCORE[("intfloat/multilingual-e5-small", "vi")] = t if conf else 1.20
                res[t] = answer_with(it.question, hs[:15], s, top_k=3).answered
            A.FUSED_MIN_SCORE[("intfloat/multilingual-e5-small", "vi")] = 1.20
            rows.append((name, kind, conf, res))
        if not it.answerable:
            rec("unans", hits); continue
        gr = {r for r, x in enumerate(index.sentences) if is_correct(x.text, it)}
        if not gr: continue
        if hits[0].row in gr: rec("right", hits)
        own = {index.sentences[r].article_id for r in gr}
        other = [h for h in hits if index.sentences[h.row].article_id not in own]
        if other: rec("loao", other)
for t in (1.20, 1.15, 1.10, 1.05):
    c = {k: sum(r[3][t] for r in rows if r[1] == k) for k in ("right", "loao", "unans")}
    n = {k: sum(1 for r in rows if r[1] == k) for k in ("right", "loao", "unans")}
    print(f"{t}: right answered {c['right']} of {n['right']} | LOAO answered {c['loao']} of {n['loao']} | "
          f"unanswerable answered {c['unans']} of {n['unans']}")
