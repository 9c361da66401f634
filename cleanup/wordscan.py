"""Whole-word occurrences of a few words in a long text, found in one pass, and their neighbours.

A rule that weighs evidence about some words (the ones a lower-cased name could be) must not
visit every token of an article in Python: that is what made the casing stage cost more than
the rest of the pipeline. ``Tokens`` finds the occurrences of a word set with an Aho-Corasick
automaton (``pyahocorasick``, in C) and keeps those that are whole tokens of ``pattern``; the
token one space before or after an occurrence is read from the text around it. The results are
exactly those of walking ``pattern.finditer(text)``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import ahocorasick



def _letter(char: str) -> bool:
    """What ``[^\\W\\d_]`` matches: a word character that is no decimal digit (nor ``_``)."""
    return char.isalnum() and not char.isdecimal()


def _run_start(text: str, end: int) -> int | None:
    """Where the run of letters with inner hyphens (``[^\\W\\d_]+(?:-[^\\W\\d_]+)*``) that ends at
    ``end`` begins, walking back a character at a time (a token is a few letters)."""
    at = end
    while at and _letter(text[at - 1]):
        at -= 1
    if at == end:
        return None
    while at >= 2 and text[at - 1] == "-" and _letter(text[at - 2]):
        at -= 1
        while at and _letter(text[at - 1]):
            at -= 1
    return at


def automaton(words: Iterable[str], value: Callable[[str], object] = len) -> ahocorasick.Automaton | None:
    """An automaton over ``words`` that yields ``value(word)`` for each word found (None when
    there are none), to build once and scan often."""
    found = ahocorasick.Automaton()
    for word in words:
        found.add_word(word, value(word))
    if not len(found):
        return None
    found.make_automaton()
    return found


def lookup(words: Iterable[str]) -> ahocorasick.Automaton | None:
    """An automaton that yields each of ``words`` it finds: what ``Tokens.find`` scans with."""
    return automaton(words, str)


def starts(words: ahocorasick.Automaton | None, text: str) -> list[int]:
    """Where in ``text`` any of the automaton's words begins (inside longer words too), in order."""
    if words is None:
        return []
    return sorted({last + 1 - size for last, size in words.iter(text)})


def count_each(text: str, needles: Iterable[str]) -> dict[str, int]:
    """How often each of ``needles`` occurs in ``text``, as ``text.count(needle)`` counts (without
    overlaps, from the left), found in one pass instead of one pass a needle."""
    needles = set(needles)
    if len(needles) <= 4 or "" in needles:  # (few: the plain count is as quick)
        return {needle: text.count(needle) for needle in needles}
    counts = dict.fromkeys(needles, 0)
    free = dict.fromkeys(needles, 0)  # where each needle's next counted occurrence may start
    for last, needle in lookup(needles).iter(text):  # (a needle's own in order)
        start = last + 1 - len(needle)
        if start >= free[needle]:
            counts[needle] += 1
            free[needle] = start + len(needle)
    return counts


class Tokens:
    """The tokens of ``text`` under ``pattern`` (letters with inner hyphens, with boundary
    assertions), looked up by word or by position instead of listed."""

    def __init__(self, text: str, pattern: re.Pattern):
        self.text = text
        self.pattern = pattern

    def find(self, words: "Iterable[str] | ahocorasick.Automaton | None") -> list[tuple[int, int, str]]:
        """(start, end, word) of every occurrence of ``words`` that is a whole token, in order;
        ``words`` may be a ``lookup`` automaton, built once to scan many texts."""
        found = words if words is None or isinstance(words, ahocorasick.Automaton) else lookup(words)
        if found is None:
            return []
        text, match = self.text, self.pattern.match
        size = len(text)
        out = []
        for last, word in found.iter(text):
            start, end = last + 1 - len(word), last + 1
            if start and text[start - 1].isalpha() or end < size and text[end].isalpha():
                continue  # inside a longer word: no token (the cheap test before the exact one)
            token = match(text, start)
            if token is not None and token.end() == end:
                out.append((start, end, word))
        out.sort()
        return out

    def before(self, start: int) -> re.Match | None:
        """The token that ends one space before ``start`` (the word right before a word), if any."""
        text = self.text
        if start < 2 or text[start - 1] != " ":
            return None
        end = start - 1
        begin = _run_start(text, end)
        if begin is None:
            return None
        token = self.pattern.match(text, begin)
        return token if token is not None and token.end() == end else None

    def after(self, end: int) -> re.Match | None:
        """The token that starts one space after ``end``, if any."""
        if self.text[end : end + 1] != " ":
            return None
        return self.pattern.match(self.text, end + 1)
