"""The staged pipeline: rules report findings with edits, and only this module applies them.

Per stage: run every enabled rule on the current text; apply the fixes the config allows,
in order of position, skipping any that overlaps one already taken (it comes back in the
next pass); repeat until a pass applies nothing. A stage that keeps fixing past
``max_passes`` is a bug in its rules and raises ``FixDidNotConverge``.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .config import CleanupConfig
from .errors import ConfigError, FixDidNotConverge
from .model import Change, CleanResult, Edit, Finding, Fix
from .offsets import OffsetMap, apply_edits
from .registry import Rule, is_enabled
from .rulefiles import RuleSet, load_ruleset
from .stages import STAGES


@dataclass
class Doc:
    """What a rule sees: the current text, the config, and metadata found so far."""

    text: str
    config: CleanupConfig
    metadata: dict[str, Any] = field(default_factory=dict)


class Pipeline:
    def __init__(self, config: CleanupConfig):
        self.config = config
        self.ruleset: RuleSet = load_ruleset(config.rule_dirs)
        _validate(config, self.ruleset)
        enabled = [r for r in self.ruleset.rules if is_enabled(r, config.select, config.ignore)]
        self.stages: list[tuple[str, list[Rule]]] = [
            (stage.name, [r for r in enabled if r.stage == stage.name]) for stage in STAGES
        ]
        self.rules = tuple(enabled)

    def run(self, text: str) -> CleanResult:
        original = text
        offsets = OffsetMap(len(text))
        changes: list[Change] = []
        findings: list[Finding] = []
        metadata: dict[str, Any] = {}
        threshold = self.config.min_applicability
        for stage, rules in self.stages:
            if not rules:
                continue
            for iteration in itertools.count(1):
                doc = Doc(text, self.config, metadata)
                found = [f for rule in rules for f in rule.run(doc)]
                chosen = _non_overlapping(f for f in found if f.fix and f.fix.applicability >= threshold)
                if not chosen:
                    findings.extend(_to_original(f, offsets) for f in found)
                    break
                if iteration > self.config.max_passes:
                    raise FixDidNotConverge(stage, sorted({f.code for f in chosen}), self.config.max_passes)
                edits: list[Edit] = []
                shift = 0
                for finding in chosen:
                    for edit in finding.fix.edits:
                        start, end = offsets.span(edit.start, edit.end)
                        changes.append(
                            Change(
                                code=finding.code,
                                name=finding.name,
                                stage=stage,
                                start=start,
                                end=end,
                                at=edit.start + shift,
                                before=text[edit.start : edit.end],
                                after=edit.replacement,
                                message=finding.message,
                                applicability=finding.fix.applicability,
                                iteration=iteration,
                                detail=finding.detail,
                            )
                        )
                        shift += len(edit.replacement) - (edit.end - edit.start)
                        edits.append(edit)
                    metadata.update(finding.detail.get("metadata", {}))
                text = apply_edits(text, edits)
                offsets.update(edits)
        findings.sort(key=lambda f: (f.start, f.end, f.code))
        return CleanResult(original, text, tuple(changes), tuple(findings), metadata)


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


def enabled_rules(config: CleanupConfig | None = None) -> Sequence[Rule]:
    return get_pipeline(config or CleanupConfig()).rules
