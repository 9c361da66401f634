"""Output formats for ``cleanup check``: one module per format, each turning reports into text.

Every module has ``render(reports, context) -> str``. The CLI picks one by name and writes
what it returns to standard output or, atomically, to ``--output-file``.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Severity
from .reports import FileReport, Summary

if TYPE_CHECKING:
    from ..registry import Rule

# format name -> module in this package
FORMATS = {
    "full": "full",
    "concise": "concise",
    "text": "concise",  # the old name of concise
    "json": "jsondoc",
    "jsonl": "jsonl",
    "github": "github",
    "sarif": "sarif",
    "junit": "junit",
    "gitlab": "gitlab",
}


@dataclass
class Context:
    """What a format may need besides the reports."""

    summary: Summary = field(default_factory=Summary)
    rules: Sequence["Rule"] = ()
    fail_on: Severity = Severity.WARNING
    show_fixes: bool = False
    version: str = ""
    errors: Sequence[str] = ()  # inputs that could not be checked, as "path: problem"


def render(name: str, reports: list[FileReport], context: Context) -> str:
    module = importlib.import_module(f".{FORMATS[name]}", __name__)
    return module.render(reports, context)
