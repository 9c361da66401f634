"""Line views over a text with stable offsets, and spans that remove whole lines cleanly."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .regexes import compile_fast

PARAGRAPH = compile_fast(r"[^\n]+(?:\n[^\n]+)*")  # a run of non-blank lines
LETTERS = compile_fast(r"[^\W\d_]+")  # a word's letters (its runs, across hyphens and apostrophes)
TITLE_SHARE = 0.6  # share of capitalised longer words that makes a line Title Case


def search_at_end(pattern: "re.Pattern", text: str, chars: str) -> "re.Match | None":
    """``pattern.search(text)`` for a pattern whose matches are runs of ``chars`` that end the
    text (a final stop and closing quotes): searched from where that run begins, since a search
    along a whole paragraph tries every stop in it.

    >>> search_at_end(re.compile(r"[.!?][”)]*$"), "He left. Then.”", ".!?”)").group()
    '.”'
    """
    if text.endswith("\n"):  # ``$`` also matches before a final line break
        return pattern.search(text)
    return pattern.search(text, len(text.rstrip(chars)))


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a text with its offsets (the line break is not part of it)."""
    index: int
    start: int  # offset of the first character
    end: int  # offset just past the last character (the "\n" is not part of the line)
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def stripped(self) -> str:
        return self.text.strip()


def whole_words(words: set[str], before: str, after: str) -> re.Pattern:
    r"""Occurrences of ``words`` (longest first) between the boundary assertions ``before``/``after``.

    >>> [m.group() for m in whole_words({"kyiv"}, r"(?<!\w)", r"(?!\w)").finditer("kyiv kyivstar kyiv")]
    ['kyiv', 'kyiv']
    """
    alternatives = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    return compile_fast(f"{before}(?:{alternatives}){after}")


def split_lines(text: str) -> list[Line]:
    """Every line, blank ones included; a final newline does not open an empty last line.

    >>> [l.text for l in split_lines("a\\n\\nb\\n")]
    ['a', '', 'b']
    """
    out: list[Line] = []
    pos = 0
    for index, part in enumerate(text.split("\n")):
        out.append(Line(index, pos, pos + len(part), part))
        pos += len(part) + 1
    if len(out) > 1 and out[-1].text == "" and text.endswith("\n"):
        out.pop()
    return out


def content_lines(lines: Sequence[Line]) -> list[Line]:
    return [line for line in lines if not line.blank]


def removal_span(text: str, lines: Sequence[Line], first: Line, last: Line) -> tuple[int, int]:
    """The span that deletes lines ``first..last`` and leaves paragraph spacing as it was.

    The neighbours keep the separation they had on the side that survives: a removed
    paragraph takes its blank line with it, a removed last block leaves one final newline.

    >>> t = "Head\\n\\nWATCH: clip\\n\\nBody.\\n"
    >>> ls = split_lines(t)
    >>> a, b = removal_span(t, ls, ls[2], ls[2]); t[:a] + t[b:]
    'Head\\n\\nBody.\\n'
    >>> a, b = removal_span(t, ls, ls[4], ls[4]); t[:a] + t[b:]
    'Head\\n\\nWATCH: clip\\n'
    """
    before = next((l for l in reversed(lines[: first.index]) if not l.blank), None)
    after = next((l for l in lines[last.index + 1 :] if not l.blank), None)
    if after is None:
        if before is None:
            return 0, len(text)
        return before.end + 1, len(text)  # keep the newline that ends the line before
    if before is None:
        return first.start, after.start
    gap_before = first.index - before.index > 1
    gap_after = after.index - last.index > 1
    if gap_after and not gap_before:  # keep the blank line that separated us from what follows
        return before.end, last.end
    return first.start, after.start


class LineTally:
    """How often each of ``chars`` stands before a position on its line, for positions asked in
    increasing order: each stretch of the text is counted once (counting from the line's start
    at every position made a long line quadratic).

    >>> tally = LineTally('say "a" and "b\\nc" d', '"')
    >>> [tally.before(at) for at in (4, 12, 18)]
    [(0,), (2,), (1,)]
    """

    def __init__(self, text: str, chars: str):
        self.text, self.chars = text, chars
        self.line = self.counted = 0  # the current line's start, and how far it is counted
        self.counts = [0] * len(chars)

    def before(self, at: int) -> tuple[int, ...]:
        if (newline := self.text.rfind("\n", self.counted, at)) != -1:
            self.line = self.counted = newline + 1
            self.counts = [0] * len(self.chars)
        for i, char in enumerate(self.chars):
            self.counts[i] += self.text.count(char, self.counted, at)
        self.counted = at
        return tuple(self.counts)


CODE_WINDOW = 200  # characters before a word that tell code from prose
_BACKTICKS = compile_fast("`+")  # a code span opens and closes with a run of backticks
_CODE_AFTER = compile_fast(r"\s+import\b|[(\[`]|\s*=|::")


_ADDRESS = compile_fast(r"^[(\[<«“\"']*(?:https?://|www\.|[#@])|://|[^\W_]@[^\W_]"
                        r"|(?<![^\W\d_])(?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)/[A-Z]")  # a time zone's id
_TOKEN_HEAD = compile_fast(r"\S*\Z")
_TOKEN_TAIL = compile_fast(r"\S*")
ADDRESS_WINDOW = 200  # characters of a token looked at each side of a word (a blob's words cost no more)


def in_address(text: str, start: int, end: int) -> bool:
    """Whether the word at ``start:end`` is part of a link, an e-mail address, a handle, a
    hashtag or a time zone's id (the whitespace-delimited token around it): an address changes
    with its spelling.

    >>> t = "See https://en.wikipedia.org/wiki/Kiev, #Kiev, @KievPost, kiev@example.com; Kiev/Kharkiv; 'Europe/Kiev'."
    >>> [in_address(t, i, i + 4) for i in [m for m in range(len(t)) if t.startswith(("Kiev", "kiev"), m)]]
    [True, True, True, True, False, True]
    """
    head = _TOKEN_HEAD.search(text, max(0, start - ADDRESS_WINDOW), start)
    tail = _TOKEN_TAIL.match(text, end, end + ADDRESS_WINDOW)
    token = text[head.start() : tail.end()]
    return _ADDRESS.search(token) is not None


_OPENING_QUOTE = compile_fast(r"[“\"‘'«]\Z")
_CLOSING_QUOTE = compile_fast(r"[,.]?[”\"’'»]")


def quoted_alone(text: str, start: int, end: int) -> bool:
    """Whether the word at ``start:end`` fills a quotation by itself: named, not used ('the word
    "Kharkov"', 'forms such as "Mariupolwhile"', "the name as 'kyiv'"), so its spelling is the point.

    >>> t = 'forms such as "Mariupolwhile". He said "we left Mariupolwhile it burned".'
    >>> quoted_alone(t, 15, 28), quoted_alone(t, 48, 61)
    (True, False)
    """
    return _OPENING_QUOTE.search(text, max(0, start - 1), start) is not None and _CLOSING_QUOTE.match(text, end) is not None


# A word that names what follows, or another named token before it ('such as "a" and "b"').
_NAMING_BEFORE = compile_fast(r"(?:(?<![^\W\d_])(?i:as|like|word|words|term|form|forms|spelling|spelled|spelt|written|write|writes|wrote|reads?|called|calls)"
                              r"|[”\"’'»],? (?:and|or)|[”\"’'»],)\s*[“\"‘'«]\Z")


def named_alone(text: str, start: int, end: int) -> bool:
    """Whether the word at ``start:end`` fills a quotation after a word that names it ('forms
    such as "Mariupolwhile"', "written as 'kyiv'"): a token quoted alone without one may be a
    quoted phrase that lost its space ('the "Breakingnews" banner'), which is still mended.

    >>> t = 'forms such as "Mariupolwhile" and "ammunitionand"; the "Breakingnews" banner'
    >>> named_alone(t, 15, 28), named_alone(t, 35, 48), named_alone(t, 56, 68)
    (True, True, False)
    """
    return quoted_alone(text, start, end) and _NAMING_BEFORE.search(text, max(0, start - 24), start) is not None


def in_code(text: str, start: int, end: int) -> bool:
    """Whether the word at ``start:end`` stands in code or markup rather than prose.

    Code: after ``import``, ``install``, ``>>>``, ``=`` or ``{%``; right after ``--``, a
    query's ``?`` or ``&``, or a placeholder's ``%(`` or ``{``; on a shell or Python prompt's
    line (``$ ...``, ``>>> ...``), a table's row (``| ...``) or a line indented by four spaces
    or a tab (a code block); right before ``(``, ``[`` or a backtick, or before ``import`` or
    ``=``; glued by commas on both sides (``a,b,c``); inside a code span (an odd number of runs
    of backticks before it on its line) or an HTML tag (looking back at most ``CODE_WINDOW``
    characters, so that a long line costs no more per word).
    Code writes names in lower case and glues words on purpose (``isinstance(``, ``endfor``).

    >>> t = "pip install starlette; use `moveto` or isinstance(x) in <a id=x>. Why? A test -- a (small) one."
    >>> [in_code(t, t.index(w), t.index(w) + len(w)) for w in ("starlette", "moveto", "isinstance", "id")]
    [True, True, True, True]
    >>> [in_code(t, t.index(w), t.index(w) + len(w)) for w in ("use", "A test", "a (small)")]
    [False, False, False]
    """
    window = max(0, start - CODE_WINDOW)
    newline = text.rfind("\n", window, start)
    line = text[newline + 1 or window : start]
    if _code_before(line) or _CODE_AFTER.match(text, end) or len(_BACKTICKS.findall(line)) % 2:
        return True
    if (newline != -1 or window == 0) and line.startswith(("    ", "\t")):
        return True  # on a line indented as a code block is (four spaces or a tab)
    if line.endswith(",") and text[end : end + 1] == "," and text[end + 1 : end + 2] not in ("", " ", "\n"):
        return True  # inside a list glued by commas on both sides: names in code or data (a,b,c)
    return line.rfind("<") > line.rfind(">")


def _code_before(line: str) -> bool:
    """What ``in_code`` looks for before the word, with string tests (a pattern searched over
    every word's line cost more than the rules it guards)."""
    if line.endswith(("--", "?", "&", "%(", "{")):
        return True  # (also a format placeholder: %(name)s, {name})
    tail = line.rstrip()
    if tail.endswith((">>>", "=", "{%", "{{")):
        return True
    for keyword in ("import", "install"):
        if tail.endswith(keyword):
            before = tail[-len(keyword) - 1 : -len(keyword)]
            if not (before.isalnum() or before == "_"):
                return True
    head = line.lstrip()
    # a shell or Python prompt's line, or a table's row (markup)
    return head[:1] == "$" and head[1:2].isspace() or head.startswith((">>> ", "|"))


def title_case(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` is a line in Title Case, a headline's: of its words of four
    letters or more after the first, at least two, and most of them capitalised."""
    words = [w for w in LETTERS.findall(text, start, len(text) if end is None else end) if len(w) >= 4][1:]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= TITLE_SHARE * len(words)
