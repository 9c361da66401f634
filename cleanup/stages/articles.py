"""``a`` or ``an`` by the sound of the next word, not its first letter.

``an immediate``, ``a European``, ``a one-off``, ``an hour``, ``an FBI agent``, ``a U.S.
official``, ``an 18-year-old``. The next word must be a known English word, an acronym or a
number, so untranslated text (``a España``) and unknown names are left alone.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import regex
from ..lexicon import alternation, load_lexicon
from ..model import Finding
from ..registry import Rule, check
from ..vocabulary import zipf

_PAIR = regex.compile(
    r"(?<![\p{L}\p{N}'’-])(?P<article>[Aa]n?)(?P<space>\s+)(?P<open>[\"“‘(]?)(?P<word>[\p{L}\p{N}][\p{L}\p{N}.’'-]*)"
)
_LETTER_VOWELS = set("AEFHILMNORSX")  # letters whose names start with a vowel sound
_KNOWN = 3.0  # zipf frequency of a word we trust to be English
_NOT_AFTER_ARTICLE = frozenset("and or nor but of to in on at is was are were as by for from".split())


@functools.cache
def _lexicon(dirs: tuple[Path, ...]):
    flags = regex.IGNORECASE
    return (
        alternation("articles", "consonant-sound", dirs, template="^(?:{})", flags=flags),
        alternation("articles", "vowel-sound", dirs, template="^(?:{})", flags=flags),
        alternation("articles", "either", dirs, template="^(?:{})", flags=flags),
        frozenset(load_lexicon("articles", dirs)["word-acronyms"]),
        frozenset(load_lexicon("articles", dirs)["letter-acronyms"]),
    )


def vowel_sound(word: str, dirs: tuple[Path, ...] = ()) -> bool | None:
    """Whether ``word`` starts with a vowel sound; None when it cannot be told safely.

    >>> [vowel_sound(w) for w in ["immediate", "European", "hour", "FBI", "U.S.", "18-year-old", "NATO", "U-turn"]]
    [True, False, True, True, False, True, False, False]
    """
    consonant, vowel, either, word_acronyms, letter_acronyms = _lexicon(dirs)
    letters = word.replace(".", "")
    if len(word) > 2 and word[0].isupper() and word[1] in "-–":
        return word[0] in _LETTER_VOWELS  # a letter's name: a U-turn, an X-ray
    if word[0].isdigit():
        digits = regex.match(r"[\d,]+", word).group().replace(",", "")
        if digits.startswith("8"):
            return True
        return digits in ("11", "18") or (digits[:2] in ("11", "18") and len(digits) in (5, 8))
    if letters.isupper() and letters not in word_acronyms:
        if len(letters) <= 3 or letters in letter_acronyms:
            return letters[0] in _LETTER_VOWELS  # said letter by letter: an FBI agent, a U.S. envoy
        return None  # longer ones are often said as words (MAGA, NATO): leave them
    bare = word.strip(".’'-")
    if either.match(bare):
        return None
    if vowel.match(bare):
        return True
    if consonant.match(bare):
        return False
    if zipf(bare) < _KNOWN and not letters.isupper():
        return None  # not a word we know: a name, or text in another language
    return bare[0].lower() in "aeiou"


@check("wrong-indefinite-article")
def wrong_indefinite_article(doc, rule: Rule) -> Iterator[Finding]:
    text = doc.text
    dirs = doc.config.rule_dirs
    for m in _PAIR.finditer(text):
        article, word = m.group("article"), m.group("word")
        if article[0] == "A":
            before = text[max(0, m.start() - 3) : m.start()].rstrip(" ")
            if before and before[-1] not in ".!?…\n\"”’:":
                continue  # a capital "A" inside a sentence labels something ("Plan A is ready")
        if word.lower() in _NOT_AFTER_ARTICLE:
            continue  # "A and B": a letter or label, not an article
        sound = vowel_sound(word, dirs)
        if sound is None:
            continue
        wanted = "an" if sound else "a"
        if article.lower() != wanted:
            fixed = wanted.capitalize() if article[0].isupper() else wanted
            yield rule.finding(m.start("article"), m.end("article"), fixed, found=f"{article} {word}",
                               detail={"word": word})
