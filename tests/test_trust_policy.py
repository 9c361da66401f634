"""Safe must mean measured-safe (issue 9): every safe fix keeps the policy in its precision ledger.

The ledger is the ``measured = {...}`` line of each rule in rules/*.toml, written by
``python -m tests.quality.trust --update-ledger``. Also: the agreement measure itself.
"""

from __future__ import annotations

import pytest

from cleanup.model import Applicability
from cleanup.rulefiles import load_ruleset
from quality.agreement import AGREE, REFUTED, UNCLEAR, Reference, verdict, word_change
from quality.ledger import breaches

RULES = load_ruleset().rules
# Safe rules owned by other work on issue 9 that break the policy on the figures measured
# before it; their owners' fixes flip these (strict xfail), and then this list shrinks.
KNOWN = {
}


def _params():
    for rule in RULES:
        if rule.fix is None or rule.fix < Applicability.UNSAFE:
            continue
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN[rule.code])] if rule.code in KNOWN else []
        yield pytest.param(rule, id=rule.code, marks=marks)


@pytest.mark.parametrize("rule", list(_params()))
def test_safe_fixes_are_measured_safe(rule):
    assert rule.measured, f"{rule.code} has no measured figures: python -m tests.quality.trust --update-ledger"
    assert not breaches(rule), f"{rule.code} is safe but {'; '.join(breaches(rule))}: make it unsafe or fix it"


def test_a_safe_rule_without_figures_breaks_the_policy():
    rule = next(r for r in RULES if r.fix == Applicability.SAFE)
    bare = type(rule)(**{**rule.__dict__, "measured": {}})
    assert breaches(bare)


def _judge(marked: str, after: str, reference: str) -> str:
    """``marked`` shows the changed text in brackets: "for [a] hour"."""
    at = marked.index("[")
    before = marked[at + 1 : marked.index("]")]
    mt = marked.replace("[", "").replace("]", "")
    change = word_change(mt, at, before, after)
    assert change is not None
    return verdict(change, Reference(reference))


def test_word_changes_are_told_from_spacing():
    assert word_change("a washer here", 2, "washer", "was her") is not None
    assert word_change("a washer here", 5, "", " ") is not None  # a space put inside a word
    assert word_change("word , next", 4, " ", "") is None
    assert word_change("kyiv said", 0, "k", "K") is not None


@pytest.mark.parametrize("marked, after, reference, expected", [
    ("He waited for [a] hour.", "an", "He had waited an hour for it.", AGREE),
    ("It is [a] UK-based firm.", "an", "a UK-based company", REFUTED),
    ("She bought a [washer] today.", "was her", "She bought a washer.", REFUTED),
    ("They visited [antiquities] sites.", "Antiquities", "they saw antiquities", REFUTED),
    ("Need to fix.[ Thank you.]", "", "We need to fix it. Thank you.", REFUTED),
    ("He said it was [was ]fine.", "", "He said it was fine.", AGREE),
    ("Aid was 2 billion.[ kronor.]", "", "Aid was 2 billion crowns.", UNCLEAR),
    ("It was [a] translator.", "an", "It was an interpreter.", UNCLEAR),
])
def test_the_reference_decides(marked, after, reference, expected):
    assert _judge(marked, after, reference) == expected
