"""Compiled patterns kept between runs: a stored program makes the same pattern as
``re.compile``, and a missing, foreign or broken store only costs time."""

from __future__ import annotations

import functools
import marshal
import re
import subprocess
import sys
import warnings

import pytest
import regex

from cleanup import clean, regexes
from cleanup.config import CleanupConfig
from cleanup.regexes import compile_fast
from cleanup.stages.furniture_lines import Lexicon

TEXT = ("Kyiv, 12 March 2022 | The talks (in Istanbul) resumed at 10:30 a.m.; “We are ready,” "
        "Zelensky said. Ки́ев — Kharkov… www.example.com/news?id=1 e\u0301te\u0301 ½ \x1c\n\nPHOTO: AFP")


@pytest.fixture
def fresh_store(tmp_path, monkeypatch):
    """An empty store in an empty cache folder."""
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(regexes, "_programs", None)
    monkeypatch.setattr(regexes, "_learned", {})
    monkeypatch.setattr(regexes, "_used", set())
    monkeypatch.setattr(regexes.atexit, "register", lambda function: None)  # no exit hook from a test
    return tmp_path


def _same(a, b) -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    assert [m.span() + m.groups() for m in a.finditer(TEXT)] == [m.span() + m.groups() for m in b.finditer(TEXT)]


def _package_patterns() -> list[re.Pattern]:
    """Every stdlib pattern the modules of the package hold, the phrase lists' among them."""
    clean(TEXT, CleanupConfig(mode="page"))  # every module imported, phrase lists compiled
    found = []
    for name, module in list(sys.modules.items()):
        if name.startswith("cleanup."):
            for value in vars(module).values():
                values = value if isinstance(value, tuple) else (value,)
                found.extend(v for v in values if isinstance(v, re.Pattern))
    lexicon = Lexicon(())
    lists = [getattr(lexicon, name) for name, value in vars(Lexicon).items() if isinstance(value, functools.cached_property)]
    found.extend(v for v in lists if isinstance(v, re.Pattern))
    return found


def test_a_stored_program_makes_the_pattern_re_compile_makes(fresh_store):
    patterns = _package_patterns()
    assert len(patterns) > 100
    for pattern in patterns:
        first = compile_fast(pattern.pattern, pattern.flags)  # compiled, and its program stored
        again = compile_fast(pattern.pattern, pattern.flags)  # from the stored program
        _same(again, re.compile(pattern.pattern, pattern.flags))
        _same(first, again)
    regexes._save()
    saved = regexes.cache.load(regexes._KEY)
    assert all(regexes._digest(p.pattern, p.flags, {}) in saved for p in patterns)


def test_a_stored_program_is_used_by_the_next_process(fresh_store):
    code = ("from cleanup.regexes import compile_fast; p = compile_fast(r'(?P<day>\\d{1,2}) (?:March|April)', 2);"
            "print(p.search('on 12 march').group('day'), type(p).__module__)")
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"CLEANUP_CACHE_DIR": str(fresh_store), "PATH": ""}) for _ in range(2)]
    assert [run.stdout for run in runs] == ["12 re\n", "12 re\n"]
    assert len(list(fresh_store.glob("patterns-*.marshal"))) == 1  # written by the first, at exit
    assert regexes._digest(r"(?P<day>\d{1,2}) (?:March|April)", 2, {}) in regexes.cache.load(regexes._KEY)


def test_a_broken_program_falls_back_to_compiling(fresh_store):
    for pattern, engine in ((r"(\w+)-(\d+)", re), (r"(\p{Lu}\w+)-(\d+)", regex)):
        key = regexes._digest(pattern, 0, {})
        compile_fast(pattern)
        stored = regexes._store()[key]
        # cut short, garbled, of no engine, damaged (the checksum), not taken by the engine, another pattern's
        for broken in (stored[:-9], stored[:1] + b"\xff garbage", b"?" + stored[1:], stored[:-1] + b"\x00",
                       regexes._packed(regexes._STDLIB, (32, b"\xff\xff\xff\x7f", 2, {}, (None, None, None))),  # no program
                       regexes._packed(regexes._REGEX, ("another", 0))):
            regexes._store()[key] = broken
            _same(compile_fast(pattern), engine.compile(pattern))


def test_a_program_that_cannot_be_used_is_replaced_in_the_store(fresh_store):
    pattern = r"(\p{Lu}\w+)-(\d+)"
    key = regexes._digest(pattern, 0, {})
    regexes.cache.store(regexes._KEY, {key: regexes._REGEX + b"a format of another version"})
    compile_fast(pattern)  # not taken from the store: compiled
    regexes._save()
    assert regexes._restore(pattern, regexes.cache.load(regexes._KEY)[key]).pattern == pattern


def test_what_only_regex_reads_is_compiled_by_regex_and_stored(fresh_store):
    verbs = {"verbs": ["said", "stated", "noted"]}
    for pattern, lists in ((r"\p{Lu}\p{Ll}+", {}), (r"[[a-z]--[aeiou]]", {}),  # a class the stdlib lacks; a set it reads otherwise
                           (r"(?i:he|she) \L<verbs>\b", verbs)):  # a named list
        compiled = compile_fast(pattern, **lists)
        assert isinstance(compiled, regex.Pattern)
        assert regexes._store()[regexes._digest(pattern, 0, lists)][:1] == regexes._REGEX
        again = compile_fast(pattern, **lists)  # from the stored program
        assert isinstance(again, regex.Pattern) and again is not compiled
        assert again.findall(TEXT + " She noted it; he said so.") == compiled.findall(TEXT + " She noted it; he said so.")
        assert again.pattern == pattern and again.groupindex == compiled.groupindex
    other = compile_fast(r"(?i:he|she) \L<verbs>\b", verbs=["added"])  # other lists: another pattern
    assert other.findall("he added, she said") == ["he added"]
    with pytest.raises(regex.error):
        compile_fast(r"(unclosed")


def test_a_full_store_keeps_what_the_last_run_used(fresh_store, monkeypatch):
    monkeypatch.setattr(regexes, "MAX_PROGRAMS", 3)
    for n in range(5):
        assert compile_fast(f"old{n}").match(f"old{n}")
    assert len(regexes._learned) == 3  # learned up to the bound
    regexes._save()
    assert len(regexes.cache.load(regexes._KEY)) == 3
    # the next process (another rule folder): uses one stored pattern, learns a new one
    monkeypatch.setattr(regexes, "_programs", None)
    monkeypatch.setattr(regexes, "_learned", {})
    monkeypatch.setattr(regexes, "_used", set())
    assert compile_fast("old0").match("old0") and compile_fast("new0").match("new0")
    regexes._save()
    assert set(regexes.cache.load(regexes._KEY)) == {regexes._digest(p, 0, {}) for p in ("old0", "new0")}


def test_an_unwritable_cache_still_compiles(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(blocked))
    monkeypatch.setattr(regexes, "_programs", None)
    monkeypatch.setattr(regexes, "_learned", {})
    monkeypatch.setattr(regexes.atexit, "register", lambda function: None)
    assert compile_fast("a+b").match("aab")
    regexes._save()  # quietly nothing


def test_a_second_run_compiles_no_pattern_of_its_own_and_parses_no_toml(fresh_store):
    """With the cache warm, a one-article run takes every stdlib pattern of the package from the
    store and every TOML file's content from the cache: neither the stdlib parser (for the
    package's patterns) nor tomllib runs."""
    script = (
        "import sys, os, re._parser as c; calls = []; f = c.parse\n"
        "def spy(*a, **k):\n"
        "    frame = sys._getframe(1)\n"
        "    while frame and os.sep + 're' + os.sep in frame.f_code.co_filename: frame = frame.f_back\n"
        "    calls.append(os.sep + 'cleanup' + os.sep in frame.f_code.co_filename)\n"
        "    return f(*a, **k)\n"
        "c.parse = spy\n"
        "from cleanup import clean, regexes\n"
        "clean('The minister said kyiv would talk.\\n')\n"
        "print(sum(calls), 'tomllib' in sys.modules, bool(regexes._learned))\n")
    env = {"CLEANUP_CACHE_DIR": str(fresh_store), "PATH": ""}
    first, second = (subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                                    env=env).stdout.split() for _ in range(2))
    assert int(first[0]) > 50 and first[1:] == ["True", "True"]
    assert second == ["0", "False", "False"]
