"""The diff log's JSON lines: a file record, then its pending changes and findings."""

from __future__ import annotations

from . import Context
from ..difflog import dumps
from .reports import FileReport


def render(reports: list[FileReport], context: Context) -> str:
    out = []
    for report in reports:
        out.append(dumps(report.header))
        out.extend(dumps(record) for record in report.changes + report.findings)
    return "".join(line + "\n" for line in out)
