"""Compiling patterns: with the stdlib engine where it reads a pattern alike, and once per
installation rather than once per process.

Compiling the stages' patterns and the phrase lists took over a third of a one-article run
(``cleanup check FILE``: 125 ms). Both engines compile in two steps: Python code parses the
pattern and writes the engine's program (numbers and tables; nearly all of the time), then a
C function makes the pattern from the program (microseconds): ``_sre.compile`` for the
stdlib, ``_regex.compile`` for ``regex`` (the function its patterns are pickled with, which
is how ``regex`` itself stores a compiled pattern). The programs are kept in the cache
(``cleanup.cache``) under the exact interpreter build and ``regex`` version, and a later run
hands them straight to the C function, which checks a program before it takes it. Where
anything is not what this expects, patterns compile the ordinary way. The cache is written
once, when the process ends, if it learned a pattern.

The store maps a digest of each pattern to its program packed in bytes with a checksum,
unpacked when the pattern is asked for: a store of a thousand patterns, long phrase lists
among them, then loads in a millisecond, not ten. The checksum catches a damaged file; the
cache folder itself is trusted, as Python trusts its own bytecode cache.
"""

from __future__ import annotations

import array
import atexit
import hashlib
import marshal
import re
import sys
import warnings
from typing import Any

import regex

from . import cache

try:
    import _sre
    from re import _compiler, _parser

    from regex import _regex
except ImportError:  # another interpreter: compile the ordinary way
    _sre = _regex = None

FORMAT = 2  # of the stored programs: a new format is a new store
_KEY = "patterns-" + hashlib.blake2b(f"{FORMAT}|{sys.version}|{getattr(_sre, 'MAGIC', '')}|{regex.__version__}".encode(),
                                     digest_size=8).hexdigest()
MAX_PROGRAMS = 5000  # patterns the store keeps (a check with the built-in rules uses about 150)
_STDLIB, _REGEX = b"s", b"x"  # the first byte of a stored program: its engine
_CODE = "I"  # the stdlib engine's numbers are 32-bit unsigned

_programs: dict[bytes, bytes] | None = None
_learned: dict[bytes, bytes] = {}  # what this process compiled: missing from the store, or not taken from it
_used: set[bytes] = set()  # what it took from the store


def compile_fast(pattern: str, flags: int = 0, **lists: Any) -> "re.Pattern | regex.Pattern":
    """The stdlib engine where it reads the pattern alike (it compiles and scans faster),
    ``regex`` for what only ``regex`` knows (``\\p{Lu}``, named lists ``\\L<name>`` given as
    keywords, and the like): ``re.compile`` or ``regex.compile`` with the same flags (those the
    two engines share).

    Raises ``regex.error`` for a pattern neither accepts.
    """
    # As a plain int: the stdlib compiler tests its flags thousands of times per pattern, and
    # ``regex``'s flags are an enum the stdlib does not turn into ints.
    flags = int(flags)
    key = _digest(pattern, flags, lists)
    known = _store().get(key)
    if known:
        compiled = _restore(pattern, known)
        if compiled is not None:
            _used.add(key)
            return compiled
    if not lists:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # a FutureWarning means the engines may differ
                compiled, program = _stdlib(pattern, flags)
        except (re.error, Warning):
            pass
        else:
            _learn(key, program)
            return compiled
    compiled = regex.compile(pattern, flags, **lists)
    _learn(key, _regex_program(compiled))
    return compiled


def _stdlib(pattern: str, flags: int) -> tuple[re.Pattern, bytes | None]:
    """The pattern compiled by the stdlib engine, and its program packed (None where the
    engine's internals are not the ones of ``re._compiler.compile`` in Python 3.11 to 3.13)."""
    if _sre is None:
        return re.compile(pattern, flags), None
    try:
        tree = _parser.parse(pattern, flags)
        code = _compiler._code(tree, flags)
        groups = tree.state.groupdict
        names = [None] * tree.state.groups
        for name, index in groups.items():
            names[index] = name
        program = (flags | tree.state.flags, code, tree.state.groups - 1, dict(groups), tuple(names))
        compiled = _sre.compile(pattern, *program)
    except (re.error, Warning):
        raise
    except Exception:  # noqa: BLE001 - the internals changed: the public way still works
        return re.compile(pattern, flags), None
    flags, code, groups, groupindex, indexgroup = program
    return compiled, _packed(_STDLIB, (flags, array.array(_CODE, code).tobytes(), groups, groupindex, indexgroup))


def _regex_program(compiled: regex.Pattern) -> bytes | None:
    """What ``regex`` pickles a pattern as (the arguments of ``_regex.compile``), packed."""
    try:
        return _packed(_REGEX, compiled._pickled_data)
    except (AttributeError, ValueError):
        return None


def _packed(engine: bytes, program: tuple) -> bytes:
    """The engine's mark, a checksum (a damaged program may still be one the engine takes),
    then the program."""
    data = marshal.dumps(program)
    return engine + hashlib.blake2b(data, digest_size=8).digest() + data


def _restore(pattern: str, packed: bytes) -> "re.Pattern | regex.Pattern | None":
    """The pattern made from its stored program; None where the program is not taken."""
    engine, checksum, data = packed[:1], packed[1:9], packed[9:]
    if hashlib.blake2b(data, digest_size=8).digest() != checksum:
        return None
    try:
        if engine == _STDLIB:
            flags, code, groups, groupindex, indexgroup = marshal.loads(data)
            numbers = array.array(_CODE)
            numbers.frombytes(code)
            return _sre.compile(pattern, flags, numbers.tolist(), groups, groupindex, indexgroup)
        if engine == _REGEX:
            arguments = marshal.loads(data)
            return _regex.compile(*arguments) if arguments[0] == pattern else None
    except Exception:  # noqa: BLE001 - a program this interpreter does not take: compile it
        return None
    return None


def _digest(pattern: str, flags: int, lists: dict[str, Any]) -> bytes:
    key = hashlib.blake2b(f"{flags}:{pattern}".encode("utf-8", "surrogatepass"), digest_size=16)
    for name in sorted(lists):
        key.update(f"\0{name}\0{sorted(lists[name])!r}".encode("utf-8", "surrogatepass"))
    return key.digest()


def _store() -> dict[bytes, bytes]:
    global _programs
    if _programs is None:
        stored = cache.load(_KEY)
        _programs = stored if isinstance(stored, dict) else {}
    return _programs


def _learn(key: bytes, program: bytes | None) -> None:
    if program is None or len(_learned) >= MAX_PROGRAMS:
        return
    _store()[key] = program
    if not _learned:
        atexit.register(_save)
    _learned[key] = program


def _save() -> None:
    """Write the store: as read now (other processes may have added to it), with what this
    process learned in place of what it could not use. A store that would grow past
    ``MAX_PROGRAMS`` (rule folders come and go) keeps only what this process used."""
    if not _learned:
        return
    merged = cache.load(_KEY)
    merged = merged if isinstance(merged, dict) else {}
    if len(merged.keys() | _learned.keys()) > MAX_PROGRAMS:
        merged = {key: merged[key] for key in _used if key in merged}
    merged.update(_learned)
    cache.store(_KEY, merged)
