"""Ranking sentences for a question: dense (FAISS), lexical (BM25) or hybrid.

`dense` and `lexical` are the plain baselines. `hybrid` is what the bot uses. On a candidate set (the dense
top `CANDIDATES`, plus the lexical top `LEXICAL_CANDIDATES` below) it scores

    dense cosine (of the question with accents restored, if typed without) with the sentence, or with the
      sentence read after the one before it (the index's context vectors), whichever is higher (only when
      token vectors are there for MaxSim below)
    + LEXICAL_WEIGHT * BM25 / best BM25            (each sentence read with its title, BM25F:
                                                    retrieval/lexical.py; an English question is scored by the
                                                    Vietnamese its words translate to, retrieval/glossary.py)

then re-scores the best `RESCORED` of those (a cascade: the rest rank below them) with

    + TYPE_BONUS if the sentence holds the asked-for kind of thing (a number for "bao nhiêu", a year for
      "khi nào", a name for "ai") that the question does not already contain
    + MAXSIM_WEIGHT * token-level MaxSim           (when the index stores token vectors, retrieval/maxsim.py;
                                                    a headline's words other than names count less there:
                                                    retrieval/headline.py)
    + PARAGRAPH_WEIGHT * cosine with the sentence's paragraph
    + LEAVE_OUT_WEIGHT * (that cosine - the cosine with the paragraph without the sentence)
                                                   (with MaxSim, when the index stores paragraph vectors)

Weights are few and set by principle, then checked by 2-fold cross-validation over XQuAD articles
(eval/experiments/quality_lab.py): MaxSim at half weight gives it about the same spread per question as the
dense cosine; the lexical and type terms are small tie-breakers (cross-validated optima 0.02-0.05). Only the
re-scored few need answer-type evidence or token vectors, which keeps a question at a few milliseconds
whatever the index size (`tinbot bench`).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np

from embeddings.encoder import Encoder, questions_in, token_layer_of
from retrieval.abbreviations import spelled_out
from retrieval.asks import asks_score, question_type
from retrieval.diacritics import DiacriticRestorer
from retrieval.glossary import glossary
from retrieval.headline import headline_weights
from retrieval.index import LoadedIndex
from retrieval.language import detect_language, has_diacritics
from retrieval.lexical import LexicalIndex, LexicalScores
from retrieval.maxsim import TokenVectors, maxsim, previous_rows
from retrieval.mentions import lexical_texts
from retrieval.names import Name, english_names, mentioned
from retrieval.offtopic import english_floor
from retrieval.places import other_names
from retrieval.recase import CaseTable
from retrieval.roles import asked_role, fits_title
from retrieval.name_shapes import CODE, code_apart, specific_terms
from retrieval.span_plan import counted_noun
from retrieval.span_shapes import TypeEvidence
from retrieval.spans import fits_wording, names_person
from retrieval.textnorm import fold, normalize, unshout
from retrieval.which import asks_place, kind_span

MODES = ("dense", "lexical", "hybrid")
CANDIDATES = 100
LEXICAL_CANDIDATES = 30
RESCORED = 30  # re-scored by answer type and MaxSim (the gold sentence is in the first 30 for >99% of questions)
EVIDENCE_CACHE = 50_000  # sentences whose answer-type evidence is remembered
ENCODED_CACHE = 16  # questions whose vectors are remembered
# The background's best is found among its dense top 10 re-scored: 30 cost 0.5 ms more per question and changed
# the best score of 1.6% of questions by at most 0.018 (eval/experiments/background_cost.py).
BACKGROUND_RESCORED = 10
MAXSIM_WEIGHT = 0.5
# For English questions too, on their glossary renderings (retrieval/glossary.py), at the same weight: re-ranking
# their top 30 at 0 / 0.02 / 0.05 / 0.1 gave Hit@1 0.803 / 0.837 / 0.858 / 0.853 over 3,999 English questions of
# 25 sets, XQuAD-vi 0.768 / 0.789 / 0.810 / 0.799 (eval/experiments/english_glossary.py).
LEXICAL_WEIGHT = 0.05
TYPE_BONUS = 0.02
# A photo caption ("Tang vật thu giữ ... Ảnh: Công an cung cấp") repeats what the text says, with a credit: it
# ranks below a sentence scoring about as well. 0.02 -> 0.05: news_heldout9 Vietnamese Hit@1 +1, news_heldout10
# one more unanswerable question declined, no set lower; 0.08 adds one Hit@3 on news_heldout3 (bash
# eval/all_sets.sh, 2026-12-06).
CAPTION_PENALTY = 0.05
PARAGRAPH_WEIGHT = 0.2
LEAVE_OUT_WEIGHT = 0.3
# A Vietnamese question whose wording says what its answer carries ("mấy lần", "bao nhiêu phần trăm", "năm nào"):
# a re-scored sentence whose figure carries it gains this (`spans.fits_wording`). Hit@1 of Vietnamese questions
# +0.8 point on XQuAD-vi (2-fold CV by article picks 0.05 on both halves), +1.2 to +2.8 on three news sets, no
# set lower; English gained and lost on different sets, so it is left out (eval/experiments/unit_bonus.py), but
# for the noun an English question counts ("how many passengers" and "38 hành khách"): English Hit@1 +1 to +2
# questions on six news sets, -1 to -3 on the encyclopedic ones and XQuAD-vi (eval/experiments/README.md).
WORDING_BONUS = 0.05
# A Vietnamese "ai" question: a re-scored sentence naming a Vietnamese person the question does not (family name
# first, `spans.names_person`) gains this. Vietnamese Hit@1 +1 question on news_review/heldout/heldout3 and on
# news_heldout4, no set lower at 0.02-0.03; at 0.05 "hội nghị do ai tổ chức" (a body) goes to a person
# (eval/experiments/name_kind.py). English left out: news_synth lost at 0.03 and above.
PERSON_BONUS = 0.03
# A question on a title, "who" holds it ("giám đốc công nghệ", "the CEO") or what a person holds ("Ông Lâm giữ chức
# vụ gì?"): a re-scored sentence that writes a person with the title (`retrieval.roles.fits_title`) gains this, in
# both languages.
TITLE_BONUS = 0.03
# A person's title asked for ("Ông Lực giữ chức vụ gì?"): the sentence writing it next to their full name is the
# answer (`answer.make_answer` quotes it whatever its score), so it ranks first: the question is short and the
# sentence is mostly about something else. 0.03 left three of four such questions of eval/news_heldout8 at rank 2-3.
ROLE_BONUS = 0.1
# A question asking which province or which country ("Huyện Cẩm Xuyên thuộc tỉnh nào?"): a re-scored sentence naming
# one the question does not (`which.kind_span`; news places a district by its province in brackets, "huyện Cẩm
# Xuyên (Hà Tĩnh)") gains this, in both languages. Of the 133 such questions of the gold sets, rank 1 right at 0 /
# 0.03 / 0.05 / 0.08: 109 / 116 / 118 / 117 (eval/experiments/place_kind.py).
PLACE_BONUS = 0.05


@dataclass(frozen=True)
class Query:
    """A question as the hybrid ranking reads it: normalised, its language, whether it was typed without accents,
    and its vectors (embedded with the accents put back)."""
    text: str
    lang: str
    unaccented: bool
    qvec: np.ndarray
    qtok: np.ndarray | None


@dataclass(frozen=True)
class Hit:
    row: int
    score: float
    dense: float
    lexical: float
    maxsim: float = 0.0
    paragraph: float = 0.0  # what the paragraph terms added to `score` (0 when the index has no paragraph vectors)
    wording: float = 0.0  # what fitting the question's asked-for unit or person added (`WORDING_BONUS`, `PERSON_BONUS`)

    @property
    def fused(self) -> float:
        """The score declines are judged on: without the paragraph terms and the wording bonus, which order
        sentences of one paragraph but say nothing of whether the corpus answers."""
        return self.score - self.paragraph - self.wording


# Units' nouns a body's name may write before its place ("Cục Thuế tỉnh Quảng Ninh").
_UNITS_INSIDE = ("tỉnh", "thành phố", "TP", "huyện", "quận")


class Searcher:
    """Ranks the sentences of one loaded index. Token vectors (the index's own, or `tokens`) enable MaxSim in
    hybrid mode when the encoder gives question token vectors from the same layer (`TokenEncoder`)."""

    def __init__(self, index: LoadedIndex, encoder: Encoder, mode: str = "hybrid", *,
                 tokens: TokenVectors | None = None) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; choose one of {', '.join(MODES)}")
        tokens = tokens if tokens is not None else index.tokens
        if tokens is not None and tokens.n_sentences != len(index.sentences):
            raise ValueError(f"token vectors cover {tokens.n_sentences} sentences, the index has "
                             f"{len(index.sentences)}")
        self.index = index
        self.encoder = encoder
        self.mode = mode
        self._evidence_cache: dict[int, TypeEvidence] = {}
        self._headlines: dict[str, np.ndarray] = {}  # per article, its title's token weights (retrieval/headline.py)
        layer = token_layer_of(encoder)
        self.tokens = tokens if layer is not None and index.token_layer in (None, layer) else None
        # A question is embedded once for its search and for the background's (`background_best`).
        self._encode = lru_cache(maxsize=ENCODED_CACHE)(self._encode_uncached)
        self.background: Searcher | None = None

    @cached_property
    def lexical(self) -> LexicalIndex:
        """Saved with the index (memory-mapped); built here only for indexes that lack it."""
        sentences, articles = self.index.sentences, self.index.articles
        return self.index.lexical or LexicalIndex.build(lexical_texts(sentences),
                                                        [articles[s.article_id].title for s in sentences])

    @cached_property
    def restorer(self) -> DiacriticRestorer:
        return self.index.restorer or DiacriticRestorer.build(s.text for s in self.index.sentences)

    @cached_property
    def case(self) -> CaseTable:
        return self.index.case or CaseTable.build(s.text for s in self.index.sentences)

    def _evidence(self, row: int) -> TypeEvidence:
        """What the sentence offers for each question type; computed for candidates only, and remembered."""
        found = self._evidence_cache.get(row)
        if found is None:
            if len(self._evidence_cache) >= EVIDENCE_CACHE:
                self._evidence_cache.clear()
            found = self._evidence_cache[row] = TypeEvidence.of(self.index.sentences[row].text)
        return found

    def _title_weights(self, rows: np.ndarray) -> list[np.ndarray]:
        """Per row, the weights of its leading title tokens' matches (`headline_weights`), found once per article."""
        out = []
        for row in rows:
            article_id = self.index.sentences[int(row)].article_id
            weights = self._headlines.get(article_id)
            if weights is None:
                first, end = self.index.article_rows[article_id]

                def mentions(word: str, first: int = first, end: int = end) -> bool:
                    return any(f" {word}" in self.index.sentences[r].text for r in range(first, end))

                weights = self._headlines[article_id] = headline_weights(
                    normalize(self.index.articles[article_id].title),
                    self.encoder.passage_token_counts, mentions)  # type: ignore[attr-defined]
            out.append(weights)
        return out

    @cached_property
    def _previous(self) -> np.ndarray:
        return previous_rows([s.article_id for s in self.index.sentences])

    @cached_property
    def _caption_mask(self) -> np.ndarray:
        return np.array([s.kind == "caption" for s in self.index.sentences], dtype=bool)

    @cached_property
    def english_floor(self) -> float | None:
        """The score an English answer must beat on this index (`retrieval.offtopic`); found on first use."""
        return english_floor(self)

    def warm_up(self) -> None:
        """Build the lazy tables now, so the first question is as fast as the rest."""
        _ = self.lexical, self._caption_mask
        if self.mode == "hybrid":
            _ = self.restorer, self.case, self._previous, self.english_floor, glossary()
        if self.background is not None:
            _ = self.background.lexical, self.background._caption_mask, self.background._previous

    def _mentions_name(self, name: str) -> bool:
        """Whether some sentence mentions `name`, or, for three words or more or after an abbreviated title, all
        but its first: a title or a kind the text words otherwise ("HLV Lê Quang Trãi" written "huấn luyện viên Lê
        Quang Trãi", "Tết Chôl Chnăm Thmây" as "lễ hội Chôl Chnăm Thmây", "HLV Tuấn" as "HLV trưởng Đặng Quốc
        Tuấn"); a country or a province by another of its names ("Úc" written "Australia": `places.other_names`);
        a body's name with a unit's noun before its place ("Cục Thuế Quảng Ninh" written "Cục Thuế tỉnh Quảng
        Ninh")."""
        words = name.split()
        if CODE.fullmatch(name):  # "RON92" may be written "RON 92"
            return self.lexical.mentions(name) or self.lexical.mentions(code_apart(name))
        titled = len(words) == 2 and words[0].isupper() and len(words[0]) > 1  # "HLV", "TS", "NSND"
        rest = " ".join(words[1:])
        return (self.lexical.mentions(name) or ((len(words) >= 3 or titled) and self.lexical.mentions(rest))
                or any(self.lexical.mentions(other) for other in other_names(name))  # "Úc" written "Australia"
                or len(words) >= 3 and any(self.lexical.mentions(" ".join(words[:i] + [unit] + words[i:]))
                                           for i in range(2, len(words)) for unit in _UNITS_INSIDE))

    def english_names(self, question: str) -> list[Name]:
        """The Vietnamese names a question gives in Latin letters (`retrieval.names`); for a Vietnamese question,
        those of two words or more."""
        text = normalize(unshout(question))
        return english_names(text, self.lexical.writes, vietnamese=detect_language(text) == "vi")

    def names_mentioned(self, names: Sequence[Name], row: int) -> bool:
        """Whether the article of `row` mentions each of `names`."""
        first, end = self.index.article_rows[self.index.sentences[row].article_id]
        return all(mentioned(name, self.lexical.folded.rows_with, range(first, end)) for name in names)

    def unknown_terms(self, question: str, names: Sequence[Name] | None = None) -> list[str]:
        """Names in the question that no indexed sentence mentions: Vietnamese-spelled ones
        (`name_shapes.specific_terms`) and ones typed without accents ("Sa Pa"): `names`, the question's
        `english_names` if the caller has them, else found here for an English question. An abbreviation is read as
        the search reads it (`spelled_out`): "HĐQT" is mentioned where "Hội đồng quản trị" is."""
        read = spelled_out(normalize(unshout(question)), self.lexical.mentions)
        unknown = [t for t in specific_terms(read) if not self._mentions_name(t)]
        if names is None:  # English only: a Vietnamese question capitalises "Anh Khoa", "Ông Đào Quang Khải"
            names = self.english_names(question) if detect_language(question) == "en" else []
        for name in names:
            written = any(all(self.lexical.writes(t) for t in form) for form in name.forms)
            if not written and fold(name.text) not in {fold(t) for t in unknown}:
                unknown.append(name.text)
        return unknown

    def search(self, question: str, k: int) -> list[Hit]:
        n = len(self.index.sentences)
        if n == 0 or not question.strip():
            return []
        q = spelled_out(normalize(unshout(question)), self.lexical.mentions)
        if self.mode == "dense":
            cand, dense = self._dense(self.encoder.encode_queries([q]), np.zeros(0, np.int64))
            return self._top(cand, dense, dense, np.zeros_like(dense), np.zeros_like(dense), np.zeros_like(dense), k)
        if self.mode == "lexical":
            lexical = self.lexical.scores(q, folded=not has_diacritics(q))
            cand, lex = lexical.rows, lexical.values
            return self._top(cand, lex, np.full_like(lex, -1.0), lex, np.zeros_like(lex), np.zeros_like(lex), k)
        return self._hybrid(q, k)

    def _hybrid(self, q: str, k: int) -> list[Hit]:
        return self._rank(self._encode(q), k)

    def background_best(self, question: str) -> float | None:
        """The best fused score (without the paragraph terms) that the `background` text offers `question`,
        scored as this index scores it; None without a background or without token matching
        (retrieval/background.py)."""
        if self.background is None or self.mode != "hybrid" or self.tokens is None or not question.strip():
            return None
        query = self._encode(spelled_out(normalize(unshout(question)), self.lexical.mentions))
        if query.qtok is None or self.background.tokens is None:
            return None
        hits = self.background._rank(query, 1, BACKGROUND_RESCORED)
        return hits[0].fused if hits else None

    def _encode_uncached(self, q: str) -> Query:
        lang = detect_language(q)
        # Typed without accents, or partly ("xuất khẩu gao dat bao nhieu"): the model reads unaccented Vietnamese
        # poorly, so the question is embedded with its accents put back, and matched accent-free. Names typed in
        # lower case, as such questions nearly always are, are embedded with their capitals ("cho moi" as "Chợ
        # Mới"), and so are those of a question typed with accents but no capitals.
        unaccented = lang == "vi" and (not has_diacritics(q) or bool(self.restorer.typed_without_accents(q)))
        text = self.restorer.restore(q) if unaccented else q
        if unaccented or (lang == "vi" and q == q.lower()):
            text = self.case.recase(text)
        qtok = None
        # English questions through their tuning (embeddings/tuning.py); the token vectors are the same.
        encoder = questions_in(self.encoder, lang)
        if self.tokens is not None:
            qvec, qtoks = encoder.encode_queries_with_tokens([text])  # type: ignore[attr-defined]
            qtok = qtoks[0]
        else:
            qvec = encoder.encode_queries([text])
        for shared in (qvec, qtok):  # remembered and shared by searches on several threads: never written
            if shared is not None:
                shared.setflags(write=False)
        return Query(q, lang, unaccented, qvec, qtok)

    def _lexical_scores(self, query: Query) -> LexicalScores | None:
        """BM25 of a Vietnamese question's words (accents ignored if typed without), or of the Vietnamese an
        English question's words translate to (retrieval/glossary.py); None for other languages."""
        if query.lang == "vi":
            return self.lexical.scores(query.text, folded=query.unaccented)
        if query.lang == "en":
            phrases = glossary().read(query.text)
            return self.lexical.phrase_scores(phrases) if phrases else None
        return None

    def _rank(self, query: Query, k: int, rescored: int = RESCORED) -> list[Hit]:
        q, qvec, qtok = query.text, query.qvec, query.qtok
        vietnamese = query.lang == "vi"
        lexical = self._lexical_scores(query)
        extra = lexical.top(LEXICAL_CANDIDATES) if lexical is not None else np.zeros(0, np.int64)
        cand, dense = self._dense(qvec, extra)
        # A sentence continuing the one before ("Họ...", "Do đó, phiên bản này...") is also scored as read
        # after it (retrieval/passages.py: context_texts): XQuAD-vi Hit@1 +1.3 Vietnamese, +0.5 English
        # (eval/experiments/context_vectors.py). Only with token matching: without it the two-sentence
        # vectors outscore the answering sentence for English questions (torch backend, `tinbot bench --only
        # quality`: English Hit@1 0.620 -> 0.554). `dense` stays the sentence's own cosine ("not found" uses it).
        use_context = self.index.context is not None and qtok is not None
        total = self._with_context(cand, dense, qvec) if use_context else dense.copy()
        lex = np.zeros_like(dense)
        if lexical is not None and lexical.best() > 0:
            lex = lexical.of(cand)
            total += LEXICAL_WEIGHT * lex / lexical.best()
        # Cascade: the answer type and MaxSim re-score only the best RESCORED so far; the rest rank below them.
        top = np.argsort(-total, kind="stable")[:rescored]
        kind = question_type(q)
        if kind is not None:
            folded_q = fold(q)
            total[top] += TYPE_BONUS * np.array([self._evidence(int(r)).offers(kind, folded_q) for r in cand[top]],
                                                np.float32)
        wording = np.zeros_like(dense)
        # Vietnamese (English units moved both ways), and a score, written alike in both ("3-1"), and what an English
        # question counts ("how many passengers": "38 hành khách"; `span_plan.counted_noun`).
        if kind is not None and (vietnamese or asks_score(q) or (kind == "quantity" and counted_noun(fold(q)))):
            fits_it, weight = (names_person, PERSON_BONUS) if kind == "name" else (fits_wording, WORDING_BONUS)
            fits = [fits_it(q, self.index.sentences[int(r)].text) for r in cand[top]]
            if fits and fits[0] is not None:
                wording[top] = weight * np.array(fits, np.float32)
                total[top] += wording[top]
        # "Ai là Phó giám đốc ...?", "Ông Lâm giữ chức vụ gì?": a person written with a title (retrieval/roles.py)
        titled = [fits_title(q, self.index.sentences[int(r)].text) for r in cand[top]]
        if titled and titled[0] is not None:
            bonus = (ROLE_BONUS if asked_role(q) else TITLE_BONUS) * np.array(titled, np.float32)
            wording[top] += bonus
            total[top] += bonus
        if asks_place(q):
            named = PLACE_BONUS * np.array([kind_span(q, self.index.sentences[int(r)].text) is not None
                                            for r in cand[top]], np.float32)
            wording[top] += named
            total[top] += named
        ms = np.zeros_like(dense)
        if self.tokens is not None and qtok is not None:
            titles = self._title_weights if hasattr(self.encoder, "passage_token_counts") else None
            ms[top] = maxsim(qtok, self.tokens, cand[top], self._previous, title=titles)
            total[top] += MAXSIM_WEIGHT * ms[top]
        para = np.zeros_like(dense)
        if use_context and self.index.paragraph is not None and self.index.rest is not None:
            # The paragraph finds the region; what it loses without the sentence picks the sentence inside it,
            # read with its neighbours in view (retrieval/passages.py: paragraph_texts). XQuAD-vi English
            # Hit@1 +1.8, Vietnamese +0.8 (eval/experiments/leave_one_out.py).
            whole = np.asarray(self.index.paragraph[cand[top]]) @ qvec[0]
            rest = np.asarray(self.index.rest[cand[top]]) @ qvec[0]
            para[top] = PARAGRAPH_WEIGHT * whole + LEAVE_OUT_WEIGHT * (whole - rest)
            total[top] += para[top]
        tier = np.ones(len(cand), dtype=np.int8)
        tier[top] = 0
        return self._top(cand, total, dense, lex, ms, para, k, tier, wording)

    def _with_context(self, cand: np.ndarray, dense: np.ndarray, qvec: np.ndarray) -> np.ndarray:
        """Per candidate, the better of its own cosine (`dense`) and its context vector's."""
        return np.maximum(dense, np.asarray(self.index.context[cand]) @ qvec[0]).astype(np.float32)

    def _dense(self, qvec: np.ndarray, extra: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Candidate rows (dense top CANDIDATES plus `extra`) and their exact cosine with the question."""
        n = len(self.index.sentences)
        _, ids = self.index.faiss.search(qvec, min(CANDIDATES, n))
        cand = np.union1d(ids[0][ids[0] >= 0], extra).astype(np.int64)
        # Exact cosine for the candidates, so an approximate index never distorts the scores.
        return cand, (np.asarray(self.index.vectors[cand]) @ qvec[0]).astype(np.float32)

    def _top(self, cand: np.ndarray, total: np.ndarray, dense: np.ndarray, lex: np.ndarray, ms: np.ndarray,
             para: np.ndarray, k: int, tier: np.ndarray | None = None,
             wording: np.ndarray | None = None) -> list[Hit]:
        """Best `k` by score (rows in reading order on ties); a lower `tier` ranks first whatever its score."""
        total = total - CAPTION_PENALTY * self._caption_mask[cand]
        keys = (cand, -total) if tier is None else (cand, -total, tier)
        order = np.lexsort(keys)[:k]
        return [Hit(int(cand[i]), float(total[i]), float(dense[i]), float(lex[i]), float(ms[i]), float(para[i]),
                    float(wording[i]) if wording is not None else 0.0) for i in order]
