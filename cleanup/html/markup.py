"""Lay logged changes and findings over the clean text, for the review pages.

The log gives changes in the order they were applied, each at an offset in the text as it
stood then. Replaying them over a list of pieces (runs of unchanged text, and one piece per
change holding what it removed and what it inserted) ends with the clean text cut into
pieces, every change still present, even one a later change rewrote. Findings, located in the
original, are mapped through the same changes and marked over the pieces they cover.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Piece:
    text: str  # what this piece contributes to the current text
    change: int | None = None  # index of the change that inserted it
    removed: str = ""  # what that change took out (shown struck through)
    suggestion: int | None = None  # a change not applied, shown where it would go
    findings: tuple[int, ...] = field(default_factory=tuple)
    more: bool = False  # a later part of a change's text, cut off by another edit or a finding
    anchors: tuple[int, ...] = ()  # the findings whose first piece this is (the page's #f<i> targets)


def _split(pieces: list[Piece], offset: int) -> int:
    """Cut the pieces at ``offset`` of the current text; the index of the first piece after it."""
    pos = 0
    for i, piece in enumerate(pieces):
        if offset == pos:
            return i
        end = pos + len(piece.text)
        if offset < end:
            cut = offset - pos
            head = Piece(piece.text[:cut], piece.change, piece.removed, piece.suggestion, piece.findings, piece.more)
            tail = Piece(piece.text[cut:], piece.change, "", None, piece.findings, piece.change is not None)
            pieces[i : i + 1] = [head, tail]
            return i + 1
        pos = end
    if offset == pos:
        return len(pieces)
    raise ValueError(f"offset {offset} is past the end of the text ({pos})")


def lay_out(original: str, changes: Sequence[Mapping[str, Any]],
            suggestions: Iterable[tuple[int, int, int]] = ()) -> list[Piece]:
    """Replay ``changes`` (log records) over ``original``.

    ``suggestions`` are ``(step, at, index)``: after ``step`` changes, mark the change
    ``index`` (not applied) at offset ``at`` of the text as it then stood.
    """
    pieces = [Piece(original)] if original else []
    pending = sorted(suggestions)
    k = 0
    for step, change in enumerate(changes):
        while k < len(pending) and pending[k][0] == step:
            _, at, index = pending[k]
            pieces.insert(_split(pieces, at), Piece("", suggestion=index))
            k += 1
        at, before, after = change["at"], change["before"], change["after"]
        first = _split(pieces, at)
        last = _split(pieces, at + len(before))
        taken = "".join(p.text for p in pieces[first:last])
        if taken != before:
            raise ValueError(f"change {step + 1} does not match the text at offset {at}")
        for piece in pieces[first:last]:
            piece.text = ""  # kept, so a rewritten change still shows
        pieces.insert(last, Piece(after, change=step, removed=before))
    for _, at, index in pending[k:]:
        pieces.insert(_split(pieces, at), Piece("", suggestion=index))
    return [p for p in pieces if p.text or p.change is not None or p.suggestion is not None]


def map_offset(offset: int, changes: Sequence[Mapping[str, Any]], *, end: bool = False) -> int:
    """Where an offset of the original lands in the clean text (inside a rewrite: its edge)."""
    for change in changes:
        at, span, size = change["at"], len(change["before"]), len(change["after"])
        if offset > at + span or (offset == at + span and (span or end)):
            offset += size - span
        elif at < offset < at + span:
            offset = at + size if end else at
    return offset


def mark_findings(pieces: list[Piece], spans: Sequence[tuple[int, int]]) -> list[Piece]:
    """Attach finding ``i`` to the pieces covering ``spans[i]`` (clean-text offsets)."""
    for start, end in spans:
        _split(pieces, start)
        _split(pieces, max(start, end))
    anchored = set()
    for i, (start, end) in enumerate(spans):
        pos = 0
        for piece in pieces:
            stop = pos + len(piece.text)
            if piece.text and start <= pos and stop <= end:
                piece.findings = piece.findings + (i,)
                anchored.add(i)
            pos = stop
    for i, (start, _) in enumerate(spans):  # an empty span: a marker where it is
        if i not in anchored:
            pieces.insert(_split(pieces, start), Piece("", findings=(i,)))
    seen: set[int] = set()
    for piece in pieces:
        piece.anchors = tuple(f for f in piece.findings if f not in seen)
        seen.update(piece.findings)
    return pieces
