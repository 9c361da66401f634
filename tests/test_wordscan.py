"""Token lookups by position give what a scan of every token would give."""

from __future__ import annotations

import random
import re

from hypothesis import given, settings, strategies as st

from cleanup.stages.casing import _WORD
from cleanup.wordscan import Tokens, automaton, count_each, starts

_LETTERS = "ab-- _1²éЖ.'’\n"


def _reference(text: str) -> dict[int, tuple[int, int]]:
    """Every token by its end offset, from a scan of all of them."""
    return {m.end(): m.span() for m in _WORD.finditer(text)}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_LETTERS, max_size=120))
def test_the_token_before_a_word_is_the_scanned_token_ending_one_space_earlier(text):
    tokens, scanned = Tokens(text, _WORD), _reference(text)
    for start in range(len(text) + 1):
        found = tokens.before(start)
        expected = scanned.get(start - 1) if start >= 2 and text[start - 1] == " " else None
        assert (found.span() if found else None) == expected


def test_the_token_before_survives_long_hyphenated_runs():
    text = "-".join(["ab"] * 200) + " kyiv"
    found = Tokens(text, _WORD).before(len(text) - 4)
    assert found is not None and found.span() == (0, len(text) - 5)


def test_starts_lists_every_beginning_of_the_words_in_order():
    rng = random.Random(1)
    text = "".join(rng.choice("abK yiv") for _ in range(2000))
    words = {"Kyiv", "yiv", "ab"}
    expected = sorted({m.start() for w in words for m in re.finditer(f"(?={re.escape(w)})", text)})
    assert starts(automaton(words), text) == expected
    assert starts(automaton([]), text) == []


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab,.A", max_size=60), st.sets(st.text(alphabet="ab,.A", max_size=4), max_size=9))
def test_count_each_counts_as_str_count_does(text, needles):
    """One automaton pass counts every needle as ``str.count`` would: without overlaps, from the left."""
    assert count_each(text, needles) == {needle: text.count(needle) for needle in needles}
