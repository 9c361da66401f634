"""Hostile shapes: every input shape that should cost in proportion to its length, at two sizes.

``tests/test_linear.py`` keeps the shapes that once were superlinear; this script looks for new
ones. Each shape is cleaned at N and 4N characters (default 30,000) under the default, page and
unsafe settings; a shape whose larger text costs more than ``--ratio`` times the smaller
(linear is 4, quadratic 16), or that raises, is printed. One process, CPU time; a few minutes.

``python -m tests.quality.hostile [--size N] [--ratio R]``
"""

from __future__ import annotations

import argparse
import random
import string
import time
from collections.abc import Callable

from cleanup import CleanupConfig, clean

_WORDS = "the war and peace of a nation in which people said that government would".split()


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda n: (unit * (n // len(unit) + 1))[:n]


def shapes() -> dict[str, Callable[[int], str]]:
    rng = random.Random(5)

    def word() -> str:
        return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 8)))

    units = {
        "c1-punctuation": "The minister\x92s plan \x96 agreed \x93yesterday\x94 \x85 ",
        "utf8-as-cp1252": "The ministerâ€™s plan â€” agreed â€œyesterdayâ€\x9d. ",
        "glued-commas": "word,",
        "guillemets": "Il dit « non » et « oui » ; ",
        "quotes-without-stops": '{"a": [1, {"b": "Kyiv"}], "c": null}, ',
        "stops-before-quotes": 'ok."Yes ',
        "dialogue-dash": "“We will win,” -he declares. ",
        "html-tags": '<p class="x">Kyiv <a href="/y">said</a></p> ',
        "zero-width": "Ky\u200biv\u200d said\u200c ",
        "line-separators": "Kyiv said\u2028the talks\u2029went on. ",
        "one-char-lines": "a\n",
        "photo-credits": "MAXIM GUCHEK/ BELTA/ AFP\n",
        "section-labels": "Home\n",
        "date-lines": "12 March 2022\n",
        "french-spacing": "Quoi ? Oui ! « Non » ; ",
        "entities": "&amp;&lt;&#x41;&nbsp;&bogus; ",
        "mixed-script": "Kиїв Xарків Mаріуполь ",
        "nested-quotes": "“He said ‘no “yes” no’ and” ",
        "ellipsis-runs": "wait.... what..... ",
        "space-before-punct": "Kyiv , Lviv ; Odesa : ",
    }
    out: dict[str, Callable[[int], str]] = {name: _repeat(unit) for name, unit in units.items()}
    out["distinct-names"] = lambda n: " ".join(word().capitalize() for _ in range(n // 6)) + "."
    out["distinct-glued-pairs"] = lambda n: " ".join(f"the {word()},{word()} and" for _ in range(n // 22))
    out["lost-spaces"] = lambda n: "".join(rng.choice(_WORDS) for _ in range(n // 4))[:n]
    out["long-line"] = lambda n: " ".join(rng.choice(_WORDS) for _ in range(n // 4))[:n]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=30_000)
    parser.add_argument("--ratio", type=float, default=6.5)
    args = parser.parse_args()
    clean("Warm up.\n")
    settings = {"article": CleanupConfig(), "page": CleanupConfig(mode="page"),
                "unsafe": CleanupConfig(unsafe_fixes=True)}
    found = 0
    for name, make in shapes().items():
        for label, config in settings.items():
            try:
                costs = []
                for n in (args.size, 4 * args.size):
                    text = make(n) + "\n"
                    started = time.process_time()
                    clean(text, config)
                    costs.append(time.process_time() - started)
            except Exception as exc:  # a shape that breaks the pipeline is a finding too
                print(f"{name} [{label}]: {type(exc).__name__}: {exc}")
                found += 1
                continue
            ratio = costs[1] / max(costs[0], 1e-4)
            if ratio > args.ratio and costs[1] > 0.1:
                print(f"{name} [{label}]: {costs[0]:.3f} s -> {costs[1]:.3f} s (x{ratio:.1f})")
                found += 1
    print(f"{found} shapes cost more than {args.ratio}x at four times the size, or failed")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
