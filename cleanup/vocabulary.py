"""English word statistics shared by the rules: frequencies and function words.

One cached lookup instead of one per stage: several rules ask about the same words.
"""

from __future__ import annotations

import functools
import marshal
from pathlib import Path

from .cache import cached
from .lexicon import load_lexicon


@functools.lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """How common ``word`` is in English (wordfreq's Zipf scale: 0 unknown, 7 ``the``).

    Plain ASCII words (nearly every lookup) come from a compact table; anything else (digits,
    apostrophes, accents) from wordfreq itself, whose import alone takes a quarter second.
    """
    if word.isascii() and word.isalpha():
        lower = word.lower()
        return _shard(lower[:2]).get(lower, 0.0)
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


@functools.lru_cache(maxsize=None)
def _shard(prefix: str) -> dict[str, float]:
    """The table's words that start with ``prefix``: an article needs only some of them."""
    blob = _plain_words().get(prefix)
    return marshal.loads(blob) if blob else {}


@functools.cache
def _plain_words() -> dict[str, bytes]:
    """Zipf values of wordfreq's all-letter English words, cached on disk in compact form.

    The values are computed with wordfreq's own steps for a one-token word (the same float
    operations, so the same results as ``zipf_frequency``); a word not listed is 0. The table
    is split by the first two letters, each part decoded on first use.
    """
    from importlib.metadata import version

    def build() -> dict[str, float]:
        import math
        import re

        from wordfreq import freq_to_zipf, get_frequency_dict, zipf_to_freq

        minimum = zipf_to_freq(0.0)
        letters = re.compile("[a-z]+")
        shards: dict[str, dict[str, float]] = {}
        for word, freq in get_frequency_dict("en", "best").items():
            if letters.fullmatch(word):
                freq = max(1.0 / (1.0 / freq), minimum)
                rounded = round(freq, math.floor(-math.log(freq, 10)) + 3)
                shards.setdefault(word[:2], {})[word] = round(freq_to_zipf(rounded), 2)
        return {prefix: marshal.dumps(shard) for prefix, shard in shards.items()}

    return cached(f"zipf-en-shards-wordfreq{version('wordfreq')}", build)


@functools.cache
def function_words(dirs: tuple[Path, ...] = ()) -> frozenset[str]:
    return frozenset(load_lexicon("boilerplate", dirs)["function-words"])


def english_share(words: list[str], dirs: tuple[Path, ...] = ()) -> float:
    """The share of ``words`` that are English function words: high in English prose."""
    if not words:
        return 1.0
    common = function_words(dirs)
    return sum(map(common.__contains__, map(str.lower, words))) / len(words)
