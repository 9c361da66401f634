"""Proper nouns that machine translation lower-cased (``kyiv``, ``kyiv’s``, ``kyiv is``).

Two sources of evidence: the names table (places and surnames that are not ordinary words),
and the article itself (the same word capitalised in the middle of a sentence elsewhere).
Words that are also common English words (``turkey``, ``bush``, ``china`` the material) are
left alone: word frequencies from ``wordfreq`` tell them apart from rare names.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..model import Applicability, Finding
from ..lexicon import load_lexicon
from ..names import load_names, world_places
from ..registry import Rule, check
from ..thesaurus import ordinary
from ..vocabulary import function_words, words_near, zipf
from .language import MIN_WORDS, looks_english

_BEFORE, _AFTER = r"(?<![\w@#/.-])", r"(?![\w@/-]|\.\w)"  # not inside URLs or handles
_WORD = re.compile(_BEFORE + r"[^\W\d_]+(?:-[^\W\d_]+)*" + _AFTER)
_LETTERS = re.compile(r"[^\W\d_]+")
# Endings of derived English words, which names do not take (presidential, electoral, sanctions).
_DERIVED = re.compile(r"(?:[ct]ial|ical|[st]ions?|ments?|ness|ities|ity|ous|ives?|[ai]ble|ful|less|isms?|ings?|ised|ized)$")
_SENTENCE_START = re.compile(r"(?:^|[.!?…:][”\"’»)\]]*\s+|\d\s+)[\s“\"‘'«(\[•*–—-]*$")  # also after quotes, bullets, dates
COMMON = 3.5  # zipf frequency from which a lower-case word is an ordinary word
# A title before a name: its full stop ends no sentence ("Mr. Jones"), and a lower-case word
# after it is a surname ("Mr jones", "Father johnson").
_HONORIFIC = re.compile(r"(?<![^\W\d_])(?:Mr|Mrs|Ms|Dr|Prof|Rev|Sir|Dame|Lady|Lord|Father|Sister|Brother|Gen|Sen|Rep|Gov|Col|Capt|Sgt|Lt)\.? $")
_CONNECTORS = frozenset("of and for & de del la von van".split())  # inside multiword names
TITLE_SHARE = 0.6  # share of capitalised longer words that makes a line Title Case
TOGETHER = 2  # capitalised pairs that make two ordinary words a name
EVERYDAY = 5.0  # zipf frequency of words too common to be only names (did, went; but john, china)
STRONG = 3  # standalone capitals that make an ordinary word the article's name in any slot
OFFICE_SHARE = 0.34  # share of capitals before a name that makes an ordinary word a title (President)
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


def mid_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 8) : start]
    before = before[before.rfind("\n") + 1 :]
    return bool(_HONORIFIC.search(before)) or not _SENTENCE_START.search(before)


def _title_lines(text: str) -> list[tuple[int, int]]:
    """Spans of headline-like lines in Title Case, whose capitals prove nothing."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        words = [w for w in _LETTERS.findall(m.group()) if len(w) >= 4][1:]
        if len(words) >= 2 and sum(w[0].isupper() for w in words) >= TITLE_SHARE * len(words):
            spans.append(m.span())
    return spans


@dataclass(frozen=True)
class Fix:
    rule: str
    start: int
    end: int
    proper: str
    safe: bool


@functools.lru_cache(maxsize=8)
def analyse(text: str, dirs: tuple[Path, ...]) -> tuple[Fix, ...]:
    """Each lower-cased name, with its proper spelling and whether the evidence makes it safe.

    Evidence is a capital mid-sentence, outside Title Case lines: a capital at a sentence
    start or in a headline (``Egyptian Antiquities Ministry``) proves nothing.
    """
    known = gazetteer(dirs)
    always = always_capitalised(dirs)
    common = function_words(dirs)
    titles = _title_lines(text)
    title_starts = [a for a, _ in titles]
    tokens = [m for m in _WORD.finditer(text)]

    def evidence(m: re.Match) -> bool:
        k = bisect.bisect_right(title_starts, m.start()) - 1
        return mid_sentence(text, m.start()) and not (k >= 0 and m.start() < titles[k][1])

    capitalised, standalone, alone, before_name, lowered, pairs = (Counter() for _ in range(6))
    for i, m in enumerate(tokens):
        word = m.group()
        if not evidence(m):
            continue
        if word.islower():
            lowered[word] += 1
        elif word[0].isupper() and word[1:].islower():
            capitalised[word] += 1
            previous = tokens[i - 1].group() if i and _adjacent(text, tokens, i - 1) else ""
            following = tokens[i + 1].group() if _adjacent(text, tokens, i) else ""
            # The last word of a name ("Corbyn", "Mr Corbyn", "Brett Kavanaugh"), not an office
            # or a word inside a longer name ("the Chancellor", "Department of Defense",
            # "Master Samira", "Stories of Rescuing Children"); alone: no capital beside it.
            before_name[word] += _capital_word(following, common)  # "President Trump": a title
            alone[word] += not _capital_word(following, common) and (not _capital_word(previous, common) or bool(
                _HONORIFIC.search(text[max(0, m.start() - 8) : m.start()])))
            if (previous.lower() not in determiners(dirs) and previous.lower() not in _CONNECTORS
                    and not _capital_word(following, common)):
                standalone[word] += not _capital_word(previous, common) or bool(
                    _HONORIFIC.search(text[max(0, m.start() - 8) : m.start()]))
            for j in _neighbours(text, tokens, i):  # "Elin Jones": the name it belongs to
                pairs[(j < i, tokens[j].group(), word)] += 1
    fixes = []
    for i, m in enumerate(tokens):
        word = m.group()
        if not word.islower() or len(word) < 3:
            continue
        if word in always:
            fixes.append(Fix("lowercased-proper-noun", m.start(), m.end(), always[word], True))
            continue
        if word in known:
            proper = known[word]
            if _unusual(word) or capitalised[proper]:
                fixes.append(Fix("lowercased-proper-noun", m.start(), m.end(), proper, True))
            continue
        proper = _capital(word)
        uses = capitalised[proper]
        if not uses:
            continue
        if word not in common and not _ordinary(word, dirs):
            # A word English has only as a name (``jones``, ``arizona``, ``kavanaugh``): safe
            # with two capitals mid-sentence, more than lower-case uses, one of them standing
            # alone (a word capitalised only before a name, "Mujahed Mahmoud", may be a title);
            # else a suggestion, unless the article mostly writes it in lower case ("antisemitism"
            # beside one "Antisemitism").
            if 2 * uses >= lowered[word]:
                safe = uses >= 2 and uses > lowered[word] and alone[proper] > 0
                fixes.append(Fix("lowercased-name", m.start(), m.end(), proper, safe))
            continue
        # An ordinary word that is also a name ("bill", "court", "north", "rhetorical"): a
        # suggestion at most, after a title ("Father johnson"), beside a name it makes a name with
        # elsewhere ("north Korea"), or when the article uses it alone as a name (not as a title
        # before names, "President Trump") where a name goes ("in turkey", not "ate turkey").
        if uses < lowered[word]:
            continue  # the article's own usage is lower case
        previous = tokens[i - 1].group() if i and _adjacent(text, tokens, i - 1) else ""
        following = tokens[i + 1].group() if _adjacent(text, tokens, i) else ""
        named_by = []  # a capitalised neighbour mid-sentence: "Security council", "north Korea"
        if previous and evidence(tokens[i - 1]):
            named_by.append((previous, True))
        if following and evidence(tokens[i + 1]):
            named_by.append((following, False))
        if _HONORIFIC.search(text[max(0, m.start() - 8) : m.start()]) or any(
                _in_name(n, b, word, pairs, common, dirs) for n, b in named_by):
            fixes.append(Fix("lowercased-name", m.start(), m.end(), proper, False))
            continue
        if before_name[proper] > OFFICE_SHARE * uses:
            continue  # a title before names, lower case on its own ("the president said")
        slot = _name_slot(text, m, previous.lower(), dirs)
        if (standalone[proper] >= max(2, 2 * lowered[word]) and slot
                or word in world_places(dirs) and standalone[proper] >= max(1, lowered[word]) and slot
                or lowered[word] <= 1 and standalone[proper] >= STRONG and previous.lower() not in determiners(dirs)):
            # alone as a name, twice as often as in lower case; a place ("ambassador to china");
            # or the article's name by a wide margin ("Trump" three times, "since trump is"), not
            # after a determiner ("the march" beside "March")
            fixes.append(Fix("lowercased-name", m.start(), m.end(), proper, False))
    return tuple(f for f in fixes if english_around(text, f.start, dirs))


def _in_name(neighbour: str, before: bool, word: str, pairs: Counter, common: frozenset[str],
             dirs: tuple[Path, ...]) -> bool:
    """Whether ``neighbour``, capitalised mid-sentence, makes a name with ``word`` that the article
    writes capitalised, mid-sentence, elsewhere: "Elin jones", "north Korea", "Security council"
    beside "Elin Jones", "North Korea", "Security Council". A nationality makes no name
    ("Ukrainian armed forces" beside "Ukrainian Armed Forces"), and two ordinary words both in
    lower case ("foreign minister", "white house") are a matter of house style: on real machine
    translation the human reference kept most of them in lower case."""
    if len(neighbour) < 2 or not neighbour[0].isupper() or not neighbour[1:].islower():
        return False
    lower = neighbour.lower()
    if lower in common or lower in always_capitalised(dirs):
        return False
    return pairs[(before, neighbour, _capital(word))] > 0


def _ordinary(word: str, dirs: tuple[Path, ...]) -> bool:
    """An ordinary English word, not only a name: the thesaurus writes it in lower case (any
    inflection, British spelling too), it is a word coined since (``rules/lexicon/casing.toml``),
    it ends as English derives words (``presidential``, ``sanctioning``), or it is an everyday
    word no place is called (``did``, ``says``; not ``india``)."""
    known = ordinary(word)
    if known is None:  # no thesaurus: word frequency is the fallback
        return zipf(word) >= COMMON
    if known or word in modern_words(dirs) or _DERIVED.search(word):
        return True
    return word not in world_places(dirs) and zipf(word) >= EVERYDAY  # "did", but not "europe"


@functools.cache
def modern_words(dirs: tuple[Path, ...]) -> frozenset[str]:
    return frozenset(load_lexicon("casing", dirs).get("ordinary-words", ()))


def english_around(text: str, at: int, dirs: tuple[Path, ...]) -> bool:
    """Whether the text around ``at`` is English (or too short to tell): word rules stay out of
    other languages (German ``an``, Italian ``a Amazon``, Portuguese ``filhos``)."""
    words = words_near(text, at)
    return len(words) < MIN_WORDS or looks_english(words, dirs)


def _adjacent(text: str, tokens: list[re.Match], i: int) -> bool:
    """Whether token ``i`` and the next are separated by one space only."""
    return i + 1 < len(tokens) and text[tokens[i].end() : tokens[i + 1].start()] == " "


def _name_slot(text: str, m: re.Match, previous: str, dirs: tuple[Path, ...]) -> bool:
    """A place in the sentence where a name is usual: after a preposition or a comma, or
    before a possessive; not after a determiner or a verb ("the march", "ate turkey")."""
    if text[m.end() : m.end() + 2] in ("’s", "'s"):
        return True
    if previous:
        return previous in prepositions(dirs)
    return text[max(0, m.start() - 2) : m.start()] in (", ", "; ")


@functools.cache
def prepositions(dirs: tuple[Path, ...]) -> frozenset[str]:
    return frozenset(load_lexicon("casing", dirs)["before-names"])


def _neighbours(text: str, tokens: list[re.Match], i: int) -> list[int]:
    """The tokens right before and after token ``i``, when only a space separates them."""
    return [j for j in (i - 1, i + 1) if 0 <= j < len(tokens) and _adjacent(text, tokens, min(i, j))]


@functools.cache
def determiners(dirs: tuple[Path, ...]) -> frozenset[str]:
    """Words before a common noun, never before a name: "the march", "a bill", "his rose"."""
    return frozenset(load_lexicon("casing", dirs)["determiners"])


def _capital_word(word: str, common: frozenset[str]) -> bool:
    return word[:1].isupper() and word.lower() not in common and len(word) >= 2


def _capital(word: str) -> str:
    return word[0].upper() + word[1:]


@functools.cache
def always_capitalised(dirs: tuple[Path, ...]) -> dict[str, str]:
    """Words English always capitalises: weekdays, months, nationalities, languages, religions."""
    return {w.lower(): w for w in load_lexicon("casing", dirs)["always-capitalised"]}


def _unusual(word: str) -> bool:
    """Rare enough in lower case that a table name is surely meant (kyiv, not rome for roam)."""
    return zipf(word) < TABLE_COMMON


@check("lowercased-proper-noun")
@check("lowercased-name")
def lowercased(doc, rule: Rule) -> Iterator[Finding]:
    """Table names are safe; article evidence is safe from two capitalised uses, else unsafe."""
    text = doc.text
    for fix in analyse(text, doc.config.rule_dirs):
        if fix.rule == rule.name:
            level = None if fix.safe else Applicability.UNSAFE
            yield rule.finding(fix.start, fix.end, fix.proper, found=text[fix.start : fix.end], applicability=level)
