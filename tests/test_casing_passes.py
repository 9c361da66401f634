"""The casing analysis kept across passes gives what a fresh analysis gives, and re-reads little.

Casing gathers its evidence in runs of lines and keeps each run's reading in ``Doc.memo`` for
the next pass over the same document. These tests edit real articles the way fixes do (a
character here, a word there, a line break) and check that the analysis of the edited text
with the memo of the earlier pass equals the analysis without one.
"""

from __future__ import annotations

import random
import re

from hypothesis import given, settings, strategies as st

from cleanup.config import CleanupConfig
from cleanup.passes import Passes, runs_of_lines
from cleanup.stages import casing
from cleanup.vocabulary import function_words
from conftest import ntrex_articles

DIRS = CleanupConfig().rule_dirs


def _edited(text: str, rng: random.Random) -> str:
    """``text`` with one edit of the kinds fixes make: a character dropped, a space, comma or
    line break added, a word capitalised or lower-cased (which changes the article's evidence:
    the names it writes with a capital)."""
    at = rng.randrange(len(text))
    kind = rng.randrange(4)
    if kind == 0:
        return text[:at] + text[at + 1 :]
    if kind == 1:
        return text[:at] + rng.choice([" ", ",", "\n", "\n\n"]) + text[at:]
    words = [m for m in re.finditer(r"(?<= )[A-Za-z]{3,}(?= )", text) if m.group()[0].islower() == (kind == 2)]
    word = rng.choice(words)
    start, end = word.span()
    return text[:start] + (word.group().capitalize() if kind == 2 else word.group().lower()) + text[end:]


def _long_article(rng: random.Random, count: int = 6) -> str:
    """Several NTREX articles in one, with some names lower-cased, so that there is evidence."""
    articles = ntrex_articles()
    text = "\n\n".join(rng.sample(articles, count))
    for name in ("Trump", "Kyiv", "Europe", "London", "Monday"):
        text = text.replace(f" {name} ", f" {name.lower()} ", 1)
    return text


def test_an_analysis_after_an_edit_with_the_earlier_pass_kept_equals_a_fresh_one():
    rng = random.Random(7)
    for _ in range(4):
        text = _long_article(rng)
        memo: dict = {}
        assert casing.analyse(text, DIRS, memo) == casing.analyse(text, DIRS)
        for _ in range(12):
            text = _edited(text, rng)
            assert casing.analyse(text, DIRS, memo) == casing.analyse(text, DIRS, {})


def test_lower_casing_a_name_changes_the_evidence_read_from_the_runs_that_did_not_change():
    """A name lower-cased in one run (``Pelosi`` -> ``pelosi``) makes its capitals elsewhere
    evidence: the kept readings of the other runs must be read again."""
    text = _long_article(random.Random(11), 10)
    memo: dict = {}
    casing.analyse(text, DIRS, memo)
    kept = memo["casing"].kept
    names = list(re.finditer(r"(?<=[a-z] )[A-Z][a-z]{3,}(?= [a-z])", text))[:80]
    assert len(names) == 80
    for name in names:
        edited = text[: name.start()] + name.group().lower() + text[name.end() :]
        passes = Passes()
        passes.kept = dict(kept)
        assert casing.analyse(edited, DIRS, {"casing": passes}) == casing.analyse(edited, DIRS, {})


def test_a_pass_after_a_one_character_fix_rereads_only_the_run_that_changed(monkeypatch):
    text = _long_article(random.Random(3), 40)
    memo: dict = {}
    casing.analyse(text, DIRS, memo)
    reads = []
    monkeypatch.setattr(casing, "_line_words", lambda part, read=casing._line_words: reads.append(part) or read(part))
    at = text.index(" , ") if " , " in text else text.index(", ")
    casing.analyse(text[:at] + text[at + 1 :], DIRS, memo)
    assert len(runs_of_lines(text)) > 10
    assert len(reads) <= 2  # the run that changed (and the next, when the fix was on a cut)


def test_a_text_repeating_its_lines_is_read_in_full_in_the_first_pass(monkeypatch):
    """Reuse comes from earlier passes only, never from a repeated line of the same pass."""
    text = "\n\n".join([ntrex_articles()[0]] * 5)
    reads = []
    monkeypatch.setattr(casing, "_line_words", lambda part, read=casing._line_words: reads.append(part) or read(part))
    casing.analyse(text, DIRS, {})
    assert "\n".join(reads) == text


_TRICKY = st.text(alphabet="aßSſIıªǅǆKkyivЖж", min_size=1, max_size=6)


@settings(max_examples=400, deadline=None)
@given(st.sets(_TRICKY, max_size=30), st.sets(_TRICKY, max_size=5))
def test_the_lower_cased_words_are_those_the_definition_names(vocabulary, listed):
    """Every word in lower case, of three letters or more, no function word, listed or also
    written with a capital: also for letters whose capital does not lower-case back."""
    common = function_words(DIRS)
    expected = {w for w in vocabulary if len(w) >= 3 and w.islower() and w not in common
                and (w in listed or w[0].upper() + w[1:] in vocabulary)}
    assert casing.lower_cased(vocabulary, frozenset(listed), common) == expected
