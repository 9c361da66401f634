"""Data-rule kinds: rule logic that a rule file fills in with data (Vale's idea).

A kind declares the keys it takes, validates and compiles them once at load time (a bad
regex is a load error, never a run-time surprise), and checks a document with them.
Logic too specific for a kind is a Python rule (kind ``python``, see ``registry.check``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import re

import regex

from .document import Doc
from .model import Finding
from .regexes import compile_fast
from .registry import CheckFn, Rule


class KindError(ValueError):
    """A kind-specific key is missing or wrong; ``key`` lets the loader point at its line."""

    def __init__(self, key: str, problem: str):
        super().__init__(problem)
        self.key = key


@dataclass(frozen=True)
class Kind:
    """A data kind of rule file: the keys it takes, how its entries are prepared, the check that runs them."""
    keys: frozenset[str]
    required: frozenset[str]
    prepare: Callable[[dict[str, Any]], dict[str, Any]]
    check: CheckFn | None  # None: the rule names its own Python function


_FLAGS = {  # the same bits in `re` and `regex`
    "multiline": re.MULTILINE,
    "ignorecase": re.IGNORECASE,
    "dotall": re.DOTALL,
    "verbose": re.VERBOSE,
}


_GROUP_REFERENCE = compile_fast(r"\\g<(\w+)>|\\(\d+)")  # in a replacement: \g<name>, \1


def compile_pattern(source: Any, key: str, flags: int = 0) -> "re.Pattern | regex.Pattern":
    """Compile a rule-file regex; an empty or invalid one is a load error (trafilatura's guard)."""
    if not isinstance(source, str) or not source:
        raise KindError(key, f"'{key}' must be a non-empty regular expression")
    try:  # the stdlib engine scans simple patterns faster; `regex` serves \p{..} and the like
        compiled = compile_fast(source, flags)
    except regex.error as exc:
        raise KindError(key, f"invalid regular expression in '{key}': {exc}") from None
    if compiled.match(""):
        raise KindError(key, f"'{key}' matches the empty string, so it would match everywhere")
    return compiled


def _prepare_pattern(raw: dict[str, Any]) -> dict[str, Any]:
    flags = 0
    for name in raw.get("flags", []):
        if name not in _FLAGS:
            raise KindError("flags", f"unknown flag '{name}' (known: {', '.join(_FLAGS)})")
        flags |= _FLAGS[name]
    replacement = raw.get("replacement")
    if replacement is not None and not isinstance(replacement, str):
        raise KindError("replacement", "'replacement' must be a string")
    compiled = compile_pattern(raw.get("pattern"), "pattern", flags)
    if replacement is not None:
        for ref in _GROUP_REFERENCE.findall(replacement):
            name = ref[0] or ref[1]
            known = int(name) <= compiled.groups if name.isdigit() else name in compiled.groupindex
            if not known:
                raise KindError("replacement", f"replacement refers to unknown group '{name}'")
    return {"pattern": compiled, "replacement": replacement}


def pattern_check(doc: Doc, rule: Rule) -> Iterator[Finding]:
    """Report every match of ``pattern``; with ``replacement``, offer it as the fix."""
    pattern = rule.params["pattern"]
    replacement: str | None = rule.params["replacement"]
    text = doc.text
    literal = replacement is not None and "\\" not in replacement  # skip template parsing
    for m in pattern.finditer(text):
        if replacement is None:
            yield rule.finding(m.start(), m.end(), text=text)
            continue
        new = replacement if literal else m.expand(replacement)
        if new != m.group():
            yield rule.finding(m.start(), m.end(), new, text=text)


def _prepare_python(raw: dict[str, Any]) -> dict[str, Any]:
    function = raw.get("function")
    if function is not None and not isinstance(function, str):
        raise KindError("function", "'function' must be the name of a registered check")
    return {"function": function}


KINDS: dict[str, Kind] = {
    "pattern": Kind(
        keys=frozenset({"pattern", "replacement", "flags"}),
        required=frozenset({"pattern"}),
        prepare=_prepare_pattern,
        check=pattern_check,
    ),
    "python": Kind(
        keys=frozenset({"function"}),
        required=frozenset(),
        prepare=_prepare_python,
        check=None,
    ),
}
