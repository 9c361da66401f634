"""The end of a text: the run of site navigation after the article.

From the end, lines that could be navigation are collected up to the last sentence (or a
source credit, or a list item that reads as prose). The run goes only from its first line of
navigation by phrase or section name on, with the rest of its tag rail, teaser cards (a label,
then a headline) and at most one lone headline of another story above it; labels, names and
lists above, and a run without such a line, are the article's. Credits that close the article
stay with it.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Sequence

from ..regexes import compile_fast
from .furniture_lines import (LONGEST_PHRASE, Decision, Info, Lexicon, breadcrumb, inline_link, person, photo_credit,
                              section, sentence_end, title_like, wrapped_end)

_DATA = compile_fast(r"[$€£¥₩]|\d[\d ,.()/-]{4,}\d|[:=]\s*\S*\d")  # prices, phone numbers, results, values
_BIO = compile_fast(  # "Chris Leslie is MP for Nottingham East", "Jane Doe is a reporter", "John Roe writes"
    r"^(?:\p{Lu}[\p{L}'’.-]*\s+){1,4}(?:(?:is|was|has been)\s+(?:an?|the|\p{Lu}{2,}|former|senior|chief)\b"
    r"|writes|reports|covers|teaches|lives)\b")
_PERSONAL = compile_fast(r"(?<![\w.])(?:I|[Ww]e|[Mm]y|[Oo]ur|us|me)(?![\w.])")  # not A.I., U.S.
_QUOTED = compile_fast(r"[\"“][^\"”]*[\"”]|(?<!\w)['‘][^'’]*['’](?!\w)")  # a quotation inside a headline


def tail_decision(infos: Sequence[Info], lx: Lexicon, taken: Collection[int]) -> tuple[Decision | None, set[int]]:
    """The navigation run to remove (or None), and the closing credits that stay with the article."""
    run: list[tuple[int, str]] = []
    j = len(infos) - 1
    while j > 0 and j not in taken:
        kind = tail_kind(infos[j], lx)
        if kind is None or kind == "phrase" and wrapped_end(infos, j):
            break
        run.append((j, kind))
        j -= 1
    if j == 0 and 0 not in taken and tail_kind(infos[0], lx) == "credit":
        run.append((0, "credit"))  # credits from the first line on: the first is one of them
        j = -1
    run.reverse()
    if j >= 0 and infos[j].text.endswith(":"):  # a list the article introduces is content
        while run and run[0][1] != "phrase":
            run.pop(0)

    def bullet(k: int) -> bool:
        return 0 <= k < len(run) and infos[run[k][0]].bullet

    signals = [k for k, (_, kind) in enumerate(run) if kind in ("phrase", "section") and not signed(infos, run[k][0], lx)]
    sections = [k for k in signals if run[k][1] == "section"]
    # One section name alone may be the article's last subheading; in a tag rail it is navigation.
    if not (len(sections) < len(signals) or len(sections) >= 2 or any(
            bullet(k) and (bullet(k - 1) or bullet(k + 1)) for k in sections)):
        return None, {i for i, kind in run if kind == "credit"}
    first = signals[0]
    while bullet(first) and bullet(first - 1) and run[first - 1][1] == "label":
        first -= 1  # the rest of a tag rail
    while first >= 2 and run[first - 1][1] == "headline" and run[first - 2][1] == "label" and (
            related_headline(infos[run[first - 1][0]])):
        first -= 2  # teaser cards: a section name, then a headline of another story
    if first and run[first - 1][1] == "headline" and related_headline(infos[run[first - 1][0]]):
        first -= 1
    credits = {i for i, kind in run[:first] if kind == "credit"}  # between the article and the navigation
    return Decision("navigation-tail", run[first][0], run[-1][0], "Site navigation after the article"), credits


def signed(infos: Sequence[Info], i: int, lx: Lexicon) -> bool:
    """Whether line ``i`` dates a signature: a date line with a person's name on the next line
    ("Dated: 14 March 2025" over "Helen Ashcroft", "Head of Planning"), which closes a notice or
    a letter: the text's own, where a page's date under the article would be navigation."""
    return (i + 1 < len(infos) and infos[i + 1].line.index - infos[i].line.index <= 2
            and lx.date_line.match(infos[i].text) is not None and person(infos[i + 1].text, lx.dirs))


def tail_kind(info: Info, lx: Lexicon) -> str | None:
    """What a line at the end may be: phrase, section, credit, label, data, headline; None ends the run.

    It depends on the line's text alone, and the short lines of site furniture recur (within a
    page and from page to page of a site): those are remembered."""
    return _short_tail_kind(info.content, lx) if len(info.text) <= LONGEST_PHRASE else _tail_kind(info, lx)


@functools.lru_cache(maxsize=16_384)
def _short_tail_kind(content: tuple, lx: Lexicon) -> str | None:
    return _tail_kind(Info(None, *content), lx)  # (the line's place is not read)


def _tail_kind(info: Info, lx: Lexicon) -> str | None:
    text = info.text
    if info.long or lx.source.match(text):
        return None
    if lx.footer.match(text) and info.words == 1:
        return "section"  # `Jobs`, `Help`: footer links come in groups, but one may be a subheading
    if (lx.site.match(text) or lx.list_heading.match(text) or lx.footer.match(text) or lx.read_more.match(text)
            or inline_link(info, lx) or lx.date_line.match(text)):
        return "phrase"
    if section(info.item, lx) or breadcrumb(info.item, lx):
        return "section"
    if lx.copyright.match(text) or lx.caption.match(text) or photo_credit(text, lx):
        return "credit"
    if text.endswith(("...", "…")) and not info.bullet and 4 <= info.words <= 25:
        return "headline"  # a teaser cut short
    if sentence_end(info.item):
        return None  # a sentence (a quotation closing a headline is not one)
    if info.bullet:  # a tag (`• Climate crisis`) or an item of the article's list
        return "label" if info.words <= 4 and info.item[:1].isupper() else None
    if info.words <= 4 and _DATA.search(info.item):
        return "data"  # the article's unless navigation is above it
    if info.section_like or info.tag_like or info.words <= 3:
        return "label"
    return "headline" if title_like(info) else None


def related_headline(info: Info) -> bool:
    """A headline of another story: four or more words, not a bio, a personal line or a label."""
    text = info.text
    return (title_like(info) and not sentence_end(text) and info.words >= 4 and not text.endswith(":")
            and not _BIO.match(text) and not _PERSONAL.search(_QUOTED.sub("", text)))
