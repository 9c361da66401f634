"""A one-article ``cleanup check`` as a whole process (the speed issue asks for under 0.3 s),
beside a process that imports ftfy and fixes the same article, in one session.

``pytest tests/benchmarks/test_startup.py --benchmark-enable`` runs each ten times per sample,
after one run that fills the cache (word tables, compiled patterns) as every later run on the
machine finds it; the normal test run starts each once as a smoke test.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import SAMPLES, sample_names

FTFY = "import sys, ftfy; ftfy.fix_text(open(sys.argv[1], encoding='utf-8').read())"
PROCESSES = {
    "cleanup check": lambda path: [sys.executable, "-m", "cleanup", "check", str(path)],
    "python -c ftfy.fix_text": lambda path: [sys.executable, "-c", FTFY, str(path)],
}


@pytest.mark.parametrize("process", PROCESSES)
@pytest.mark.parametrize("sample", sample_names())
def test_one_article_process(benchmark, process, sample):
    command = PROCESSES[process](SAMPLES / f"{sample}.txt")

    def run() -> None:
        done = subprocess.run(command, capture_output=True, text=True)
        assert done.returncode in (0, 1), done.stderr  # 1: the check found something

    run()
    benchmark.group = f"start-up {sample}"
    benchmark.pedantic(run, rounds=1 if benchmark.disabled else 10, iterations=1, warmup_rounds=0)
