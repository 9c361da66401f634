"""The trigger gate skips rules on text that cannot hold their findings, and changes nothing.

Gated and ungated pipelines must agree byte for byte: on every rule example and
counterexample, on the samples and on a sample of the corpora the floors use (the full check
is ``python -m tests.quality.identity --gate``).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from cleanup import CleanupConfig
from cleanup.document import Doc
from cleanup.pipeline import Pipeline
from cleanup.registry import Triggers
from cleanup.rulefiles import load_ruleset
from conftest import SAMPLES, ntrex_articles, sample_names
from quality.identity import mlqe, pages

CONFIGS = (CleanupConfig(), CleanupConfig(unsafe_fixes=True), CleanupConfig(mode="page"))
CONFIG = CleanupConfig(unsafe_fixes=True)
GATED = [r for r in Pipeline(CONFIG).rules if r.triggers is not None]


def _same(text: str, config: CleanupConfig) -> None:
    gated, ungated = Pipeline(config, gated=True).run(text), Pipeline(config, gated=False).run(text)
    assert (gated.text, gated.changes, gated.findings, gated.metadata) == (
        ungated.text, ungated.changes, ungated.findings, ungated.metadata)


def _examples():
    for rule in load_ruleset().rules:
        for n, example in enumerate(rule.examples + rule.counterexamples):
            yield pytest.param(example.before, example.mode, id=f"{rule.code}-{n}")


@pytest.mark.parametrize("text,mode", _examples())
def test_gate_changes_nothing_on_rule_examples(text, mode):
    for config in (CleanupConfig(mode=mode), CleanupConfig(mode=mode, unsafe_fixes=True)):
        _same(text, config)


def test_gate_changes_nothing_on_samples_and_corpus_samples():
    texts = [(SAMPLES / f"{n}.txt").read_text(encoding="utf-8") for n in sample_names()]
    texts += ntrex_articles()[::10] + mlqe("mt")()[::250] + mlqe("pe_detok")()[::250]
    for text in texts:
        for config in CONFIGS[:2]:
            _same(text, config)
    for page in pages()[::30]:
        _same(page, CONFIGS[2])


def test_some_rules_are_gated_and_a_gated_rule_is_skipped_on_clean_text():
    gated = {r.code: r.triggers for r in load_ruleset().rules if r.triggers}
    assert {"ENC001", "ENC002", "WSP004", "PAR001"} <= set(gated)
    assert not gated["ENC002"].present("Plain text, no entities.\n")
    assert gated["ENC002"].present("Tom &amp; Jerry\n")


def test_triggers_in_a_rule_file_are_checked(tmp_path):
    from cleanup.errors import RuleFileError

    rules = tmp_path / "rules"
    rules.mkdir()
    body = ('[meta]\nstage = "whitespace"\n[[rule]]\ncode = "WSP900"\nname = "x-tab"\nkind = "pattern"\n'
            'summary = "s"\nmessage = "m"\nseverity = "info"\nfix = "none"\npattern = "\\t"\n')
    (rules / "ok.toml").write_text(body + 'triggers = { literals = ["\\t"] }\n', encoding="utf-8")
    rule = next(r for r in load_ruleset((rules,)).rules if r.code == "WSP900")
    assert rule.triggers == Triggers(("\t",))
    (rules / "ok.toml").write_text(body + 'triggers = { literals = ["\\t\\n"], endings = ["\\t"] }\n', encoding="utf-8")
    rule = next(r for r in load_ruleset.__wrapped__((rules,)).rules if r.code == "WSP900")
    assert rule.triggers.present("a\t") and rule.triggers.present("a\t\nb") and not rule.triggers.present("a\tb\n")
    (rules / "ok.toml").write_text(body + "triggers = { endings = [1] }\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match="triggers"):
        load_ruleset.__wrapped__((rules,))
    (rules / "ok.toml").write_text(body + "triggers = { words = [1] }\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match="triggers"):
        load_ruleset.__wrapped__((rules,))


_PIECES = ["the", "He", "who", "that", "She", "Kyiv", "U.S", "word", "ab", "Ünal", "é", "1", "31", "²", "Ⅻ", "_",
           " ", "  ", "\t", "\u00a0", "\u202f", "\n", "\n\n", ".", ",", ";", ":", "!", "?", "...", "…", "'s", "’s",
           "”", "“", "‘", "’", '"', ")", "(", "«", "»", "-", "–", "&amp;", "\u200b", "\r\n"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=40))
def test_a_gated_rule_finds_nothing_where_its_triggers_are_absent(pieces):
    """Each rule's triggers are what its own logic cannot find anything without: on text
    built from the characters their patterns turn on, a rule that finds something there
    always has its triggers present."""
    text = "".join(pieces)
    doc = Doc(text, CONFIG, {}, {})
    for rule in GATED:
        if not rule.triggers.present(text):
            assert list(rule.check(doc, rule)) == [], rule.code
