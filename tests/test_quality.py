"""Quality gates on real data: measured figures may not fall below their pinned floors."""

from __future__ import annotations

import pytest

from quality import floors, language, sentences, words  # tests/ is on sys.path
from quality.furniture import evaluate

FLOORS = floors.load()


@pytest.mark.parametrize("mode", ["page", "article"])
def test_navigation_removal_on_real_pages(mode):
    score = evaluate(mode)
    assert score.body_kept_share >= FLOORS[f"furniture.{mode}.body_kept"] - floors.EPSILON
    assert score.furniture_removed_share >= FLOORS[f"furniture.{mode}.furniture_removed"] - floors.EPSILON


@pytest.fixture(scope="module")
def word_figures():
    return words.measure()


@pytest.mark.parametrize("key", [k for k in FLOORS if k.startswith("words.")])
def test_word_level_repairs_on_real_data(word_figures, key):
    assert not floors.worse(key, word_figures[key], FLOORS[key]), f"{key}: {word_figures[key]} vs pinned {FLOORS[key]}"


@pytest.fixture(scope="module")
def sentence_figures():
    return sentences.measure()


@pytest.mark.parametrize("key", [k for k in FLOORS if k.startswith("sentences.")])
def test_sentence_level_repairs_on_real_data(sentence_figures, key):
    value = sentence_figures[key]
    assert not floors.worse(key, value, FLOORS[key]), f"{key}: {value} vs pinned {FLOORS[key]}"


def test_sentence_rules_do_no_harm_on_machine_translation(sentence_figures):
    assert sentence_figures["sentences.mlqe_mt.default.agreed_share"] >= 0.9


@pytest.fixture(scope="module")
def language_figures():
    return language.measure()


@pytest.mark.parametrize("key", [k for k in FLOORS if k.startswith("language.")])
def test_untranslated_detection_on_real_data(language_figures, key):
    value = language_figures[key]
    assert not floors.worse(key, value, FLOORS[key]), f"{key}: {value} vs pinned {FLOORS[key]}"


def test_untranslated_goals(language_figures):
    assert language_figures["language.ntrex_inserted.recall"] >= 0.98
    assert language_figures["language.ntrex_inserted.false_alarms"] == 0


def test_no_word_level_edits_on_edited_news(word_figures):
    assert word_figures["words.ntrex.edits_per_10k"] == 0


def test_floors_never_drop_without_permission(tmp_path, monkeypatch):
    path = tmp_path / "floors.json"
    path.write_text('{"m": 0.9}\n', encoding="utf-8")
    monkeypatch.setattr(floors, "FLOORS", path)
    assert floors.update(lambda: {"m": 0.8}, allow_regression=False) == 1
    assert floors.load() == {"m": 0.9}
    assert floors.update(lambda: {"m": 0.95}, allow_regression=False) == 0
    assert floors.load() == {"m": 0.95}
    path.write_text('{"x_per_10k": 1.0}\n', encoding="utf-8")
    assert floors.update(lambda: {"x_per_10k": 2.0}, allow_regression=False) == 1
    assert floors.update(lambda: {"x_per_10k": 0.5}, allow_regression=False) == 0
