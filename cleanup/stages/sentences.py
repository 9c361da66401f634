"""Sentence-level machine-translation artifacts.

- Duplicated attribution: two attribution clauses for one quote (``he said. -he declares.``,
  ``said Zelensky. -he added.``, ``he said. he told The Times newspaper.``); the more
  informative one stays. Clause patterns come from ``cleanup.speech``.
- Stray fragment: an alternative translation left after the sentence end (``faced with.
  confronted”.``); safe only for a near-synonym by the thesaurus (``cleanup.thesaurus``).
- Calques: word-for-word translations from ``rules/lexicon/calques.toml``, also when the
  translation split them with a full stop (``at the conference. of press.``).
- Stray pronoun: a capitalised pronoun doubled after a relative pronoun (``who He has``).
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import regex

from ..cache import parsed_toml
from ..errors import RuleFileError
from ..lexicon import load_lexicon
from ..locations import builtin_rules_dir
from ..model import Applicability, Edit, Finding, Severity
from ..regexes import compile_fast
from ..registry import Rule, Triggers, check
from ..speech import attribution, written_as_pattern
from ..thesaurus import near_synonyms
from ..vocabulary import function_words, zipf

_NEW_STATEMENT = compile_fast(r"\b(?:that|whether|if|how|why|what|when|because|and|but|as)\b", regex.IGNORECASE)
_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it"})
_FIRST_PERSON = frozenset({"i", "we"})  # never the same speaker as a name
_CLOSING_QUOTE = compile_fast('[”"»]')
_STOP = compile_fast(r"\.")
_WALL = compile_fast(r"[!?;:“”\"]")  # marks no clause holds
# What an attribution's verb takes: a medium or an addressee ("on Twitter", "to reporters").
_COMPLEMENT = compile_fast(r"\s+(?i:on|to|in|at|during|via|from|after|before|for|through|reporters|journalists)\b")


@functools.cache
def _attribution(dirs: tuple[Path, ...], called: bool | None = None) -> regex.Pattern:
    """Called verbs compile fast and match slowly: right where the prefilter spares most tries."""
    parts = attribution(dirs, called=_verb_starts(dirs) is not None if called is None else called)
    verb, subject = parts.verb, parts.subject

    def clause(tag: str) -> str:
        """``he said``, ``Adams stated``, ``the minister has specified``, ``said Zelensky``."""
        rest = rf"(?P<{tag}_rest>(?:\s+[^\s.!?,;:“”\"]+){{0,5}})"
        return (
            rf"(?P<{tag}>(?:(?P<{tag}_subj>{subject})\s+(?:{parts.adverb}\s+)?(?P<{tag}_verb>{verb})"
            rf"|(?P<{tag}_verb>{verb})\s+(?P<{tag}_subj>{subject}))(?!\p{{L}}){rest})"
        )

    # '", - said Zelensky': the dialogue dash of Ukrainian and Russian punctuation may lead.
    # The clauses are split by a full stop, or by a comma and a dash ("he said, - he added."),
    # on one line: a paragraph that opens with an attribution is the next statement.
    return parts.compile(
        rf"\s*,?\s*(?:[-–—]\s*)?(?:{clause('a')})(?P<sep>\.|,(?=\s*[-–—]))(?P<gap>[^\S\n]*[-–—]?[^\S\n]*){clause('b')}\.(?=\s|$)"
    )


# What the attribution pattern matches, loosened: each clause is words without stops, commas,
# colons or quotes (as its subjects, verbs and trailing words are), and holds the first word of
# a speech verb. Where this fails, so does the full pattern; it fails after nearly every
# closing quote (all but 6 of 985 in NTREX), spares the full pattern's slow match there, and
# its compiling (11 ms) in an article where it fails after every quote.
_CLAUSE_CHARS = ".!?,;:“”\""
_LOOSE_ATTRIBUTION = compile_fast(
    rf"\s*,?\s*(?:[-–—]\s*)?(?P<a>[^{_CLAUSE_CHARS}]+)(?:\.|,(?=\s*[-–—]))\s*[-–—]?\s*(?P<b>[^{_CLAUSE_CHARS}]+)\.(?=\s|$)"
)
_LETTER_RUN = compile_fast(r"\p{L}+")


@functools.cache
def _verb_starts(dirs: tuple[Path, ...]) -> frozenset[str] | None:
    """The first letter run of every speech verb, lower-cased, or None where the loosened
    pattern does not hold: a verb or pronoun written as a pattern or with those marks (a rule
    folder may add one), or a verb not of ASCII letters (case-insensitive matching could then
    meet it in other letters)."""
    lexicon = load_lexicon("sentences", dirs)
    words = (*lexicon["speech-verbs"], *lexicon["attribution-pronouns"])
    if any(written_as_pattern(word) or any(char in word for char in _CLAUSE_CHARS) for word in words):
        return None
    starts = [_LETTER_RUN.match(verb) for verb in lexicon["speech-verbs"]]
    if not all(starts) or not all(verb.isascii() for verb in lexicon["speech-verbs"]):
        return None
    return frozenset(m.group().lower() for m in starts)


def _names_a_verb(clause: str, verb_starts: frozenset[str]) -> bool:
    """A verb starts a letter run (the full pattern puts it after a space, a dash or the
    clause start); a run with other than ASCII letters might match one case-insensitively."""
    return any(not run.isascii() or run.lower() in verb_starts for run in _LETTER_RUN.findall(clause))


def _may_attribute(text: str, at: int, dirs: tuple[Path, ...], marks: "_Marks") -> bool:
    """False only where the full attribution pattern cannot match at ``at``.

    The loosened pattern ends at the first or second full stop after ``at``, before any other
    mark its clauses cannot hold (``!?;:`` and quotes), so it is matched only up to there: left
    to run on, the engine looked for a full stop through the rest of the text at every quote."""
    verb_starts = _verb_starts(dirs)
    if verb_starts is None:
        return True
    end = marks.reach(at)
    if end is None:
        return False
    m = _LOOSE_ATTRIBUTION.match(text, at, end)
    return bool(m) and _names_a_verb(m.group("a"), verb_starts) and _names_a_verb(m.group("b"), verb_starts)


class _Marks:
    """Where the full stops and the marks no clause holds are in a text, to bound each try."""

    def __init__(self, text: str):
        self.size = len(text)
        self.stops = [m.start() for m in _STOP.finditer(text)]
        self.walls = [m.start() for m in _WALL.finditer(text)]

    def reach(self, at: int) -> int | None:
        """The end of the text the loosened pattern can read from ``at`` (with the character
        after its last full stop), or None when no full stop comes before a wall."""
        i = bisect.bisect_left(self.stops, at)
        j = bisect.bisect_left(self.walls, at)
        wall = self.walls[j] if j < len(self.walls) else self.size
        if i == len(self.stops) or self.stops[i] > wall:
            return None
        last = self.stops[i + 1] if i + 1 < len(self.stops) and self.stops[i + 1] < wall else self.stops[i]
        return min(self.size, last + 2, wall + 1)


def _attributions(text: str, dirs: tuple[Path, ...]) -> Iterator[regex.Match]:
    """Doubled attributions that start right after a closing quote (cheaper than a lookbehind)."""
    marks = None
    for quote in _CLOSING_QUOTE.finditer(text):  # guillemets too: punctuation runs after this stage
        marks = _Marks(text) if marks is None else marks
        if not _may_attribute(text, quote.end(), dirs, marks):
            continue
        m = _attribution(dirs).match(text, quote.end())
        if m:
            yield m


def _speaker(subject: str) -> str:
    """``President Tebboune`` and ``Tebboune`` are one speaker; ``the minister`` is one role."""
    words = subject.lower().split()
    return words[-1] if words[0] != "the" else " ".join(words)


def _name_and_role(a: str, b: str) -> bool:
    """One speaker named and one by a role ("Zelensky", "the president"), no pronoun."""
    return a not in _PRONOUNS and b not in _PRONOUNS and a.startswith("the ") != b.startswith("the ")


@check("duplicated-attribution")
def duplicated_attribution(doc, rule: Rule) -> Iterator[Finding]:
    """Keep the clause with more words after its verb; on a tie, the first."""
    text = doc.text
    for m in _attributions(text, doc.config.rule_dirs):
        if _NEW_STATEMENT.search(m.group("a_rest")) or _NEW_STATEMENT.search(m.group("b_rest")):
            continue  # "He added that…": reported speech, a new statement
        a_subj, b_subj = _speaker(m.group("a_subj")), _speaker(m.group("b_subj"))
        # The translation's signature: a dash ("-he added"), or a lower-case start after the stop.
        marked = m.group("gap").strip() or m.group("b")[0].islower()
        named_twice = a_subj != b_subj and ((a_subj in _PRONOUNS) == (b_subj in _PRONOUNS) or {a_subj, b_subj} & _FIRST_PERSON)
        if named_twice and not (m.group("gap").strip() and _name_and_role(a_subj, b_subj)):
            continue  # two speakers: "Peskov said. Zelensky told reporters", "he said. she added", "Adams said. I asked"
        # (A name and a role after a dash, "Zelensky said. – said the president", are likely one
        # speaker named twice, but no text measures it: a suggestion.)
        rest_a = len(m.group("a_rest").split())
        rest_b = len(m.group("b_rest").split())
        if not marked and rest_b and not _COMPLEMENT.match(m.group("b_rest")):
            continue  # "…,” he said. He said it again.", "Johnson said it twice.": a sentence of its own
        level = None if marked and not named_twice else Applicability.UNSAFE
        if rest_b > rest_a:  # keep the second: drop "he said. " (and a dash)
            edits = [Edit(m.start("a"), m.start("b"), "")]
            first = m.group("b")[0]
            named = m.start("b_subj") == m.start("b") and b_subj not in _PRONOUNS and not b_subj.startswith("the ")
            if first.isupper() and not named and m.group("b").split()[0] != "I":
                edits.append(Edit(m.start("b"), m.start("b") + 1, first.lower()))  # "He told" after the quote
            kept = m.group("b")
        else:  # keep the first: drop " -he declares."
            edits = [Edit(m.end("a") + 1, m.end(), "")] if m.group("sep") == "." else [Edit(m.end("a"), m.end() - 1, "")]
            kept = m.group("a")
        yield rule.finding(m.start("a"), m.end(), edits=tuple(edits), applicability=level,
                           found=text[m.start("a") : m.end()], detail={"replacement": kept + "."})


@functools.cache
def _abbreviation(dirs: tuple[Path, ...]) -> regex.Pattern:
    words = "|".join(load_lexicon("sentences", dirs)["abbreviations"])
    return compile_fast(rf"(?:^|[\s(])(?:{words})$", regex.IGNORECASE)


@functools.cache
def _fragment_words(dirs: tuple[Path, ...]) -> tuple[frozenset[str], frozenset[str], tuple[tuple[str, ...], ...]]:
    lexicon = load_lexicon("sentences", dirs)
    return (frozenset(lexicon["clause-words"]), frozenset(lexicon["particles"]),
            tuple(tuple(group.split()) for group in lexicon["inflection-classes"]))


# A sentence ended by a full stop, then one or two lower-case words, a closing quote or a stop,
# and the end of the paragraph. Not after "?" or "!": what follows them is an attribution.
_FRAGMENT = compile_fast(
    r"(?<=\p{L}\.)(?P<frag> \p{Ll}[\p{L}’'-]*(?: \p{Ll}[\p{L}’'-]*)?)(?P<close>[”\"’»]?)(?P<stop>\.?)[ \t]*(?=\n|$)"
)
_WORDS = compile_fast(r"[\p{L}\p{N}’'.-]+")
# What ``_FRAGMENT`` cannot match without: a letter, a stop, a space and a letter that is no
# ASCII capital (the gate, stdlib engine; it starts with the stop, which the engine skips to).
_STOP_LOWER = compile_fast(r"\. (?![A-Z])[^\W\d_](?<=[^\W\d_]\. .)")


def _inflection(word: str, classes: tuple[tuple[str, ...], ...]) -> int | None:
    """Which inflection class (``-ed``, ``-ing``, ``-ly``) ``word`` ends in: a part-of-speech mark."""
    for number, endings in enumerate(classes):
        if any(word.endswith(end) and len(word) >= len(end) + 3 for end in endings):
            return number
    return None


@check("stray-fragment", triggers=Triggers(patterns=(_STOP_LOWER,)))
def stray_fragment(doc, rule: Rule) -> Iterator[Finding]:
    """Safe only for one word that is the alternative of the word before the stop.

    A near-synonym by the Moby thesaurus (``faced with. confronted``, ``suspended.
    interrupted``) with the same inflection, the shape of its part of speech (``-ed``, ``-ing``,
    ``-ly`` or none). Anything else that still looks like a leftover (no clause, number or unit)
    is only suggested.
    """
    text = doc.text
    abbreviation = _abbreviation(doc.config.rule_dirs)
    clause_words, particles, classes = _fragment_words(doc.config.rule_dirs)
    for m in _FRAGMENT.finditer(text):
        before = text[max(0, m.start() - 12) : m.start() - 1]
        if before.endswith(("..", "…")) or abbreviation.search(before):
            continue
        if not m.group("close") and not m.group("stop"):
            continue  # "He said no. really" without a stop is too unsure
        words = m.group("frag").split()
        if any(w.lower() in clause_words or len(w) < 3 or zipf(w) < 2.5 for w in words):
            continue  # a clause ("need to fix"), a unit ("sq. m."), a name or no word at all
        sentence = _WORDS.findall(text[text.rfind("\n", 0, m.start()) + 1 : m.start() - 1])
        if len(sentence) < 4 or any(ch.isdigit() for ch in " ".join(sentence[-2:])):
            continue  # a short line or a figure ("2.6 billion. kronor"): not a leaked alternative
        head = next((w for w in reversed(sentence) if w.lower() not in particles), "")
        leaked = (len(words) == 1 and words[0].lower() != head.lower()
                  and _inflection(words[0].lower(), classes) == _inflection(head.lower(), classes)
                  and near_synonyms(words[0], head) is True)
        # Drop the fragment; a stop after the closing quote goes too, the sentence has one.
        yield rule.finding(m.start(), m.end(), m.group("close"), found=m.group("frag").strip(),
                           applicability=None if leaked else Applicability.UNSAFE,
                           detail={"replacement": m.group("close") or ""})


_COORDINATORS = frozenset({"and", "or", "nor"})
_NEXT_WORD = compile_fast(r"(-\p{L})|[ \t]+(\p{L}[\p{L}'’-]*)")  # a hyphenated part, or the next word on the line


@dataclass(frozen=True)
class Calque:
    """A calque's pattern and replacement from the lexicon, with the words it cannot match without."""
    pattern: regex.Pattern
    replace: str
    safe: bool
    source: str
    needs: tuple[str, ...] = ()  # its plain words, case-folded, rarest first: the text cannot match without them


@functools.cache
def calques(dirs: tuple[Path, ...]) -> tuple[Calque, ...]:
    out = []
    for folder in (builtin_rules_dir(), *dirs):
        path = folder / "lexicon" / "calques.toml"
        if not path.is_file():
            continue
        try:
            entries = parsed_toml(path.read_text(encoding="utf-8")).get("calque", [])
        except ValueError as exc:  # tomllib.TOMLDecodeError
            raise RuleFileError.invalid_toml(path, exc) from None
        for number, entry in enumerate(entries, 1):
            if set(entry) - {"find", "replace", "safe", "from"} or not {"find", "replace"} <= set(entry):
                raise RuleFileError(str(path), None, f"calque #{number}: needs find and replace (and safe, from)")
            words = entry["find"].split(" ")
            try:  # a stray full stop between the words is allowed: "conference. of press"
                pattern = compile_fast(r"(?<![\p{L}])" + r"\.?\s+".join(words) + r"(?![\p{L}])", regex.IGNORECASE)
            except regex.error as exc:
                raise RuleFileError(str(path), None, f"calque #{number}: bad pattern: {exc}") from None
            plain = sorted({w.casefold() for w in words if w.isalpha()}, key=zipf)  # (not words written as patterns)
            out.append(Calque(pattern, entry["replace"], bool(entry.get("safe", False)), entry.get("from", ""),
                              tuple(plain)))
    return tuple(out)


@check("calque")
def calque(doc, rule: Rule) -> Iterator[Finding]:
    text = doc.text
    folded = text.casefold()  # one substring search a calque rules most texts out (a pattern scan each took 3 ms/MB)
    for entry in calques(doc.config.rule_dirs):
        if not all(word in folded for word in entry.needs):
            continue
        for m in entry.pattern.finditer(text):
            after = _NEXT_WORD.match(text, m.end())
            if after and (after.group(1) or after.group(2).lower() in _COORDINATORS
                          or after.group(2).lower() not in function_words(doc.config.rule_dirs)):
                continue  # part of a longer phrase: "a round of press interviews", "the cabinet of
                # crisis-hit Greece", "took note of press and public criticism"
            replacement = m.expand(entry.replace)
            if m.group()[0].isupper():
                replacement = replacement[0].upper() + replacement[1:]
            level = None if entry.safe else Applicability.UNSAFE
            yield rule.finding(m.start(), m.end(), replacement, found=m.group(), applicability=level,
                               detail={"source": entry.source})


_STRAY_PRONOUN = compile_fast(r"(?<=\b(?:who|which|that) )(?P<pronoun>He|She|It|They|We) (?=\p{Ll})")
_RELATIVE_PRONOUNS = tuple(compile_fast(rf"{word} (?:He|She|It|They|We) ") for word in ("who", "which", "that"))  # (the gate)


@check("stray-pronoun", triggers=Triggers(patterns=_RELATIVE_PRONOUNS))
def stray_pronoun(doc, rule: Rule) -> Iterator[Finding]:
    text = doc.text
    for m in _STRAY_PRONOUN.finditer(text):
        if text[max(0, m.start() - 5) : m.start()] == "that ":
            # "that" may be the conjunction before a new subject written with a capital: a
            # pronoun for God ("we trust that He is with us") or a title ("that It was his best
            # book"): a suggestion
            yield rule.finding(m.start(), m.end(), "", found=m.group("pronoun"),
                               applicability=Applicability.UNSAFE, severity=Severity.INFO)
        else:
            yield rule.finding(m.start(), m.end(), "", found=m.group("pronoun"))
