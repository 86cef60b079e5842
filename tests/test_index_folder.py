"""The index folder as others may find it: user folders beside the index, damaged or foreign manifests, a
missing live generation, a folder where the `current` link should be, and a file system that refuses writes."""
from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from embeddings.encoder import HashingEncoder
from embeddings.errors import IndexCorrupt, IndexNotFound, TinbotError
from retrieval import rowfile, store
from retrieval.index import load_index
from retrieval.indexer import build_index
from tests.conftest import DATA


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    shutil.copytree(DATA / "articles", tmp_path / "corpus")
    return tmp_path / "corpus"


@pytest.fixture
def index_dir(corpus: Path, tmp_path: Path) -> Path:
    build_index([corpus], HashingEncoder(), tmp_path / "idx")
    return tmp_path / "idx"


def tinbot_generations(index_dir: Path) -> list[str]:
    return sorted(p.name for p in index_dir.iterdir() if store.GENERATION_NAME.fullmatch(p.name))


def leftovers(index_dir: Path) -> list[str]:
    """Temporary folders, files or links a failed write might leave behind."""
    return sorted(str(p.relative_to(index_dir)) for p in index_dir.rglob("*") if ".tmp" in p.name)


# --- 1: only folders tinbot made are ever deleted -----------------------------------------------------------

def test_reindexing_keeps_user_folders_that_look_like_generations(corpus: Path, index_dir: Path) -> None:
    photos = index_dir / "gen-2019-photos"
    photos.mkdir()
    (photos / "w.jpg").write_bytes(b"x")
    lookalike = index_dir / "gen-20190101T000000-1-00001.tmp"  # tinbot's name, but not tinbot's folder
    lookalike.mkdir()
    (lookalike / "notes.txt").write_text("mine", encoding="utf-8")
    published = [store.live_generation(index_dir).name]
    for _ in range(3):
        published.append(build_index([corpus], HashingEncoder(), index_dir).generation.name)
    assert (photos / "w.jpg").read_bytes() == b"x"
    assert (lookalike / "notes.txt").read_text(encoding="utf-8") == "mine"
    ours = [name for name in tinbot_generations(index_dir) if name != lookalike.name]
    assert sorted(ours) == sorted(published[-2:])  # the live one and the one before it


def test_an_unfinished_generation_of_a_killed_indexer_is_still_removed(corpus: Path, index_dir: Path) -> None:
    crashed = store.new_generation_dir(index_dir)  # as a `kill -9` mid-build leaves it
    np.save(crashed / "embeddings.npy", np.zeros((2, 3), np.float32))
    build_index([corpus], HashingEncoder(), index_dir)
    assert not crashed.exists()


# --- 2: a damaged or foreign manifest is refused as a damaged index -----------------------------------------

def _edit_manifest(change: Callable[[dict], object]) -> Callable[[Path], None]:
    """A damage that changes the manifest in place with `change`."""
    def edit(gen: Path) -> None:
        manifest = json.loads((gen / "manifest.json").read_text(encoding="utf-8"))
        change(manifest)
        (gen / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return edit


def _a_list_manifest(gen: Path) -> None:
    (gen / "manifest.json").write_text("[1, 2]", encoding="utf-8")


def _garbage_sentence_with_matching_checksum(gen: Path) -> None:
    path = gen / "sentences.jsonl"
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("garbage\n")
    data = path.read_bytes()
    _edit_manifest(lambda m: m["files"].update({path.name: {"bytes": len(data),
                                                            "sha256": hashlib.sha256(data).hexdigest()}}))(gen)


def _unlisted_data_file(gen: Path) -> None:
    _edit_manifest(lambda m: m["files"].pop("context.npy"))(gen)


def _fifo_manifest(gen: Path) -> None:
    (gen / "manifest.json").unlink()
    os.mkfifo(gen / "manifest.json")  # reading it would wait for a writer for ever


DAMAGE = {
    "a FIFO for a manifest": (_fifo_manifest, "manifest.json is not a regular file"),
    "a JSON list": (_a_list_manifest, "a JSON list, not an object"),
    "another dimension": (_edit_manifest(lambda m: m.update(dim=999)), "dimension 999"),
    "no dimension": (_edit_manifest(lambda m: m.pop("dim")), "dimension None"),
    "no checksums": (_edit_manifest(lambda m: m.pop("files")), "no file checksums"),
    "a bad checksum entry": (_edit_manifest(lambda m: m["files"].update({"vectors.faiss": "x"})), "checksum entry"),
    "a data file missing from the list": (_unlisted_data_file, "context.npy not listed"),
    "no model": (_edit_manifest(lambda m: m.update(model=None)), "model None"),
    "a garbage sentence line": (_garbage_sentence_with_matching_checksum, "line 11: not a sentence record"),
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_or_foreign_manifest_is_refused_naming_the_fix(index_dir: Path, damage: str) -> None:
    change, says = DAMAGE[damage]
    change(store.live_generation(index_dir))
    with pytest.raises(IndexCorrupt, match=says) as caught:
        load_index(index_dir)
    assert f"tinbot index --index-dir {index_dir}" in str(caught.value)


@pytest.mark.parametrize(("change", "says"), [
    (lambda f: f.write_bytes(f.read_bytes()[:-8]), "embeddings.npy: truncated"),
    (lambda f: f.write_bytes(f.read_bytes() + b"xx"), "embeddings.npy: longer than recorded"),
    (lambda f: f.unlink(), "embeddings.npy: missing"),
])
def test_a_data_file_of_the_wrong_size_is_named_with_what_is_wrong(index_dir: Path, change, says: str) -> None:
    change(store.live_generation(index_dir) / "embeddings.npy")
    with pytest.raises(IndexCorrupt, match=says) as caught:
        load_index(index_dir)
    assert f"tinbot index --index-dir {index_dir}" in str(caught.value)


def test_an_index_dir_that_is_a_file_is_named_before_anything_is_built(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    with pytest.raises(TinbotError, match="afile is a file, not an index folder; choose another --index-dir"):
        load_index(tmp_path / "afile")  # not IndexNotFound, which `tinbot ask` answers by building one


def test_a_folder_holding_other_things_is_not_made_an_index(tmp_path: Path) -> None:
    project = tmp_path / "project"  # e.g. a mistyped --index-dir naming a project or the model cache
    project.mkdir()
    (project / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(TinbotError, match=r"project is not empty \(notes.txt\) and holds no tinbot index; "
                                          "give --index-dir a new or empty folder"):
        build_index([DATA / "articles"], HashingEncoder(), project)
    assert sorted(p.name for p in project.iterdir()) == ["notes.txt"]  # nothing written, not even a lock


def test_an_empty_folder_or_an_index_with_other_things_in_it_is_indexed(tmp_path: Path) -> None:
    (tmp_path / "empty" / ".hidden").mkdir(parents=True)  # dot files do not count
    build_index([DATA / "articles"], HashingEncoder(), tmp_path / "empty")
    (tmp_path / "empty" / "notes.txt").write_text("mine", encoding="utf-8")  # beside an index: allowed
    build_index([DATA / "articles"], HashingEncoder(), tmp_path / "empty")
    assert (tmp_path / "empty" / "notes.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("inner", ["sub", "sub/deeper", "current/x"])
def test_an_index_inside_an_index_folder_is_refused(index_dir: Path, inner: str) -> None:
    before = sorted(p.name for p in index_dir.iterdir())
    with pytest.raises(TinbotError, match=f"is inside the index folder {index_dir}; give --index-dir a folder "
                                          "outside it"):
        build_index([DATA / "articles"], HashingEncoder(), index_dir / inner)
    assert sorted(p.name for p in index_dir.iterdir()) == before  # nothing written into the outer index


def test_no_index_yet_names_the_folder_to_build(tmp_path: Path) -> None:
    with pytest.raises(IndexNotFound, match=f"tinbot index --index-dir {tmp_path / 'none'} "):
        load_index(tmp_path / "none")


# --- 3: a `current` link to a deleted generation ------------------------------------------------------------

def test_a_missing_live_generation_is_an_error_not_an_absent_index(corpus: Path, index_dir: Path) -> None:
    gen = store.live_generation(index_dir)
    shutil.rmtree(gen)
    with pytest.raises(IndexCorrupt, match=f"live index generation of {index_dir} is missing") as caught:
        load_index(index_dir)
    assert gen.name in str(caught.value) and "tinbot index" in str(caught.value)
    build_index([corpus], HashingEncoder(), index_dir)  # re-indexing repairs it
    assert len(load_index(index_dir).articles) == 2


def test_a_deleted_current_link_beside_a_built_index_is_an_error_not_a_new_seed_index(
        corpus: Path, index_dir: Path, hashing_settings) -> None:
    """Building the seed in its place would answer from the seed alone, hiding the user's articles."""
    import dataclasses

    from retrieval.service import QAService

    gen = store.live_generation(index_dir)
    (index_dir / "current").unlink()
    with pytest.raises(IndexCorrupt, match="link is missing") as caught:
        load_index(index_dir)
    assert gen.name in str(caught.value) and f"ln -s {gen.name}" in str(caught.value)
    with pytest.raises(IndexCorrupt):
        QAService.open(dataclasses.replace(hashing_settings, index_dir=index_dir), encoder=HashingEncoder())
    assert not (index_dir / "current").exists()  # nothing built over it
    build_index([corpus], HashingEncoder(), index_dir)  # re-indexing repairs it
    assert len(load_index(index_dir).articles) == 2


# --- 4: a real folder named `current` -----------------------------------------------------------------------

def test_a_folder_named_current_is_never_replaced(tmp_path: Path) -> None:
    index_dir = tmp_path / "idx"
    (index_dir / "current").mkdir(parents=True)
    (index_dir / "current" / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(TinbotError, match="current is a folder.*move it"):
        build_index([DATA / "articles"], HashingEncoder(), index_dir)
    with pytest.raises(TinbotError, match="current is a folder.*move it"):
        load_index(index_dir)
    assert (index_dir / "current" / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert tinbot_generations(index_dir) == [] and leftovers(index_dir) == []


# --- 5: the file system refuses a write ---------------------------------------------------------------------

def test_a_write_error_names_the_fix_for_its_cause(tmp_path: Path) -> None:
    """A read-only folder is not fixed by freeing space."""
    def fix(code: int) -> str:
        return str(store.write_error(tmp_path, OSError(code, os.strerror(code)))).rsplit("; ", 1)[1]
    assert fix(errno.EACCES) == "make it writable or choose another --index-dir"
    assert fix(errno.EROFS) == "choose an --index-dir on a writable disk"
    assert fix(errno.ENOSPC) == "free space or choose another --index-dir"


def _disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("where", ["write_metadata", "write_file_atomic", "np.save", "symlink"])
def test_a_full_disk_is_one_clear_error_and_the_live_index_stays(corpus: Path, index_dir: Path, where: str,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    before = load_index(index_dir)
    (corpus / "new.txt").write_text("Tin mới. Rất mới.", encoding="utf-8")  # to embed and cache
    target = {"np.save": (np, "save"), "symlink": (store.os, "symlink")}.get(where, (store, where))
    monkeypatch.setattr(*target, _disk_full)
    with pytest.raises(TinbotError, match=f"cannot write the index in {index_dir}: No space left on device; "
                                          "free space or choose another --index-dir$") as caught:
        build_index([corpus], HashingEncoder(), index_dir)
    assert isinstance(caught.value.__cause__, OSError)
    monkeypatch.undo()
    after = load_index(index_dir)
    assert after.path == before.path and len(after.articles) == 2
    assert leftovers(index_dir) == []
    assert len(build_index([corpus], HashingEncoder(), index_dir).generation.name) > 0  # and it recovers
    assert len(load_index(index_dir).articles) == 3


def test_an_index_dir_under_a_file_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    with pytest.raises(TinbotError, match="cannot write the index in .*afile/sub: Not a directory"):
        build_index([DATA / "articles"], HashingEncoder(), tmp_path / "afile" / "sub")


def test_a_read_only_cache_folder_is_one_clear_error(index_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mkdir = Path.mkdir

    def read_only_cache(self, *args, **kwargs):
        if "cache" in self.parts:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return mkdir(self, *args, **kwargs)

    shutil.rmtree(index_dir / "cache")
    monkeypatch.setattr(Path, "mkdir", read_only_cache)
    with pytest.raises(TinbotError, match="cannot write the index in .*Permission denied"):
        build_index([DATA / "articles"], HashingEncoder(), index_dir)


def test_programming_errors_are_not_dressed_up_as_file_system_errors(index_dir: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def bug(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr(store, "write_metadata", bug)
    with pytest.raises(ValueError, match="a bug"):
        build_index([DATA / "articles"], HashingEncoder(), index_dir)
    assert leftovers(index_dir) == []


def _refuse(path: Path) -> PermissionError:
    return PermissionError(errno.EACCES, "Permission denied", str(path))


@pytest.mark.parametrize("refused", ["manifest.json", "embeddings.npy"])
def test_an_index_file_without_read_permission_says_so_rather_than_advise_a_rebuild(index_dir: Path, monkeypatch,
                                                                                    refused: str) -> None:
    """Run as root, chmod does not refuse reads: the refusal is simulated where the file is read."""
    def refusing(read):  # `read`, whose first argument is the path, refusing the file named `refused`
        def read_or_refuse(path, *args, **kwargs):
            if Path(path).name == refused:
                raise _refuse(Path(path))
            return read(path, *args, **kwargs)
        return read_or_refuse

    monkeypatch.setattr(Path, "read_text", refusing(Path.read_text))
    monkeypatch.setattr(store, "file_sha256", refusing(store.file_sha256))
    monkeypatch.setattr(rowfile, "open", refusing(open), raising=False)  # large vector files are read by rows
    monkeypatch.setattr(np, "load", refusing(np.load))  # small ones are mapped
    # Checksums confirmed before (not hashed again) with vectors mapped or read by rows; or hashed now.
    for verified, map_limit in ((True, rowfile.MAP_LIMIT), (True, 0), (False, rowfile.MAP_LIMIT)):
        monkeypatch.setattr(rowfile, "MAP_LIMIT", map_limit)
        if not verified:
            (store.live_generation(index_dir) / store.VERIFIED).unlink()
        with pytest.raises(TinbotError, match=f"cannot read .*{refused}: permission denied") as caught:
            load_index(index_dir)
        assert "chmod" in str(caught.value) and "rebuild" not in str(caught.value)


def test_a_second_writer_waits_for_the_first_and_says_so(corpus: Path, tmp_path: Path) -> None:
    import fcntl
    import threading

    index_dir = tmp_path / "idx"
    index_dir.mkdir()
    holder = open(index_dir / ".lock", "a+")  # another `tinbot index` holding the writer lock
    fcntl.flock(holder, fcntl.LOCK_EX)
    said: list[str] = []

    def on_wait(message: str) -> None:  # the first writer finishes a moment after the wait is announced
        said.append(message)
        threading.Timer(0.05, lambda: fcntl.flock(holder, fcntl.LOCK_UN)).start()

    with holder:
        report = build_index([corpus], HashingEncoder(), index_dir, on_wait=on_wait)
    assert said == [f"another tinbot index is writing {index_dir}; waiting for it to finish (Ctrl-C to stop waiting)"]
    assert report.sentences > 0 and load_index(index_dir).sentences


def test_checksums_once_confirmed_are_not_hashed_again_until_a_file_changes(index_dir: Path, monkeypatch) -> None:
    hashed: list[str] = []
    sha256 = store.file_sha256
    monkeypatch.setattr(store, "file_sha256", lambda path: hashed.append(path.name) or sha256(path))
    gen = store.live_generation(index_dir)
    files = sorted(store.read_manifest(gen)["files"])
    load_index(index_dir)
    assert hashed == []  # publishing confirmed them
    (gen / store.VERIFIED).unlink()
    load_index(index_dir)
    assert sorted(hashed) == files
    hashed.clear()
    load_index(index_dir)
    assert hashed == []
    path = gen / "articles.json"
    path.write_bytes(path.read_bytes())  # the same bytes, but written again: checked again
    load_index(index_dir)
    assert hashed == ["articles.json"]


def test_an_index_where_checksums_cannot_be_noted_still_opens(index_dir: Path, monkeypatch) -> None:
    (store.live_generation(index_dir) / store.VERIFIED).unlink()

    def refuse(path: Path, data: bytes) -> None:
        raise _refuse(path)

    monkeypatch.setattr(store, "write_file_atomic", refuse)
    assert len(load_index(index_dir).sentences) > 0
