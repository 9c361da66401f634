"""Baselines: accept today's results, fail on new ones, report the ones that went away."""

from __future__ import annotations

import json

import pytest

from cleanup import cli


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("Lost \ufffd here.\nThe talks  went on.\n", encoding="utf-8")
    (tmp_path / "news" / "b.md").write_text("# Title\n\nAll is well in Kyiv.\n", encoding="utf-8")
    return tmp_path


def check(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(["check", "news/a.txt", "news/b.md", "--output-format", "concise", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_baseline_cycle(repo, capsys):
    assert check(capsys)[0] == 1
    code, _, err = check(capsys, "--baseline", "baseline.json", "--update-baseline")
    assert code == 0 and "2 result(s)" in err
    entries = json.loads((repo / "baseline.json").read_text(encoding="utf-8"))["entries"]
    assert sorted((e["file"], e["code"]) for e in entries) == [("news/a.txt", "ENC004"), ("news/a.txt", "WSP006")]

    code, out, err = check(capsys, "--baseline", "baseline.json")
    assert code == 0 and "a.txt:" not in out.replace("news/a.txt: score", ""), out

    # unrelated lines above move every result down: still baselined (keyed by text, not line)
    article = repo / "news" / "a.txt"
    article.write_text("A new first paragraph.\n\n" + article.read_text(encoding="utf-8"), encoding="utf-8")
    assert check(capsys, "--baseline", "baseline.json")[0] == 0

    # a new artefact fails, and only it is reported
    (repo / "news" / "b.md").write_text("# Title\n\nAll is well in kyiv.\n", encoding="utf-8")
    code, out, _ = check(capsys, "--baseline", "baseline.json")
    assert code == 1
    assert [line.split(": ")[1].split()[0] for line in out.splitlines() if ": score" not in line] == ["CAS001"]

    # a second identical problem in the same file is new too
    article.write_text(article.read_text(encoding="utf-8") + "Lost \ufffd here.\nThe talks  went on.\n", encoding="utf-8")
    code, out, _ = check(capsys, "--baseline", "baseline.json", "--select", "ENC,WSP")
    assert code == 1 and "news/a.txt:5:6: ENC004" in out and "news/a.txt:3:6: ENC004" not in out

    # fixing a baselined result reports it as fixed, and passes
    article.write_text("A new first paragraph.\n\nLost \ufffd here.\nThe talks went on.\n", encoding="utf-8")
    code, _, err = check(capsys, "--baseline", "baseline.json", "--select", "ENC,WSP")
    assert code == 0
    assert "news/a.txt: WSP006 fixed (was at line 2" in err and "1 baselined result fixed" in err


def test_baseline_errors_are_one_line(repo, capsys):
    code, _, err = check(capsys, "--baseline", "missing.json")
    assert code == 2 and err.strip() == "error: missing.json: no such baseline file (create it with --update-baseline)"
    (repo / "bad.json").write_text("{not json", encoding="utf-8")
    code, _, err = check(capsys, "--baseline", "bad.json")
    assert code == 2 and err.startswith("error: bad.json: cannot read baseline") and len(err.splitlines()) == 1
    code, _, err = check(capsys, "--update-baseline")
    assert code == 2 and "needs --baseline FILE" in err


def test_baseline_in_machine_formats(repo, capsys):
    check(capsys, "--baseline", "baseline.json", "--update-baseline")
    code, out, _ = check(capsys, "--baseline", "baseline.json", "--output-format", "json")
    payload = json.loads(out)
    assert code == 0 and payload["summary"]["findings"] == {} and payload["summary"]["fixes"] == {}
