"""What a document analysis learnt in the earlier passes over one document, reused after a fix.

After any fix the pipeline runs the stages again on the whole text, and most of it is as it
was. An analysis whose every test reads one line can keep, in ``Doc.memo``, what it read, and
read again only the runs of lines a fix changed. Two ways:

- ``Passes.each``: a reading per run of lines, kept by the run's text; a later pass reads only
  runs it has not met in the previous pass.
- ``Passes.tally``: counts over the whole text (a vocabulary); a later pass subtracts the counts
  of the lines that went away and adds those of the lines that came, reading only those.

Only the previous pass is consulted, never another run of the same pass, so a text repeating
its lines costs what any other text does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

PART = 2000  # characters at least in a run of lines read and kept at once


def runs_of_lines(text: str) -> list[str]:
    """The text cut into runs of lines of at least ``PART`` characters, each ending at a line
    picked by its content (about one in eight): a fix changes one run and leaves the cuts
    elsewhere where they were, and a run costs one call where a line would cost one each.
    Joined with line breaks, the runs are the text."""
    if len(text) < 2 * PART:
        return [text]
    parts, current, size = [], [], 0
    for line in text.split("\n"):
        current.append(line)
        size += len(line) + 1
        if size >= PART and line and hash(line) % 8 == 0:
            parts.append("\n".join(current))
            current, size = [], 0
    if current:
        parts.append("\n".join(current))
    return parts


def run_starts(parts: list[str]) -> Iterator[int]:
    """The offset in the text of each of its runs of lines."""
    at = 0
    for part in parts:
        yield at
        at += len(part) + 1


class Passes:
    """One analysis's memory of one document: its last result, and its readings of the text."""

    def __init__(self) -> None:
        self.text: str | None = None
        self.result: Any = None
        self.kept: dict[str, Any] = {}

    @classmethod
    def of(cls, memo: dict | None, name: str) -> "Passes":
        """The memory kept under ``name`` in ``memo`` (``Doc.memo``); a fresh one without memo."""
        if memo is None:
            return cls()
        return memo.setdefault(name, cls())

    def each(self, kind: str, parts: list[str], key: object, read: Callable[[str], Any]) -> list:
        """``read(part)`` for every run of lines, reusing the previous pass's reading of the same
        run when ``key`` (what else the reading depends on) is the same."""
        previous_key, previous = self.kept.get(kind, (None, None))
        if previous is None or previous_key != key:
            results = [read(part) for part in parts]
        else:
            results = [previous[part] if part in previous else read(part) for part in parts]
        self.kept[kind] = (key, dict(zip(parts, results)))
        return results

    def tally(self, kind: str, text: str, count: Callable[[str], tuple[Counter, ...]]) -> tuple[Counter, ...]:
        """``count(text)``, where the counts of a text are the sums of those of its lines: the
        first pass counts the whole text, a later one updates the previous counts with the lines
        that changed. When those add up to no change, the previous counts themselves come back
        (the same object: a caller may keep what it derived from them). Counts are never zero."""
        previous = self.kept.get(kind)
        if previous is None:
            counts = count(text)
        else:
            old_text, counts = previous
            old_lines, new_lines = Counter(old_text.split("\n")), Counter(text.split("\n"))
            gone, came = old_lines - new_lines, new_lines - old_lines
            if sum(len(line) * n for line, n in (gone + came).items()) > len(text):
                counts = count(text)  # most of it changed: counting afresh is cheaper
            else:
                change = [Counter() for _ in counts]
                for lines, sign in ((gone, -1), (came, 1)):
                    for line, times in lines.items():
                        for total, counted in zip(change, count(line)):
                            for key, n in counted.items():
                                total[key] += sign * times * n
                if any(any(c.values()) for c in change):
                    counts = tuple(_updated(total, c) for total, c in zip(counts, change))
        self.kept[kind] = (text, counts)
        return counts

    def keep(self, text: str, result: Any) -> Any:
        """The result for ``text``, kept for another rule asking about the same text."""
        self.text, self.result = text, result
        return result


def _updated(total: Counter, change: Counter) -> Counter:
    """``total`` plus ``change`` (a copy), without the keys that fell to zero."""
    out = total.copy()
    for key, n in change.items():
        if n:
            n += out[key]
            if n > 0:
                out[key] = n
            else:
                del out[key]
    return out
