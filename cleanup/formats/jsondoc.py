"""One JSON document: every file's score, pending changes and findings, and the summary."""

from __future__ import annotations

import json

from . import Context
from .reports import FileReport


def render(reports: list[FileReport], context: Context) -> str:
    payload = {
        "version": 1,
        "files": [{"file": r.file, "score": r.score, "changes": r.changes, "findings": r.findings} for r in reports],
        "summary": context.summary.as_dict(),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
