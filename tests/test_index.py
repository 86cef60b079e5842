"""The index folder: build, reuse by content hash, removal, atomic publication, verification."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from embeddings.encoder import HashingEncoder
from embeddings.errors import IndexCorrupt, IndexNotFound, ModelMismatch, TinbotError
from retrieval import store
from retrieval.index import load_index
from retrieval.indexer import BuildReport, build_index, collect
from retrieval.passages import CONTEXT_FORMAT, PARAGRAPH_FORMAT, context_texts, paragraph_texts
from tests.conftest import DATA, SEEDS, interrupted_build
from tests.test_search import WordTokens


class CountingEncoder(HashingEncoder):
    """The hashing encoder, counting how many passages it was asked to embed."""

    def __init__(self) -> None:
        super().__init__()
        self.passages = 0

    def encode_passages(self, texts, *, progress=False):
        self.passages += len(texts)
        return super().encode_passages(texts)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(DATA / "articles", root)
    shutil.copy(next(SEEDS.glob("*.txt")), root / "seed.txt")
    return root


def test_build_writes_a_self_describing_folder(corpus: Path, tmp_path: Path) -> None:
    report = build_index([corpus], HashingEncoder(), tmp_path / "idx")
    assert report.articles == 3 and report.problems == []
    gen = store.live_generation(tmp_path / "idx")
    manifest = json.loads((gen / "manifest.json").read_text())
    assert manifest["model"] == "hashing" and manifest["dim"] == 256
    assert manifest["sentences"] == report.sentences
    assert set(store.DATA_FILES) | {"bm25_folded_data.npy", "restorer_words.json", "restorer_case.json"} <= set(
        manifest["files"])
    assert manifest["tokens"] is None and manifest["lexical"]["bm25"]["features"] == "syllables+pairs"
    assert len(manifest["corpus_fingerprint"]) == 64
    index = load_index(tmp_path / "idx")
    assert len(index.sentences) == index.faiss.ntotal == report.sentences
    assert [d for _, d in index.recent] == ["2024-03", "2023-07", ""]  # newest first, the undated one last
    assert index.recent[0][0] == "Giá lúa gạo tăng mạnh trong quý I"
    assert index.case is not None and index.case.recase("ở hà tĩnh") == "ở Hà Tĩnh"  # saved, read back
    assert manifest["context"] == {"format": CONTEXT_FORMAT} and "context.npy" in manifest["files"]
    assert index.context is not None and index.context.shape == index.vectors.shape
    first, last = index.article_rows[next(iter(index.articles))]
    np.testing.assert_array_equal(index.context[first], index.vectors[first])  # nothing before it
    assert not np.allclose(index.context[first + 1], index.vectors[first + 1])
    assert manifest["paragraph"] == {"format": PARAGRAPH_FORMAT}
    assert {"paragraph.npy", "rest.npy"} <= set(manifest["files"])
    assert index.paragraph is not None and index.rest is not None and index.rest.shape == index.vectors.shape
    alone = [item.paragraphs.count(n) == 1 for item in collect([corpus], BuildReport(corpus)) for n in item.paragraphs]
    assert len(alone) == len(index.sentences) and any(alone) and not all(alone)
    for row, single in enumerate(alone):  # left out of a paragraph of several sentences, something is lost
        assert np.allclose(index.paragraph[row], index.rest[row]) == single, row
    current = next((tmp_path / "idx" / "cache").rglob("*.paragraph-*.npy"))
    stale = current.with_name(current.name.split(".")[0] + ".paragraph-paragraph-and-rest-v1.npy")
    np.save(stale, np.zeros((1, 2), np.float32))
    build_index([corpus], HashingEncoder(), tmp_path / "idx")
    assert current.exists() and not stale.exists()  # an older paragraph format is pruned, the current kept


def _second_texts(corpus: Path, kinds: tuple[str, ...] = ("context", "paragraph", "rest")) -> int:
    """How many distinct texts the second vectors of `kinds` take for `corpus` (one batch of articles)."""
    texts: set[str] = set()
    for item in collect([corpus], BuildReport(corpus)):
        whole, rest = paragraph_texts(item.sentences, item.paragraphs)
        per_kind = {"context": context_texts(item.article, item.sentences), "paragraph": whole, "rest": rest}
        texts.update(t for kind in kinds for t in per_kind[kind] if t)
    return len(texts)


def test_unchanged_files_are_not_re_embedded_and_removed_files_leave(corpus: Path, tmp_path: Path) -> None:
    enc = CountingEncoder()
    first = build_index([corpus], enc, tmp_path / "idx")
    assert enc.passages == first.sentences + _second_texts(corpus)
    enc.passages = 0
    again = build_index([corpus], enc, tmp_path / "idx")
    assert enc.passages == 0 and again.reused_articles == 3
    (corpus / "seed.txt").unlink()
    (corpus / "sub" / "khong_tieu_de.txt").write_text("Một bài mới hoàn toàn. Có hai câu.", encoding="utf-8")
    third = build_index([corpus], enc, tmp_path / "idx")
    # Two sentences, the second also after the first, their paragraph, and each one's paragraph without it.
    assert enc.passages == 2 + 1 + 1 + 2 and third.articles == 2
    index = load_index(tmp_path / "idx")
    assert not any("seed" in a for a in index.articles)
    assert any(s.text == "Có hai câu." for s in index.sentences)
    assert third.left_out == [str(corpus / "seed.txt")]  # deleted: no longer in the given folder
    assert third.removed == third.left_out  # and said so: its file is gone


def test_indexing_one_file_names_what_it_left_out_and_keeps_their_vectors(corpus: Path, tmp_path: Path) -> None:
    enc = CountingEncoder()
    build_index([corpus], enc, tmp_path / "idx")
    one = build_index([corpus / "lua_gao.txt"], enc, tmp_path / "idx")
    assert one.removed == [] and one.articles == 1 and sorted(one.left_out) == sorted([str(corpus / "seed.txt"),
                                                                 str(corpus / "sub" / "khong_tieu_de.txt")])
    enc.passages = 0
    whole = build_index([corpus], enc, tmp_path / "idx")  # the mistake undone: nothing embedded again
    assert enc.passages == 0 and whole.reused_articles == 3 and whole.left_out == []
    assert whole.cached_articles == 2  # the two left out: embedded before, not in the index it replaced


def test_vectors_cached_under_another_recipe_are_embedded_again(corpus: Path, tmp_path: Path) -> None:
    enc = CountingEncoder()
    enc.passage_recipe = "int8-batch4"
    first = build_index([corpus], enc, tmp_path / "idx")
    old_cache = {p.parent for p in (tmp_path / "idx" / "cache").rglob("*.npy")}
    enc.passage_recipe, enc.passages = "int8-batch1", 0  # the same model, its passages now computed otherwise
    report = build_index([corpus], enc, tmp_path / "idx")
    assert report.embedded_articles == 3 and enc.passages == first.sentences + _second_texts(corpus)
    manifest = json.loads((store.live_generation(tmp_path / "idx") / "manifest.json").read_text())
    assert manifest["passage_recipe"] == "int8-batch1"
    assert len(old_cache) == 1 and all(p.exists() for p in old_cache)  # left alone: cache/ may hold others' files
    enc.passages = 0
    again = build_index([corpus], enc, tmp_path / "idx")
    assert again.reused_articles == 3 and again.cached_articles == 0 and enc.passages == 0


@pytest.mark.parametrize("missing", [("context",), ("paragraph", "rest")])
def test_an_index_from_before_second_vectors_embeds_only_those(corpus: Path, tmp_path: Path,
                                                                 missing: tuple[str, ...]) -> None:
    enc = CountingEncoder()
    build_index([corpus], enc, tmp_path / "idx")
    before = load_index(tmp_path / "idx")
    kept = {name: np.array(getattr(before, name)) for name in ("vectors", "context", "paragraph", "rest")}
    for kind in missing:
        for path in (tmp_path / "idx" / "cache").rglob(f"*.{kind}-*.npy"):
            path.unlink()
    enc.passages = 0
    report = build_index([corpus], enc, tmp_path / "idx")
    assert report.reused_articles == report.context_articles == 3
    assert enc.passages == _second_texts(corpus, missing)
    after = load_index(tmp_path / "idx")
    for name, values in kept.items():
        np.testing.assert_allclose(getattr(after, name), values, atol=1e-6)


def test_bad_files_are_reported_and_the_rest_indexes(corpus: Path, tmp_path: Path) -> None:
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "latin1.txt").write_bytes("Gi\xe1 l\xfaa".encode("latin-1"))
    shutil.copy(corpus / "seed.txt", corpus / "copy_of_seed.txt")
    report = build_index([corpus], HashingEncoder(), tmp_path / "idx")
    assert report.articles == 3
    assert len(report.problems) == 3
    joined = "\n".join(report.problems)
    assert "empty.txt: empty" in joined and "latin1.txt: not UTF-8" in joined and "duplicate" in joined


def test_nothing_readable_keeps_the_previous_index(corpus: Path, tmp_path: Path) -> None:
    build_index([corpus], HashingEncoder(), tmp_path / "idx")
    before = store.live_generation(tmp_path / "idx")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.txt").write_bytes(b"")
    with pytest.raises(TinbotError, match=r"no readable articles: .*x.txt: empty.*; the index in .*idx is unchanged"):
        build_index([bad], HashingEncoder(), tmp_path / "idx")
    (bad / "x.txt").unlink()  # the folder emptied: not an empty index either
    with pytest.raises(TinbotError, match=r"no readable articles in .*bad .*; the index in .*idx is unchanged"):
        build_index([bad], HashingEncoder(), tmp_path / "idx")
    assert store.live_generation(tmp_path / "idx") == before
    assert len(load_index(tmp_path / "idx").articles) == 3


def test_a_failure_mid_build_leaves_the_old_index_live(corpus: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    build_index([corpus], HashingEncoder(), tmp_path / "idx")
    before = load_index(tmp_path / "idx")

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(store, "write_metadata", crash)
    (corpus / "new.txt").write_text("Tin mới. Rất mới.", encoding="utf-8")
    with pytest.raises(OSError):
        build_index([corpus], HashingEncoder(), tmp_path / "idx")
    after = load_index(tmp_path / "idx")
    assert after.path == before.path and len(after.articles) == 3
    monkeypatch.undo()
    build_index([corpus], HashingEncoder(), tmp_path / "idx")
    assert len(load_index(tmp_path / "idx").articles) == 4
    leftovers = [p for p in (tmp_path / "idx").glob("gen-*.tmp")]
    assert leftovers == []


def test_missing_index_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(IndexNotFound, match="tinbot index"):
        load_index(tmp_path / "nothing")


def test_tampered_or_truncated_files_are_detected(corpus: Path, tmp_path: Path) -> None:
    build_index([corpus], HashingEncoder(), tmp_path / "idx")
    gen = store.live_generation(tmp_path / "idx")
    path = gen / "sentences.jsonl"
    data = path.read_bytes()
    path.write_bytes(data.replace(b"nh", b"hn", 1))  # same size, other content
    with pytest.raises(IndexCorrupt, match="checksum"):
        load_index(tmp_path / "idx")
    path.write_bytes(data[:-10])
    with pytest.raises(IndexCorrupt, match="truncated"):
        load_index(tmp_path / "idx")


def test_model_mismatch_is_refused(corpus: Path, tmp_path: Path) -> None:
    build_index([corpus], HashingEncoder(), tmp_path / "idx")
    with pytest.raises(ModelMismatch) as caught:
        load_index(tmp_path / "idx", model="intfloat/multilingual-e5-small")
    # Both ways out, and the rebuild names this index folder (not the default one).
    assert "leave out --model and TINBOT_MODEL" in str(caught.value)
    assert (f"tinbot index --index-dir {tmp_path / 'idx'} --model intfloat/multilingual-e5-small"
            in str(caught.value))


def test_index_from_another_normaliser_version_is_refused(corpus: Path, tmp_path: Path) -> None:
    build_index([corpus], HashingEncoder(), tmp_path / "idx")
    gen = store.live_generation(tmp_path / "idx")
    manifest = json.loads((gen / "manifest.json").read_text())
    manifest["normalizer"] = "something-older"
    (gen / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ModelMismatch, match=f"rebuild it with: tinbot index --index-dir {tmp_path / 'idx'} "):
        load_index(tmp_path / "idx")


def test_stored_vectors_match_a_fresh_encoding(corpus: Path, tmp_path: Path) -> None:
    from retrieval.passages import passage_text

    build_index([corpus], HashingEncoder(), tmp_path / "idx")
    index = load_index(tmp_path / "idx")
    texts = [passage_text(index.article_of(i), s) for i, s in enumerate(index.sentences)]
    np.testing.assert_allclose(index.vectors, HashingEncoder().encode_passages(texts), atol=1e-6)


class CountingTokens(WordTokens):
    def __init__(self) -> None:
        super().__init__()
        self.passages = 0

    def encode_passages_with_tokens(self, texts, starts, *, progress=False):
        self.passages += len(texts)
        return super().encode_passages_with_tokens(texts, starts)


def test_token_vectors_are_stored_verified_cached_and_searched(corpus: Path, tmp_path: Path) -> None:
    from retrieval.passages import passage_text
    from retrieval.search import Searcher

    enc = CountingTokens()
    build_index([corpus], enc, tmp_path / "idx")
    gen = store.live_generation(tmp_path / "idx")
    manifest = json.loads((gen / "manifest.json").read_text())
    assert manifest["tokens"] == {"layer": 8, "dtype": "int8", "format": "L8-title-sentence-int8"}
    assert {"tokens.npy", "token_scales.npy", "token_offsets.npy"} <= set(manifest["files"])
    index = load_index(tmp_path / "idx")
    # One token per word of the embedded text: the article's title, then the sentence.
    lengths = np.diff(index.tokens.offsets)
    words = [len(enc._words(passage_text(index.article_of(i), s))) for i, s in enumerate(index.sentences)]
    assert lengths.tolist() == words and sum(words) > 0
    hits = Searcher(index, enc, "hybrid").search(index.sentences[3].text, 1)
    assert hits[0].row == 3 and hits[0].maxsim > 0.99

    enc.passages = 0
    build_index([corpus], enc, tmp_path / "idx")  # unchanged corpus: tokens come from the cache
    again = load_index(tmp_path / "idx")
    assert enc.passages == 0
    np.testing.assert_array_equal(again.tokens.data, index.tokens.data)

    data = (again.path / "tokens.npy").read_bytes()
    (again.path / "tokens.npy").write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    with pytest.raises(IndexCorrupt, match="checksum"):
        load_index(tmp_path / "idx")


def test_an_encoder_without_token_vectors_gives_an_index_without_them(corpus: Path, tmp_path: Path) -> None:
    build_index([corpus], HashingEncoder(), tmp_path / "idx")
    index = load_index(tmp_path / "idx")
    assert index.tokens is None and index.manifest["tokens"] is None


def test_saved_lexical_tables_score_and_restore_like_freshly_built_ones(corpus: Path, tmp_path: Path) -> None:
    from retrieval.diacritics import DiacriticRestorer
    from retrieval.lexical import LexicalIndex
    from retrieval.mentions import lexical_texts

    build_index([corpus], HashingEncoder(), tmp_path / "idx")
    index = load_index(tmp_path / "idx")
    texts = [s.text for s in index.sentences]
    titles = [index.articles[s.article_id].title for s in index.sentences]
    fresh, restorer = LexicalIndex.build(lexical_texts(index.sentences), titles), DiacriticRestorer.build(texts)
    assert isinstance(index.lexical.folded.data, np.memmap)  # read from disk, not rebuilt
    for question, folded in (("thu ngân sách đạt bao nhiêu", False), ("thu ngan sach dat bao nhieu", True),
                             ("120,3 tỷ đồng", False), ("xyzzy plugh", False)):
        got, want = index.lexical.scores(question, folded=folded), fresh.scores(question, folded=folded)
        np.testing.assert_array_equal(got.rows, want.rows)
        np.testing.assert_allclose(got.values, want.values, rtol=1e-6)
        assert (len(got.rows) > 0) == ("xyzzy" not in question)
    for question in ("thu ngan sach dat bao nhieu", "huyen cam xuyen thuoc tinh nao", "ai chu tri hoi nghi"):
        assert index.restorer.restore(question) == restorer.restore(question)


def test_an_index_from_before_saved_lexical_tables_still_answers(corpus: Path, tmp_path: Path) -> None:
    """Indexes written before BM25 and the accent restorer were saved: they are built in memory instead."""
    from retrieval.search import Searcher

    build_index([corpus], HashingEncoder(), tmp_path / "idx")
    gen = store.live_generation(tmp_path / "idx")
    manifest = json.loads((gen / "manifest.json").read_text())
    for name in [n for n in manifest["files"] if n.startswith(("bm25_", "restorer_"))]:
        (gen / name).unlink()
        del manifest["files"][name]
    del manifest["lexical"]
    (gen / "manifest.json").write_text(json.dumps(manifest))
    index = load_index(tmp_path / "idx")
    assert index.lexical is None and index.restorer is None
    searcher = Searcher(index, HashingEncoder(), "lexical")
    hits = searcher.search("thu ngan sach dat bao nhieu", 1)
    assert "120,3 tỷ đồng" in index.sentences[hits[0].row].text
    assert searcher.restorer.restore("thu ngan sach dat bao nhieu") == "thu ngân sách đạt bao nhiêu"


@pytest.mark.parametrize("missing", ["title_weight", "mentions"])
def test_lexical_tables_saved_without_titles_are_rebuilt_with_them(corpus: Path, tmp_path: Path,
                                                                  missing: str) -> None:
    """An index from before BM25 read each sentence with its title, or with the full names its short mentions
    stand for (retrieval/mentions.py): its tables would score the old way."""
    from retrieval.lexical import LexicalIndex
    from retrieval.mentions import lexical_texts
    from retrieval.search import Searcher

    build_index([corpus], HashingEncoder(), tmp_path / "idx")
    gen = store.live_generation(tmp_path / "idx")
    manifest = json.loads((gen / "manifest.json").read_text())
    del manifest["lexical"]["bm25"][missing]
    (gen / "manifest.json").write_text(json.dumps(manifest))
    index = load_index(tmp_path / "idx")
    assert index.lexical is None and index.restorer is not None
    built = Searcher(index, HashingEncoder(), "lexical").lexical
    fresh = LexicalIndex.build(lexical_texts(index.sentences),
                               [index.articles[s.article_id].title for s in index.sentences])
    got, want = built.scores("thu ngân sách Cẩm Xuyên", folded=False), fresh.scores("thu ngân sách Cẩm Xuyên",
                                                                                     folded=False)
    np.testing.assert_array_equal(got.rows, want.rows)
    np.testing.assert_allclose(got.values, want.values, rtol=1e-6)


def test_an_interrupted_build_keeps_the_articles_it_finished_for_the_next_run(tmp_path: Path) -> None:
    """Ctrl-C says "what was embedded so far is cached": every vector of the finished articles must be, and a rerun
    embeds only the rest."""
    corpus = tmp_path / "corpus"
    interrupted_build(corpus, tmp_path / "idx")
    report = build_index([corpus], HashingEncoder(), tmp_path / "idx")
    assert report.articles == 6 and 0 < report.reused_articles < 6
    assert report.cached_articles == report.reused_articles  # no index was live: none of them is "unchanged"
    assert report.context_articles == 0  # nothing of the finished articles is embedded again
    assert report.embedded_articles == 6 - report.reused_articles


def test_a_long_article_is_embedded_in_parts_and_an_interrupted_run_resumes_inside_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A book pasted as one file: progress moves part by part, Ctrl-C keeps the parts done (an unreadable one
    is encoded again), and the index is the one a single pass builds."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(next(SEEDS.glob("*.txt")), corpus / "seed.txt")  # 27 sentences
    build_index([corpus], WordTokens(), tmp_path / "whole")
    monkeypatch.setattr("retrieval.indexer.PART_SENTENCES", 8)
    monkeypatch.setattr("retrieval.indexer.CHUNK_SENTENCES", 8)
    calls: list[tuple[int, int]] = []

    def interrupt(done: int, total: int) -> None:
        calls.append((done, total))
        if len(calls) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_index([corpus], WordTokens(), tmp_path / "idx", on_embed=interrupt)
    assert calls == [(8, 27), (16, 27), (24, 27)]
    cached = sorted((tmp_path / "idx" / "cache").glob("*/*.part-*.npz"))
    assert [p.name.split(".")[1] for p in cached] == ["part-0-8", "part-16-24", "part-8-16"]
    cached[0].write_bytes(b"not a part")

    enc = CountingTokens()
    report = build_index([corpus], enc, tmp_path / "idx")
    assert enc.passages == 8 + 3  # the unreadable part and the one never reached
    assert report.embedded_articles == 1 and report.resumed_sentences == 16
    assert not list((tmp_path / "idx" / "cache").glob("*/*.part-*.npz"))
    whole, resumed = load_index(tmp_path / "whole"), load_index(tmp_path / "idx")
    np.testing.assert_array_equal(resumed.vectors, whole.vectors)
    np.testing.assert_array_equal(resumed.tokens.data, whole.tokens.data)
    np.testing.assert_array_equal(resumed.tokens.offsets, whole.tokens.offsets)
    for name in ("context.npy", "paragraph.npy", "rest.npy"):
        np.testing.assert_array_equal(np.load(resumed.path / name), np.load(whole.path / name))
