"""Punctuation spacing and sentence ends that translation got wrong."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..model import Applicability, Finding, Severity
from ..registry import Rule, Triggers, check
from ..textview import split_lines

# A space before , . ; : ! ? that ends a word (not ".5", not ".NET", not an ellipsis).
_SPACE_BEFORE = regex.compile(r"(?<=[\p{L}\p{N}”’\"\)\]])[ \t]+(?=[.,;:!?](?:[\s”’\"\)]|$))(?!\.\.)")
# "conflict. ." / "end.." but never an ellipsis.
_DOUBLED = regex.compile(r"(?<=\p{L}[”’\"\)]?)(?P<mark>[.!?])(?P<extra>[ \t]*\.)(?![.\p{L}\p{N}])(?<!\.\.\.)")
# 'Everyone, ”wrote': the closing quote belongs to the comma, the space to the next word.
_QUOTE_GLUED = regex.compile(r"(?P<mark>[,.!?])[ \t]+”(?=\p{L})")
_END = regex.compile(r"[.!?…:;][”’\"»)\]]*$|[.!?…][”’\"»)\]]+[.!?]?$")
_SENTENCE_BREAK = regex.compile(r"\p{Ll}[.!?][”’\"]?\s+[“\"]?\p{Lu}")
_BULLET = regex.compile(r"^\s*(?:[•·▪►◦‣∙*–—-]|\d{1,2}[.)])\s+")


@check("space-before-punctuation")
def space_before_punctuation(doc, rule: Rule) -> Iterator[Finding]:
    text = doc.text
    for m in _SPACE_BEFORE.finditer(text):
        if text[m.end() : m.end() + 3] == "...":
            continue
        yield rule.finding(m.start(), m.end(), "", found=text[m.start() - 1 : m.end() + 1])


@check("doubled-terminal-punctuation")
def doubled_terminal_punctuation(doc, rule: Rule) -> Iterator[Finding]:
    text = doc.text
    for m in _DOUBLED.finditer(text):
        if text[max(0, m.start() - 2) : m.start()] == "..":
            continue
        # "conflict. ." is a doubled stop; "or.." may be a clipped ellipsis: only a suggestion
        level = None if m.group("extra")[0].isspace() else Applicability.UNSAFE
        yield rule.finding(m.start("extra"), m.end("extra"), "", found=m.group(), applicability=level)


@check("misplaced-closing-quote", triggers=Triggers(("”",)))
def misplaced_closing_quote(doc, rule: Rule) -> Iterator[Finding]:
    text = doc.text
    for m in _QUOTE_GLUED.finditer(text):
        yield rule.finding(m.start(), m.end(), m.group("mark") + "” ", found=text[m.start() : m.end() + 1])


@check("missing-final-stop")
def missing_final_stop(doc, rule: Rule) -> Iterator[Finding]:
    """A paragraph of several sentences that stops without a full stop gets one.

    Safe when it ends with a closing quote (translations from Spanish and French drop the
    stop that those languages put after the quote); otherwise the last line may be a caption
    or a bio, so the stop is only suggested. Headlines, subheadings, list items and credit
    lines are single phrases or bullets and never touched, nor the first line.
    """
    text = doc.text
    lines = split_lines(text)
    for i, line in enumerate(lines):
        body = line.text.rstrip()
        if not body or i == 0 or _BULLET.match(body) or _END.search(body):
            continue
        if i + 1 < len(lines) and not lines[i + 1].blank:
            continue  # not the end of a paragraph
        if not _SENTENCE_BREAK.search(body) or not (body[-1].isalnum() or body[-1] in "”\""):
            continue
        end = line.start + len(body)
        if body[-1] in "”\"" and body[-2:-1].isalnum():
            yield rule.finding(end, end, ".", found=body[-30:])
        else:
            yield rule.finding(end, end, ".", found=body[-30:], applicability=Applicability.UNSAFE,
                               severity=Severity.INFO)
