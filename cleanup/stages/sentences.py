"""Sentence-level machine-translation artifacts.

- Duplicated attribution: two attribution clauses for one quote (``he said. -he declares.``,
  ``he said. he told The Times newspaper.``); the more informative one stays.
- Stray fragment: an alternative translation left after the sentence end (``faced with.
  confronted”.``).
- Calques: word-for-word translations from ``rules/lexicon/calques.toml``, also when the
  translation split them with a full stop (``at the conference. of press.``).
- Stray pronoun: a capitalised pronoun doubled after a relative pronoun (``who He has``).
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import regex

from ..errors import RuleFileError
from ..lexicon import load_lexicon
from ..locations import builtin_rules_dir
from ..model import Applicability, Edit, Finding
from ..registry import Rule, Triggers, check

_NAME = r"\p{Lu}[\p{L}’'-]+(?:\s+\p{Lu}[\p{L}’'-]+){0,3}"
_NEW_STATEMENT = regex.compile(r"\b(?:that|whether|if|how|why|what|when|because|and|but|as)\b", regex.IGNORECASE)


@functools.cache
def _attribution(dirs: tuple[Path, ...]) -> regex.Pattern:
    lexicon = load_lexicon("sentences", dirs)
    verbs = "|".join(sorted(lexicon["speech-verbs"], key=len, reverse=True))
    pronouns = "|".join(lexicon["attribution-pronouns"])

    def clause(tag: str) -> str:
        return (
            rf"(?P<{tag}>(?P<{tag}_subj>(?i:{pronouns})|{_NAME})\s+(?P<{tag}_verb>(?i:{verbs}))"
            rf"(?P<{tag}_rest>(?:\s+[^\s.!?,;:“”\"]+){{0,5}}))"
        )

    return regex.compile(rf"\s*(?:{clause('a')})\.(?P<gap>\s*[-–—]?\s*){clause('b')}\.(?=\s|$)")


def _after_quotes(pattern: regex.Pattern, text: str) -> Iterator[regex.Match]:
    """Matches of ``pattern`` that start right after a closing quote (cheaper than a lookbehind)."""
    for quote in re.finditer("[”\"]", text):
        m = pattern.match(text, quote.end())
        if m:
            yield m


@check("duplicated-attribution", triggers=Triggers(("”", '"')))
def duplicated_attribution(doc, rule: Rule) -> Iterator[Finding]:
    """Keep the clause with more words after its verb; on a tie, the first."""
    text = doc.text
    for m in _after_quotes(_attribution(doc.config.rule_dirs), text):
        if _NEW_STATEMENT.search(m.group("a_rest")) or _NEW_STATEMENT.search(m.group("b_rest")):
            continue  # "He added that…": reported speech, a new statement
        a_subj, b_subj = m.group("a_subj"), m.group("b_subj")
        same = a_subj.lower() == b_subj.lower()
        pronoun_pair = a_subj.lower() in ("he", "she", "they") or b_subj.lower() in ("he", "she", "they")
        if not same and not pronoun_pair:
            continue  # two different speakers
        marked = m.group("gap").strip() or m.group("b")[0].islower()  # the MT signature: "-he", ". he"
        level = Applicability.SAFE if same and marked else Applicability.UNSAFE
        rest_a = len(m.group("a_rest").split())
        rest_b = len(m.group("b_rest").split())
        if rest_b > rest_a:  # keep the second: drop "he said. " (and a dash)
            edits = [Edit(m.start("a"), m.start("b"), "")]
            first = m.group("b")[0]
            if first.isupper() and m.group("b_subj").lower() in ("he", "she", "they", "we", "it"):
                edits.append(Edit(m.start("b"), m.start("b") + 1, first.lower()))
            kept = m.group("b")
        else:  # keep the first: drop " -he declares."
            edits = [Edit(m.end("a") + 1, m.end(), "")]
            kept = m.group("a")
        yield rule.finding(m.start("a"), m.end(), edits=tuple(edits), applicability=level,
                           found=text[m.start("a") : m.end()], detail={"replacement": kept + "."})


@functools.cache
def _abbreviation(dirs: tuple[Path, ...]) -> regex.Pattern:
    words = "|".join(load_lexicon("sentences", dirs)["abbreviations"])
    return regex.compile(rf"(?:^|[\s(])(?:{words})$", regex.IGNORECASE)


# A complete sentence, then up to three lower-case words, a closing quote, a stop, paragraph end.
_FRAGMENT = regex.compile(
    r"(?<=\p{L}[.!?])(?P<frag> \p{Ll}[\p{L}’'-]*(?: \p{Ll}[\p{L}’'-]*){0,2})(?P<close>[”\"’»]?)(?P<stop>\.?)[ \t]*(?=\n|$)"
)


@check("stray-fragment")
def stray_fragment(doc, rule: Rule) -> Iterator[Finding]:
    text = doc.text
    abbreviation = _abbreviation(doc.config.rule_dirs)
    for m in _FRAGMENT.finditer(text):
        before = text[max(0, m.start() - 12) : m.start() - 1]
        if before.endswith(("..", "…")) or abbreviation.search(before):
            continue
        if not m.group("close") and not m.group("stop"):
            continue  # "He said no. really" without a stop is too unsure
        # Drop the fragment; a stop after the closing quote goes too, the sentence has one.
        yield rule.finding(m.start(), m.end(), m.group("close"), found=m.group("frag").strip(),
                           detail={"replacement": m.group("close") or ""})


@dataclass(frozen=True)
class Calque:
    pattern: regex.Pattern
    replace: str
    safe: bool
    source: str


@functools.cache
def calques(dirs: tuple[Path, ...]) -> tuple[Calque, ...]:
    out = []
    for folder in (builtin_rules_dir(), *dirs):
        path = folder / "lexicon" / "calques.toml"
        if not path.is_file():
            continue
        try:
            entries = tomllib.loads(path.read_text(encoding="utf-8")).get("calque", [])
        except tomllib.TOMLDecodeError as exc:
            raise RuleFileError(str(path), getattr(exc, "lineno", None), f"invalid TOML: {exc}") from None
        for number, entry in enumerate(entries, 1):
            if set(entry) - {"find", "replace", "safe", "from"} or not {"find", "replace"} <= set(entry):
                raise RuleFileError(str(path), None, f"calque #{number}: needs find and replace (and safe, from)")
            words = entry["find"].split(" ")
            try:  # a stray full stop between the words is allowed: "conference. of press"
                pattern = regex.compile(r"(?<![\p{L}])" + r"\.?\s+".join(words) + r"(?![\p{L}])", regex.IGNORECASE)
            except regex.error as exc:
                raise RuleFileError(str(path), None, f"calque #{number}: bad pattern: {exc}") from None
            out.append(Calque(pattern, entry["replace"], bool(entry.get("safe", False)), entry.get("from", "")))
    return tuple(out)


@check("calque")
def calque(doc, rule: Rule) -> Iterator[Finding]:
    text = doc.text
    for entry in calques(doc.config.rule_dirs):
        for m in entry.pattern.finditer(text):
            replacement = m.expand(entry.replace)
            if m.group()[0].isupper():
                replacement = replacement[0].upper() + replacement[1:]
            level = None if entry.safe else Applicability.UNSAFE
            yield rule.finding(m.start(), m.end(), replacement, found=m.group(), applicability=level,
                               detail={"source": entry.source})


_STRAY_PRONOUN = regex.compile(r"(?<=\b(?:who|which|that) )(?P<pronoun>He|She|It|They|We) (?=\p{Ll})")


@check("stray-pronoun")
def stray_pronoun(doc, rule: Rule) -> Iterator[Finding]:
    text = doc.text
    for m in _STRAY_PRONOUN.finditer(text):
        yield rule.finding(m.start(), m.end(), "", found=m.group("pronoun"))
