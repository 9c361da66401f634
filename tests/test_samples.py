"""Each sample article must come out exactly as its expected file (ARTIFACTS.md's gold)."""

from __future__ import annotations

import pytest

from cleanup import clean
from conftest import SAMPLES, pending_samples, sample_names

PENDING = pending_samples()
CASES = [
    pytest.param(name, marks=[pytest.mark.xfail(strict=True, reason=PENDING[name])] if name in PENDING else [])
    for name in sample_names()
]


@pytest.mark.parametrize("name", CASES)
def test_sample_matches_expected_output(name, strict):
    source = (SAMPLES / f"{name}.txt").read_text(encoding="utf-8")
    expected = (SAMPLES / "expected" / f"{name}.txt").read_text(encoding="utf-8")
    assert clean(source, strict).text == expected


def test_every_sample_has_an_expected_output():
    for name in sample_names():
        assert (SAMPLES / "expected" / f"{name}.txt").is_file()
    assert set(PENDING) <= set(sample_names())


# The flags ARTIFACTS.md lists for the expected files: (code, severity, flagged text).
FLAGS = {
    "000_5b9f9cd042bffdb2": {("QLT003", "warning", "he")},
    "002_4f05f5d2fe6f7d3f": {("QLT004", "warning", "Russia breaks off WWII peace talks over Japan’s stance on invading Ukraine")},
    "004_8cb1a973f45269b7": {("QLT003", "info", "her")},
}


@pytest.mark.parametrize("name", sample_names())
def test_expected_files_carry_exactly_the_listed_flags(name):
    """The flags are reported, nothing else at warning level or above, and nothing to fix."""
    expected = (SAMPLES / "expected" / f"{name}.txt").read_text(encoding="utf-8")
    result = clean(expected)
    assert not result.changes
    flags = {(f.code, f.severity.label, expected[f.start : f.end]) for f in result.findings
             if f.severity.label != "info" or f.code.startswith("QLT")}
    assert flags == FLAGS.get(name, set())


def test_gender_flag_suggests_the_pronoun():
    expected = (SAMPLES / "expected" / "000_5b9f9cd042bffdb2.txt").read_text(encoding="utf-8")
    (flag,) = [f for f in clean(expected).findings if f.code == "QLT003"]
    assert flag.fix.edits[0].replacement == "she" and flag.fix.applicability.label == "unsafe"
