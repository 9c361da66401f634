"""Traps (issue 9): ordinary, correct English comes out of the default pipeline untouched.

The texts are in tests/data/traps.toml, grouped by the rules a careless version would trip. A
text some rule still changes carries ``fails = "CODE: why"`` there and is a strict xfail, so the
owner's fix makes it pass (and the marker must then go).
"""

from __future__ import annotations

import tomllib

import pytest

from cleanup import CleanupConfig, clean
from conftest import DATA

GROUPS = tomllib.loads((DATA / "traps.toml").read_text(encoding="utf-8"))["group"]


def _traps():
    for group in GROUPS:
        for n, item in enumerate(group["texts"]):
            text, fails = (item, None) if isinstance(item, str) else (item["text"], item.get("fails"))
            marks = [pytest.mark.xfail(strict=True, reason=fails)] if fails else []
            yield pytest.param(text, id=f"{'-'.join(group['rules'])}-{n}", marks=marks)


def test_there_are_many_traps():
    assert sum(len(g["texts"]) for g in GROUPS) >= 150


@pytest.mark.parametrize("text", list(_traps()))
def test_correct_english_is_left_alone(text):
    result = clean(text, CleanupConfig())
    changes = [f"{c.code} {c.before!r}->{c.after!r}" for c in result.changes]
    assert result.text == text, f"changed: {changes}"
