"""One line per result, as ruff's ``concise``: ``path:line:col: CODE [*] message``.

``[*]`` marks a fix ``cleanup fix`` would apply; each file ends with its quality score.
"""

from __future__ import annotations

from . import Context
from .full import fix_diff
from .reports import FileReport, result_line, score_line


def render(reports: list[FileReport], context: Context) -> str:
    lines: list[str] = []
    for report in reports:
        for record in report.results():
            lines.append(result_line(record))
            if context.show_fixes:
                lines.extend("    " + row for row in fix_diff(record, report.source))
        lines.append(score_line(report))
    return "".join(row + "\n" for row in lines)

