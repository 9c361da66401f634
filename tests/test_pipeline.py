"""The fix loop: overlapping fixes wait, passes repeat, non-convergence is an error."""

from __future__ import annotations

import pytest

from cleanup import Applicability, CleanupConfig, ConfigError, FixDidNotConverge, clean, replay, revert
from helpers import pattern_rule, rule_dir


def config_with(tmp_path, body, *codes, **extra):
    return CleanupConfig(select=codes, rule_dirs=(rule_dir(tmp_path, body),), **extra)


def test_overlapping_fix_waits_for_the_next_pass(tmp_path):
    body = pattern_rule("WSP901", "test-ab", "ab", "X") + pattern_rule("WSP902", "test-bc", "bc", "Y")
    result = clean("abc", config_with(tmp_path, body, "WSP901", "WSP902"))
    assert result.text == "Xc"
    assert [c.code for c in result.changes] == ["WSP901"]


def test_fixes_chain_across_passes_and_log_each_pass(tmp_path):
    body = pattern_rule("WSP901", "test-a", "a", "b") + pattern_rule("WSP902", "test-b", "b", "c")
    result = clean("a", config_with(tmp_path, body, "WSP901", "WSP902"))
    assert result.text == "c"
    assert [(c.code, c.iteration) for c in result.changes] == [("WSP901", 1), ("WSP902", 2)]
    assert replay("a", result.changes) == "c" and revert("c", result.changes) == "a"


def test_rules_that_undo_each_other_do_not_converge(tmp_path):
    body = pattern_rule("WSP901", "test-a", "a", "b") + pattern_rule("WSP902", "test-b", "b", "a")
    with pytest.raises(FixDidNotConverge, match="WSP901, WSP902"):
        clean("a", config_with(tmp_path, body, "WSP901", "WSP902"))


def test_a_fix_that_writes_what_is_there_is_no_change(tmp_path):
    body = pattern_rule("WSP901", "test-same", "Kyiv", "Kyiv")
    result = clean("Kyiv", config_with(tmp_path, body, "WSP901"))
    assert result.text == "Kyiv" and not result.changes  # (it counted as a change at every pass)


def test_unsafe_fixes_apply_only_on_request(tmp_path):
    body = pattern_rule("WSP901", "test-kiev", "Kiev", "Kyiv", fix="unsafe")
    config = config_with(tmp_path, body, "WSP901")
    held = clean("Kiev", config)
    assert held.text == "Kiev" and not held.changes
    assert held.findings[0].fix.applicability is Applicability.UNSAFE
    applied = clean("Kiev", config.replace(unsafe_fixes=True))
    assert applied.text == "Kyiv" and applied.changes[0].applicability is Applicability.UNSAFE


def test_display_only_fixes_are_never_applied(tmp_path):
    body = pattern_rule("WSP901", "test-kiev", "Kiev", "Kyiv", fix="display-only")
    result = clean("Kiev", config_with(tmp_path, body, "WSP901", unsafe_fixes=True))
    assert result.text == "Kiev" and result.findings[0].fix.edits[0].replacement == "Kyiv"


def test_findings_are_reported_in_original_coordinates():
    text = "\n\n\nAbc\u00a0\n\ufffd here\n"
    result = clean(text)
    (finding,) = result.findings
    assert finding.code == "ENC004"
    assert text[finding.start : finding.end] == "\ufffd"


def test_changes_after_earlier_edits_map_to_original_offsets():
    text = "a  b   c \n\n\n\nd"
    result = clean(text)
    for change in result.changes:
        if change.iteration == 1:
            assert text[change.start : change.end] == change.before


def test_selection_by_prefix_and_ignore():
    text = "a  b \n"
    only_ws = clean(text, CleanupConfig(select=("WSP",), ignore=("WSP006",)))
    assert only_ws.text == "a  b\n"
    specific_wins = clean(text, CleanupConfig(select=("WSP006",), ignore=("WSP",)))
    assert specific_wins.text == "a b \n"
    assert clean(text, CleanupConfig(select=("ENC",))).text == text


@pytest.mark.parametrize("config,message", [
    (CleanupConfig(select=("XYZ",)), "unknown rule code or prefix 'XYZ'"),
    (CleanupConfig(ignore=("WSP999",)), "unknown rule code or prefix 'WSP999'"),
    (CleanupConfig(profile="nope"), "unknown house-style profile 'nope'"),
])
def test_bad_settings_are_config_errors(config, message):
    with pytest.raises(ConfigError, match=message):
        clean("text", config)


def test_empty_text_stays_empty():
    result = clean("")
    assert result.text == "" and not result.changes and not result.findings
