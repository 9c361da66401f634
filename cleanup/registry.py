"""Rules: one ``Rule`` record per rule, whether its logic is a data kind or a Python function.

Everything else (selection, docs, the CLI tables and the example tests) reads these records,
so a rule is declared once: metadata and examples in ``rules/*.toml``, logic in a kind or in a
function registered here with ``@check``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
import re
from typing import Any

from .document import Doc
from .model import Applicability, Edit, Example, Finding, Fix, Severity

CheckFn = Callable[[Doc, "Rule"], Iterable[Finding]]


@dataclass(frozen=True)
class Triggers:
    """What must be in a text for a rule to find anything there: the gate that skips clean text.

    A text holding none of ``literals``, no match of any of ``patterns`` and none of ``endings``
    at its end cannot hold a finding of the rule, so the pipeline does not run it. Declare only
    what the rule's logic requires (its own early exits); a rule that declares nothing always
    runs. A pattern that starts with a literal is searched fastest (the engine skips to it; one
    that starts with a class tests every character): several such patterns beat one alternation.
    """

    literals: tuple[str, ...] = ()
    patterns: "tuple[re.Pattern, ...]" = ()
    non_ascii: bool = False  # the patterns match only non-ASCII text: an ASCII text skips them
    endings: tuple[str, ...] = ()  # or the text ends with one of these

    def present(self, text: str) -> bool:
        for literal in self.literals:  # (plain loops: asked some 20 times an article)
            if literal in text:
                return True
        if self.patterns and not (self.non_ascii and text.isascii()):
            for pattern in self.patterns:
                if pattern.search(text):
                    return True
        return bool(self.endings) and text.endswith(self.endings)


_FUNCTIONS: dict[str, CheckFn] = {}
_TRIGGERS: dict[str, Triggers] = {}


def check(name: str, *, triggers: Triggers | None = None) -> Callable[[CheckFn], CheckFn]:
    """Register the Python logic of the rule called ``name`` in a rule file.

    ``triggers`` gates the rule: it runs only on texts where they occur (see ``Triggers``).
    """

    def register(fn: CheckFn) -> CheckFn:
        if name in _FUNCTIONS:
            raise ValueError(f"two functions registered for rule '{name}'")
        _FUNCTIONS[name] = fn
        if triggers is not None:
            _TRIGGERS[name] = triggers
        return fn

    return register


def registered_functions() -> dict[str, CheckFn]:
    from . import stages  # noqa: F401  (importing the stages registers their functions)

    return dict(_FUNCTIONS)


def registered_triggers() -> dict[str, Triggers]:
    registered_functions()
    return dict(_TRIGGERS)


@dataclass(frozen=True)
class Rule:
    """One rule as its rule file declares it: identity, stage, fix safety, examples, triggers, its check."""
    code: str
    name: str
    stage: str
    kind: str
    summary: str
    message: str
    severity: Severity
    fix: Applicability | None  # None: the rule only reports
    fix_title: str
    status: str
    explanation: str
    examples: tuple[Example, ...]
    counterexamples: tuple[Example, ...]  # texts that must come out untouched
    source: str  # "rules/whitespace.toml:12"
    check: CheckFn = field(repr=False, compare=False)
    params: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    measured: dict[str, float] = field(default_factory=dict, compare=False)  # the precision ledger
    triggers: Triggers | None = field(default=None, repr=False, compare=False)  # None: always runs

    @property
    def prefix(self) -> str:
        return self.code[:3]

    def finding(
        self,
        start: int,
        end: int,
        replacement: str | None = None,
        *,
        edits: tuple[Edit, ...] | None = None,
        applicability: Applicability | None = None,
        found: str | None = None,
        message: str | None = None,
        severity: Severity | None = None,
        detail: dict[str, Any] | None = None,
        text: str | None = None,
    ) -> Finding:
        """Build a finding of this rule; ``replacement`` (or ``edits``) makes it fixable.

        The message template may use ``{found}``, ``{replacement}`` and any ``detail`` key.
        """
        if edits is None and replacement is not None:
            edits = (Edit(start, end, replacement),)
        if found is None and text is not None:
            found = text[start:end]
        values = {"found": found or "", "replacement": replacement or "", **(detail or {})}
        fix = None
        if edits:
            level = applicability if applicability is not None else self.fix
            if level is None:
                level = Applicability.DISPLAY_ONLY
            fix = Fix(tuple(edits), level, _format(self.fix_title or "Apply fix", values))
        return Finding(
            code=self.code,
            name=self.name,
            stage=self.stage,
            severity=severity if severity is not None else self.severity,
            start=start,
            end=end,
            message=_format(message or self.message, values),
            fix=fix,
            detail=detail or {},
        )


def _format(template: str, values: dict[str, Any]) -> str:
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


def matches(code: str, selectors: Iterable[str]) -> str | None:
    """The most specific selector (``ALL``, a prefix or a full code) that covers ``code``."""
    best = None
    for sel in selectors:
        if sel == "ALL" or code.startswith(sel):
            if best is None or (sel != "ALL" and (best == "ALL" or len(sel) > len(best))):
                best = sel
    return best


def is_enabled(rule: Rule, select: Iterable[str], ignore: Iterable[str]) -> bool:
    """Selected and not ignored; the more specific of the two wins (as in ruff).

    Preview rules run only when selected by their full code.
    """
    chosen = matches(rule.code, select)
    if chosen is None or (rule.status == "preview" and chosen != rule.code):
        return False
    dropped = matches(rule.code, ignore)
    if dropped is None:
        return True
    return chosen != "ALL" and (dropped == "ALL" or len(chosen) > len(dropped))
