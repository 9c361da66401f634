"""Meta-tests over the rule catalog: codes are API, and every rule documents itself."""

from __future__ import annotations

import re

from cleanup import Applicability
from cleanup.registry import registered_functions
from cleanup.rulefiles import load_ruleset
from cleanup.stages import STAGE_BY_NAME

RULES = load_ruleset().rules


def test_codes_and_names_are_unique_and_well_formed():
    codes = [r.code for r in RULES]
    names = [r.name for r in RULES]
    assert len(set(codes)) == len(codes) and len(set(names)) == len(names)
    for rule in RULES:
        assert re.fullmatch(r"[A-Z]{3}\d{3}", rule.code)
        assert rule.code.startswith(STAGE_BY_NAME[rule.stage].prefix)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)


def test_every_rule_has_examples_and_counterexamples():
    for rule in RULES:
        assert rule.examples, f"{rule.code} has no example"
        assert rule.counterexamples, f"{rule.code} has no counterexample"


def test_fixable_rules_document_fix_safety():
    for rule in RULES:
        assert "## What it does" in rule.explanation, rule.code
        if rule.fix is not None:
            assert "## Fix safety" in rule.explanation, f"{rule.code} lacks a '## Fix safety' section"
        if rule.fix is not None and rule.fix > Applicability.DISPLAY_ONLY:  # display-only never applies
            assert any(ex.after is not None for ex in rule.examples), f"{rule.code} shows no fix"


def test_every_registered_function_belongs_to_a_rule():
    used = {r.params.get("function") or r.name for r in RULES if r.kind == "python"}
    assert set(registered_functions()) <= used | {n for n in registered_functions() if n.startswith("test-")}


def test_stage_prefixes_are_unique():
    prefixes = [s.prefix for s in STAGE_BY_NAME.values()]
    assert len(prefixes) == len(set(prefixes))
