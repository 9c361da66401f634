"""Name spellings: foreign and outdated transliterations, and one spelling per article.

Policy (ARTIFACTS.md): a wrong spelling becomes the accepted spelling the article already
uses, else the house default; accepted spellings are unified to the first one the article
uses; a house-style profile (``ap``) may impose its own choice. Guards: phrases in which the
old spelling is right (``Chicken Kiev``), sentences about the past (a year before 1992), and
titles of works in quotation marks.
"""

from __future__ import annotations

import functools
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import regex

from ..errors import CleanupError
from ..lexicon import alternation, load_lexicon
from ..model import Applicability, Edit, Finding, Severity
from ..names import Mention, find_mentions, given_names, load_names, world_places
from ..passes import Passes
from ..regexes import compile_fast
from ..registry import Rule, check
from ..romanize import ENGLISH, conventions, cyrillic, english_form, english_like, keys, readable_by, same_name, variant_keys
from ..textview import in_address, in_code, quoted_alone, title_case
from ..vocabulary import function_words, zipf
from ..wordscan import Tokens
from .casing import always_capitalised, mid_sentence, ordinary_word, prepositions
from .language import english_line

_HISTORICAL_YEAR = compile_fast(r"(?<!\d)(?:[89]\d\d|1[0-8]\d\d|19[0-8]\d|199[01])(?!\d)")
# (not a stop after an initial or an abbreviation: "c. 1912", "J. Smith", "St. Petersburg")
_SENTENCE_END = compile_fast(r"(?<!(?<![\p{L}.])(?:\p{L}|ca|St|Dr|Mr|Mrs|Ms|No|Gen|Col|Lt|Capt|Rev|Prof|vs))\.\s|[!?…]\s|\n")
_CAPITAL_NEXT = compile_fast(r" \p{Lu}")
_WORD_BEFORE = compile_fast(r"(?<![\p{L}\p{M}])(\p{Lu}[\p{L}\p{M}'’-]*) \Z")
_REGION_AFTER = compile_fast(r", (\p{Lu}\p{L}+(?: \p{Lu}\p{L}+){0,2})")
_MODEL_NEXT = compile_fast(r"[ -](?:\p{Lu}+\d|\d+\p{Lu})[\p{L}\d]*(?![\p{L}\d])")  # a model code: V3S, 4M, T34
# A title begun by a capitalised "The" in mid-sentence, up to a mention: "Mussorgsky's The Great
# Gate of Kiev", "wrote for The Kiev Times" (at most six words between; a sentence's own "The"
# follows a stop, not a word or a comma).
_TITLE_BEFORE = compile_fast(r"(?<=[\p{L}\d’',;] )The (?:(?:\p{Lu}[\p{L}\p{M}'’-]*|of|the|and|in|on|at|for|to|a|an|de) ){0,6}\Z")
# A text naming the other spelling on purpose: "Moldova (also: Moldavia)", "Kyiv, or Kiev,",
# "Dnipro (formerly Dnipropetrovsk)"; the word before the cue is then the accepted spelling.
_ALIAS_AFTER_SPELLING = compile_fast(
    r"(\p{L}[\p{L}\p{M}'’-]*)(?: ?\(|,)? ?(?:(?:also|or|aka|a\.k\.a\.|also known as|known as)(?: in \p{Lu}\p{Ll}+)?:? )?\Z")
# Cues that name an old or other spelling whatever stands before them, maybe quoted.
_ALIAS_CUE = compile_fast(
    r"(?:(?<![\p{L}\p{M}])(?i:formerly|previously|once|then|also|otherwise)(?: known| called| spelled| spelt| written)(?: as)?:?"
    r"|(?<![\p{L}\p{M}])(?i:formerly|previously|spelled|spelt|spelling|transliteration|romanization|romanisation):?) [“\"‘'«]?\Z")
# Cues that a name is given, not used ("known internationally as", "called it", "refer to the
# capital as", "the word"), when the name ends its phrase: "called it Kiev's provocation" uses it.
_NAMING_CUE = compile_fast(
    r"(?<![\p{L}\p{M}])(?:known(?: [\p{L}’'-]+){0,5} as|call(?:s|ed|ing)? it(?: simply| just| still)?(?: the)?"
    r"|refer(?:s|red|ring)? to [^.,;:!?\n]{1,40} as|the (?:\p{L}+ )?(?:word|name|spelling|form),?) [“\"‘'«]?\Z")
_PHRASE_END = compile_fast(r"[,.;:!?)”\"’»]|\s*$| (?:in|until|then|before|after|at|back|by|during|when|and|or|is|was|are|were)(?![\p{L}\p{M}])")
# A foreign institution's name ends in the place: "Câmara Municipal de Lisboa", "Universidade de Lisboa".
_FOREIGN_OF = compile_fast(r"\p{Lu}[\p{L}\p{M}]+ (?:de|da|do|di|du|del|della|des|dos|das) \Z")
_CLAUSE_END = compile_fast(r"[.!?;]\s|\n")
# Cues after the spelling that it is another or an older name: "Tiflis, as the city was then
# known", "Polonia, as the diaspora is called", "Czernowitz, then part of Romania", "Kiev — the
# spelling English papers used", "Kharkov, a Soviet city".
_ALIAS_AFTER = compile_fast(
    r",? (?:as (?:it|they|the [\p{L} ]{1,30}) (?:is|was|are|were) (?:then |once |still |now |also |often |commonly )?(?:known|called|spelled|spelt|written)"
    r"|then (?:part|the capital|a city|a town) of)"
    r"| ?[,—–(] ?(?:then |still )?(?:the|a|an) (?:\p{Ll}+ )?(?:spelling|transliteration|Soviet)(?![\p{L}])")
CONTRAST = 30  # characters between two spellings of one name that a text sets side by side
_CONTRAST = compile_fast(r"(?<![\p{L}])(?i:to|than|not|or|vs|versus|instead|rather|over|into|became|becomes|replaced)(?![\p{L}])")
_QUOTED = compile_fast(r"[“\"«‘]([^”\"»’\n]{1,80})[”\"»’]")


@dataclass(frozen=True)
class NameFix:
    """A rename of one mention of a listed name, with the edits and the rule that reports it."""
    kind: str  # the rule name that reports it
    mention: Mention
    edits: tuple[Edit, ...]
    before: str
    after: str
    safe: bool = False  # every target is the profile's choice, or a given name beside its surname
    suggest: bool = False  # a town renamed to the table's default, not to the article's own spelling
    doubt: bool = False  # it may name someone or something else (see ``_doubtful``): information


def _occurrences(phrase: str, text: str) -> Iterator[tuple[int, int]]:
    """Where ``phrase`` (not empty) occurs, left to right, never overlapping (a search for it
    as an escaped pattern, without compiling one per phrase and article)."""
    at = text.find(phrase)
    while at >= 0:
        yield at, at + len(phrase)
        at = text.find(phrase, at + len(phrase))


class _Context:
    """Where guards apply in one text, computed once: keep phrases, sentences, quoted titles."""

    def __init__(self, text: str, entries, dirs: tuple[Path, ...] = ()):
        self.text = text
        self.dirs = dirs
        self.keep = {
            entry.key: [span for phrase in entry.keep for span in _occurrences(phrase, text)]
            for entry in entries
            if entry.keep
        }
        self.titles = _titles(text)  # sorted, never overlapping
        self.title_starts = [a for a, _ in self.titles]
        self._historical: dict[int, bool] = {}  # sentence index -> names a year before 1992
        self._discussed: dict[str, bool] = {}  # entry key -> the text discusses its spellings

    @functools.cached_property
    def lower(self) -> str:
        """The text in lower case, for the cue lists (written in lower case): a pattern searched
        ignoring case cannot skip ahead to its literals, and was a tenth of the stage's time."""
        return self.text.lower()

    @functools.cached_property
    def reprint(self) -> bool:
        """Whether the text says it reprints an old report (read when a place's sentence is asked about)."""
        return _reprint(self.lower, self.dirs)

    @functools.cached_property
    def spelling_talk(self) -> bool:
        return _spelling_talk(self.dirs).search(self.lower) is not None

    def discussed(self, mention: Mention) -> bool:
        """Whether the text is about how the name is spelled: it talks of spelling and writes the
        name two ways (an explainer, a style guide: "Kiev remains the standard spelling", "Zelensky,
        Zelenskyy or Zelenskiy")."""
        key = mention.entry.key
        if key not in self._discussed:
            spellings = mention.entry.main.accepted + mention.entry.main.wrong
            self._discussed[key] = _written(self.text, spellings) >= 2 and self.spelling_talk
        return self._discussed[key]

    @functools.cached_property
    def ends(self) -> list[int]:
        """Where each sentence ends: read only when a place's mention asks about its sentence."""
        return [m.end() for m in _SENTENCE_END.finditer(self.text)]

    def sentence(self, start: int) -> str:
        i = bisect_right(self.ends, start)
        left = self.ends[i - 1] if i else 0
        right = self.ends[i] if i < len(self.ends) else len(self.text)
        return self.text[left:right]

    def guarded(self, mention: Mention) -> bool:
        if " " in mention.main and mention.status("main") == "wrong" and _CAPITAL_NEXT.match(self.text, mention.end):
            return True  # "La Haye Sainte" is a farm at Waterloo, not The Hague
        if any(a <= mention.start and mention.end <= b for a, b in self.keep.get(mention.entry.key, ())):
            return True
        if mention.entry.kind == "place" and mention.status("main") == "wrong" and _MODEL_NEXT.match(self.text, mention.end):
            return True  # a product named after the place: "Praga V3S" is a Czech lorry, "Kiev 4M" a camera
        if mention.entry.common and mention.status("main") == "wrong" and self.after_name(mention.start):
            return True  # a generated place's foreign spelling after a name is a surname: "William Brack"
        i = bisect_right(self.title_starts, mention.start) - 1
        if i >= 0 and mention.end <= self.titles[i][1]:
            return True
        if mention.status("main") == "wrong" and (self.unquoted_title(mention.start) or self.alias(mention)
                                                  or _FOREIGN_OF.search(self.text, max(0, mention.start - 40), mention.start)
                                                  or self.names_listed(mention)):
            return True
        if self.discussed(mention):
            return True
        return mention.entry.kind == "place" and self.historical(mention.start)

    def alias(self, mention: Mention) -> bool:
        """Whether the text gives the wrong spelling as another name of the same entry, on purpose:
        after an accepted spelling and "(", "or", "also:", "also known as" ("Moldova (also:
        Moldavia)"), after "formerly", "once called" and the like, or before ", as the city was
        then known" or ", then part of"."""
        before = self.text[max(0, mention.start - 60) : mention.start]
        if _ALIAS_CUE.search(before) or _ALIAS_AFTER.match(self.text, mention.end, mention.end + 80):
            return True
        if quoted_alone(self.text, mention.start, mention.end):
            return True  # named, not used: 'the word "Kharkov"', '"Europe/Kiev"'
        if _NAMING_CUE.search(before) and _PHRASE_END.match(self.text, mention.end):
            return True
        m = _ALIAS_AFTER_SPELLING.search(before)
        if m is not None and m.group() != m.group(1) and m.group(1) in mention.entry.main.accepted:
            return True
        return self.contrasted(mention)

    def names_listed(self, mention: Mention) -> bool:
        """Whether the sentence writes two of the name's wrong spellings: it lists the city's names
        ("the names the characters use: Lwów, Lvov, Lemberg"), which no translation mixes so."""
        return _written(self.sentence(mention.start), mention.entry.main.wrong) >= 2

    def contrasted(self, mention: Mention) -> bool:
        """Whether an accepted spelling of the same entry stands a few words away, joined to it
        by a word that sets the two side by side ("switched from Kiev to Kyiv", "say Lvov rather
        than Lviv", "searches for Kiev than for Kyiv", "Kyiv, not Kiev"); not merely in the same
        sentence ("the Svatove-Kreminna line held at Svatovo" is a translation's inconsistency)."""
        window = self.text[max(0, mention.start - CONTRAST) : mention.end + CONTRAST]
        at = mention.start - max(0, mention.start - CONTRAST)
        for spelling in mention.entry.main.accepted:
            for m in _whole_word(spelling).finditer(window) if spelling in window else ():
                between = window[m.end() : at] if m.end() <= at else window[at + mention.end - mention.start : m.start()]
                if _CONTRAST.search(between) and not _CLAUSE_END.search(between):
                    return True
        return False

    def unquoted_title(self, start: int) -> bool:
        """Whether the mention ends a title begun by "The" in mid-sentence, in a line of prose
        (a headline in Title Case, with no stop at its end, capitalises every "The"): a work, a
        paper ("The Kiev Times")."""
        if _TITLE_BEFORE.search(self.text, max(0, start - 100), start) is None:
            return False
        line_start = self.text.rfind("\n", 0, start) + 1
        line_end = self.text.find("\n", start)
        line_end = len(self.text) if line_end < 0 else line_end
        stopped = self.text[line_start:line_end].rstrip().endswith((".", "!", "?", "”", '"', "»"))
        return stopped or not title_case(self.text, line_start, line_end)

    def someone_else(self, start: int) -> bool:
        """Whether a word one space before ``start`` may be a given name of someone else
        ("Michael Bennet", "Anna Kiev", "Semyon Timoshenko"): no function word, preposition,
        nationality, acronym or possessive, and a listed given name or a capitalised word that is
        no ordinary word (a title or an adjective: "President", "Greater") nor a place of the
        hand table ("Moscow Kiev talks")."""
        word = self.name_before(start)
        if word is None:
            return False
        lower = word.lower()
        if word.isupper() or word.endswith(("'s", "’s")) or lower in always_capitalised(self.dirs):
            return False
        if word in given_names(self.dirs):
            return True
        places = load_names(self.dirs).index.get(word, ())
        return not (ordinary_word(lower, self.dirs) or any(e.kind == "place" and not e.common for e, _, _ in places))

    def named_after(self, start: int) -> bool:
        """Whether an ordinary word, capitalised in mid-sentence or after a colon, stands right before the place:
        a name made with it ("Hotel Ukraina", "Grand Lisboa", "Dynamo Kharkov"), unless it is a
        word that goes before places (lexicon ``names.place-modifiers``: "Greater", "Eastern") or
        English always capitalises it (a nationality)."""
        word = self.name_before(start)
        if word is None or word.split("-")[0] in _place_modifiers(self.dirs) \
                or word.split("-")[0].lower() in always_capitalised(self.dirs):
            return False  # ("Russian-held Lugansk", "North-Eastern Donbass")
        at = start - len(word) - 1
        # (after a colon the word is capitalised as a name, not as a sentence's first: "hotels: Grand Lisboa")
        return ordinary_word(word.lower(), self.dirs) and (mid_sentence(self.text, at) or self.text[max(0, at - 2) : at] == ": ")

    def given_name_before_surname(self, mention: Mention) -> bool:
        """Whether the place's spelling is also a given name and a surname follows it: a person
        ("Sofía Vergara"; "SpaceX gave Kiev Starlink systems" is the city)."""
        if _folded(mention.main) not in given_names(self.dirs):
            return False
        m = _NEXT_NAME.match(self.text, mention.end, mention.end + 40)
        if m is None:
            return False
        word = m.group(1)
        lower = word.lower()
        # A place after it makes "Kiev Ukraine" a place; not after an accented given name, which is
        # a person's own spelling ("Sofía Montenegro", a Nicaraguan writer).
        accented = _folded(mention.main) != mention.main
        return not (ordinary_word(lower, self.dirs) or word in _place_modifiers(self.dirs)
                    or lower in world_places(self.dirs) and not accented or word in load_names(self.dirs).index)

    def namesake(self, end: int) -> bool:
        """Whether a region of another country follows the place: "Sebastopol, California"."""
        m = _REGION_AFTER.match(self.text, end)
        if m is None:
            return False
        words = m.group(1).split(" ")
        return any(" ".join(words[:n]) in _namesake_regions(self.dirs) for n in range(1, len(words) + 1))

    def after_name(self, start: int) -> bool:
        """Whether a capitalised word that is no function word stands one space before ``start``."""
        return self.name_before(start) is not None

    def name_before(self, start: int) -> str | None:
        """The capitalised word one space before ``start``, unless a function word or a
        preposition ("In", "Near": a sentence may start with one before a place)."""
        m = _WORD_BEFORE.search(self.text, max(0, start - 40), start)
        return m.group(1) if m is not None and m.group(1).lower() not in _place_words(self.dirs) else None

    def historical(self, start: int) -> bool:
        """Whether the sentence at ``start`` is about the past (once per sentence): it names a
        year before 1992, a place by a name it lost before then, or the Soviet period as its time."""
        if self.reprint:
            return True
        i = bisect_right(self.ends, start)
        if i not in self._historical:
            sentence = self.sentence(start)
            self._historical[i] = bool(_HISTORICAL_YEAR.search(sentence) or _historical_cues(self.dirs).search(sentence))
        return self._historical[i]


@functools.lru_cache(maxsize=4096)
def _whole_word(spelling: str) -> regex.Pattern:
    """A spelling as a whole word (also inside a hyphenated compound), compiled once."""
    return compile_fast(rf"(?<![\p{{L}}\p{{M}}]){regex.escape(spelling)}(?![\p{{L}}\p{{M}}])")


@functools.cache
def _place_words(dirs: tuple[Path, ...]) -> frozenset[str]:
    """Words that may stand capitalised before a place, starting a sentence: "In", "Near"."""
    return function_words(dirs) | prepositions(dirs)


def _folded(word: str) -> str:
    """The word without its accents ("Sofía" -> "Sofia", "Łódź" -> "Lodz")."""
    return "".join(c for c in unicodedata.normalize("NFD", word.translate(_STROKED)) if not unicodedata.combining(c))


_STROKED = str.maketrans("łŁđĐøØħĦ", "lLdDoOhH")  # letters with a stroke, which Unicode does not decompose


@functools.cache
def _place_modifiers(dirs: tuple[Path, ...]) -> frozenset[str]:
    return frozenset(load_lexicon("names", dirs)["place-modifiers"])


@functools.cache
def _historical_cues(dirs: tuple[Path, ...]) -> regex.Pattern:
    return alternation("names", "historical-cues", dirs, template="{}", flags=0)


def _reprint(lower: str, dirs: tuple[Path, ...]) -> bool:
    """Whether the text (in lower case) says it reprints an old report: a reprint cue with a year
    before 1992 on its line ("From the archive, 29 April 1986: Soviet Union admits accident near Kiev")."""
    for m in _reprint_cues(dirs).finditer(lower):
        start, end = lower.rfind("\n", 0, m.start()) + 1, lower.find("\n", m.end())
        if _HISTORICAL_YEAR.search(lower, start, len(lower) if end < 0 else end):
            return True
    return False


@functools.cache
def _spelling_talk(dirs: tuple[Path, ...]) -> regex.Pattern:
    return alternation("names", "spelling-talk", dirs, template="{}", flags=0)


@functools.cache
def _reprint_cues(dirs: tuple[Path, ...]) -> regex.Pattern:
    return alternation("names", "reprint-cues", dirs, template="{}", flags=0)


@functools.cache
def _namesake_regions(dirs: tuple[Path, ...]) -> frozenset[str]:
    return frozenset(load_lexicon("names", dirs)["namesake-regions"])


def _writes(text: str, spellings: tuple[str, ...]) -> bool:
    """Does the text write one of these spellings as a word, also inside a compound (Svatove-Kreminna)?"""
    return any(s in text and _whole_word(s).search(text) for s in spellings)  # (the pattern only where the spelling occurs)


def _written(text: str, spellings: tuple[str, ...]) -> int:
    """How many of these spellings the text writes as a word (as ``_writes`` reads one)."""
    return sum(1 for s in spellings if _writes(text, (s,)))


_TITLE_SMALL = frozenset({"from", "with", "into", "upon", "onto"})  # small words Title Case leaves lower ("Letters from Kharkov")


def _titles(text: str) -> list[tuple[int, int]]:
    """Quoted Title Case phrases: names of books, films, operations ("Kiev: A Portrait")."""
    spans = []
    for m in _QUOTED.finditer(text):
        words = [w for w in m.group(1).split() if w[:1].isalpha()]
        if 2 <= len(words) <= 10 and all(w[0].isupper() or len(w) <= 3 or w in _TITLE_SMALL for w in words):
            spans.append(m.span(1))
    return spans


@functools.lru_cache(maxsize=8)
def analyse(text: str, profile: str, dirs: tuple[Path, ...]) -> tuple[NameFix, ...]:
    found = find_mentions(text, dirs)
    if not found:
        return ()
    context = _Context(text, {m.entry for m in found}, dirs)
    mentions = _someone_else([m for m in found if not context.guarded(m)], context)
    chosen: dict[tuple[str, str], str] = {}  # the profile's choice, else the article's first accepted spelling
    for part in ("main", "given"):
        for mention in mentions:
            spec = mention.entry.main if part == "main" else mention.entry.given
            spelled = mention.main if part == "main" else mention.given
            if spec is None or spelled is None:
                continue
            key = (mention.entry.key, part)
            if profile in spec.profiles:
                chosen[key] = spec.profiles[profile]
            elif key not in chosen and mention.status(part) == "accepted":
                chosen[key] = spelled

    doubtful = _doubtful(mentions)
    fixes = []
    for mention in mentions:
        parts = [("main", mention.main, mention.main_start, mention.entry.main)]
        if mention.given is not None:
            parts.insert(0, ("given", mention.given, mention.given_start, mention.entry.given))
        by_kind: dict[str, list[Edit]] = {}
        safe: dict[str, bool] = {}  # every target of the kind is safe to apply (see NameFix.safe)
        suggest: dict[str, bool] = {}  # some target is unsupported by the article (see NameFix.suggest)
        for part, spelled, start, spec in parts:
            key = (mention.entry.key, part)
            target = chosen.get(key, spec.default(profile))
            if spelled != target:  # a wrong spelling is NAM001, an accepted one unified is NAM002
                kind = "nonstandard-name-spelling" if mention.status(part) == "wrong" else "inconsistent-name-spelling"
                by_kind.setdefault(kind, []).append(Edit(start, start + len(spelled), target))
                safe[kind] = safe.get(kind, True) and (profile in spec.profiles or part == "given")
                # A town's old or foreign spelling is still current in part of the English press
                # (Gostomel, Lisichansk): only the article's own English spelling makes it safe.
                suggest[kind] = suggest.get(kind, False) or mention.entry.town and key not in chosen \
                    and not _writes(text, spec.accepted)
        for kind, edits in by_kind.items():
            before = text[mention.start : mention.end]
            after = before
            for edit in reversed(edits):
                after = after[: edit.start - mention.start] + edit.replacement + after[edit.end - mention.start :]
            doubt = mention in doubtful and kind == "nonstandard-name-spelling"
            fixes.append(NameFix(kind, mention, tuple(edits), before, after, safe[kind], suggest[kind] or doubt, doubt))
    return tuple(fixes)


def _someone_else(mentions: list[Mention], context: _Context) -> list[Mention]:
    """The mentions left when wrong spellings standing alone that name someone or something
    else are dropped: after another given name ("Michael Bennet" is not Naftali Bennett, "Anna
    Kiev" no city), then wherever the article writes that spelling alone, and before a region
    of another country ("Sebastopol, California")."""
    alone = [m for m in mentions if m.given is None and m.status("main") == "wrong"]
    others = {(m.entry.key, m.main) for m in alone if context.someone_else(m.start)}
    dropped = {m for m in alone if (m.entry.key, m.main) in others
               or m.entry.kind == "place" and (context.namesake(m.end) or context.named_after(m.start)
                                               or context.given_name_before_surname(m))}
    return [m for m in mentions if m not in dropped] if dropped else mentions


def _doubtful(mentions: list[Mention]) -> set[Mention]:
    """A person's wrong surname alone that nothing else in the article ties to that person (a
    given name, an accepted spelling): a suggestion, since alone "Poutine" may be the dish."""
    named = {m.entry.key for m in mentions if m.given is not None or m.status("main") == "accepted"}
    return {m for m in mentions if m.given is None and m.status("main") == "wrong"
            and m.entry.kind == "person" and m.entry.key not in named}


@check("nonstandard-name-spelling")
@check("inconsistent-name-spelling")
def name_spelling(doc, rule: Rule) -> Iterator[Finding]:
    for fix in analyse(doc.text, doc.config.profile, doc.config.rule_dirs):
        if fix.kind == rule.name and not in_code(doc.text, fix.mention.start, fix.mention.end) \
                and not in_address(doc.text, fix.mention.start, fix.mention.end) \
                and english_line(doc.text, fix.mention.start, doc.config.rule_dirs):  # not "la guerra en Ucrania"
            applicability = Applicability.UNSAFE if fix.suggest else Applicability.SAFE if fix.safe else None
            yield rule.finding(fix.mention.start, fix.mention.end, edits=fix.edits, found=fix.before,
                               applicability=applicability, severity=Severity.INFO if fix.doubt else None,
                               detail={"replacement": fix.after, "name": fix.mention.entry.label},
                               message=None)


# --- Names beyond the table: one name in two romanizations ---------------------------------

_NEXT_NAME = compile_fast(r" (\p{Lu}[\p{L}\p{M}]+)")
_NAME_TOKEN = compile_fast(r"(?<![\p{L}\p{M}\d-])\p{Lu}[\p{Ll}\p{M}]{3,}(?![\p{L}\p{M}\d])")
VARIANT_RARE = 2.3  # zipf below which a foreign-looking word can be a misspelt name (Nowak 2.47)
ENGLISH_RARE = 3.0  # zipf below which both English-looking spellings may be unified
EVERYDAY = 5.0  # zipf from which a word is too common to be the name a foreign spelling stands for
NEIGHBOUR_NAME = 3.0  # zipf below which an adjacent capitalised word counts as part of the name
# Surname endings that mark a lone spelling as East Slavic (-ij, -in alone also end Erlij, Jasmin).
_SLAVIC_ENDINGS = ("ов", "ев", "ёв", "ова", "ева", "ский", "цкий", "ская", "цкая", "енко", "ук", "юк", "ович", "евич",
                   "овна", "евна")


@dataclass(frozen=True)
class VariantFix:
    """A spelling of a name by another convention, and the English spelling that replaces it."""

    kind: str  # foreign-romanization | inconsistent-romanization
    start: int
    end: int
    before: str
    after: str
    conventions: tuple[str, ...]
    candidates: tuple[str, ...] = ()  # set for a lone spelling: its English romanization
    accents_only: bool = False  # the spellings differ only in diacritics: a suggestion (see _variant_fixes)


def _neighbours(text: str, start: int, end: int) -> set[str]:
    """The rare capitalised word right after: the surname when this word is a given name."""
    after = _NEXT_NAME.match(text[end : end + 40])
    return {after.group(1)} if after and zipf(after.group(1).lower()) < NEIGHBOUR_NAME else set()


def _related(names: set[str], others: set[str]) -> bool:
    """Do two sets of neighbouring names share a name (in any spelling)?"""
    return any(a == b or same_name(a, b) for a in names for b in others)


def romanization_fixes(text: str, dirs: tuple[Path, ...], memo: dict | None = None) -> tuple[VariantFix, ...]:
    """Names the table does not know, spelled by two conventions in one article.

    A foreign-looking spelling (``Reznikow``) takes the English spelling the article uses
    (``Reznikov``); of two English-looking ones, the rarer in the article takes the other.
    Different people stay apart: the keys keep what tells names apart, common words are never
    variants, and a given name followed by a surname (``Oleksii Danilov``) changes only when the
    English spelling is followed by the same surname. Quoted titles of works keep their spelling.
    Spellings are read from the article's vocabulary; where each one stands is looked up only
    for the few that are renamed and the spellings they are renamed to. ``memo`` (``Doc.memo``)
    keeps the vocabulary for a later pass, which recounts only the lines a fix changed.
    """
    passes = Passes.of(memo, "romanization")
    if passes.text is text:
        return passes.result  # the other rule, on the same text
    (counts,) = passes.tally("names", text, _count_names)
    kept_counts, spellings = passes.kept.get("spellings", (None, None))
    if kept_counts is not counts:  # (else the vocabulary is the previous pass's: so are these)
        spellings = _spellings(counts, dirs)
        passes.kept["spellings"] = (counts, spellings)
    variants, by_key = spellings
    if not variants:
        return passes.keep(text, ())
    return passes.keep(text, _variant_fixes(text, counts, variants, by_key, load_names(dirs).index))


def _count_names(text: str) -> tuple[Counter]:
    """The capitalised words that may be names, counted (none spans a line break)."""
    return (Counter(_NAME_TOKEN.findall(text)),)


def _spellings(counts: Counter, dirs: tuple[Path, ...]) -> tuple[list[str], dict[str, list[str]]]:
    """The spellings the table does not know and that are rare enough to be variants, and the
    English-looking spellings by their English readings."""
    known = load_names(dirs).index
    frequency = {w: zipf(w.lower()) for w in counts}
    # (rarer than both limits, or between them and English-looking: english_like only there)
    variants = [w for w in counts if w not in known and (frequency[w] < VARIANT_RARE or frequency[w] < ENGLISH_RARE
                                                          and english_like(w))]
    by_key: dict[str, list[str]] = {}
    if variants:
        for word in counts:
            if frequency[word] < EVERYDAY and english_like(word):  # (no target is more common)
                for k in keys(word, ENGLISH):
                    by_key.setdefault(k, []).append(word)
    return variants, by_key


def _variant_fixes(text: str, counts: Counter, variants: list[str], by_key: dict[str, list[str]],
                   table: dict) -> tuple[VariantFix, ...]:
    places = _Places(text)
    fixes, titles = [], None
    for word in variants:
        foreign = not english_like(word)
        found = dict.fromkeys(t for k in variant_keys(word) for t in by_key.get(k, ()))
        # Never "This" for "Thijs"; and never a spelling English writes less than the foreign one:
        # "Krychowiak" (a Polish footballer, zipf 1.4) is how English writes him, "Krykhovyak"
        # (machine translation through Russian, unattested) is not.
        targets = [t for t in found if t != word and zipf(t.lower()) < EVERYDAY
                   and (foreign and zipf(t.lower()) >= zipf(word.lower())
                        or not foreign and _wins(places, counts, t, word) and zipf(t.lower()) < ENGLISH_RARE)]
        if not targets:
            if foreign:
                fixes.extend(_suggestion(word, places))
            continue
        target = max(targets, key=lambda t: (counts[t], -places.starts(t)[0]))
        kind = "foreign-romanization" if foreign else "inconsistent-romanization"
        target_neighbours = places.neighbours(target)
        titles = _titles(text) if titles is None else titles
        for start in places.starts(word):
            if any(a <= start < b for a, b in titles):
                continue  # a quoted title keeps its own spelling
            # A given name followed by another surname is someone else ("Oleksii Danilov" is not
            # the "Oleksiy" of "Oleksiy Reznikov"); a surname is unified whoever bears it.
            beside = _neighbours(text, start, start + len(word))
            if beside and target_neighbours and not _related(beside, target_neighbours):
                continue
            if any(f"{word} {surname}" in table for surname in beside):
                continue  # a given name of a person of the table ("Serhii Lysak"): NAM001 and NAM002 decide
            fixes.append(VariantFix(kind, start, start + len(word), word, target, readable_by(word),
                                    accents_only=_accents_only(word, target) or _folded(word) == target and (
                                        counts[word] > counts[target] or not _SLAVIC_LETTERS.search(word))))
            # (accents alone: a suggestion, unless a Slavic convention's letter the article writes
            # less often than the plain spelling; "Tremé" twice beside one "Treme" is its choice)
    return tuple(sorted(fixes, key=lambda f: f.start))


def _accents_only(word: str, target: str) -> bool:
    """Whether ``word`` is ``target`` with accents that no convention writes for a Cyrillic
    letter (Ramírez, Fórmula, Müller; not the French ï, é or the Polish ł of Mikhaïlo, Nikopoł):
    the same spelling with and without its accents, not two romanizations. The accents are
    right for a name of a language written in Latin letters, whose article may also drop them."""
    if len(word) != len(target) or word == target:
        return False
    written = _convention_letters()
    for a, b in zip(word, target):
        if a != b and (a in written or a.lower() in written or not b.isascii()
                       or unicodedata.normalize("NFD", a)[0] != b):
            return False
    return True


_SLAVIC_LETTERS = compile_fast(r"[łśźżćńčšžřěůďťľĺŕąęŁŚŹŻĆŃČŠŽŘĚŮĎŤĽĹŔĄĘ]")  # written by Slavic conventions only




@functools.cache
def _convention_letters() -> frozenset[str]:
    return frozenset(ch for c in conventions().values() for s in c.inventory for ch in s if not ch.isascii())


class _Places:
    """Where each spelling stands in the text, and the surnames written after it, found on demand."""

    def __init__(self, text: str):
        self.text = text
        self.tokens = Tokens(text, _NAME_TOKEN)
        self.found: dict[str, list[int]] = {}

    def starts(self, word: str) -> list[int]:
        if word not in self.found:
            self.found[word] = [start for start, _, _ in self.tokens.find((word,))]
        return self.found[word]

    def neighbours(self, word: str) -> set[str]:
        return {n for start in self.starts(word) for n in _neighbours(self.text, start, start + len(word))}


def _wins(places: _Places, counts: Counter, target: str, variant: str) -> bool:
    """Of two English-looking spellings the more frequent wins, then the first used."""
    return (counts[target], -places.starts(target)[0]) > (counts[variant], -places.starts(variant)[0])


def _english_romanization(word: str) -> tuple[tuple[str, ...], str] | None:
    """For a lone foreign-looking surname: the conventions that read it and its English
    romanization, when every convention gives one English form with a Slavic surname ending
    (``Tokarew`` -> ``Tokarev``); ``Schladow`` (German Zhladov or Polish Skhladov) is more likely
    an English name."""
    if len(word) < 6 or zipf(word.lower()) >= 1.0:
        return None
    codes = readable_by(word)
    slavic = [c for code in codes for c in cyrillic(word, code)[:1] if c.endswith(_SLAVIC_ENDINGS)]
    candidates = tuple(dict.fromkeys(english_form(c) for c in slavic))
    return (codes, candidates[0]) if len(candidates) == 1 else None


def _suggestion(word: str, places: _Places) -> list[VariantFix]:
    """A lone foreign-looking surname: a hint with its English romanization (never applied)."""
    found = _english_romanization(word)
    if found is None:
        return []
    codes, english = found
    if english == word:
        return []  # (already the English form: "Loubutenko", French ou read as u)
    return [VariantFix("foreign-romanization", s, s + len(word), word, english, codes, (english,))
            for s in places.starts(word)]


@check("foreign-romanization")
@check("inconsistent-romanization")
def romanization_variant(doc, rule: Rule) -> Iterator[Finding]:
    for fix in romanization_fixes(doc.text, doc.config.rule_dirs, doc.memo):
        if fix.kind != rule.name or in_code(doc.text, fix.start, fix.end) or in_address(doc.text, fix.start, fix.end) \
                or not english_line(doc.text, fix.start, doc.config.rule_dirs):
            continue  # (a name in code or markup is an identifier: ``Reznikow`` in a key; an untranslated line keeps its names)
        detail = {"replacement": fix.after,
                  "conventions": ", ".join(conventions()[c].label for c in fix.conventions)}
        if fix.accents_only:  # the same spelling with and without accents: which is right, the text does not say
            message = f"'{fix.before}' is '{fix.after}' with accents, and the article writes both; use one"
            yield rule.finding(fix.start, fix.end, fix.after, applicability=Applicability.UNSAFE, found=fix.before,
                               detail=detail, message=message, severity=Severity.INFO)
        elif fix.candidates:  # a lone spelling: an info hint with its English romanization
            message = f"'{fix.before}' looks like a {detail['conventions']} spelling; English: {detail['replacement']}"
            yield rule.finding(fix.start, fix.end, fix.after, applicability=Applicability.UNSAFE, found=fix.before,
                               detail=detail, message=message, severity=Severity.INFO)
        else:
            yield rule.finding(fix.start, fix.end, fix.after, found=fix.before, detail=detail)


def explain(spelling: str, dirs: tuple[Path, ...] = (), profile: str = "default") -> str:
    """What the names rules would do with ``spelling``: for editors keeping a house style."""
    spelling = spelling.strip()
    if not any(c.isalpha() for c in spelling):
        raise CleanupError(f"names check: '{spelling}' is not a name (no letters)")
    lines = [spelling]
    for entry, main, given in load_names(dirs).index.get(spelling, ()):
        parts = [("surname" if entry.kind == "person" else "name", main, entry.main)]
        if given is not None:
            parts.insert(0, ("given name", given, entry.given))
        for label, spelled, spec in parts:
            status = "wrong" if spelled in spec.wrong else "accepted"
            default = spec.default(profile)
            if status == "wrong" and entry.town:
                action = (f"renamed to the article's accepted spelling (NAM001, safe), else suggested: '{default}' "
                          "(a town: NAM001, unsafe)")
            elif status == "wrong" and entry.kind == "person" and label == "surname":
                action = (f"renamed to the article's accepted spelling, else '{default}' (NAM001, safe); alone, where "
                          "nothing else in the article names the person, a suggestion; after another given name, kept")
            elif status == "wrong":
                action = f"renamed to the article's accepted spelling, else '{default}' (NAM001, safe)"
            elif spelled == default:
                action = "the house default: kept"
            else:
                action = f"accepted; unified with an earlier accepted spelling or '{default}' (NAM002)"
            lines.append(f"  table: {entry.kind} {entry.label}, {label} '{spelled}' is {status}: {action}")
        if entry.keep:
            lines.append(f"  kept in: {', '.join(entry.keep)}")
        if entry.kind == "place":
            lines.append("  kept in sentences naming a year before 1992 and in quoted titles of works")
    word = spelling.split()[-1]
    codes = readable_by(word)
    lines.append(f"  readable as: {', '.join(conventions()[c].label for c in codes) or 'no convention'}")
    for code in codes:
        lines.append(f"    {code}: {', '.join(c.replace('һ', 'г') for c in cyrillic(word, code)[:3])}")
    foreign = not english_like(word)
    frequency = zipf(word.lower())
    lines.append(f"  English-looking: {'no' if foreign else 'yes'}; word frequency {frequency:.2f}")
    if len(lines) > 1 and "table:" in lines[1]:
        lines.append("  names of the table are left to NAM001/NAM002")
    elif frequency >= (VARIANT_RARE if foreign else ENGLISH_RARE):
        lines.append("  too common a word to be renamed by NAM003/NAM004 (never a variant)")
    elif foreign:
        lines.append("  with the same name in English spelling in the article: renamed to it (NAM003, safe)")
        alone = _english_romanization(word)
        if alone:
            lines.append(f"  alone: suggestion (unsafe): {alone[1]}")
    else:
        lines.append("  with a more used English spelling of the same name: suggestion (NAM004, unsafe)")
    return "\n".join(lines)
