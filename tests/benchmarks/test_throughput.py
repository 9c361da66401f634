"""Throughput of clean() next to ftfy.fix_text on the same input, in one session.

Run the measurement with ``pytest tests/benchmarks --benchmark-enable``; the normal test run
executes each benchmark once as a smoke test. MB/s is in each benchmark's ``extra_info``.
"""

from __future__ import annotations

import ftfy
import pytest

from cleanup import clean
from conftest import SAMPLES, ntrex_articles, sample_names

SIZE = 4_000_000  # bytes of text per round


def repeated(texts: list[str]) -> str:
    block = "\n\n".join(text.strip("\n") for text in texts) + "\n\n"
    return (block * max(1, SIZE // len(block.encode("utf-8")))).rstrip("\n") + "\n"


CORPORA = {
    "samples": lambda: repeated([(SAMPLES / f"{n}.txt").read_text(encoding="utf-8") for n in sample_names()]),
    "clean-news": lambda: repeated(ntrex_articles()),
}
ENGINES = {"cleanup.clean": lambda text: clean(text).text, "ftfy.fix_text": ftfy.fix_text}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("corpus", CORPORA)
def test_throughput(benchmark, corpus, engine):
    text = CORPORA[corpus]()
    megabytes = len(text.encode("utf-8")) / 1e6
    clean("Le président a déclaré que les négociations continueront.\n")  # load word lists, models once
    benchmark.group = corpus
    rounds = iter(range(1_000_000))

    def fresh():  # a different text each round: clean() caches its analyses per text
        return (f"{text}Round {next(rounds)}.\n",), {}

    result = benchmark.pedantic(ENGINES[engine], setup=fresh, rounds=3, iterations=1, warmup_rounds=0)
    assert result.strip()
    if benchmark.stats:  # None when benchmarks are disabled
        benchmark.extra_info["MB/s"] = round(megabytes / benchmark.stats.stats.mean, 2)
        benchmark.extra_info["MB"] = round(megabytes, 2)
