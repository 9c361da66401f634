"""Plain data types shared by every module: no logic beyond small conveniences.

Offsets are half-open ``[start, end)`` ranges of code points. A rule sees the text as it
stands when its stage runs; the pipeline maps everything it reports back to the original.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Applicability(enum.IntEnum):
    """How safe a fix is. Ordered, so a threshold is one comparison (as in ruff)."""

    DISPLAY_ONLY = 0  # shown as a suggestion, never applied
    UNSAFE = 1  # applied only when the user asks for unsafe fixes
    SAFE = 2  # meaning-preserving; applied by default

    @property
    def label(self) -> str:
        return self.name.lower().replace("_", "-")

    @classmethod
    def parse(cls, value: str) -> "Applicability":
        return cls[value.upper().replace("-", "_")]


class Severity(enum.IntEnum):
    INFO = 0
    WARNING = 1
    ERROR = 2

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> "Severity":
        return cls[value.upper()]


@dataclass(frozen=True, slots=True, order=True)
class Edit:
    """Replace ``[start, end)`` with ``replacement``: empty replacement deletes, empty span inserts."""

    start: int
    end: int
    replacement: str = ""


@dataclass(frozen=True, slots=True)
class Fix:
    """The edits that mend one finding, applied together, and how safe they are."""
    edits: tuple[Edit, ...]
    applicability: Applicability
    title: str

    @property
    def start(self) -> int:
        return self.edits[0].start

    @property
    def end(self) -> int:
        return self.edits[-1].end


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem a rule found. ``fix`` is None when nothing can be suggested."""

    code: str
    name: str
    stage: str
    severity: Severity
    start: int
    end: int
    message: str
    fix: Fix | None = None
    detail: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, slots=True)
class Change:
    """One applied edit: a diff-log record.

    ``start``/``end`` locate it in the original input (for reports); ``at`` is where it
    applies in the text as it stood after every earlier change (for exact replay).
    """

    code: str
    name: str
    stage: str
    start: int
    end: int
    at: int
    before: str
    after: str
    message: str
    applicability: Applicability
    iteration: int
    detail: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, slots=True)
class CleanResult:
    """What ``clean()`` returns: the clean text plus everything needed to explain it."""

    original: str
    text: str
    changes: tuple[Change, ...]
    findings: tuple[Finding, ...]
    metadata: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def changed(self) -> bool:
        return self.text != self.original


@dataclass(frozen=True, slots=True)
class Example:
    """A rule's own test case: ``before`` must become ``after`` (None: findings only)."""

    before: str
    after: str | None = None
    spans: tuple[str, ...] = ()
    unsafe: bool = False  # needs unsafe fixes turned on to reach ``after``
    note: str = ""
    mode: str = "article"  # the config mode the example is written for
