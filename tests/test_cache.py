"""The on-disk cache of derived tables: built once, read back equal, never an error."""

from __future__ import annotations

from cleanup.cache import cached


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
