"""``a`` or ``an`` by how the next word is pronounced, not by its first letter.

The CMU pronouncing dictionary decides (``an hour``, ``a usable``, ``a European``, ``a one-off``);
initialisms are said by their letter names (``an FBI agent``, ``a UK-based``, ``an HIV-positive``),
numbers as they are read (``an 18-year-old``, ``an 8%``), and a hyphenated compound by its first
element. When the word is unknown, or can be said both ways (``herb``, ``historic``, an
acronym that may be a word: ``MAZ``, ``REV``), the rule stays silent.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import regex
from ..lexicon import alternation, load_lexicon
from ..model import Applicability, Finding
from ..regexes import compile_fast
from ..registry import Rule, check
from ..textview import in_code
from ..vocabulary import CONSONANT, VOWEL, first_sounds
from .casing import english_around

_PAIR = compile_fast(
    r"(?<![\p{L}\p{N}'’-])(?P<article>[Aa]n?)(?P<space>\s+)(?P<open>[\"“‘(]?)(?P<word>[\p{L}\p{N}](?:[\p{L}\p{N}.’'-]|,(?=\d{3}))*)"
)
_FIGURE = compile_fast(r"\d[\d,]*")  # the figure a word starts with: "1,200-strong"
_GROUPED_DIGITS = compile_fast(r"\d{1,3}(?:,\d{3})*|\d+")
_LETTER_VOWELS = frozenset("AEFHILMNORSX")  # letters whose names start with a vowel sound
# Clusters that can start an English syllable: an acronym starting otherwise is spelled out.
_ONSETS = frozenset("bl br ch cl cr dr fl fr gl gr kl kr ph pl pr sc sh sk sl sm sn sp st sw th tr tw wh wr".split())
# Words an article never stands before: "A and B" is a letter or a label, "a a" a doubled article.
_NOT_AFTER_ARTICLE = frozenset("a an the and or nor but of to in on at is was are were as by for from".split())


@functools.cache
def _lexicon(dirs: tuple[Path, ...]):
    flags = regex.IGNORECASE
    words = load_lexicon("articles", dirs)
    return (
        alternation("articles", "consonant-sound", dirs, template="^(?:{})", flags=flags),
        alternation("articles", "vowel-sound", dirs, template="^(?:{})", flags=flags),
        alternation("articles", "either", dirs, template="^(?:{})", flags=flags),
        frozenset(words["word-acronyms"]),
        frozenset(words["letter-acronyms"]),
    )


def _decided(bits: int) -> bool | None:
    return {VOWEL: True, CONSONANT: False}.get(bits)


def _letter(char: str) -> int:
    return VOWEL if char.upper() in _LETTER_VOWELS else CONSONANT


def _number(digits: str) -> bool | None:
    """``an 8``, ``an 11``, ``an 18,000``, ``a 180``; ``1800`` may be said "eighteen hundred"."""
    groups = digits.split(",")
    plain = "".join(groups)
    if len(plain) == 4 and plain[:2] in ("11", "18"):
        return None  # "1800", "1,100": "eighteen hundred" or "one thousand one hundred"
    lead = groups[0] if len(groups) > 1 else plain[: (len(plain) - 1) % 3 + 1]
    return lead.startswith("8") or lead in ("11", "18")


def _spelled_out(letters: str) -> bool:
    """Whether an acronym can only be said letter by letter (``FBI``, ``SBU``, ``NHS``)."""
    low = letters.lower()
    if len(low) <= 2 or not any(c in "aeiouy" for c in low[1:]):
        return True
    if low[0] in "aeiou" or low[1] in "aeiouy":
        return False
    return low[:2] not in _ONSETS or low[2] not in "aeiouy"


def _acronym(letters: str, dotted: bool, dirs: tuple[Path, ...]) -> bool | None:
    _, _, _, word_acronyms, letter_acronyms = _lexicon(dirs)
    if letters in word_acronyms:
        sounds = first_sounds(letters)  # said as a word: "a NATO summit"
        return _decided(sounds) if sounds else letters[0] in "AEIO"
    if dotted or letters in letter_acronyms or _spelled_out(letters):
        return _letter(letters[0]) == VOWEL
    # Could be said as a word: decided only when both readings start alike.
    word = first_sounds(letters)
    if not word:
        if letters[0] in "FHLMNRSXU":
            return None  # an unknown acronym: "an MAZ" if spelled, "a MAZ" if said
        word = VOWEL if letters[0] in "AEIO" else CONSONANT
    return _decided(word | _letter(letters[0]))


def vowel_sound(word: str, dirs: tuple[Path, ...] = ()) -> bool | None:
    """Whether ``word`` starts with a vowel sound; None when it cannot be told safely.

    >>> [vowel_sound(w) for w in ["immediate", "European", "hour", "FBI", "U.S.", "18-year-old", "NATO", "U-turn"]]
    [True, False, True, True, False, True, False, False]
    >>> [vowel_sound(w) for w in ["UK-based", "HIV-positive", "EU-wide", "usable", "MAZ", "herb"]]
    [False, True, True, False, None, None]
    """
    consonant, vowel, either, _, _ = _lexicon(dirs)
    word = word.rstrip(".’'-")
    head = word.split("-", 1)[0] if "-" in word[1:] else word  # a compound: its first element
    if not head:
        return None
    if head[0].isdigit():
        digits = _FIGURE.match(head).group().rstrip(",")
        return _number(digits) if _GROUPED_DIGITS.fullmatch(digits) else None
    letters = head.replace(".", "")
    if not letters.isalpha():
        return None
    if len(letters) == 1:
        return _letter(letters) == VOWEL  # a letter's name: a U-turn, an X-ray, an e-mail
    if either.match(letters):
        return None
    if letters.isupper():
        return _acronym(letters, "." in head, dirs)
    model = len(letters) <= 3 and word[len(head) + 1 : len(head) + 2].isdigit()  # "Mi-8": a head, a hyphen, a figure
    if letters[0].isupper() and (any(c.isupper() for c in letters[1:]) or model):
        # A capital inside ("MoD", "McDonald's") or a short head before a model number ("Mi-8",
        # "Su-25"): said letter by letter or as a word; decided only when both start alike.
        sounds = first_sounds(letters)
        return _decided(sounds | _letter(letters[0])) if sounds else None
    sounds = first_sounds(letters)
    if sounds:
        return _decided(sounds)
    if vowel.match(letters):
        return True
    if consonant.match(letters):
        return False
    return None  # not in the dictionary: a name or a word of another language


@functools.lru_cache(maxsize=65_536)
def _sound(word: str, dirs: tuple[Path, ...]) -> bool | None:
    """``vowel_sound``, remembered: the words after "a" and "an" recur from article to article."""
    return vowel_sound(word, dirs)


@check("wrong-indefinite-article")
def wrong_indefinite_article(doc, rule: Rule) -> Iterator[Finding]:
    text = doc.text
    dirs = doc.config.rule_dirs
    for m in _PAIR.finditer(text):
        article, word = m.group("article"), m.group("word")
        sound = _sound(word, dirs)
        if sound is None or article.lower() == ("an" if sound else "a"):
            continue  # nearly every pair: the article fits, or the sound cannot be told
        if article[0] == "A":
            before = text[max(0, m.start() - 3) : m.start()].rstrip(" ")
            if before and before[-1] not in ".!?…\n\"”’:":
                continue  # a capital "A" inside a sentence labels something ("Plan A is ready")
        if word.lower() in _NOT_AFTER_ARTICLE:
            continue  # "A and B": a letter or label, not an article
        if m.group("space").count("\n") > 1:
            continue  # a blank line between: the article ends a paragraph, the word opens another
        if in_code(text, m.start("article"), m.end("article")):
            continue  # <a id="x">, `a b`: markup and code, not an article
        wanted = "an" if sound else "a"
        if english_around(text, m.start(), dirs):
            fixed = wanted.capitalize() if article[0].isupper() else wanted
            # "King of Morang an Dewan": before a name, "an" may be "and" that lost its "d"
            maybe_and = article == "an" and word[0].isupper() and word[0] not in "UEOH" and not word.isupper()
            yield rule.finding(m.start("article"), m.end("article"), fixed, found=f"{article} {word}",
                               detail={"word": word}, applicability=Applicability.UNSAFE if maybe_and else None)
