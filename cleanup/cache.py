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
import os
import re
import sys
import tempfile
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


def _path(key: str) -> Path | None:
    folder = cache_dir()
    python = f"py{sys.version_info[0]}{sys.version_info[1]}"  # marshal's format is per version
    return folder / f"{key}-{python}.marshal" if folder else None


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
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, prefix=_TEMPORARY, suffix=".tmp") as handle:
            handle.write(marshal.dumps(value))
        os.replace(handle.name, path)  # atomic: a concurrent reader sees all or nothing
    except (OSError, ValueError):
        return
    _prune(path.parent)


STALE_DAYS = 30  # a cached table nobody read for this long is removed when another is written
_TEMPORARY = "cleanup-"  # the start of a table's name while it is written
_OURS = re.compile(rf"(?:.+-py\d+\.marshal|{re.escape(_TEMPORARY)}.+\.tmp)")  # the only names pruning touches


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
            if _OURS.fullmatch(entry.name) and entry.stat().st_mtime < limit:
                entry.unlink()
        except OSError:
            pass


def parsed_toml(raw: str) -> dict[str, Any]:
    """``tomllib.loads(raw)``, remembered by the text's digest: the rule and lexicon files are
    parsed at every start (30 ms), their stored form loads in 2 ms. Raises what tomllib raises.
    """
    import hashlib
    import tomllib

    digest = hashlib.blake2b(raw.encode("utf-8"), digest_size=16).hexdigest()
    return cached(f"toml-{digest}", lambda: tomllib.loads(raw))


SHARD = 3  # letters of the prefix a word table is split by (two made parts of up to 7,000 words)


class WordTable:
    """A table of words (word -> value) kept in parts by their first ``SHARD`` letters, each
    part decoded on first use: one article asks about a few hundred words, and decoding a
    whole 100k-word table would cost more than the rest of its run. The parts are grouped by
    first letter, so that opening the table decodes a few dozen groups, not 17,000 parts."""

    def __init__(self, groups: dict[str, bytes]):
        self._groups = groups
        self._parts: dict[str, dict[str, bytes]] = {}
        self._decoded: dict[str, dict] = {}

    def __bool__(self) -> bool:
        return bool(self._groups)

    def get(self, word: str, default: Any = None) -> Any:
        prefix = word[:SHARD]
        part = self._decoded.get(prefix)
        if part is None:
            group = self._parts.get(prefix[:1])
            if group is None:
                blob = self._groups.get(prefix[:1])
                group = self._parts[prefix[:1]] = marshal.loads(blob) if blob else {}
            blob = group.get(prefix)
            part = self._decoded[prefix] = marshal.loads(blob) if blob else {}
        return part.get(word, default)


def word_table(key: str, build: Callable[[], dict[str, Any]]) -> WordTable:
    """``build()``, a dict of words to marshal-able values, stored under ``key`` in parts."""

    def groups() -> dict[str, bytes]:
        parts: dict[str, dict[str, dict[str, Any]]] = {}
        for word, value in build().items():
            parts.setdefault(word[:1], {}).setdefault(word[:SHARD], {})[word] = value
        return {letter: marshal.dumps({prefix: marshal.dumps(part) for prefix, part in group.items()})
                for letter, group in parts.items()}

    return WordTable(cached(f"{key}-groups{SHARD}", groups))
