"""Compiling patterns: with the stdlib engine where it reads a pattern alike, and once per
installation rather than once per process.

Compiling the stages' patterns and the phrase lists took over a third of a one-article run
(``cleanup check FILE``: 125 ms). The stdlib engine compiles in two steps: Python code parses
the pattern and writes the engine's program (a list of numbers; nearly all of the time), then
``_sre.compile`` makes the pattern from the program (microseconds). The programs are kept in
the cache (``cleanup.cache``) under the exact interpreter build and its engine's version, and
a later run hands them straight to ``_sre.compile``, which checks a program before it takes
it. Where the interpreter's internals are not what this expects, patterns compile the
ordinary way. The cache is written once, when the process ends, if it learned a pattern.

The store maps a digest of each pattern to its program packed in bytes (the numbers as an
``array``), unpacked when the pattern is asked for: a store of a thousand patterns, long
phrase lists among them, then loads in a millisecond, not ten.
"""

from __future__ import annotations

import array
import atexit
import hashlib
import marshal
import re
import sys
import warnings

import regex

from . import cache

try:
    import _sre
    from re import _compiler, _parser
except ImportError:  # another interpreter: compile the ordinary way
    _sre = None

_KEY = "patterns-" + hashlib.blake2b(f"{sys.version}|{getattr(_sre, 'MAGIC', '')}".encode(), digest_size=8).hexdigest()
MAX_PROGRAMS = 5000  # patterns the store keeps (the built-in rules compile about 250)
_REGEX = b""  # what the store holds for a pattern only ``regex`` reads
_CODE = "I"  # the engine's numbers are 32-bit unsigned

_programs: dict[bytes, bytes] | None = None
_learned = False


def compile_fast(pattern: str, flags: int = 0) -> "re.Pattern | regex.Pattern":
    """The stdlib engine where it reads the pattern alike (it compiles and scans faster),
    ``regex`` for what only ``regex`` knows (``\\p{Lu}`` and the like): ``re.compile`` or
    ``regex.compile`` with the same flags (those the two engines share).

    Raises ``regex.error`` for a pattern neither accepts.
    """
    # As a plain int: the stdlib compiler tests its flags thousands of times per pattern, and
    # ``regex``'s flags are an enum the stdlib does not turn into ints.
    flags = int(flags)
    key = _digest(pattern, flags)
    known = _store().get(key)
    if known == _REGEX:
        return regex.compile(pattern, flags)
    if known is not None:
        try:
            return _sre.compile(pattern, *_unpack(known))
        except Exception:  # noqa: BLE001 - a program this interpreter does not take: compile it
            pass
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a FutureWarning means the engines may differ
            compiled, program = _stdlib(pattern, flags)
    except (re.error, Warning):
        _learn(key, _REGEX)
        return regex.compile(pattern, flags)
    _learn(key, program)
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
        return _sre.compile(pattern, *program), _pack(program)
    except (re.error, Warning):
        raise
    except Exception:  # noqa: BLE001 - the internals changed: the public way still works
        return re.compile(pattern, flags), None


def _digest(pattern: str, flags: int) -> bytes:
    return hashlib.blake2b(f"{flags}:{pattern}".encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _pack(program: tuple) -> bytes:
    flags, code, groups, groupindex, indexgroup = program
    return marshal.dumps((flags, array.array(_CODE, code).tobytes(), groups, groupindex, indexgroup))


def _unpack(packed: bytes) -> tuple:
    flags, code, groups, groupindex, indexgroup = marshal.loads(packed)
    numbers = array.array(_CODE)
    numbers.frombytes(code)
    return flags, numbers.tolist(), groups, groupindex, indexgroup


def _store() -> dict[bytes, bytes]:
    global _programs
    if _programs is None:
        stored = cache.load(_KEY)
        _programs = stored if isinstance(stored, dict) else {}
    return _programs


def _learn(key: bytes, program: bytes | None) -> None:
    global _learned
    programs = _store()
    if program is None or len(programs) >= MAX_PROGRAMS:
        return
    programs[key] = program
    if not _learned:
        _learned = True
        atexit.register(_save)


def _save() -> None:
    """Write the store, with what other processes wrote since this one read it."""
    if not _programs:
        return
    merged = cache.load(_KEY)
    merged = merged if isinstance(merged, dict) else {}
    for key, program in _programs.items():
        if len(merged) >= MAX_PROGRAMS:
            break
        merged.setdefault(key, program)
    cache.store(_KEY, merged)
