"""Cost per MB for one large article, a hundred medium ones and ten thousand small ones.

No rule may be superlinear, and per-article overhead must stay small: the three shapes of the
same 10 MB of clean news should cost the same per MB, within about 20%. Run with
``pytest tests/benchmarks/test_scaling.py --benchmark-enable`` (MB/s in ``extra_info``);
the normal test run cleans 100 KB of each shape once, as a smoke test.
"""

from __future__ import annotations

import pytest

from cleanup import clean
from conftest import ntrex_articles

TOTAL = 10_000_000  # bytes of text per round when measuring
SMOKE = 100_000  # bytes per round in the normal test run
SHAPES = {"1x10MB": 1, "100x100KB": 100, "10000x1KB": 10_000}


def _paragraphs() -> list[str]:
    return [p for article in ntrex_articles() for p in article.strip().split("\n\n")]


def articles(total: int, count: int) -> list[str]:
    """``count`` articles of about ``total / count`` bytes each, cut at paragraph ends."""
    size = total // count
    paragraphs = _paragraphs()
    out, current, length, i = [], [], 0, 0
    while len(out) < count:
        paragraph = paragraphs[i % len(paragraphs)]
        i += 1
        current.append(paragraph)
        length += len(paragraph.encode("utf-8")) + 2
        if length >= size:
            out.append("\n\n".join(current) + "\n")
            current, length = [], 0
    return out


@pytest.mark.parametrize("shape", SHAPES)
def test_cost_per_megabyte(benchmark, shape):
    total = SMOKE if benchmark.disabled else TOTAL
    count = max(1, SHAPES[shape] * total // TOTAL)
    texts = articles(total, count)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    clean("Le président a déclaré que les négociations continueront.\n")  # load word lists once
    benchmark.group = "scaling"
    rounds = iter(range(1_000_000))

    def fresh():  # a different text each round: clean() caches its analyses per text
        n = next(rounds)
        return ([f"{t}Round {n}.\n" for t in texts],), {}

    def run(batch: list[str]) -> int:
        return sum(len(clean(text).text) for text in batch)

    assert benchmark.pedantic(run, setup=fresh, rounds=1, iterations=1, warmup_rounds=0) > 0
    if benchmark.stats:
        benchmark.extra_info["MB/s"] = round(megabytes / benchmark.stats.stats.mean, 3)
        benchmark.extra_info["articles"] = len(texts)
