"""Cost grows linearly on hostile input shapes (a batch job or a server must not stall).

Each shape is cleaned at 4 KB and at 16 KB; linear costs four times as much, quadratic
sixteen. The assertion is a ratio measured in one run (the minimum of a few repeats, each on
fresh text so no per-text cache answers; CPU time of this process, so other processes on a
busy machine do not count), never a timing.
"""

from __future__ import annotations

import base64
import random
import time

import pytest

from cleanup import clean

_WORDS = "the war and peace of a nation in which people said that government would".split()


def _shapes(n: int) -> dict[str, str]:
    rng = random.Random(1)
    return {
        "long-token": "Intro.\n\n" + base64.b64encode(rng.randbytes(n)).decode()[:n] + "\n",
        "lost-spaces": "".join(rng.choice(_WORDS) for _ in range(n // 4))[:n] + "\n",
        "space-run": "A" + " " * n + "b.\n",
        "no-break-space-run": "A" + "\u00a0" * n + "\n",
        "tab-run": "A" + "\t " * (n // 2) + "\nb\n",
        "punctuation-run": "Word" + "".join(rng.choice(".,;:!?-\"”“") for _ in range(n)) + "\n",
        "one-long-line": " ".join(rng.choice(_WORDS) for _ in range(n // 4))[:n] + "\nEnd\n",
        "names-on-one-line": " ".join(rng.choice(["Kyiv", "Kiev", "Zelensky", "Mariupol", "He"]) for _ in range(n // 7)) + "\n",
        "lower-names": " ".join(rng.choice(["kyiv", "zelensky", "mariupol", "putin"]) for _ in range(n // 8)) + "\n",
        "unclosed-quotes": "“" * n + "\nEnd\n",
        "ampersands": "&" * n + "\nEnd\n",
        "mojibake": "Ã©" * (n // 2) + "\n",
        # A paragraph whose Windows-1252 punctuation was read as Latin-1 (C1 controls) or whose
        # UTF-8 was read as Windows-1252: the repaired line is diffed to log each repair, and
        # difflib on a whole line with repeating ASCII grew with its cube (8 KB: 33 s).
        "c1-punctuation": ("The minister\x92s plan \x96 agreed \x93yesterday\x94 \x85 " * (n // 40))[:n] + "\n",
        "utf8-as-cp1252": ("The ministerâ€™s plan â€” agreed â€œyesterdayâ€\x9d. " * (n // 50))[:n] + "\n",
        # Marks read with their whole token or line at each match: a token of glued commas, a
        # line of French quotes (each grew with the square of the length).
        "glued-commas": ("word," * (n // 5))[:n] + "\n",
        "guillemets": ("Il dit « non » et « oui » ; " * (n // 28))[:n] + "\n",
        "short-lines": "\n".join(rng.choice(["Home", "News", "Sport", "• Tag"]) for _ in range(n // 5)) + "\n",
        "attributions": ("“Yes,” he said. he said. " * (n // 24))[:n] + "\n",
    }


SMALL, LARGE = _shapes(4_000), _shapes(16_000)
clean("Warm up: load the word lists and patterns once.\n")


def _costs(small: str, large: str, repeats: int = 5) -> tuple[float, float]:
    """The least time to clean a batch of fresh copies of each text (enough copies for the
    small batch to take some 30 ms), sizes measured in turn so that load from other processes
    falls on both alike."""
    started = time.process_time()
    clean(small + "probe\n")
    copies = max(2, min(50, int(0.03 / max(time.process_time() - started, 1e-4))))
    best = [float("inf"), float("inf")]
    for r in range(repeats):
        for i, text in enumerate((small, large)):
            batch = [f"{text}{r}.{c}\n" for c in range(copies)]
            started = time.process_time()
            for fresh in batch:
                clean(fresh)
            best[i] = min(best[i], time.process_time() - started)
    return best[0], best[1]


def _within(small_text: str, large_text: str, repeats: int = 5, attempts: int = 3) -> tuple[float, float]:
    """``_costs`` until the larger text costs at most six times the smaller, up to ``attempts``
    times: a square term fails every attempt, while a neighbour's burst on this shared machine
    (seen once: 6.5x for a linear shape that measures 2.4-5x) passes the next one."""
    for _ in range(attempts):
        small, large = _costs(small_text, large_text, repeats)
        if large <= 6 * small + 0.01:  # a few milliseconds of slack: below that, scheduler noise dominates
            break
    return small, large


@pytest.mark.parametrize("shape", sorted(SMALL))
def test_four_times_the_input_costs_at_most_six_times_as_much(shape):
    small, large = _within(SMALL[shape], LARGE[shape])
    assert large <= 6 * small + 0.01, f"{shape}: {small * 1000:.1f} ms at 4 KB, {large * 1000:.1f} ms at 16 KB"


def _letters(i: int) -> str:
    """A word of its own for each number (``bcd``, ``bcf``, ...)."""
    out = ""
    while i or not out:
        i, digit = divmod(i, 20)
        out += "bcdfghjklmnpqrstvwz"[digit % 19]
    return out + "a"


# Shapes whose square term shows only past a few tens of KB: measured at 30 KB and 120 KB.
WIDE = {
    # Quotes in a text without a full stop: the attribution prefilter looked for one through
    # the rest of the text at every quote (120 KB: 0.6 s).
    "quotes-without-stops": lambda n: ('{"a": [1, {"b": "Kyiv"}], "c": null}, ' * (n // 36))[:n] + "\n",
    # Glued pairs, each a token counted through the whole text (200 KB: 2.7 s), and quotes
    # counted from the start of their line at every mark (200 KB on one line: 1 s).
    "distinct-glued-pairs": lambda n: " ".join(f"the {_letters(i)},{_letters(i + 7)} and" for i in range(n // 22))[:n] + "\n",
    "stops-before-quotes": lambda n: ('ok."Yes ' * (n // 8))[:n] + "\n",
}


@pytest.mark.parametrize("shape", sorted(WIDE))
def test_wide_shapes_cost_in_proportion(shape):
    small, large = _within(WIDE[shape](30_000), WIDE[shape](120_000), repeats=3)
    assert large <= 6 * small + 0.01, f"{shape}: {small * 1000:.1f} ms at 30 KB, {large * 1000:.1f} ms at 120 KB"
