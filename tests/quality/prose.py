"""Word changes on English nobody wrote for news: what the default pipeline does to it.

Reads prose that is on every machine the project runs on (the docstrings of Python's standard
library, Python's reference documentation in ``pydoc_data``) and, where present, Debian's
``/usr/share/doc/*/copyright`` files and the documentation of this machine's packages (READMEs,
release notes and manuals in ``/usr/share/doc`` and the installed Python packages: hard-wrapped
prose, identifiers, product names) and GNU's info manuals (``/usr/share/info``, node by node),
and prints every change that alters words (encoding and
whitespace apart) with its context. A wrong one is a trap to add (``tests/data/traps.toml``)
and a rule to mend in general. Not a test: the figures are for reading.

``--lines FILE...`` reads text fetched by hand for a measurement and kept outside the project
(WMT system outputs or references of other years and language pairs: one segment per line),
cut into documents of 15 lines, or by ``FILE.docs`` (one document id per line) when present;
each segment becomes a paragraph.

``python -m tests.quality.prose [--debian] [--docs] [--info] [--lines FILE...] [--unsafe]``
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

from cleanup import CleanupConfig, clean

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


LINES_PER_DOCUMENT = 15  # when no document ids come with a file of segments


def line_files(paths: list[Path]) -> Iterator[tuple[str, str]]:
    """Documents of files of one segment per line (see the module's docstring)."""
    for path in paths:
        lines = path.read_text(encoding="utf-8").splitlines()
        ids_path = path.with_name(path.name + ".docs")
        ids = ids_path.read_text(encoding="utf-8").splitlines() if ids_path.is_file() else \
            [str(n // LINES_PER_DOCUMENT) for n in range(len(lines))]
        documents: dict[str, list[str]] = {}
        for doc_id, line in zip(ids, lines):
            documents.setdefault(doc_id, []).append(line)
        for doc_id, segments in documents.items():
            yield f"lines:{path.name}#{doc_id}", "\n\n".join(segments) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--debian", action="store_true", help="also Debian's copyright files (10 MB)")
    parser.add_argument("--docs", action="store_true", help="also the packages' documentation (about 10 MB)")
    parser.add_argument("--info", action="store_true", help="also GNU's info manuals (about 5 MB)")
    parser.add_argument("--lines", nargs="+", type=Path, default=[], metavar="FILE",
                        help="only these files of one segment per line (WMT outputs or references)")
    parser.add_argument("--unsafe", action="store_true", help="with unsafe fixes applied too")
    args = parser.parse_args()
    if args.lines:
        sources = [line_files(args.lines)]
    else:
        sources = [docstrings(), reference()] + ([debian()] if args.debian else []) + \
            ([package_docs()] if args.docs else []) + ([info_manuals()] if args.info else [])
    config = CleanupConfig(unsafe_fixes=args.unsafe)
    texts = changes = size = 0
    for source in sources:
        for name, text in source:
            texts += 1
            size += len(text)
            current = text
            for change in clean(text, config).changes:
                before_change, current = current, current[: change.at] + change.after + current[change.at + len(change.before) :]
                if change.code[:3] in ("ENC", "WSP") or _WORD.findall(change.before) == _WORD.findall(change.after):
                    continue
                changes += 1
                context = before_change[max(0, change.at - 50) : change.at + len(change.before) + 40].replace("\n", "⏎")
                print(f"{change.code} {change.before[:60]!r} -> {change.after[:60]!r} :: {name} :: {context}")
    print(f"{changes} word changes in {texts} texts ({size // 1000} KB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
