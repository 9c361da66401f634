"""The rule-file loader is strict, and every error names the file and line."""

from __future__ import annotations

import pytest

from cleanup import RuleFileError
from cleanup.rulefiles import load_ruleset
from helpers import pattern_rule, rule_dir

GOOD = pattern_rule("WSP901", "test-good", "x", "y")


def load(tmp_path, body, stage="whitespace"):
    return load_ruleset((rule_dir(tmp_path, body, stage),))


def test_a_valid_extra_rule_loads(tmp_path):
    codes = {r.code for r in load(tmp_path, GOOD).rules}
    assert {"WSP901", "WSP001", "ENC001"} <= codes


@pytest.mark.parametrize("body,line,message", [
    (GOOD.replace('severity = "warning"', 'severity = "warning"\npatern = "x"'), 11, "unknown key 'patern'"),
    (pattern_rule("WSP901", "test-bad", "(unclosed", "y"), 12, "invalid regular expression"),
    (pattern_rule("WSP901", "test-empty", "x*", "y"), 12, "matches the empty string"),
    (pattern_rule("WSP001", "test-dup", "x", "y"), 4, "duplicate rule code 'WSP001'"),
    (pattern_rule("WSP901", "trailing-whitespace", "x", "y"), 4, "duplicate rule name"),
    (pattern_rule("ENC901", "test-prefix", "x", "y"), 5, "must start with the stage prefix WSP"),
    (pattern_rule("WSP901", "Test_Name", "x", "y"), 6, "must be kebab-case"),
    (GOOD.replace('kind = "pattern"', 'kind = "magic"'), 7, "unknown kind 'magic'"),
    (GOOD.replace('fix = "safe"', 'fix = "maybe"'), 11, "fix must be one of"),
    (GOOD.replace('severity = "warning"', 'severity = "fatal"'), 10, "severity must be"),
    (GOOD.replace('message = "test rule {found}"\n', ""), 4, "missing required key 'message'"),
    (pattern_rule("WSP901", "test-group", "x", "\\\\2"), 13, "unknown group '2'"),
    (GOOD.replace('kind = "pattern"', 'kind = "python"').replace("pattern = 'x'\nreplacement = 'y'\n", ""),
     7, "no Python check registered"),
    (GOOD + "[[rule.example]]\nbefor = 'x'\n", 14, "an example takes only"),
    (GOOD + "this is not toml\n", 14, "invalid TOML"),
    (GOOD.replace('fix = "safe"', 'fix = "safe"\nmeasured = { clean-word-changes = -1 }'), 12, "must be a count"),
    (GOOD.replace('fix = "safe"', 'fix = "safe"\nmeasured = { mt-agreement = 2.0 }'), 12, "share between 0 and 1"),
    (GOOD.replace('fix = "safe"', 'fix = "safe"\nmeasured = { precision = 1 }'), 12, "unknown measured figure"),
    (GOOD.replace('fix = "safe"', 'fix = "safe"\nmeasured = { clean-word-changes = 0 }'), 12, "lack 'mt-word-changes'"),
])
def test_broken_rule_files_name_file_and_line(tmp_path, body, line, message):
    with pytest.raises(RuleFileError, match=message) as caught:
        load(tmp_path, body)
    assert caught.value.path.endswith("extra.toml")
    assert caught.value.line == line
    assert "\n" not in str(caught.value)


def test_unknown_stage_is_an_error(tmp_path):
    with pytest.raises(RuleFileError, match="stage must be one of"):
        load(tmp_path, GOOD, stage="grammar")


def test_missing_rule_dir_is_an_error(tmp_path):
    with pytest.raises(RuleFileError, match="rule directory not found"):
        load_ruleset((tmp_path / "nowhere",))
