"""Strict loader for ``rules/*.toml``: every mistake is an error naming ``file:line``.

TOML, not YAML: comments, multi-line strings for examples, and no implicit typing
(``no`` stays a string). Unknown keys, bad regexes, duplicate codes or names, unknown
stages or kinds and Python rules without a registered function are all load errors.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from .cache import parsed_toml
from .errors import RuleFileError
from .kinds import KINDS, KindError, compile_pattern
from .locations import builtin_rules_dir
from .model import Applicability, Example, Severity
from .regexes import compile_fast
from .registry import Rule, Triggers, registered_functions, registered_triggers
from .stages import STAGE_BY_NAME

_META_KEYS = {"stage", "description"}
_TOP_KEYS = {"meta", "rule", "profile"}
_RULE_KEYS = {
    "code", "name", "kind", "summary", "message", "fix-title", "severity", "fix",
    "status", "explanation", "example", "counterexample", "measured", "triggers",
}
_REQUIRED = {"code", "name", "kind", "summary", "message", "severity", "fix"}
_TRIGGER_KEYS = {"literals", "pattern", "endings"}
_EXAMPLE_KEYS = {"before", "after", "spans", "unsafe", "note", "mode"}
_COUNTER_KEYS = {"text", "note", "mode"}
_MODES = ("article", "page")
_FIX_LEVELS = {"safe", "unsafe", "display-only", "none"}
# The precision ledger (``measured = {...}``, written by ``python -m tests.quality.trust
# --update-ledger``): word changes on clean English and, on real MT, the share the human reference
# agrees with or refutes; ``unsafe-`` keys are the same figures with unsafe fixes on.
MEASURED_COUNTS = ("clean-word-changes", "mt-word-changes", "mt-long-deletions")
MEASURED_SHARES = ("mt-agreement", "mt-refuted")  # present when mt-word-changes > 0
MEASURED_KEYS = tuple(p + k for p in ("", "unsafe-") for k in (
    "clean-word-changes", "mt-word-changes", "mt-agreement", "mt-refuted", "mt-long-deletions"))
_CODE = compile_fast(r"^[A-Z]{3}[0-9]{3}$")
_NAME = compile_fast(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class RuleSet:
    """Every rule of the built-in and extra rule folders, and the house-style profiles they define."""
    rules: tuple[Rule, ...]
    profiles: dict[str, str]  # name -> description


@functools.cache
def load_ruleset(extra_dirs: tuple[Path, ...] = ()) -> RuleSet:
    """Load the built-in rules plus ``extra_dirs``; cached, since the result is immutable."""
    files: list[Path] = []
    for folder in (builtin_rules_dir(), *extra_dirs):
        if not folder.is_dir():
            raise RuleFileError(str(folder), None, "rule directory not found")
        files.extend(sorted(folder.glob("*.toml")))
    rules: list[Rule] = []
    profiles = {"default": "The default house style."}
    seen_codes: dict[str, str] = {}
    seen_names: dict[str, str] = {}
    functions = registered_functions()
    triggers = registered_triggers()
    for path in files:
        file_rules, file_profiles = _load_file(path, functions, triggers)
        for rule in file_rules:
            for key, seen in (("code", seen_codes), ("name", seen_names)):
                value = getattr(rule, key)
                if value in seen:
                    path_s, line = rule.source.rsplit(":", 1)
                    raise RuleFileError(path_s, int(line), f"duplicate rule {key} '{value}' (first defined at {seen[value]})")
                seen[value] = rule.source
        rules.extend(file_rules)
        profiles.update(file_profiles)
    return RuleSet(tuple(sorted(rules, key=lambda r: r.code)), profiles)


def _load_file(path: Path, functions: dict, triggers: dict) -> tuple[list[Rule], dict[str, str]]:
    try:
        raw_text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(str(path), None, f"cannot read rule file: {exc}") from None
    try:
        data = parsed_toml(raw_text)
    except ValueError as exc:  # tomllib.TOMLDecodeError
        raise RuleFileError.invalid_toml(path, exc, _line_from_message(str(exc))) from None
    where = _Locator(_display(path), raw_text)
    for key in data:
        if key not in _TOP_KEYS:
            raise where.error(f"unknown top-level key '{key}' (known: {', '.join(sorted(_TOP_KEYS))})", key=key)
    meta = data.get("meta", {})
    for key in meta:
        if key not in _META_KEYS:
            raise where.error(f"unknown key '{key}' in [meta]", key=key)
    stage = meta.get("stage")
    rules_raw = data.get("rule", [])
    if rules_raw and stage not in STAGE_BY_NAME:
        raise where.error(f"[meta] stage must be one of {', '.join(STAGE_BY_NAME)}, not {stage!r}", key="stage")
    rules = [_load_rule(raw, i, stage, where, functions, triggers) for i, raw in enumerate(rules_raw)]
    profiles = {}
    for name, table in data.get("profile", {}).items():
        if not isinstance(table, dict) or set(table) - {"description"}:
            raise where.error(f"profile '{name}' takes only a 'description'", key=name)
        profiles[name] = table.get("description", "")
    return rules, profiles


def _load_rule(raw: dict[str, Any], index: int, stage: str, where: "_Locator", functions: dict,
               triggers: dict) -> Rule:
    def fail(problem: str, key: str | None = None, nth: int = 0) -> RuleFileError:
        return where.error(f"rule {raw.get('code', f'#{index + 1}')}: {problem}", rule=index, key=key, nth=nth)

    kind_name = raw.get("kind")
    if kind_name not in KINDS:
        raise fail(f"unknown kind {kind_name!r} (known: {', '.join(KINDS)})", "kind")
    kind = KINDS[kind_name]
    for key in raw:
        if key not in _RULE_KEYS and key not in kind.keys:
            raise fail(f"unknown key '{key}' for a rule of kind '{kind_name}'", key)
    for key in sorted((_REQUIRED | kind.required) - set(raw)):
        raise fail(f"missing required key '{key}'")
    code, name = raw["code"], raw["name"]
    if not isinstance(code, str) or not _CODE.match(code):
        raise fail(f"code {code!r} must be three capital letters and three digits", "code")
    prefix = STAGE_BY_NAME[stage].prefix
    if not code.startswith(prefix):
        raise fail(f"code {code} must start with the stage prefix {prefix}", "code")
    if not isinstance(name, str) or not _NAME.match(name):
        raise fail(f"name {name!r} must be kebab-case", "name")
    try:
        severity = Severity.parse(raw["severity"])
    except (KeyError, AttributeError):
        raise fail(f"severity must be info, warning or error, not {raw['severity']!r}", "severity") from None
    if raw["fix"] not in _FIX_LEVELS:
        raise fail(f"fix must be one of {', '.join(sorted(_FIX_LEVELS))}, not {raw['fix']!r}", "fix")
    fix = None if raw["fix"] == "none" else Applicability.parse(raw["fix"])
    status = raw.get("status", "stable")
    if status not in ("stable", "preview"):
        raise fail(f"status must be stable or preview, not {status!r}", "status")
    for key in ("summary", "message", "fix-title", "explanation"):
        if key in raw and not isinstance(raw[key], str):
            raise fail(f"'{key}' must be a string", key)
    measured = _measured(raw.get("measured", {}), fail)
    try:
        params = kind.prepare({k: v for k, v in raw.items() if k in kind.keys})
    except KindError as exc:
        raise fail(str(exc), exc.key) from None
    check_fn = kind.check
    gate = None
    if check_fn is None:
        function = params.get("function") or name
        if function not in functions:
            raise fail(f"no Python check registered for '{function}'", "kind")
        check_fn = functions[function]
        gate = triggers.get(function)
    if "triggers" in raw:
        gate = _triggers(raw["triggers"], fail)
    return Rule(
        code=code,
        name=name,
        stage=stage,
        kind=kind_name,
        summary=raw["summary"],
        message=raw["message"],
        severity=severity,
        fix=fix,
        fix_title=raw.get("fix-title", ""),
        status=status,
        explanation=raw.get("explanation", "").strip(),
        examples=tuple(_examples(raw.get("example", []), fail)),
        counterexamples=tuple(_counterexamples(raw.get("counterexample", []), fail)),
        source=f"{where.path}:{where.rule_line(index)}",
        check=check_fn,
        params=params,
        measured=measured,
        triggers=gate,
    )


def _measured(table: Any, fail) -> dict[str, float]:
    if not isinstance(table, dict):
        raise fail("'measured' must be an inline table of figures", "measured")
    for key, value in table.items():
        if key not in MEASURED_KEYS:
            raise fail(f"unknown measured figure '{key}' (known: {', '.join(MEASURED_KEYS)})", "measured")
        if key.endswith(MEASURED_COUNTS) and not (isinstance(value, int) and not isinstance(value, bool) and value >= 0):
            raise fail(f"measured '{key}' must be a count (an integer >= 0), not {value!r}", "measured")
        if key.endswith(MEASURED_SHARES) and not (isinstance(value, (int, float)) and not isinstance(value, bool)
                                                   and 0 <= value <= 1):
            raise fail(f"measured '{key}' must be a share between 0 and 1, not {value!r}", "measured")
    for prefix in ("", "unsafe-") if table else ():
        for key in MEASURED_COUNTS:
            if prefix + key not in table:
                raise fail(f"measured figures lack '{prefix}{key}'", "measured")
        for key in MEASURED_SHARES:
            if (table[prefix + "mt-word-changes"] > 0) != (prefix + key in table):
                raise fail(f"measured '{prefix}{key}' is given exactly when {prefix}mt-word-changes > 0", "measured")
    return dict(table)


def _triggers(raw: Any, fail) -> Triggers:
    """``triggers = { literals = ["&"], pattern = '...', endings = [" "] }``: what a finding of
    the rule needs (one of the literals, a match of the pattern, or one of the endings at the end)."""
    if not isinstance(raw, dict) or not raw or set(raw) - _TRIGGER_KEYS:
        raise fail("'triggers' is a table with 'literals', 'endings' (lists of strings) and/or 'pattern'", "triggers")
    literals, endings = raw.get("literals", []), raw.get("endings", [])
    for key, strings in (("literals", literals), ("endings", endings)):
        if not isinstance(strings, list) or not all(isinstance(x, str) and x for x in strings):
            raise fail(f"'triggers.{key}' must be a list of non-empty strings", "triggers")
    pattern = None
    if "pattern" in raw:
        try:
            pattern = compile_pattern(raw["pattern"], "triggers.pattern")
        except KindError as exc:
            raise fail(str(exc), "triggers") from None
    return Triggers(tuple(literals), (pattern,) if pattern is not None else (), endings=tuple(endings))


def _examples(items: Iterable[Any], fail) -> Iterable[Example]:
    for n, item in enumerate(items):
        if not isinstance(item, dict) or set(item) - _EXAMPLE_KEYS:
            raise fail(f"an example takes only {', '.join(sorted(_EXAMPLE_KEYS))}", "example", n)
        if not isinstance(item.get("before"), str):
            raise fail("an example needs a 'before' string", "example", n)
        spans = item.get("spans", [])
        if not isinstance(spans, list) or not all(isinstance(s, str) for s in spans):
            raise fail("'spans' must be a list of strings", "example", n)
        if item.get("mode", "article") not in _MODES:
            raise fail("an example's mode is 'article' or 'page'", "example", n)
        yield Example(item["before"], item.get("after"), tuple(spans), bool(item.get("unsafe", False)),
                      item.get("note", ""), item.get("mode", "article"))


def _counterexamples(items: Iterable[Any], fail) -> Iterable[Example]:
    for n, item in enumerate(items):
        if not isinstance(item, dict) or set(item) - _COUNTER_KEYS or not isinstance(item.get("text"), str):
            raise fail("a counterexample is a table with a 'text' string (and an optional 'note')", "counterexample", n)
        if item.get("mode", "article") not in _MODES:
            raise fail("a counterexample's mode is 'article' or 'page'", "counterexample", n)
        yield Example(item["text"], item["text"], note=item.get("note", ""), mode=item.get("mode", "article"))


def _display(path: Path) -> str:
    """Built-in rule files are named ``rules/<file>``, wherever the package is installed."""
    builtin = builtin_rules_dir()
    return f"rules/{path.name}" if path.parent == builtin else str(path)


def _line_from_message(message: str) -> int | None:
    m = regex.search(r"line (\d+)", message)
    return int(m.group(1)) if m else None


class _Locator:
    """Finds the line of a rule or key in the raw file, since tomllib reports no positions."""

    def __init__(self, path: str, raw: str):
        self.path = path
        self.lines = raw.splitlines()
        self.rule_starts = [i + 1 for i, line in enumerate(self.lines) if line.strip().startswith("[[rule]]")]

    def rule_line(self, index: int) -> int:
        return self.rule_starts[index] if index < len(self.rule_starts) else 1

    def key_line(self, key: str, rule: int | None, nth: int = 0) -> int | None:
        first = self.rule_line(rule) if rule is not None else 1
        last = self.rule_starts[rule + 1] if rule is not None and rule + 1 < len(self.rule_starts) else len(self.lines) + 1
        pattern = regex.compile(rf"^\s*(?:\[+\s*)?(?:rule\.)?[\"']?{regex.escape(key)}[\"']?\s*(?:=|\]|\.)")
        hits = [n for n in range(first, last) if pattern.match(self.lines[n - 1])]
        if hits:
            return hits[min(nth, len(hits) - 1)]
        return first if rule is not None else None

    def error(self, problem: str, *, rule: int | None = None, key: str | None = None, nth: int = 0) -> RuleFileError:
        line = self.key_line(key, rule, nth) if key else (self.rule_line(rule) if rule is not None else None)
        return RuleFileError(self.path, line, problem)
