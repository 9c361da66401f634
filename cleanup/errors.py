"""Errors a user can act on. ``str(err)`` is always one line naming the file and the problem."""

from __future__ import annotations


class CleanupError(Exception):
    """Base class: the CLI prints these as ``error: <message>`` without a traceback."""


class InputError(CleanupError):
    """An input file cannot be cleaned (missing, unreadable, binary, not UTF-8, ...)."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class RuleFileError(CleanupError):
    """A rule file is malformed; the message names ``file:line``."""

    def __init__(self, path: str, line: int | None, problem: str):
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {problem}")
        self.path = path
        self.line = line
        self.problem = problem

    @classmethod
    def invalid_toml(cls, path: object, exc: ValueError, line: int | None = None) -> "RuleFileError":
        """The error for a file tomllib cannot parse, at the line tomllib names (else ``line``)."""
        return cls(str(path), getattr(exc, "lineno", None) or line, f"invalid TOML: {exc}")


class ConfigError(CleanupError):
    """The configuration (pyproject.toml, cleanup.toml or options) is invalid."""


class LogError(CleanupError):
    """A diff log cannot be replayed or reverted against the text it is given."""


class FixDidNotConverge(CleanupError):
    """Rules kept rewriting each other's output: a bug in those rules, never silenced."""

    def __init__(self, stage: str, codes: list[str], passes: int):
        super().__init__(
            f"stage '{stage}': fixes did not converge after {passes} passes "
            f"(rules still fixing: {', '.join(codes)})"
        )
        self.stage = stage
        self.codes = codes
