"""Resume state: which chunks are committed, how long each partial output was, and the summary.

A small SQLite file beside the output. A commit first syncs the partial outputs, then records
in one transaction the next chunk to do, their lengths and the summary of the chunks since the
last commit; a run killed at any moment resumes from the last commit, cuts the partial files
back to its lengths, and so writes every article exactly once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import CleanupError
from ..formats.reports import Summary


def state_path(output: Path) -> Path:
    if output.is_dir():
        return output / ".cleanup-state"
    return output.with_name(f".{output.name}.cleanup-state")


@dataclass
class Resumed:
    """What an interrupted run had done: chunks finished, output offsets, the summary and errors so far."""
    chunks: int = 0  # chunks already done
    offsets: dict[str, int] = field(default_factory=dict)
    summary: Summary = field(default_factory=Summary)
    errors: list[str] = field(default_factory=list)


class State:
    def __init__(self, path: Path, identity: dict[str, Any]):
        self.path = path
        self.identity = json.dumps(identity, sort_keys=True, default=str)

    @property
    def exists(self) -> bool:
        return self.path.exists()

    def start(self) -> None:
        """A fresh run: forget any earlier state."""
        import sqlite3
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.unlink(missing_ok=True)
        self.db = sqlite3.connect(self.path)
        self.db.executescript(
            "PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL;"
            "CREATE TABLE meta (identity TEXT);"
            "CREATE TABLE commits (next_chunk INTEGER, offsets TEXT, summary TEXT);"
        )
        self.db.execute("INSERT INTO meta VALUES (?)", (self.identity,))
        self.db.commit()

    def resume(self) -> Resumed:
        """Open the state of an interrupted run with the same input and options."""
        import sqlite3
        try:
            self.db = sqlite3.connect(f"file:{self.path}?mode=rw", uri=True)
            (identity,) = self.db.execute("SELECT identity FROM meta").fetchone()
            rows = self.db.execute("SELECT next_chunk, offsets, summary FROM commits ORDER BY rowid").fetchall()
        except (sqlite3.Error, TypeError) as exc:
            raise CleanupError(f"{self.path}: cannot read the resume state ({exc}); rerun with --restart") from None
        if identity != self.identity:
            raise CleanupError(f"{self.path}: the interrupted run had other inputs or options; "
                               "rerun it the same way, or start over with --restart")
        resumed = Resumed()
        for next_chunk, offsets, summary in rows:
            resumed.chunks = next_chunk
            resumed.offsets = json.loads(offsets)
            data = json.loads(summary)
            merge(resumed.summary, data)
            resumed.errors.extend(data["messages"])
        return resumed

    def commit(self, next_chunk: int, offsets: dict[str, int], summary: Summary, messages: list[str]) -> None:
        data = {**dump(summary), "messages": messages}
        self.db.execute("INSERT INTO commits VALUES (?, ?, ?)", (next_chunk, json.dumps(offsets), json.dumps(data)))
        self.db.commit()

    def close(self) -> None:
        if getattr(self, "db", None) is not None:
            self.db.close()
            self.db = None

    def remove(self) -> None:
        self.close()
        self.path.unlink(missing_ok=True)


def dump(summary: Summary) -> dict[str, Any]:
    return {"files": summary.files, "changed_files": summary.changed_files, "errors": summary.errors,
            "fixes": dict(summary.fixes), "findings": dict(summary.findings),
            "hidden_unsafe": summary.hidden_unsafe, "failing": summary.failing, "scores": summary.scores}


def merge(into: Summary, data: dict[str, Any]) -> None:
    for key in ("files", "changed_files", "errors", "hidden_unsafe", "failing"):
        setattr(into, key, getattr(into, key) + data[key])
    into.fixes.update(data["fixes"])
    into.findings.update(data["findings"])
    into.scores.extend((score, name) for score, name in data["scores"])
