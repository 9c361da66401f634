"""Merged words: two words that lost the space between them (``Mariupolwhile``, ``ofthe``).

A token is split only when it is not a word itself (``wordfreq``, the names table, the
article's own vocabulary) and it splits into parts that are: a known word or name plus a
function word is safe; two content words is only an unsafe fix. Real words (``within``,
``therapist``), names the article repeats (``Kyivstar``), URLs, handles, hashtags and
anything with digits are never touched.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..lexicon import load_lexicon
from ..model import Applicability, Finding, Severity
from ..registry import Rule, check
from ..textview import whole_words
from ..vocabulary import zipf
from .casing import gazetteer

_BEFORE, _AFTER = r"(?<![\w@#/.'’-])", r"(?![\w@/]|\.\w)"  # not inside URLs, handles, hashtags
LONGEST = 64  # letters; a longer run (a blob, text that lost every space) is never split
_TOKEN = re.compile(_BEFORE + r"[^\W\d_]{5,%d}" % LONGEST + _AFTER)
_WORDS = re.compile(r"[^\W\d_]+")
KNOWN = 3.0  # zipf frequency of a word we trust as a part
UNKNOWN = 1.0  # below this the token itself is no word (rare real words sit at 1 to 3)
CONTENT = 4.5  # both halves this common, token unknown: a likely, not certain, merge


@functools.cache
def _joins(dirs: tuple[Path, ...]) -> tuple[frozenset[str], frozenset[str]]:
    lexicon = load_lexicon("segmentation", dirs)
    return frozenset(lexicon["joins-after"]), frozenset(lexicon["joins-before"])


@functools.lru_cache(maxsize=200_000)
def _two_function_words(lower: str, dirs: tuple[Path, ...]) -> bool:
    after, before = _joins(dirs)
    return len(lower) <= 10 and any(lower[:i] in before and lower[i:] in after | before for i in range(2, len(lower) - 1))


@functools.lru_cache(maxsize=200_000)
def _plain_word(lower: str, dirs: tuple[Path, ...]) -> bool:
    """A known word that is not two function words run together ("ofthe"): never split."""
    return zipf(lower) >= UNKNOWN and not _two_function_words(lower, dirs)


@dataclass(frozen=True)
class Split:
    at: int  # offset inside the token
    safe: bool


def best_split(token: str, vocabulary: Counter, names: dict[str, str], dirs: tuple[Path, ...] = ()) -> Split | None:
    """Where to put the missing space in ``token``, if the evidence allows.

    >>> best_split("ammunitionand", Counter(), {}), best_split("within", Counter(), {})
    (Split(at=10, safe=True), None)
    """
    after, before = _joins(dirs)
    lower = token.lower()
    if token.isupper() or lower in names or _plain_word(lower, dirs):
        return None
    if vocabulary[lower] > 1 and not _two_function_words(lower, dirs):  # the article repeats it: a word
        return None

    def known(part: str) -> bool:
        low = part.lower()
        if part[0].isupper() and not part.isupper():  # a name: the table or the article must know it
            return low in names or vocabulary[low] > 0
        return zipf(low) >= KNOWN or vocabulary[low] > 0

    candidates: list[tuple[int, float, int]] = []  # (strength, score, offset)
    for i in range(2, len(token) - 1):
        left, right = token[:i], token[i:]
        if right.islower() and right in after and len(left) >= 3 and known(left):
            candidates.append((2, zipf(left.lower()), i))
        elif left.islower() and left in before and len(right) >= 3 and known(right) and (
            right[0].isupper() or zipf(right.lower()) >= 3.5
        ):
            candidates.append((2, zipf(right.lower()), i))
        elif left.islower() and right[0].isupper() and not right.isupper() and len(left) >= 2 and known(left) and known(right):
            candidates.append((2, min(zipf(left), zipf(right.lower())), i))  # camelCase junction
        elif (token.islower() and zipf(lower) == 0 and zipf(left) >= CONTENT and zipf(right) >= CONTENT
              and len(left) >= 3 and len(right) >= 3):
            candidates.append((1, min(zipf(left.lower()), zipf(right)), i))
    if not candidates:
        return None
    strength, _, at = max(candidates)
    return Split(at, strength == 2)


@functools.lru_cache(maxsize=8)
def analyse(text: str, dirs: tuple[Path, ...]) -> tuple[tuple[int, int, Split], ...]:
    vocabulary = Counter(_WORDS.findall(text.lower()))
    names = gazetteer(dirs)
    splits = {}
    for token in set(_TOKEN.findall(text)):
        split = best_split(token, vocabulary, names, dirs)
        if split is not None:
            splits[token] = split
    if not splits:
        return ()
    located = whole_words(set(splits), _BEFORE, _AFTER)
    out = []
    for m in located.finditer(text):
        split = splits[m.group()]
        left, right = m.group()[: split.at].lower(), m.group()[split.at :].lower()
        before = text[max(0, m.start() - len(left) - 1) : m.start()].lower().strip()
        after = text[m.end() : m.end() + len(right) + 1].lower().strip()
        if before == left or after == right:
            continue  # "an anhistorical": the split would double the neighbouring word
        out.append((m.start(), m.end(), split))
    return tuple(out)


@check("merged-words")
def merged_words(doc, rule: Rule) -> Iterator[Finding]:
    text = doc.text
    for start, end, split in analyse(text, doc.config.rule_dirs):
        token = text[start:end]
        fixed = f"{token[: split.at]} {token[split.at :]}"
        if split.safe:
            yield rule.finding(start, end, fixed, found=token)
        else:  # a suggestion: closed compounds unknown to the word list look the same
            yield rule.finding(start, end, fixed, found=token, applicability=Applicability.UNSAFE,
                               severity=Severity.INFO)
