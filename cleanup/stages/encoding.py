"""Encoding repairs: text decoded with the wrong codec, and HTML entities left in plain text."""

from __future__ import annotations

import difflib
import html
from collections.abc import Iterator

import ftfy
import regex
from ftfy import badness, chardata

from ..model import Finding
from ..registry import Rule, check

# Only ftfy's encoding repairs: quotes, ligatures, widths and normalisation are house style,
# and HTML entities and control characters have rules of their own.
FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=False,
    normalization=None,
    explain=True,
)

_GATES = (badness.BADNESS_RE, chardata.UTF8_DETECTOR_RE, chardata.C1_CONTROL_RE)
_LINE = regex.compile(r"[^\n]+")
_ENTITY = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_MAX_DIFF_LINE = 20_000  # longer lines get one edit instead of a character diff


def _suspect(text: str) -> bool:
    """The cheap gate: ftfy's own mojibake detectors. Clean text never reaches ftfy."""
    return not text.isascii() and any(gate.search(text) for gate in _GATES)


@check("mojibake")
def mojibake(doc, rule: Rule) -> Iterator[Finding]:
    text = doc.text
    if not _suspect(text):
        return
    for line in _LINE.finditer(text):
        original = line.group()
        if not _suspect(original):
            continue
        fixed, plan = ftfy.fix_and_explain(original, FTFY_CONFIG)
        if fixed == original:
            continue
        steps = [step for _, step in plan or []]
        for a, b, new in _regions(original, fixed):
            yield rule.finding(
                line.start() + a, line.start() + b, new, found=original[a:b], detail={"ftfy": steps}
            )


def _regions(old: str, new: str) -> Iterator[tuple[int, int, str]]:
    """Smallest differing regions between two versions of a line, as (start, end, text)."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    old_mid, new_mid = old[prefix : len(old) - suffix], new[prefix : len(new) - suffix]
    if len(old_mid) > _MAX_DIFF_LINE:
        yield prefix, prefix + len(old_mid), new_mid
        return
    matcher = difflib.SequenceMatcher(None, old_mid, new_mid, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op != "equal":
            yield prefix + a1, prefix + a2, new_mid[b1:b2]


@check("html-entity")
def html_entity(doc, rule: Rule) -> Iterator[Finding]:
    text = doc.text
    if "&" not in text:
        return
    for m in _ENTITY.finditer(text):
        decoded = html.unescape(m.group())
        if decoded != m.group():
            yield rule.finding(m.start(), m.end(), decoded, found=m.group())
