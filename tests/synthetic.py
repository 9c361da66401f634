"""Synthetic batches built from real text: NTREX news joined to ~5 KB, with the samples mixed in.

Every fifth article is one of the project's samples (artifacts to fix); the rest is clean news
(nothing to fix). Built on the fly, deterministic, never committed.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path

from conftest import SAMPLES, ntrex_articles, sample_names


def articles(size: int = 5000) -> Iterator[str]:
    """An endless, repeating stream of ~``size``-byte articles."""
    samples = [(SAMPLES / f"{n}.txt").read_text(encoding="utf-8") for n in sample_names()]
    news = ntrex_articles()
    pool = itertools.cycle(news)
    for number in itertools.count():
        if number % 5 == 4:
            yield samples[(number // 5) % len(samples)]
            continue
        parts, total = [], 0
        while total < size:
            part = next(pool)
            parts.append(part)
            total += len(part.encode("utf-8"))
        yield "\n".join(parts)


def records(count: int | None = None, size: int = 5000) -> Iterator[dict]:
    stream = articles(size)
    for number in itertools.count(1) if count is None else range(1, count + 1):
        yield {"id": f"a{number:07d}", "source": "ntrex" if number % 5 else "samples",
               "year": 2000 + number % 25, "text": f"Article {number}.\n\n{next(stream)}"}


def write_jsonl(path: Path, count: int | None = None, *, megabytes: float | None = None, size: int = 5000) -> int:
    """Write ``count`` records (or about ``megabytes`` MB of them); returns the number written."""
    written = 0
    limit = None if megabytes is None else int(megabytes * 1e6)
    with path.open("w", encoding="utf-8") as handle:
        for record in records(count, size):
            line = json.dumps(record, ensure_ascii=False) + "\n"
            handle.write(line)
            written += 1
            if limit is not None:
                limit -= len(line.encode("utf-8"))
                if limit <= 0:
                    break
    return written


def write_files(folder: Path, count: int, size: int = 5000) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for record in records(count, size):
        (folder / f"{record['id']}.txt").write_text(record["text"], encoding="utf-8")
