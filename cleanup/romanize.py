"""Read a Latin spelling of a Ukrainian or Russian name back into Cyrillic, by convention.

``rules/names/romanization.toml`` says how English, German, French, Spanish and Polish write
each Cyrillic letter. Read backwards, a spelling stands for a few Cyrillic strings under each
convention (``Reznikow`` under German: Резников); each reduces to a sound key that forgets
what the conventions disagree on (и/ы/і/й, е/є/э/ё, doubled letters, soft signs). Two spellings
whose keys meet are one name written two ways; the keys keep what tells names apart
(``Ivanov``/``Ivanova``, ``Oleksiy``/``Oleksandr`` stay different).
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .cache import parsed_toml
from .locations import builtin_rules_dir
from .wordscan import automaton

MAX_READINGS = 64  # per prefix: keeps a pathological spelling from exploding
ENGLISH = "en"
# Letter groups English romanization never writes for a Cyrillic name, though its letters allow
# them: French "ou"/"tch", German "sch" (English writes sh, ch, u).
_NOT_ENGLISH = ("ou", "tch", "sch")
_KEY = {
    "а": "a", "б": "b", "в": "v", "г": "g", "һ": "g", "ґ": "g", "д": "d", "е": "e", "є": "e", "ё": "e", "э": "e",
    "ж": "Z", "з": "z", "и": "i", "і": "i", "ї": "i", "й": "i", "ы": "i", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "x", "ц": "C",
    "ч": "Q", "ш": "S", "щ": "SQ", "ъ": "", "ь": "", "ю": "iu", "я": "ia",
}


@dataclass(frozen=True)
class Convention:
    """One language's way of writing Cyrillic in Latin letters, read both ways."""
    code: str
    label: str
    forward: dict[str, tuple[str, ...]]  # Cyrillic letter or sequence -> Latin forms, usual first
    backward: dict[str, tuple[str, ...]]  # Latin group -> Cyrillic it may stand for
    inventory: frozenset[str]  # the Latin characters the convention writes
    longest: int
    automaton: Any = field(compare=False)  # finds the groups of ``backward`` in a spelling


@functools.cache
def conventions() -> dict[str, Convention]:
    data = parsed_toml((builtin_rules_dir() / "names" / "romanization.toml").read_text(encoding="utf-8"))
    out = {}
    for code, spec in data["convention"].items():
        forward = {cyr: (latin,) if isinstance(latin, str) else tuple(latin) for cyr, latin in spec["letters"].items()}
        backward: dict[str, list[str]] = {}
        for cyr, forms in forward.items():
            for latin in forms:
                if latin and cyr not in backward.setdefault(latin, []):
                    backward[latin].append(cyr)
        inventory = frozenset(c for forms in forward.values() for latin in forms for c in latin)
        out[code] = Convention(code, spec["label"], forward, {k: tuple(v) for k, v in backward.items()},
                               inventory, max(map(len, backward)),
                               automaton(backward, lambda latin: (len(latin), tuple(backward[latin]))))
    return out


_STRESS = {"\u0301", "\u0300"}  # acute and grave: stress marks a press may add to any convention


def _normalise(spelling: str, inventory: frozenset[str]) -> str:
    """Lower case; stress accents the convention does not write are dropped (Spanish á -> a).

    Other marks (ä, ñ, ç) stay, so a word of another language (Zusätzlich) reads as nothing.
    """
    lower = spelling.lower()
    if lower.isascii():
        return lower  # (an ASCII letter has no marks to drop)
    out = []
    for char in lower:
        if char not in inventory:
            parts = unicodedata.normalize("NFD", char)
            if len(parts) > 1 and all(c in _STRESS for c in parts[1:]):
                char = parts[0]
        out.append(char)
    return "".join(out)


@functools.lru_cache(maxsize=4096)
def cyrillic(spelling: str, code: str) -> tuple[str, ...]:
    """The Cyrillic strings ``spelling`` can stand for under one convention, likeliest first."""
    return tuple(_readings(spelling, code))


def _groups(spelling: str, code: str) -> list[list[tuple[int, tuple[str, ...]]]]:
    """For each position of the normalised ``spelling``, the letter groups of the convention
    that start there, longest first (the order the readings take), each with where it ends and
    the Cyrillic it may stand for: every group found in one scan of an automaton."""
    convention = conventions()[code]
    text = _normalise(spelling, convention.inventory)
    out: list[list[tuple[int, tuple[str, ...]]]] = [[] for _ in range(len(text))]
    for last, (size, cyrs) in convention.automaton.iter(text):  # (by end: at one start, longest last)
        out[last + 1 - size].insert(0, (last + 1, cyrs))
    return out


def _readings(spelling: str, code: str) -> dict[str, str]:
    """Each Cyrillic reading of ``spelling`` under one convention, likeliest first, with its key.

    Readings grow letter group by letter group, at most ``MAX_READINGS`` per prefix; the key of
    a reading grows with it (the key of a group depends only on the key's last sound), so that
    ``keys`` needs no second walk over every reading.
    """
    groups = _groups(spelling, code)
    states: list[dict[str, str] | None] = [None] * (len(groups) + 1)
    states[0] = {"": ""}
    for i, starting in enumerate(groups):
        here = states[i]
        if not here:
            continue
        for end, cyrs in starting:
            for cyr in cyrs:
                target = states[end]
                if target is None:
                    target = states[end] = {}
                for prefix, sound in here.items():
                    if len(target) >= MAX_READINGS:
                        break
                    reading = prefix + cyr
                    if reading not in target:
                        target[reading] = sound + _key_after(sound[-1:], cyr)
    return states[-1] or {}


def readable(spelling: str, code: str) -> bool:
    """Whether ``spelling`` has any reading under the convention (its letter groups cover it)."""
    return _ending(_groups(spelling, code))[0]


def _ending(groups: list[list[tuple[int, tuple[str, ...]]]]) -> list[bool]:
    """For each position, whether letter groups lead from it to the end of the spelling."""
    ends = [False] * len(groups) + [True]
    for i in range(len(groups) - 1, -1, -1):
        for end, _ in groups[i]:
            if ends[end]:
                ends[i] = True
                break
    return ends


def key(cyr: str) -> str:
    """The sound key of a Cyrillic spelling: what every convention writes the same way."""
    return _key_after("", cyr)


@functools.lru_cache(maxsize=16384)
def _key_after(last: str, cyr: str) -> str:
    """The key of ``cyr`` written after a key that ends with ``last``."""
    out = [last] if last else []
    for char in cyr:
        for k in _KEY.get(char, char):
            if out and out[-1] == k and k not in "aeouQ":  # doubled consonants, и/й runs: one sound
                continue
            out.append(k)
    return "".join(out)[len(last):]


@functools.lru_cache(maxsize=16_384)  # (a few short keys each: a few MB when full)
def keys(spelling: str, code: str | None = None) -> frozenset[str]:
    """Sound keys of ``spelling`` under one convention, or under any (``None``)."""
    codes = (code,) if code else tuple(conventions())
    return frozenset(sound for code in codes for sound in _keys(spelling, code))


def _keys(spelling: str, code: str) -> Iterable[str]:
    """The keys of every reading under one convention.

    Readings of one spelling run to dozens (и/й/ы/і for each ``y``), their keys to a few, so
    the keys are grown directly, prefix by prefix, while the readings are only counted. Where a
    prefix has more than ``MAX_READINGS`` readings the cap decides which count, and the readings
    themselves are walked (``_readings``). Prefixes from which no group leads to the end are
    skipped: they feed no reading of the whole, so neither their keys nor their cap count.
    """
    groups = _groups(spelling, code)
    ends = _ending(groups)
    if not ends[0]:
        return ()  # no reading covers the spelling
    states: list[set[str]] = [set() for _ in range(len(groups) + 1)]
    counts = [0] * (len(groups) + 1)
    states[0].add("")
    counts[0] = 1
    for i, starting in enumerate(groups):
        here = states[i]
        if not here:
            continue
        for end, cyrs in starting:
            if not ends[end]:
                continue  # a prefix no reading of the whole passes through
            counts[end] = min(counts[end] + counts[i] * len(cyrs), MAX_READINGS + 1)
            if counts[end] > MAX_READINGS:
                return _readings(spelling, code).values()
            target = states[end]
            for cyr in cyrs:
                for sound in here:
                    target.add(sound + _key_after(sound[-1:], cyr))
    return states[-1]


@functools.lru_cache(maxsize=4096)
def readable_by(spelling: str) -> tuple[str, ...]:
    """The conventions that can have written ``spelling``, English first when it can."""
    return tuple(code for code in conventions() if readable(spelling, code) and
                 (code != ENGLISH or english_like(spelling)))


@functools.lru_cache(maxsize=65_536)  # (asked several times of each capitalised word)
def english_like(spelling: str) -> bool:
    """Can English romanization have written it (no w/j/diacritics, no French or German groups)?"""
    lower = spelling.lower()
    return readable(spelling, ENGLISH) and not any(group in lower for group in _NOT_ENGLISH) \
        and lower.isascii()


def english_form(cyr: str) -> str:
    """Cyrillic to English, capitalised: the first (BGN/PCGN-style) form of each letter."""
    forward = conventions()[ENGLISH].forward
    out, i = [], 0
    while i < len(cyr):
        pair = cyr[i : i + 2]
        if len(pair) == 2 and pair in forward and (pair != "ий" or i + 2 == len(cyr)):
            out.append(forward[pair][0])
            i += 2
            continue
        out.append(forward.get(cyr[i], (cyr[i],))[0])
        i += 1
    english = "".join(out)
    return english[:1].upper() + english[1:]


FOREIGN_READING_MIN = 6  # letters from which an English-looking spelling may be a foreign one too


def variant_keys(spelling: str) -> frozenset[str]:
    """The readings under which ``spelling`` may be a variant of an English spelling.

    A foreign-looking spelling is read by every convention; an English-looking one by every
    convention only from six letters (``Porochenko`` is French for Poroshenko), since short words
    of other languages meet English ones by a foreign reading (``Seit``/``Zeit`` in German).
    """
    if english_like(spelling) and len(spelling) < FOREIGN_READING_MIN:
        return keys(spelling, ENGLISH)
    return keys(spelling)


def same_name(a: str, b: str) -> bool:
    """One name in two spellings: a variant reading of one meets the English reading of the other
    (two foreign-looking spellings: any readings)."""
    if a == b:
        return False
    if not english_like(a) and not english_like(b):
        return bool(keys(a) & keys(b))
    return bool(variant_keys(a) & keys(b, ENGLISH) or variant_keys(b) & keys(a, ENGLISH))
