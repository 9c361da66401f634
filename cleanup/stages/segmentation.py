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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..lexicon import load_lexicon
from ..model import Applicability, Finding, Severity
from ..names import load_names
from ..passes import Passes
from ..regexes import compile_fast
from ..registry import Rule, check
from ..textview import in_code, named_alone, whole_words
from ..vocabulary import first_sounds, function_words, zipf
from .articles import vowel_sound
from .casing import always_capitalised, english_around, gazetteer, mid_sentence

_BEFORE, _AFTER = r"(?<![\w@#/.'’-])", r"(?![\w@/]|\.\w)"  # not inside URLs, handles, hashtags
LONGEST = 64  # letters; a longer run (a blob, text that lost every space) is never split
_TOKEN = compile_fast(_BEFORE + r"[^\W\d_]{5,%d}" % LONGEST + _AFTER)
_WORDS = compile_fast(r"[^\W\d_]+")
_HONORIFICS = frozenset({"Mr", "Ms", "Dr"})  # two-letter capitalised words that start a name
# Capitalised words (no letter before them), in two sets by what stands before them: after a
# word or a comma and a space (always mid-sentence: counted at once), and elsewhere (a sentence
# may start there: tested one by one). (The capital comes before the tests that look back: the
# engine skips to capitals.)
_CAPITALISED_AFTER_WORD = compile_fast(r"[A-Z](?:(?<=[^\W\d_] [A-Z])|(?<=[,;] [A-Z]))[a-z]{2,}(?![^\W\d_])")
_CAPITALISED_ELSEWHERE = compile_fast(r"[A-Z](?<![^\W\d_][A-Z])(?<![^\W\d_] [A-Z])(?<![,;] [A-Z])[a-z]{2,}(?![^\W\d_])")
_WORD_BEFORE = compile_fast(r"(?<![^\W\d_])([^\W\d_]+) \Z")
_WORD_NEXT = compile_fast(r"[ \t]+[\w\"“‘'(]")  # a word (or a quotation) after a space
_PREVIOUS = compile_fast(r"(?<![^\W\d_])[A-Z][^\W\d_]*\s$")  # a capitalised word just before
KNOWN = 3.0  # zipf frequency of a word we trust as a part
UNKNOWN = 1.0  # below this the token itself is no word (rare real words sit at 1 to 3)
INFLECTED = 2.5  # zipf frequency of a dictionary word whose -s form or -er noun is trusted as a word too
CONTENT = 4.5  # both halves this common, token unknown: a likely, not certain, merge
RIVAL = 1.0  # another split scoring within this much of the best: two readings, leave it
SHORT_PART = 4.0  # how common a word must be to take a two-letter function word after it
# Two-letter function words that end a merge ("groupas", "outat"), only after a common word.
_SHORT_AFTER = frozenset("as at of in on to is or by".split())
_PREPOSITIONS = frozenset("at of in on to by".split())  # the short words glued after a name of the table


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
    """A real word, never split: in the pronouncing dictionary (``washer``, never ``was her``),
    or frequent enough, unless it is only function words run together (``ofthe``)."""
    return first_sounds(lower) != 0 or (zipf(lower) >= UNKNOWN and not _two_function_words(lower, dirs))


def _formed_from_word(lower: str) -> bool:
    """Whether ``lower`` is formed from a dictionary word common enough to trust, in a way the
    lists often lack: its -s form (``onboards``, ``reboots``) or an agent noun in -er(s), the
    last consonant doubled or not (``formatters``, ``submitter``). Such a token is never split
    before a part of four letters or more, which the ending belongs to ("on boards", "for
    matters"); a short part is a glued function word whose -s it is ("butis": but is)."""
    stems = [lower[:-1]] if lower.endswith("s") else []
    for ending in ("ers", "er"):
        if lower.endswith(ending):
            stem = lower[: -len(ending)]
            stems += [stem, stem + "e"] + ([stem[:-1]] if len(stem) > 2 and stem[-1] == stem[-2] else [])
            break
    return any(len(stem) >= 4 and first_sounds(stem) != 0 and zipf(stem) >= INFLECTED for stem in stems)


@dataclass(frozen=True)
class Split:
    """Where a merged token takes its missing space, and whether that is safe."""
    at: int  # offset inside the token
    safe: bool


def _candidates(token: str, vocabulary: Counter, names: dict[str, str], dirs: tuple[Path, ...],
                capitals: frozenset[str] = frozenset()):
    """(strength, score, offset) of each split into two parts the evidence supports."""
    after, before = _joins(dirs)
    lower = token.lower()

    always = always_capitalised(dirs)

    def known(part: str) -> bool:
        low = part.lower()
        if part[0].isupper() and not part.isupper():  # a name: the lists or the article must know it
            return low in names or always.get(low) == part or vocabulary[low] > 0
        return zipf(low) >= KNOWN or vocabulary[low] > 0

    def named(part: str) -> bool:
        """A name by the table, by English's always capitalised words ("theKremlin", "onMonday")
        or by the article's capitals mid-sentence; an acronym or a word no list knows that the
        article also writes on its own ("atLSU", "suspectDyteon"; an English word capitalised
        only where a sentence starts names nothing: "lastUpdate"); a brand with a capital
        inside ("onYouTube")."""
        return (part.lower() in names or always.get(part.lower()) == part or part in capitals or part in _HONORIFICS
                or (part.isupper() or zipf(part.lower()) < UNKNOWN) and vocabulary[part.lower()] > 0
                or not part.isupper() and any(c.isupper() for c in part[1:]))

    inflected = _formed_from_word(lower)
    for i in range(2, len(token) - 1):
        left, right = token[:i], token[i:]
        if left.lower() == "an" and vowel_sound(right, dirs) is False or inflected and len(right) >= 4:
            continue  # "anstream": the split would write "an" before a consonant; "onboards"
        if right.islower() and right in after and len(left) >= 3 and known(left):
            yield 2, zipf(left.lower()), i
        elif right in _PREPOSITIONS and left[1:].islower() and left.lower() in names and zipf(lower) < UNKNOWN:
            # "Khersonon Monday", "Kyivat night": a place or surname of the table and a short
            # preposition; of the table's 705 such names none makes a word or a name so (Parison,
            # Taranto and Moscato are words, common enough to be no merge). Not "is" or "as": they
            # are case endings of languages MT copies names from (Estonian "Donetskis", in Donetsk)
            yield 2, zipf(left.lower()), i
        elif (right in _SHORT_AFTER and len(left) >= 3 and left[1:].islower() and first_sounds(left)
              and zipf(left.lower()) >= (SHORT_PART if left.islower() else CONTENT)):
            # "groupas": a dictionary word and a short one; after a capital it may be a surname
            # ("Maryin", "Borodin"), so "Republicof" is only a suggestion
            yield 2 if left.islower() else 1, zipf(left.lower()), i
        elif left[1:].islower() and left.lower() in before and len(right) >= 3 and known(right) and (
            right[0].isupper() or zipf(right.lower()) >= 3.5
        ):
            # "ofthe", "inKyiv"; at a capital ("Thefinal") it may be a name ("Hersons", "Torim"):
            # a suggestion, and only before a common word; before a capital that names nothing
            # it is an identifier ("isPaused", "notBefore"): a suggestion
            if left.islower() or zipf(right.lower()) >= CONTENT:
                safe = left.islower() and (right.islower() or named(right))
                yield 2 if safe else 1, zipf(right.lower()), i
        elif (left.islower() and right[0].isupper() and right[1:].islower()
              and (len(right) >= 3 or right.lower() in function_words(dirs) or right in _HONORIFICS)
              and len(left) >= 2 and known(left) and known(right)):  # not "subRl", "macOS"
            # a case junction ("residentsKyiv", "saidTrump", "evidenceThe"); safe only before a
            # name of the table or one the article capitalises mid-sentence, or a sentence's
            # first word after a word that may end one: brands and identifiers are written so on
            # purpose ("easyJet", "getName", "lastUpdate")
            alone = named(right) or (right.lower() in function_words(dirs) and left not in function_words(dirs))
            yield 2 if alone else 1, min(zipf(left), zipf(right.lower())), i
        elif (token[1:].islower() and zipf(lower) == 0 and len(left) >= 3 and len(right) >= 3
              and zipf(right) >= CONTENT and (zipf(left.lower()) >= CONTENT
                                              or (left[0].isupper() and vocabulary[left.lower()] > 0 and len(right) >= 4))):
            yield 1, min(zipf(left.lower()), zipf(right)), i  # "newgeneration", "Gilesadded"


@functools.lru_cache(maxsize=200_000)
def _never_split(token: str, dirs: tuple[Path, ...]) -> bool:
    """A token in capitals, a name of the table or a real word: never split, whatever the article."""
    lower = token.lower()
    return token.isupper() or lower in gazetteer(dirs) or _plain_word(lower, dirs)


_SETTLED: dict[tuple[Path, ...], set[str]] = {}  # per rule folders: tokens known never to split
SETTLED = 200_000  # tokens kept there (a few MB); the set starts afresh when full


def _may_merge(tokens: Counter, dirs: tuple[Path, ...]) -> list[str]:
    """The tokens that ``_never_split`` does not rule out, sorted. The tokens it ruled out
    before are kept in a set, so an article's familiar tokens drop out in one set difference
    instead of a call each."""
    settled = _SETTLED.setdefault(dirs, set())
    maybe = []
    for token in tokens.keys() - settled:
        if not _never_split(token, dirs):
            maybe.append(token)
        elif len(settled) < SETTLED:
            settled.add(token)
        else:
            settled.clear()
    return sorted(maybe)


def best_split(token: str, vocabulary: Counter, names: dict[str, str], dirs: tuple[Path, ...] = (),
               capitals: frozenset[str] = frozenset()) -> Split | None:
    """Where to put the missing space in ``token``, if the evidence allows.

    >>> best_split("ammunitionand", Counter(), {}), best_split("within", Counter(), {})
    (Split(at=10, safe=True), None)
    >>> best_split("washer", Counter(), {}), best_split("groupas", Counter(), {})
    (None, Split(at=5, safe=True))
    """
    lower = token.lower()
    if token.isupper() or lower in names or _plain_word(lower, dirs):
        return None
    if vocabulary[lower] > 1 and not _two_function_words(lower, dirs):  # the article repeats it: a word
        return None
    candidates = sorted(_candidates(token, vocabulary, names, dirs, capitals), reverse=True)
    if not candidates:
        return None
    strength, score, at = candidates[0]
    if any(c[0] == strength and c[1] > score - RIVAL for c in candidates[1:]):
        return None  # two plausible readings: not a merge we can mend
    chosen = _reading(lower, at)
    if any(0 < _reading(lower, i) > chosen - RIVAL for i in range(2, len(lower) - 1) if i != at):
        return None  # another split reads as well or better ("meinto": me into, not mein to)
    if _missing_letter(lower) > min(zipf(lower[:at]), zipf(lower[at:])):
        return None  # a word that lost a letter ("consits": consists), commoner than a part ("cons its")
    return Split(at, strength == 2)


@functools.lru_cache(maxsize=20_000)
def _missing_letter(lower: str) -> float:
    """How common the commonest word is that ``lower`` spells with one letter left out (0 if none)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return max((zipf(lower[:i] + c + lower[i:]) for i in range(1, len(lower) + 1) for c in letters), default=0.0)


def _reading(lower: str, at: int) -> float:
    """How plausible a split is as English: the summed frequencies of two known words."""
    left, right = zipf(lower[:at]), zipf(lower[at:])
    return left + right if min(left, right) >= KNOWN else 0.0


def _after_name(text: str, start: int, dirs: tuple[Path, ...]) -> bool:
    """Whether a name's first part comes right before ``start``: a capitalised word that is
    mid-sentence or no function word ("Sergei Maryin", not "In Mariupolwhile")."""
    m = _PREVIOUS.search(text, max(0, start - 40), start)
    return m is not None and (mid_sentence(text, m.start()) or m.group().strip().lower() not in function_words(dirs))


@functools.cache
def _no_preposition(dirs: tuple[Path, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """The articles and possessives, and the prepositions no word after them starts with."""
    lexicon = load_lexicon("segmentation", dirs)
    return frozenset(lexicon["before-no-preposition"]), frozenset(lexicon["prepositions"])


def _after_determiner(text: str, start: int, dirs: tuple[Path, ...]) -> bool:
    """Whether the word one space before ``start`` is an article or a possessive ("the", "his")."""
    m = _WORD_BEFORE.search(text, max(0, start - 20), start)
    return m is not None and m.group(1).lower() in _no_preposition(dirs)[0]


def _only_a_place(part: str, dirs: tuple[Path, ...]) -> bool:
    """Whether the names table knows ``part`` as a place and as no person."""
    kinds = {entry.kind for entry, _, _ in load_names(dirs).index.get(part, ())}
    return kinds == {"place"}


def _written_apart(lower: str, token: str, at: int) -> bool:
    """Whether the text has the two parts as two words: its own evidence for the split."""
    return re.search(rf"(?<!\w){re.escape(token[:at])}\s+{re.escape(token[at:])}(?!\w)", lower) is not None


def _count_tokens(text: str) -> tuple[Counter]:
    """The article's tokens that may be merged words, counted (sums over its lines: no pattern
    reads past a line break)."""
    return (Counter(_TOKEN.findall(text)),)


def _count_words(text: str) -> tuple[Counter, Counter]:
    """The article's words in lower case and its capitalised words mid-sentence (a capital at
    a sentence's start names nothing), counted (sums over its lines, as lower-casing is)."""
    capitals = Counter(_CAPITALISED_AFTER_WORD.findall(text))
    capitals.update(m.group() for m in _CAPITALISED_ELSEWHERE.finditer(text) if mid_sentence(text, m.start()))
    return Counter(_WORDS.findall(text.lower())), capitals


def _splits(vocabulary: Counter, capitals: Counter, tokens: Iterable[str], dirs: tuple[Path, ...]) -> dict[str, Split]:
    """Where the space goes in each token that may be a merge, from the article's counts alone."""
    capitals = frozenset(capitals)  # names the article writes mid-sentence
    names = gazetteer(dirs)
    splits = {}
    for token in tokens:
        split = best_split(token, vocabulary, names, dirs, capitals)
        if split is not None:
            splits[token] = split
    return splits


def analyse(text: str, dirs: tuple[Path, ...], memo: dict | None = None) -> tuple[tuple[int, int, Split], ...]:
    """Each merged word, where it is and where the space goes. ``memo`` (``Doc.memo``) keeps
    the counts of words for a later pass over the same document, which recounts only the
    lines a fix changed, and the splits they give, which it keeps when the counts did not
    change. (Whether the article writes the two parts apart is read from the text each time.)"""
    passes = Passes.of(memo, "segmentation")
    if passes.text is text:
        return passes.result
    (tokens,) = passes.tally("tokens", text, _count_tokens)
    # Most tokens are real words or names, never split, and remembered so (most articles
    # have no other): only then are the words counted, which the evidence for a split reads.
    maybe = _may_merge(tokens, dirs)
    counts = passes.tally("words", text, _count_words) + (tokens,) if maybe else None
    kept_counts, splits = passes.kept.get("splits", (None, None))
    if counts is None:
        splits = {}
    elif kept_counts is None or any(a is not b for a, b in zip(kept_counts, counts)):
        splits = _splits(*counts[:2], maybe, dirs)  # (else the counts are the previous pass's: so are the splits)
        passes.kept["splits"] = (counts, splits)
    lower = text.lower() if any(not split.safe for split in splits.values()) else ""
    promoted = {token: Split(split.at, True) for token, split in splits.items()
                if not split.safe and _written_apart(lower, token.lower(), split.at)}  # "new generation"
    splits = {**splits, **promoted} if promoted else splits
    if not splits:
        return passes.keep(text, ())
    located = whole_words(set(splits), _BEFORE, _AFTER)
    out = []
    for m in located.finditer(text):
        if in_code(text, m.start(), m.end()) or named_alone(text, m.start(), m.end()):
            continue  # identifiers glue words on purpose: isinstance(, `moveto`, {% endfor; a token
            # named alone in quotation marks is mentioned, not used: 'forms such as "Mariupolwhile"'
        split = splits[m.group()]
        left, right = m.group()[: split.at].lower(), m.group()[split.at :].lower()
        before = text[max(0, m.start() - len(left) - 1) : m.start()].lower().strip()
        after = text[m.end() : m.end() + len(right) + 1].lower().strip()
        if before == left or after == right:
            continue  # "an anhistorical": the split would double the neighbouring word
        if text[m.end() : m.end() + 1] == "-" and (len(right) < 3 or right in function_words(dirs)):
            continue  # a word broken at a hyphen ("subor-dination"), not "thetie-up"
        if left in _no_preposition(dirs)[1] and _after_determiner(text, m.start(), dirs):
            continue  # "in the onforum": an article takes no preposition ("the on forum"); a name
        if right in _SHORT_AFTER and not _WORD_NEXT.match(text, m.end()):
            continue  # a short word glued last needs a word after it: "damaged by Russian shellin" is cut short
        if not english_around(text, m.start(), dirs):
            continue  # German compounds are not merges
        if not split.safe and m.group()[0].isupper() and (
            _after_name(text, m.start(), dirs) or left in function_words(dirs) and mid_sentence(text, m.start())
        ):
            continue  # "Sergei Maryin", "; Hersons": a name, not "Mary in"; only a sentence capitalises "The"
        if m.group()[0].isupper() and _only_a_place(m.group()[: split.at], dirs) and _after_name(text, m.start(), dirs):
            continue  # "Ian Wienand": a place does not follow a name ("Ian Wien and"); a surname does
        out.append((m.start(), m.end(), split))
    return passes.keep(text, tuple(out))


@check("merged-words")
def merged_words(doc, rule: Rule) -> Iterator[Finding]:
    text = doc.text
    for start, end, split in analyse(text, doc.config.rule_dirs, doc.memo):
        token = text[start:end]
        fixed = f"{token[: split.at]} {token[split.at :]}"
        if split.safe:
            yield rule.finding(start, end, fixed, found=token)
        else:  # a suggestion: closed compounds unknown to the word list look the same
            yield rule.finding(start, end, fixed, found=token, applicability=Applicability.UNSAFE,
                               severity=Severity.INFO)
