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

from ..model import Applicability, Finding
from ..lexicon import load_lexicon
from ..names import load_names
from ..registry import Rule, check
from ..textview import whole_words
from ..vocabulary import zipf

_BEFORE, _AFTER = r"(?<![\w@#/.-])", r"(?![\w@/-]|\.\w)"  # not inside URLs or handles
_WORD = re.compile(_BEFORE + r"[^\W\d_]+(?:-[^\W\d_]+)*" + _AFTER)
_SENTENCE_START = re.compile(r"(?:^|[.!?…:]\s+|[.!?…][”\"’»]\s+|^[\s•*–-]+)$")
COMMON = 3.5  # zipf frequency from which a lower-case word is an ordinary word
TABLE_COMMON = 4.0  # the same for names of the table, which are known to be names


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
    always = always_capitalised(dirs)
    vocabulary = set(_WORD.findall(text))
    lower = {w for w in vocabulary if w.islower() and len(w) >= 3}
    evidence = {w: _capital(w) for w in lower if len(w) >= 4 and w not in known and w not in always and zipf(w) < COMMON}
    table = {w: known[w] for w in lower if w in known}
    wanted = (set(evidence.values()) | set(table.values())) & vocabulary
    capitalised = Counter()
    if wanted:
        for m in _word_pattern(wanted).finditer(text):
            if _mid_sentence(text, m.start()):
                capitalised[m.group()] += 1
    # A table name whose lower-case form is also common ("rome" for roam) needs the article's
    # own capitalised use too.
    targets = {w: ("lowercased-proper-noun", p) for w, p in table.items() if _unusual(w) or capitalised[p]}
    targets.update({w: ("lowercased-name", p) for w, p in evidence.items() if capitalised[p]})
    targets.update({w: ("lowercased-proper-noun", always[w]) for w in lower if w in always})
    fixes = []
    for m in _word_pattern(set(targets)).finditer(text) if targets else ():
        kind, proper = targets[m.group()]
        fixes.append((kind, m.start(), m.end(), proper, capitalised[proper]))
    return tuple(fixes)


def _capital(word: str) -> str:
    return word[0].upper() + word[1:]


@functools.cache
def always_capitalised(dirs: tuple[Path, ...]) -> dict[str, str]:
    """Words English always capitalises: weekdays, months, nationalities, languages, religions."""
    return {w.lower(): w for w in load_lexicon("casing", dirs)["always-capitalised"]}


def _word_pattern(words: set[str]) -> re.Pattern:
    """Whole-word occurrences of ``words``, with the same boundaries as ``_WORD``."""
    return whole_words(words, _BEFORE, _AFTER)


def _unusual(word: str) -> bool:
    """Rare enough in lower case that a table name is surely meant (kyiv, not rome for roam)."""
    return zipf(word) < TABLE_COMMON


@check("lowercased-proper-noun")
@check("lowercased-name")
def lowercased(doc, rule: Rule) -> Iterator[Finding]:
    """Table names are safe; article evidence is safe from two capitalised uses, else unsafe."""
    text = doc.text
    for kind, start, end, proper, uses in analyse(text, doc.config.rule_dirs):
        if kind == rule.name:
            level = Applicability.UNSAFE if kind == "lowercased-name" and uses < 2 else None
            yield rule.finding(start, end, proper, found=text[start:end], applicability=level)
