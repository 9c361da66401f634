"""The diff log: JSONL records of every applied change and every open finding.

It is lossless. Each change carries ``at`` (where it applies in the text as it stood after
all earlier changes), ``before`` and ``after``: ``replay`` applies them in order to the
original, ``revert`` undoes them in reverse on the clean text, and both check every step, so
a log that does not belong to a text is an error, not a silent corruption. ``start``,
``line`` and ``col`` locate each record in the original file for people and CI annotations.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import LogError
from .model import Change, CleanResult, Finding

VERSION = 1


class LineIndex:
    """1-based line and column of an offset, by bisecting line starts."""

    def __init__(self, text: str):
        self.starts = [0]
        pos = text.find("\n")
        while pos != -1:
            self.starts.append(pos + 1)
            pos = text.find("\n", pos + 1)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _located(kind: str, file: str, start: int, end: int, index: LineIndex) -> dict[str, Any]:
    line, col = index.position(start)
    end_line, end_col = index.position(end)
    return {"v": VERSION, "kind": kind, "file": file, "start": start, "end": end,
            "line": line, "col": col, "end_line": end_line, "end_col": end_col}


def change_record(change: Change, file: str, index: LineIndex) -> dict[str, Any]:
    record = _located("change", file, change.start, change.end, index)
    record.update(
        code=change.code, name=change.name, stage=change.stage,
        applicability=change.applicability.label, iteration=change.iteration,
        at=change.at, before=change.before, after=change.after, message=change.message,
    )
    if change.detail:
        record["detail"] = change.detail
    return record


def finding_record(finding: Finding, file: str, index: LineIndex) -> dict[str, Any]:
    record = _located("finding", file, finding.start, finding.end, index)
    record.update(code=finding.code, name=finding.name, stage=finding.stage,
                  severity=finding.severity.label, message=finding.message)
    if finding.fix is not None:
        record["fix"] = {
            "applicability": finding.fix.applicability.label,
            "title": finding.fix.title,
            "edits": [{"start": e.start, "end": e.end, "after": e.replacement} for e in finding.fix.edits],
        }
    if finding.detail:
        record["detail"] = finding.detail
    return record


def records(result: CleanResult, file: str, output: str | None = None,
            extra: Mapping[str, Any] | None = None) -> Iterator[dict[str, Any]]:
    """The log records of one document: a file header, its changes in order, its findings."""
    index = LineIndex(result.original)
    header = {
        "v": VERSION, "kind": "file", "file": file, "output": output,
        "sha256": sha256(result.original), "clean_sha256": sha256(result.text),
        "changes": len(result.changes), "findings": len(result.findings),
        "metadata": result.metadata,
    }
    if extra:
        header.update(extra)
    yield header
    for change in result.changes:
        yield change_record(change, file, index)
    for finding in result.findings:
        yield finding_record(finding, file, index)


def dumps(record: Mapping[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def _fields(change: Change | Mapping[str, Any]) -> tuple[int, str, str]:
    if isinstance(change, Change):
        return change.at, change.before, change.after
    return change["at"], change["before"], change["after"]


def replay(original: str, changes: Iterable[Change | Mapping[str, Any]]) -> str:
    """Apply logged changes to the original text: gives the clean text (ftfy's apply_plan)."""
    text = original
    for number, change in enumerate(changes, 1):
        at, before, after = _fields(change)
        if text[at : at + len(before)] != before:
            raise LogError(f"change {number} does not match the text at offset {at}: expected {before!r}")
        text = text[:at] + after + text[at + len(before) :]
    return text


def revert(clean: str, changes: Iterable[Change | Mapping[str, Any]]) -> str:
    """Undo logged changes on the clean text, last first: gives the original back exactly."""
    text = clean
    steps = list(changes)
    for number in range(len(steps), 0, -1):
        at, before, after = _fields(steps[number - 1])
        if text[at : at + len(after)] != after:
            raise LogError(f"change {number} cannot be undone at offset {at}: expected {after!r}")
        text = text[:at] + before + text[at + len(after) :]
    return text


@dataclass
class LoggedFile:
    """One file's record in a diff log: its header, then its changes and findings."""
    header: dict[str, Any]
    changes: list[dict[str, Any]] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)


def read_log(path: Path) -> list[LoggedFile]:
    """Parse a JSONL diff log; a malformed line is an error naming ``file:line``."""
    return list(iter_log(path))


def iter_log(path: Path) -> Iterator[LoggedFile]:
    """The log's documents one by one, reading the file as it goes (a corpus log can be huge)."""
    try:
        handle = path.open(encoding="utf-8")
    except FileNotFoundError:
        raise LogError(f"{path}: no such log file") from None
    except OSError as exc:
        raise LogError(f"{path}: cannot read log: {exc}") from None
    current: LoggedFile | None = None
    with handle:
        try:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                    kind = record["kind"]
                    if record.get("v") != VERSION:
                        raise ValueError(f"unsupported log version {record.get('v')!r}")
                    if kind == "error":  # an input that could not be read: nothing was written for it
                        record["file"], record["message"]  # noqa: B018
                        continue
                    if kind == "file":
                        if current is not None:
                            yield current
                        current = LoggedFile(record)
                    elif current is None or current.header["file"] != record["file"]:
                        raise ValueError("record before its file header")
                    elif kind == "change":
                        for key in ("at", "before", "after"):
                            record[key]  # noqa: B018  (KeyError names the missing key)
                        current.changes.append(record)
                    elif kind == "finding":
                        current.findings.append(record)
                    else:
                        raise ValueError(f"unknown record kind {kind!r}")
                except (ValueError, KeyError, TypeError) as exc:
                    problem = f"missing key {exc}" if isinstance(exc, KeyError) else str(exc)
                    raise LogError(f"{path}:{number}: bad log record: {problem}") from None
        except UnicodeDecodeError as exc:
            raise LogError(f"{path}: cannot read log: {exc}") from None
    if current is not None:
        yield current


def unified_diff(original: str, clean: str, path: str) -> str:
    """A unified diff from the original to the clean text, git-style for a missing final newline."""
    def lines(text: str) -> list[str]:
        parts = text.split("\n")  # not splitlines(): U+2028 and friends are not line ends here
        out = [part + "\n" for part in parts[:-1]]
        if parts[-1]:
            out.append(parts[-1] + "\n\\ No newline at end of file\n")
        return out

    return "".join(difflib.unified_diff(lines(original), lines(clean), f"a/{path}", f"b/{path}"))
