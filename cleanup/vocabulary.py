"""English word statistics shared by the rules: frequencies and function words.

One cached lookup instead of one per stage: several rules ask about the same words.
"""

from __future__ import annotations

import functools
from pathlib import Path

from .lexicon import load_lexicon


@functools.lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """How common ``word`` is in English (wordfreq's Zipf scale: 0 unknown, 7 ``the``)."""
    from wordfreq import zipf_frequency  # imported on first use: it takes a while

    return zipf_frequency(word, "en")


@functools.cache
def function_words(dirs: tuple[Path, ...] = ()) -> frozenset[str]:
    return frozenset(load_lexicon("boilerplate", dirs)["function-words"])


def english_share(words: list[str], dirs: tuple[Path, ...] = ()) -> float:
    """The share of ``words`` that are English function words: high in English prose."""
    if not words:
        return 1.0
    common = function_words(dirs)
    return sum(w.lower() in common for w in words) / len(words)
