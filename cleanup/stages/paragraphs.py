"""Paragraphs that translation split inside a quotation.

News convention reopens a quotation that runs over several paragraphs with an opening mark
on each continuation paragraph. A quotation opened in one paragraph and closed in a later
one, with no opening marks on the paragraphs in between, was split by mistake: join them.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Edit, Finding
from ..registry import Rule, Triggers, check
from ..textview import PARAGRAPH

_MAX_SPAN = 4  # paragraphs one quotation may run over


@check("split-quotation", triggers=Triggers(("“",)))
def split_quotation(doc, rule: Rule) -> Iterator[Finding]:
    text = doc.text
    paragraphs = list(PARAGRAPH.finditer(text))
    i = 0
    while i < len(paragraphs):
        first = paragraphs[i].group()
        if first.count("“") <= first.count("”"):
            i += 1
            continue
        j = i + 1
        while j < len(paragraphs) and j - i < _MAX_SPAN:
            nxt = paragraphs[j].group()
            if "“" in nxt.lstrip()[:1] or nxt.count("“") > 0 and nxt.count("“") >= nxt.count("”"):
                break  # reopened (the news convention) or a new quotation: not a split
            if nxt.count("”") > nxt.count("“"):
                edits = tuple(
                    Edit(paragraphs[k].end(), paragraphs[k + 1].start(), " ") for k in range(i, j)
                )
                yield rule.finding(paragraphs[i].start(), paragraphs[j].end(), edits=edits,
                                   found=first[:40], detail={"paragraphs": j - i + 1})
                break
            j += 1
        i = j if j > i else i + 1
