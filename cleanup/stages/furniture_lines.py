"""Lines of a text as the furniture rules see them: shape, phrase lists and shared tests.

``describe`` reads one line's shape (length, final punctuation, bullets, casing); ``lexicon``
compiles the phrase lists of ``rules/lexicon/boilerplate.toml``; the small tests below (a
headline, a section name, a breadcrumb, a photo credit) are shared by the head, the tail
and the line-by-line decisions.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import regex

from ..errors import RuleFileError
from ..lexicon import alternation, load_lexicon
from ..names import given_names, world_places
from ..regexes import compile_fast
from ..textview import Line, search_at_end

_TERMINAL = compile_fast(r"[.!?…:;。！？][\"”’'»)\]」』]*$|[\"”’»」』]$")
_BULLET = compile_fast(r"^(?:[•·▪►◦‣∙*–—-]|\d{1,2}[.)])\s+")
_WORD = compile_fast(r"[^\W_][\w'’.-]*")  # stdlib re: fast on every line
_SMALL = frozenset(
    "a an the of in on at to for and or but by with from as vs via per de la le el en y et du des del los las".split()
)


class Lexicon:
    """The phrase lists of one set of rule folders, each compiled on first use: most lines
    of most articles never reach most lists (compiling them all took 45 ms of a one-article run).
    """

    KEYS = ("site-phrases", "list-headings", "footer-links", "copyright", "section-labels", "read-more",
            "caption-labels", "caption-starts", "agencies", "source-credits", "promo-labels", "promo-blurb",
            "comment-markers", "dates", "times", "date-labels")

    def __init__(self, dirs: tuple[Path, ...]):
        self.dirs = dirs
        lists = load_lexicon("boilerplate", dirs)
        for key in self.KEYS:  # a broken rule folder fails at start, not at the first line that needs it
            if not lists.get(key):
                raise RuleFileError("rules/lexicon/boilerplate.toml", None, f"list '{key}' is missing or empty")

    def _alt(self, key: str, template: str = "^(?:{})$", flags: int = regex.IGNORECASE) -> regex.Pattern:
        return alternation("boilerplate", key, self.dirs, template=template, flags=flags)

    def _group(self, key: str) -> str:
        """The list as one group to build a larger pattern with (not compiled alone)."""
        return "(?:{})".format("|".join(f"(?:{e})" for e in load_lexicon("boilerplate", self.dirs)[key]))

    @functools.cached_property
    def _stamp(self) -> tuple[str, str]:
        dates, times, labels = self._group("dates"), self._group("times"), self._group("date-labels")
        stamp = rf"(?:(?:{times})\s*[,|–—-]?\s*)?(?:{dates})(?:\s*(?:[,|–—·•/-]|\bat\b|\bà\b|\ba las\b|\bum\b)?\s*(?:{times}))?"
        return labels, stamp

    site = functools.cached_property(lambda self: self._alt("site-phrases"))
    list_heading = functools.cached_property(lambda self: self._alt("list-headings"))
    footer = functools.cached_property(lambda self: self._alt("footer-links"))
    copyright = functools.cached_property(lambda self: self._alt("copyright"))
    section = functools.cached_property(lambda self: self._alt("section-labels"))
    read_more = functools.cached_property(lambda self: self._alt("read-more", r"^(?:{})[\s.:…»>→]*$"))
    read_more_inline = functools.cached_property(
        lambda self: self._alt("read-more", r"^(?:{})\s*[:»>→|–—-]\s*\S.{{2,200}}$"))
    # The same glued to the end of a paragraph, right after its stop: "district.Read also: Enemy ..."
    read_more_glued = functools.cached_property(
        lambda self: self._alt("read-more", r"(?<=[.!?…”\"»)])(?:{})\s*[:»>→|–—-]\s*(?P<title>\S.{{2,200}})$"))
    # A caption label glued to a story's first paragraph, whose wire dateline follows ("PHOTO:
    # REUTERSKYIV, March 4 (Reuters) - Officials said ..."), is no caption: the paragraph is the story's;
    # nor is a label before a sentence of ten words or more in lower case ("Photo: the minister's
    # office released a picture showing ...", a script's "WATCH: aerial pictures of ..."), where a
    # caption's credit is short ("Photo: press service of Naftogaz").
    caption = functools.cached_property(lambda self: compile_fast(
        rf"^(?:(?:{self._group('caption-labels')})\s*:|(?i:{self._group('caption-starts')}))"
        rf"(?![^\n]*\((?:{self._group('agencies')})\)\s*[-–—])"
        r"(?![^\S\n]*\p{Ll}\S*(?:[^\S\n]+\S+){9})"))
    agency = functools.cached_property(lambda self: self._alt("agencies", flags=0))
    source = functools.cached_property(lambda self: self._alt("source-credits"))
    promo = functools.cached_property(
        lambda self: self._alt("promo-labels", r"^(?P<label>{})\s*[:|–—]\s*(?P<title>\S.{{2,150}})$"))
    blurb = functools.cached_property(lambda self: self._alt("promo-blurb", r"\b(?:{})\b"))
    comments = functools.cached_property(lambda self: self._alt("comment-markers"))

    @functools.cached_property
    def date_line(self) -> regex.Pattern:
        labels, stamp = self._stamp
        return compile_fast(rf"^(?:(?P<label>{labels})\s*:?\s*)?(?P<value>{stamp})\.?$", regex.IGNORECASE)

    def date_prefix(self, text: str) -> "re.Match | regex.Match | None":
        """A page date and its separator at the start of ``text``, before a letter or a quote
        (or glued to it: a date or time that ends in a figure, right before a letter).

        The stdlib engine compiles the pattern in a fifth of ``regex``'s time (20 ms of a
        one-article check) but has no ``\\p{L}``; it runs with a wider lookahead (any word
        character but digits and ``_``: letters and the rare numerals such as ``½``), and the
        exact pattern decides only when the character after its match is no letter.
        """
        m = self._date_prefix(True).match(text)
        if m is None or text[m.end()].isalpha() or text[m.end()] in "\"“‘«":
            return m
        return self._date_prefix(False).match(text)

    @functools.cache
    def _date_prefix(self, wide: bool) -> "re.Pattern | regex.Pattern":
        labels, stamp = self._stamp
        ahead = r"(?=[^\W\d_]|[\"“‘«])" if wide else r"(?=[\p{L}\"“‘«])"
        # (a separator, a space, or nothing after a figure: "12.04.2022 10:15Shelling", glued)
        pattern = rf"^\s*(?:(?P<label>{labels})\s*:?\s*)?(?P<value>{stamp})(?:\s*[|–—:•·-]\s*|\s+|(?<=\d)){ahead}"
        return compile_fast(pattern, regex.IGNORECASE)  # (the narrow one: \p{L}, with regex)


@functools.cache
def lexicon(dirs: tuple[Path, ...] = ()) -> Lexicon:
    return Lexicon(dirs)


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
    def content(self) -> tuple:
        """Everything but the line's place: what the tests that read one line depend on."""
        return self.text, self.item, self.words, self.terminal, self.bullet, self.titleish

    @property
    def long(self) -> bool:
        return len(self.text) > LONGEST_FURNITURE

    @property
    def headline_like(self) -> bool:
        return not self.terminal and not self.bullet and 1 <= self.words <= 25 and self.text[:1].isupper()

    @property
    def section_like(self) -> bool:
        return not self.terminal and not self.bullet and self.words <= 3 and self.titleish

    @property
    def tag_like(self) -> bool:
        return self.bullet and self.words <= 5 and self.titleish and not self.terminal


_ARROW = compile_fast(r">>|[>»›→]")
_CRUMB = compile_fast(r"\s*(?:>>|::|[>»›→])\s*|\s+[|/·•]\s+")
_CREDIT_LABEL = compile_fast(r"^(?:photo|foto|picture|credit|crédit|©)\s*:?\s*", regex.IGNORECASE)
_CREDIT_JOIN = compile_fast(r"\s*/\s*|\s+via\s+")
_PUNCT = compile_fast(r"[.!?:;,]")
_AND = compile_fast(r"\s+(?:&|and|y|et|и|і)\s+")
_CITATION = compile_fast(r"[\p{Ll})]\.\s")  # "et al. Title", "(2018). DOI": sentences, not a headline
SENTENCE_END = compile_fast(r"[.!?…:;。！？][\"”’'»)\]」』]*$")  # unlike _TERMINAL, a closing quote alone is not
LONGEST_FURNITURE = 2000  # characters; a longer line is article text (and regexes stay cheap)
LONGEST_PHRASE = 300  # widgets, links, credits and promo headings are shorter than this


_END_CHARS = ".!?…:;。！？\"”’'»)]」』"  # what the patterns that test a line's end match


def terminal(text: str) -> bool:
    """A stop before any closing quotes and brackets, or a closing quote, ends ``text``."""
    return bool(search_at_end(_TERMINAL, text, _END_CHARS))


def sentence_end(text: str) -> bool:
    return bool(search_at_end(SENTENCE_END, text, _END_CHARS))


def describe(line: Line) -> Info:
    text = line.stripped
    if len(text) > LONGEST_PHRASE:  # prose: no need to weigh its words one by one
        return Info(line, text, text, len(text.split()), terminal(text), False, False)
    bullet = _BULLET.match(text)
    item = text[bullet.end() :] if bullet else text
    words = _WORD.findall(item)
    titleish = False  # every word but the small ones capitalised (or a figure), and at least one
    for word in words:
        if word.lower() in _SMALL:
            continue
        if not (word[0].isupper() or word[0].isdigit()):
            titleish = False
            break
        titleish = True
    return Info(line, text, item, len(words), terminal(item), bool(bullet), titleish)


@dataclass
class Decision:
    """Lines the furniture analysis removes (or a prefix of one), and the rule that reports them."""
    kind: str  # the name of the rule that reports it
    first: int  # indexes into the list of non-blank lines
    last: int
    message: str
    metadata: dict = field(default_factory=dict)
    prefix_end: int | None = None  # remove only up to here (metadata glued to a line)
    suffix_start: int | None = None  # remove only from here (a link glued to a paragraph's end)


WRAPPED_END = 4  # words at most in the last line of a hard-wrapped sentence (and at least above it)


def wrapped_end(infos: Sequence[Info], j: int) -> bool:
    """Whether line ``j`` ends the sentence of the line above, hard-wrapped: a few words and a
    stop under a line of prose that stops mid-sentence ("... to shareholders of record" /
    "April 10.": a date, not a page's)."""
    if j < 1:
        return False
    here, above = infos[j], infos[j - 1]
    return (here.terminal and here.words <= WRAPPED_END and above.line.index == here.line.index - 1
            and not above.terminal and above.words >= WRAPPED_END and above.text[-1:].isalnum())


def title_like(info: Info) -> bool:
    """A headline: a line of up to 25 words without final punctuation (it may open with a figure)."""
    if info.bullet or not 1 <= info.words <= 25 or info.text[:1].islower():
        return False
    if not sentence_end(info.text):
        return True  # no final stop (a quotation may close it)
    return info.words <= 15 and info.text.rstrip("\"”’'»)").endswith(("?", "!"))


_NAME_WORD = r"(?:[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))+\.?|[^\W\d_]\.)"  # Garanich, O'Neil, Jean-Pierre, J.
_PERSON = compile_fast(rf"{_NAME_WORD}(?: {_NAME_WORD})+")  # a person's name: two such words or more


def person(text: str, dirs: tuple[Path, ...] = ()) -> bool:
    """A line that is a person's name alone: two to four capitalised words, the first a known
    given name ("Helen Ashcroft", "Mary-Jane O'Neil"; not "Related Articles")."""
    words = text.split()
    return (2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)
            and words[0].split("-")[0] in given_names(dirs) and _PERSON.fullmatch(text) is not None)


def photo_credit(text: str, lx: Lexicon) -> bool:
    """``MAXIM GUCHEK/ BELTA/ AFP``: names and agencies joined by slashes or 'via', nothing else,
    and an agency or a person among them."""
    if len(text) > 120 or ("/" not in text and " via " not in text) or terminal(text) or text.endswith(","):
        return False  # (a line that ends with a comma goes on: "DATA FILES, AND/OR SOFTWARE,")
    parts = [p.strip() for p in _CREDIT_JOIN.split(_CREDIT_LABEL.sub("", text))]
    if len(parts) < 2 or any(not p or len(p.split()) > 5 for p in parts):
        return False
    bullet = _BULLET.match(parts[0])
    if bullet:  # a list item's bullet is no word of a name
        parts[0] = parts[0][bullet.end() :]
    agencies = [bool(lx.agency.match(p) or lx.agency.match(p.title())) for p in parts]  # (REUTERS)
    named = [agencies[i] or (p.upper() == p and any(c.isalpha() for c in p)) for i, p in enumerate(parts)]
    capitalised = all(named[i] or all(w[0].isupper() for w in p.split()) for i, p in enumerate(parts))
    # An agency or a person is credited; codes are not (EUR/USD, X86/Linux, I/O Redirection).
    return capitalised and any(named) and (any(agencies) or any(_PERSON.fullmatch(p) for p in parts))


def section(text: str, lx: Lexicon) -> bool:
    """A section name, or two joined (``Arts & Culture``, ``Opinion and Analysis``)."""
    if len(text) > 40:
        return False
    if lx.section.match(text) or lx.list_heading.match(text):
        return True
    parts = _AND.split(text)
    return len(parts) == 2 and all(lx.section.match(p) for p in parts)


def breadcrumb(text: str, lx: Lexicon) -> bool:
    """``Home > News > World``, ``News » Ukraine``, ``World | Europe``: short capitalised parts.

    Joined by `|` or `/`, all parts but one must be section names (``Rock / Paper / Scissors`` is a title).
    """
    if len(text) > 120:
        return False
    parts = [p.strip() for p in _CRUMB.split(text)]
    if len(parts) < 2 or any(not p or len(p.split()) > 4 or _PUNCT.search(p) for p in parts):
        return False
    if not all(p[0].isupper() or p[0].isdigit() or section(p, lx) for p in parts):
        return False
    if _ARROW.search(text) and "<" not in text:  # `>`, `»`, `›` never join the words of a headline
        return True  # (but `<DOW>` brackets a ticker)
    sections = sum(section(p, lx) for p in parts)
    # `|`, `/`: names of sections, or sections by region ("News / Ukraine / Kharkiv region")
    return sections >= max(len(parts) - 1, 1) or sections >= 1 and sections + sum(
        _region(p, lx) for p in parts) >= len(parts)


_REGION_WORDS = compile_fast(r"\s+(?i:region|oblast|province|state|district|county)$")


def _region(part: str, lx: Lexicon) -> bool:
    """A country, continent or large city (``names/world-places.txt``), maybe with "region"."""
    return _REGION_WORDS.sub("", part).lower() in world_places(lx.dirs)


def inline_link(info: Info, lx: Lexicon) -> bool:
    """``READ MORE: Why the army is not advancing``: a label, then a headline (not a citation)."""
    m = lx.read_more_inline.match(info.text)
    return bool(m) and not info.terminal and info.words <= 20 and not _CITATION.search(info.text)
