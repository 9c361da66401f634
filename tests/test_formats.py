"""Every output format of ``cleanup check``, parsed back as its consumer would read it."""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET

import jsonschema
import pytest

from cleanup import cli
from conftest import DATA

# An emoji (two UTF-16 code units) before a result on line 2, a lost character, a Markdown file.
TEXT = "Kyiv  said.\nLost \ufffd here \U0001F600  now\n"
MARKDOWN = "---\ntitle: x\n---\n\n# Talks\n\nThe talks in **kyiv** went  on, see `a  b`.\n"


@pytest.fixture
def articles(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.md").write_text(MARKDOWN, encoding="utf-8")
    return tmp_path


def check(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(["check", "a.txt", "b.md", "-q", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_sarif_validates_and_locates_in_utf16(articles, capsys):
    code, out, _ = check(capsys, "--output-format", "sarif")
    assert code == 1
    sarif = json.loads(out)
    schema = json.loads((DATA / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(sarif)
    run = sarif["runs"][0]
    assert sarif["version"] == "2.1.0" and run["columnKind"] == "utf16CodeUnits"
    rules = run["tool"]["driver"]["rules"]
    assert all(r["help"]["text"] and r["shortDescription"]["text"] for r in rules)
    results = run["results"]
    for result in results:  # what GitHub code scanning needs
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note") and result["message"]["text"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] in ("a.txt", "b.md")
        assert location["region"]["startLine"] >= 1 and result["partialFingerprints"]
    after_emoji = next(r for r in results if r["locations"][0]["physicalLocation"]["region"]["startLine"] == 2
                       and r["ruleId"] == "WSP006")
    region = after_emoji["locations"][0]["physicalLocation"]["region"]
    assert region["startColumn"] == len("Lost \ufffd here ") + 2 + 1  # the emoji counts two
    # every pending fix, applied as SARIF says (offsets in UTF-16 units), gives `cleanup fix`'s text
    units = TEXT.encode("utf-16-le")
    edits = [rep for r in results if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "a.txt"
             for fix in r.get("fixes", []) if fix["properties"]["pending"]
             for rep in fix["artifactChanges"][0]["replacements"]]
    for rep in sorted(edits, key=lambda e: -e["deletedRegion"]["charOffset"]):
        start = rep["deletedRegion"]["charOffset"] * 2
        end = start + rep["deletedRegion"]["charLength"] * 2
        units = units[:start] + rep["insertedContent"]["text"].encode("utf-16-le") + units[end:]
    assert units.decode("utf-16-le") == "Kyiv said.\nLost \ufffd here \U0001F600 now\n"


def test_sarif_marks_unsafe_fixes(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("The report said that that the talks went on..\n", encoding="utf-8")
    cli.main(["check", "a.txt", "-q", "--output-format", "sarif"])
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    fixes = {r["ruleId"]: f for r in results for f in r.get("fixes", [])}
    assert fixes["PUN002"]["properties"] == {"applicability": "unsafe", "pending": False}
    assert fixes["PUN002"]["artifactChanges"][0]["replacements"][0]["deletedRegion"]["charOffset"] == 44


def test_junit_one_testcase_per_article(articles, capsys):
    _, out, _ = check(capsys, "--output-format", "junit")
    root = ET.fromstring(out.encode("utf-8"))
    cases = root.findall("./testsuite/testcase")
    assert [c.get("name") for c in cases] == ["a.txt", "b.md"]
    failures = [f.get("type") for f in cases[0].findall("failure")]
    assert sorted(failures) == ["ENC004", "WSP006", "WSP006"]
    assert root.get("tests") == "2" and int(root.get("failures")) == sum(len(c.findall("failure")) for c in cases)
    code, out, _ = check(capsys, "--output-format", "junit", "--fail-on", "error", "--select", "ENC")
    root = ET.fromstring(out.encode("utf-8"))
    assert code == 0 and root.get("failures") == "0" and "ENC004" in root.find(".//system-out").text


def test_gitlab_code_quality(articles, capsys):
    _, out, _ = check(capsys, "--output-format", "gitlab")
    issues = json.loads(out)
    assert {i["location"]["path"] for i in issues} == {"a.txt", "b.md"}
    assert len({i["fingerprint"] for i in issues}) == len(issues), "fingerprints are unique"
    for issue in issues:
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["check_name"] and issue["description"] and issue["location"]["positions"]["begin"]["line"] >= 1
    again = json.loads(check(capsys, "--output-format", "gitlab")[1])
    assert [i["fingerprint"] for i in again] == [i["fingerprint"] for i in issues], "stable between runs"


def test_github_annotations(articles, capsys):
    _, out, _ = check(capsys, "--output-format", "github")
    lines = out.splitlines()
    pattern = re.compile(r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),endLine=\d+,endColumn=\d+,"
                         r"title=[A-Z]{3}\d{3} [a-z-]+::.+$")
    assert lines and all(pattern.match(line) for line in lines)
    assert "::warning file=a.txt,line=2,col=6,endLine=2,endColumn=7,title=ENC004 replacement-character::" in out
    assert any(line.startswith("::") and "file=b.md,line=7," in line for line in lines), "Markdown lines"


def test_full_shows_the_line_the_mark_and_the_fix(articles, capsys):
    _, out, _ = check(capsys, "--output-format", "full")
    block = out.split("\n\n")[0].splitlines()
    assert block[0] == "a.txt:1:5: WSP006 [*] '  ': several spaces between words"
    assert block[2] == "1 | Kyiv  said."
    assert block[3] == "  |     ^^ WSP006"
    assert "  - Kyiv  said." in block and "  + Kyiv said." in block
    assert "b.md:7:16: CAS001 [*]" in out and "7 | The talks in **kyiv** went  on" in out


def test_concise_json_and_jsonl(articles, capsys):
    _, out, _ = check(capsys, "--output-format", "concise")
    assert out.splitlines()[0] == "a.txt:1:5: WSP006 [*] '  ': several spaces between words"
    _, out, _ = check(capsys, "--output-format", "concise", "--show-fixes")
    assert "    - Kyiv  said." in out
    payload = json.loads(check(capsys, "--output-format", "json")[1])
    assert [f["file"] for f in payload["files"]] == ["a.txt", "b.md"]
    kinds = [json.loads(line)["kind"] for line in check(capsys, "--output-format", "jsonl")[1].splitlines()]
    assert kinds.count("file") == 2 and "change" in kinds and "finding" in kinds


def test_output_file_and_statistics(articles, capsys):
    code, out, _ = check(capsys, "--output-format", "sarif", "--output-file", "out/report.sarif")
    assert code == 1 and out == ""
    assert json.loads((articles / "out" / "report.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert not list((articles / "out").glob(".*.tmp")), "written through a temporary file"
    _, out, _ = check(capsys, "--statistics")
    rows = [line.split() for line in out.splitlines()]
    assert rows[0][:3] == ["3", "WSP006", "[*]"]
    assert ["1", "ENC004", "replacement-character"] in rows
    stats = json.loads(check(capsys, "--statistics", "--output-format", "json")[1])
    assert {"code": "ENC004", "name": "replacement-character", "count": 1, "fixable": 0} in stats


def test_default_format_is_concise_off_a_terminal(articles, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False)
    assert check(capsys)[1].splitlines()[0].startswith("a.txt:1:5: WSP006 [*]")


def test_unreadable_inputs_in_junit_and_sarif(articles, capsys):
    (articles / "bad.txt").write_bytes(b"caf\xe9\n")
    code = cli.main(["check", "a.txt", "bad.txt", "-q", "--output-format", "junit"])
    out = capsys.readouterr().out
    root = ET.fromstring(out.encode("utf-8"))
    errored = [c for c in root.iter("testcase") if c.find("error") is not None]
    assert code == 2 and [c.get("name") for c in errored] == ["bad.txt"] and root.get("errors") == "1"
    cli.main(["check", "a.txt", "bad.txt", "-q", "--output-format", "sarif"])
    invocation = json.loads(capsys.readouterr().out)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "not valid UTF-8" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def test_github_annotation_says_what_the_fix_does(articles, capsys):
    _, out, _ = check(capsys, "--output-format", "github", "--select", "CAS")
    assert out.strip() == ("::warning file=b.md,line=7,col=16,endLine=7,endColumn=20,title=CAS001 "
                           "lowercased-proper-noun::'kyiv' is a proper noun (cleanup fix: 'kyiv' -> 'Kyiv')")
