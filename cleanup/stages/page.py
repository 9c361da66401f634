"""Full-page mode: find the article in a text dump of a whole web page.

Body Text Extraction (Finn et al., 2001) on lines: prose lines score their length, furniture
lines (menus, link lists, widgets, short labels) score minus theirs, and the article is the
contiguous run of lines with the highest total. Inside that run only clear furniture goes;
subheadings and short paragraphs between prose stay.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..regexes import compile_fast
from ..vocabulary import english_share
from .furniture_lines import Info, Lexicon, photo_credit

_TOKEN = compile_fast(r"\p{L}+")
_PUNCT = compile_fast(r"[.,;:!?。，、！？]")
CONTENT = -1.0  # the score of a short line that reads like content
BREAK_COST = 60.0


def prose(info: Info) -> bool:
    """A sentence-like line in any language: long, ends like a sentence, not a Title Case label.

    Short English sentences also count when they are dense with function words.
    """
    text = info.item
    tokens = _TOKEN.findall(text)
    if not tokens:
        return False
    capitalised = sum(t[0].isupper() for t in tokens) / len(tokens)
    punctuated = len(_PUNCT.findall(text)) >= max(1, len(text) // 300)  # tag clouds have none
    if capitalised < 0.6 and punctuated and (len(text) >= 150 or (len(text) >= 60 and info.terminal)):
        return True
    if len(tokens) < 8 or not info.terminal:
        return False
    return english_share(tokens) >= 0.2


def furniture(info: Info, lx: Lexicon) -> bool:
    text = info.text
    if info.long:
        return False
    return bool(
        lx.site.match(text) or lx.list_heading.match(text) or lx.footer.match(text) or lx.copyright.match(text)
        or lx.read_more.match(text) or lx.read_more_inline.match(text)
        or lx.caption.match(text) or lx.date_line.match(text) or photo_credit(text, lx)
    )


def title_anchor(infos: Sequence[Info]) -> int:
    """The line that repeats the page title (the article's own headline), or -1.

    Text dumps of pages start with the <title>, "Headline - Site"; the article follows
    the headline's second appearance.
    """
    if not infos:
        return -1
    title = " ".join(infos[0].text.split()).lower()
    for i in range(1, len(infos)):
        line = " ".join(infos[i].text.split()).lower()
        if len(line.split()) >= 4 and not infos[i].terminal and title.startswith(line):
            return i
    return -1


def line_score(info: Info, lx: Lexicon, position: float) -> float:
    """Prose scores its length (a little less towards the page's end); furniture costs."""
    if furniture(info, lx):
        return -(len(info.text) + 50)
    if prose(info):
        return len(info.text) * (1.0 - 0.5 * position)
    if label_like(info) or link_like(info):  # menus, headlines: cheap one by one, but they come in lists
        return -(min(len(info.text), 40) * 0.5 + 5)
    return CONTENT  # short content (list items, table rows, captions inside the text): nearly neutral


_LIST_MARK = compile_fast(r"[,;@]")
_DIGIT = compile_fast(r"\d")
_STOP_OR_DIGIT = compile_fast(r"[.\d]")
_COMMA_OR_DIGIT = compile_fast(r"[,;\d]")


def label_like(info: Info) -> bool:
    """A link or menu label: Title Case words, no sentence punctuation inside."""
    text = info.item
    if _LIST_MARK.search(text) or (len(text) > 25 and _DIGIT.search(text)):
        return False  # lists of places, dates and results read like content
    return info.titleish or (len(text) < 25 and not _STOP_OR_DIGIT.search(text))


def best_run(scores: Sequence[float], start: int = 0) -> tuple[float, tuple[int, int] | None]:
    """Kadane: the contiguous run of lines (from ``start``) with the highest total score."""
    best, best_range = 0.0, None
    total, first = 0.0, start
    for i in range(start, len(scores)):
        if total <= 0:
            total, first = 0.0, i
        total += scores[i]
        if total > best:
            best, best_range = total, (first, i)
    return best, best_range


_URL = compile_fast(r"^(?:https?://|www\.)\S+$")
_KEYWORDS = compile_fast(r"^[^,]+(?:,\S[^,]*){3,}$")  # "tag one,Tag two,Tag three,…"


def repeats(infos: Sequence[Info]) -> set[int]:
    """Repeated headlines (sticky headers, share bars) and dumps of the body (meta tags, JSON-LD).

    Lists inside an article may repeat their items, and a long paragraph may start like the
    page's description, so only these two shapes count: a headline seen before, and a long
    line made mostly of other lines of the page, word for word.
    """
    texts = [" ".join(info.text.split()) for info in infos]
    pieces = [t for t in texts if len(t) >= 60]
    headlines: set[str] = set()
    out = set()
    for i, (info, text) in enumerate(zip(infos, texts)):
        if link_like(info) and len(text) >= 20:
            if text in headlines:
                out.add(i)
            headlines.add(text)
        if len(text) >= 1500:
            inside = [p for p in pieces if p != text and p in text]
            if len(inside) >= 2 and sum(map(len, inside)) >= 0.6 * len(text):
                out.add(i)
    return out


def main_content(infos: Sequence[Info], lx: Lexicon) -> set[int]:
    """Indexes of the lines that form the article."""
    n = len(infos)
    junk = repeats(infos) | {i for i, info in enumerate(infos) if _URL.match(info.text) or _KEYWORDS.match(info.text)}
    raw = [CONTENT if i in junk else line_score(info, lx, i / n) for i, info in enumerate(infos)]
    scores = list(raw)
    for i in range(1, n - 1):  # a break of two or more lines costs: teaser cards break after each blurb
        if raw[i - 1] > 0 and raw[i] < 0 and raw[i + 1] < 0:
            scores[i] -= BREAK_COST
    best, found = best_run(scores)
    anchor = title_anchor(infos)
    if anchor >= 0:  # prefer the article under the repeated headline, unless it is clearly not there
        after, found_after = best_run(scores, anchor + 1)
        if found_after is not None and after >= 0.5 * best:
            found = found_after
    if found is None:
        return set()
    first, last = found
    first, last = _merge_neighbours(infos, lx, raw, first, last)
    for i in range(first + 1, last + 1):  # the comment section ends the article
        if lx.comments.match(infos[i].text):
            last = i - 1
            break
    keep = {i for i in range(first, last + 1) if i not in junk and not furniture(infos[i], lx)}
    return keep - set(_label_runs(infos, first, last))


def link_like(info: Info) -> bool:
    """A headline in a list of links: a few words, no sentence end, no commas or figures."""
    return info.headline_like and info.words >= 3 and not _COMMA_OR_DIGIT.search(info.item)


def _merge_neighbours(infos: Sequence[Info], lx: Lexicon, raw: Sequence[float],
                      first: int, last: int) -> tuple[int, int]:
    """Join the prose next to the run, and a closing list, when only content separates them.

    Lists, tables and single subheadings sit between an article's paragraphs; teaser cards
    and menus bring labels, headlines or furniture, which stop the join.
    """
    def stop(i: int) -> bool:
        return furniture(infos[i], lx) or bool(lx.comments.match(infos[i].text))

    def heading(i: int) -> bool:
        return label_like(infos[i]) or link_like(infos[i])

    def gap_ok(gap: list[int]) -> bool:
        return sum(map(heading, gap)) <= 1 and not any(map(stop, gap))

    n = len(infos)
    while True:
        j, gap = last + 1, []
        while j < n and raw[j] <= 0:
            gap.append(j)
            j += 1
        if j < n and gap_ok(gap):
            last = j  # more of the article after a list or a subheading
            continue
        taken = 0  # a list or table that closes the article, perhaps under one heading
        for k, i in enumerate(gap):
            if stop(i) or (heading(i) and (k > 0 or k + 1 >= len(gap) or heading(gap[k + 1]))):
                break
            taken = k + 1
        if taken and any(raw[i] == CONTENT for i in gap[:taken]):
            last = gap[taken - 1]
        break
    while first > 0:
        j, gap = first - 1, []
        while j >= 0 and raw[j] <= 0:
            gap.append(j)
            j -= 1
        if j < 0 or not gap_ok(gap):
            break
        first = j
    return first, last


def _label_runs(infos: Sequence[Info], first: int, last: int, length: int = 5):
    """Menus, tag lists and related headlines inside the run: five or more such lines in a row."""
    run: list[int] = []
    for i in range(first, last + 2):
        if i <= last and not prose(infos[i]) and (label_like(infos[i]) or link_like(infos[i])):
            run.append(i)
            continue
        if len(run) >= length:
            yield from run
        run = []
