"""The editor's decisions: replaying only the accepted changes is exact and revertible."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.difflog import replay, revert
from cleanup.html.markup import lay_out
from cleanup.review import decide, decided_with, default_accepted, log_records

ALPHABET = "ab \n"


@st.composite
def changed_text(draw):
    """An original text and a sequence of changes, each at a random spot of the text as it then
    stood: later ones often overlap or rewrite what earlier ones inserted."""
    original = draw(st.text(ALPHABET, max_size=12))
    text, changes = original, []
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(text)))
        span = draw(st.integers(0, min(3, len(text) - at)))
        after = draw(st.text(ALPHABET + "XY", max_size=3))
        before = text[at : at + span]
        if before == after:
            continue
        changes.append({"at": at, "before": before, "after": after,
                        "applicability": draw(st.sampled_from(["safe", "unsafe"]))})
        text = text[:at] + after + text[at + span :]
    accepted = draw(st.sets(st.integers(0, max(0, len(changes) - 1)))) if changes else set()
    return original, changes, text, accepted


@settings(max_examples=400, deadline=None)
@given(changed_text())
def test_decisions_replay_and_revert_exactly(case):
    original, changes, full, accepted = case
    decided = decide(original, changes, accepted)
    assert replay(original, decided.applied) == decided.text
    assert revert(decided.text, decided.applied) == original
    # every change is either applied or pending, once
    assert sorted(decided.ids + [i for _, _, i in decided.pending]) == list(range(len(changes)))
    assert set(decided.ids) <= accepted
    assert set(decided.blocked_by) == accepted - set(decided.ids)
    for i, by in decided.blocked_by.items():
        assert by not in accepted or by in decided.blocked_by and by < i
    # the page shows the decided text with every pending change placed in it
    pieces = lay_out(original, decided.applied, decided.pending)
    assert "".join(p.text for p in pieces) == decided.text
    assert sorted(p.suggestion for p in pieces if p.suggestion is not None) == sorted(i for *_, i in decided.pending)


@settings(max_examples=200, deadline=None)
@given(changed_text())
def test_all_accepted_is_the_full_run_and_none_is_the_original(case):
    original, changes, full, _ = case
    assert decide(original, changes, set(range(len(changes)))).text == full
    nothing = decide(original, changes, set())
    assert nothing.text == original and nothing.applied == []


def test_a_change_on_text_a_rejected_change_inserted_is_blocked():
    original = "teh cat"
    changes = [{"at": 0, "before": "teh", "after": "the", "applicability": "unsafe"},
               {"at": 0, "before": "the", "after": "The", "applicability": "safe"},
               {"at": 4, "before": "cat", "after": "dog", "applicability": "safe"}]
    decided = decide(original, changes, default_accepted(changes))
    assert decided.text == "teh dog"
    assert decided.blocked_by == {1: 0}
    assert decided.ids == [2]
    assert decide(original, changes, {0, 1, 2}).text == "The dog"
    # accepting the dependent change accepts the one it builds on; rejecting that blocks it again
    accepted = decided_with(original, changes, {2}, 1, True)
    assert accepted == {0, 1, 2} and decide(original, changes, accepted).text == "The dog"
    accepted = decided_with(original, changes, accepted, 0, False)
    assert decide(original, changes, accepted).text == "teh dog"


@settings(max_examples=200, deadline=None)
@given(changed_text(), st.data())
def test_an_accepted_change_always_takes_effect(case, data):
    original, changes, _, accepted = case
    if not changes:
        return
    index = data.draw(st.integers(0, len(changes) - 1))
    after = decided_with(original, changes, accepted, index, True)
    decided = decide(original, changes, after)
    assert index in decided.ids and not decided.blocked_by


def test_log_of_decisions_is_revertible():
    original = "a  b  c"
    changes = [{"at": 1, "before": "  ", "after": " ", "applicability": "safe"},
               {"at": 3, "before": "  ", "after": " ", "applicability": "safe"}]
    decided = decide(original, changes, {1})
    assert decided.text == "a  b c"
    head, *rest = log_records({"file": "x"}, original, decided)
    assert head["changes"] == 1 and revert(decided.text, rest) == original


def test_random_decisions_on_real_articles_replay_and_revert_exactly():
    import random

    from conftest import SAMPLES, ntrex_articles

    from cleanup import CleanupConfig, clean
    from cleanup.difflog import LineIndex, change_record

    rng = random.Random(15)
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))] + ntrex_articles()[:5]
    tried = 0
    for text in texts:
        result = clean(text, CleanupConfig(unsafe_fixes=True))
        index = LineIndex(text)
        changes = [change_record(c, "a.txt", index) for c in result.changes]
        for _ in range(20):
            accepted = {i for i in range(len(changes)) if rng.random() < 0.5}
            decided = decide(text, changes, accepted)
            assert replay(text, decided.applied) == decided.text
            assert revert(decided.text, decided.applied) == text
            pieces = lay_out(text, decided.applied, decided.pending)
            assert "".join(p.text for p in pieces) == decided.text
            tried += bool(changes)
    assert tried >= 100
