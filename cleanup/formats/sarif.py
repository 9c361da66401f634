"""SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it.

Columns and character offsets count UTF-16 code units (``columnKind: utf16CodeUnits``), the
unit editors and GitHub use, so an emoji before a result does not shift its mark. Every
result carries its rule's index, a level, a region, and ``partialFingerprints`` that follow
the text rather than the line. A pending fix and a suggested fix are both SARIF ``fixes``;
``properties.applicability`` says whether ``cleanup fix`` applies it (``safe``) or it needs
``--unsafe-fixes`` (``unsafe``) or a person (``display-only``).
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from . import Context
from .reports import FileReport, fixable, repo_path

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"  # the URI GitHub code scanning and ruff use
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


class _Utf16:
    """Offsets, lines and columns of a text in UTF-16 code units."""

    def __init__(self, text: str):
        self.astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        self.line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def offset(self, pos: int) -> int:
        return pos + bisect_left(self.astral, pos)

    def region(self, start: int, end: int) -> dict[str, int]:
        def line_col(pos: int) -> tuple[int, int]:
            line = bisect_right(self.line_starts, pos)
            return line, self.offset(pos) - self.offset(self.line_starts[line - 1]) + 1

        (line, col), (end_line, end_col) = line_col(start), line_col(end)
        return {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col,
                "charOffset": self.offset(start), "charLength": self.offset(end) - self.offset(start)}


def _rule(rule) -> dict[str, Any]:
    fix = "none" if rule.fix is None else rule.fix.label
    help_text = f"{rule.summary}\n\n{rule.explanation}".strip()
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.explanation or rule.summary},
        "help": {"text": help_text + f"\n\nFix: {fix}. Details: cleanup rule {rule.code}",
                 "markdown": f"**{rule.code} {rule.name}**: {rule.summary}\n\n{rule.explanation}\n\n"
                             f"Fix: `{fix}`. Details: `cleanup rule {rule.code}`"},
        "defaultConfiguration": {"level": _LEVEL[rule.severity.label]},
        "properties": {"tags": [rule.stage, rule.kind], "fix": fix, "status": rule.status},
    }


def _fix(record: Mapping[str, Any], uri: str, text: str, units: _Utf16) -> dict[str, Any] | None:
    if fixable(record):
        if text[record["start"] : record["end"]] != record["before"]:
            return None  # rewrites an earlier change's result: no single replacement in the file
        edits = [(record["start"], record["end"], record["after"])]
        description, applicability = record["message"], record["applicability"]
    elif record.get("fix"):
        edits = [(e["start"], e["end"], e["after"]) for e in record["fix"]["edits"]]
        description = record["fix"]["title"] or record["message"]
        applicability = record["fix"]["applicability"]
    else:
        return None
    return {
        "description": {"text": description},
        "artifactChanges": [{
            "artifactLocation": {"uri": uri},
            "replacements": [{"deletedRegion": units.region(start, end), "insertedContent": {"text": after}}
                             for start, end, after in edits],
        }],
        "properties": {"applicability": applicability, "pending": fixable(record)},
    }


def _uri(path: str) -> str:
    """A relative URI reference for a path under the working folder, else a ``file:`` URI."""
    if PurePath(path).is_absolute():
        return Path(path).resolve().as_uri()
    return quote(path, safe="/")


def render(reports: list[FileReport], context: Context) -> str:
    rules = sorted(context.rules, key=lambda r: r.code)
    index = {rule.code: i for i, rule in enumerate(rules)}
    artifacts, results = [], []
    for number, report in enumerate(reports):
        uri = _uri(repo_path(report.file))
        artifacts.append({"location": {"uri": uri}, "encoding": "utf-8",
                          "hashes": {"sha-256": report.header.get("sha256", "")}})
        units = _Utf16(report.source)
        for record in report.results():
            region = units.region(record["start"], record["end"])
            region["snippet"] = {"text": report.source[record["start"] : record["end"]]}
            result: dict[str, Any] = {
                "ruleId": record["code"],
                "level": _LEVEL[record["severity"]],
                "kind": "fail",
                "message": {"text": record["message"]},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri, "index": number}, "region": region}}],
                "partialFingerprints": {"cleanup/v1": record["fingerprint"]},
                "properties": {"fixable": fixable(record)},
            }
            if record["code"] in index:
                result["ruleIndex"] = index[record["code"]]
            fix = _fix(record, uri, report.source, units)
            if fix:
                result["fixes"] = [fix]
            results.append(result)
    run = {
        "tool": {"driver": {"name": "cleanup", "version": context.version, "semanticVersion": context.version,
                            "rules": [_rule(r) for r in rules]}},
        "columnKind": "utf16CodeUnits",
        "artifacts": artifacts,
        "results": results,
        "invocations": [{
            "executionSuccessful": not context.errors,
            "toolExecutionNotifications": [{"level": "error", "message": {"text": message}}
                                           for message in context.errors],
        }],
    }
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2) + "\n"
