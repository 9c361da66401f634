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
