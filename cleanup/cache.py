"""A small on-disk cache for data derived from installed packages (word lists, profiles).

Building some tables takes most of a second (reading six wordfreq lists to find the common
English words); a one-file-per-article run pays that on every call. The result is stored
once in compact form (``marshal``) under ``$CLEANUP_CACHE_DIR``, else
``$XDG_CACHE_HOME/cleanup``, else ``~/.cache/cleanup``, keyed by a name that includes the
versions it depends on. An unreadable or unwritable cache is never an error: the value is
built in memory instead. ``CLEANUP_CACHE_DIR=""`` turns the cache off. Tables no run has read
for ``STALE_DAYS`` are removed when a new one is written.
"""

from __future__ import annotations

import marshal
import mmap
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def cache_dir() -> Path | None:
    configured = os.environ.get("CLEANUP_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "cleanup"


def package_stamp(name: str) -> str | None:
    """A key part that changes when package ``name`` is reinstalled or upgraded (the size and
    time of its module file), None when it is not installed. ``importlib.metadata.version``
    would do, but importing it costs 16 ms of every one-article run.
    """
    import importlib.util

    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    try:
        stat = os.stat(spec.origin)
    except OSError:
        return None
    return f"{stat.st_size}-{stat.st_mtime_ns}"


def cached(key: str, build: Callable[[], Any]) -> Any:
    """The value stored under ``key``, or ``build()`` (stored for next time).

    The value must be marshal-able (str, numbers, tuples, lists, dicts, sets, frozensets).
    """
    value = load(key)
    if value is None:
        value = build()
        store(key, value)
    return value


def _path(key: str, kind: str = "marshal") -> Path | None:
    folder = cache_dir()
    python = f"py{sys.version_info[0]}{sys.version_info[1]}"  # marshal's format is per version
    return folder / f"{key}-{python}.{kind}" if folder else None


def load(key: str) -> Any:
    """The value stored under ``key``, or None."""
    path = _path(key)
    if path is None:
        return None
    try:
        value = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    _used(path)
    return value


def store(key: str, value: Any) -> None:
    """Keep ``value`` under ``key`` (quietly nothing where the cache cannot be written)."""
    path = _path(key)
    if path is not None:
        try:
            _write(path, marshal.dumps(value))
        except ValueError:  # not marshal-able
            pass


def _write(path: Path, data: bytes) -> None:
    import tempfile  # (on first use: importing it costs 8 ms of a one-article run)

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, prefix=_TEMPORARY, suffix=".tmp") as handle:
            handle.write(data)
        os.replace(handle.name, path)  # atomic: a concurrent reader sees all or nothing
    except OSError:
        return
    _prune(path.parent)


STALE_DAYS = 30  # a cached table nobody read for this long is removed when another is written
_TEMPORARY = "cleanup-"  # the start of a table's name while it is written
_OURS = rf"(?:.+-py\d+\.(?:marshal|table)|{re.escape(_TEMPORARY)}.+\.tmp)"  # the only names pruning touches


def _used(path: Path) -> None:
    """Mark a cached table as read now (its modification time), so pruning keeps it."""
    try:
        os.utime(path)
    except OSError:
        pass  # a read-only cache still serves


def _prune(folder: Path) -> None:
    """Remove the tables no run has read for ``STALE_DAYS`` (a reinstalled or upgraded package
    leaves its old tables behind: some 30 MB each time) and temporary files of interrupted
    writes; no other file of the folder. Runs only after a write, which is rare; errors are
    ignored (another process may prune the same folder)."""
    import time

    limit = time.time() - STALE_DAYS * 86_400
    for entry in folder.iterdir():
        try:
            if re.fullmatch(_OURS, entry.name) and entry.stat().st_mtime < limit:
                entry.unlink()
        except OSError:
            pass


def parsed_toml(raw: str) -> dict[str, Any]:
    """``tomllib.loads(raw)``, remembered by the text's digest: the rule and lexicon files are
    parsed at every start (30 ms), their stored form loads in 2 ms, and tomllib itself is
    imported only to parse a new text (14 ms). Raises what tomllib raises (a ValueError).
    """
    import hashlib

    def parse() -> dict[str, Any]:
        import tomllib

        return tomllib.loads(raw)

    digest = hashlib.blake2b(raw.encode("utf-8"), digest_size=16).hexdigest()
    return cached(f"toml-{digest}", parse)


SHARD = 4  # letters of the prefix a word table is split by (wordfreq: 58,671 parts, at most 816 words)
GROUP = 2  # letters of the prefix its parts are indexed by


class WordTable:
    """A table of words (word -> value) kept on disk in parts by their first ``SHARD``
    letters, each part read and decoded on first use: one article asks about a few hundred
    words, and decoding a whole 300k-word table would cost more than the rest of its run.

    The file is mapped, not read (a one-article run read 8 MB of tables and decoded 6 MB of
    them: 30 ms). It holds the parts, then for each ``GROUP``-letter prefix an index of its
    parts (where each starts, its length), then the index of those indexes, then where that
    index starts (8 bytes): opening the table decodes a few hundred entries.
    """

    def __init__(self, data: bytes | mmap.mmap = b""):
        self._data = data
        self._groups: dict[str, tuple[int, int]] = _index(data) if data else {}
        self._parts: dict[str, dict[str, tuple[int, int]]] = {}
        self._decoded: dict[str, dict] = {}

    def __bool__(self) -> bool:
        return bool(self._groups)

    def get(self, word: str, default: Any = None) -> Any:
        prefix = word[:SHARD]
        part = self._decoded.get(prefix)
        if part is None:
            part = self._decoded[prefix] = self._part(prefix)
        return part.get(word, default)

    def _part(self, prefix: str) -> dict:
        group = self._parts.get(prefix[:GROUP])
        if group is None:
            group = self._parts[prefix[:GROUP]] = self._read(self._groups.get(prefix[:GROUP]))
        return self._read(group.get(prefix))

    def _read(self, where: tuple[int, int] | None) -> dict:
        if where is None:
            return {}
        start, length = where
        return marshal.loads(self._data[start : start + length])


def _index(data: bytes | mmap.mmap) -> dict[str, tuple[int, int]]:
    """The index of a table's groups; ValueError where ``data`` is not a whole table."""
    if len(data) < 8:
        raise ValueError("too short for a table")
    start = int.from_bytes(data[-8:], "little")
    if not 0 <= start < len(data) - 8:
        raise ValueError("not a table")
    index = marshal.loads(data[start:-8])
    if not isinstance(index, dict):
        raise ValueError("not a table")
    return index


def pack_table(table: dict[str, Any]) -> bytes:
    """The stored form of a table of words (see ``WordTable``)."""
    groups: dict[str, dict[str, dict[str, Any]]] = {}
    for word, value in table.items():
        groups.setdefault(word[:GROUP], {}).setdefault(word[:SHARD], {})[word] = value
    out = bytearray()
    index: dict[str, tuple[int, int]] = {}
    for group, parts in groups.items():
        where = {}
        for prefix, part in parts.items():
            where[prefix] = _append(out, marshal.dumps(part))
        index[group] = _append(out, marshal.dumps(where))
    start, _ = _append(out, marshal.dumps(index))
    return bytes(out + start.to_bytes(8, "little"))


def _append(out: bytearray, blob: bytes) -> tuple[int, int]:
    out += blob
    return len(out) - len(blob), len(blob)


def word_table(key: str, build: Callable[[], dict[str, Any]]) -> WordTable:
    """``build()``, a dict of words to marshal-able values, stored under ``key`` in parts."""
    path = _path(f"{key}-parts{SHARD}{GROUP}", "table")
    if path is not None:
        try:
            with open(path, "rb") as handle:
                table = WordTable(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))
        except (OSError, ValueError, EOFError, TypeError):
            pass
        else:
            _used(path)
            return table
    data = pack_table(build())
    if path is not None:
        _write(path, data)
    return WordTable(data)
