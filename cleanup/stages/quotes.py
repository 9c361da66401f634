"""Quotation marks that translation left in another language's style.

A closing quote glued to the next word, French guillemets, and the attribution dash of
Ukrainian and Russian punctuation (rules of the punctuation stage).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import regex

from ..model import Applicability, Edit, Finding
from ..regexes import compile_fast
from ..registry import Rule, Triggers, check
from ..speech import attribution
from ..textview import LineTally

# 'Everyone, ”wrote': the closing quote belongs to the comma, the space to the next word.
_QUOTE_GLUED = compile_fast(r"(?P<mark>[,.!?])[ \t]+”(?=\p{L})")
# What it cannot match without (the gate): the quote, looked back from (a run of spaces: any two).
_MARK_SPACE_QUOTE = compile_fast(r"”(?:(?<=[,.!?] ”)|(?<=[,.!?]\t”)|(?<=[ \t][ \t]”))")


@check("misplaced-closing-quote", triggers=Triggers(patterns=(_MARK_SPACE_QUOTE,), non_ascii=True))
def misplaced_closing_quote(doc, rule: Rule) -> Iterator[Finding]:
    text = doc.text
    for m in _QUOTE_GLUED.finditer(text):
        yield rule.finding(m.start(), m.end(), m.group("mark") + "” ", found=text[m.start() : m.end() + 1])


_LATIN = compile_fast(r"\p{Latin}")
_LETTER = compile_fast(r"\p{L}")
# French guillemets with the (no-break) spaces French typography puts inside them.
_GUILLEMETS = compile_fast(r"«[ \t\u00a0\u202f]*(?P<body>[^«»\n]*?)[ \t\u00a0\u202f]*»")


def _latin(text: str, at: int) -> bool:
    """Is the paragraph around ``at`` written mostly in Latin letters (English, not Cyrillic)?"""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    paragraph = text[start : end if end != -1 else len(text)]
    return len(_LATIN.findall(paragraph)) * 2 > len(_LETTER.findall(paragraph))


@check("french-quotes", triggers=Triggers(("«",)))
def french_quotes(doc, rule: Rule) -> Iterator[Finding]:
    """``« … »`` become the quotation marks the article uses elsewhere, else ``“ ”``."""
    text = doc.text
    straight = text.count('"') > text.count("“") + text.count("”")
    opening, closing = ('"', '"') if straight else ("“", "”")
    # Guillemets beside other quotation marks are a translation's leftover: safe. Guillemets
    # only may be a house style (some outlets publish English so): a suggestion.
    mixed = text.count('"') + text.count("“") + text.count("”") > 0
    # The quotes before each pair on its line, and whether the line is Latin, are read once a
    # line (read afresh at each pair, a long line made it quadratic).
    quotes, latin = LineTally(text, "“”\""), {}
    for m in _GUILLEMETS.finditer(text):
        opened, closed, straights = quotes.before(m.start())
        if not m.group("body").strip():
            continue
        if quotes.line not in latin:
            latin[quotes.line] = _latin(text, m.start())
        if not latin[quotes.line]:
            continue  # « » are right in Russian, Ukrainian or French text
        start, end = opening, closing
        if opened > closed or straight and straights % 2:
            start, end = ("'", "'") if straight else ("‘", "’")  # a quotation inside a quotation
        edits = (Edit(m.start(), m.start("body"), start), Edit(m.end("body"), m.end(), end))
        yield rule.finding(m.start(), m.end(), edits=edits, found=m.group(),
                           applicability=None if mixed else Applicability.UNSAFE,
                           detail={"replacement": start + m.group("body") + end})


@functools.cache
def _dialogue_dash(dirs: tuple[Path, ...]) -> regex.Pattern:
    parts = attribution(dirs)
    return parts.compile(
        rf"(?:(?P<end>,|(?<!\.)\.)?(?P<close>[”\"»])(?P<comma>,?)|(?<=[\p{{L}}\p{{N}}])(?P<bare>,))[ \t]*[-–—][ \t]*"
        rf"(?={parts.verb}\s|(?:{parts.subject})\s+{parts.verb}(?!\p{{L}}))"
    )


# A closing quote, maybe a comma, and a dash: what every match of the pattern starts with, so
# an article without one neither runs nor compiles it (16 ms). One pattern per quote, each
# starting with its quote, which the engine skips to.
_PAIRED_DASH = compile_fast(r"[^.!?\n–—]{1,120}?\s[–—]\s")  # the aside's closing dash, before the sentence ends
_PAIRED_HYPHEN = compile_fast(r"[^.!?\n–—-]{1,120}?\s-\s")  # the same written with hyphens (no quote to go by)
_QUOTE_DASHES = (*(compile_fast(rf"{quote},?[ \t]*[-–—]") for quote in '”"»'), compile_fast(r",[ \t]*[-–—]"))


@check("dialogue-dash", triggers=Triggers(patterns=_QUOTE_DASHES))
def dialogue_dash(doc, rule: Rule) -> Iterator[Finding]:
    """``"…", - said Zelensky`` → ``"…," said Zelensky``: the attribution dash of Ukrainian and
    Russian punctuation, which translation keeps, becomes the English comma inside the quote."""
    text = doc.text
    for m in _dialogue_dash(doc.config.rule_dirs).finditer(text):
        inside = text[m.start() - 1 : m.start()] if m.start() else ""
        if m.group("bare"):  # the quotation marks were lost, the dash kept: "as an artist, - said the Ukrainian."
            replacement = ", "
        elif inside in "!?…" or text[max(0, m.start() - 3) : m.start()] == "...":
            replacement = m.group("close") + " "  # "Together!" said": no comma after ! ? …
        else:
            replacement = "," + m.group("close") + " "
        if not (m.group("comma") or m.group("end") or m.group("bare")) and inside not in "!?…":
            continue  # no comma at all: not the translation's pattern
        if _PAIRED_DASH.match(text, m.end()) or m.group("bare") and _PAIRED_HYPHEN.match(text, m.end()):
            continue  # a dash that opens an aside: "“Help!” – said to be Lennon's own cry – topped the charts"
        yield rule.finding(m.start(), m.end(), replacement, found=text[m.start() : m.end() + 12],
                           detail={"replacement": replacement.strip()})
