"""Word changes on English nobody wrote for news: what the default pipeline does to it.

Reads prose that is on every machine the project runs on (the docstrings of Python's standard
library, Python's reference documentation in ``pydoc_data``) and, where present, Debian's
``/usr/share/doc/*/copyright`` files and the documentation of this machine's packages (READMEs,
release notes and manuals in ``/usr/share/doc`` and the installed Python packages: hard-wrapped
prose, identifiers, product names) and GNU's info manuals (``/usr/share/info``, node by node),
and prints every change that alters words (encoding and
whitespace apart) with its context. A wrong one is a trap to add (``tests/data/traps.toml``)
and a rule to mend in general. Not a test: the figures are for reading.

``python -m tests.quality.prose [--debian] [--docs] [--info]``
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import importlib
import inspect
import io
import pkgutil
import re
import sys
import sysconfig
import warnings
from collections.abc import Iterator
from pathlib import Path

from cleanup import clean

_WORD = re.compile(r"\w+")
_SKIP = {"antigravity", "this", "idlelib", "tkinter", "turtledemo", "lib2to3", "test", "ensurepip", "cleanup"}


def docstrings() -> Iterator[tuple[str, str]]:
    """The longer docstrings of the standard library's modules and their public classes."""
    warnings.filterwarnings("ignore")
    stdlib = Path(inspect.getfile(inspect)).parent
    for found in pkgutil.iter_modules([str(stdlib)]):
        if found.name.startswith("_") or found.name in _SKIP:
            continue
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                module = importlib.import_module(found.name)
        except BaseException:  # a module that cannot load here (a missing C library) is skipped
            continue
        docs = [module.__doc__] + [getattr(v, "__doc__", None) for k, v in vars(module).items()
                                   if inspect.isclass(v) and not k.startswith("_")]
        for doc in docs:
            if isinstance(doc, str) and len(doc) > 200:
                yield f"docstring:{found.name}", inspect.cleandoc(doc) + "\n"


def reference() -> Iterator[tuple[str, str]]:
    from pydoc_data.topics import topics

    for name, text in topics.items():
        if len(text) > 200:
            yield f"reference:{name}", text + "\n"


def debian() -> Iterator[tuple[str, str]]:
    for path in sorted(Path("/usr/share/doc").glob("*/copyright")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if 200 < len(text) < 300_000:
            yield f"debian:{path.parent.name}", text


_DOC_NAMES = re.compile(r"(?i)(?:readme[^/]*|[^/]+\.(?:md|rst|txt))$")
_NOT_PROSE = re.compile(r"(?i)licen[cs]e|copying|record|entry_points|top_level|requirements|sources")


def package_docs() -> Iterator[tuple[str, str]]:
    """READMEs, release notes and manuals of 3 to 300 KB, at most three folders down."""
    roots = [Path("/usr/share/doc"), Path(sysconfig.get_paths()["purelib"])]
    for root in roots:
        for path in sorted(p for depth in ("*/*", "*/*/*", "*/*/*/*") for p in root.glob(depth)):
            if not _DOC_NAMES.search(path.name) or _NOT_PROSE.search(path.name) or "cleanup" in path.parts:
                continue
            try:
                if not 3_000 < path.stat().st_size < 300_000:
                    continue
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            yield f"docs:{path.relative_to(root)}", text


def info_manuals() -> Iterator[tuple[str, str]]:
    """The nodes of GNU's info manuals: plain, hard-wrapped English prose."""
    for path in sorted(Path("/usr/share/info").glob("*.info*.gz")):
        try:
            with gzip.open(path, "rt", encoding="utf-8") as file:
                text = file.read()
        except (OSError, UnicodeDecodeError):
            continue
        for n, node in enumerate(text.split("\x1f")):  # (info separates its nodes with 0x1F)
            if len(node) > 500:
                yield f"info:{path.name}#{n}", node


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--debian", action="store_true", help="also Debian's copyright files (10 MB)")
    parser.add_argument("--docs", action="store_true", help="also the packages' documentation (about 10 MB)")
    parser.add_argument("--info", action="store_true", help="also GNU's info manuals (about 5 MB)")
    args = parser.parse_args()
    sources = [docstrings(), reference()] + ([debian()] if args.debian else []) + \
        ([package_docs()] if args.docs else []) + ([info_manuals()] if args.info else [])
    texts = changes = size = 0
    for source in sources:
        for name, text in source:
            texts += 1
            size += len(text)
            for change in clean(text).changes:
                if change.code[:3] in ("ENC", "WSP") or _WORD.findall(change.before) == _WORD.findall(change.after):
                    continue
                changes += 1
                context = text[max(0, change.start - 50) : change.end + 40].replace("\n", "⏎")
                print(f"{change.code} {change.before[:60]!r} -> {change.after[:60]!r} :: {name} :: {context}")
    print(f"{changes} word changes in {texts} texts ({size // 1000} KB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
