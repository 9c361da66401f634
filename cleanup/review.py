"""An editor's decisions over a cleaned article: which changes to keep.

The pipeline is run with unsafe fixes on, so every change it can make is in one ordered
list. Safe changes start accepted and unsafe ones rejected; the editor flips any of them.
Replaying only the accepted ones gives the final text and a diff log that ``cleanup revert``
accepts. A change that rewrites text brought in by a rejected change cannot stand alone:
it is rejected with it (``blocked_by`` says by which).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .difflog import VERSION, sha256


@dataclass
class Decided:
    """The outcome of a set of decisions."""

    text: str
    applied: list[dict[str, Any]]  # change records, ``at`` in the decided timeline
    pending: list[tuple[int, int, int]]  # (applied so far, at, change index) of each rejected change
    blocked_by: dict[int, int] = field(default_factory=dict)  # accepted but dependent on a rejected one
    ids: list[int] = field(default_factory=list)  # the change index of each applied record


def default_accepted(changes: Sequence[Mapping[str, Any]]) -> set[int]:
    return {i for i, change in enumerate(changes) if change.get("applicability") == "safe"}


def decide(original: str, changes: Sequence[Mapping[str, Any]], accepted: set[int]) -> Decided:
    """Apply the accepted changes only, re-locating each one past the rejected ones."""
    text = original
    # Stretches where the all-changes timeline differs from ours: [start, length there, length here].
    apart: list[list[int]] = []
    owner: list[int] = []  # the rejected change each stretch starts from
    applied: list[dict[str, Any]] = []
    pending: list[tuple[int, int, int]] = []
    blocked: dict[int, int] = {}
    ids: list[int] = []
    for i, change in enumerate(changes):
        at, before, after = change["at"], change["before"], change["after"]
        span, size = len(before), len(after)
        touching = [k for k, d in enumerate(apart) if d[0] < at + span and at < d[0] + d[1]
                    or span == 0 and d[0] < at < d[0] + d[1]]
        start = min([at] + [apart[k][0] for k in touching])
        # where ``start`` is in our text: past every stretch wholly before it (a zero-length one at
        # an insertion point counts as after it, as the shifting below treats it)
        here = start + sum(d[2] - d[1] for k, d in enumerate(apart)
                           if k not in touching and (d[0] < start + span if not touching else d[0] < start))
        if i in accepted and touching:
            blocked[i] = owner[touching[0]]
        if i in accepted and not touching:
            if text[here : here + span] != before:
                raise ValueError(f"change {i + 1} does not match the decided text at offset {here}")
            text = text[:here] + after + text[here + span :]
            record = dict(change)
            record["at"] = here
            applied.append(record)
            ids.append(i)
            for d in apart:
                if d[0] >= at + span:
                    d[0] += size - span
            continue
        pending.append((len(applied), here, i))
        end = max([at + span] + [apart[k][0] + apart[k][1] for k in touching])
        here_len = (end - start) + sum(apart[k][2] - apart[k][1] for k in touching)
        first_owner = owner[touching[0]] if touching else i
        for k in sorted(touching, reverse=True):
            del apart[k], owner[k]
        for d in apart:
            if d[0] >= end:
                d[0] += size - span
        apart.append([start, end - start + size - span, here_len])
        owner.append(first_owner)
    return Decided(text, applied, pending, blocked, ids)


def decided_with(original: str, changes: Sequence[Mapping[str, Any]], accepted: set[int],
                 index: int, accept: bool) -> set[int]:
    """The accepted set after one decision. Accepting a change that rewrites text a rejected
    change brought in accepts that one too (else the decision could not take effect)."""
    accepted = set(accepted)
    if not accept:
        accepted.discard(index)
        return accepted
    accepted.add(index)
    while True:
        blocked = decide(original, changes, accepted).blocked_by
        needed = {by for i, by in blocked.items() if by not in accepted}
        if not needed:
            return accepted
        accepted |= needed


def log_records(header: Mapping[str, Any], original: str, decided: Decided,
                findings: Sequence[Mapping[str, Any]] = ()) -> list[dict[str, Any]]:
    """The diff log of the decided text: a file header, the applied changes, open findings."""
    head = {key: value for key, value in header.items() if key not in ("score",)}
    head.update(v=VERSION, kind="file", sha256=sha256(original), clean_sha256=sha256(decided.text),
                changes=len(decided.applied), findings=len(findings))
    return [head, *decided.applied, *findings]
