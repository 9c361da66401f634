"""Sound keys grown directly are the keys of the walked readings, cap included.

``romanize.keys`` no longer walks every Cyrillic reading of a spelling: it grows the keys and
only counts the readings, walking them where a prefix has more than ``MAX_READINGS`` (the cap
then decides which readings count). It must give what the plain definition gives, on any
spelling.
"""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from cleanup import romanize
from cleanup.romanize import MAX_READINGS, conventions, cyrillic, key, keys

# Letters every convention writes, the ambiguous ones often (y, i, e: the readings multiply),
# with w, j, accents and an apostrophe that only some conventions read.
_SPELLING = st.text(alphabet="yieaoukhstczjwgvnrlmpbdf'áñę", min_size=1, max_size=24)


def _plain(spelling: str, code: str) -> frozenset[str]:
    return frozenset(key(reading) for reading in cyrillic(spelling, code))


@settings(max_examples=400, deadline=None)
@given(_SPELLING)
def test_grown_keys_are_the_keys_of_the_readings(spelling):
    for code in conventions():
        assert frozenset(romanize._keys(spelling, code)) == _plain(spelling, code)
    assert keys(spelling) == frozenset().union(*(_plain(spelling, code) for code in conventions()))


def test_the_cap_is_met_and_walked(monkeypatch):
    # "Digitization" and "Eilish" have more readings than the cap, and some of their keys come
    # only from readings past it: the cap decides, so the readings must be walked.
    for spelling in ("Digitization", "Eilish"):
        capped = _plain(spelling, "en")
        assert len(romanize._readings(spelling, "en")) == MAX_READINGS
        assert frozenset(romanize._keys(spelling, "en")) == capped
        monkeypatch.setattr(romanize, "MAX_READINGS", 10**6)
        assert frozenset(romanize._readings(spelling, "en").values()) > capped
        monkeypatch.undo()


def _plain_groups(spelling: str, code: str) -> list[list[tuple[int, tuple[str, ...]]]]:
    """The letter groups at each position by their definition: every slice the convention reads,
    longest first."""
    convention = conventions()[code]
    text = romanize._normalise(spelling, convention.inventory)
    return [[(i + n, convention.backward[text[i : i + n]]) for n in range(min(convention.longest, len(text) - i), 0, -1)
             if text[i : i + n] in convention.backward] for i in range(len(text))]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="yieaoukhstczjwgvnrlmpbdf'áñęÁé\u0301ß", min_size=0, max_size=24))
def test_groups_found_by_the_automaton_are_the_slices_the_convention_reads(spelling):
    for code in conventions():
        assert romanize._groups(spelling, code) == _plain_groups(spelling, code)


def test_ascii_and_accented_spellings_normalise_alike_where_only_stress_differs():
    inventory = conventions()["en"].inventory
    assert romanize._normalise("Zelensky", inventory) == "zelensky"
    assert romanize._normalise("Zelénsky", inventory) == "zelensky"  # a stress mark English does not write
    assert romanize._normalise("Zusätzlich", inventory) == "zusätzlich"  # other marks stay
