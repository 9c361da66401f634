"""Checked-in docs are generated from the rule records and may not go stale."""

from __future__ import annotations

from cleanup import CleanupConfig
from cleanup.rulefiles import load_ruleset
from cleanup.rulesdoc import rules_table
from conftest import ROOT


def test_rules_reference_is_current():
    expected = rules_table(load_ruleset().rules, CleanupConfig(), "md") + "\n"
    actual = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert actual == expected, "regenerate with: cleanup rules --isolated --format md > docs/rules.md"


def test_readme_commands_match_ci():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = ci.strip().splitlines()[-1].strip()  # the command after the set-up lines
    assert test_command in readme
