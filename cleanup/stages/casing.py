"""Proper nouns that machine translation lower-cased (``kyiv``, ``kyiv’s``, ``kyiv is``).

Two sources of evidence: the names table (places and surnames that are not ordinary words),
and the article itself (the same word capitalised in the middle of a sentence elsewhere).
Words that are also common English words (``turkey``, ``bush``, ``china`` the material) are
left alone: word frequencies from ``wordfreq`` tell them apart from rare names.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from wordfreq import zipf_frequency

from ..model import Applicability, Finding
from ..names import load_names
from ..registry import Rule, check

_WORD = re.compile(r"(?<![\w@#/.-])[^\W\d_]+(?:-[^\W\d_]+)*(?![\w@/-]|\.\w)")  # not in URLs, handles
_SENTENCE_START = re.compile(r"(?:^|[.!?…:]\s+|[.!?…][”\"’»]\s+|^[\s•*–-]+)$")
COMMON = 3.5  # zipf frequency from which a lower-case word is an ordinary word


@functools.cache
def gazetteer(dirs: tuple[Path, ...]) -> dict[str, str]:
    """Lower-case spelling -> proper spelling, for one-word places and surnames."""
    table = load_names(dirs)
    out: dict[str, str] = {}
    for entry in table.entries:
        if entry.common:
            continue
        for spelling in entry.main.accepted + entry.main.wrong:
            if " " not in spelling and spelling[:1].isupper():
                out.setdefault(spelling.lower(), spelling)
    return out


def _mid_sentence(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return not _SENTENCE_START.search(text[max(line_start, start - 6) : start])


@functools.lru_cache(maxsize=8)
def analyse(text: str, dirs: tuple[Path, ...]) -> tuple[tuple[str, int, int, str, int], ...]:
    """(rule name, start, end, proper spelling, capitalised uses) for each lower-cased name."""
    known = gazetteer(dirs)
    vocabulary = set(_WORD.findall(text))
    lower = {w for w in vocabulary if w.islower() and len(w) >= 3}
    wanted = {w[0].upper() + w[1:] for w in lower if len(w) >= 4 and w not in known and _rare(w)} & vocabulary
    capitalised = Counter()
    if wanted:
        for m in _word_pattern(wanted).finditer(text):
            if _mid_sentence(text, m.start()):
                capitalised[m.group()] += 1
    targets = {w for w in lower if w in known or capitalised[w[0].upper() + w[1:]]}
    fixes = []
    for m in _word_pattern(targets).finditer(text) if targets else ():
        word = m.group()
        if word in known:
            fixes.append(("lowercased-proper-noun", m.start(), m.end(), known[word], 0))
        else:
            proper = word[0].upper() + word[1:]
            fixes.append(("lowercased-name", m.start(), m.end(), proper, capitalised[proper]))
    return tuple(fixes)


def _word_pattern(words: set[str]) -> re.Pattern:
    """Whole-word occurrences of ``words``, with the same boundaries as ``_WORD``."""
    alternatives = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    return re.compile(rf"(?<![\w@#/.-])(?:{alternatives})(?![\w@/-]|\.\w)")


@functools.lru_cache(maxsize=200_000)
def _rare(word: str) -> bool:
    return zipf_frequency(word, "en") < COMMON


@check("lowercased-proper-noun")
@check("lowercased-name")
def lowercased(doc, rule: Rule) -> Iterator[Finding]:
    """Table names are safe; article evidence is safe from two capitalised uses, else unsafe."""
    text = doc.text
    for kind, start, end, proper, uses in analyse(text, doc.config.rule_dirs):
        if kind == rule.name:
            level = Applicability.UNSAFE if kind == "lowercased-name" and uses < 2 else None
            yield rule.finding(start, end, proper, found=text[start:end], applicability=level)
