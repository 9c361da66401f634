"""Punctuation spacing and sentence ends that translation got wrong.

Spaces before marks and lost after them, doubled and missing stops. Quotation marks are in
``quotes``, the other module of the punctuation stage.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path

import regex

from ..lexicon import load_lexicon
from ..model import Applicability, Edit, Finding, Severity
from ..regexes import compile_fast
from ..registry import Rule, Triggers, check
from ..textview import LETTERS, LineTally, search_at_end
from ..vocabulary import function_words, zipf
from ..wordscan import count_each

# A space (or the no-break space French typography puts there) before , . ; : ! ? that ends a
# word: not ".5", not ".NET", not an ellipsis, not an emoticon (":)", ";-)", ":D").
_SPACE_BEFORE = compile_fast(
    r"(?<=[\p{L}\p{N}”’\"\)\]»])[ \t\u00a0\u202f]+(?=[.,;:!?](?:[\s”’\"\)«»]|$))(?!\.\.)(?![:;]-?[()DPp](?!\p{L}))"
)
# "conflict. ." / "end.." but never an ellipsis.
_DOUBLED = compile_fast(r"(?<=\p{L}[”’\"\)]?)(?P<mark>[.!?])(?P<extra>[ \t]*\.)(?![.\p{L}\p{N}])(?<!\.\.\.)")
_SPACED_ELLIPSIS = compile_fast(r"\. \. \.")
_END = compile_fast(r"[.!?…:;][”’\"»)\]]*$|[.!?…][”’\"»)\]]+[.!?]?$")
_END_CHARS = ".!?…:;”’\"»)]"  # what ``_END`` matches
_SENTENCE_BREAK = compile_fast(r"\p{Ll}[.!?][”’\"]?\s+[“\"]?\p{Lu}")
SENTENCE_WORDS = 7  # words at least in a last sentence that is prose, not a kicker's quoted title
_BULLET = compile_fast(r"^\s*(?:[•·▪►◦‣∙*–—-]|\d{1,2}[.)])\s+")


# What each rule's pattern cannot match without (the gate that skips clean text, stdlib engine;
# each written to start with a mark, which the engine skips to, and to look back from it).
_SPACES = " \t\u00a0\u202f"  # what _SPACE_BEFORE takes for a space
_SPACE_THEN_MARKS = tuple(compile_fast(rf"{re.escape(mark)}(?<=[{_SPACES}]{re.escape(mark)})") for mark in ".,;:!?")
_DOUBLED_STOP = compile_fast(r"\.(?:(?<=[.!?]\.)|(?<=[.!?][ \t]\.)|(?<=[ \t][ \t]\.))")  # (a longer run: any two)


def _starts(patterns: tuple[re.Pattern, ...], text: str) -> list[int]:
    """Where any of a gate's patterns matches, in order: the places a rule's own pattern, which
    opens with a lookbehind (tried at every character by a scan), is tried instead."""
    return sorted({m.start() for pattern in patterns for m in pattern.finditer(text)})


def spaces_before_marks(text: str) -> Iterator[re.Match]:
    """The matches of ``_SPACE_BEFORE``, found from the marks the gate finds (a scan with it
    took 115 ms/MB of an article with one space before a mark somewhere). A match is a whole
    run of spaces right before a mark, so each run is tried once, from its first space."""
    for end in _starts(_SPACE_THEN_MARKS, text):
        start = end
        while start and text[start - 1] in _SPACES:
            start -= 1
        m = _SPACE_BEFORE.match(text, start)
        if m is not None and m.end() == end:
            yield m


def _spaced_ellipsis(text: str, at: int) -> bool:
    """Whether ``at`` is inside a run of three or more stops each a space apart: the spaced
    ellipsis of Chicago and of court records ("He paused . . . then spoke", "a whole. . . . No";
    eight characters each way, so that a run of them costs no more per mark)."""
    start, end = at, at
    while start > max(0, at - 8) and text[start - 1] in ". ":
        start -= 1
    while end < min(len(text), at + 8) and text[end] in ". ":
        end += 1
    return _SPACED_ELLIPSIS.search(text, start, end) is not None


@check("space-before-punctuation", triggers=Triggers(patterns=_SPACE_THEN_MARKS))
def space_before_punctuation(doc, rule: Rule) -> Iterator[Finding]:
    text = doc.text
    for m in spaces_before_marks(text):
        if text[m.end() : m.end() + 3] == "..." or _spaced_ellipsis(text, m.end()):
            continue
        if text[m.end()] == ":" and text[m.start() - 1].isdigit() and text[m.end() + 1 : m.end() + 3].strip()[:1].isdigit():
            continue  # a score or a ratio: "2 : 1"
        before = _WORD_BEFORE.search(text, max(0, m.start() - 16), m.start()) if text[m.end()] in ",.;" else None
        if before and before.group(1).lower() in _before_lost_word(doc.config.rule_dirs):
            # "public prosecutor of , and": a scraper dropped a link's text; closing the gap hides it
            yield rule.finding(m.start(), m.end() + 1, message=f"A word seems lost before '{text[m.end()]}' (a link's text dropped?)",
                               severity=Severity.WARNING)
            continue
        yield rule.finding(m.start(), m.end(), "", found=text[m.start() - 1 : m.end() + 1])


_WORD_BEFORE = compile_fast(r"(?<![\w'’])([^\W\d_]+)\Z")


@functools.cache
def _before_lost_word(dirs: tuple[Path, ...]) -> frozenset[str]:
    return frozenset(load_lexicon("punctuation", dirs)["before-lost-word"])


@check("doubled-terminal-punctuation", triggers=Triggers(patterns=(_DOUBLED_STOP,)))
def doubled_terminal_punctuation(doc, rule: Rule) -> Iterator[Finding]:
    text = doc.text
    for m in _DOUBLED.finditer(text):
        if text[max(0, m.start() - 2) : m.start()] == ".." or _spaced_ellipsis(text, m.start("extra")):
            continue
        # "conflict. ." is a doubled stop; "or.." may be a clipped ellipsis: only a suggestion
        level = None if m.group("extra")[0].isspace() else Applicability.UNSAFE
        yield rule.finding(m.start("extra"), m.end("extra"), "", found=m.group(), applicability=level)



# The last line of a paragraph: a whole line (no backtracking into it) before a blank line or the
# end; group 1, after the line break that starts the match (a literal the engine skips to, where
# a lookbehind first made it test every character: 16 -> 4 ms/MB).
_PARAGRAPH_END = compile_fast(r"\n([^\n]++)(?=\n[^\S\n]*+(?:\n|\Z)|\Z)")


def _a_sentence(body: str) -> bool:
    """Whether the paragraph's last sentence is a sentence of prose: ``SENTENCE_WORDS`` words or
    more, most of them in lower case. A kicker, an answer or a list item ending on a quoted
    title is not ("Best film. “Anatomy of a Fall”", "Ukraine war. Zelensky: “We need more air
    defence”")."""
    last = body[[m.end() for m in _SENTENCE_BREAK.finditer(body)][-1] - 1 :]
    words = LETTERS.findall(last)
    return len(words) >= SENTENCE_WORDS and sum(w[0].islower() for w in words) * 2 > len(words)


@check("missing-final-stop")
def missing_final_stop(doc, rule: Rule) -> Iterator[Finding]:
    """A paragraph of several sentences that stops without a full stop gets one.

    Safe when it ends with a closing quote (translations from Spanish and French drop the
    stop that those languages put after the quote); otherwise the last line may be a caption
    or a bio, so the stop is only suggested. Headlines, subheadings, list items and credit
    lines are single phrases or bullets and never touched, nor the first line.
    """
    text = doc.text
    for line in _PARAGRAPH_END.finditer(text):  # never the first line: it follows no line break
        body = line.group(1).rstrip()
        if not body or _BULLET.match(body) or search_at_end(_END, body, _END_CHARS):
            continue
        if not _SENTENCE_BREAK.search(body) or not (body[-1].isalnum() or body[-1] in "”\""):
            continue
        end = line.start(1) + len(body)
        if body[-1] in "”\"" and body[-2:-1].isalnum() and _a_sentence(body):
            yield rule.finding(end, end, ".", found=body[-30:])
        else:
            yield rule.finding(end, end, ".", found=body[-30:], applicability=Applicability.UNSAFE,
                               severity=Severity.INFO)



# A word, a sentence end or a comma, and the next word with no space between them:
# "Istanbul.Ukraine", "weeks.The", "Mariupol,the", "really?No", "said.“We", "poo.A".
# Latin letters only: Cyrillic text is not this rule's business.
_NEXT_WORD = r"[\p{Lu}&&\p{Latin}][\p{Ll}&&\p{Latin}]+(?![\p{L}\p{N}(]|\.\p{L})|[AI](?=[\s,’'])"
_GLUED = compile_fast(
    r"(?V1)(?<=(?P<left>[\p{Latin}\p{N}]{2}|[’']s)[”’)]?)(?:(?P<stop>[.!?])(?P<quote>[“”‘’\"]?)(?=(?:" + _NEXT_WORD + "))"
    r"|(?P<comma>,)(?=\p{Latin}{2}|[aAI][\s’'])|(?<=\p{Ll}{2})(?P<comma>,)(?=\p{N}+[\s,])"  # "the actor,31,"
    r"|(?<=\p{Ll}{3})(?P<comma>;)(?=\p{Ll}{3}))"  # "war;peace", not "tl;dr"
)
# ``_GLUED`` read wider: two letters or figures (or ``'s``), a closing mark perhaps, then a stop
# (a quote perhaps) before a letter, a comma or a semicolon before a letter, or a comma before
# a figure after two letters. One pattern per mark, each starting with its mark.
_LEFT = r"(?:(?<=[^\W_]{2}.)|(?<=['’]s.)|(?<=[^\W_]{2}[”’)].)|(?<=['’]s[”’)].))"
_GLUED_MARKS = tuple(compile_fast(pattern) for pattern in (
    rf"\.(?=[“”‘’\"]?[^\W\d_]){_LEFT}", rf"!(?=[“”‘’\"]?[^\W\d_]){_LEFT}", rf"\?(?=[“”‘’\"]?[^\W\d_]){_LEFT}",
    rf",(?:(?=[^\W\d_]){_LEFT}|(?<=[^\W\d_]{{2}},)(?=[^\W_]))", rf";(?=[^\W\d_]){_LEFT}"))
# A token that is a web address, an e-mail, a path, a handle or code, never prose.
_NOT_PROSE = compile_fast(r"[@/\\#=_&<>{}|~]|www|\.(?:com|org|net|html?|php|ua|ru|tv|fr|es)\b", regex.IGNORECASE)


def glued_marks(text: str) -> Iterator[regex.Match]:
    """The matches of ``_GLUED``, tried only where one of ``_GLUED_MARKS`` matches: those read
    it wider and start at the same mark (a scan with it took 60 ms/MB of an article with one
    glued mark somewhere)."""
    end = 0
    for start in _starts(_GLUED_MARKS, text):
        m = _GLUED.match(text, start) if start >= end else None
        if m is not None:
            end = m.end()
            yield m


LONGEST_TOKEN = 200  # characters; a run without spaces this long is no sentence end that lost its space


@functools.cache
def _domains(dirs: tuple[Path, ...]) -> frozenset[str]:
    return frozenset(load_lexicon("punctuation", dirs)["top-level-domains"])


@functools.cache
def _starters(dirs: tuple[Path, ...]) -> frozenset[str]:
    return frozenset(load_lexicon("punctuation", dirs)["sentence-starters"]) | function_words(dirs)


def _token(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The run of text without spaces or brackets around ``start:end``; None when it runs
    longer than ``LONGEST_TOKEN`` (no prose word does, and reading it whole at each of its
    marks made a long run of ``word,word,...`` quadratic)."""
    low, high = max(0, start - LONGEST_TOKEN), min(len(text), end + LONGEST_TOKEN)
    left = max(text.rfind(c, low, start) for c in " \n\t(") + 1
    ends = [i for i in (text.find(c, end, high) for c in " \n\t)") if i != -1]
    right = min(ends, default=len(text))
    if (left == 0 and low > 0) or (not ends and high < len(text)):
        return None
    return left, right


def _in_code(text: str, left: int, right: int) -> bool:
    """Inside brackets with no space at all: arguments, a formula (``f(Syn,LogForm)``)."""
    return left > 0 and text[left - 1] == "(" and text[right : right + 1] == ")"


_OPENING_WORD = compile_fast(r"[“‘\"]?(\p{L}+)")  # a word, after an opening quote
_MEMBER = compile_fast(r"\p{Lu}[\p{L}\d]*(?:[,.;:()\[]|$)")  # a member name ("Now", "UtcNow", "PI") and no word after it
_MARK_BEFORE_TEXT = compile_fast(r"[.,;!?](?=[^\s”’\"])")
_LETTERS = compile_fast(r"\p{L}*")


def _word_at(text: str, at: int) -> str:
    m = _OPENING_WORD.match(text[at:])
    return m.group(1) if m else ""


@check("missing-space-after-punctuation", triggers=Triggers(patterns=_GLUED_MARKS))
def missing_space_after_punctuation(doc, rule: Rule) -> Iterator[Finding]:
    """Insert the space that a sentence end or a comma lost before the next word.

    Only between two words of letters, a lower-case end before the mark, and for a full stop a
    capitalised word after it, so ``U.S.``, ``J.K.``, ``3.5``, ``1,500``, ``e.g.``, ``BFM.TV``,
    ``Dialog.ua``, ``Node.js`` and ``index.html`` never match; a token that holds a web address,
    an e-mail, a path, code or more than one such mark (``a.b.c``, ``red,green,blue``) is left
    alone, and so is a comma before a lower-case non-word (OCR noise: ``hi,ghlighted``).
    """
    text = doc.text
    domains = _domains(doc.config.rule_dirs)
    candidates = []
    for m in glued_marks(text):
        bounds = _token(text, m.start(), m.end())
        if bounds is None:
            continue
        left, right = bounds
        token = text[left:right]
        if _NOT_PROSE.search(token) or len(_MARK_BEFORE_TEXT.findall(token)) > 1:
            continue
        if not _in_code(text, left, right):
            candidates.append((m, left, right, token.strip("“”‘’\"'.,;:!?")))
    written = count_each(text, {name for *_, name in candidates})  # (counted once for all marks)
    straight = LineTally(text, '"')  # the straight quotes on a mark's line before it
    for m, left, right, name in candidates:
        (quotes,) = straight.before(m.start())
        if written[name] > 1:
            continue  # a name written so throughout ("Diia.Business")
        after = _word_at(text, m.end())
        if m.group("stop") == "." and after.lower() in domains:
            continue  # "Booking.Com"
        if after.islower() and zipf(after) == 0:
            continue  # "hi,ghlighted": no word after the mark
        at = m.end()
        quote = m.group("quote") or ""
        if quote in ("“", "‘") or quote == '"' and quotes % 2 == 0:
            at = m.end() - len(quote)  # an opening quote starts the next sentence: the space goes before it
        # Safe: a comma, or a lower-case word, a stop and a word that starts sentences ("weeks.The");
        # a capitalised noun after the stop may be a file or a handle ("config.Yaml", "john.Smith").
        starts = after.lower() in _starters(doc.config.rule_dirs)
        level = None if m.group("comma") or starts else Applicability.UNSAFE
        first = text[left:right].lstrip("“‘\"(")
        if m.group("stop") and (not m.group("left").islower() or not first[:1].islower()):
            # Capitals or figures before a stop may be a brand or a model ("Diia.Business",
            # "Rino.Ink", "Windows 10.Pro") or an abbreviated name ("Dm.Bykov"). Safe before a word
            # that starts sentences ("Kherson.The"); before another capitalised word a suggestion,
            # and only after a known word ("Istanbul.Ukraine", "ITV.Sources").
            head = _LETTERS.match(first).group()
            if head.istitle() and len(head) <= 3:
                continue  # "Dm.", "Gen.", "Mr.": an abbreviation, not a sentence end
            if not head.isupper() and any(c.isupper() for c in head[1:]) and _MEMBER.match(text, m.end()):
                continue  # "DateTime.Now,", "Math.PI": camel case, then a member name with no word after it
            if not starts and zipf(head.lower()) < 3:
                continue
        yield rule.finding(m.start(), m.end(), edits=(Edit(at, at, " "),), applicability=level,
                           found=text[max(left, m.start() - 15) : min(right, m.end() + 15)])
