"""Settings from [tool.cleanup] or cleanup.toml; mistakes name the file, line and key."""

from __future__ import annotations

import pytest

from cleanup import ConfigError, Severity, load_config
from cleanup.config import find_config


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_pyproject_table_is_read(tmp_path):
    path = write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n[tool.cleanup]\nselect = ["WSP"]\n'
                 'unsafe-fixes = true\nfail-on = "error"\nper-file-ignores = {"wire/*" = ["WSP005"]}\n')
    config = load_config(path)
    assert config.select == ("WSP",) and config.unsafe_fixes and config.fail_on is Severity.ERROR
    assert config.per_file_ignores == (("wire/*", ("WSP005",)),)
    assert config.root == tmp_path.resolve()


def test_nearest_config_is_found_from_a_subfolder(tmp_path):
    write(tmp_path, "cleanup.toml", 'ignore = ["WSP006"]\n')
    (tmp_path / "a" / "b").mkdir(parents=True)
    assert find_config(tmp_path / "a" / "b") == tmp_path / "cleanup.toml"
    assert load_config(start=tmp_path / "a" / "b").ignore == ("WSP006",)


def test_pyproject_without_our_table_is_skipped(tmp_path):
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n')
    assert find_config(tmp_path) is None or find_config(tmp_path).parent != tmp_path


@pytest.mark.parametrize("text,message", [
    ('[tool.cleanup]\nselct = ["WSP"]\n', r"pyproject.toml:2: unknown key 'selct'"),
    ('[tool.cleanup]\nunsafe-fixes = "yes"\n', r"pyproject.toml:2: 'unsafe-fixes' must be true or false"),
    ('[tool.cleanup]\nfail-on = "fatal"\n', r"'fail-on' must be info, warning or error"),
    ('[tool.cleanup]\nmax-passes = 0\n', r"'max-passes' must be a whole number"),
    ('[tool.cleanup\n', r"pyproject.toml: invalid TOML"),
])
def test_broken_config_is_one_clear_error(tmp_path, text, message):
    path = write(tmp_path, "pyproject.toml", text)
    with pytest.raises(ConfigError, match=message) as caught:
        load_config(path)
    assert "\n" not in str(caught.value)
