"""Phrase lists kept as data in ``rules/lexicon/*.toml`` and shared by several rules.

Each file holds named lists of regular expressions (matched case-insensitively against a
whole line unless a rule says otherwise). Extra rule folders may add a ``lexicon/`` folder
whose lists are appended to the built-in ones, so a newsroom can teach the rules its own
site's furniture without touching code.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import regex

from .cache import cached, parsed_toml
from .errors import RuleFileError
from .locations import builtin_rules_dir
from .regexes import compile_fast


@functools.cache
def load_lexicon(name: str, extra_dirs: tuple[Path, ...] = ()) -> dict[str, tuple[str, ...]]:
    lists: dict[str, list[str]] = {}
    for folder in (builtin_rules_dir(), *extra_dirs):
        path = folder / "lexicon" / f"{name}.toml"
        if not path.is_file():
            continue
        raw = path.read_text(encoding="utf-8")
        try:
            data = parsed_toml(raw)
        except ValueError as exc:  # tomllib.TOMLDecodeError
            raise RuleFileError.invalid_toml(path, exc) from None
        for key, value in data.items():
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                raise RuleFileError(str(path), _line_of(raw, key), f"'{key}' must be a list of non-empty strings")
            lists.setdefault(key, []).extend(value)
        _validate(path, raw, data)
    return {key: tuple(value) for key, value in lists.items()}


def _validate(path: Path, raw: str, data: dict[str, list[str]]) -> None:
    """Every entry must compile on its own. A file that passed once is remembered by the hash of
    its text (``cleanup.cache``): compiling its thousand entries took a fifth of a second at
    every start."""
    digest = hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]

    def check() -> bool:
        for value in data.values():
            for entry in value:
                try:
                    compile_fast(entry)
                except regex.error as exc:
                    raise RuleFileError(str(path), _line_of(raw, entry), f"invalid pattern {entry!r}: {exc}") from None
        return True

    cached(f"lexicon-valid-{digest}-regex{regex.__version__}", check)


def _line_of(raw: str, needle: str) -> int | None:
    for number, line in enumerate(raw.splitlines(), 1):
        if needle in line:
            return number
    return None


@functools.cache
def alternation(name: str, key: str, extra_dirs: tuple[Path, ...] = (), *, template: str = "^(?:{})$",
                flags: int = regex.IGNORECASE) -> regex.Pattern:
    """One compiled pattern for a list: ``template`` receives the joined alternatives."""
    entries = load_lexicon(name, extra_dirs).get(key)
    if not entries:  # an empty group would match everything (trafilatura's guard)
        raise RuleFileError(f"rules/lexicon/{name}.toml", None, f"list '{key}' is missing or empty")
    return compile_fast(template.format("|".join(f"(?:{e})" for e in entries)), flags)
