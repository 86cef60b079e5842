"""Cold start and memory: `tinbot ask` as a fresh process, and a long-lived process holding an index.

The Telegram bot is measured by proxy: a process that opens `QAService`, warms it up and answers questions,
which is what the bot does besides its network loop (python-telegram-bot adds a few tens of MB).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ProcessRow:
    what: str  # "ask", "ask (English)" (its first answer also probes the English floor) or "service"
    backend: str
    sentences: int
    seconds: float  # ask: process start to exit after the answer; service: start to warm
    peak_rss_mb: float
    rss_mb: float  # service only: resident after answering
    answered: bool


def _env(cache_dir: Path, backend: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"TINBOT_CACHE_DIR": str(cache_dir), "TINBOT_BACKEND": backend, "HF_HUB_OFFLINE": "1",
                "TOKENIZERS_PARALLELISM": "false"})
    return env


def measure_ask(index_dir: Path, cache_dir: Path, backend: str, question: str, sentences: int,
                timeout: float = 300, what: str = "ask") -> ProcessRow:
    """`tinbot ask QUESTION` in a new process against an existing index: wall time and peak RSS."""
    code = textwrap.dedent("""
        import sys, runpy
        sys.argv = ["tinbot"] + sys.argv[1:]
        try:
            from bot.cli import main
            rc = main()
        finally:
            with open("/proc/self/status") as fh:
                hwm = next(l for l in fh if l.startswith("VmHWM:")).split()[1]
            sys.stderr.write("\\nBENCH_PEAK_KB " + hwm + "\\n")
        sys.exit(rc)
    """)
    cmd = [sys.executable, "-c", code, "ask", "--index-dir", str(index_dir), "--json", question]
    started = time.perf_counter()
    proc = subprocess.run(cmd, env=_env(cache_dir, backend), capture_output=True, text=True, timeout=timeout,
                          check=False)
    seconds = time.perf_counter() - started
    peak = _peak_from(proc.stderr)
    answered = proc.returncode == 0 and '"quotes"' in proc.stdout
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"tinbot ask failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
    return ProcessRow(what, backend, sentences, seconds, peak, float("nan"), answered)


def measure_service(index_dir: Path, cache_dir: Path, backend: str, questions: list[str], sentences: int,
                    timeout: float = 900) -> ProcessRow:
    """A long-lived process (the bot's proxy): open QAService, warm up, answer `questions`; RSS after."""
    code = textwrap.dedent("""
        import json, sys, time
        t0 = time.perf_counter()
        from retrieval.config import Settings
        from retrieval.service import QAService
        settings = Settings.from_env().with_overrides(index_dir=sys.argv[1])
        service = QAService.open(settings, build_if_missing=False)
        service.warm_up()
        ready = time.perf_counter() - t0
        ok = 0
        for q in json.loads(sys.argv[2]):
            ok += service.ask(q).answered
        status = {l.split(":")[0]: int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("Vm")}
        print(json.dumps({"ready": ready, "hwm_kb": status["VmHWM"], "rss_kb": status["VmRSS"], "ok": ok}))
    """)
    cmd = [sys.executable, "-c", code, str(index_dir), json.dumps(questions, ensure_ascii=False)]
    proc = subprocess.run(cmd, env=_env(cache_dir, backend), capture_output=True, text=True, timeout=timeout,
                          check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"service process failed: {proc.stderr.strip()[-800:]}")
    res = json.loads(proc.stdout.strip().splitlines()[-1])
    return ProcessRow("service", backend, sentences, res["ready"], res["hwm_kb"] / 1024, res["rss_kb"] / 1024,
                      res["ok"] > 0)


def _peak_from(stderr: str) -> float:
    for line in reversed(stderr.splitlines()):
        if line.startswith("BENCH_PEAK_KB "):
            return int(line.split()[1]) / 1024
    return float("nan")


@dataclass(frozen=True)
class IndexRunRow:
    backend: str
    articles: int
    sentences: int
    seconds: float  # process start to exit: imports, model load, parsing, embedding, FAISS, writing
    sentences_per_s: float
    ratio: float  # against the baseline backend on the same corpus, same run
    peak_rss_mb: float
    cpu_seconds: float = float("nan")  # user + system CPU of the process (all threads)
    cpu_ratio: float = float("nan")  # baseline CPU seconds / this one's: the speed-up on an idle machine


def measure_index_run(corpus: Path, index_dir: Path, cache_dir: Path, backend: str, timeout: float = 3600,
                      ) -> IndexRunRow:
    """`tinbot index CORPUS` from scratch in a new process (no embedding cache)."""
    import re
    import shutil

    shutil.rmtree(index_dir, ignore_errors=True)
    code = textwrap.dedent("""
        import sys
        sys.argv = ["tinbot"] + sys.argv[1:]
        from bot.cli import main
        rc = main()
        with open("/proc/self/status") as fh:
            hwm = next(l for l in fh if l.startswith("VmHWM:")).split()[1]
        sys.stderr.write("\\nBENCH_PEAK_KB " + hwm + "\\n")
        sys.exit(rc)
    """)
    cmd = [sys.executable, "-c", code, "index", str(corpus), "--index-dir", str(index_dir)]
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(cmd, env=_env(cache_dir, backend), capture_output=True, text=True, timeout=timeout,
                          check=False)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        raise RuntimeError(f"tinbot index failed: {proc.stderr.strip()[-800:]}")
    m = re.search(r"indexed (\d+) articles, (\d+) sentences", proc.stderr)
    articles, sentences = (int(m.group(1)), int(m.group(2))) if m else (0, 0)
    return IndexRunRow(backend, articles, sentences, seconds, sentences / seconds, float("nan"),
                       _peak_from(proc.stderr), cpu)
