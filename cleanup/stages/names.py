"""Name spellings: foreign and outdated transliterations, and one spelling per article.

Policy (ARTIFACTS.md): a wrong spelling becomes the accepted spelling the article already
uses, else the house default; accepted spellings are unified to the first one the article
uses; a house-style profile (``ap``) may impose its own choice. Guards: phrases in which the
old spelling is right (``Chicken Kiev``), sentences about the past (a year before 1992), and
titles of works in quotation marks.
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import regex

from ..model import Edit, Finding
from ..names import Mention, find_mentions
from ..registry import Rule, check

_HISTORICAL_YEAR = regex.compile(r"(?<!\d)(?:[89]\d\d|1[0-8]\d\d|19[0-8]\d|199[01])(?!\d)")
_SENTENCE_END = regex.compile(r"[.!?…]\s|\n")
_CAPITAL_NEXT = regex.compile(r" \p{Lu}")
_QUOTED = regex.compile(r"[“\"«‘]([^”\"»’\n]{1,80})[”\"»’]")


@dataclass(frozen=True)
class NameFix:
    kind: str  # the rule name that reports it
    mention: Mention
    edits: tuple[Edit, ...]
    before: str
    after: str


class _Context:
    """Where guards apply in one text, computed once: keep phrases, sentences, quoted titles."""

    def __init__(self, text: str, entries):
        self.text = text
        self.keep = {
            entry.key: [m.span() for phrase in entry.keep for m in regex.finditer(regex.escape(phrase), text)]
            for entry in entries
            if entry.keep
        }
        self.ends = [m.end() for m in _SENTENCE_END.finditer(text)]
        self.titles = _titles(text)  # sorted, never overlapping
        self.title_starts = [a for a, _ in self.titles]
        self._historical: dict[int, bool] = {}  # sentence index -> names a year before 1992

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
        i = bisect_right(self.title_starts, mention.start) - 1
        if i >= 0 and mention.end <= self.titles[i][1]:
            return True
        return mention.entry.kind == "place" and self.historical(mention.start)

    def historical(self, start: int) -> bool:
        """Whether the sentence at ``start`` names a year before 1992 (once per sentence)."""
        i = bisect_right(self.ends, start)
        if i not in self._historical:
            self._historical[i] = bool(_HISTORICAL_YEAR.search(self.sentence(start)))
        return self._historical[i]


def _titles(text: str) -> list[tuple[int, int]]:
    """Quoted Title Case phrases: names of books, films, operations ("Kiev: A Portrait")."""
    spans = []
    for m in _QUOTED.finditer(text):
        words = [w for w in m.group(1).split() if w[:1].isalpha()]
        if 2 <= len(words) <= 10 and all(w[0].isupper() or len(w) <= 3 for w in words):
            spans.append(m.span(1))
    return spans


@functools.lru_cache(maxsize=8)
def analyse(text: str, profile: str, dirs: tuple[Path, ...]) -> tuple[NameFix, ...]:
    found = find_mentions(text, dirs)
    context = _Context(text, {m.entry for m in found})
    mentions = [m for m in found if not context.guarded(m)]
    chosen: dict[tuple[str, str], str] = {}
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
    fixes = []
    for mention in mentions:
        edits, wrong = [], False
        parts = [("main", mention.main, mention.main_start, mention.entry.main)]
        if mention.given is not None:
            parts.insert(0, ("given", mention.given, mention.given_start, mention.entry.given))
        for part, spelled, start, spec in parts:
            target = chosen.get((mention.entry.key, part), spec.default(profile))
            if spelled != target:
                edits.append(Edit(start, start + len(spelled), target))
                wrong |= mention.status(part) == "wrong"
        if edits:
            before = text[mention.start : mention.end]
            after = before
            for edit in reversed(edits):
                after = after[: edit.start - mention.start] + edit.replacement + after[edit.end - mention.start :]
            kind = "nonstandard-name-spelling" if wrong else "inconsistent-name-spelling"
            fixes.append(NameFix(kind, mention, tuple(edits), before, after))
    return tuple(fixes)


@check("nonstandard-name-spelling")
@check("inconsistent-name-spelling")
def name_spelling(doc, rule: Rule) -> Iterator[Finding]:
    for fix in analyse(doc.text, doc.config.profile, doc.config.rule_dirs):
        if fix.kind == rule.name:
            yield rule.finding(fix.mention.start, fix.mention.end, edits=fix.edits, found=fix.before,
                               detail={"replacement": fix.after, "name": fix.mention.entry.label},
                               message=None)
