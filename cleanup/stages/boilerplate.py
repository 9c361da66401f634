"""Site furniture that leaked into the article: navigation, promo boxes, captions, credits, dates.

One analysis per text decides what is furniture, line by line, from position (the first
lines: ``page_head``; the run at the end: ``page_tail``; the whole page: ``page``), shape
(``furniture_lines``) and the phrase lists in ``rules/lexicon/boilerplate.toml``; each rule
then reports its own kind of decision. Deciding in one place keeps the rules from fighting
over a line.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

from ..model import Finding
from ..registry import Rule, check
from ..textview import content_lines, removal_span, split_lines
from .furniture_lines import LONGEST_PHRASE, Decision, Info, describe, inline_link, lexicon, photo_credit
from .page import main_content
from .page_head import head_decisions
from .page_tail import tail_decision


class Analysis:
    """Every furniture decision for one text, in article or full-page mode."""

    def __init__(self, text: str, mode: str, dirs: tuple[Path, ...]):
        self.text = text
        self.lines = split_lines(text)
        self.infos = [describe(line) for line in content_lines(self.lines)]
        self.lx = lexicon(dirs)
        self.decisions: list[Decision] = []
        self.taken: set[int] = set()
        self.kept: set[int] = set()  # closing credits of the article
        if not self.infos:
            return
        for decision in head_decisions(self.infos, self.lx):
            self._take(decision)
        if mode == "page":
            self._page()
        tail, self.kept = tail_decision(self.infos, self.lx, self.taken)
        if tail:
            self._take(tail)
        self._lines()

    # -- helpers ---------------------------------------------------------------------------
    def _take(self, decision: Decision) -> None:
        span = range(decision.first, decision.last + 1)
        if decision.prefix_end is None and any(i in self.taken for i in span):
            return
        self.taken.update(span if decision.prefix_end is None else ())
        self.decisions.append(decision)

    def span(self, decision: Decision) -> tuple[int, int]:
        first, last = self.infos[decision.first].line, self.infos[decision.last].line
        if decision.prefix_end is not None:
            return first.start, first.start + decision.prefix_end
        return removal_span(self.text, self.lines, first, last)

    def _source(self, info: Info) -> bool:
        return bool(self.lx.source.match(info.text))

    # -- decisions -------------------------------------------------------------------------
    def _teasers_follow(self, i: int) -> bool:
        """Two headlines of other stories under a list heading (`Most read`): the heading is the site's."""
        teasers = self.infos[i + 1 : i + 3]
        return len(teasers) == 2 and all(t.headline_like and t.words >= 4 and not t.bullet for t in teasers)

    def _lines(self) -> None:
        """Furniture that can stand anywhere: widgets, related links, promo boxes, captions, credits."""
        lx = self.lx
        for i, info in enumerate(self.infos):
            if i in self.taken or i in self.kept:
                continue
            text = info.text
            if lx.caption.match(text):
                self._take(Decision("embed-caption", i, i, "Caption of an embedded photo or video"))
            elif len(text) > LONGEST_PHRASE:  # only notices (cookies, copyright) run this long
                if lx.site.match(text):
                    self._take(Decision("site-widget", i, i, "Site widget or notice"))
            elif self._source(info):
                continue
            elif photo_credit(text, lx):
                self._take(Decision("photo-credit", i, i, "Photo credit"))
            elif lx.read_more.match(text):
                first, last = i, i
                if i > 1 and self.infos[i - 1].headline_like and i - 1 not in self.taken:
                    first = i - 1  # the related headline the label linked to
                elif text.rstrip().endswith(":") and i + 1 < len(self.infos) and self.infos[i + 1].headline_like:
                    last = i + 1
                self._take(Decision("related-link", first, last, "Link to a related article"))
            elif inline_link(info, self.lx):
                self._take(Decision("related-link", i, i, "Link to a related article"))
            elif lx.site.match(text) or (
                    lx.list_heading.match(text) and self._teasers_follow(i)):
                self._take(Decision("site-widget", i, i, "Site widget or notice"))
            elif (m := lx.promo.match(text)) and not info.terminal and i + 1 < len(self.infos):
                blurb = self.infos[i + 1].text
                label = m.group("label").lower()
                if label in blurb.lower() or lx.blurb.search(blurb):
                    self._take(Decision("promo-box", i, i + 1, "Promo box with its blurb"))

    def _page(self) -> None:
        """Full-page mode: everything outside the main content block is furniture."""
        keep = main_content(self.infos, self.lx)
        start = None
        for i in range(len(self.infos) + 1):
            inside = i < len(self.infos) and (i in keep or i in self.taken)
            if not inside and start is None and i < len(self.infos):
                start = i
            elif inside or i == len(self.infos):
                if start is not None:
                    self._take(Decision("page-furniture", start, i - 1, "Page furniture outside the article"))
                    start = None


@functools.lru_cache(maxsize=8)
def analyse(text: str, mode: str, dirs: tuple[Path, ...]) -> Analysis:
    return Analysis(text, mode, dirs)


@check("navigation-tail")
@check("site-widget")
@check("related-link")
@check("promo-box")
@check("page-furniture")
@check("leaked-metadata")
@check("section-label")
@check("embed-caption")
@check("photo-credit")
def furniture(doc, rule: Rule) -> Iterator[Finding]:
    """Report the analysis's decisions of this rule's kind, each as the removal of its lines."""
    analysis = analyse(doc.text, doc.config.mode, doc.config.rule_dirs)
    for decision in analysis.decisions:
        if decision.kind != rule.name:
            continue
        start, end = analysis.span(decision)
        found = doc.text[start:end].strip()
        detail = {"metadata": decision.metadata} if decision.metadata else {}
        yield rule.finding(start, end, "", found=found, message=f"{decision.message}: {_clip(found)!r}",
                           detail=detail)


def _clip(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
