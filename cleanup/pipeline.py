"""The staged pipeline: rules report findings with edits, and only this module applies them.

Per stage: run every enabled rule on the current text (a rule whose declared triggers are
absent is skipped: it cannot find anything there); apply the fixes the config allows,
in order of position, skipping any that overlaps one already taken (it comes back in the
next pass); repeat until a pass applies nothing. A stage that keeps fixing past
``max_passes`` is a bug in its rules and raises ``FixDidNotConverge``.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable
from typing import Any

from .config import CleanupConfig
from .document import Doc
from .errors import ConfigError, FixDidNotConverge
from .model import Change, CleanResult, Edit, Finding, Fix
from .offsets import OffsetMap, apply_edits
from .registry import Rule, is_enabled
from .rulefiles import RuleSet, load_ruleset
from .stages import STAGES


class Pipeline:
    def __init__(self, config: CleanupConfig, gated: bool = True):
        self.config = config
        self.gated = gated  # False runs every rule everywhere: the reference the gate is tested against
        self.ruleset: RuleSet = load_ruleset(config.rule_dirs)
        _validate(config, self.ruleset)
        enabled = [r for r in self.ruleset.rules if is_enabled(r, config.select, config.ignore)]
        self.stages: list[tuple[str, list[Rule]]] = [
            (stage.name, [r for r in enabled if r.stage == stage.name]) for stage in STAGES
        ]
        self.rules = tuple(enabled)

    def run(self, text: str) -> CleanResult:
        run = _Run(text, self.config, self.gated)
        settled: dict[str, str] = {}  # stage -> the text it last left unchanged
        for sweep in itertools.count(1):
            changed = False
            for stage, rules in self.stages:
                if not rules or settled.get(stage) is run.text:
                    continue
                changed |= run.stage(stage, rules)
                settled[stage] = run.text
            if not changed:
                break
            if sweep > self.config.max_passes:  # a later stage keeps undoing an earlier one
                raise FixDidNotConverge("all", sorted({c.code for c in run.changes[-20:]}), sweep)
        run.findings.sort(key=lambda f: (f.start, f.end, f.code))
        return CleanResult(run.original, run.text, tuple(run.changes), tuple(run.findings), run.metadata)


class _Run:
    """The state of one document going through the pipeline."""

    def __init__(self, text: str, config: CleanupConfig, gated: bool = True):
        self.original = self.text = text
        self.config = config
        self.gated = gated
        self.offsets = OffsetMap(len(text))
        self.changes: list[Change] = []
        self.findings: list[Finding] = []
        self.metadata: dict[str, Any] = {}
        self.memo: dict[str, Any] = {}  # what analyses keep between passes (Doc.memo)

    def stage(self, stage: str, rules: list[Rule]) -> bool:
        """Run one stage to its fixed point; True if it changed the text."""
        threshold = self.config.min_applicability
        previous: set[str] = set()
        self.findings = [f for f in self.findings if f.stage != stage]  # this run reports afresh
        for iteration in itertools.count(1):
            doc = Doc(self.text, self.config, self.metadata, self.memo)
            text, gated = self.text, self.gated
            found = [f for rule in rules if not gated or rule.triggers is None or rule.triggers.present(text)
                     for f in rule.check(doc, rule)]
            chosen = _non_overlapping(f for f in found if f.fix and f.fix.applicability >= threshold
                                      and _changes_text(f.fix, text))
            if not chosen:
                self.findings.extend(_to_original(f, self.offsets) for f in found)
                return iteration > 1
            codes = {f.code for f in chosen}
            if iteration > self.config.max_passes:  # name every rule in the cycle
                raise FixDidNotConverge(stage, sorted(codes | previous), self.config.max_passes)
            previous = codes
            self._apply(stage, chosen, iteration)

    def _apply(self, stage: str, chosen: list[Finding], iteration: int) -> None:
        text = self.text
        edits = [edit for finding in chosen for edit in finding.fix.edits]
        spans = iter(self.offsets.update(edits))
        shift = 0
        for finding in chosen:
            fix = finding.fix
            for edit in fix.edits:
                start, end = next(spans)
                self.changes.append(
                    Change(finding.code, finding.name, stage, start, end, edit.start + shift,
                           text[edit.start : edit.end], edit.replacement, finding.message,
                           fix.applicability, iteration, finding.detail)
                )
                shift += len(edit.replacement) - (edit.end - edit.start)
            if "metadata" in finding.detail:
                self.metadata.update(finding.detail["metadata"])
        self.text = apply_edits(text, edits)


def _changes_text(fix, text: str) -> bool:
    """A fix whose every edit writes what is already there is no change: applied, it would count
    as one at every pass and the stage would never settle (a suggestion of the same spelling)."""
    return any(text[e.start : e.end] != e.replacement for e in fix.edits)


def _non_overlapping(findings: Iterable[Finding]) -> list[Finding]:
    """Fixes in position order, dropping any that overlaps one already taken (ruff's rule)."""
    taken: list[Finding] = []
    last_start, last_end = -1, -1
    for finding in sorted(findings, key=lambda f: (f.fix.start, f.fix.end, f.code)):
        start, end = finding.fix.start, finding.fix.end
        if start < last_end or (start == last_end == last_start):
            continue
        taken.append(finding)
        last_start, last_end = start, end
    return taken


def _to_original(finding: Finding, offsets: OffsetMap) -> Finding:
    start, end = offsets.span(finding.start, finding.end)
    fix = finding.fix
    if fix is not None:
        fix = Fix(
            tuple(Edit(*offsets.span(e.start, e.end), e.replacement) for e in fix.edits),
            fix.applicability,
            fix.title,
        )
    return Finding(finding.code, finding.name, finding.stage, finding.severity, start, end,
                   finding.message, fix, finding.detail)


def _validate(config: CleanupConfig, ruleset: RuleSet) -> None:
    codes = [r.code for r in ruleset.rules]
    for key, selectors in (("select", config.select), ("ignore", config.ignore)):
        for sel in selectors:
            if sel != "ALL" and not any(code.startswith(sel) for code in codes):
                raise ConfigError(f"{key}: unknown rule code or prefix '{sel}'")
    if config.profile not in ruleset.profiles:
        known = ", ".join(sorted(ruleset.profiles))
        raise ConfigError(f"profile: unknown house-style profile '{config.profile}' (known: {known})")


@functools.lru_cache(maxsize=32)
def get_pipeline(config: CleanupConfig) -> Pipeline:
    return Pipeline(config)


def clean(text: str, config: CleanupConfig | None = None) -> CleanResult:
    """Clean one article: the clean text, every applied change, and the open findings."""
    return get_pipeline(config or CleanupConfig()).run(text)
