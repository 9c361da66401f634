"""Translation-quality checks that report and suggest, but do not fix by default.

- Pronoun-gender mismatch: ``Iryna Vereshchuk, demanded … ,” he said`` when the names table
  knows the speaker is a woman; a ``her`` with only known men nearby (lower confidence).
- Headline mismatch: the headline's names occur nowhere in the article (another article's
  headline, pasted by the site or the pipeline).
- Name spelled two ways: near-identical spellings of a name the table does not know, left
  after every fix (``Arakhamia`` and ``Arajamia``).
"""

from __future__ import annotations

import difflib
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator

import regex

from ..model import Applicability, Finding, Severity
from ..names import find_mentions, load_names
from ..regexes import compile_fast
from ..registry import Rule, Triggers, check
from ..romanize import same_name
from ..textview import PARAGRAPH, split_lines
from ..vocabulary import unfinished_words, zipf

_QUOTED = compile_fast(r"“[^”]*”|\"[^\"\n]*\"")  # what _quoted finds
_STRAIGHT_END = compile_fast('["\\n]')
_ATTRIBUTION = compile_fast(r"[,.!?…]”\s+(?P<pronoun>he|she)\s+(?=\p{Ll})")
# A female pronoun as a word: \b(?:[Hh]er|[Ss]he|[Hh]ers|[Hh]erself)\b, written to start with its
# first letter (the engine skips to it) and to look back from there (47 -> 11 ms/MB).
_OBJECT_PRONOUN = compile_fast(r"[HhSs](?<!\w.)(?:(?<=[Hh])er(?:self|s)?|(?<=[Ss])he)\b")
_HEADLINE_TOKEN = compile_fast(r"[\p{L}\p{N}][\p{L}\p{N}-]*")
_SWAP = {"he": "she", "she": "he"}
_GENDER = {"he": "male", "she": "female"}


def _outside_quotes(paragraph: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for start, end in _quoted(paragraph):
        spans.append((pos, start))
        pos = end
    spans.append((pos, len(paragraph)))
    return spans


_OPENING = compile_fast("[“\"]")


def _quoted(text: str) -> Iterator[tuple[int, int]]:
    """The spans ``_QUOTED`` finds, in one pass: an opening mark with no close is skipped in
    constant time, since the next closing mark is remembered (a run of unclosed quotes was
    quadratic).
    """
    curly = straight = -1  # the next closing mark found so far, or the end of the text
    pos = 0
    while (m := _OPENING.search(text, pos)) is not None:
        at = m.start()
        if text[at] == "“":
            if curly <= at:
                curly = text.find("”", at + 1)
                curly = len(text) if curly == -1 else curly
            close = curly
        else:
            if straight <= at:
                straight = _STRAIGHT_END.search(text, at + 1)
                straight = straight.start() if straight else len(text)
            close = straight if straight < len(text) and text[straight] == '"' else len(text)
        if close < len(text):
            yield at, close + 1
            pos = close + 1
        else:
            pos = at + 1


@check("pronoun-gender-mismatch", triggers=Triggers(("”", "her", "Her", "she", "She")))
def pronoun_gender_mismatch(doc, rule: Rule) -> Iterator[Finding]:
    """The speaker of ``…,” he said`` is the last known person named outside quotation marks."""
    text = doc.text
    people = [m for m in find_mentions(text, doc.config.rule_dirs) if m.entry.gender]
    if not people:
        return  # both tests below weigh a pronoun against the people named near it
    starts = [p.start for p in people]

    def named(a: int, b: int):
        """People named in text[a:b], in order (bisect: no scan of the whole list)."""
        return people[bisect_left(starts, a) : bisect_left(starts, b)]

    paragraphs = list(PARAGRAPH.finditer(text))
    for paragraph in paragraphs:
        para = paragraph.group()
        outside = None
        for m in _ATTRIBUTION.finditer(para):
            outside = _outside_quotes(para) if outside is None else outside  # (where an attribution is)
            quote_open = para.rfind("“", 0, m.start())
            before = [p for p in named(paragraph.start(), paragraph.start() + max(quote_open, 0))
                      if any(a <= p.start - paragraph.start() < b for a, b in outside)]
            if not before:
                continue
            speaker = before[-1]
            pronoun = m.group("pronoun")
            if speaker.entry.gender != _GENDER[pronoun]:
                start = paragraph.start() + m.start("pronoun")
                yield rule.finding(
                    start, start + len(pronoun), _SWAP[pronoun], applicability=Applicability.UNSAFE,
                    found=pronoun, message=f"'{pronoun}' for {speaker.entry.label}, who the names table says is "
                    f"{speaker.entry.gender}", detail={"person": speaker.entry.label, "replacement": _SWAP[pronoun]})
    # A female pronoun with only known men in its paragraph and the one before: lower confidence.
    for i, paragraph in enumerate(paragraphs):
        window_start = paragraphs[i - 1].start() if i else paragraph.start()
        for m in _OBJECT_PRONOUN.finditer(paragraph.group()):
            at = paragraph.start() + m.start()
            nearby = named(window_start, at)
            if nearby and all(p.entry.gender == "male" for p in nearby):
                yield rule.finding(at, at + len(m.group()), found=m.group(), severity=Severity.INFO,
                                   message=f"'{m.group()}' has no woman named nearby (only "
                                   f"{', '.join(sorted({p.entry.label for p in nearby}))})")


COMMON_WORD = 3.5  # zipf frequency from which a word in capitals is a word shouted, not an acronym


def _key_terms(headline: str) -> list[str]:
    """Names in the headline: runs of capitalised words after the first word, and acronyms.

    In a Title Case headline every word is capitalised, so only acronyms count there; in one
    all in capitals, only those that are no ordinary word ("PRESS RELEASE" names nothing).
    """
    tokens = [t.split("’")[0].split("'")[0] for t in _HEADLINE_TOKEN.findall(headline)]
    tokens = [t for t in tokens if len(t) >= 2]
    title_case = sum(t[0].isupper() for t in tokens) >= 0.7 * max(len(tokens), 1)
    shouted = all(t.isupper() for t in tokens if any(c.isalpha() for c in t))
    terms: list[str] = []
    previous = -2
    for i, token in enumerate(tokens):
        acronym = token.isupper() and any(c.isalpha() for c in token) and not (shouted and zipf(token.lower()) >= COMMON_WORD)
        name = not title_case and i > 0 and token[0].isupper()
        if not (acronym or name):
            continue
        if i == previous + 1 and not acronym and terms and not terms[-1].isupper():
            terms[-1] += " " + token  # one name: "West Virginia"
        else:
            terms.append(token)
        previous = i
    return terms


@check("headline-mismatch")
def headline_mismatch(doc, rule: Rule) -> Iterator[Finding]:
    lines = [line for line in split_lines(doc.text) if not line.blank]
    if len(lines) < 4:
        return
    headline = lines[0]
    wrapped = lines[1].index == headline.index + 1 and (
        lines[1].stripped[:1].islower() or headline.stripped.rsplit(None, 1)[-1].lower() in unfinished_words(doc.config.rule_dirs))
    if headline.stripped.endswith((".", "!", "?", ",", ";", "-", "–", "—")) or len(headline.stripped.split()) > 25 or wrapped:
        return  # the first line is prose, not a headline (or a sentence hard-wrapped onto the next line:
        # it goes on in lower case, or after a word no line ends with, "met in Vilnius on" / "Monday";
        # or a wire dateline, which ends in a dash: "SANTA CRUZ DE TENERIFE, 30 March (EUROPA PRESS) –")
    terms = _key_terms(headline.stripped)
    if len(terms) < 2:
        return  # two missing names are needed: the body is not read
    body = doc.text[lines[1].start :].lower()
    missing = [t for t in terms if not any(word.lower()[:5] in body for word in t.split())]
    if len(missing) >= 2 and len(missing) * 2 >= len(terms):
        yield rule.finding(headline.start, headline.end, found=headline.stripped[:60],
                           message=f"The headline names {', '.join(missing)}, which the article never mentions: "
                           "likely another article's headline", detail={"missing": missing})


ALIKE = 0.85  # difflib similarity from which two spellings may be one name
RARE_NAME = 2.5  # zipf frequency below which a name is rare enough to be one person's
_CAPITALISED = compile_fast(r"(?<=[\p{Ll},;] )\p{Lu}\p{Ll}{4,}(?![\p{L}’'-])")


def _shared_letters(first: str, second: str) -> int:
    """How many letters the two words have in common, counted with repeats: no alignment of
    them can match more, so it bounds ``SequenceMatcher.ratio`` from above."""
    left = list(first)
    shared = 0
    for char in second:
        if char in left:
            left.remove(char)
            shared += 1
    return shared


@check("inconsistent-spelling-left")
def inconsistent_spelling_left(doc, rule: Rule) -> Iterator[Finding]:
    """Two near-identical spellings of a name the names table does not know."""
    text = doc.text
    known = load_names(doc.config.rule_dirs).index
    counts = Counter(_CAPITALISED.findall(text))
    buckets: dict[str, list[str]] = {}  # by the first two letters: spellings never differ there
    for name in sorted(n for n in counts if n not in known):
        buckets.setdefault(name[:2], []).append(name)
    pairs = ((a, b) for group in buckets.values() for i, a in enumerate(group) for b in group[i + 1 :])
    reported = set()
    for first, second in pairs:
        if abs(len(first) - len(second)) > 1:
            continue
        if first.startswith(second) or second.startswith(first) or first.rstrip("s") == second.rstrip("s"):
            continue  # "Korea"/"Koreas", "Korean"/"Koreans"
        if 2.0 * _shared_letters(first, second) / (len(first) + len(second)) < ALIKE:
            continue  # (a bound on the ratio below, cheap, computed as it computes its own)
        if difflib.SequenceMatcher(None, first, second).ratio() < ALIKE:
            continue
        if max(zipf(first.lower()), zipf(second.lower())) >= RARE_NAME:
            continue  # Davis and Davies, Kieran and Kiernan: both common names, likely two people
        if same_name(first, second):
            continue  # one name in two romanizations: NAM003/NAM004 report it
        rarer = min((first, second), key=lambda n: (counts[n], n))
        if rarer in reported:
            continue
        reported.add(rarer)
        other = second if rarer == first else first
        m = regex.search(rf"(?<![\p{{L}}]){regex.escape(rarer)}(?![\p{{L}}])", text)
        yield rule.finding(m.start(), m.end(), other, applicability=Applicability.DISPLAY_ONLY, found=rarer,
                           message=f"'{rarer}' and '{other}' look like one name spelled two ways",
                           detail={"replacement": other})
