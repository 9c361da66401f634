"""Patterns written for speed match exactly what their plain form matches.

A pattern that opens with a lookbehind makes the engine test it at every character; opened
with the character class it needs, the engine skips to candidates. The rewritten forms must
find the same spans on any text.
"""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from cleanup.config import CleanupConfig
from cleanup.rulefiles import load_ruleset
from cleanup.stages import segmentation

_SPACES = "\t \u00A0\u1680\u2000-\u200A\u202F\u205F\u3000"
_TEXT = st.text(alphabet="aZKk \t\u00a0\u2003\n3_.é-,;", max_size=80)
_PLAIN_CAPITALISED = re.compile(r"(?<![^\W\d_])[A-Z][a-z]{2,}(?![^\W\d_])")


@settings(max_examples=500, deadline=None)
@given(_TEXT)
def test_trailing_whitespace_matches_its_plain_form(text):
    (rule,) = [r for r in load_ruleset(CleanupConfig().rule_dirs).rules if r.code == "WSP005"]
    plain = re.compile(f"(?<![{_SPACES}])[{_SPACES}]+$", re.MULTILINE)
    fast = rule.params["pattern"]  # compiled by the rule file's loader, with its flags
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(_TEXT)
def test_capitalised_words_match_their_plain_form(text):
    found = [m.span() for pattern in (segmentation._CAPITALISED_AFTER_WORD, segmentation._CAPITALISED_ELSEWHERE)
             for m in pattern.finditer(text)]
    assert sorted(found) == [m.span() for m in _PLAIN_CAPITALISED.finditer(text)]


_MOJIBAKE = st.text(alphabet="a \n\x85\x9f\xc2\xc3\xa0\xbf\xe9\xef\xf4\xf5\u0420\u0421\u0452\u2019\u201c\u20ac", max_size=40)


@settings(max_examples=500, deadline=None)
@given(_MOJIBAKE)
def test_the_mojibake_shape_matches_its_plain_form(text):
    from cleanup.stages import encoding

    plain = re.compile(f"[\x80-\x9f]|[\xc2-\xf4][\x80-\xbf{encoding._CP1252_SPECIALS}]|[{encoding._A0_LEADS}] "
                       f"|[\u0420\u0421][\xa0-\xbf{encoding._CP1251_SPECIALS}]")
    assert [m.span() for m in encoding.SUSPECT.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_a_trigger_declared_non_ascii_never_matches_ascii_text(text):
    """Such a trigger skips ASCII texts without searching them: it must be right to."""
    from cleanup.registry import registered_triggers

    every_ascii = "".join(map(chr, range(128)))
    for name, trigger in registered_triggers().items():
        if trigger.non_ascii:
            assert all(p.search(text + every_ascii) is None for p in trigger.patterns), name


def _rule(code: str):
    (rule,) = [r for r in load_ruleset(CleanupConfig().rule_dirs).rules if r.code == code]
    return rule


_RUNS = st.text(alphabet="a \n\ufffd\u200b\u2060\ufeff\u00ad", max_size=60)


@settings(max_examples=500, deadline=None)
@given(_RUNS)
def test_runs_written_as_a_literal_then_a_repeat_match_their_plain_form(text):
    """'x+' makes the engine test every character; 'xx*' lets it search for the literal."""
    for code, plain in (("ENC004", "\ufffd+"), ("WSP007", "\n{3,}")):
        fast = _rule(code).params["pattern"]
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in re.finditer(plain, text)], code


@settings(max_examples=500, deadline=None)
@given(_RUNS)
def test_the_zero_width_trigger_is_present_wherever_the_pattern_matches(text):
    rule = _rule("WSP003")
    assert rule.triggers.present(text) == bool(rule.params["pattern"].search(text))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab .\t\n", max_size=60))
def test_paragraph_ends_match_their_plain_form(text):
    """The last lines of paragraphs (missing-final-stop), found after the line break that starts
    them, are those the plain form with a lookbehind finds."""
    from cleanup.stages import punctuation

    plain = re.compile(r"(?<=\n)[^\n]++(?=\n[^\S\n]*+(?:\n|\Z)|\Z)")
    found = [m.span(1) for m in punctuation._PARAGRAPH_END.finditer(text)]
    assert found == [m.span() for m in plain.finditer(text)]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["a", "B", "é", "1", " ", "\t", "\u00a0", "\u202f", ".", ",", ";", ":", "!", "?",
                                 "...", "”", "’", '"', ")", "]", "»", "«", "(", "D", "p", "-", "\n", ":)", ";-)"]),
                max_size=40).map("".join))
def test_spaces_before_marks_are_found_from_the_marks_as_the_plain_scan_finds_them(text):
    from cleanup.stages import punctuation

    plain = [m.span() for m in punctuation._SPACE_BEFORE.finditer(text)]
    assert [m.span() for m in punctuation.spaces_before_marks(text)] == plain


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "B", "K", "é", "Ж", "1", "½", " ", "\t", ".", ",", ";", "!", "?", "”", "’",
                                 "'", '"', "“", ")", "s", "A", "I", "Th", "e", "\n", "_"]),
                max_size=40).map("".join))
def test_glued_marks_are_tried_where_the_gate_matches_as_the_plain_scan_finds_them(text):
    from cleanup.stages import punctuation

    plain = [(m.span(), m.group()) for m in punctuation._GLUED.finditer(text)]
    assert [(m.span(), m.group()) for m in punctuation.glued_marks(text)] == plain


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["her", "Her", "hers", "herself", "she", "She", "s", "h", "e", "r", "elf", "x", "é",
                                 "1", "_", " ", "-", "’", "\u0301"]), max_size=20).map("".join))
def test_female_pronouns_written_from_their_first_letter_match_their_plain_form(text):
    from cleanup.stages import quality

    plain = re.compile(r"\b(?:[Hh]er|[Ss]he|[Hh]ers|[Hh]erself)\b")
    assert [m.span() for m in quality._OBJECT_PRONOUN.finditer(text)] == [m.span() for m in plain.finditer(text)]


_PROSE = st.text(alphabet="aZKk ,;.:\n3“\"-Mr", max_size=80)


@settings(max_examples=500, deadline=None)
@given(_PROSE)
def test_capitals_mid_sentence_are_counted_as_the_plain_test_counts_them(text):
    from collections import Counter

    from cleanup.stages.casing import mid_sentence

    plain = Counter(m.group() for m in _PLAIN_CAPITALISED.finditer(text) if mid_sentence(text, m.start()))
    assert segmentation._count_words(text)[1] == plain
