"""Every rule's own examples and counterexamples, run with only that rule enabled (LanguageTool)."""

from __future__ import annotations

import pytest

from cleanup import CleanupConfig, clean, replay, revert
from cleanup.rulefiles import load_ruleset

RULES = load_ruleset().rules
EXAMPLES = [pytest.param(r, ex, id=f"{r.code}-{i}") for r in RULES for i, ex in enumerate(r.examples)]
COUNTER = [pytest.param(r, ex, id=f"{r.code}-{i}") for r in RULES for i, ex in enumerate(r.counterexamples)]


def only(rule, example, *, unsafe: bool = False) -> CleanupConfig:
    return CleanupConfig(select=(rule.code,), unsafe_fixes=unsafe, mode=example.mode)


@pytest.mark.parametrize("rule,example", EXAMPLES)
def test_example(rule, example):
    result = clean(example.before, only(rule, example, unsafe=example.unsafe))
    assert result.changes or result.findings, f"{rule.code} did not fire on its own example"
    if example.spans:  # what the first pass matched, in the example's own coordinates
        first = [(c.start, c.end) for c in result.changes if c.iteration == 1]
        first = first or [(f.start, f.end) for f in result.findings]
        assert [example.before[a:b] for a, b in sorted(first)] == list(example.spans)
    if example.after is None:
        assert result.text == example.before, "a report-only example must not change the text"
        assert result.findings
    else:
        assert result.text == example.after
        assert not clean(result.text, only(rule, example, unsafe=example.unsafe)).changes, "fix is not idempotent"
    assert replay(example.before, result.changes) == result.text
    assert revert(result.text, result.changes) == example.before
    if example.unsafe and example.after is not None:  # a suggestion: the default settings leave it
        assert clean(example.before, only(rule, example)).text == example.before, "an unsafe example was fixed by default"


@pytest.mark.parametrize("rule,example", COUNTER)
def test_counterexample(rule, example):
    text = example.before
    result = clean(text, only(rule, example, unsafe=True))
    assert result.text == text
    assert not result.changes and not result.findings
