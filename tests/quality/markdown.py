"""Markdown round trips on a folder of real Markdown files (issue 12).

For every file: clean it as ``cleanup fix`` would, then check that the parsed Markdown with
the prose left out is the same before and after (front matter, code, links, HTML, tables,
block structure), that ``revert`` gives the file back exactly, and count the fixes.

``python -m tests.quality.markdown [FOLDER_OR_FILE ...]`` (default: the test data and this
repository's own Markdown) prints the figures and names any file that fails.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from cleanup import revert
from cleanup.markdown import MARKDOWN_SUFFIXES, clean_markdown, structure

ROOT = Path(__file__).resolve().parent.parent.parent


def files(args: list[str]) -> list[Path]:
    roots = [Path(a) for a in args] or [ROOT / "tests" / "data" / "markdown", ROOT / "README.md", ROOT / "docs"]
    found = []
    for root in roots:
        found += [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.suffix in MARKDOWN_SUFFIXES)
    return found


def measure(paths: list[Path]) -> dict[str, float]:
    checked = failed = changed = changes = 0
    started = time.perf_counter()
    for path in paths:
        try:
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        result = clean_markdown(source)
        checked += 1
        if revert(result.text, result.changes) != source or structure(result.text) != structure(source):
            failed += 1
            print(f"FAILED: {path}", file=sys.stderr)
        changed += result.text != source
        changes += len(result.changes)
    return {"files": checked, "markup_or_revert_failures": failed, "files_changed": changed, "changes": changes,
            "seconds": round(time.perf_counter() - started, 1)}


if __name__ == "__main__":
    for key, value in measure(files(sys.argv[1:])).items():
        print(f"{key}: {value}")
