"""Which cleaner an input gets, by its name: Markdown files have only their prose cleaned."""

from __future__ import annotations

from .config import CleanupConfig
from .model import CleanResult
from .pipeline import clean


def clean_input(text: str, config: CleanupConfig, name: str | None = None) -> CleanResult:
    from .markdown import clean_markdown, is_markdown

    if is_markdown(name):
        return clean_markdown(text, config, name or "<stdin>")
    return clean(text, config)
