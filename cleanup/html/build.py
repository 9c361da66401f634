"""Article views for the static report, from a run's results or from a diff log.

``cleanup fix --html DIR`` builds views from the results it just computed; ``cleanup report
LOG --html DIR`` rebuilds the same views from the log alone, finding each original either at
the logged path (when its sha256 still matches) or by reverting the logged clean output.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..difflog import LoggedFile, read_log, records, revert, sha256
from ..errors import InputError, LogError
from ..model import CleanResult
from ..textio import decode, read_bytes
from .render import ArticleView, write_report


def view_of(result: CleanResult, file: str, score: Mapping[str, Any]) -> ArticleView:
    """The view of one article, built from the same records the diff log would hold."""
    out = list(records(result, file))
    return ArticleView(file, result.original, [r for r in out if r["kind"] == "change"],
                       [r for r in out if r["kind"] == "finding"], dict(score), dict(result.metadata))


def _read(path: str | None, base: Path) -> str | None:
    if not path:
        return None
    for candidate in (Path(path), base / path):
        try:
            return decode(read_bytes(candidate), str(candidate))
        except InputError:  # missing or unreadable here: try the next place, then say so
            continue
    return None


def original_of(logged: LoggedFile, base: Path) -> str:
    """The original text of a logged file: from its path if unchanged, else by reverting the output."""
    header = logged.header
    text = _read(header.get("file"), base)
    if text is not None and sha256(text) == header["sha256"]:
        return text
    clean = _read(header.get("output"), base)
    if clean is not None and sha256(clean) == header["clean_sha256"]:
        original = revert(clean, logged.changes)
        if sha256(original) == header["sha256"]:
            return original
    raise LogError(f"{header.get('file')}: original text not found (missing or changed since the log, "
                   f"and no unchanged clean output to revert)")


def report_from_log(log: Path, folder: Path) -> int:
    """Write the report of every file in ``log`` under ``folder``; the number of articles."""
    files = read_log(log)
    if not files:
        raise LogError(f"{log}: the log records no files")
    base = log.resolve().parent
    views = [ArticleView(f.header["file"], original_of(f, base), f.changes, f.findings,
                         f.header.get("score") or {}, f.header.get("metadata") or {}) for f in files]
    return write_report(folder, views)
