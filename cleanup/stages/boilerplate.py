"""Site furniture that leaked into the article: navigation, promo boxes, captions, credits, dates.

One analysis per text decides what is furniture, line by line, from position (the first
lines: ``page_head``; the run at the end: ``page_tail``; the whole page: ``page``), shape
(``furniture_lines``) and the phrase lists in ``rules/lexicon/boilerplate.toml``; each rule
then reports its own kind of decision. Deciding in one place keeps the rules from fighting
over a line.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..model import Finding
from ..passes import Passes
from ..regexes import compile_fast
from ..registry import Rule, check
from ..textview import Line, content_lines, removal_span, split_lines, title_case
from ..vocabulary import unfinished_words
from .furniture_lines import LONGEST_PHRASE, Decision, Info, describe, inline_link, lexicon, photo_credit, sentence_end
from .page import main_content
from .page_head import head_decisions
from .page_tail import tail_decision

MIN_WRAPPED = 4  # words of a line whose sentence a wrapped line below may carry on
FULL_LINE = 8  # words of a line that wrapping filled (the last line of a paragraph is shorter)
SHORT_BLOCK = 3  # lines of a block every line of which is tested (a tail run is tested at its edges)
BLURB_WORDS = 50  # words at most in a promo box's blurb (half that when it only repeats the label)
LONGEST_TITLE = 25  # words at most in a linked headline
_SENTENCE_INSIDE = compile_fast(r"[.!?…]\s")
_GLUED_CAPITAL = compile_fast(r"[.!?…”\"»)][A-Z]")  # a stop glued to a capital: what a glued link needs
_ORDINAL = compile_fast(r"\d+(?:st|nd|rd|th)")



class Analysis:
    """Every furniture decision for one text, in article or full-page mode."""

    def __init__(self, text: str, mode: str, dirs: tuple[Path, ...], previous: dict | None = None):
        self.text = text
        self.previous = previous or {}  # line text -> [description, shape], from an earlier pass
        self.seen: dict[str, list] = {}  # the same for this text, for the next pass
        self.lines = split_lines(text)
        self.infos = [self._describe(line) for line in content_lines(self.lines)]
        self.lx = lexicon(dirs)
        self.unfinished = unfinished_words(dirs)
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
    def _describe(self, line: Line) -> Info:
        known = self.seen.get(line.text) or self.previous.get(line.text)  # a line read before
        if known is None:
            info = describe(line)
            known = [info.content, None]
        else:
            info = Info(line, *known[0])
        self.seen[line.text] = known
        return info

    def _shape(self, info: Info) -> tuple[str | None, str | None]:
        """What the line's text alone says it may be, and a promo box's label: the tests of
        ``_lines`` that read no other line, in their order, remembered for the next pass."""
        known = self.seen[info.line.text]
        if known[1] is None:
            known[1] = _shape(info, self.lx)
        return known[1]

    def _take(self, decision: Decision) -> None:
        span = range(decision.first, decision.last + 1)
        whole = decision.prefix_end is None and decision.suffix_start is None
        if whole and (any(i in self.taken for i in span) or self._mid_sentence(decision)):
            return
        self.taken.update(span if whole else ())
        self.decisions.append(decision)

    def _mid_sentence(self, decision: Decision) -> bool:
        """Whether the lines would be cut out of a sentence: hard-wrapped prose ("see the notice
        for" / "more information.") puts any words at a line's start. The first line, the line
        after the last, or for a short block any of its lines carries on the line above."""
        inner = range(decision.first + 1, decision.last + 1) if decision.last - decision.first < SHORT_BLOCK else ()
        return any(self._runs_on(i) for i in (decision.first, decision.last + 1, *inner))

    def _runs_on(self, i: int) -> bool:
        """Whether line ``i`` carries on the sentence of the line right above it: that line has
        words and ends in the middle of a sentence (an unfinished word, a comma, an ordinal), or
        is no headline and this one starts in lower case and is no one-word label ("share")."""
        if not 0 < i < len(self.infos):
            return False
        above, here = self.infos[i - 1], self.infos[i]
        if not (above.line.index == here.line.index - 1 and not above.terminal and not above.bullet
                and above.words >= MIN_WRAPPED and (above.text[-1].isalpha() or above.text[-1] == ",")):
            return False
        last = above.text.rsplit(None, 1)[-1]
        label = here.words < 2 and not here.terminal  # "share", "Advertisement"
        if last.lower() in self.unfinished or above.text[-1] == "," or _ORDINAL.fullmatch(last):
            # "... for" / "of 30th" / "Moscow," ends no headline, whatever the next line is; a
            # one-word line goes on only a full line ("sponsored by" / "Advertisement" is a widget)
            return not label or above.words >= FULL_LINE
        return not label and here.text[:1].islower() and not title_case(above.text)

    def span(self, decision: Decision) -> tuple[int, int]:
        first, last = self.infos[decision.first].line, self.infos[decision.last].line
        if decision.prefix_end is not None:
            return first.start, first.start + decision.prefix_end
        if decision.suffix_start is not None:
            return first.start + decision.suffix_start, first.end
        return removal_span(self.text, self.lines, first, last)

    # -- decisions -------------------------------------------------------------------------
    def _glued_link(self, i: int, info: Info) -> Decision | None:
        """A related link glued to the end of a paragraph by the page's extraction, right after
        its stop ("... shelling Zaporizhzhia district.Read also: Enemy launches over 540 attacks"):
        the label in capitals, then a headline to the line's end (no sentence in it)."""
        m = self.lx.read_more_glued.search(info.line.text) if _GLUED_CAPITAL.search(info.text) else None
        if m is None or not m.group()[:1].isupper():
            return None
        title = m.group("title").strip()
        if len(title.split()) > LONGEST_TITLE or _SENTENCE_INSIDE.search(title) or sentence_end(title):
            return None
        return Decision("related-link", i, i, "Link to a related article", suffix_start=m.start())

    def _linked_list(self, i: int) -> int:
        """The last of the linked headlines listed right under a label at ``i`` ("Read also" /
        "- The Rada approved a law ..." / "- Air raid alert in Kyiv lasted 11 minutes"): two or
        more bullets on the next lines, each a headline (no final stop, at most 25 words); else ``i``."""
        last = i
        while (last + 1 < len(self.infos) and self.infos[last + 1].bullet
               and self.infos[last + 1].line.index == self.infos[last].line.index + 1
               and not sentence_end(self.infos[last + 1].item) and 1 <= self.infos[last + 1].words <= LONGEST_TITLE):
            last += 1
        return last if last - i >= 2 else i

    @staticmethod
    def _wraps(headline: Info, after: Info) -> bool:
        """Whether ``after`` carries on ``headline`` on the next line: in lower case, with no stop,
        the two no longer than a headline ("Invaders attack Zaporizhzhia" / "region more than 400
        times in 24 hours")."""
        return (after.line.index == headline.line.index + 1 and after.text[:1].islower() and not after.terminal
                and not after.bullet and headline.words + after.words <= LONGEST_TITLE)

    def _teasers_follow(self, i: int) -> bool:
        """Two headlines of other stories under a list heading (`Most read`): the heading is the site's."""
        teasers = self.infos[i + 1 : i + 3]
        return len(teasers) == 2 and all(t.headline_like and t.words >= 4 and not t.bullet for t in teasers)

    def _lines(self) -> None:
        """Furniture that can stand anywhere: widgets, related links, promo boxes, captions, credits."""
        for i, info in enumerate(self.infos):
            if i in self.taken or i in self.kept:
                continue
            shape, label = self._shape(info)
            if shape == "caption" and not (i == 0 and info.text.upper() == info.text):  # (a headline in capitals)
                self._take(Decision("embed-caption", i, i, "Caption of an embedded photo or video"))
            elif shape == "long-notice":
                self._take(Decision("site-widget", i, i, "Site widget or notice"))
            elif shape in ("long", "source"):
                pass  # (a long paragraph may end in a glued link, below)
            elif shape == "credit":
                self._take(Decision("photo-credit", i, i, "Photo credit"))
            elif shape == "read-more":
                first, last = i, i
                if i > 1 and self.infos[i - 1].headline_like and i - 1 not in self.taken:
                    first = i - 1  # the related headline the label linked to
                elif info.text.rstrip().endswith(":") and i + 1 < len(self.infos) and self.infos[i + 1].headline_like:
                    last = i + 1
                    if i + 2 < len(self.infos) and self._wraps(self.infos[i + 1], self.infos[i + 2]):
                        last = i + 2  # the headline wrapped onto a second line
                else:
                    last = self._linked_list(i)
                self._take(Decision("related-link", first, last, "Link to a related article"))
            elif shape == "inline-link":
                self._take(Decision("related-link", i, i, "Link to a related article"))
            elif shape == "site" or (shape == "list-heading" and self._teasers_follow(i)):
                last = self._linked_list(i) if info.text.rstrip().endswith(":") else i  # "Related:" over headlines
                if last > i:
                    self._take(Decision("related-link", i, last, "Links to related articles"))
                else:
                    self._take(Decision("site-widget", i, i, "Site widget or notice"))
            elif label is not None and not info.terminal and i + 1 < len(self.infos):
                blurb = self.infos[i + 1].text
                words = len(blurb.split())
                # A blurb is short: it advertises the other page; a long paragraph that uses the
                # label's word is the article's own ("Analysis: ..." over "Our analysis of ...").
                if (label in blurb.lower() and words <= BLURB_WORDS // 2) or (self.lx.blurb.search(blurb) and words <= BLURB_WORDS):
                    self._take(Decision("promo-box", i, i + 1, "Promo box with its blurb"))
            if shape in ("long", None) and i not in self.taken and (glued := self._glued_link(i, info)):
                self._take(glued)

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


def _shape(info: Info, lx) -> tuple[str | None, str | None]:
    text = info.text
    if lx.caption.match(text):
        return "caption", None
    if len(text) > LONGEST_PHRASE:  # only notices (cookies, copyright) run this long
        return ("long-notice" if lx.site.match(text) else "long"), None
    if lx.source.match(text):
        return "source", None
    if photo_credit(text, lx):
        return "credit", None
    if lx.read_more.match(text):
        return "read-more", None
    if inline_link(info, lx):
        return "inline-link", None
    if lx.site.match(text):
        return "site", None
    promo = lx.promo.match(text)
    return ("list-heading" if lx.list_heading.match(text) else None), (promo.group("label").lower() if promo else None)


def analyse(text: str, mode: str, dirs: tuple[Path, ...], memo: dict | None = None) -> Analysis:
    """The analysis of ``text``; ``memo`` (``Doc.memo``) keeps what each line looked like for a
    later pass over the same document, which reads again only the lines that changed."""
    passes = Passes.of(memo, "boilerplate")
    if passes.text is text:
        return passes.result  # another rule of the stage, on the same text
    analysis = Analysis(text, mode, dirs, passes.kept.get("lines"))
    passes.kept["lines"] = analysis.seen
    return passes.keep(text, analysis)


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
    analysis = analyse(doc.text, doc.config.mode, doc.config.rule_dirs, doc.memo)
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
