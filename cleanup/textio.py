"""Reading inputs and writing outputs without ever losing a byte.

Inputs are decoded strictly as UTF-8 (a BOM is kept as a character, so a rule removes it and
the log restores it); anything else is a one-line ``InputError``. Outputs are written to a
temporary file beside the target and renamed over it, so a crash never leaves half a file.
"""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .config import CleanupConfig
from .errors import InputError

_BINARY_SNIFF = 8000  # like git: a NUL byte this early means a binary file
_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)
SKIPPED_DIRS = {".git", ".hg", ".svn", "__pycache__", ".venv", "venv", "node_modules", ".tox"}


@dataclass(frozen=True)
class Source:
    """One input: a file (with the path to mirror under ``-o DIR``) or standard input."""

    display: str
    path: Path | None = None  # None: standard input
    relative: Path | None = None

    @property
    def is_stdin(self) -> bool:
        return self.path is None


def decode(data: bytes, name: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            raise InputError(name, f"{encoding} text (byte-order mark found); convert it to UTF-8 first")
    nul = data.find(b"\x00", 0, _BINARY_SNIFF)
    if nul != -1:
        raise InputError(name, f"binary file (NUL byte at offset {nul}), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            name, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); convert it to UTF-8 first"
        ) from None


def read_source(source: Source) -> str:
    if source.path is None:
        return decode(sys.stdin.buffer.read(), "<stdin>")
    return decode(read_bytes(source.path, source.display), source.display)


def read_bytes(path: Path, display: str | None = None) -> bytes:
    name = display or str(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(name, "no such file or directory") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as exc:
        raise InputError(name, exc.strerror or str(exc)) from None


def write_atomic(path: Path, text: str, mode_from: Path | None = None) -> None:
    """Write UTF-8 text to ``path`` through a temporary file and a rename."""
    import tempfile  # (here: a check never writes, and the import costs 8 ms)

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        if mode_from is not None:
            os.chmod(tmp, os.stat(mode_from).st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _excluded(path: Path, config: CleanupConfig) -> bool:
    root = config.root or Path.cwd()
    try:
        rel = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        rel = path.as_posix()
    for pattern in config.exclude:
        pattern = pattern.rstrip("/")
        if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(rel, pattern + "/*"):
            return True
        if "/" not in pattern and any(fnmatch.fnmatch(part, pattern) for part in Path(rel).parts):
            return True
    return False


def iter_sources(paths: list[str], config: CleanupConfig) -> Iterator[Source | InputError]:
    """Expand the command-line paths: ``-`` is stdin, folders are walked for included files.

    Files named explicitly are always taken; files found by walking must match ``include``
    and not ``exclude``. Order is sorted, so runs are reproducible.
    """
    for arg in paths:
        if arg == "-":
            yield Source("<stdin>")
            continue
        path = Path(arg)
        if path.is_dir():
            for found in _walk(path, config):
                if isinstance(found, InputError):
                    yield found
                else:
                    yield Source(str(found), found, found.relative_to(path))
        elif path.exists() or path.is_symlink():
            yield Source(arg, path, Path(path.name))
        else:
            yield InputError(arg, "no such file or directory")


def _walk(folder: Path, config: CleanupConfig) -> Iterator[Path | InputError]:
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        yield InputError(str(folder), f"cannot list folder: {exc.strerror or exc}")
        return
    for entry in entries:
        if _excluded(entry, config):
            continue
        if entry.is_dir():
            if entry.name not in SKIPPED_DIRS and not entry.name.startswith("."):
                yield from _walk(entry, config)
        elif any(fnmatch.fnmatch(entry.name, glob) for glob in config.include):
            yield entry
