"""The names table and house-style profiles."""

from __future__ import annotations

import pytest

from cleanup import CleanupConfig, RuleFileError, clean
from cleanup.names import load_names


def test_ap_profile_maps_accepted_spellings():
    text = "President Zelenskiy met Sergei Lavrov. Later Zelensky spoke.\n"
    assert clean(text, CleanupConfig(select=("NAM",))).text == text  # unifying is a suggestion
    default = clean(text, CleanupConfig(select=("NAM",), unsafe_fixes=True))
    assert default.text == "President Zelenskiy met Sergei Lavrov. Later Zelenskiy spoke.\n"
    ap = clean(text, CleanupConfig(select=("NAM",), profile="ap"))
    assert ap.text == "President Zelenskyy met Sergey Lavrov. Later Zelenskyy spoke.\n"


def test_wrong_spelling_without_accepted_use_takes_the_house_default():
    assert clean("Talks in Kiev.\n", CleanupConfig(select=("NAM",))).text == "Talks in Kyiv.\n"
    assert clean("Zelenski spoke.\n", CleanupConfig(select=("NAM",), profile="ap")).text == "Zelenskyy spoke.\n"


def test_every_person_has_a_gender_and_unique_spellings():
    table = load_names()
    for person in table.people():
        assert person.gender in ("male", "female"), person.label
    assert len({e.key for e in table.entries}) == len(table.entries)


def test_a_spelling_both_accepted_and_wrong_is_an_error(tmp_path):
    folder = tmp_path / "rules" / "names"
    folder.mkdir(parents=True)
    (folder / "x.toml").write_text('[[place]]\nname = "Odesa"\nwrong = ["Odesa"]\n', encoding="utf-8")
    with pytest.raises(RuleFileError, match="listed as both accepted and wrong"):
        load_names((tmp_path / "rules",))


def test_extra_rule_dirs_extend_the_table(tmp_path):
    folder = tmp_path / "rules" / "names"
    folder.mkdir(parents=True)
    (folder / "house.toml").write_text('[[place]]\nname = "Pokrovsk"\nwrong = ["Krasnoarmeysk"]\n', encoding="utf-8")
    config = CleanupConfig(select=("NAM",), rule_dirs=(tmp_path / "rules",))
    assert clean("Troops left Krasnoarmeysk.\n", config).text == "Troops left Pokrovsk.\n"
