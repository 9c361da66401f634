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
    list_heading: regex.Pattern
    footer: regex.Pattern
    copyright: regex.Pattern
    section: regex.Pattern
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
    stamp = rf"(?:(?:{times})\s*[,|–—-]?\s*)?(?:{dates})(?:\s*(?:[,|–—·•/-]|\bat\b|\bà\b|\ba las\b|\bum\b)?\s*(?:{times}))?"
    return Lexicon(
        site=alt("site-phrases"),
        list_heading=alt("list-headings"),
        footer=alt("footer-links"),
        copyright=alt("copyright"),
        section=alt("section-labels"),
        read_more=alt("read-more", r"^(?:{})[\s.:…»>→]*$"),
        read_more_inline=alt("read-more", r"^(?:{})\s*[:»>→|–—-]\s*\S.{{2,200}}$"),
        caption=regex.compile(rf"^(?:{group('caption-labels')})\s*:|^(?i:{group('caption-starts')})"),
        agency=alt("agencies", flags=0),
        source=alt("source-credits"),
        promo=alt("promo-labels", r"^(?P<label>{})\s*[:|–—]\s*(?P<title>\S.{{2,150}})$"),
        blurb=alt("promo-blurb", r"\b(?:{})\b"),
        date_line=regex.compile(rf"^(?:(?P<label>{labels})\s*:?\s*)?(?P<value>{stamp})\.?$", regex.IGNORECASE),
        comments=alt("comment-markers"),
        date_prefix=regex.compile(
            rf"^\s*(?:(?P<label>{labels})\s*:?\s*)?(?P<value>{stamp})(?:\s*[|–—:•·-]\s*|\s+)(?=[\p{{L}}\"“‘«])",
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


_HEAD_LINES = 6  # page dates and labels stand in the first lines
_DIGIT = regex.compile(r"\d")
_ARROW = regex.compile(r">>|[>»›→]")
_CRUMB = regex.compile(r"\s*(?:>>|::|[>»›→])\s*|\s+[|/·•]\s+")
_FULL_DATE = regex.compile(r"\d[./-]\d|\d[:h.]\d\d|\d\D{1,14}\d{4}")  # day and year, numbers or a time
_TIME = regex.compile(r"\d[:h]\d\d|\d\.\d\d\b(?![./]\d)|\d ?[ap]\.?m\b", regex.IGNORECASE)
_AND = regex.compile(r"\s+(?:&|and|y|et|и|і)\s+")
_CITATION = regex.compile(r"[\p{Ll})]\.\s")  # "et al. Title", "(2018). DOI": sentences, not a headline
_DATA = regex.compile(r"[$€£¥₩]|\d[\d ,.()/-]{4,}\d|[:=]\s*\S*\d")
_BIO = regex.compile(  # "Chris Leslie is MP for Nottingham East", "Jane Doe is a reporter", "John Roe writes"
    r"^(?:\p{Lu}[\p{L}'’.-]*\s+){1,4}(?:(?:is|was|has been)\s+(?:an?|the|\p{Lu}{2,}|former|senior|chief)\b"
    r"|writes|reports|covers|teaches|lives)\b")
_SENTENCE_END = regex.compile(r"[.!?…:;。！？][\"”’'»)\]」』]*$")
_PERSONAL = regex.compile(r"(?<![\w.])(?:I|[Ww]e|[Mm]y|[Oo]ur|us|me)(?![\w.])")  # not A.I., U.S.
_QUOTED = regex.compile(r"[\"“][^\"”]*[\"”]|(?<!\w)['‘][^'’]*['’](?!\w)")  # a quotation inside a headline
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


def _title(info: Info) -> bool:
    """A headline: a line of up to 25 words without final punctuation (it may open with a figure)."""
    if info.bullet or not 1 <= info.words <= 25 or info.text[:1].islower():
        return False
    if not _SENTENCE_END.search(info.text):
        return True  # no final stop (a quotation may close it)
    return info.words <= 15 and info.text.rstrip("\"”’'»)").endswith(("?", "!"))


def _metadata(m: regex.Match) -> dict[str, str]:
    key = " ".join((m.group("label") or "date").lower().split())
    return {key: m.group("value").strip()}


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
        self.kept: set[int] = set()  # closing credits of the article
        if not self.infos:
            return
        self._head()
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
    def _head(self) -> None:
        """The first lines: page dates and CMS stamps, section labels and breadcrumbs above the headline.

        Dates may stand on a line of their own anywhere before the second line of the article
        (its headline, then its first paragraph), or be glued to the start of either; labels
        only stand above the headline. A text with date lines further down is a timeline whose
        dates are headings, so its dates stay.
        """
        infos, lx = self.infos, self.lx
        found: list[Decision] = []
        seen, end = 0, min(_HEAD_LINES, len(infos))
        for i in range(end):
            info = infos[i]
            m = i + 1 < len(infos) and not info.long and lx.date_line.match(info.text)
            if m and (i == 0 or _DIGIT.search(info.text)):  # below a line, a bare `May` may be a subheading
                found.append(Decision("leaked-metadata", i, i, "Page date or CMS stamp", _metadata(m)))
                continue
            if not seen and i + 1 < len(infos) and self._label_above(i):
                found.append(Decision("section-label", i, i, "Section label above the headline"))
                continue
            if glued := self._glued_date(i):
                found.append(glued)
            seen += 1
            if seen >= 3 or (seen >= 2 or len(info.text) > 200) and (info.terminal or info.long):
                end = i + 1
                break
        timeline = any(not info.long and lx.date_line.match(info.text) for info in infos[end:])
        for decision in found:
            if not (timeline and decision.kind == "leaked-metadata"):
                self._take(decision)

    def _label_above(self, i: int) -> bool:
        """A section name or breadcrumb with the headline (or another label or a date) under it."""
        info, after = self.infos[i], self.infos[i + 1]
        if info.terminal or info.bullet or info.long or not (self._section(info.text) or self._breadcrumb(info.text)):
            return False
        if self._breadcrumb(info.text) and not after.bullet:
            return True  # a breadcrumb is never a title
        return _title(after) or bool(self.lx.date_line.match(after.text)) or (
            self._section(after.text) or self._breadcrumb(after.text))

    def _section(self, text: str) -> bool:
        """A section name, or two joined (``Arts & Culture``, ``Opinion and Analysis``)."""
        if len(text) > 40:
            return False
        if self.lx.section.match(text) or self.lx.list_heading.match(text):
            return True
        parts = _AND.split(text)
        return len(parts) == 2 and all(self.lx.section.match(p) for p in parts)

    def _breadcrumb(self, text: str) -> bool:
        """``Home > News > World``, ``News » Ukraine``, ``World | Europe``: short named parts."""
        if len(text) > 120:
            return False
        parts = [p.strip() for p in _CRUMB.split(text)]
        if len(parts) < 2 or any(not p or len(p.split()) > 4 or _TERMINAL.search(p) for p in parts):
            return False
        named = sum(self._section(p) for p in parts)
        arrows = bool(_ARROW.search(text))  # `>`, `»`, `›` never join the words of a headline
        return all(p[0].isupper() or p[0].isdigit() or self._section(p) for p in parts) and (
            named >= 1 or arrows or len(parts) >= 3)

    def _glued_date(self, i: int) -> Decision | None:
        """A stamp glued to the start of a line.

        With a CMS label (``Date:``, ``Published on``) any date will do; without one it needs a
        full date and a time, or a separator after it (``12.03.2019 | 10:45 The``, ``2019-03-12 - The``):
        a sentence may open with a bare date.
        """
        line = self.infos[i].line.text
        m = self.lx.date_prefix.match(line[:_LONGEST_FURNITURE])
        if not m or len(line) <= m.end() + 20:
            return None
        labelled = len(m.group("label") or "") >= 4  # not the French article "le"
        if not labelled:  # "January 23, 2007 President Bush announces ...": a timeline entry, prose
            separated = bool(regex.search(r"[|–—:•·-]\s*$", line[: m.end()]))
            if not _FULL_DATE.search(m.group("value")) or not (separated or _TIME.search(m.group("value"))):
                return None
        return Decision("leaked-metadata", i, i, "Page date glued to the first line", _metadata(m), prefix_end=m.end())

    def _tail(self) -> None:
        """A run of navigation at the end: section names, related headlines, tag rails, widgets.

        From the end, lines that could be navigation are collected up to the last sentence (or a
        source credit, or a list item that reads as prose). The run goes only from its first
        line of navigation by phrase or section name on, with the rest of its tag rail, teaser
        cards (a label, then a headline) and at most one lone headline of another story above
        it; labels, names and lists above, and a run without such a line, are the article's.
        Credits that close the article stay with it.
        """
        run: list[tuple[int, str]] = []
        j = len(self.infos) - 1
        while j > 0 and j not in self.taken:
            kind = self._tail_kind(self.infos[j])
            if kind is None:
                break
            run.append((j, kind))
            j -= 1
        run.reverse()
        if j >= 0 and self.infos[j].text.endswith(":"):  # a list the article introduces is content
            while run and run[0][1] != "phrase":
                run.pop(0)
        def bullet(k: int) -> bool:
            return 0 <= k < len(run) and self.infos[run[k][0]].bullet

        signals = [k for k, (_, kind) in enumerate(run) if kind in ("phrase", "section")]
        sections = [k for k in signals if run[k][1] == "section"]
        # One section name alone may be the article's last subheading; in a tag rail it is navigation.
        if not (len(sections) < len(signals) or len(sections) >= 2 or any(
                bullet(k) and (bullet(k - 1) or bullet(k + 1)) for k in sections)):
            self.kept.update(i for i, kind in run if kind == "credit")
            return
        first = signals[0]
        while bullet(first) and bullet(first - 1) and run[first - 1][1] == "label":
            first -= 1  # the rest of a tag rail
        while first >= 2 and run[first - 1][1] == "headline" and run[first - 2][1] == "label" and (
                self._related_headline(self.infos[run[first - 1][0]])):
            first -= 2  # teaser cards: a section name, then a headline of another story
        if first and run[first - 1][1] == "headline" and self._related_headline(self.infos[run[first - 1][0]]):
            first -= 1
        self._take(Decision("navigation-tail", run[first][0], run[-1][0], "Site navigation after the article"))

    def _tail_kind(self, info: Info) -> str | None:
        """What a line at the end may be: phrase, section, credit, label, headline; None ends the run."""
        text, lx = info.text, self.lx
        if info.long or self._source(info):
            return None
        if lx.footer.match(text) and info.words == 1:
            return "section"  # `Jobs`, `Help`: footer links come in groups, but one may be a subheading
        if (lx.site.match(text) or lx.list_heading.match(text) or lx.footer.match(text) or lx.read_more.match(text)
                or self._inline_link(info) or lx.date_line.match(text)):
            return "phrase"
        if self._section(info.item) or self._breadcrumb(info.item):
            return "section"
        if lx.copyright.match(text) or lx.caption.match(text) or photo_credit(text, lx):
            return "credit"
        if info.text.endswith(("...", "…")) and not info.bullet and 4 <= info.words <= 25:
            return "headline"  # a teaser cut short
        if _SENTENCE_END.search(info.item):
            return None  # a sentence (a quotation closing a headline is not one)
        if info.bullet:  # a tag (`• Climate crisis`) or an item of the article's list
            return "label" if info.words <= 4 and info.item[:1].isupper() else None
        if info.words <= 4 and _DATA.search(info.item):
            return "data"  # prices, phone numbers, results: the article's unless navigation is above them
        if info.section_like or info.tag_like or info.words <= 3:
            return "label"
        return "headline" if _title(info) else None

    def _related_headline(self, info: Info) -> bool:
        """A headline of another story: four or more words, not a bio, a personal line or a label."""
        return (_title(info) and not _SENTENCE_END.search(info.text) and info.words >= 4 and not info.text.endswith(":")
                and not _BIO.match(info.text) and not _PERSONAL.search(_QUOTED.sub("", info.text)))

    def _teasers_follow(self, i: int) -> bool:
        """Two headlines of other stories under a list heading (`Most read`): the heading is the site's."""
        teasers = self.infos[i + 1 : i + 3]
        return len(teasers) == 2 and all(t.headline_like and t.words >= 4 and not t.bullet for t in teasers)

    def _inline_link(self, info: Info) -> bool:
        """``READ MORE: Why the army is not advancing``: a label, then a headline (not a citation)."""
        m = self.lx.read_more_inline.match(info.text)
        return bool(m) and not info.terminal and info.words <= 20 and not _CITATION.search(info.text)

    def _lines(self) -> None:
        """Furniture that can stand anywhere: widgets, related links, promo boxes, captions, credits."""
        lx = self.lx
        for i, info in enumerate(self.infos):
            if i in self.taken or i in self.kept:
                continue
            text = info.text
            if lx.caption.match(text):
                self._take(Decision("embed-caption", i, i, "Caption of an embedded photo or video"))
            elif len(text) > _LONGEST_PHRASE:  # only notices (cookies, copyright) run this long
                if lx.site.match(text) or lx.copyright.match(text):
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
            elif self._inline_link(info):
                self._take(Decision("related-link", i, i, "Link to a related article"))
            elif lx.site.match(text) or lx.copyright.match(text) or (
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
