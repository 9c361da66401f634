"""Two spellings of one name (QLT005): the cheap test before difflib never skips a real pair."""

from __future__ import annotations

import difflib

from hypothesis import given, settings, strategies as st

from cleanup.stages.quality import _shared_letters

_SPELLING = st.text(alphabet="aeinorsKkœé", min_size=1, max_size=12)


@settings(max_examples=500, deadline=None)
@given(_SPELLING, _SPELLING)
def test_the_shared_letters_bound_the_similarity_of_two_spellings(first, second):
    """The pair is skipped only when difflib would skip it: the bound is never below the ratio."""
    bound = 2.0 * _shared_letters(first, second) / (len(first) + len(second))
    assert bound >= difflib.SequenceMatcher(None, first, second).ratio()


def test_the_shared_letters_count_repeats_once_each():
    assert _shared_letters("Kyyiv", "Kyiv") == 4
    assert _shared_letters("Navalny", "Navalnyi") == 7
