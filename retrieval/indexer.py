"""`tinbot index`: articles -> sentences -> vectors -> a new index generation, published atomically."""
from __future__ import annotations

import hashlib
import logging
import os
import re
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from embeddings.encoder import Encoder, passage_recipe_of, token_layer_of
from embeddings.errors import BadArticle, TinbotError
from retrieval import store
from retrieval.articles import ParsedArticle, find_article_files, read_article
from retrieval.config import tinbot_version
from retrieval.diacritics import DiacriticRestorer
from retrieval.lexical import B, K1, TITLE_WEIGHT, LexicalIndex
from retrieval.maxsim import TOKEN_FORMAT, TokenVectors
from retrieval.mentions import MENTIONS, lexical_texts
from retrieval.passages import (CONTEXT_FORMAT, PARAGRAPH_FORMAT, PASSAGE_FORMAT, context_texts, paragraph_texts,
                                 passage_text)
from retrieval.recase import CaseTable
from retrieval.textnorm import NORMALIZER_VERSION
from retrieval.types import Article
from retrieval.vectors import FaissIndex

logger = logging.getLogger(__name__)


@dataclass
class BuildReport:
    index_dir: Path
    articles: int = 0
    sentences: int = 0
    embedded_articles: int = 0
    reused_articles: int = 0  # vectors from the cache: unchanged since the live index, or `cached_articles`
    cached_articles: int = 0  # of those, articles the live index does not hold (an interrupted run, left out before)
    context_articles: int = 0  # reused articles that only needed context or paragraph vectors (indexed before)
    resumed_sentences: int = 0  # sentences of embedded articles taken from parts an interrupted run cached
    problems: list[str] = field(default_factory=list)
    # Files of the previous index that are not among the given paths (so not in the new one), in its order.
    left_out: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # those of them whose file is gone (deleted, not left out)
    unreadable: list[str] = field(default_factory=list)  # those of them given again but unreadable now
    failed: set[str] = field(default_factory=set)  # files among the given paths that could not be read
    undated: list[str] = field(default_factory=list)  # files indexed without a `date YYYY-MM <title>` first line
    seconds: float = 0.0
    generation: Path | None = None
    # `only_if_missing` and another process published an index while this one waited: nothing was built.
    found_built: bool = False


def corpus_fingerprint(articles: Sequence[Article]) -> str:
    h = hashlib.sha256()
    for a in sorted(articles, key=lambda a: a.article_id):
        h.update(f"{a.article_id}\0{a.sha256}\n".encode())
    return h.hexdigest()


def corpus_key(paths: Sequence[Path], model_id: str, backend: str = "") -> str:
    """`<model>-<16 hex>`: the hash of every article file's name and content, the model id and its backend
    (backends of one model share its id but not their exact vectors, and eval measures what a fresh index gives)."""
    h = hashlib.sha256(f"{model_id}\0{backend}\0".encode())
    for path, key in sorted(find_article_files(paths), key=lambda pk: pk[1]):
        h.update(key.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    slug = re.sub(r"[^\w.-]+", "_", model_id.rsplit("/", 1)[-1])
    return f"{slug}-{h.hexdigest()[:16]}"


def collect(paths: Sequence[Path], report: BuildReport) -> list[ParsedArticle]:
    """Read every article; a bad file costs one line in the report, never the whole run."""
    parsed: list[ParsedArticle] = []
    by_hash: dict[str, str] = {}
    ids: set[str] = set()
    for path, key in find_article_files(paths):
        try:
            item = read_article(path, key)
        except BadArticle as exc:
            report.problems.append(str(exc))
            report.failed.add(str(path))
            continue
        first = by_hash.get(item.article.sha256)
        if first is not None:
            report.problems.append(f"{path}: same content as {first}, skipped as a duplicate")
            continue
        if item.article.article_id in ids:
            report.problems.append(f"{path}: article id {item.article.article_id!r} already used, skipped")
            continue
        report.problems.extend(item.warnings)
        if not item.article.date and not item.warnings:  # no header (a bad one has its own warning)
            report.undated.append(str(path))
        by_hash[item.article.sha256] = str(path)
        ids.add(item.article.article_id)
        parsed.append(item)
    return parsed


def build_index(paths: Sequence[Path], encoder: Encoder, index_dir: Path, *, progress: bool = False,
                index_kind: str = "auto", on_embed: Callable[[int, int], None] | None = None,
                only_if_missing: bool = False, on_wait: Callable[[str], None] | None = None) -> BuildReport:
    """Index `paths` (files or folders, recursively) into `index_dir`; the previous index stays live until
    the new one is complete. `only_if_missing` (a first question with no index yet): build only if, once the
    writer lock is ours, there is still no index, since a `tinbot index` that held it has just made the one
    the user wants."""
    started = time.perf_counter()
    report = BuildReport(index_dir=index_dir)
    store.ensure_index_folder(index_dir)
    parsed = collect(paths, report)  # before the folder is made: nothing to index leaves nothing behind
    if not parsed:
        # Each problem names its file: the list of paths is only worth saying when none did.
        kept = (f"; the index in {index_dir} is unchanged (an index needs at least one article)"
                if store.live_generation(index_dir) else "")
        raise TinbotError(("no readable articles: " + "; ".join(report.problems) if report.problems
                           else "no readable articles in " + ", ".join(str(p) for p in paths)
                           + " (articles are .txt files; folders are searched for them recursively)") + kept)
    with store.writer_lock(index_dir, on_wait):
        if only_if_missing and store.live_generation(index_dir):
            report.found_built = True
            return report
        previous = store.live_articles(index_dir)
        recipe = passage_recipe_of(encoder)
        cache = store.EmbeddingCache(index_dir, encoder.model_id, PASSAGE_FORMAT, recipe)
        blocks, token_blocks, extra_blocks = embed_articles(parsed, encoder, cache, report, progress=progress,
                                                            on_embed=on_embed, live={a.sha256 for a in previous})
        articles = [p.article for p in parsed]
        sentences = [s for p in parsed for s in p.sentences]
        vectors = np.concatenate(blocks) if blocks else np.zeros((0, encoder.dim), np.float32)

        gen_tmp = store.new_generation_dir(index_dir)
        np.save(gen_tmp / "embeddings.npy", vectors)
        for kind, per_article in extra_blocks.items():  # context.npy, paragraph.npy, rest.npy
            np.save(gen_tmp / f"{kind}.npy", np.concatenate(per_article) if per_article else vectors)
        layer = token_layer_of(encoder)
        if token_blocks is not None:
            TokenVectors.concat(token_blocks).save(gen_tmp)
        faiss_index = FaissIndex.build(vectors, index_kind)
        faiss_index.save(gen_tmp / "vectors.faiss")
        store.write_metadata(gen_tmp, articles, sentences)
        # Lexical tables are built here, once, so that opening the index builds nothing (retrieval/lexical.py).
        texts = [s.text for s in sentences]
        titles = {a.article_id: a.title for a in articles}
        LexicalIndex.build(lexical_texts(sentences), [titles[s.article_id] for s in sentences]).save(gen_tmp)
        DiacriticRestorer.build(texts).save(gen_tmp)
        CaseTable.build(texts).save(gen_tmp)
        manifest = {
            "format": store.FORMAT_VERSION,
            "tinbot_version": tinbot_version(),
            "model": encoder.model_id,
            # Which implementation embedded the passages (torch-fp32, onnx-int8, ...): informational only,
            # since backends of one model agree within tolerance (embeddings/registry.py, tinbot bench).
            "passage_backend": getattr(encoder, "passage_backend", None) or getattr(encoder, "backend", ""),
            # How exactly (precision, batching): the embedding cache is keyed by it.
            "passage_recipe": recipe,
            "dim": encoder.dim,
            "normalizer": NORMALIZER_VERSION,
            "passage_format": PASSAGE_FORMAT,
            "faiss": faiss_index.kind,
            # Token vectors for token-level matching (retrieval/maxsim.py), or None if the encoder gives none.
            "tokens": ({"layer": layer, "dtype": "int8", "format": TOKEN_FORMAT} if token_blocks is not None
                       else None),
            # A second vector per sentence, read after the sentence before it (retrieval/passages.py).
            "context": {"format": CONTEXT_FORMAT},
            # Per sentence, its paragraph's vector and that paragraph's without it (retrieval/passages.py).
            "paragraph": {"format": PARAGRAPH_FORMAT},
            "lexical": {"bm25": {"k1": K1, "b": B, "features": "syllables+pairs", "title_weight": TITLE_WEIGHT,
                                 "mentions": MENTIONS},
                        "restorer": True},
            "corpus_fingerprint": corpus_fingerprint(articles),
            "articles": len(articles),
            "sentences": len(sentences),
            "sources": [str(p) for p in paths],
            "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        report.generation = store.publish(index_dir, gen_tmp, manifest)
        store.prune_generations(index_dir)
        # The previous index's vectors stay cached too: indexing one file by mistake, then the whole folder
        # again, embeds nothing twice. A first question's build from seeds/ prunes nothing: the cache may hold
        # an interrupted `tinbot index` of the user's articles, to resume.
        if not only_if_missing:
            cache.prune({a.sha256 for a in articles} | {a.sha256 for a in previous})
        given = {a.source for a in articles}
        report.left_out = [a.source for a in previous if a.source not in given]
        report.removed = [source for source in report.left_out if not os.path.exists(source)]
        report.unreadable = [source for source in report.left_out if source in report.failed]
    report.articles, report.sentences = len(articles), len(sentences)
    report.seconds = time.perf_counter() - started
    return report


# Articles are encoded and cached a few at a time: an interrupted run keeps what it finished, and a rerun resumes
# there. Passages are encoded one per call anyway (embeddings/registry.py: PASSAGE_BATCH), so small chunks cost
# nothing in speed (XQuAD-vi's 582 sentences: 30.9 s in chunks of 256, 29.3 s in chunks of 32, same vectors).
CHUNK_SENTENCES = 32
# An article longer than this (a book or a web dump pasted as one file) is encoded and cached in parts of this
# many sentences: its progress moves, one part's float token vectors are held at a time, not the whole file's
# (`python -m bench.long_article /tmp/long 2400`, then `tinbot index /tmp/long`: peak 946 MB -> 494 MB, same
# time and vectors), and an interrupted run resumes inside it.
PART_SENTENCES = 256


def embed_articles(parsed: Sequence[ParsedArticle], encoder: Encoder, cache: store.EmbeddingCache,
                   report: BuildReport, *, progress: bool, on_embed: Callable[[int, int], None] | None,
                   live: Collection[str] = ()
                   ) -> tuple[list[np.ndarray], list[TokenVectors] | None, dict[str, list[np.ndarray]]]:
    """Vectors per article, its token vectors (if the encoder gives them) and its second vectors of each kind
    in `store.EXTRA_FORMATS` (context, paragraph, rest: retrieval/passages.py), from the cache when the
    content hash is known, else encoded a chunk at a time (`CHUNK_SENTENCES`, `PART_SENTENCES`). `live`: the
    content hashes of the live index's articles, to tell unchanged articles from others the cache holds."""
    with_tokens = token_layer_of(encoder) is not None
    blocks: list[np.ndarray | None] = []
    token_blocks: list[TokenVectors | None] = []
    extras: dict[str, list[np.ndarray | None]] = {kind: [] for kind in store.EXTRA_FORMATS}
    todo: list[int] = []
    extras_todo: list[int] = []  # vectors cached, some second vectors not (indexed before they existed)
    for i, item in enumerate(parsed):
        sha, n = item.article.sha256, len(item.sentences)
        hit = cache.get(sha, n, encoder.dim)
        tok = cache.get_tokens(sha, n, encoder.dim) if with_tokens and hit is not None else None
        if with_tokens and tok is None:
            hit = None
        got = {kind: cache.get_extra(kind, sha, n, encoder.dim) if hit is not None else None for kind in extras}
        blocks.append(hit)
        token_blocks.append(tok)
        for kind, block in got.items():
            extras[kind].append(block)
        if hit is None:
            todo.append(i)
        elif any(block is None for block in got.values()):
            extras_todo.append(i)
    report.reused_articles = len(parsed) - len(todo)
    embedding = set(todo)
    report.cached_articles = sum(1 for i, item in enumerate(parsed) if i not in embedding
                                 and item.article.sha256 not in live)
    report.embedded_articles = len(todo)
    report.context_articles = len(extras_todo)

    # What to encode, as pieces (article, first sentence, end): a long article in parts, each cached as it
    # completes, so a rerun after an interruption encodes only the parts it lacks.
    pieces: list[tuple[int, int, int]] = []
    parts: dict[int, dict[int, store.CachedPart]] = {}
    for i in todo:
        n, sha = len(parsed[i].sentences), parsed[i].article.sha256
        if n <= PART_SENTENCES:
            pieces.append((i, 0, n))
            continue
        parts[i] = {}
        for a in range(0, n, PART_SENTENCES):
            b = min(a + PART_SENTENCES, n)
            cached = cache.get_part(sha, a, b, encoder.dim, with_tokens)
            if cached is None:
                pieces.append((i, a, b))
            else:
                parts[i][a] = cached
    total = sum(b - a for _, a, b in pieces)
    report.resumed_sentences = sum(len(parsed[i].sentences) for i in todo) - total
    bar = None
    if progress and total:
        from tqdm import tqdm

        bar = tqdm(total=total, unit="sent", desc="embedding", leave=False)
    done = 0
    second_texts: dict[int, dict[str, Sequence[str | None]]] = {}

    def keep(i: int, part: store.CachedPart) -> None:
        """Article `i` is complete: cached, the plain vectors last (their presence marks it as cached)."""
        sha = parsed[i].article.sha256
        blocks[i], token_blocks[i] = part.vectors, part.tokens
        if part.tokens is not None:
            cache.put_tokens(sha, part.tokens)
        for kind, block in part.extras.items():
            extras[kind][i] = block
            cache.put_extra(kind, sha, block)
        cache.put(sha, part.vectors)
        second_texts.pop(i, None)

    def join(i: int) -> None:
        """A long article whose parts are all done becomes one cached article; its parts go."""
        n, held = len(parsed[i].sentences), parts[i]
        if sum(p.vectors.shape[0] for p in held.values()) < n:
            return
        ordered = [held[a] for a in sorted(held)]
        keep(i, store.CachedPart(
            np.concatenate([p.vectors for p in ordered]),
            TokenVectors.concat([p.tokens for p in ordered]) if with_tokens else None,  # type: ignore[misc]
            {kind: np.concatenate([p.extras[kind] for p in ordered]) for kind in store.EXTRA_FORMATS}))
        cache.drop_parts(parsed[i].article.sha256)
        del parts[i]

    def second_vectors(chunk: Sequence[tuple[int, int, int]], own: Sequence[np.ndarray],
                       kinds: Callable[[int], Sequence[str]]) -> list[dict[str, np.ndarray]]:
        """Per piece of `chunk` (whose own vectors are `own`), its second vectors of each of `kinds(article)`."""
        wanted: list[dict[str, Sequence[str | None]]] = []
        for i, a, b in chunk:
            if i not in second_texts:
                item = parsed[i]
                whole, rest = paragraph_texts(item.sentences, item.paragraphs)
                second_texts[i] = {"context": context_texts(item.article, item.sentences), "paragraph": whole,
                                   "rest": rest}
            wanted.append({kind: second_texts[i][kind][a:b] for kind in kinds(i)})
        # A paragraph's text is shared by its sentences (and is also the rest of a one-sentence paragraph):
        # each distinct text is encoded once.
        unique = list(dict.fromkeys(t for texts in wanted for kind_texts in texts.values() for t in kind_texts
                                    if t))
        vecs = encoder.encode_passages(unique) if unique else np.zeros((0, encoder.dim), np.float32)
        row = {t: k for k, t in enumerate(unique)}
        out = []
        for texts, base in zip(wanted, own):
            got = {}
            for kind, kind_texts in texts.items():
                # A sentence with no context keeps its own vector: taking the better of two is a no-op.
                block = np.array(base, dtype=np.float32, copy=True)
                for j, t in enumerate(kind_texts):
                    if t:
                        block[j] = vecs[row[t]]
                got[kind] = block
            out.append(got)
        return out

    def flush(chunk: list[tuple[int, int, int]]) -> None:
        nonlocal done
        texts = [passage_text(parsed[i].article, s) for i, a, b in chunk for s in parsed[i].sentences[a:b]]
        toks: list[np.ndarray] = []
        if with_tokens:
            # Token vectors of the whole embedded text, title included: the title is context every sentence
            # of the article shares, so a question naming the article's subject ("Cẩm Xuyên") does not
            # favour the sentences that happen to repeat it (measured on XQuAD-vi: Hit@1 +0.7 English,
            # +0.8 Vietnamese).
            vecs, toks = encoder.encode_passages_with_tokens(texts, [0] * len(texts))  # type: ignore[attr-defined]
        else:
            vecs = encoder.encode_passages(texts)
        bounds = np.cumsum([0, *(b - a for _, a, b in chunk)])
        own = [vecs[x:y] for x, y in zip(bounds, bounds[1:])]
        seconds = second_vectors(chunk, own, lambda i: list(store.EXTRA_FORMATS))
        for (i, a, b), x, y, block, second in zip(chunk, bounds, bounds[1:], own, seconds):
            tokens = TokenVectors.from_blocks(toks[x:y], encoder.dim) if with_tokens else None
            part = store.CachedPart(block, tokens, second)
            if i not in parts:
                keep(i, part)
            else:
                cache.put_part(parsed[i].article.sha256, a, b, part)
                parts[i][a] = part
                join(i)
        done += len(texts)
        if bar is not None:
            bar.update(len(texts))
        if on_embed is not None:
            on_embed(done, total)

    def flush_extras(chunk: list[tuple[int, int, int]]) -> None:
        """The second vectors of each kind the articles of `chunk` lack."""
        lacking = {i: [kind for kind in extras if extras[kind][i] is None] for i, _, _ in chunk}
        for (i, _, _), got in zip(chunk, second_vectors(chunk, [blocks[i] for i, _, _ in chunk],  # type: ignore
                                                        lacking.__getitem__)):
            for kind, block in got.items():
                extras[kind][i] = block
                cache.put_extra(kind, parsed[i].article.sha256, block)
            second_texts.pop(i, None)

    for i in list(parts):  # every part cached by an interrupted run: nothing to encode
        join(i)
    # Several articles per call, or one part of a long one; each is written to the cache as it completes.
    legacy = [(i, 0, len(parsed[i].sentences)) for i in extras_todo]
    try:
        for work, step in ((pieces, flush), (legacy, flush_extras)):
            chunk: list[tuple[int, int, int]] = []
            size = 0
            for piece in work:
                chunk.append(piece)
                size += piece[2] - piece[1]
                if size >= CHUNK_SENTENCES:
                    step(chunk)
                    chunk, size = [], 0
            if chunk:
                step(chunk)
    finally:  # Ctrl-C too: the bar's line is cleared before the message that follows
        if bar is not None:
            bar.close()
    tokens = [t for t in token_blocks if t is not None] if with_tokens else None
    return ([b for b in blocks if b is not None], tokens,
            {kind: [b for b in per_article if b is not None] for kind, per_article in extras.items()})
