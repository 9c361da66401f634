"""The GitHub Action's step: find the changed articles, run ``cleanup check``, set outputs.

Inputs come as the runner passes them, ``INPUT_<NAME>`` environment variables (the name
upper-cased; a hyphen may be kept or written as ``_``). It uses the standard variables
``GITHUB_EVENT_NAME``, ``GITHUB_EVENT_PATH``, ``GITHUB_WORKSPACE``, ``GITHUB_OUTPUT`` and
``GITHUB_STEP_SUMMARY``. Results go to the log as ``github`` annotations; with ``sarif``
also to a SARIF file for code scanning. The exit code is ``cleanup check``'s.
"""

from __future__ import annotations

import fnmatch
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path


def get_input(name: str, default: str = "") -> str:
    for key in (f"INPUT_{name.upper()}", f"INPUT_{name.upper().replace('-', '_')}"):
        if key in os.environ:
            return os.environ[key].strip()
    return default


def is_true(value: str) -> bool:
    return value.strip().lower() in ("true", "yes", "1", "on")


def git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], capture_output=True, text=True)


def base_revision() -> str | None:
    """The commit to compare with: the pull request's base, or the commit before a push."""
    path = os.environ.get("GITHUB_EVENT_PATH")
    if not path or not Path(path).is_file():
        return None
    event = json.loads(Path(path).read_text(encoding="utf-8"))
    if "pull_request" in event:
        return event["pull_request"]["base"]["sha"]
    before = event.get("before", "")
    return None if not before or set(before) == {"0"} else before


def changed_files(base: str) -> list[str] | None:
    if git("cat-file", "-e", f"{base}^{{commit}}").returncode:
        git("fetch", "--quiet", "--depth=1", "origin", base)  # shallow checkouts lack the base
    diff = git("diff", "--name-only", "--diff-filter=ACMR", "-z", base, "HEAD")
    if diff.returncode:
        print(f"::warning title=cleanup::cannot compare with {base}; checking every article", flush=True)
        return None
    return [name for name in diff.stdout.split("\0") if name]


def under(name: str, roots: list[str]) -> bool:
    return any(root in (".", "") or name == root.rstrip("/") or name.startswith(root.rstrip("/") + "/")
               for root in roots)


def articles(roots: list[str], patterns: list[str], changed_only: bool) -> list[str]:
    """The articles to check, as paths relative to the workspace, sorted."""
    base = base_revision() if changed_only else None
    names = changed_files(base) if base else None
    if names is None:
        tracked = git("ls-files", "-z", "--", *roots)
        if tracked.returncode == 0:
            names = [n for n in tracked.stdout.split("\0") if n]
        else:  # not a git checkout
            names = [p.as_posix() for root in roots for p in Path(root).rglob("*") if p.is_file()]
    return sorted(n for n in names if under(n, roots) and Path(n).is_file()
                  and any(fnmatch.fnmatch(Path(n).name, p) for p in patterns))


def set_outputs(**values: str) -> None:
    target = os.environ.get("GITHUB_OUTPUT")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.writelines(f"{key}={value}\n" for key, value in values.items())


def summary(text: str) -> None:
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(text)


def main() -> int:
    os.chdir(os.environ.get("GITHUB_WORKSPACE") or ".")
    roots = shlex.split(get_input("paths", ".")) or ["."]
    patterns = shlex.split(get_input("patterns", "*.md *.txt"))
    extra = shlex.split(get_input("args"))
    baseline = get_input("baseline")
    if baseline:
        extra += ["--baseline", baseline]
    sarif = is_true(get_input("sarif", "false"))
    sarif_file = get_input("sarif-file", "cleanup.sarif") if sarif else ""
    files = articles(roots, patterns, is_true(get_input("changed-only", "true")))
    if not files:
        print("cleanup: no changed articles to check")
        set_outputs(files="0", **{"exit-code": "0", "sarif-file": ""})
        return 0
    set_outputs(files=str(len(files)), **{"sarif-file": sarif_file})
    command = [sys.executable, "-m", "cleanup", "check", *files, *extra]
    print(f"cleanup: checking {len(files)} article(s)", flush=True)
    run = subprocess.run([*command, "--output-format", "github"], stderr=subprocess.PIPE, text=True)
    sys.stderr.write(run.stderr)
    if sarif:
        subprocess.run([*command, "--output-format", "sarif", "--output-file", sarif_file, "-q"])
    set_outputs(**{"exit-code": str(run.returncode)})
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    summary(f"### cleanup check\n\n{len(files)} article(s) checked, exit code {run.returncode}.\n\n"
            + "".join(f"- {line}\n" for line in lines[-20:]))
    return run.returncode


if __name__ == "__main__":
    sys.exit(main())
