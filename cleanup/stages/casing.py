"""Proper nouns that machine translation lower-cased (``kyiv``, ``kyiv’s``, ``kyiv is``).

Two sources of evidence: the names table (places and surnames that are not ordinary words),
and the article itself (the same word capitalised in the middle of a sentence elsewhere).
Words that are also common English words (``turkey``, ``bush``, ``china`` the material) are
left alone: word frequencies from ``wordfreq`` tell them apart from rare names.
"""

from __future__ import annotations

import bisect
import functools
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..model import Applicability, Finding, Severity
from ..lexicon import load_lexicon
from ..names import load_names, world_places, world_places_multiword
from ..passes import Passes, run_starts, runs_of_lines
from ..regexes import compile_fast
from ..registry import Rule, check
from ..thesaurus import ordinary
from ..vocabulary import function_words, words_near, zipf
from ..textview import TITLE_SHARE, in_code, named_alone, title_case, whole_words
from ..wordscan import Tokens, lookup
from .language import MIN_WORDS, looks_english

_BEFORE, _AFTER = r"(?<![\w@#/.-])", r"(?![\w@/-]|\.\w)"  # not inside URLs or handles
_WORD = compile_fast(_BEFORE + r"[^\W\d_]+(?:-[^\W\d_]+)*" + _AFTER)
_SPACE_LOWER = compile_fast(r" [a-z]{4}")  # the start of a lower-case word of four letters or more
_NEWLINE = compile_fast("\n")
_QUOTED = compile_fast(r"[“\"«]([^”\"»\n]{3,200})[”\"»]")  # a quotation on one line
_NOT_LOWER = compile_fast(r"[^\W\d_a-z]")  # a letter that may be a capital
# Endings of derived English words, which names do not take (presidential, electoral, sanctions).
_DERIVED = compile_fast(r"(?:[ct]ial|ical|[st]ions?|ments?|ness|ities|ity|ous|ives?|[ai]ble|ful|less|isms?|ings?|ised|ized)$")
# A sentence starts after a stop, a date's number, or a line's list or footnote marker ("[5] ",
# "(a) ", "2. "); also after quotes and bullets.
_SENTENCE_START = compile_fast(r"(?:^|^[\s(\[]*(?:\d{1,3}|[a-z])[\]).]\s+|[.!?…:][”\"’»)\]]*\s+|\d\s+)[\s“\"‘'«(\[•*–—-]*$")
COMMON = 3.5  # zipf frequency from which a lower-case word is an ordinary word
# A title before a name: its full stop ends no sentence ("Mr. Jones"), and a lower-case word
# after it is a surname ("Mr jones", "Father johnson").
_HONORIFIC = compile_fast(r"(?<![^\W\d_])(?:Mr|Mrs|Ms|Dr|Prof|Rev|Sir|Dame|Lady|Lord|Father|Sister|Brother|Gen|Sen|Rep|Gov|Col|Capt|Sgt|Lt)\.? $")
_CONNECTORS = frozenset("of and for & de del la von van".split())  # inside multiword names
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


@functools.cache
def foreign_only(dirs: tuple[Path, ...]) -> frozenset[str]:
    """The lower-case spellings of ``gazetteer`` that the table lists only as wrong (``kiev``,
    ``poutine``): the English word they may also be is no name, so their case is not fixed safely."""
    table = load_names(dirs)
    accepted = {s.lower() for e in table.entries for s in e.main.accepted}
    return frozenset(w for w in gazetteer(dirs) if w not in accepted)


@functools.cache
def listed_names(dirs: tuple[Path, ...]) -> frozenset[str]:
    """The lower-case spellings the lists know as names: the names table's and English's
    always capitalised words."""
    return frozenset(gazetteer(dirs)) | frozenset(always_capitalised(dirs))


@functools.cache
def multiword_names(dirs: tuple[Path, ...]) -> dict[str, list[tuple[str, str]]]:
    """The names of several words that are names in any sentence, by their first word in lower
    case: (the name in lower case, the name). Those of the lexicon whose every word is a name,
    and the world's places of several words with a word no dictionary has in lower case ("new
    york", not "long beach" nor "gold coast", nor a nationality before ordinary words,
    "palestinian territory"),
    unless a compass word before a place ("east jerusalem", "south boston": "east Jerusalem" is
    a house style)."""
    out: dict[str, list[tuple[str, str]]] = {}
    places = world_places(dirs)
    named = [n for n in load_lexicon("casing", dirs)["multiword-names"] if all(_is_name(w, dirs) for w in _content(n))]
    for name in world_places_multiword(dirs):
        words = name.lower().split()
        names = [not _in_dictionary(w) for w in _content(name)]
        if any(names[1:]) or names[0] and words[0] not in always_capitalised(dirs):
            if not (words[0] in _COMPASS and " ".join(words[1:]) in places):
                named.append(name)
    for name in named:
        out.setdefault(name.split()[0].lower(), []).append((name.lower(), name))
    return out


_COMPASS = frozenset("north south east west northern southern eastern western central upper lower".split())


def _content(name: str) -> list[str]:
    return [w for w in name.lower().split() if w not in _CONNECTORS and w not in ("the", "do", "da")]


def _in_dictionary(word: str) -> bool:
    """Whether the thesaurus has the word in lower case ("beach", "coast"; not "york", "delhi",
    which wordfreq counts as everyday words for their place names); word frequency without it."""
    known = ordinary(word)
    return zipf(word) >= COMMON if known is None else known


def _is_name(word: str, dirs: tuple[Path, ...]) -> bool:
    """A word English writes capitalised in any style: a nationality or a weekday, a place, or no
    ordinary word ("european", "ukraine", "verkhovna", "york")."""
    return word in always_capitalised(dirs) or word in gazetteer(dirs) or not ordinary_word(word, dirs)


def _lowered_multiword(text: str, vocabulary: set[str], dirs: tuple[Path, ...]) -> list[Fix]:
    """The words of each name of several words written all in lower case ("verkhovna rada", "new
    york"), a fix each, found as whole words like ``_WORD``'s (longest first: "new york city", not
    its "new york"). Only names whose first word the article has in lower case are searched for."""
    names = multiword_names(dirs)
    proper = {lower: name for first in vocabulary & names.keys() for lower, name in names[first]}
    words = []  # a fix a word, as a reader would make them ("hong kong": "Hong", "Kong")
    for m in whole_words(set(proper), _BEFORE, _AFTER).finditer(text) if proper else ():
        at = m.start()
        for lower, name in zip(m.group().split(" "), proper[m.group()].split(" ")):
            if lower != name:
                words.append(Fix("lowercased-proper-noun", at, at + len(lower), name, True))
            at += len(lower) + 1
    return words


def lower_cased(vocabulary: set[str], listed: frozenset[str], common: frozenset[str]) -> set[str]:
    """The words of ``vocabulary`` that could be a lower-cased name: in lower case, of three
    letters or more, no function word, and either listed or also written capitalised.

    Read as written, that is a test of every word of the article in Python; instead, the
    capitalised words are lower-cased back (few words) and the test runs on those, on the
    listed words and on the words whose first letter is not ASCII (``ß``, ``ı``: their
    capital does not lower-case back to them).
    """
    maybe = {w if w[0].islower() else w[0].lower() + w[1:]
             for w in vocabulary if not w[0].islower() or w[0] > "\x7f"}
    maybe |= listed & vocabulary
    return {w for w in maybe if w in vocabulary and len(w) >= 3 and w.islower() and w not in common
            and (w in listed or _capital(w) in vocabulary)}


def mid_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 8) : start]
    return _mid_sentence_after(before[before.rfind("\n") + 1 :])


@functools.lru_cache(maxsize=65_536)
def _mid_sentence_after(before: str) -> bool:
    """The test on the (at most eight) characters before a word: few differ, most recur."""
    return bool(_HONORIFIC.search(before)) or not _SENTENCE_START.search(before)


@dataclass(frozen=True)
class Fix:
    """A lower-cased name found by the casing analysis, with its proper spelling and safety."""
    rule: str
    start: int
    end: int
    proper: str
    safe: bool


def analyse(text: str, dirs: tuple[Path, ...], memo: dict | None = None) -> tuple[Fix, ...]:
    """Each lower-cased name, with its proper spelling and whether the evidence makes it safe.

    Evidence is a capital mid-sentence, outside Title Case lines: a capital at a sentence
    start or in a headline (``Egyptian Antiquities Ministry``) proves nothing. Only the words
    that could be a lower-cased name are visited: content words in lower case whose capitalised
    form the article also has, or that a list knows (weekdays, the names table).

    Every test of the evidence reads one line, so it is gathered line by line, and ``memo`` (a
    dict kept across the passes over one document, ``Doc.memo``) keeps what each line gave:
    after a fix, a later pass reads again only the lines that changed.
    """
    passes = Passes.of(memo, "casing")
    if passes.text is text:
        return passes.result  # the other rule of this stage, on the same text
    known = gazetteer(dirs)
    wrong_only = foreign_only(dirs)
    always = always_capitalised(dirs)
    common = function_words(dirs)
    parts = runs_of_lines(text)
    vocabulary = set().union(*passes.each("words", parts, None, _line_words))
    candidates = lower_cased(vocabulary, listed_names(dirs), common)
    tokens = Tokens(text, _WORD)
    compounds = _in_compounds(tokens, vocabulary, known, wrong_only) + _lowered_multiword(text, vocabulary, dirs)
    if not candidates:
        return passes.keep(text, _checked(text, compounds, dirs))
    propers = frozenset({known.get(w) or _capital(w) for w in candidates} & vocabulary)
    titles = _TitleLines(text)

    def evidence(start: int) -> bool:
        return mid_sentence(text, start) and not titles.holds(start)

    capitalised, standalone, alone, before_name, lowered, pairs = (Counter() for _ in range(6))
    headlines: dict[int, _TitleLines] = {}  # a run's lines, judged once for both of its readings

    def title_lines(part: str) -> _TitleLines:
        judged = headlines.get(id(part))
        if judged is None:
            judged = headlines[id(part)] = _TitleLines(part)
        return judged

    found = lookup(propers)
    for uses in passes.each("capitals", parts, propers, lambda line: _line_capitals(line, found, common, dirs, title_lines(line))):
        for word, capital_after, alone_as_name, standalone_as_name, previous, following in uses:
            capitalised[word] += 1
            before_name[word] += capital_after  # "President Trump": a title
            alone[word] += alone_as_name
            if standalone_as_name is not None:
                standalone[word] += standalone_as_name
            if previous:  # "Elin Jones": the name it belongs to
                pairs[(True, previous, word)] += 1
            if following:
                pairs[(False, following, word)] += 1
    # Lower-case uses of the words that are capitalised as evidence, or that a list knows.
    looked_up = frozenset(w for w in candidates if w in always or w in known or capitalised[_capital(w)])
    found = lookup(looked_up)
    occurrences = []
    for at, uses in zip(run_starts(parts), passes.each("lower", parts, looked_up, lambda line: _line_lower(line, found, always, known, title_lines(line)))):
        for start, end, word, mid in uses:
            occurrences.append((at + start, at + end, word))
            if mid:
                lowered[word] += 1
    fixes = []
    for start, end, word in occurrences:
        if word in always:
            fixes.append(Fix("lowercased-proper-noun", start, end, always[word], not _before_compound_head(tokens, end, dirs)))
            continue
        if word in known:
            proper = known[word]
            if word in wrong_only:  # "a poutine": a foreign spelling may be an English word in lower case
                if capitalised[proper]:
                    fixes.append(Fix("lowercased-proper-noun", start, end, proper, False))
            elif _unusual(word) or capitalised[proper]:
                fixes.append(Fix("lowercased-proper-noun", start, end, proper, not _before_compound_head(tokens, end, dirs)))
            continue
        proper = _capital(word)
        uses = capitalised[proper]
        if not uses:
            continue
        if not ordinary_word(word, dirs):
            # A word English has only as a name (``jones``, ``arizona``, ``kavanaugh``): safe
            # with two capitals mid-sentence, more than lower-case uses, one of them standing
            # alone (a word capitalised only before a name, "Mujahed Mahmoud", may be a title);
            # else a suggestion, unless the article mostly writes it in lower case ("antisemitism"
            # beside one "Antisemitism").
            if 2 * uses >= lowered[word]:
                safe = uses >= 2 and uses > lowered[word] and alone[proper] > 0
                fixes.append(Fix("lowercased-name", start, end, proper, safe))
            continue
        # An ordinary word that is also a name ("bill", "court", "north", "rhetorical"): a
        # suggestion at most, after a title ("Father johnson"), beside a name it makes a name with
        # elsewhere ("north Korea"), or when the article uses it alone as a name (not as a title
        # before names, "President Trump") where a name goes ("in turkey", not "ate turkey").
        if uses < lowered[word]:
            continue  # the article's own usage is lower case
        before, after = tokens.before(start), tokens.after(end)
        previous = before.group() if before else ""
        named_by = []  # a capitalised neighbour mid-sentence: "Security council", "north Korea"
        if before and evidence(before.start()):
            named_by.append((previous, True))
        if after and evidence(after.start()):
            named_by.append((after.group(), False))
        if _HONORIFIC.search(text[max(0, start - 8) : start]) or any(
                _in_name(n, b, word, pairs, common, dirs) for n, b in named_by):
            fixes.append(Fix("lowercased-name", start, end, proper, False))
            continue
        if before_name[proper] > OFFICE_SHARE * uses:
            continue  # a title before names, lower case on its own ("the president said")
        slot = _name_slot(text, start, end, previous.lower(), dirs)
        if (standalone[proper] >= max(2, 2 * lowered[word]) and slot
                or word in world_places(dirs) and standalone[proper] >= max(1, lowered[word]) and slot
                or lowered[word] <= 1 and standalone[proper] >= STRONG and previous.lower() not in determiners(dirs)
                and zipf(word) < EVERYDAY):
            # alone as a name, twice as often as in lower case; a place ("ambassador to china");
            # or the article's name by a wide margin ("Trump" three times, "since trump is"), not
            # after a determiner ("the march" beside "March") nor an everyday word ("the system may
            # improve" beside "May")
            fixes.append(Fix("lowercased-name", start, end, proper, False))
    if compounds:  # a word a name of several words also fixes ("sri lanka") is fixed once
        spans = {(f.start, f.end) for f in compounds}
        fixes = [f for f in fixes if (f.start, f.end) not in spans]
    return passes.keep(text, _checked(text, fixes + compounds, dirs))


def _checked(text: str, fixes: list[Fix], dirs: tuple[Path, ...]) -> tuple[Fix, ...]:
    """The fixes not in code ("pip install starlette", "from colorama import", `config`,
    <a id="tcl">), nor named alone in quotation marks (mentioned, not used: "written as 'kyiv'"), nor in
    another language; the tests look around the word, so they run on the few fixes only."""
    return tuple(f for f in fixes if not in_code(text, f.start, f.end) and not named_alone(text, f.start, f.end)
                 and english_around(text, f.start, dirs))


def _in_compounds(tokens: Tokens, vocabulary: set[str], known: dict[str, str], wrong_only: frozenset[str]) -> list[Fix]:
    """Table names in lower case inside a hyphenated compound: "kyiv-based", "pro-kyiv",
    "kharkiv-born" (the name is the part the table knows, rare enough to be meant; every other
    part lower case). The compounds come from the article's vocabulary, so a text without one
    costs a set scan."""
    named = {}  # compound -> the indexes of its parts that are names
    for word in vocabulary:
        if "-" in word and word.islower():
            parts = {i for i, part in enumerate(word.split("-"))
                     if part in known and part not in wrong_only and _unusual(part)}
            if parts:
                named[word] = parts
    fixes = []
    for start, _, word in tokens.find(named) if named else ():
        offset = start
        for i, piece in enumerate(word.split("-")):
            if i in named[word]:
                fixes.append(Fix("lowercased-proper-noun", offset, offset + len(piece), known[piece], True))
            offset += len(piece) + 1
    return fixes


def _line_words(line: str) -> frozenset[str]:
    return frozenset(_WORD.findall(line))


def _line_capitals(line: str, found, common: frozenset[str], dirs: tuple[Path, ...], titles: "_TitleLines") -> tuple:
    """The capitalised uses of ``found`` on one line that are evidence, each with its neighbours:
    (word, capital after, alone, standalone or None when not counted, previous, following)."""
    tokens = Tokens(line, _WORD)
    out = []
    quoted = None
    for start, end, word in tokens.find(found):
        if not word[1:].islower() or not mid_sentence(line, start) or titles.holds(start):
            continue  # (a table spelling such as "McDonald" is no capitalised word)
        if quoted is None:
            quoted = [m.span() for m in _QUOTED.finditer(line) if title_case(m.group(1))]
        if any(a < start < b for a, b in quoted) and ordinary_word(word.lower(), dirs):
            continue  # an ordinary word in a quoted title in Title Case: “On Amendments ... Regarding the Terms”
        previous, following = tokens.before(start), tokens.after(end)
        previous = previous.group() if previous else ""
        following = following.group() if following else ""
        # Alone: no capital beside it, the last word of a name ("Corbyn", "Mr Corbyn") and not
        # an office or a word inside a longer name ("the Chancellor", "Department of Defense",
        # "Master Samira", "Stories of Rescuing Children").
        titled = bool(_HONORIFIC.search(line[max(0, start - 8) : start]))
        capital_before, capital_after = _capital_word(previous, common), _capital_word(following, common)
        standalone = None
        if not capital_after and previous.lower() not in determiners(dirs) and previous.lower() not in _CONNECTORS:
            standalone = not capital_before or titled
        out.append((word, capital_after, not capital_after and (not capital_before or titled), standalone,
                    previous, following))
    return tuple(out)


def _line_lower(line: str, found, always: dict[str, str], known: dict[str, str], titles: "_TitleLines") -> tuple:
    """The uses of ``found`` on one line, each with whether it is mid-sentence outside a headline
    (counted only for the words no list knows)."""
    return tuple((start, end, word, word not in always and word not in known
                  and mid_sentence(line, start) and not titles.holds(start))
                 for start, end, word in Tokens(line, _WORD).find(found))


class _TitleLines:
    """Which lines are headline-like, in Title Case (their capitals prove nothing); a line is
    judged when a word on it is first asked about."""

    def __init__(self, text: str):
        self.text = text
        self.judged: dict[int, bool] = {}
        self.breaks = [m.start() for m in _NEWLINE.finditer(text)]  # a line's ends, found once

    def holds(self, at: int) -> bool:
        i = bisect.bisect_left(self.breaks, at)
        start = self.breaks[i - 1] + 1 if i else 0
        if start not in self.judged:
            end = self.breaks[i] if i < len(self.breaks) else len(self.text)
            # Capitalised words are at most the letters that are no ASCII lower case, lower-case
            # ones at least the spaces before four such letters, less the line's first word.
            lower = len(_SPACE_LOWER.findall(self.text, start, end)) - 1
            if lower > 0 and len(_NOT_LOWER.findall(self.text, start, end)) < lower * TITLE_SHARE / (1 - TITLE_SHARE):
                self.judged[start] = False
            else:
                self.judged[start] = title_case(self.text, start, end)
        return self.judged[start]


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


@functools.lru_cache(maxsize=100_000)
def ordinary_word(word: str, dirs: tuple[Path, ...]) -> bool:
    """An ordinary English word, not only a name: the thesaurus writes it in lower case (any
    inflection, British spelling too), it is a word coined since or an irregular verb's past
    form (``rules/lexicon/casing.toml``: ``drew``, ``sold``), it ends as English derives words
    (``presidential``, ``sanctioning``), English builds it from ordinary words (``countdown``,
    ``serializer``), or it is an everyday word no place is called (``did``, ``says``; not
    ``india``)."""
    known = ordinary(word)
    if known is None:  # no thesaurus: word frequency is the fallback
        return zipf(word) >= COMMON
    if known or word in modern_words(dirs) or _DERIVED.search(word) or _built(word):
        return True
    return word not in world_places(dirs) and zipf(word) >= EVERYDAY  # "did", but not "europe"


# How English builds words the 1990s thesaurus lacks, from words it has: a prefix before a
# word (unsubscribe), a word with -ize and its kin (serializer, initialize, iterator), a verb
# with a particle of three letters or more (countdown, timeout: not "put in", Putin), and
# hyphenated words and prefixes (user-land, pre-shared). Not closed compounds in general:
# surnames are built so (Jackson, Goldman, Blackwell).
_PREFIXES = ("anti", "co", "counter", "de", "dis", "inter", "mis", "non", "over", "post", "pre", "re",
             "semi", "sub", "un", "under")  # (not micro, super, cyber: brands are built so, Microsoft)
_SUFFIXES = (("izer", ("", "e")), ("iser", ("", "e")), ("ize", ("", "e")), ("ise", ("", "e")),
             ("ization", ("", "e")), ("isation", ("", "e")), ("ator", ("ate",)))
_PARTICLES = ("out", "down", "off", "over", "back", "away")
STEM = 4  # letters of the ordinary word inside a built one


def _built(word: str, deeper: bool = True) -> bool:
    """Whether ``word`` is built from ordinary words in one of the ways above; a part may be
    built itself, one level deep (deserializer: de + serial-izer)."""

    def plain(part: str) -> bool:
        return bool(ordinary(part)) or deeper and _built(part, deeper=False)

    if "-" in word:
        return all(part in _PREFIXES or len(part) >= 3 and plain(part) for part in word.split("-"))
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= STEM and plain(word[len(prefix):]):
            return True
    for suffix, restored in _SUFFIXES:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= STEM and any(plain(stem + r) for r in restored):
            return True
    return any(word.endswith(p) and len(word) - len(p) >= 3 and plain(word[: -len(p)]) for p in _PARTICLES)


@functools.cache
def modern_words(dirs: tuple[Path, ...]) -> frozenset[str]:
    """Ordinary words the thesaurus lacks: coined since, and the past forms of irregular verbs."""
    lexicon = load_lexicon("casing", dirs)
    return frozenset(lexicon.get("ordinary-words", ()) + lexicon.get("irregular-verb-forms", ()))


def english_around(text: str, at: int, dirs: tuple[Path, ...]) -> bool:
    """Whether the text around ``at`` is English (or too short to tell): word rules stay out of
    other languages (German ``an``, Italian ``a Amazon``, Portuguese ``filhos``)."""
    words = words_near(text, at)
    return len(words) < MIN_WORDS or looks_english(words, dirs)


def _name_slot(text: str, start: int, end: int, previous: str, dirs: tuple[Path, ...]) -> bool:
    """A place in the sentence where a name is usual: after a preposition or a comma, or
    before a possessive; not after a determiner or a verb ("the march", "ate turkey")."""
    if text[end : end + 2] in ("’s", "'s"):
        return True
    if previous:
        return previous in prepositions(dirs)
    return text[max(0, start - 2) : start] in (", ", "; ")


@functools.cache
def prepositions(dirs: tuple[Path, ...]) -> frozenset[str]:
    return frozenset(load_lexicon("casing", dirs)["before-names"])


@functools.cache
def determiners(dirs: tuple[Path, ...]) -> frozenset[str]:
    """Words before a common noun, never before a name: "the march", "a bill", "his rose"."""
    return frozenset(load_lexicon("casing", dirs)["determiners"])


def _capital_word(word: str, common: frozenset[str]) -> bool:
    return word[:1].isupper() and word.lower() not in common and len(word) >= 2


def _capital(word: str) -> str:
    return word[0].upper() + word[1:]


def _before_compound_head(tokens: Tokens, end: int, dirs: tuple[Path, ...]) -> bool:
    """Whether the word ending at ``end`` comes before the noun of a compound that house styles
    write in lower case ("french fries", "brussels sprouts"): its capital is only a suggestion."""
    after = tokens.after(end)
    return after is not None and after.start() == end + 1 and after.group().lower() in compound_heads(dirs)


@functools.cache
def compound_heads(dirs: tuple[Path, ...]) -> frozenset[str]:
    """Nouns after which a nationality may stay in lower case by house style ("french fries")."""
    return frozenset(load_lexicon("casing", dirs)["lowercase-compound-heads"])


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
    """Table names are safe; article evidence is safe from two capitalised uses, else unsafe.

    A suggestion is information (the article may be right), so that a clean article passes
    ``cleanup check``; a safe fix keeps the rule's severity.
    """
    text = doc.text
    for fix in analyse(text, doc.config.rule_dirs, doc.memo):
        if fix.rule == rule.name:
            if fix.safe:
                yield rule.finding(fix.start, fix.end, fix.proper, found=text[fix.start : fix.end])
            else:
                yield rule.finding(fix.start, fix.end, fix.proper, found=text[fix.start : fix.end],
                                   applicability=Applicability.UNSAFE, severity=Severity.INFO)
