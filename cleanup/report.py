"""Views over results for people and machines: text lines, JSON, GitHub annotations, summary."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .difflog import LineIndex, change_record, finding_record
from .model import Applicability, CleanResult, Severity
from .score import describe, quality_score

_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


@dataclass
class FileReport:
    """One file's result as log records: pending (or applied) changes and open findings."""

    file: str
    changes: list[dict[str, Any]]
    findings: list[dict[str, Any]]
    score: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, file: str, result: CleanResult, severities: Mapping[str, Severity]) -> "FileReport":
        index = LineIndex(result.original)
        changes = []
        for change in result.changes:
            record = change_record(change, file, index)
            record["severity"] = severities.get(change.code, Severity.WARNING).label
            changes.append(record)
        findings = [finding_record(f, file, index) for f in result.findings]
        return cls(file, changes, findings, quality_score(result))


@dataclass
class Summary:
    files: int = 0
    changed_files: int = 0
    errors: int = 0
    fixes: Counter = field(default_factory=Counter)
    findings: Counter = field(default_factory=Counter)
    hidden_unsafe: int = 0
    failing: int = 0  # findings at or above --fail-on
    scores: list[tuple[int, str]] = field(default_factory=list)

    def add(self, report: FileReport, fail_on: Severity) -> None:
        self.files += 1
        self.scores.append((report.score["score"], report.file))
        self.changed_files += bool(report.changes)
        self.fixes.update(c["code"] for c in report.changes)
        for finding in report.findings:
            self.findings[finding["code"]] += 1
            if finding.get("fix", {}).get("applicability") == Applicability.UNSAFE.label:
                self.hidden_unsafe += 1
            if Severity.parse(finding["severity"]) >= fail_on:
                self.failing += 1

    @property
    def average_score(self) -> float | None:
        return round(sum(s for s, _ in self.scores) / len(self.scores), 1) if self.scores else None

    def worst(self, n: int = 5) -> list[tuple[int, str]]:
        return sorted(self.scores)[:n]

    def under(self, threshold: int | None) -> list[tuple[int, str]]:
        return [] if threshold is None else sorted(x for x in self.scores if x[0] < threshold)

    def as_dict(self) -> dict[str, Any]:
        return {
            "files": self.files, "changed_files": self.changed_files, "errors": self.errors,
            "fixes": dict(sorted(self.fixes.items())), "findings": dict(sorted(self.findings.items())),
            "hidden_unsafe_fixes": self.hidden_unsafe, "average_score": self.average_score,
            "worst": [{"file": f, "score": s} for s, f in self.worst()],
        }


def text_lines(report: FileReport, *, pending: bool) -> Iterable[str]:
    """ruff-style lines: ``path:line:col: CODE [*] message``; ``[*]`` marks what fix applies."""
    rows = [(c, True) for c in report.changes] if pending else []
    rows += [(f, False) for f in report.findings]
    rows.sort(key=lambda row: (row[0]["start"], row[0]["code"]))
    for record, fixable in rows:
        mark = " [*]" if fixable else ""
        yield f"{record['file']}:{record['line']}:{record['col']}: {record['code']}{mark} {record['message']}"


def _gh_escape(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def github_lines(report: FileReport, *, pending: bool) -> Iterable[str]:
    """GitHub Actions workflow commands, one annotation per pending fix and finding."""
    rows = (report.changes if pending else []) + report.findings
    for r in rows:
        level = _GITHUB_LEVEL[r["severity"]]
        title = _gh_escape(f"{r['code']} {r['name']}", prop=True)
        yield (
            f"::{level} file={_gh_escape(r['file'], prop=True)},line={r['line']},col={r['col']},"
            f"endLine={r['end_line']},endColumn={r['end_col']},title={title}::{_gh_escape(r['message'])}"
        )


def score_line(report: FileReport) -> str:
    return f"{report.file}: {describe(report.score)}"


def json_document(reports: list[FileReport], summary: Summary) -> str:
    payload = {
        "version": 1,
        "files": [{"file": r.file, "score": r.score, "changes": r.changes, "findings": r.findings} for r in reports],
        "summary": summary.as_dict(),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def summary_line(summary: Summary, *, mode: str, unsafe: bool) -> str:
    fixes = sum(summary.fixes.values())
    findings = sum(summary.findings.values())
    files = f"{summary.files} file{'s' if summary.files != 1 else ''}"
    if mode == "fix":
        parts = [f"{files}: {fixes} change{'s' if fixes != 1 else ''} applied ({summary.changed_files} changed)",
                 f"{findings} finding{'s' if findings != 1 else ''} open"]
    else:
        if not fixes and not findings:
            return f"{files} checked: all clean."
        parts = [f"{files} checked: {fixes} fix{'es' if fixes != 1 else ''} pending (`cleanup fix`)",
                 f"{findings} finding{'s' if findings != 1 else ''}"]
    if summary.hidden_unsafe and not unsafe:
        parts.append(f"{summary.hidden_unsafe} more fixable with --unsafe-fixes")
    if summary.errors:
        parts.append(f"{summary.errors} file{'s' if summary.errors != 1 else ''} could not be read")
    line = ", ".join(parts) + "."
    if summary.scores:
        line += f" Average score {summary.average_score}"
        if len(summary.scores) > 1:
            line += "; lowest: " + ", ".join(f"{f} ({s})" for s, f in summary.worst(3))
        line += "."
    top = (summary.fixes + summary.findings).most_common(5)
    if top:
        line += " Most frequent: " + ", ".join(f"{code} ×{n}" for code, n in top) + "."
    return line
