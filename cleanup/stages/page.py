"""Full-page mode: find the article in a text dump of a whole web page.

Body Text Extraction (Finn et al., 2001) on lines: prose lines score their length, furniture
lines (menus, link lists, widgets, short labels) score minus theirs, and the article is the
contiguous run of lines with the highest total. Inside that run only clear furniture goes;
subheadings and short paragraphs between prose stay.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING

import regex

from ..lexicon import load_lexicon

if TYPE_CHECKING:
    from .boilerplate import Info, Lexicon

_TOKEN = regex.compile(r"\p{L}+")


@functools.cache
def _function_words() -> frozenset[str]:
    return frozenset(load_lexicon("boilerplate")["function-words"])


def prose(info: "Info") -> bool:
    """A sentence-like line: long enough, ends like a sentence, dense with function words."""
    tokens = [t.lower() for t in _TOKEN.findall(info.item)]
    if len(tokens) < 8:
        return False
    density = sum(t in _function_words() for t in tokens) / len(tokens)
    return density >= 0.2 and (info.terminal or len(tokens) >= 25)


def furniture(info: "Info", lx: "Lexicon") -> bool:
    from .boilerplate import photo_credit

    text = info.text
    if info.long:
        return False
    return bool(
        lx.site.match(text) or lx.read_more.match(text) or lx.read_more_inline.match(text)
        or lx.caption.match(text) or lx.date_line.match(text) or photo_credit(text, lx)
    )


def main_content(infos: Sequence["Info"], lx: "Lexicon") -> set[int]:
    """Indexes of the lines that form the article."""
    scores = []
    for info in infos:
        if furniture(info, lx):
            scores.append(-2 * len(info.text) - 20)
        elif prose(info):
            scores.append(len(info.text))
        else:
            scores.append(-len(info.text) - 10)
    best, best_range = 0, None
    total, start = 0, 0
    for i, score in enumerate(scores):  # Kadane: the contiguous run with the highest sum
        if total <= 0:
            total, start = 0, i
        total += score
        if total > best:
            best, best_range = total, (start, i)
    if best_range is None:
        return set()
    first, last = best_range
    return {i for i in range(first, last + 1) if not furniture(infos[i], lx)}
