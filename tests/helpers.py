"""Helpers for tests that need rule files of their own."""

from __future__ import annotations

import textwrap
from pathlib import Path


def pattern_rule(code: str, name: str, pattern: str, replacement: str | None, *, fix: str = "safe",
                 examples: str = "") -> str:
    repl = f"replacement = '{replacement}'\n" if replacement is not None else ""
    return textwrap.dedent(f"""\
        [[rule]]
        code = "{code}"
        name = "{name}"
        kind = "pattern"
        summary = "test rule"
        message = "test rule {{found}}"
        severity = "warning"
        fix = "{fix}"
        pattern = '{pattern}'
        """) + repl + examples


def rule_dir(tmp_path: Path, body: str, stage: str = "whitespace", name: str = "extra.toml") -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(f'[meta]\nstage = "{stage}"\n\n{body}', encoding="utf-8")
    return folder
