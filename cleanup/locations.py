"""Where the package's data lives, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path


def builtin_rules_dir() -> Path:
    """Rules ship inside the wheel as ``cleanup/rules``; a checkout keeps them at ``rules/``."""
    packaged = Path(__file__).resolve().parent / "rules"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "rules"
