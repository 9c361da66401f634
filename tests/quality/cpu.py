"""CPU time per MB of the pipeline and of ``ftfy.fix_text`` on the same new text, in one process.

The wall-clock benchmark (``tests/benchmarks/test_throughput.py``) is the issue's measure, but
on a shared machine its means move by half between runs, ftfy's too; CPU time of one process,
best of several rounds, tells a 15% change apart. Two inputs that each occur once: distinct
clean news (NTREX, WMT21, the WMT23 references) and machine translation (every fourth WMT23
output); the word caches start from the words of other text (50 MLQE-PE translations).

``python -m tests.quality.cpu [--rounds N] [news|mt ...]``; to compare two commits, run it in a
checkout of each, alternately (``PYTHONPATH=<checkout>``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import ftfy

from cleanup import clean

from . import corpora, identity


def _inputs() -> dict:
    return {"news": lambda: identity.ntrex() + identity.clean_news(),
            "mt": lambda: [doc.text for doc in corpora.wmt23() or []][::4]}


def measure(texts: list[str], rounds: int) -> tuple[float, float]:
    """The least CPU seconds to clean ``texts``, and to run ftfy on them (a fresh text each round)."""
    best = [float("inf"), float("inf")]
    for n in range(rounds):
        for i, fix in enumerate((clean, ftfy.fix_text)):
            batch = [f"{text}Round {n}.\n" for text in texts]
            started = time.process_time()
            for text in batch:
                fix(text)
            best[i] = min(best[i], time.process_time() - started)
    return best[0], best[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", metavar="news|mt", help="the inputs to measure (default: both)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/, for conftest
    for warm in corpora.mlqe_rows()[:50]:  # word lists and models loaded, caches holding other words
        clean(warm["mt"])
    unknown = set(args.inputs) - set(_inputs())
    if unknown:
        parser.error(f"unknown input {sorted(unknown)[0]!r} (known: {', '.join(_inputs())})")
    for name in args.inputs or list(_inputs()):
        texts = _inputs()[name]()
        if not texts:
            print(f"{name}: no text (is ../shared there?)")
            continue
        megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6
        ours, theirs = measure(texts, args.rounds)
        print(f"{name}: {megabytes:.2f} MB  cleanup {ours / megabytes * 1000:,.0f} ms/MB  "
              f"ftfy {theirs / megabytes * 1000:,.0f} ms/MB  ratio {theirs / ours:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
