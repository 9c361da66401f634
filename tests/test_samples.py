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
