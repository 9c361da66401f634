"""ENC005's letter pairs are Unicode's confusables, and disguising any English word with them is undone.

The pairs live in ``rules/lexicon/encoding.toml``; a wrong pair would rewrite a letter into one
that does not look the same, so each is checked against Unicode's confusables data (through the
``confusable_homoglyphs`` package): the Latin letter is a homoglyph of the Cyrillic one, or both
have the same prototype (``І`` and ``I`` both look like ``l``).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from cleanup import clean
from cleanup.config import CleanupConfig
from cleanup.stages.encoding import _look_alikes

confusables = pytest.importorskip("confusable_homoglyphs.confusables")

_ONLY = CleanupConfig(select=("ENC005",))


def _homoglyphs(char: str, *aliases: str) -> set[str]:
    found = confusables.is_confusable(char, preferred_aliases=list(aliases), greedy=True) or []
    return {h["c"] for entry in found for h in entry["homoglyphs"]}


@pytest.mark.parametrize("cyrillic,latin", sorted(_look_alikes(()).items()))
def test_every_pair_is_a_unicode_confusable(cyrillic, latin):
    assert cyrillic.isalpha() and latin.isascii() and latin.isalpha()
    assert cyrillic.isupper() == latin.isupper()
    twins = _homoglyphs(cyrillic, "latin")
    assert latin in twins or twins & _homoglyphs(latin)  # (the same prototype)


_WORDS = ["of", "in", "to", "is", "Kyiv", "economy", "President", "Odesa", "HIMARS", "especially"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.integers(0, 2**16)), min_size=3, max_size=12))
def test_a_disguised_word_comes_back(words):
    """Each word with some of its letters swapped for their Cyrillic twins, keeping one Latin
    letter: the rule restores the sentence exactly."""
    twin = {latin: cyrillic for cyrillic, latin in _look_alikes(()).items()}
    plain, disguised = [], []
    for word, mask in words:
        letters = [twin[c] if mask >> i & 1 and c in twin else c for i, c in enumerate(word)]
        if all(not c.isascii() for c in letters):
            letters[0] = word[0]  # a word of look-alikes only is a Cyrillic word
        plain.append(word)
        disguised.append("".join(letters))
    text = "Officials said " + " ".join(disguised) + " on Monday.\n"
    assert clean(text, _ONLY).text == "Officials said " + " ".join(plain) + " on Monday.\n"


def test_cyrillic_words_stay():
    text = "The sign read «Київ — Одеса», and a stray Latin letter in Москвa stays Cyrillic's.\n"
    assert clean(text, _ONLY).text == text
