"""GitHub Actions workflow commands: one annotation per pending fix and finding."""

from __future__ import annotations

from . import Context
from .reports import FileReport, fixable

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def render(reports: list[FileReport], context: Context) -> str:
    out = []
    for report in reports:
        for r in report.results():
            title = _escape(f"{r['code']} {r['name']}", prop=True)
            message = r["message"]
            if fixable(r):  # say what `cleanup fix` will do, right in the pull request
                message += f" (cleanup fix: {r['before']!r} -> {r['after']!r})"
            out.append(
                f"::{_LEVEL[r['severity']]} file={_escape(r['file'], prop=True)},line={r['line']},col={r['col']},"
                f"endLine={r['end_line']},endColumn={r['end_col']},title={title}::{_escape(message)}\n"
            )
    return "".join(out)


def _escape(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value
