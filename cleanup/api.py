"""The service's requests and answers, apart from HTTP: validation and the work done in workers.

``request_from`` turns a decoded JSON body into a text and config overrides, raising
``BadRequest`` (with the HTTP status to answer) for anything malformed; ``work`` runs in a
worker process and returns plain JSON-ready data, never raising for a bad config.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .config import CleanupConfig
from .errors import CleanupError
from .pipeline import get_pipeline
from .formats.reports import FileReport
from .rulefiles import load_ruleset
from .rulesdoc import rules_table

CONFIG_KEYS = ("select", "ignore", "unsafe_fixes", "profile", "mode")


class BadRequest(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def _strings(key: str, value: Any) -> list[str]:
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise BadRequest(422, f"config.{key}: must be a list of rule codes or prefixes")
    return [v.upper() for v in value]


def overrides_from(config: Any) -> dict[str, Any]:
    """Validated config overrides from a request's ``config`` object."""
    if config is None:
        return {}
    if not isinstance(config, dict):
        raise BadRequest(422, "config: must be an object")
    out: dict[str, Any] = {}
    for key, value in config.items():
        if key not in CONFIG_KEYS:
            raise BadRequest(422, f"config: unknown key '{key}' (known: {', '.join(CONFIG_KEYS)})")
        if key in ("select", "ignore"):
            out[key] = _strings(key, value)
        elif key == "unsafe_fixes":
            if not isinstance(value, bool):
                raise BadRequest(422, "config.unsafe_fixes: must be true or false")
            out[key] = value
        elif key == "profile":
            if not isinstance(value, str) or not value:
                raise BadRequest(422, "config.profile: must be a profile name")
            out[key] = value
        elif value not in ("article", "page"):
            raise BadRequest(422, "config.mode: must be 'article' or 'page'")
        else:
            out[key] = value
    return out


def request_from(body: Any, max_bytes: int) -> tuple[str, dict[str, Any]]:
    """The text and config overrides of a ``/v1/clean`` or ``/v1/check`` body."""
    if not isinstance(body, dict):
        raise BadRequest(422, "the body must be a JSON object with a \"text\" string")
    unknown = sorted(set(body) - {"text", "config", "name"})
    if unknown:
        raise BadRequest(422, f"unknown field '{unknown[0]}' (known: text, config, name)")
    if "text" not in body:
        raise BadRequest(422, "missing field \"text\"")
    text = body["text"]
    if not isinstance(text, str):
        raise BadRequest(422, "\"text\" must be a string")
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as exc:
        raise BadRequest(422, f"\"text\" holds a lone surrogate (\\u{ord(text[exc.start]):04x} at {exc.start}), not Unicode text") from None
    if size > max_bytes:
        raise BadRequest(413, f"\"text\" is {size} bytes; the limit is {max_bytes}")
    name = body.get("name", "")
    if not isinstance(name, str) or len(name) > 500 or not name.isprintable():
        raise BadRequest(422, "\"name\" must be a printable string of at most 500 characters")
    return text, overrides_from(body.get("config"))


def configured(base: CleanupConfig, overrides: Mapping[str, Any]) -> CleanupConfig:
    changes = dict(overrides)
    if "select" in changes:
        changes["select"] = tuple(changes["select"])
    if "ignore" in changes:
        changes["ignore"] = base.ignore + tuple(changes["ignore"])
    return base.replace(**changes)


def work(text: str, base: CleanupConfig, overrides: Mapping[str, Any], name: str = "request") -> dict[str, Any]:
    """Clean one text (in a worker): the answer, or ``{"error", "status"}`` for a bad config."""
    try:
        config = configured(base, overrides)
        pipeline = get_pipeline(config)
        result = pipeline.run(text)
    except CleanupError as exc:
        return {"error": str(exc), "status": 422}
    severities = {r.code: r.severity for r in pipeline.ruleset.rules}
    report = FileReport.of(name, result, severities)
    return {"text": result.text, "original": text, "changes": report.changes, "findings": report.findings,
            "score": report.score, "metadata": result.metadata}


def rules(base: CleanupConfig) -> list[dict[str, Any]]:
    """The rule catalogue, exactly as ``cleanup rules --format json`` gives it."""
    return json.loads(rules_table(load_ruleset(base.rule_dirs).rules, base, "json"))
