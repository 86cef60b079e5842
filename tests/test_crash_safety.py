"""kill -9 during `tinbot index` and re-indexing under a serving process: the live index is never damaged."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from retrieval import service as service_mod
from retrieval import store
from retrieval.config import Settings
from retrieval.index import load_index
from retrieval.indexer import build_index
from retrieval.service import QAService
from embeddings.encoder import HashingEncoder
from tests.conftest import DATA, ROOT, SEEDS

SEED_TEXT = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")


def make_corpus(root: Path, n: int) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        body = SEED_TEXT.replace("Cẩm Xuyên", f"Cẩm Xuyên {i}").replace("120,3", f"{120 + i},3")
        (root / f"a{i:04d}.txt").write_text(body, encoding="utf-8")
    return root


def index_cmd(index_dir: Path, corpus: Path) -> list[str]:
    return [sys.executable, "-m", "bot.cli", "index", "--model", "hashing", "--index-dir", str(index_dir), str(corpus)]


def test_kill_9_at_random_moments_leaves_the_previous_index_answering(tmp_path: Path) -> None:
    index_dir = tmp_path / "idx"
    build_index([DATA / "articles"], HashingEncoder(), index_dir)
    before = load_index(index_dir)
    big = make_corpus(tmp_path / "big", 150)
    rng = np.random.default_rng(0)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    kills = 0
    for delay in rng.uniform(0.05, 2.5, size=12):
        proc = subprocess.Popen(index_cmd(index_dir, big), cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(float(delay))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait(timeout=60)
        (store.live_generation(index_dir) / store.VERIFIED).unlink(missing_ok=True)  # hash every file again
        index = load_index(index_dir)  # verifies every checksum
        assert len(index.articles) in (len(before.articles), 150)
        assert len(index.sentences) == index.faiss.ntotal
    assert kills >= 3, "the corpus indexed too fast to interrupt; make it bigger"
    done = subprocess.run(index_cmd(index_dir, big), cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    final = load_index(index_dir)
    assert len(final.articles) == 150
    assert [p.name for p in index_dir.glob("gen-*.tmp")] == []


def test_reindexing_while_serving_switches_without_failed_questions(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service_mod, "RELOAD_CHECK_SECONDS", 0.0)
    settings = Settings(cache_dir=tmp_path / "c", index_dir=tmp_path / "idx", model="hashing",
                        corpus=(DATA / "articles",))
    service = QAService.open(settings)
    question = "Thu ngân sách trên địa bàn đạt bao nhiêu tỷ đồng?"
    errors: list[BaseException] = []
    answers = []
    stop = threading.Event()

    def ask_forever() -> None:
        while not stop.is_set():
            try:
                answers.append(service.ask(question))
            except BaseException as exc:  # noqa: BLE001 - the test counts every failure
                errors.append(exc)

    threads = [threading.Thread(target=ask_forever) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        time.sleep(0.2)
        corpus = make_corpus(tmp_path / "new", 40)
        build_index([corpus], HashingEncoder(), settings.index_dir)
        deadline = time.monotonic() + 20
        while len(service.index.articles) != 40 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.2)
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert errors == []
    assert len(service.index.articles) == 40
    assert not answers[0].answered or "120,3" not in answers[0].quotes[0].text  # the old corpus has no budget
    assert answers[-1].answered and "tỷ đồng" in answers[-1].quotes[0].text
