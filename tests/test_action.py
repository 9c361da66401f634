"""The GitHub Action: its script runs locally with the inputs and variables the runner sets."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import jsonschema
import pytest
import yaml

from conftest import DATA, ROOT

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
SCRIPT = ROOT / "action" / "cleanup_action.py"
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}


def git(folder, *args):
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, env={**os.environ, **GIT_ENV})
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=folder, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def workspace(tmp_path):
    """A repository whose last commit changes one article and adds a bad one outside ``news/``."""
    repo = tmp_path / "repo"
    (repo / "news").mkdir(parents=True)
    (repo / "news" / "old.md").write_text("# Old\n\nThe talks  went on.\n", encoding="utf-8")
    (repo / "news" / "changed.md").write_text("# Changed\n\nAll is well.\n", encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    base = git(repo, "commit", "-q", "-m", "base")
    (repo / "news" / "changed.md").write_text("# Changed\n\nThe talks in kyiv went  on.\n", encoding="utf-8")
    (repo / "news" / "data.json").write_text('{"a":  1}\n', encoding="utf-8")
    (repo / "other.txt").write_text("Bad  text\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "change")
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"base": {"sha": base}}}), encoding="utf-8")
    return repo, event


def run_action(tmp_path, repo, event, **inputs):
    """Run the check step as the runner would: the step's env block, with inputs filled in."""
    step = next(s for s in ACTION["runs"]["steps"] if s.get("id") == "check")
    values = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
    values.update(inputs)
    env = dict(os.environ)
    for key, expression in step["env"].items():  # "${{ inputs.changed-only }}" -> the input's value
        name = re.fullmatch(r"\$\{\{ inputs\.([\w-]+) \}\}", expression).group(1)
        env[key] = values[name]
    output, summary = tmp_path / "github_output", tmp_path / "step_summary"
    env.update(GITHUB_EVENT_NAME="pull_request", GITHUB_EVENT_PATH=str(event), GITHUB_WORKSPACE=str(repo),
               GITHUB_OUTPUT=str(output), GITHUB_STEP_SUMMARY=str(summary), GITHUB_ACTION_PATH=str(ROOT),
               PYTHONPATH=str(ROOT))
    run = subprocess.run([sys.executable, str(SCRIPT)], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=300)
    outputs = dict(line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines())
    return run, outputs, summary


def test_action_is_composite_and_passes_every_input():
    assert ACTION["runs"]["using"] == "composite"
    step = next(s for s in ACTION["runs"]["steps"] if s.get("id") == "check")
    passed = {re.search(r"inputs\.([\w-]+)", v).group(1) for v in step["env"].values()}
    install = ACTION["runs"]["steps"][0]["env"]
    passed |= {re.search(r"inputs\.([\w-]+)", v).group(1) for v in install.values()}
    assert passed == set(ACTION["inputs"])
    upload = ACTION["runs"]["steps"][-1]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@") and "always()" in upload["if"]


def test_changed_articles_get_annotations_and_sarif(tmp_path, workspace):
    repo, event = workspace
    run, outputs, summary = run_action(tmp_path, repo, event, paths="news", sarif="true")
    assert run.returncode == 1, run.stderr
    annotations = [line for line in run.stdout.splitlines() if line.startswith("::")]
    assert annotations and all("file=news/changed.md," in line for line in annotations)
    assert any("title=CAS001" in line and "line=3,col=14" in line for line in annotations)
    assert outputs == {"files": "1", "sarif-file": "cleanup.sarif", "exit-code": "1"}
    sarif = json.loads((repo / "cleanup.sarif").read_text(encoding="utf-8"))
    schema = json.loads((DATA / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(sarif)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert uris == {"news/changed.md"}
    assert "1 article(s) checked, exit code 1" in summary.read_text(encoding="utf-8")


def test_all_articles_and_no_changes(tmp_path, workspace):
    repo, event = workspace
    run, outputs, _ = run_action(tmp_path, repo, event, **{"changed-only": "false", "args": "--select WSP"})
    assert run.returncode == 1 and outputs["files"] == "3" and outputs["sarif-file"] == ""
    assert "file=news/old.md," in run.stdout and "file=other.txt," in run.stdout and "CAS001" not in run.stdout
    event.write_text(json.dumps({"pull_request": {"base": {"sha": git(repo, "log", "-1")}}}), encoding="utf-8")
    run, outputs, _ = run_action(tmp_path, repo, event)
    assert run.returncode == 0 and outputs == {"files": "0", "exit-code": "0", "sarif-file": ""}
    assert "no changed articles" in run.stdout
