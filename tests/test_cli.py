"""The command line: exit codes, outputs, the log round trip, and bad input handled in one line."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cleanup import cli
from conftest import ROOT, SAMPLES, sample_names


@pytest.fixture
def run(capsysbinary, monkeypatch):
    """Run ``cleanup ARGS`` in-process; returns (exit code, stdout, stderr) as text."""

    def invoke(*args: str, cwd: Path | None = None, stdin: bytes | None = None):
        if cwd is not None:
            monkeypatch.chdir(cwd)
        if stdin is not None:
            import io

            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        code = cli.main([str(a) for a in args])
        out, err = capsysbinary.readouterr()
        return code, out.decode("utf-8"), err.decode("utf-8")

    return invoke


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_fix_samples_writes_clean_files_and_a_revertible_log(run, tmp_path):
    before = {n: digest(SAMPLES / f"{n}.txt") for n in sample_names()}
    out, log = tmp_path / "out", tmp_path / "out" / "log.jsonl"
    code, _, err = run("fix", "samples/", "-o", out, "--log", log, cwd=ROOT)
    assert code == 0, err
    assert sorted(p.name for p in out.glob("*.txt")) == sorted(f"{n}.txt" for n in sample_names())
    assert not (out / "expected").exists(), "samples/expected is excluded by the project config"
    assert "5 files" in err
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert {r["kind"] for r in records} >= {"file", "change"}
    assert all({"line", "col", "code", "before", "after"} <= r.keys() for r in records if r["kind"] == "change")
    code, _, err = run("revert", log, "-o", tmp_path / "restored")
    assert code == 0, err
    for name, sha in before.items():
        assert digest(tmp_path / "restored" / f"{name}.txt") == sha == digest(SAMPLES / f"{name}.txt")


def test_in_place_fix_and_revert_round_trip(run, tmp_path):
    article = tmp_path / "a.txt"
    original = "\ufeffKyiv  said\r\nthe  talks went on. \u00a0\n\n\n"
    article.write_bytes(original.encode("utf-8"))
    code, _, _ = run("fix", article, "--in-place", "--log", tmp_path / "log.jsonl")
    assert code == 0
    assert article.read_text(encoding="utf-8") == "Kyiv said\nthe talks went on.\n"
    code, _, err = run("revert", tmp_path / "log.jsonl", "--in-place")
    assert code == 0, err
    assert article.read_bytes() == original.encode("utf-8")


def test_revert_refuses_a_clean_file_that_changed(run, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("text  here", encoding="utf-8")
    run("fix", article, "-o", tmp_path / "out", "--log", tmp_path / "log.jsonl")
    (tmp_path / "out" / "a.txt").write_text("edited by hand\n", encoding="utf-8")
    code, _, err = run("revert", tmp_path / "log.jsonl", "-o", tmp_path / "back")
    assert code == 2 and "changed since the log was written" in err
    assert not (tmp_path / "back" / "a.txt").exists()


def test_fix_single_file_and_stdin_write_to_stdout(run, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("one  two", encoding="utf-8")
    assert run("fix", article, "-q")[:2] == (0, "one two\n")
    assert article.read_text(encoding="utf-8") == "one  two", "input is never modified without --in-place"
    assert run("fix", "-", "-q", stdin="x \n\n\n".encode())[:2] == (0, "x\n")


def test_fix_several_files_needs_an_output(run, tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    code, out, err = run("fix", tmp_path / "a.txt", tmp_path / "b.txt")
    assert code == 2 and out == "" and err.count("\n") == 1 and "-o DIR or --in-place" in err


def test_fix_diff_shows_changes_and_writes_nothing(run, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Talks  resumed", encoding="utf-8")
    code, out, _ = run("fix", article, "--diff", "-q")
    assert code == 0
    assert "-Talks  resumed\n\\ No newline at end of file\n+Talks resumed\n" in out
    assert article.read_text(encoding="utf-8") == "Talks  resumed"


def test_fix_exit_non_zero_on_fix(run, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("x", encoding="utf-8")
    assert run("fix", article, "-o", tmp_path / "o", "--exit-non-zero-on-fix")[0] == 1
    (tmp_path / "clean.txt").write_text("x\n", encoding="utf-8")
    assert run("fix", tmp_path / "clean.txt", "-o", tmp_path / "o", "--exit-non-zero-on-fix")[0] == 0


def test_check_exit_codes(run, tmp_path):
    clean_file = tmp_path / "clean.txt"
    clean_file.write_text("All is well.\n", encoding="utf-8")
    pending = tmp_path / "pending.txt"
    pending.write_text("No final newline", encoding="utf-8")
    flagged = tmp_path / "flagged.txt"
    flagged.write_text("Lost \ufffd here.\n", encoding="utf-8")
    assert run("check", clean_file)[0] == 0
    code, out, _ = run("check", pending)
    assert code == 1 and "WSP009 [*]" in out
    assert run("check", flagged)[0] == 1
    assert run("check", flagged, "--fail-on", "error")[0] == 0
    assert run("check", clean_file, tmp_path / "missing.txt")[0] == 2
    assert pending.read_text(encoding="utf-8") == "No final newline", "check never writes"


def test_check_machine_readable_formats(run, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Lost \ufffd here  now", encoding="utf-8")
    code, out, _ = run("check", article, "--output-format", "json")
    payload = json.loads(out)
    assert code == 1 and payload["summary"]["findings"] == {"ENC004": 1}
    assert {c["code"] for c in payload["files"][0]["changes"]} == {"WSP006", "WSP009"}
    _, out, _ = run("check", article, "--output-format", "github")
    assert f"::warning file={article},line=1,col=6,endLine=1,endColumn=7,title=ENC004 replacement-character::" in out
    _, out, _ = run("check", article, "--output-format", "jsonl")
    assert [json.loads(line)["kind"] for line in out.splitlines()] == ["file", "change", "change", "finding"]


def test_parallel_run_gives_the_same_log(run, tmp_path):
    (tmp_path / "in").mkdir()
    for name in sample_names():
        (tmp_path / "in" / f"{name}.txt").write_bytes((SAMPLES / f"{name}.txt").read_bytes())
    run("fix", tmp_path / "in", "-o", tmp_path / "o1", "--log", tmp_path / "l1.jsonl", "-j", "1")
    run("fix", tmp_path / "in", "-o", tmp_path / "o2", "--log", tmp_path / "l2.jsonl", "-j", "2")
    one = (tmp_path / "l1.jsonl").read_text().replace("/o1/", "/o/")
    two = (tmp_path / "l2.jsonl").read_text().replace("/o2/", "/o/")
    assert one == two


def test_per_file_ignores_from_config(run, tmp_path):
    (tmp_path / "cleanup.toml").write_text('per-file-ignores = {"wire/*" = ["WSP006"]}\n', encoding="utf-8")
    (tmp_path / "wire").mkdir()
    (tmp_path / "wire" / "a.txt").write_text("a  b\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("a  b\n", encoding="utf-8")
    code, out, _ = run("check", ".", cwd=tmp_path)
    assert code == 1 and "b.txt:1:2: WSP006" in out and "wire/a.txt:1" not in out


def test_rules_and_rule_pages(run):
    code, out, _ = run("rules", "--format", "json")
    rules = json.loads(out)
    assert code == 0 and {"ENC001", "WSP009"} <= {r["code"] for r in rules}
    code, out, _ = run("rule", "trailing-whitespace")
    assert code == 0 and out.startswith("# WSP005 trailing-whitespace") and "## Fix safety" in out
    code, _, err = run("rule", "XYZ123")
    assert code == 2 and err == "error: unknown rule 'XYZ123' (see `cleanup rules`)\n"


# --- bad input: one line naming the file and the problem, a non-zero exit, nothing written -----

BAD_INPUTS = [
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (NUL byte at offset 8)"),
    ("latin1.txt", "Mariúpol".encode("latin-1"), "not valid UTF-8 (byte 0xfa at offset 4)"),
    ("utf16.txt", "\ufeffKyiv".encode("utf-16-le").join([b"\xff\xfe", b""])[0:0] + "Kyiv".encode("utf-16"),
     "UTF-16 text (byte-order mark found)"),
]


@pytest.mark.parametrize("name,data,problem", BAD_INPUTS)
@pytest.mark.parametrize("command", ["fix", "check"])
def test_bad_input_is_one_line_and_nothing_is_written(run, tmp_path, name, data, problem, command):
    bad = tmp_path / name
    bad.write_bytes(data)
    args = [command, bad] + (["-o", tmp_path / "out", "--log", tmp_path / "log.jsonl"] if command == "fix" else [])
    code, out, err = run(*args, "-q")
    assert code == 2
    assert err == f"error: {bad}: {problem}; convert it to UTF-8 first\n" if "UTF" in problem else err == f"error: {bad}: {problem}, not text\n"
    assert bad.read_bytes() == data
    assert not (tmp_path / "out" / name).exists()


def test_missing_and_unreadable_paths(run, tmp_path, monkeypatch):
    code, _, err = run("check", tmp_path / "nope.txt", "-q")
    assert code == 2 and err == f"error: {tmp_path / 'nope.txt'}: no such file or directory\n"
    locked = tmp_path / "locked.txt"
    locked.write_text("x\n", encoding="utf-8")
    real = Path.read_bytes

    def deny(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    code, _, err = run("check", locked, "-q")
    assert code == 2 and err == f"error: {locked}: permission denied\n"


def test_empty_file_and_utf8_bom_are_handled(run, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbfKyiv\n")
    code, _, err = run("fix", empty, bom, "-o", tmp_path / "out", "--log", tmp_path / "log.jsonl")
    assert code == 0, err
    assert (tmp_path / "out" / "empty.txt").read_bytes() == b""
    assert (tmp_path / "out" / "bom.txt").read_bytes() == b"Kyiv\n"
    assert run("revert", tmp_path / "log.jsonl", "-o", tmp_path / "back")[0] == 0
    assert (tmp_path / "back" / "bom.txt").read_bytes() == b"\xef\xbb\xbfKyiv\n"


def test_a_50_mb_single_line_is_cleaned(run, tmp_path):
    huge = tmp_path / "huge.txt"
    body = "Kyiv said the talks resumed on Monday. ".encode() * 1_300_000  # 52 MB, one line
    huge.write_bytes(b"Talks\xc2\xa0in  Kyiv " + body + b"End. \xe2\x80\x8b")
    code, _, err = run("fix", huge, "-o", tmp_path / "out", "--log", tmp_path / "log.jsonl", "-q")
    assert code == 0, err
    data = (tmp_path / "out" / "huge.txt").read_bytes()
    assert data.startswith(b"Talks in Kyiv Kyiv said") and data.endswith(b"End.\n")
    assert len(data) == len(body) + len(b"Talks in Kyiv End.\n")


def test_broken_rule_file_and_config_are_one_line_errors(run, tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "bad.toml").write_text('[meta]\nstage = "whitespace"\n[[rule]]\ncode = 1\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("x\n", encoding="utf-8")
    code, _, err = run("check", tmp_path / "a.txt", "--rules-dir", rules)
    assert code == 2 and err.startswith(f"error: {rules / 'bad.toml'}:3: ") and err.count("\n") == 1
    config = tmp_path / "cfg.toml"
    config.write_text("selekt = 1\n", encoding="utf-8")
    code, _, err = run("check", tmp_path / "a.txt", "--config", config)
    assert code == 2 and err.startswith(f"error: {config}:1: unknown key 'selekt' (known: ") and err.count("\n") == 1


def test_rules_that_never_settle_are_a_one_line_error_naming_the_file(run, tmp_path):
    from helpers import pattern_rule, rule_dir

    body = pattern_rule("WSP901", "test-a", "a", "b") + pattern_rule("WSP902", "test-b", "b", "a")
    rules = rule_dir(tmp_path, body)
    (tmp_path / "a.txt").write_text("a\n", encoding="utf-8")
    code, _, err = run("check", tmp_path / "a.txt", "--rules-dir", rules, "--select", "WSP901,WSP902")
    assert code == 2 and err.startswith(f"error: {tmp_path / 'a.txt'}: stage 'whitespace': fixes did not converge")
    assert err.count("error:") == 1


def test_output_may_not_overwrite_input(run, tmp_path):
    (tmp_path / "a.txt").write_text("x  y\n", encoding="utf-8")
    code, _, err = run("fix", tmp_path, "-o", tmp_path, "-q")
    assert code == 2 and "use --in-place" in err
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "x  y\n"


def test_internal_errors_are_one_line(run, tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("x\n", encoding="utf-8")
    monkeypatch.setattr("cleanup.batch.local.run_chunk", lambda *a: (_ for _ in ()).throw(RuntimeError("boom")))
    code, _, err = run("check", tmp_path / "a.txt")
    assert code == 3 and err.startswith("internal error: RuntimeError: boom") and err.count("\n") == 1


def test_module_and_console_script_entry_points(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("one  two", encoding="utf-8")
    for command in ([sys.executable, "-m", "cleanup"], [str(Path(sys.executable).parent / "cleanup")]):
        if not Path(command[-1]).exists() and command[-1].endswith("cleanup"):
            pytest.skip("console script not installed next to this interpreter")
        done = subprocess.run([*command, "check", str(article)], capture_output=True, text=True)
        assert done.returncode == 1 and "WSP006 [*]" in done.stdout


def test_scores_are_printed_carried_in_json_and_enforced(run, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Talks resumed on Monday in Istanbul.\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text("Headline\n\nLa reunión se celebró en la región de Brest, en la frontera con Polonia.\n",
                   encoding="utf-8")
    code, out, err = run("check", good, bad)
    assert code == 1 and f"{good}: score 100" in out and f"{bad}: score " in out
    assert "Average score" in err
    code, out, _ = run("check", good, "--output-format", "json", "--fail-under", "90")
    payload = json.loads(out)
    assert code == 0 and payload["files"][0]["score"]["score"] == 100 and payload["summary"]["average_score"] == 100
    code, _, err = run("check", bad, "--fail-under", "90", "--fail-on", "error", "-q")
    assert code == 1 and "quality score" in err and "is under 90" in err
    code, _, _ = run("fix", good, "-o", tmp_path / "out", "--fail-under", "90", "-q")
    assert code == 0
    code, _, _ = run("fix", bad, "-o", tmp_path / "out", "--fail-under", "90", "-q")
    assert code == 1
    with pytest.raises(SystemExit) as usage:  # argparse: a usage error exits 2
        run("check", good, "--fail-under", "101")
    assert usage.value.code == 2
