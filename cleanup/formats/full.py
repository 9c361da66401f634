"""ruff's ``full`` view: each result with its source line, the span marked, and a fix as a diff.

    a.txt:1:5: WSP006 [*] several spaces between words
      |
    1 | Kyiv  said the talks went on.
      |     ^^ WSP006
      |
      = fix (safe): collapse the spaces
      - Kyiv  said the talks went on.
      + Kyiv said the talks went on.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from . import Context
from .reports import FileReport, result_line, score_line

_MAX_LINES = 4  # source lines shown per result


def render(reports: list[FileReport], context: Context) -> str:
    out: list[str] = []
    for report in reports:
        lines = report.source.split("\n")
        for record in report.results():
            out.append(result_line(record))
            out.extend(_snippet(record, lines))
            out.extend("  " + row for row in fix_diff(record, report.source, title=True))
            out.append("")
        out.append(score_line(report))
    return "".join(row + "\n" for row in out)


def _snippet(record: Mapping[str, Any], lines: list[str]) -> Iterator[str]:
    first, last = record["line"], min(record["end_line"], record["line"] + _MAX_LINES - 1)
    if record["end_col"] == 1 and record["end_line"] > first:
        last = min(last, record["end_line"] - 1)  # a span ending at a line break
    width = len(str(last))
    pad = " " * width
    yield f"{pad} |"
    for number in range(first, last + 1):
        text = _visible(lines[number - 1]) if number <= len(lines) else ""
        yield f"{number:>{width}} | {text}".rstrip()
        lo = record["col"] - 1 if number == first else 0
        hi = record["end_col"] - 1 if number == record["end_line"] else len(lines[number - 1]) + 1
        marks = "^" * max(1, hi - lo)
        tail = f" {record['code']}" if number == last else ""
        yield f"{pad} | {' ' * lo}{marks}{tail}"
    yield f"{pad} |"


def _visible(text: str) -> str:
    """Tabs and other control characters as one visible character each, so carets line up."""
    return "".join("→" if ch == "\t" else "·" if ch < " " or ch == "\x7f" else ch for ch in text)


def fix_diff(record: Mapping[str, Any], source: str, *, title: bool = False) -> list[str]:
    """The lines a fix changes, before and after; empty when there is no fix to show."""
    if record["kind"] == "change":
        edits = [(record["start"], record["end"], record["after"])]
        if source[record["start"] : record["end"]] != record["before"]:
            return [f"= fix ({record['applicability']}): {record['before']!r} -> {record['after']!r}"] if title else []
        head = f"= fix ({record['applicability']}): {record['message']}"
    elif record.get("fix"):
        fix = record["fix"]
        edits = [(e["start"], e["end"], e["after"]) for e in fix["edits"]]
        head = f"= suggestion ({fix['applicability']}): {fix['title'] or record['message']}"
    else:
        return []
    lo = source.rfind("\n", 0, edits[0][0]) + 1
    last_end = edits[-1][1]
    if last_end > edits[-1][0] and source[last_end - 1] == "\n":
        hi = last_end  # the edit ends with a line break: the next line is not part of it
    else:
        hi = source.find("\n", last_end)
        hi = len(source) if hi == -1 else hi
    after, pos = [], lo
    for start, end, replacement in edits:
        after.append(source[pos:start] + replacement)
        pos = end
    after.append(source[pos:hi])
    old, new = source[lo:hi], "".join(after)
    if old.endswith("\n") and new.endswith("\n"):
        old, new = old[:-1], new[:-1]
    rows = [head] if title else []
    rows += [("- " + _visible(row)).rstrip() for row in old.split("\n")]
    rows += [("+ " + _visible(row)).rstrip() for row in new.split("\n")]
    return rows
