"""GitLab Code Quality report (a JSON list of issues, each with a stable fingerprint).

The fingerprint joins the file, the rule, the text around the result and its rank among
equal ones, so a merge request shows only what it introduced or fixed.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from . import Context
from .reports import FileReport, fixable, repo_path

_SEVERITY = {"info": "info", "warning": "minor", "error": "major"}


def render(reports: list[FileReport], context: Context) -> str:
    issues = []
    for report in reports:
        path = repo_path(report.file)
        seen: Counter = Counter()
        for record in report.results():
            seen[record["fingerprint"]] += 1
            key = f"{path}\x00{record['fingerprint']}\x00{seen[record['fingerprint']]}"
            issues.append({
                "type": "issue",
                "check_name": record["code"],
                "description": f"{record['code']} {record['message']}" + (" [fixable]" if fixable(record) else ""),
                "categories": ["Style"],
                "severity": _SEVERITY[record["severity"]],
                "fingerprint": hashlib.sha256(key.encode("utf-8")).hexdigest()[:32],
                "location": {"path": path, "positions": {
                    "begin": {"line": record["line"], "column": record["col"]},
                    "end": {"line": record["end_line"], "column": record["end_col"]}}},
            })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
