"""Prefilters written for speed give what their plain definitions give.

The untranslated-text prefilter tokenises a paragraph once, sentence by sentence, instead of
once for the paragraph and again for each sentence; the merged-words stage drops the tokens it
already knows never split with a set difference. Each is checked here against the definition
it replaced, on random text built from the characters its cuts depend on.
"""

from __future__ import annotations

import json

from hypothesis import given, settings, strategies as st

from cleanup.config import CleanupConfig
from cleanup.stages import language, segmentation
from cleanup.textview import PARAGRAPH
from conftest import DATA

DIRS = CleanupConfig().rule_dirs
PIECES = ["the ", "of ", "and ", "el ", "la ", "qui ", "que ", "avec ", "government ", "Kyiv ", "los ",
          "presidente ", "é", ". ", "! ", "? ", "… ", "”", "»", ")", "\n", "\n\n", "1", "_", "-", "x"]


def _plain_candidates(text: str) -> list[tuple[int, int, str]]:
    """The prefilter as first written: each paragraph, then each of its sentences, tokenised alone;
    a paragraph whose lines (of enough words) are some English and some not gives those that are not."""
    out = []
    for paragraph in PARAGRAPH.finditer(text):
        whole = paragraph.group()
        words = language._WORD.findall(whole)
        if len(words) >= language.MIN_WORDS and not language.looks_english(words, DIRS):
            lines, offset = [], 0
            for line in whole.split("\n"):
                line_words = language._WORD.findall(line)
                if len(line_words) >= language.MIN_WORDS:
                    lines.append((offset, line, language.looks_english(line_words, DIRS)))
                offset += len(line) + 1
            if any(english for *_, english in lines) and not all(english for *_, english in lines):
                out += [(paragraph.start() + at, paragraph.start() + at + len(line.rstrip()), "line")
                        for at, line, english in lines if not english]
            else:
                out.append((paragraph.start(), paragraph.end(), "paragraph"))
            continue
        for offset, sentence in language.sentences(whole):
            words = language._WORD.findall(sentence)
            if sentence != whole and len(words) >= language.MIN_WORDS and not language.looks_english(words, DIRS):
                start = paragraph.start() + offset
                out.append((start, start + len(sentence.rstrip()), "sentence"))
    return out


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=120))
def test_untranslated_prefilter_is_its_plain_definition(pieces):
    text = "".join(pieces)
    assert list(language._candidates(text, DIRS)) == _plain_candidates(text)


def test_untranslated_prefilter_on_real_translations():
    texts = []
    for path in sorted((DATA / "mlqe-pe").glob("*.jsonl")):  # sources and translations, 6 languages
        with path.open(encoding="utf-8") as handle:
            records = [json.loads(line) for line, _ in zip(handle, range(20))]
        texts += ["\n\n".join(r[key] for r in records) + "\n" for key in ("src", "mt")]
    found = [list(language._candidates(text, DIRS)) for text in texts]
    assert found == [_plain_candidates(text) for text in texts]
    assert any(found)  # the sources are foreign: the test reaches the detector's side


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["within", "ammunitionand", "Mariupolwhile", "KYIV", "Kyiv", "newgeneration",
                                 "zzzqqq", "government", "thetalks", "Sergei"]), max_size=30))
def test_merge_candidates_are_the_tokens_never_split_leaves(tokens):
    from collections import Counter

    counted = Counter(tokens)
    expected = sorted(t for t in counted if not segmentation._never_split(t, DIRS))
    assert segmentation._may_merge(counted, DIRS) == expected
    assert segmentation._may_merge(counted, DIRS) == expected  # the second time from the settled set


def test_the_prefilter_keeps_no_containers_per_sentence():
    """A paragraph of 50,000 sentences: lists of each sentence's words, kept until the paragraph
    was judged, set Python's collector off 143 times, each pass over everything alive, and the
    whole pipeline's cost grew faster than the text (2 MB 2.2 s, 4 MB 6.1 s). Only counts are kept."""
    import gc

    text = "Kyiv said the talks resumed on Monday. " * 50_000 + "\n"
    started: list[int] = []

    def count(phase, info):
        if phase == "start":
            started.append(info["generation"])

    gc.collect()
    gc.callbacks.append(count)
    try:
        assert list(language._candidates(text, DIRS)) == []
    finally:
        gc.callbacks.remove(count)
    assert len(started) <= 5


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["conference", "CONFERENCE", "Conférence", "of", "OF", "press", "Press", "round", "fire",
                                 "communiqué", "COMMUNIQUÉ", "note", "since", "past", " ", ". ", "\n", "ſ", "s",
                                 "conference of press", "Round. of PRESS"]),
                max_size=30))
def test_calques_are_searched_only_where_their_words_are(pieces):
    """A calque's pattern runs only on text that holds each of its plain words (case-folded):
    the findings are those of running every pattern everywhere."""
    import dataclasses

    from cleanup.document import Doc
    from cleanup.registry import registered_functions
    from cleanup.rulefiles import load_ruleset
    from cleanup.stages import sentences

    text = "".join(pieces)
    rule = next(r for r in load_ruleset().rules if r.name == "calque")
    doc = Doc(text, CleanupConfig(), {}, {})
    gated = list(rule.check(doc, rule))
    everything = tuple(dataclasses.replace(c, needs=()) for c in sentences.calques(DIRS))
    original = sentences.calques
    sentences.calques = lambda dirs: everything
    try:
        assert gated == list(registered_functions()["calque"](doc, rule))
    finally:
        sentences.calques = original
