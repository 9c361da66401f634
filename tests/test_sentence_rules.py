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


def _decoded_thesaurus() -> tuple[str, dict[str, int]]:
    """The whole decoded text and each headword's offset in it: the reference."""
    text = thesaurus._words_file().read_text(encoding="utf-8", errors="replace")
    index: dict[str, int] = {}
    offset = 0
    for line in text.split("\n"):
        comma = line.find(",")
        if comma > 0:
            index.setdefault(line[:comma], offset + comma + 1)
        offset += len(line) + 1
    return text, index


def test_entries_read_by_byte_offset_equal_the_decoded_file():
    """The one-article path seeks to a line; the whole decoded text is the reference."""
    text, index = _decoded_thesaurus()
    offsets = thesaurus._byte_index()
    assert all(offsets.get(word) is not None for word in index) and offsets.get("no such headword") is None
    for word in sorted(index)[::97]:
        end = text.find("\n", index[word])
        assert thesaurus._entries.__wrapped__(word) == frozenset(text[index[word] : end].split(",")), word


def test_stray_fragment_is_only_a_suggestion_without_the_thesaurus(monkeypatch):
    monkeypatch.setattr(thesaurus, "_byte_index", lambda: None)
    assert thesaurus.near_synonyms("faced", "confronted") is None
    result = clean(LEAK, CleanupConfig(select=("SNT002",)))
    assert result.text == LEAK
    assert [f.fix.applicability for f in result.findings] == [Applicability.UNSAFE]


def test_the_attribution_prefilter_passes_wherever_the_full_pattern_matches():
    """The prefilter may pass too much, never too little: on generated attributions after a
    quote (pronouns, names, roles, every speech verb in any case, dashes, commas, stops,
    letters that fold to ASCII ones) and on the samples; and it does reject. The pattern that
    calls one speech-verb group matches exactly as the one that writes the list at each use."""
    import random
    import re

    from conftest import SAMPLES, sample_names
    from cleanup.lexicon import load_lexicon
    from cleanup.stages.sentences import _Marks, _attribution, _may_attribute, _verb_starts

    assert _verb_starts(()) is not None
    full = _attribution(())
    rng = random.Random(7)
    subjects = ["he", "She", "they", "Zelensky", "Olena Zelenska", "the minister", "the head of state", "Mr. Smith"]
    verbs = [*load_lexicon("sentences")["speech-verbs"], "has said", "had pointed out"]
    verbs += [verb.upper() for verb in verbs[:5]] + [verb.title() for verb in verbs[:5]] + ["ſaid", "ſtated"]
    rests = ["", " on Monday", " to reporters", " that", " in Kyiv’s centre", " - again"]

    def clause() -> str:
        subject, verb = rng.choice(subjects), rng.choice(verbs)
        adverb = rng.choice(["", " also", " once again"])
        core = f"{subject}{adverb} {verb}" if rng.random() < 0.7 else f"{verb} {subject}"
        return core + rng.choice(rests)

    def noise(text: str) -> str:  # a character changed, added or dropped somewhere
        i = rng.randrange(len(text))
        return text[:i] + rng.choice(["", ",", ".", " ", "\n", "”", "-", "x"]) + text[i + rng.randint(0, 1):]

    texts = []
    for _ in range(20_000):
        text = (rng.choice(["”", "\"", "»"]) + rng.choice(["", ",", " ,", " -", ", —"]) + " " + clause()
                + rng.choice([".", ", -", ",—", "."]) + rng.choice([" ", " - ", "\n"]) + clause() + "." + rng.choice(["", " Next.", "\n"]))
        texts.append(noise(text) if rng.random() < 0.5 else text)
    texts += [(SAMPLES / f"{n}.txt").read_text(encoding="utf-8") for n in sample_names()]
    written_out = _attribution((), called=False)  # the verb list at each use: the same matches

    def spans(match):  # of the whole match and every group both patterns have
        return match and (match.span(), {name: match.span(name) for name in written_out.groupindex})

    matched = rejected = 0
    for text in texts:
        marks = _Marks(text)  # (how far the prefilter reads)
        for quote in re.finditer("[”\"»]", text):
            m = full.match(text, quote.end())
            assert spans(m) == spans(written_out.match(text, quote.end())), text
            if m:
                matched += 1
                assert _may_attribute(text, quote.end(), (), marks), text
            rejected += not _may_attribute(text, quote.end(), (), marks)
    assert matched > 2_000  # the generator does make attributions
    assert rejected > 1_000  # and the prefilter spares the full pattern where it cannot


def test_ordinary_words_are_the_lower_case_one_word_entries_of_the_thesaurus():
    text, _ = _decoded_thesaurus()
    fields = {w for line in text.split("\n") for w in line.split(",") if w}
    table = thesaurus.ordinary_words()
    expected = {w for w in fields if w.islower() and " " not in w}
    assert all(table.get(w, False) for w in expected)
    assert not any(table.get(w, False) for w in fields - expected)
