"""Applying edits, and mapping offsets in edited text back to the original input.

The map is a sorted list of segments that tile the current text. A segment is either copied
from the original (offsets map one to one) or written by an edit (any offset inside it maps
to the whole original range it replaced). Updating the map after every pass keeps each
reported span in original coordinates, which CI annotations and the diff log need.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from .model import Edit


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply sorted, non-overlapping edits in one sweep (linear in the text length).

    >>> apply_edits("a  b ", [Edit(1, 3, " "), Edit(4, 5, "")])
    'a b'
    """
    parts: list[str] = []
    pos = 0
    for edit in edits:
        parts.append(text[pos : edit.start])
        parts.append(edit.replacement)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


class _Segment(NamedTuple):
    cur_start: int
    cur_end: int
    orig_start: int
    orig_end: int
    copied: bool


class OffsetMap:
    """Maps offsets of the current text to offsets of the original input.

    >>> m = OffsetMap(10)
    >>> m.update([Edit(2, 4, "")])      # delete two characters; returns what each edit replaced
    [(2, 4)]
    >>> m.span(2, 3)                    # what is now at 2 was at 4
    (4, 5)
    >>> m.update([Edit(0, 1, "XYZ")])   # a written segment maps to what it replaced
    [(0, 1)]
    >>> m.span(1, 2), m.span(3, 4)
    ((0, 1), (1, 2))
    """

    def __init__(self, length: int):
        self._length = length
        self._orig_length = length
        self._segments = [_Segment(0, length, 0, length, True)] if length else []
        self._starts = [0] if length else []

    def start(self, pos: int) -> int:
        i = bisect_right(self._starts, pos) - 1
        if i < 0:
            return 0
        seg = self._segments[i]
        if pos >= seg.cur_end:
            return seg.orig_end
        return seg.orig_start + (pos - seg.cur_start) if seg.copied else seg.orig_start

    def end(self, pos: int) -> int:
        if pos <= 0 or not self._segments:
            return 0
        seg = self._segments[max(bisect_right(self._starts, pos - 1) - 1, 0)]
        if seg.copied:
            return seg.orig_start + min(pos, seg.cur_end) - seg.cur_start
        return seg.orig_end

    def span(self, start: int, end: int) -> tuple[int, int]:
        a = self.start(start)
        if end <= start:
            return a, a
        return a, max(a, self.end(end))

    def update(self, edits: Sequence[Edit]) -> list[tuple[int, int]]:
        """Account for a batch of sorted, non-overlapping edits applied to the current text.

        Returns the original span each edit replaced.
        """
        spans: list[tuple[int, int]] = []
        if not edits:
            return spans
        new: list[_Segment] = []
        shift = 0
        pos = 0
        for edit in edits:
            self._copy(pos, edit.start, shift, new)
            orig_a, orig_b = self.span(edit.start, edit.end)
            spans.append((orig_a, orig_b))
            if edit.replacement:
                a = edit.start + shift
                new.append(_Segment(a, a + len(edit.replacement), orig_a, orig_b, False))
            shift += len(edit.replacement) - (edit.end - edit.start)
            pos = edit.end
        self._copy(pos, self._length, shift, new)
        self._length += shift
        self._segments = new
        self._starts = [s.cur_start for s in new]
        return spans

    def _copy(self, a: int, b: int, shift: int, out: list[_Segment]) -> None:
        """Append the parts of the current segments that cover ``[a, b)``, moved by ``shift``."""
        if a >= b:
            return
        i = max(bisect_right(self._starts, a) - 1, 0)
        seg = self._segments[i]
        if seg.cur_start <= a and b <= seg.cur_end:  # the common case: inside one segment
            if seg.copied:
                oa = seg.orig_start + (a - seg.cur_start)
                out.append(_Segment(a + shift, b + shift, oa, oa + (b - a), True))
            else:
                out.append(_Segment(a + shift, b + shift, seg.orig_start, seg.orig_end, False))
            return
        while i < len(self._segments) and self._segments[i].cur_start < b:
            seg = self._segments[i]
            lo, hi = max(a, seg.cur_start), min(b, seg.cur_end)
            if lo < hi:
                if seg.copied:
                    oa = seg.orig_start + (lo - seg.cur_start)
                    out.append(_Segment(lo + shift, hi + shift, oa, oa + (hi - lo), True))
                else:
                    out.append(_Segment(lo + shift, hi + shift, seg.orig_start, seg.orig_end, False))
            i += 1
