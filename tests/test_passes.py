"""Counts and readings kept across passes over one document equal those of a fresh pass."""

from __future__ import annotations

import random
import re
from collections import Counter

from hypothesis import given, settings, strategies as st

from cleanup.config import CleanupConfig
from cleanup.passes import Passes, runs_of_lines
from cleanup.stages import segmentation
from conftest import ntrex_articles
from test_casing_passes import _edited

DIRS = CleanupConfig().rule_dirs


def _count(text: str) -> tuple[Counter, Counter]:
    return Counter(text.split()), Counter(line[:3] for line in text.split("\n") if line)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab\n .Kk", max_size=9000))
def test_the_runs_of_lines_put_back_together_are_the_text(text):
    assert "\n".join(runs_of_lines(text)) == text


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 40), st.text(alphabet="ab \nK", max_size=30)),
                min_size=1, max_size=5),
       st.integers(0, 2**32))
def test_a_tally_updated_after_edits_equals_counting_afresh(edits, seed):
    rng = random.Random(seed)
    text = "\n".join(" ".join(rng.choice(["a", "b", "Kyiv", "ab"]) for _ in range(rng.randrange(1, 60)))
                     for _ in range(400))
    passes = Passes()
    assert passes.tally("t", text, _count) == _count(text)
    for at, length, inserted in edits:
        at %= len(text) + 1
        text = text[:at] + inserted + text[at + length :]
        assert passes.tally("t", text, _count) == _count(text)


def test_romanization_variants_after_edits_with_the_earlier_pass_kept_equal_a_fresh_analysis():
    from cleanup.stages import names

    rng = random.Random(4)
    variants = ("Deputy minister Andriy Shevtsov flew to Berlin. Schewzow said the tanks would come.",
                "General Puryasev spoke first. Pouriasev said the front held, and Mykhailo Fedorov agreed with Mikhaïlo.",
                "Tokarew said the talks failed.")
    for _ in range(3):
        text = "\n\n".join(rng.sample(ntrex_articles(), 8) + list(variants))
        memo: dict = {}
        assert names.romanization_fixes(text, DIRS, memo) == names.romanization_fixes(text, DIRS)
        assert names.romanization_fixes(text, DIRS)
        for _ in range(12):
            renamed = rng.choice([("Schewzow", "Shevtsov"), ("Pouriasev", "Puriasev"), ("Puriasev", "Pouriasev")])
            text = _edited(text, rng) if rng.random() < 0.6 else text.replace(*renamed, 1)
            assert names.romanization_fixes(text, DIRS, memo) == names.romanization_fixes(text, DIRS, {})


def test_merged_words_after_edits_with_the_earlier_pass_kept_equal_a_fresh_analysis():
    rng = random.Random(5)
    articles = ntrex_articles()
    for _ in range(4):
        text = "\n\n".join(rng.sample(articles, 12))
        for glued in rng.sample(range(len(text)), 40):  # spaces lost, so that there are merges
            if text[glued] == " ":
                text = text[:glued] + "_" + text[glued + 1 :]
        text = text.replace("_", "")
        memo: dict = {}
        assert segmentation.analyse(text, DIRS, memo) == segmentation.analyse(text, DIRS)
        assert segmentation.analyse(text, DIRS)  # there is something to find
        for _ in range(12):
            if rng.random() < 0.5:
                text = _edited(text, rng)
            else:  # two words glued: a new merge, which the splits kept from the counts lack
                space = rng.choice([m.start() for m in re.finditer(r"(?<=[a-z]{3}) (?=(?:the|and|of)\b)", text)])
                text = text[:space] + text[space + 1 :]
            assert segmentation.analyse(text, DIRS, memo) == segmentation.analyse(text, DIRS, {})


def test_a_split_the_text_now_writes_apart_becomes_safe_though_no_count_changed():
    """The splits are kept while the counts stay, but the article's own evidence that the
    parts are two words ("new generation") is read from the text of each pass."""
    text = ntrex_articles()[0] + "\n\nThe newgeneration of leaders met. A new - generation of voters came.\n"
    memo: dict = {}
    (first,) = segmentation.analyse(text, DIRS, memo)
    edited = text.replace("new - generation", "new generation")
    (second,) = segmentation.analyse(edited, DIRS, memo)
    assert not first[2].safe and second[2].safe
    kept = memo["segmentation"].kept  # the splits kept are those of the counts of this pass
    assert all(a is b for a, b in zip(kept["splits"][0], kept["words"][1] + kept["tokens"][1], strict=True))


def test_counts_that_a_fix_leaves_as_they_were_are_the_same_object():
    text = "\n".join(f"line {i} , with words" for i in range(300))
    passes = Passes()
    first = passes.tally("t", text, _count)
    text = text.replace("line 7 , with", "line 7 ,  with")  # the same words on every line
    assert passes.tally("t", text, _count) is first
    text = text.replace("line 7 ,  with", "line 7, with")
    changed = passes.tally("t", text, _count)
    assert changed is not first and changed == _count(text)


def test_a_pass_after_a_one_character_fix_recounts_only_the_line_that_changed():
    text = "\n\n".join(ntrex_articles()[:40])
    passes, counted = Passes(), []

    def count(part):
        counted.append(part)
        return _count(part)

    passes.tally("t", text, count)
    at = text.index(", ")
    passes.tally("t", text[:at] + text[at + 1 :], count)
    assert counted[1:] == [text.split("\n")[text[:at].count("\n")], text[:at].rsplit("\n", 1)[-1] + text[at + 1 :].split("\n", 1)[0]]


def test_furniture_after_edits_with_the_earlier_pass_kept_equals_a_fresh_analysis():
    """Pages full of site furniture, edited line by line: the decisions and their spans are
    those of an analysis without the kept descriptions of the lines."""
    import json
    from pathlib import Path

    from cleanup.stages import boilerplate

    path = Path(__file__).parent / "data" / "scrapinghub" / "pages.jsonl"
    pages = [json.loads(line)["full_text"] for line in path.read_text(encoding="utf-8").splitlines()[:12]]
    rng = random.Random(9)

    def decided(analysis):
        return [(d.kind, analysis.span(d), d.metadata) for d in analysis.decisions]

    found = 0
    for page in pages:
        for mode in ("article", "page"):
            text, memo = page, {}
            boilerplate.analyse(text, mode, DIRS, memo)
            for _ in range(6):
                lines = text.split("\n")
                i = rng.randrange(len(lines))
                lines[i] = rng.choice([lines[i].upper(), lines[i] + ".", "", "Read more", lines[i][: len(lines[i]) // 2]])
                text = "\n".join(lines)
                kept = decided(boilerplate.analyse(text, mode, DIRS, memo))
                assert kept == decided(boilerplate.analyse(text, mode, DIRS, {}))
                found += bool(kept)
    assert found > 20
