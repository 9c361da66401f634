"""Whitespace checks that need more than one pattern; the simple ones are data in rules/."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding
from ..regexes import compile_fast
from ..registry import Rule, Triggers, check

# Every line break that is not a plain LF, and what it becomes. A paragraph separator ends a
# paragraph, so it becomes a blank line.
_BREAKS = {"\r\n": "\n", "\r": "\n", "\u2028": "\n", "\u2029": "\n\n", "\x0b": "\n", "\x0c": "\n"}
_BREAK = compile_fast("\r\n|[\r\u2028\u2029\x0b\x0c]")
_NAMES = {"\r\n": "CRLF", "\r": "CR", "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR",
          "\x0b": "VERTICAL TAB", "\x0c": "FORM FEED"}


@check("unusual-line-break", triggers=Triggers(tuple(_NAMES)))
def unusual_line_break(doc, rule: Rule) -> Iterator[Finding]:
    text = doc.text
    if not any(char in text for char in _NAMES):
        return
    for m in _BREAK.finditer(text):
        yield rule.finding(m.start(), m.end(), _BREAKS[m.group()], found=_NAMES[m.group()])


@check("final-newline")
def final_newline(doc, rule: Rule) -> Iterator[Finding]:
    text = doc.text
    body = text.rstrip("\n")
    if body and text[len(body) :] != "\n":
        yield rule.finding(len(body), len(text), "\n", found=text[len(body) :])


# The spaces that become plain ones, unless they tie a number to its unit ("30 km", "5 %").
_UNUSUAL = "\u00A0\u202F\u1680\u2000-\u200A\u205F\u3000"
_UNUSUAL_SPACE = compile_fast(f"[{_UNUSUAL}](?:(?<!\\d[\u00A0\u202F])|(?![\\p{{L}}%]))")
_UNUSUAL_CHAR = compile_fast(f"[{_UNUSUAL}]")
_SPACES = compile_fast(r"[\t\p{Zs}]*")
_NOT_SPACE = compile_fast(r"\S")


@check("nonstandard-space", triggers=Triggers(patterns=(_UNUSUAL_CHAR,), non_ascii=True))
def nonstandard_space(doc, rule: Rule) -> Iterator[Finding]:
    """Unusual spaces in a run of spaces that text follows (a run at a line end is trailing).

    Decided once per run, not by a lookahead from each space: linear in long runs.
    """
    text = doc.text
    if text.isascii():
        return
    run_end, followed = -1, False
    for m in _UNUSUAL_CHAR.finditer(text):
        at = m.start()
        if at >= run_end:  # a new run of spaces: is text after it?
            run_end = _SPACES.match(text, at).end()
            followed = bool(_NOT_SPACE.match(text, run_end))
        if followed and _UNUSUAL_SPACE.match(text, at):
            yield rule.finding(at, at + 1, " ", text=text)
