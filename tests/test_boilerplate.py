"""The boilerplate stage on the samples: exactly the furniture the expected output drops goes."""

from __future__ import annotations

import difflib

import pytest

from cleanup import CleanupConfig, clean
from conftest import SAMPLES, sample_names


def has_counterpart(line: str, kept: list[str]) -> bool:
    """The line survives in the expected output, perhaps edited or joined with others."""
    if len(line) < 30:
        return line in kept

    def covered(other: str) -> float:  # share of the line found, in runs of 6+ characters, in the other
        blocks = difflib.SequenceMatcher(None, line, other, autojunk=False).get_matching_blocks()
        return sum(b.size for b in blocks if b.size >= 6) / len(line)

    return any(line in other or covered(other) > 0.8 for other in kept)


@pytest.mark.parametrize("name", sample_names())
def test_furniture_removed_as_in_expected_output(name):
    source = (SAMPLES / f"{name}.txt").read_text(encoding="utf-8")
    expected = (SAMPLES / "expected" / f"{name}.txt").read_text(encoding="utf-8")
    kept = [line.strip() for line in expected.splitlines() if line.strip()]
    dropped = [line.strip() for line in source.splitlines() if line.strip() and not has_counterpart(line.strip(), kept)]
    result = clean(source, CleanupConfig(select=("NAV",)))
    removed = [line.strip() for c in result.changes if c.before.endswith("\n") or c.end == len(source)
               for line in c.before.splitlines() if line.strip()]
    assert removed == dropped


def test_metadata_goes_to_the_result_and_log():
    source = (SAMPLES / "000_5b9f9cd042bffdb2.txt").read_text(encoding="utf-8")
    result = clean(source)
    assert result.metadata == {"date": "2022-04-25"}
    assert result.text.startswith("The Ukrainian government")
    (change,) = [c for c in result.changes if c.code == "NAV101"]
    assert change.before == " date 2022-04-25 " and change.detail["metadata"] == {"date": "2022-04-25"}
