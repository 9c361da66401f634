"""The pre-commit hooks, run for real: ``pre-commit try-repo`` installs this checkout in its own
environment (from the package index) and runs the hooks on a fresh git repository.

try-repo takes the checkout's HEAD plus any uncommitted changes, so it tests the tree as it is.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT

ARTICLE_MD = "---\ntitle: kyiv  news\n---\n\n# Talks\n\nThe talks in kyiv went  on. Run `a  b`.\n"
ARTICLE_TXT = "The talks  went on.\n"


def _pre_commit() -> list[str]:
    exe = shutil.which("pre-commit")
    return [exe] if exe else [sys.executable, "-m", "pre_commit"]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    if not (ROOT / ".git").exists():
        pytest.fail(f"{ROOT} is not a git checkout: try-repo needs one")
    folder = tmp_path_factory.mktemp("articles")
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path_factory.mktemp("pre-commit-home")),
               GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org", PRE_COMMIT_COLOR="never")
    env.pop("VIRTUAL_ENV", None)
    subprocess.run(["git", "init", "-q", str(folder)], check=True, env=env)
    (folder / "article.md").write_text(ARTICLE_MD, encoding="utf-8")
    (folder / "notes.txt").write_text(ARTICLE_TXT, encoding="utf-8")
    (folder / "data.json").write_text('{"a":  1}\n', encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=folder, check=True, env=env)
    return folder, env


def try_repo(project, hook: str) -> subprocess.CompletedProcess:
    folder, env = project
    return subprocess.run([*_pre_commit(), "try-repo", str(ROOT), hook, "--all-files", "--verbose"],
                          cwd=folder, env=env, capture_output=True, text=True, timeout=900)


def test_hook_definitions():
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert set(hooks) == {"cleanup-check", "cleanup-fix"}
    assert all(h["language"] == "python" and h["entry"].startswith("cleanup ") for h in hooks.values())


def test_check_then_fix_hooks(project):
    folder, _ = project
    run = try_repo(project, "cleanup-check")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "article.md:7:14: CAS001 [*]" in run.stdout and "notes.txt:1:10: WSP006 [*]" in run.stdout
    assert "data.json" not in run.stdout
    assert (folder / "article.md").read_text(encoding="utf-8") == ARTICLE_MD, "check never writes"

    run = try_repo(project, "cleanup-fix")
    assert run.returncode == 1, run.stdout + run.stderr  # files were modified
    assert (folder / "article.md").read_text(encoding="utf-8") == (
        "---\ntitle: kyiv  news\n---\n\n# Talks\n\nThe talks in Kyiv went on. Run `a  b`.\n")
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "The talks went on.\n"
    assert (folder / "data.json").read_text(encoding="utf-8") == '{"a":  1}\n'

    subprocess.run(["git", "add", "-A"], cwd=folder, check=True, env=project[1])
    run = try_repo(project, "cleanup-check")
    assert run.returncode == 0, run.stdout + run.stderr
