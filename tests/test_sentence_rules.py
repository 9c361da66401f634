"""The resources behind the sentence rules: the thesaurus, and how the rules fall back without it."""

from __future__ import annotations

import pytest

from cleanup import CleanupConfig, clean, thesaurus
from cleanup.model import Applicability

LEAK = "She replied: “It’s just the reality we are all faced with. confronted”.\n"


@pytest.mark.parametrize("word,lemma", [("faced", "face"), ("stopped", "stop"), ("carried", "carry"),
                                        ("applicants", "applicant"), ("calmly", "calm")])
def test_lemmas_include_the_base_form(word, lemma):
    assert lemma in thesaurus.lemmas(word)


@pytest.mark.parametrize("a,b", [("faced", "confronted"), ("suspended", "interrupted"), ("calmly", "quietly")])
def test_near_synonyms(a, b):
    assert thesaurus.near_synonyms(a, b) is True
    assert thesaurus.near_synonyms(b, a) is True


@pytest.mark.parametrize("a,b", [("aid", "kronor"), ("queues", "appointment"), ("goals", "ballots")])
def test_unrelated_words_are_not_near_synonyms(a, b):
    assert thesaurus.near_synonyms(a, b) is False


def test_entries_read_by_byte_offset_equal_the_decoded_file():
    """The one-article path seeks to a line; the whole decoded text is the reference."""
    text, index = thesaurus._thesaurus()
    assert set(thesaurus._byte_index()) == set(index)
    for word in sorted(index)[::97]:
        end = text.find("\n", index[word])
        assert thesaurus._entries.__wrapped__(word) == frozenset(text[index[word] : end].split(",")), word


def test_stray_fragment_is_only_a_suggestion_without_the_thesaurus(monkeypatch):
    monkeypatch.setattr(thesaurus, "_byte_index", lambda: None)
    assert thesaurus.near_synonyms("faced", "confronted") is None
    result = clean(LEAK, CleanupConfig(select=("SNT002",)))
    assert result.text == LEAK
    assert [f.fix.applicability for f in result.findings] == [Applicability.UNSAFE]
