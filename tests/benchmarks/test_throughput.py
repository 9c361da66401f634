"""Throughput of clean() next to ftfy.fix_text on the same input, in one session.

Run the measurement with ``pytest tests/benchmarks --benchmark-enable``; the normal test run
executes each benchmark once as a smoke test. MB/s is in each benchmark's ``extra_info``.

Two kinds of input. ``samples`` and ``clean-news`` repeat one block of articles to 4 MB in
one text: every paragraph recurs, so what the pipeline remembers per line or per word is
mostly already known. ``distinct-news`` and ``machine-translation`` are articles that each
occur once (clean news from four outlets; uk/ru->en output of 13 MT systems, read from
``../shared``), cleaned one by one as a batch would: the word caches start from the words of
other text, as at the start of a batch on new topics.
"""

from __future__ import annotations

import ftfy
import pytest

from cleanup import clean
from conftest import SAMPLES, ntrex_articles, sample_names
from quality import corpora, identity

SIZE = 4_000_000  # bytes of text per round for the repeated inputs
SMOKE = 20  # articles per round for the distinct inputs in the normal test run


def repeated(texts: list[str]) -> list[str]:
    block = "\n\n".join(text.strip("\n") for text in texts) + "\n\n"
    return [(block * max(1, SIZE // len(block.encode("utf-8")))).rstrip("\n") + "\n"]


def distinct_news() -> list[str]:
    return ntrex_articles() + identity.clean_news()


def machine_translation() -> list[str]:
    return [doc.text for doc in corpora.wmt23() or []][::4]  # every fourth output: 500 articles


CORPORA = {
    "samples": lambda: repeated([(SAMPLES / f"{n}.txt").read_text(encoding="utf-8") for n in sample_names()]),
    "clean-news": lambda: repeated(ntrex_articles()),
    "distinct-news": distinct_news,
    "machine-translation": machine_translation,
}
ENGINES = {"cleanup.clean": lambda text: clean(text).text, "ftfy.fix_text": ftfy.fix_text}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("corpus", CORPORA)
def test_throughput(benchmark, corpus, engine):
    texts = CORPORA[corpus]()
    if len(texts) > 1 and benchmark.disabled:
        texts = texts[:SMOKE]
    assert texts, f"{corpus}: no text (is ../shared there?)"
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    for warm in corpora.mlqe_rows()[:50]:  # load word lists and models; words of other text
        clean(warm["mt"])
    benchmark.group = corpus
    rounds = iter(range(1_000_000))
    fix = ENGINES[engine]

    def fresh():  # a different text each round: clean() caches its analyses per text
        n = next(rounds)
        return ([f"{text}Round {n}.\n" for text in texts],), {}

    def run(batch: list[str]) -> int:
        return sum(len(fix(text)) for text in batch)

    assert benchmark.pedantic(run, setup=fresh, rounds=3, iterations=1, warmup_rounds=0) > 0
    if benchmark.stats:  # None when benchmarks are disabled
        benchmark.extra_info["MB/s"] = round(megabytes / benchmark.stats.stats.mean, 2)
        benchmark.extra_info["MB"] = round(megabytes, 2)
        benchmark.extra_info["articles"] = len(texts)
