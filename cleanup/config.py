"""Configuration: one frozen record, read from ``[tool.cleanup]`` or ``cleanup.toml``.

Like ftfy's ``TextFixerConfig`` it is immutable and changed with ``dataclasses.replace``;
like ruff's settings it selects rules by code or prefix and keeps unsafe fixes opt-in.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .cache import parsed_toml
from .errors import ConfigError
from .model import Applicability, Severity

CONFIG_FILES = ("cleanup.toml", ".cleanup.toml", "pyproject.toml")


@dataclass(frozen=True, slots=True)
class CleanupConfig:
    """Every setting of a run, hashable: pipelines are cached per configuration."""
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    unsafe_fixes: bool = False
    profile: str = "default"
    mode: str = "article"  # "page": the text is a whole web page, find the article in it
    rule_dirs: tuple[Path, ...] = ()
    fail_on: Severity = Severity.WARNING
    max_passes: int = 8
    include: tuple[str, ...] = ("*.txt",)
    exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    root: Path | None = field(default=None, compare=False)  # folder of the config file

    @property
    def min_applicability(self) -> Applicability:
        return Applicability.UNSAFE if self.unsafe_fixes else Applicability.SAFE

    def replace(self, **changes: Any) -> "CleanupConfig":
        return dataclasses.replace(self, **changes)


# key in the file -> (field name, converter)
def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ValueError("must be a string or a list of strings")


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def _positive(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 100:
        raise ValueError("must be a whole number from 1 to 100")
    return value


def _severity(value: Any) -> Severity:
    try:
        return Severity.parse(value)
    except (KeyError, AttributeError):
        raise ValueError("must be info, warning or error") from None


def _profile(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError("must be a profile name")
    return value


def _mode(value: Any) -> str:
    if value not in ("article", "page"):
        raise ValueError("must be 'article' or 'page'")
    return value


def _per_file(value: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise ValueError("must be a table of glob = [codes]")
    return tuple((glob, _strings(codes)) for glob, codes in value.items())


_KEYS = {
    "select": ("select", _strings),
    "ignore": ("ignore", _strings),
    "unsafe-fixes": ("unsafe_fixes", _bool),
    "profile": ("profile", _profile),
    "mode": ("mode", _mode),
    "rule-dirs": ("rule_dirs", _strings),
    "fail-on": ("fail_on", _severity),
    "max-passes": ("max_passes", _positive),
    "include": ("include", _strings),
    "exclude": ("exclude", _strings),
    "per-file-ignores": ("per_file_ignores", _per_file),
}


def config_from_table(table: dict[str, Any], source: str, root: Path, raw: str = "") -> CleanupConfig:
    """Build a config from a parsed ``[tool.cleanup]`` table; every problem names the key."""
    values: dict[str, Any] = {"root": root}
    for key, value in table.items():
        where = _where(source, raw, key)
        if key not in _KEYS:
            raise ConfigError(f"{where}: unknown key '{key}' (known: {', '.join(sorted(_KEYS))})")
        name, convert = _KEYS[key]
        try:
            values[name] = convert(value)
        except ValueError as exc:
            raise ConfigError(f"{where}: '{key}' {exc}") from None
    if "rule_dirs" in values:
        values["rule_dirs"] = tuple((root / d).resolve() for d in values["rule_dirs"])
    return CleanupConfig(**values)


def _where(source: str, raw: str, key: str) -> str:
    for number, line in enumerate(raw.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith((key + " ", key + "=", f'"{key}"')):
            return f"{source}:{number}"
    return source


def load_config(path: Path | None = None, start: Path | None = None) -> CleanupConfig:
    """Read the config file given, or the nearest one above ``start`` (the default config if none)."""
    if path is None:
        path = find_config(start or Path.cwd())
        if path is None:
            return CleanupConfig()
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    try:
        data = parsed_toml(raw)
    except ValueError as exc:  # tomllib.TOMLDecodeError
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    table = data.get("tool", {}).get("cleanup", {}) if path.name == "pyproject.toml" else data
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.cleanup] must be a table")
    return config_from_table(table, str(path), path.resolve().parent, raw)


def find_config(start: Path) -> Path | None:
    """The nearest ``cleanup.toml``, ``.cleanup.toml`` or ``pyproject.toml`` with ``[tool.cleanup]``."""
    folder = start.resolve()
    if folder.is_file():
        folder = folder.parent
    for candidate_dir in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = candidate_dir / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml":
                return candidate
            try:
                if "cleanup" in parsed_toml(candidate.read_text(encoding="utf-8")).get("tool", {}):
                    return candidate
            except (OSError, ValueError):  # unreadable, not UTF-8, not TOML
                return candidate  # let load_config report the problem with its name
    return None
