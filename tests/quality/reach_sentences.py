"""Reach of the sentence- and punctuation-level rules on artifacts injected into real news (issue 10).

Each class is injected into clean English news, in varied forms, and the rule that owns it
is run alone with unsafe fixes on (a suggestion counts as found):

- ``attribution``: a second attribution clause after a quote's own (``“…,” Adams said.
  she stated.``, ``said Zelensky. -he added.``), names, pronouns and roles, with and without a
  dash, capitalised or not, verbs of translations, present and perfect (SNT001).
- ``french``: guillemets with inner spaces in place of the article's quotation marks, or a
  space (plain or no-break) before ``: ; ? !`` (PUN005, PUN001).
- ``lost_space``: the space after a sentence end or a comma removed (PUN006).
- ``dialogue_dash``: the attribution dash of Ukrainian and Russian punctuation after a quote
  (``"…", - he said``) (PUN007).

Per class and corpus: ``recall`` (injected sites a change of the class's rules touches),
``precision`` (changes that touch an injected site, of all the changes those rules make on
the injected texts), ``exact`` (sites restored to the clean text exactly) and ``safe_recall``
(sites restored exactly by the default settings, safe fixes only).

Corpora: NTREX (in ``tests/data``), and, read from ``../shared`` (measure-only data, never
copied), ``wmt21-en-news`` and the human references of ``wmt23-general-into-english``; those are
skipped with a message when absent. ``python -m tests.quality.reach_sentences`` prints the figures.
"""

from __future__ import annotations

import json
import os
import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import regex

from cleanup import CleanupConfig, clean

ROOT = Path(__file__).resolve().parent.parent.parent
CLASSES = {
    "attribution": ("SNT001",), "french": ("PUN005", "PUN001"), "lost_space": ("PUN006",),
    "dialogue_dash": ("PUN007",),
}
SITES_PER_ARTICLE = 3


def shared_dir() -> Path | None:
    """``$CLEANUP_SHARED``, else ``<repo>/../shared``, else ``/work/shared``."""
    for candidate in (os.environ.get("CLEANUP_SHARED"), ROOT.parent / "shared", "/work/shared"):
        if candidate and Path(candidate, "corpus").is_dir():
            return Path(candidate)
    return None


def _paragraphs(sentences: list[str]) -> str:
    """A headline and paragraphs of one to three sentences (as ``conftest.ntrex_articles``)."""
    paragraphs, i, size = [sentences[0]], 1, 1
    while i < len(sentences):
        paragraphs.append(" ".join(sentences[i : i + size]))
        i += size
        size = size % 3 + 1
    return "\n\n".join(paragraphs) + "\n"


def corpora() -> dict[str, list[str]]:
    from conftest import ntrex_articles

    sets = {"ntrex": ntrex_articles()}
    shared = shared_dir()
    wmt21 = shared / "corpus" / "wmt21-en-news" / "wmt21_en_news.jsonl" if shared else None
    wmt23 = shared / "corpus" / "wmt23-general-into-english" if shared else None
    if wmt21 and wmt21.is_file():
        with wmt21.open(encoding="utf-8") as handle:
            sets["wmt21"] = [_paragraphs(json.loads(line)["segments"]) for line in handle]
    else:
        print("reach_sentences: ../shared/corpus/wmt21-en-news absent, skipped", file=sys.stderr)
    if wmt23 and wmt23.is_dir():
        refs = []
        for path in sorted(wmt23.glob("wmt23.*.docs.jsonl")):
            with path.open(encoding="utf-8") as handle:
                for line in handle:
                    doc = json.loads(line)
                    for paragraphs in list(doc["refs"].values())[:1]:
                        refs.append("\n\n".join(" ".join(p) for p in paragraphs) + "\n")
        sets["wmt23_refs"] = refs
    else:
        print("reach_sentences: ../shared/corpus/wmt23-general-into-english absent, skipped", file=sys.stderr)
    return sets


@dataclass
class Injected:
    """A text with artifacts, the clean text it should become, and the artifacts' spans in it."""

    dirty: str
    clean: str
    sites: list[tuple[int, int]] = field(default_factory=list)


Swap = tuple[int, int, str, str]  # (start, end, dirty text, clean text) in the original


def _apply(text: str, swaps: list[Swap]) -> list[Injected]:
    """One copy of ``text`` per swap, each with that one artifact (scores stay per site)."""
    return [
        Injected(text[:start] + bad + text[end:], text[:start] + good + text[end:], [(start, start + len(bad))])
        for start, end, bad, good in swaps
    ]


# --- attributions --------------------------------------------------------------------------

VERBS = (
    "said", "says", "added", "adds", "stated", "states", "declared", "declares", "indicated",
    "indicates", "assured", "assures", "affirmed", "affirms", "pointed out", "points out",
    "specified", "specifies", "stressed", "explained", "noted", "insisted", "underlined",
    "emphasized", "commented", "concluded", "recalled", "has indicated", "has stated",
    "has specified", "told reporters", "stated to the press", "said on Twitter",
    "added in a statement", "declared to journalists", "explained on television",
)
ROLES = ("the minister", "the mayor", "the spokesperson", "the president", "the official",
         "the head of the region", "the general")
NAMES = ("Adams", "Zelensky", "Hammel", "Kuleba", "Martínez", "Dupont", "Sánchez", "Podolyak")
DASHES = ("-", "–", "—", "- ", "– ", "— ", "")
_OWN_ATTRIBUTION = re.compile(
    r"(?<=[”\"]) (?P<clause>(?:(?:he|she|they|[A-Z][a-z]+(?: [A-Z][a-z]+)?) (?:said|says|told \w+|added|wrote))"
    r"|(?:said|says|added) (?:[A-Z][a-z]+(?: [A-Z][a-z]+)?|the [a-z]+))\.(?= |\n|$)"
)
_SENTENCE = re.compile(r"(?<=[.!?] )(?P<body>[A-Z][^.!?\n“”\"]{25,160})\.(?= [A-Z]|\n)")


def _second_clause(rng: random.Random, subject: str) -> tuple[str, str, bool]:
    """A restatement: (text after the first clause's stop, the clause alone, verb-first)."""
    dash = rng.choice(DASHES)
    verb = rng.choice(VERBS)
    pronoun = subject.lower() in ("he", "she", "they")
    if rng.random() < 0.2 and not pronoun:  # verb first: "-added the minister", "-said Zelensky"
        who = subject
        clause = f"{verb.split()[0] if not verb.startswith(('has', 'pointed', 'points')) else verb} {who}"
    else:
        if pronoun:
            who = subject.lower()
        elif rng.random() < 0.6:
            who = rng.choice(("he", "she"))
        else:
            who = subject if subject.startswith("the ") else subject.split()[-1]
        adverb = rng.choice(("", "", "", "also ", "then ", "further "))  # "he also noted"
        clause = f"{who} {adverb}{verb}"
    if rng.random() < 0.5 or not dash:
        clause = clause[0].upper() + clause[1:] if rng.random() < 0.5 else clause
    verb_first = clause.split()[0].lower() in {v.split()[0] for v in VERBS}
    stop = "," if dash and rng.random() < 0.15 else "."  # "he said, - he added."
    return f"{stop} {dash}{clause}.", clause, verb_first


def _after_quote(clause: str) -> str:
    """A clause right after a quote starts in lower case unless it starts with a name."""
    first = clause.split()[0].lower()
    if first in ("he", "she", "they", "the", "has") or first in {v.split()[0] for v in VERBS}:
        return clause[0].lower() + clause[1:]
    return clause


def _rest(clause: str) -> int:
    """Words after the speech verb (the rule keeps the clause with more); none after "said Adams"."""
    words = clause.split()
    if words[0].lower() in {v.split()[0] for v in VERBS}:
        return 0
    for i, word in enumerate(words):
        if word.lower() in {v.split()[0] for v in VERBS} and word.lower() != "has":
            return len(words) - i - 1 - (1 if word.lower() in ("pointed", "points") else 0)
    return 0


def inject_attributions(text: str, rng: random.Random) -> list[Injected]:
    swaps = []
    own = list(_OWN_ATTRIBUTION.finditer(text))
    rng.shuffle(own)
    for m in own[:SITES_PER_ARTICLE]:
        first = m.group("clause")
        verb_first = first.split()[0] in ("said", "says", "added")
        subject = first.split(" ", 1)[1] if verb_first else re.sub(r" (?:said|says|told \w+|added|wrote)$", "", first)
        tail, clause, verb_first = _second_clause(rng, subject)
        keep_second = _rest(clause) > _rest(first)
        good = text[m.start() : m.end()]
        if keep_second:
            start = _after_quote(clause)
            good = f" {start}."
        swaps.append((m.start(), m.end(), text[m.start() : m.end() - 1] + tail, good))
    if len(swaps) < SITES_PER_ARTICLE:  # quote a sentence of the article and attribute it twice
        sentences = [m for m in _SENTENCE.finditer(text) if not any(a <= m.start() < b for a, b, *_ in swaps)]
        rng.shuffle(sentences)
        for m in sentences[: SITES_PER_ARTICLE - len(swaps)]:
            who = rng.choice(NAMES + ("he", "she", "the minister"))
            first = f"{who} said" if rng.random() < 0.6 else f"said {who}"
            subject = who
            tail, clause, _ = _second_clause(rng, subject)
            # English punctuation, or the dialogue dash of Ukrainian and Russian translations
            lead = rng.choice((",” ", ",” ", "”, - ", "”, – ", ",\" - "))
            opening = "\"" if lead.endswith('" - ') else "“"
            quoted = f"{opening}{m.group('body')}{lead}{first}."
            good = quoted
            if _rest(clause) > _rest(first):
                start = _after_quote(clause)
                good = f"{opening}{m.group('body')}{lead}{start}."
            swaps.append((m.start(), m.end(), quoted[:-1] + tail, good))
    return _apply(text, swaps)


# --- dialogue dashes -------------------------------------------------------------------------

_QUOTE_ATTRIBUTION = re.compile(r"(?P<mark>[,!?])(?P<close>[”\"]) (?=(?:he|she|they|[A-Z][a-z]+|the [a-z]+) (?:said|says|told|added|wrote)\b|(?:said|says|added|told) )")


def inject_dialogue_dashes(text: str, rng: random.Random) -> list[Injected]:
    """``,” he said`` → ``”, – he said`` (or ``," - he said``, ``!" – said X``)."""
    sites = list(_QUOTE_ATTRIBUTION.finditer(text))
    rng.shuffle(sites)
    swaps = []
    for m in sites[:SITES_PER_ARTICLE]:
        dash = rng.choice(("-", "–", "—"))
        space = rng.choice((" ", " ", ""))
        if m.group("mark") == ",":
            bad = rng.choice((f"{m.group('close')}, {dash} ", f",{m.group('close')}{space}{dash} "))
        else:
            bad = f"{m.group('mark')}{m.group('close')}{space}{dash} "
        swaps.append((m.start(), m.end(), bad, m.group()))
    return _apply(text, swaps)


# --- French typography -----------------------------------------------------------------------

_QUOTED = re.compile(r"(?P<open>“)(?P<body>[^“”\"\n]{2,200})(?P<close>”)")
_STRAIGHT = re.compile(r'(?:(?<=^)|(?<=[\s(]))(?P<quote>"(?P<body>\w[^"\n]{0,198}[^\s"])")(?=[\s.,;:!?)]|$)', re.M)
_MARK = re.compile(r"(?<=[\w”\")])(?P<mark>[:;?!])(?=[\s”\"]|$)")
_PHRASE = re.compile(r"(?<= )(?P<body>[a-z]+ [a-z]+(?: [a-z]+)?)(?=[ ,.])")
INNER = (" ", "\u00a0", "\u202f", "")


def _style(text: str, at: int) -> tuple[str, str]:
    """The article's quotation marks (``“ ”`` unless it writes straight ones more), or the
    inner marks when ``at`` is inside an open quotation of its paragraph."""
    straight = text.count('"') > text.count("“") + text.count("”")
    before = text[text.rfind("\n", 0, at) + 1 : at]
    if before.count("“") > before.count("”") or straight and before.count('"') % 2:
        return ("'", "'") if straight else ("‘", "’")
    return ('"', '"') if straight else ("“", "”")


def inject_french(text: str, rng: random.Random) -> list[Injected]:
    swaps = []
    quotes = [(m.start(), m.end(), m.group("body")) for m in _QUOTED.finditer(text)]
    quotes += [(m.start("quote"), m.end("quote"), m.group("body")) for m in _STRAIGHT.finditer(text)]
    rng.shuffle(quotes)
    for start, end, body in quotes[:1]:  # the article's own quotation
        inner = rng.choice(INNER)
        dirty = f"«{inner}{body}{inner}»"
        opening, closing = _style(text[:start] + dirty + text[end:], start)  # the style the rest uses
        swaps.append((start, end, dirty, f"{opening}{body}{closing}"))
    marks = list(_MARK.finditer(text))
    rng.shuffle(marks)
    for m in marks[:1]:  # a space before : ; ? !
        swaps.append((m.start(), m.end(), rng.choice((" ", "\u00a0", "\u202f")) + m.group("mark"), m.group("mark")))
    if len(swaps) < 2:  # a phrase the translation quoted
        phrases = list(_PHRASE.finditer(text))
        rng.shuffle(phrases)
        for m in phrases[: 2 - len(swaps)]:
            opening, closing = _style(text, m.start())
            inner = rng.choice(INNER)
            swaps.append((m.start(), m.end(), f"«{inner}{m.group('body')}{inner}»", f"{opening}{m.group('body')}{closing}"))
    return _apply(text, swaps)


# --- lost spaces -----------------------------------------------------------------------------

# Any sentence end before a capital or an opening quote, any comma between words; not after
# initials or abbreviations with inner stops ("U.S. The" glued is ambiguous even to a reader).
_GAP = regex.compile(r"(?<!\.\w+)(?<=\w[”\")]?)(?P<mark>[.!?]) (?=[“\"]?[A-Z])|(?<=\w),(?= \w)")


def inject_lost_spaces(text: str, rng: random.Random) -> list[Injected]:
    gaps = list(_GAP.finditer(text))
    rng.shuffle(gaps)
    swaps = []
    for m in gaps[:SITES_PER_ARTICLE]:
        space = m.end() if m.group("mark") else m.end() + 1
        mark_end = space - 1 if m.group("mark") else m.end()
        swaps.append((mark_end, mark_end + 1, "", " "))
    return _apply(text, swaps)


INJECT: dict[str, Callable[[str, random.Random], list[Injected]]] = {
    "attribution": inject_attributions,
    "french": inject_french,
    "dialogue_dash": inject_dialogue_dashes,
    "lost_space": inject_lost_spaces,
}


# --- scoring ---------------------------------------------------------------------------------


@dataclass
class Score:
    sites: int = 0
    found: int = 0
    fixed_by_default: int = 0
    exact: int = 0
    changes: int = 0
    true_changes: int = 0

    def figures(self) -> dict[str, float]:
        return {
            "recall": round(self.found / self.sites, 4) if self.sites else 1.0,
            "precision": round(self.true_changes / self.changes, 4) if self.changes else 1.0,
            "exact": round(self.exact / self.sites, 4) if self.sites else 1.0,
            "safe_recall": round(self.fixed_by_default / self.sites, 4) if self.sites else 1.0,
            "sites": self.sites,
        }


def _touches(change, site: tuple[int, int]) -> bool:
    return change.start <= site[1] and change.end >= site[0]


def evaluate(texts: list[str], name: str, seed: int = 10, show: int = 0) -> Score:
    rng = random.Random(f"{seed}-{name}")
    config = CleanupConfig(select=CLASSES[name], unsafe_fixes=True)
    default = CleanupConfig(select=CLASSES[name])  # safe fixes only: what a batch applies unread
    score = Score()
    for text in texts:
        for case in INJECT[name](text, rng):
            result = clean(case.dirty, config)
            score.sites += len(case.sites)
            score.changes += len(result.changes)
            score.true_changes += sum(any(_touches(c, s) for s in case.sites) for c in result.changes)
            score.found += sum(any(_touches(c, s) for c in result.changes) for s in case.sites)
            score.exact += len(case.sites) if result.text == case.clean else 0
            score.fixed_by_default += len(case.sites) if clean(case.dirty, default).text == case.clean else 0
            if show and result.text != case.clean:
                show -= 1
                a, b = case.sites[0]
                print(f"  {'MISS' if not result.changes else 'INEXACT'}: {case.dirty[max(0, a - 60) : b + 40]!r}")
    return score


def measure() -> dict[str, float]:
    figures: dict[str, float] = {}
    for corpus, texts in corpora().items():
        for name in CLASSES:
            for key, value in evaluate(texts, name).figures().items():
                if key != "sites":
                    figures[f"reach_sentences.{corpus}.{name}.{key}"] = value
    return figures


def report() -> None:
    for corpus, texts in corpora().items():
        for name in CLASSES:
            print(corpus, name, evaluate(texts, name, show=int(os.environ.get("SHOW", "0"))).figures())


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/, for conftest
    if "--report" in sys.argv:
        report()
    else:
        print(json.dumps(measure(), indent=2))
