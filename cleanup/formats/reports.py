"""Results as plain records, the run's summary, and what every output format shares.

Each format module in this package turns a list of ``FileReport`` into text; the CLI only
picks one. Records are the diff log's (``cleanup.difflog``): offsets, 1-based line and
column in code points, code, message.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..difflog import LineIndex, change_record, finding_record, records
from ..model import Applicability, CleanResult, Severity
from ..regexes import compile_fast
from ..score import describe, quality_score

_CONTEXT = 32  # characters each side of a result that its fingerprint covers
_SPACE = compile_fast(r"\s+")


@dataclass
class FileReport:
    """One file's result as log records: pending (or applied) changes and open findings.

    ``source`` is the file's text, for formats that quote it and for fingerprints;
    ``header`` is the diff log's file record.
    """

    file: str
    changes: list[dict[str, Any]]
    findings: list[dict[str, Any]]
    score: dict[str, Any] = field(default_factory=dict)
    source: str = ""
    header: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, file: str, result: CleanResult, severities: Mapping[str, Severity]) -> "FileReport":
        index = LineIndex(result.original)
        changes = []
        for change in result.changes:
            record = change_record(change, file, index)
            record["severity"] = severities.get(change.code, Severity.WARNING).label
            changes.append(record)
        findings = [finding_record(f, file, index) for f in result.findings]
        score = quality_score(result)
        header = next(records(result, file, extra={"score": score}))
        for record in changes + findings:
            record["fingerprint"] = fingerprint(record, result.original)
        return cls(file, changes, findings, score, result.original, header)

    def results(self, *, pending: bool = True) -> list[dict[str, Any]]:
        """Pending fixes (when ``pending``) and findings, in file order."""
        rows = (self.changes if pending else []) + self.findings
        return sorted(rows, key=lambda r: (r["start"], r["end"], r["code"]))


def fixable(record: Mapping[str, Any]) -> bool:
    """A pending change: ``cleanup fix`` applies it with the current settings."""
    return record["kind"] == "change"


def failing(record: Mapping[str, Any], fail_on: Severity) -> bool:
    """Whether this result makes ``check`` fail: a pending fix, or a finding at ``fail_on`` or above."""
    return fixable(record) or Severity.parse(record["severity"]) >= fail_on


def result_line(record: Mapping[str, Any]) -> str:
    """ruff's concise line: ``path:line:col: CODE [*] message``; ``[*]`` marks a pending fix."""
    mark = " [*]" if fixable(record) else ""
    return f"{record['file']}:{record['line']}:{record['col']}: {record['code']}{mark} {record['message']}"


def fingerprint(record: Mapping[str, Any], source: str) -> str:
    """A hash of the rule, the flagged text and the text around it on its own line.

    Not the line number, and nothing from other lines: edits elsewhere in the file leave it
    alone, so a baseline entry or a code-scanning alert follows its text when lines move.
    """
    start, end = record["start"], record["end"]
    line_start = source.rfind("\n", 0, start) + 1
    line_end = source.find("\n", end)
    line_end = len(source) if line_end == -1 else line_end
    before = _SPACE.sub(" ", source[max(line_start, start - _CONTEXT) : start])
    after = _SPACE.sub(" ", source[end : min(line_end, end + _CONTEXT)])
    key = "\x00".join((record["code"], before, source[start:end], after))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


@dataclass
class Summary:
    """Counts over a run (files, fixes and findings by rule), added up across chunks and workers."""
    files: int = 0
    changed_files: int = 0
    errors: int = 0
    fixes: Counter = field(default_factory=Counter)
    findings: Counter = field(default_factory=Counter)
    hidden_unsafe: int = 0
    failing: int = 0  # findings at or above --fail-on
    fixed: int = 0  # baseline entries no longer found
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
            "hidden_unsafe_fixes": self.hidden_unsafe, "baseline_fixed": self.fixed, "average_score": self.average_score,
            "worst": [{"file": f, "score": s} for s, f in self.worst()],
        }


def score_line(report: FileReport) -> str:
    return f"{report.file}: {describe(report.score)}"


def summary_line(summary: Summary, *, mode: str, unsafe: bool) -> str:
    fixes = sum(summary.fixes.values())
    findings = sum(summary.findings.values())
    files = f"{summary.files} file{'s' if summary.files != 1 else ''}"
    if mode == "fix":
        parts = [f"{files}: {fixes} change{'s' if fixes != 1 else ''} applied ({summary.changed_files} changed)",
                 f"{findings} finding{'s' if findings != 1 else ''} open"]
    else:
        if not fixes and not findings and not summary.fixed:
            return f"{files} checked: all clean."
        parts = [f"{files} checked: {fixes} fix{'es' if fixes != 1 else ''} pending (`cleanup fix`)",
                 f"{findings} finding{'s' if findings != 1 else ''}"]
    if summary.hidden_unsafe and not unsafe:
        parts.append(f"{summary.hidden_unsafe} more fixable with --unsafe-fixes")
    if summary.fixed:
        parts.append(f"{summary.fixed} baselined result{'s' if summary.fixed != 1 else ''} fixed")
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


def statistics(reports: list[FileReport], *, pending: bool = True) -> list[dict[str, Any]]:
    """Counts per rule, most frequent first: how many, how many fixable, the rule's name."""
    count: Counter = Counter()
    fixes: Counter = Counter()
    names: dict[str, str] = {}
    for report in reports:
        for record in report.results(pending=pending):
            count[record["code"]] += 1
            fixes[record["code"]] += fixable(record)
            names[record["code"]] = record["name"]
    return [{"code": code, "name": names[code], "count": n, "fixable": fixes[code]}
            for code, n in sorted(count.items(), key=lambda kv: (-kv[1], kv[0]))]


def statistics_table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return ""
    width = max(len(str(r["count"])) for r in rows)
    lines = []
    for r in rows:
        mark = "[*]" if r["fixable"] == r["count"] else "[-]" if r["fixable"] else "   "
        lines.append(f"{r['count']:>{width}}  {r['code']}  {mark} {r['name']}")
    return "\n".join(lines) + "\n"


def repo_path(file: str) -> str:
    """The file as a forward-slash path relative to the working folder when it is under it.

    Code-scanning services match results to files by their path from the repository root.
    """
    from pathlib import Path

    path = Path(file)
    if path.is_absolute():
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            return path.as_posix()
    return path.as_posix().removeprefix("./")
