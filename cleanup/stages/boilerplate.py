"""Site furniture that leaked into the article: navigation, promo boxes, captions, credits, dates.

One analysis per text decides what is furniture, line by line, from position (head and tail
runs), shape (length, final punctuation, casing, bullets, link-like labels) and the phrase
lists in ``rules/lexicon/boilerplate.toml``; each rule then reports its own kind of decision.
Deciding in one place keeps the rules from fighting over a line.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import regex

from ..lexicon import alternation
from ..model import Finding
from ..registry import Rule, check
from ..textview import Line, content_lines, removal_span, split_lines
from .page import main_content

_TERMINAL = regex.compile(r"[.!?…:;。！？][\"”’'»)\]」』]*$|[\"”’»」』]$")
_BULLET = regex.compile(r"^(?:[•·▪►◦‣∙*–—-]|\d{1,2}[.)])\s+")
_WORD = re.compile(r"[^\W_][\w'’.-]*")  # stdlib re: fast on every line
_SMALL = frozenset(
    "a an the of in on at to for and or but by with from as vs via per de la le el en y et du des del los las".split()
)


@dataclass(frozen=True)
class Lexicon:
    """The compiled phrase lists (built once per set of rule folders)."""

    site: regex.Pattern
    read_more: regex.Pattern
    read_more_inline: regex.Pattern
    caption: regex.Pattern
    agency: regex.Pattern
    source: regex.Pattern
    promo: regex.Pattern
    blurb: regex.Pattern
    date_line: regex.Pattern
    date_prefix: regex.Pattern
    comments: regex.Pattern


@functools.cache
def lexicon(dirs: tuple[Path, ...] = ()) -> Lexicon:
    def alt(key: str, template: str = "^(?:{})$", flags: int = regex.IGNORECASE) -> regex.Pattern:
        return alternation("boilerplate", key, dirs, template=template, flags=flags)

    def group(key: str) -> str:
        return alt(key, "(?:{})").pattern

    dates, times, labels = group("dates"), group("times"), group("date-labels")
    return Lexicon(
        site=alt("site-phrases"),
        read_more=alt("read-more", r"^(?:{})[\s.:…»>→]*$"),
        read_more_inline=alt("read-more", r"^(?:{})\s*[:»>→|–—-]\s*\S.{{2,200}}$"),
        caption=regex.compile(rf"^(?:{group('caption-labels')})\s*:|^(?i:{group('caption-starts')})"),
        agency=alt("agencies", flags=0),
        source=alt("source-credits"),
        promo=alt("promo-labels", r"^(?P<label>{})\s*[:|–—]\s*(?P<title>\S.{{2,150}})$"),
        blurb=alt("promo-blurb", "(?:{})"),
        date_line=regex.compile(
            rf"^(?:(?P<label>{labels})\s*:?\s*)?(?P<value>(?:(?:{times}),?\s*)?(?:{dates})(?:,?\s*(?:at\s*)?(?:{times}))?)\.?$",
            regex.IGNORECASE,
        ),
        comments=alt("comment-markers"),
        date_prefix=regex.compile(
            rf"^\s*(?:(?P<label>{labels})\s*:?\s*(?P<value>(?:{dates})(?:[ T,]+(?:{times}))?)"
            rf"|(?P<value>\d{{4}}-\d{{2}}-\d{{2}}(?:[ T](?:{times}))?))\s*[|–—-]?\s+(?=[\p{{Lu}}\"“‘«])",
            regex.IGNORECASE,
        ),
    )


@dataclass(frozen=True)
class Info:
    """What the rules need to know about one non-blank line."""

    line: Line
    text: str
    item: str  # text without a leading bullet
    words: int
    terminal: bool
    bullet: bool
    titleish: bool

    @property
    def long(self) -> bool:
        return len(self.text) > _LONGEST_FURNITURE

    @property
    def headline_like(self) -> bool:
        return not self.terminal and not self.bullet and 1 <= self.words <= 25 and self.text[:1].isupper()

    @property
    def section_like(self) -> bool:
        return not self.terminal and not self.bullet and self.words <= 3 and self.titleish

    @property
    def tag_like(self) -> bool:
        return self.bullet and self.words <= 5 and self.titleish and not self.terminal


_LONGEST_FURNITURE = 2000  # characters; a longer line is article text (and regexes stay cheap)
_LONGEST_PHRASE = 300  # widgets, links, credits and promo headings are shorter than this


def describe(line: Line) -> Info:
    text = line.stripped
    if len(text) > _LONGEST_PHRASE:  # prose: no need to weigh its words one by one
        return Info(line, text, text, len(text.split()), bool(_TERMINAL.search(text)), False, False)
    bullet = _BULLET.match(text)
    item = text[bullet.end() :] if bullet else text
    words = _WORD.findall(item)
    significant = [w for w in words if w.lower() not in _SMALL]
    titleish = bool(significant) and all(w[0].isupper() or w[0].isdigit() for w in significant)
    return Info(line, text, item, len(words), bool(_TERMINAL.search(item)), bool(bullet), titleish)


@dataclass
class Decision:
    kind: str  # the name of the rule that reports it
    first: int  # indexes into the list of non-blank lines
    last: int
    message: str
    metadata: dict = field(default_factory=dict)
    prefix_end: int | None = None  # remove only up to here (metadata glued to a line)


def photo_credit(text: str, lx: Lexicon) -> bool:
    """``MAXIM GUCHEK/ BELTA/ AFP``: names and agencies joined by slashes or 'via', nothing else."""
    if len(text) > 120 or _TERMINAL.search(text):
        return False
    body = regex.sub(r"^(?:photo|foto|picture|credit|crédit|©)\s*:?\s*", "", text, flags=regex.IGNORECASE)
    parts = [p.strip() for p in regex.split(r"\s*/\s*|\s+via\s+", body)]
    if len(parts) < 2 or any(not p or len(p.split()) > 5 for p in parts):
        return False
    named = [bool(lx.agency.match(p)) or (p.upper() == p and any(c.isalpha() for c in p)) for p in parts]
    capitalised = all(named[i] or all(w[0].isupper() for w in p.split()) for i, p in enumerate(parts))
    return capitalised and any(named)


class Analysis:
    """Every furniture decision for one text, in article or full-page mode."""

    def __init__(self, text: str, mode: str, dirs: tuple[Path, ...]):
        self.text = text
        self.lines = split_lines(text)
        self.infos = [describe(line) for line in content_lines(self.lines)]
        self.lx = lexicon(dirs)
        self.decisions: list[Decision] = []
        self.taken: set[int] = set()
        if not self.infos:
            return
        self._head_metadata()
        if mode == "page":
            self._page()
        self._tail()
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
    def _head_metadata(self) -> None:
        """Page dates and CMS fields before the headline, or glued to the start of the text."""
        i = 0
        while i < min(3, len(self.infos) - 1):
            m = not self.infos[i].long and self.lx.date_line.match(self.infos[i].text)
            if not m:
                break
            key = (m.group("label") or "date").lower()
            self._take(Decision("leaked-metadata", i, i, "Page date before the article", {key: m.group("value")}))
            i += 1
        m = self.lx.date_prefix.match(self.infos[i].line.text[:_LONGEST_FURNITURE])
        if m and len(self.infos[i].line.text) > m.end() + 20:
            key = (m.group("label") or "date").lower()
            self._take(Decision("leaked-metadata", i, i, "Page date glued to the first line", {key: m.group("value")},
                                prefix_end=m.end()))

    def _tail(self) -> None:
        """A run of navigation at the end: section names, related headlines, tag rails, widgets."""
        run: list[tuple[int, int]] = []  # (index, weight): 2 strong, 1 medium, 0 weak
        j = len(self.infos) - 1
        while j > 0 and j not in self.taken:
            info = self.infos[j]
            if info.long or self._source(info):
                break
            if (self.lx.site.match(info.text) or self.lx.read_more.match(info.text) or info.tag_like
                    or self.lx.read_more_inline.match(info.text) or self.lx.caption.match(info.text)
                    or photo_credit(info.text, self.lx) or self.lx.date_line.match(info.text)):
                weight = 2
            elif info.section_like:
                weight = 1
            elif info.headline_like:
                weight = 0
            else:
                break
            run.append((j, weight))
            j -= 1
        run.reverse()
        if j >= 0 and self.infos[j].text.endswith(":"):  # a list the article introduces is content
            while run and self.infos[run[0][0]].bullet:
                run.pop(0)
        # A single weak line on top (an author's bio, a last subheading) belongs to the article.
        if len(run) >= 2 and run[0][1] == 0 and run[1][1] > 0:
            run = run[1:]
        weights = [w for _, w in run]
        if weights and (2 in weights or weights.count(1) >= 2 or (len(weights) >= 3 and 1 in weights)):
            self._take(Decision("navigation-tail", run[0][0], run[-1][0], "Site navigation after the article"))

    def _lines(self) -> None:
        """Furniture that can stand anywhere: widgets, related links, promo boxes, captions, credits."""
        lx = self.lx
        for i, info in enumerate(self.infos):
            if i in self.taken:
                continue
            text = info.text
            if lx.caption.match(text):
                self._take(Decision("embed-caption", i, i, "Caption of an embedded photo or video"))
            elif len(text) > _LONGEST_PHRASE:  # only notices (cookies, copyright) run this long
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
            elif lx.read_more_inline.match(text):
                self._take(Decision("related-link", i, i, "Link to a related article"))
            elif lx.site.match(text):
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
