"""The first lines of a text: page dates and CMS stamps, section labels and breadcrumbs.

Dates may stand on a line of their own anywhere before the article's second line (its
headline, then its first paragraph), or be glued to the start of either; labels only stand
above the headline. A text with date lines further down is a timeline whose dates are
headings, so its dates stay.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from ..regexes import compile_fast
from .furniture_lines import LONGEST_FURNITURE, Decision, Info, Lexicon, breadcrumb, section, title_like, wrapped_end

HEAD_LINES = 6  # page dates and labels stand in the first lines
_DIGIT = compile_fast(r"\d")
_FULL_DATE = compile_fast(r"\d[./-]\d|\d[:h.]\d\d|\d\D{1,14}\d{4}")  # day and year, numbers or a time
_TIME = compile_fast(r"\d[:h]\d\d|\d\.\d\d\b(?![./]\d)|\d ?[ap]\.?m\b", regex.IGNORECASE)
_SEPARATED = compile_fast(r"[|–—:•·-]\s*$")
_MERIDIEM_GLUED = compile_fast(r"[ap]\.?m\.?[a-z]")  # "pmby" (not "Amid", "America": a sentence's first word)


def head_decisions(infos: Sequence[Info], lx: Lexicon) -> list[Decision]:
    """Dates (to the metadata) and labels in the first lines, in line order."""
    found: list[Decision] = []
    seen, end = 0, min(HEAD_LINES, len(infos))
    for i in range(end):
        info = infos[i]
        m = i + 1 < len(infos) and not info.long and not wrapped_end(infos, i) and lx.date_line.match(info.text)
        if m and (i == 0 or _DIGIT.search(info.text)):  # below a line, a bare `May` may be a subheading
            found.append(Decision("leaked-metadata", i, i, "Page date or CMS stamp", metadata(m)))
            continue
        if not seen and i + 1 < len(infos) and label_above(info, infos[i + 1], lx):
            found.append(Decision("section-label", i, i, "Section label above the headline"))
            continue
        if glued := glued_date(info, i, lx):
            found.append(glued)
        seen += 1
        if seen >= 3 or (seen >= 2 or len(info.text) > 200) and (info.terminal or info.long):
            end = i + 1
            break
    if not seen and end < len(infos):
        # Labels all the way down the first lines: no headline under them is in sight, and
        # removing them would only bring the next ones up, a pass at a time.
        found = [d for d in found if d.kind != "section-label"]
    dated = any(d.kind == "leaked-metadata" for d in found)
    if dated and any(not info.long and lx.date_line.match(info.text) for info in infos[end:]):  # a timeline
        return [d for d in found if d.kind != "leaked-metadata"]
    if any(d.prefix_end is not None and entry(infos[d.first], lx) for d in found) and sum(
            entry(info, lx) for info in infos) >= 2:  # entries of a timeline, each opened by its date
        return [d for d in found if d.prefix_end is None or not entry(infos[d.first], lx)]
    return found


def entry(info: Info, lx: Lexicon) -> bool:
    """Whether the line opens with a date and a space or separator, no label: a stamp, or the
    date of a timeline's entry ("Feb. 24, 2022, 5 a.m.: Putin announces ..."), which a timeline
    repeats line after line."""
    m = lx.date_prefix(info.line.text[:LONGEST_FURNITURE])
    return bool(m) and not m.group("label") and not info.line.text[m.end() - 1].isdigit()


def label_above(info: Info, after: Info, lx: Lexicon) -> bool:
    """A section name or breadcrumb with the headline (or another label or a date) under it."""
    if info.terminal or info.bullet or info.long:
        return False
    if breadcrumb(info.text, lx):
        return not after.bullet  # a breadcrumb is never a title
    if not section(info.text, lx):
        return False
    return title_like(after) or bool(lx.date_line.match(after.text)) or section(after.text, lx) or breadcrumb(
        after.text, lx)


def glued_date(info: Info, i: int, lx: Lexicon) -> Decision | None:
    """A stamp glued to the start of a line.

    A date or time glued to a capital without a space ("12.04.2022 10:15Shelling") is one
    whatever its form; a figure glued to a lower-case word is left alone. With a CMS label
    (``Date:``, ``Published on``) any date will do; without one it needs a full date and a
    time, or a separator after it, and no lower-case word after that (``12.03.2019 | 10:45 The``,
    ``2019-03-12 - The``): a sentence may open with a date, or with a date and time and a dash or
    colon (a live blog's entry).
    """
    line = info.line.text
    m = lx.date_prefix(line[:LONGEST_FURNITURE])
    if not m or len(line) <= m.end() + 20:
        return None
    if line[m.end() - 1].isdigit():  # glued to the text: no sentence is written so
        return Decision("leaked-metadata", i, i, "Page date glued to the first line", metadata(m), prefix_end=m.end()) \
            if line[m.end()].isupper() else None
    if _MERIDIEM_GLUED.match(line, m.end()):
        return None  # "1:52 pmby The Kyiv Independent": the time's "pm" glued to the next word
    labelled = len(m.group("label") or "") >= 4  # not the French article "le"
    if not labelled:  # "January 23, 2007 President Bush announces ...": a timeline entry, prose
        value = m.group("value")
        if not _FULL_DATE.search(value) or not (_SEPARATED.search(line[: m.end()]) or _TIME.search(value)):
            return None
        if line[m.end() :].lstrip()[:1].islower() and (not _TIME.search(value) or line[: m.end()].rstrip()[-1:] in "-–—:"):
            return None  # "March 3, 2022: the day the convoy stalled", "March 12, 2019, 10:45 a.m. - the
            # first wave reached the village": the sentence goes on (a live blog's entry)
    return Decision("leaked-metadata", i, i, "Page date glued to the first line", metadata(m), prefix_end=m.end())


def metadata(m: regex.Match) -> dict[str, str]:
    """``{"published": "12/03/2019 10:45"}``: the field's label (or ``date``) and its value."""
    key = " ".join((m.group("label") or "date").lower().split())
    return {key: m.group("value").strip()}
