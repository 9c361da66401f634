"""Baselines: accept today's results so that CI fails only on new ones.

An entry is keyed by file, rule and a fingerprint of the flagged text with the text around
it (``formats.reports.fingerprint``), never by line number: unrelated edits above a result
do not resurrect it. Equal keys are counted, so a second identical problem in the same file
is new. Entries that no longer match anything are reported as fixed.

The file is JSON, sorted, one entry per key, so it diffs well under version control.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import CleanupError
from .formats.reports import FileReport, repo_path
from .textio import write_atomic

VERSION = 1


class BaselineError(CleanupError):
    """A baseline file that cannot be read."""


def _key(file: str, record: dict[str, Any]) -> tuple[str, str, str]:
    return repo_path(file), record["code"], record["fingerprint"]


@dataclass
class Baseline:
    counts: Counter = field(default_factory=Counter)  # (file, code, fingerprint) -> how many
    notes: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> "Baseline":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BaselineError(f"{path}: no such baseline file (create it with --update-baseline)") from None
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise BaselineError(f"{path}: cannot read baseline: {exc}") from None
        if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("entries"), list):
            raise BaselineError(f"{path}: not a cleanup baseline (version {VERSION} with 'entries')")
        baseline = cls()
        for number, entry in enumerate(data["entries"], 1):
            try:
                key = (entry["file"], entry["code"], entry["fingerprint"])
                baseline.counts[key] += int(entry.get("count", 1))
            except (KeyError, TypeError, ValueError):
                raise BaselineError(f"{path}: entry {number} needs file, code and fingerprint") from None
            baseline.notes[key] = entry
        return baseline

    @classmethod
    def of(cls, reports: list[FileReport]) -> "Baseline":
        baseline = cls()
        for report in reports:
            for record in report.results():
                key = _key(report.file, record)
                baseline.counts[key] += 1
                baseline.notes.setdefault(key, {"line": record["line"], "message": record["message"]})
        return baseline

    def dumps(self) -> str:
        entries = []
        for key in sorted(self.counts):
            file, code, fingerprint = key
            note = self.notes.get(key, {})
            entries.append({"file": file, "code": code, "fingerprint": fingerprint, "count": self.counts[key],
                            "line": note.get("line"), "message": note.get("message")})
        return json.dumps({"version": VERSION, "tool": "cleanup", "entries": entries},
                          ensure_ascii=False, indent=1) + "\n"

    def save(self, path: Path) -> None:
        write_atomic(path, self.dumps())

    def filter(self, reports: list[FileReport]) -> tuple[list[FileReport], list[dict[str, Any]]]:
        """Reports without the baselined results, and the baseline entries nothing matched (fixed)."""
        left = Counter(self.counts)
        kept = []
        for report in reports:
            def new(record: dict[str, Any]) -> bool:
                key = _key(report.file, record)
                if left[key] > 0:
                    left[key] -= 1
                    return False
                return True

            changes = [r for r in report.changes if new(r)]
            findings = [r for r in report.findings if new(r)]
            kept.append(FileReport(report.file, changes, findings, report.score, report.source, report.header))
        checked = {repo_path(r.file) for r in reports}
        fixed = [{**self.notes.get(key, {}), "file": key[0], "code": key[1], "fingerprint": key[2], "count": n}
                 for key, n in sorted(left.items()) if n > 0 and key[0] in checked]
        return kept, fixed
