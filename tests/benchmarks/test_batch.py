"""Batch throughput for -j 1, -j 2 and a Dask LocalCluster, and peak memory on a large corpus.

``pytest tests/benchmarks/test_batch.py --benchmark-enable`` measures 500 articles of ~5 KB
(the issue's yardstick) per runner, with word lists loaded before timing (every CLI run pays
that ~1 s once; forked workers inherit it). The memory benchmark streams a generated corpus of
``CLEANUP_BENCH_MB`` megabytes (default 1000) through ``cleanup fix`` in a subprocess and samples
the resident memory of its whole process tree. The normal test run does each once on a few
articles as a smoke test.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cleanup import CleanupConfig
from cleanup.batch.local import LocalRunner
from cleanup.batch.run import Batch
from cleanup.batch.sinks import JsonlSink
from cleanup.batch.sources import JsonlSource
from cleanup.batch.work import Job, warm
from conftest import ROOT
from quality.batch_memory import tree_memory
from synthetic import write_jsonl

ARTICLES = 500


@pytest.fixture(scope="module")
def dask_address():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as c:
        yield c.scheduler_address


def _runner(name: str, request):
    if name.startswith("dask"):
        from cleanup.batch.cluster import DaskRunner

        return DaskRunner(request.getfixturevalue("dask_address"))
    return LocalRunner(int(name[-1]))


@pytest.mark.parametrize("runner", ["-j 1", "-j 2", "dask-local-2-workers"])
def test_batch_throughput(benchmark, runner, request, tmp_path):
    count = ARTICLES if not benchmark.disabled else 6
    corpus = tmp_path / "c.jsonl"
    write_jsonl(corpus, count)
    megabytes = corpus.stat().st_size / 1e6
    job = Job(CleanupConfig(), source=str(corpus), log=True, output="jsonl")
    warm(job.config)
    benchmark.group = f"batch of {count} articles"
    rounds = iter(range(1000))

    def once():
        out = tmp_path / f"o{next(rounds)}.jsonl"
        batch = Batch(JsonlSource(corpus), job, _runner(runner, request), sink=JsonlSink(out), show_progress=False)
        for _ in batch:
            pass
        return batch

    batch = benchmark.pedantic(once, rounds=3 if not benchmark.disabled else 1, iterations=1)
    assert batch.summary.files == count and not batch.errors
    if benchmark.stats:
        mean = benchmark.stats.stats.mean
        benchmark.extra_info.update({"articles/s": round(count / mean, 1), "MB/s": round(megabytes / mean, 3)})


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="samples memory through /proc")
@pytest.mark.parametrize("rules", ["ENC,WSP", "ALL"])
def test_peak_memory_streaming_a_large_corpus(benchmark, rules, tmp_path):
    default = "1000" if rules != "ALL" else "50"
    megabytes = float(os.environ.get("CLEANUP_BENCH_MB", default)) if not benchmark.disabled else 0.2
    corpus, out = tmp_path / "c.jsonl", tmp_path / "o.jsonl"
    count = write_jsonl(corpus, megabytes=megabytes)
    command = [sys.executable, "-m", "cleanup", "fix", str(corpus), "-o", str(out), "--log", str(tmp_path / "log"),
               "--select", rules, "-j", "2", "-q", "--isolated"]

    def once():
        proc = subprocess.Popen(command, cwd=ROOT)
        samples, started = [], time.monotonic()
        while proc.poll() is None:
            samples.append(tree_memory(proc.pid))
            time.sleep(0.05)
        assert proc.returncode == 0
        return samples, time.monotonic() - started

    samples, seconds = benchmark.pedantic(once, rounds=1, iterations=1)
    assert sum(1 for _ in out.open("rb")) == count
    half = len(samples) // 2
    rss, pss = max(r for r, _ in samples), max(p for _, p in samples)
    first, second = max((p for _, p in samples[:half]), default=0), max((p for _, p in samples[half:]), default=0)
    info = {"corpus MB": round(corpus.stat().st_size / 1e6), "articles": count, "rules": rules,
            "peak PSS MB": round(pss / 1e6), "peak RSS MB": round(rss / 1e6), "seconds": round(seconds),
            "peak PSS MB, first half": round(first / 1e6), "peak PSS MB, second half": round(second / 1e6)}
    benchmark.extra_info.update(info)
    print("\n" + ", ".join(f"{k}: {v}" for k, v in info.items()) + " (process tree: main and 2 workers)")
