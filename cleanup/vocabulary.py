"""English word statistics shared by the rules: frequencies and function words.

One cached lookup instead of one per stage: several rules ask about the same words.
"""

from __future__ import annotations

import functools
import marshal
import math
import re
from pathlib import Path

from .cache import cached
from .lexicon import load_lexicon


_MINIMUM = 1e-09  # wordfreq's frequency for Zipf 0, the value of an unknown word


@functools.lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """How common ``word`` is in English (wordfreq's Zipf scale: 0 unknown, 7 ``the``).

    ASCII words, hyphenated or not (nearly every lookup), come from a compact table through
    wordfreq's own arithmetic; anything else (digits, apostrophes, accents) from wordfreq
    itself, whose import alone takes a quarter second.
    """
    if word.isascii() and _PLAIN.fullmatch(word):
        return _zipf_of_tokens(word.lower().split("-"))
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


_PLAIN = re.compile("[A-Za-z]+(?:-[A-Za-z]+)*")  # what wordfreq splits at hyphens and lower-cases


def _zipf_of_tokens(tokens: list[str]) -> float:
    """wordfreq's ``zipf_frequency`` for a word of these tokens, step by step (same floats)."""
    one_over = 0.0
    for token in tokens:
        freq = _shard(token[:2]).get(token)
        if freq is None:
            return round(math.log(_MINIMUM, 10) + 9, 2)
        one_over += 1.0 / freq
    freq = max(1.0 / one_over, _MINIMUM)
    rounded = round(freq, math.floor(-math.log(freq, 10)) + 3)
    return round(math.log(rounded, 10) + 9, 2)


@functools.lru_cache(maxsize=None)
def _shard(prefix: str) -> dict[str, float]:
    """The table's words that start with ``prefix``: an article needs only some of them."""
    blob = _plain_words().get(prefix)
    return marshal.loads(blob) if blob else {}


@functools.cache
def _plain_words() -> dict[str, bytes]:
    """wordfreq's English frequencies of all-letter words, cached on disk in compact form,
    split by the first two letters, each part decoded on first use.
    """
    from importlib.metadata import version

    def build() -> dict[str, bytes]:
        from wordfreq import get_frequency_dict

        letters = re.compile("[a-z]+")
        shards: dict[str, dict[str, float]] = {}
        for word, freq in get_frequency_dict("en", "best").items():
            if letters.fullmatch(word):
                shards.setdefault(word[:2], {})[word] = freq
        return {prefix: marshal.dumps(shard) for prefix, shard in shards.items()}

    return cached(f"wordfreq-en-letters-{version('wordfreq')}", build)


@functools.cache
def function_words(dirs: tuple[Path, ...] = ()) -> frozenset[str]:
    return frozenset(load_lexicon("boilerplate", dirs)["function-words"])


def english_share(words: list[str], dirs: tuple[Path, ...] = ()) -> float:
    """The share of ``words`` that are English function words: high in English prose."""
    if not words:
        return 1.0
    common = function_words(dirs)
    return sum(map(common.__contains__, map(str.lower, words))) / len(words)
