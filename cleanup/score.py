"""A 0-100 quality score for one article, with the breakdown that explains it.

The score rates the translation as it arrived: problems left open cost most, untranslated
text costs in proportion, repairs cost a little (they were needed), and site furniture costs
least (it was the site's, not the translator's). The weights are documented here so the
number can be argued with.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from .model import CleanResult, Severity
from .regexes import compile_fast

OPEN_COST = {Severity.ERROR: 20.0, Severity.WARNING: 8.0, Severity.INFO: 1.0}
MAX_OPEN = 60.0  # open findings together
FIX_COST = 2.0  # per fix per 100 words
MAX_FIX = 20.0
FURNITURE_COST = 20.0  # times the share of the input removed as furniture
MAX_FURNITURE = 10.0
_WORD = compile_fast(r"\w+")


def quality_score(result: CleanResult) -> dict[str, Any]:
    """The score and its breakdown, as plain data for reports and JSON."""
    words = max(1, len(_WORD.findall(result.original)))
    fixes = Counter(change.stage for change in result.changes)
    open_by = Counter(f.severity.label for f in result.findings)
    untranslated = sum(f.end - f.start for f in result.findings if f.name in ("untranslated-text", "foreign-script"))
    removed = sum(len(c.before) - len(c.after) for c in result.changes if c.stage == "boilerplate")
    size = max(1, len(result.original))
    untranslated_share = min(1.0, untranslated / size)
    furniture_share = min(1.0, max(0, removed) / size)
    penalties = {
        "open": min(MAX_OPEN, sum(OPEN_COST[f.severity] for f in result.findings)),
        "untranslated": 100.0 * untranslated_share,
        "fixes": min(MAX_FIX, FIX_COST * sum(fixes.values()) * 100 / max(words, 100)),  # short texts: per 100
        "furniture": min(MAX_FURNITURE, FURNITURE_COST * furniture_share),
    }
    score = max(0, round(100 - sum(penalties.values())))
    return {
        "score": score,
        "words": words,
        "fixes": sum(fixes.values()),
        "fixes_by_stage": dict(sorted(fixes.items())),
        "open": {label: open_by.get(label, 0) for label in ("error", "warning", "info")},
        "untranslated_share": round(untranslated_share, 4),
        "furniture_share": round(furniture_share, 4),
        "penalties": {k: round(v, 1) for k, v in penalties.items()},
    }


def describe(breakdown: dict[str, Any]) -> str:
    """One line for people: ``score 87: 5 fixed, 1 warning open, 0% untranslated, 12% furniture``."""
    open_ = breakdown["open"]
    parts = [f"{breakdown['fixes']} fixed"]
    parts += [f"{n} {label}{'s' if n != 1 else ''} open" for label, n in open_.items() if n]
    parts.append(f"{breakdown['untranslated_share']:.0%} untranslated")
    parts.append(f"{breakdown['furniture_share']:.0%} furniture removed")
    return f"score {breakdown['score']}: " + ", ".join(parts)
