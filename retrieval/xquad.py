"""Convert the XQuAD-vi sentence-retrieval files into a tinbot corpus and a gold file for `tinbot eval`.

Input (`SRC`, see its README): `paragraphs.jsonl`, `questions_en.jsonl`, `questions_vi.jsonl`, `LICENSE`.
Output (`OUT`)::

    OUT/gold.jsonl          English then Vietnamese questions in the gold format (retrieval/evaluate.py);
                            id "<xquad id>-<lang>", answers = [the Vietnamese answer], context = the Vietnamese
                            paragraph, answer_start = its offset there (used only by the strict Hit@1)
    OUT/corpus/<paragraph_id>.txt
                            one article per paragraph: the paragraph verbatim, no header, so the title is the
                            file name ("Super Bowl 50 p00": article title and paragraph number) and the date empty
    OUT/LICENSE, OUT/NOTICE.md, and the same two files in OUT/corpus/
                            CC BY-SA 4.0: the licence and the attribution travel with every copy (the indexer
                            reads only *.txt, so they never become articles)

English questions get the Vietnamese answer: the corpus is Vietnamese, and the quote must contain it.
"""
from __future__ import annotations

import itertools
import json
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from embeddings.errors import TinbotError
from retrieval.evaluate import GoldItem
from retrieval.textnorm import fold

_WORD = re.compile(r"[^\W\d_]+")
QUESTION_FILES = (("en", "questions_en.jsonl"), ("vi", "questions_vi.jsonl"))
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')

NOTICE = """\
# XQuAD-vi, as a tinbot corpus and gold set

Derived from XQuAD (Artetxe, Ruder and Yogatama, 2020, "On the Cross-lingual Transferability of Monolingual
Representations", ACL 2020; https://github.com/google-deepmind/xquad), whose Vietnamese paragraphs are
professional translations of English Wikipedia paragraphs from the SQuAD v1.1 development set, by way of the
sentence-retrieval adaptation "{source}" (article selection, sentence segmentation, JSONL).

Changes made here by `tinbot eval-convert-xquad`: one text file per Vietnamese paragraph (verbatim), and the
questions re-formatted as tinbot gold lines (`gold.jsonl`).

Licence: CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/legalcode), text in `LICENSE`. This
adaptation is under the same licence; keep this notice and `LICENSE` with any copy.
"""


class ConvertError(TinbotError):
    """The XQuAD source folder is missing a file or is inconsistent."""


@dataclass(frozen=True)
class Paragraph:
    paragraph_id: str
    article_title: str
    context: str


@dataclass(frozen=True)
class ConvertReport:
    out_dir: Path
    gold_path: Path
    corpus_dir: Path
    paragraphs: int
    questions: dict[str, int]


def read_jsonl(path: Path) -> list[dict]:
    if not path.is_file():
        raise ConvertError(f"{path}: not found; SRC must be the xquad_vi folder (paragraphs.jsonl, "
                           "questions_en.jsonl, questions_vi.jsonl, LICENSE)")
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def parse_paragraphs(rows: Iterable[dict]) -> dict[str, Paragraph]:
    return {r["paragraph_id"]: Paragraph(r["paragraph_id"], r["article_title"], r["context"]) for r in rows}


def article_file_name(paragraph_id: str) -> str:
    """`<paragraph_id>.txt`; the indexer turns the stem into the title ("Black_Death_p03" -> "Black Death p03")."""
    return _UNSAFE.sub("_", paragraph_id) + ".txt"


def article_file_text(paragraph: Paragraph) -> str:
    """The paragraph verbatim: the quotes tinbot returns are then substrings of the gold context."""
    return paragraph.context.rstrip("\n") + "\n"


def gold_items(rows: Iterable[dict], paragraphs: dict[str, Paragraph]) -> list[GoldItem]:
    """Gold items for one question file; every answer is checked against its paragraph."""
    items = []
    for r in rows:
        para = paragraphs.get(r["paragraph_id"])
        if para is None:
            raise ConvertError(f"question {r['id']}: unknown paragraph {r['paragraph_id']!r}")
        answer, start = r["answer_text"], int(r["answer_start"])
        if para.context[start:start + len(answer)] != answer:
            raise ConvertError(f"question {r['id']} ({r['lang']}): answer_start does not point at the answer")
        items.append(GoldItem(f"{r['id']}-{r['lang']}", r["question"], r["lang"], (answer,), para.context, start))
    return items


def dataset_name(src: Path) -> str:
    """The first heading of SRC/README.md ("XQuAD-vi sentence retrieval (subset A)"), else the folder name."""
    readme = src / "README.md"
    if readme.is_file():
        for line in readme.read_text(encoding="utf-8").splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return src.resolve().name


def gold_line(item: GoldItem) -> str:
    row = {"id": item.id, "question": item.question, "lang": item.lang, "answers": list(item.answers),
           "context": item.context, "answer_start": item.answer_start}
    return json.dumps(row, ensure_ascii=False)


def unaccented(items: Iterable[GoldItem]) -> list[GoldItem]:
    """The questions as typed without accents (and in lower case, as such typing mostly is), `vi-noaccent`."""
    return [replace(it, id=f"{it.id}-noaccent", question=fold(it.question), lang=f"{it.lang}-noaccent")
            for it in items]


def partly_unaccented(items: Iterable[GoldItem]) -> list[GoldItem]:
    """The questions with every second word typed without its accents ("Đội thu Panthers da thua"), `vi-partial`."""
    def half(question: str) -> str:
        nth = itertools.count()
        return _WORD.sub(lambda m: fold(m.group()) if next(nth) % 2 else m.group(), question)
    return [replace(it, id=f"{it.id}-partial", question=half(it.question), lang=f"{it.lang}-partial") for it in items]


def convert_xquad(src: Path, out: Path, *, force: bool = False, noaccent: bool = False) -> ConvertReport:
    """Write OUT/gold.jsonl, OUT/corpus/*.txt and the licence files (see the module docstring); with
    `noaccent`, the Vietnamese questions again without accents, and again with half the words without them."""
    paragraphs = parse_paragraphs(read_jsonl(src / "paragraphs.jsonl"))
    per_lang = {lang: gold_items(read_jsonl(src / name), paragraphs) for lang, name in QUESTION_FILES}
    if noaccent:
        per_lang["vi-noaccent"] = unaccented(per_lang["vi"])
        per_lang["vi-partial"] = partly_unaccented(per_lang["vi"])
    license_path = src / "LICENSE"
    if not license_path.is_file():
        raise ConvertError(f"{license_path}: not found; the CC BY-SA licence must travel with the data")
    names = {article_file_name(p) for p in paragraphs}
    if len(names) != len(paragraphs):
        raise ConvertError(f"{src}: two paragraph ids map to the same file name")

    corpus = out / "corpus"
    if out.exists() and any(out.iterdir()):
        if not force:
            raise ConvertError(f"{out} is not empty; choose a new folder or pass --force to overwrite it")
        if corpus.is_dir():
            for old in corpus.glob("*.txt"):  # only what a previous conversion wrote
                old.unlink()
    corpus.mkdir(parents=True, exist_ok=True)
    for para in paragraphs.values():
        (corpus / article_file_name(para.paragraph_id)).write_text(article_file_text(para), encoding="utf-8")
    gold_path = out / "gold.jsonl"
    with open(gold_path, "w", encoding="utf-8") as fh:
        for items in per_lang.values():
            fh.writelines(gold_line(item) + "\n" for item in items)
    notice = NOTICE.format(source=dataset_name(src))
    for folder in (out, corpus):
        shutil.copyfile(license_path, folder / "LICENSE")
        (folder / "NOTICE.md").write_text(notice, encoding="utf-8")
    return ConvertReport(out, gold_path, corpus, len(paragraphs),
                         {lang: len(items) for lang, items in per_lang.items()})
