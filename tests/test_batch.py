"""Batches: JSONL and Parquet corpora, bad records, atomic outputs, resume after kill -9, Dask."""

from __future__ import annotations

import datetime
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cleanup import cli
from cleanup.batch import local
from conftest import ROOT
from synthetic import records, write_jsonl

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


def run(*args) -> int:
    return cli.main([str(a) for a in args])


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def corpus_with_bad_records(path: Path, count: int = 12) -> list[dict]:
    rows = list(records(count, size=800))
    raw = [json.dumps(r, ensure_ascii=False) for r in rows]
    raw[4] = json.dumps({"id": "bad-int", "text": 42})
    raw[6] = '{"id": "bad-json", "text": '
    raw[8] = json.dumps({"id": "too-big", "text": "word " * 3000})
    path.write_text("\n".join(raw) + "\n", encoding="utf-8")
    return [r for i, r in enumerate(rows) if i not in (4, 6, 8)]


def test_jsonl_round_trip_keeps_fields_adds_scores_and_skips_bad_records(tmp_path, capsys):
    corpus, out, log = tmp_path / "c.jsonl", tmp_path / "out.jsonl", tmp_path / "log.jsonl"
    good = corpus_with_bad_records(corpus)
    code = run("fix", corpus, "--id-field", "id", "-o", out, "--log", log, "--max-bytes", "10000")
    err = capsys.readouterr().err
    assert code == 2  # the batch finished, but some records could not be cleaned
    assert "bad-int: field 'text' is int, not text" in err
    assert f"{corpus}:7: not valid JSON" in err  # no id to name: the line number instead
    assert "too-big: article is 15,000 bytes, over the limit of 10,000" in err
    cleaned = lines(out)
    assert [r["id"] for r in cleaned] == [r["id"] for r in good]
    for before, after in zip(good, cleaned):
        assert {k: after[k] for k in ("id", "source", "year")} == {k: before[k] for k in ("id", "source", "year")}
        assert list(after) == [*before, "cleanup_score", "cleanup_fixes", "cleanup_findings"]
        assert 0 <= after["cleanup_score"] <= 100
    changed = [a for b, a in zip(good, cleaned) if a["text"] != b["text"]]
    assert changed and all(a["cleanup_fixes"] > 0 for a in changed)
    logged = lines(log)
    headers = [r for r in logged if r["kind"] == "file"]
    assert [h["file"] for h in headers] == [r["id"] for r in good]  # keyed by the record id
    errors = [r for r in logged if r["kind"] == "error"]
    assert [(r.get("id"), r["record"]) for r in errors] == [("bad-int", 4), (None, 6), ("too-big", 8)]
    from cleanup import revert
    from cleanup.difflog import read_log

    for logged_file, before, after in zip(read_log(log), good, cleaned):
        assert revert(after["text"], logged_file.changes) == before["text"]
    assert run("revert", log, "-o", tmp_path / "restored") == 2
    assert "is a corpus log; give the clean corpus and -o FILE" in capsys.readouterr().err
    assert run("revert", log, out, "-o", tmp_path / "restored.jsonl") == 0
    assert lines(tmp_path / "restored.jsonl") == good


def test_parquet_revert_restores_the_original_table(tmp_path):
    rows = list(records(15, size=700))
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "c.parquet")
    assert run("fix", tmp_path / "c.parquet", "-o", tmp_path / "o.parquet", "--log", tmp_path / "log", "-q") == 0
    assert pq.read_table(tmp_path / "o.parquet").column("text").to_pylist() != [r["text"] for r in rows]
    assert run("revert", tmp_path / "log", tmp_path / "o.parquet", "-o", tmp_path / "r.parquet") == 0
    assert pq.read_table(tmp_path / "r.parquet").equals(pq.read_table(tmp_path / "c.parquet"))


def test_parquet_round_trip_keeps_types_and_ids(tmp_path):
    rows = list(records(20, size=800))
    table = pa.Table.from_pylist(rows).append_column(
        "when", pa.array([datetime.datetime(2024, 1, 1 + i) for i in range(20)], pa.timestamp("ms")))
    pq.write_table(table, tmp_path / "c.parquet", row_group_size=7)
    assert run("fix", tmp_path / "c.parquet", "--id-field", "id", "-o", tmp_path / "o.parquet", "-q", "-j", "2") == 0
    out = pq.read_table(tmp_path / "o.parquet")
    assert out.schema.names == [*table.schema.names, "cleanup_score", "cleanup_fixes", "cleanup_findings"]
    assert out.schema.field("when").type == pa.timestamp("ms")
    assert out.column("id").to_pylist() == table.column("id").to_pylist()
    assert out.column("when").to_pylist() == table.column("when").to_pylist()
    assert out.column("year").to_pylist() == table.column("year").to_pylist()
    assert all(0 <= s <= 100 for s in out.column("cleanup_score").to_pylist())
    # the same corpus as JSON Lines gives the same clean texts and scores
    write_jsonl(tmp_path / "c.jsonl", 20, size=800)
    assert run("fix", tmp_path / "c.jsonl", "-o", tmp_path / "o.jsonl", "-q") == 0
    as_jsonl = lines(tmp_path / "o.jsonl")
    assert [r["text"] for r in as_jsonl] == out.column("text").to_pylist()
    assert [r["cleanup_score"] for r in as_jsonl] == out.column("cleanup_score").to_pylist()


def test_check_reads_corpora_and_never_writes(tmp_path, capsys):
    corpus = tmp_path / "c.jsonl"
    corpus_with_bad_records(corpus, 10)
    before = corpus.read_bytes()
    code = run("check", corpus, "--id-field", "id", "--output-format", "jsonl", "-q", "--max-bytes", "10000")
    out = capsys.readouterr().out
    assert code == 2 and corpus.read_bytes() == before
    files = [json.loads(line)["file"] for line in out.splitlines() if json.loads(line)["kind"] == "file"]
    assert files == [r["id"] for r in records(10, size=800) if r["id"] not in ("a0000005", "a0000007", "a0000009")]


def test_corpus_usage_errors_are_one_line(tmp_path, capsys):
    write_jsonl(tmp_path / "c.jsonl", 2, size=100)
    assert run("fix", tmp_path / "c.jsonl", "-o", tmp_path / "o.parquet") == 2
    assert run("fix", tmp_path / "c.jsonl", "-o", tmp_path / "c.jsonl") == 2
    assert run("fix", tmp_path / "missing.parquet", "-o", tmp_path / "o.parquet") == 2
    (tmp_path / "bad.parquet").write_text("not parquet")
    assert run("fix", tmp_path / "bad.parquet", "-o", tmp_path / "o.parquet") == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"error: {tmp_path / 'o.parquet'}: a jsonl corpus is written to a .jsonl file",
        f"error: {tmp_path / 'c.jsonl'}: output would overwrite the input corpus",
        f"error: {tmp_path / 'missing.parquet'}: no such file or directory",
        err[3],
    ]
    assert err[3].startswith(f"error: {tmp_path / 'bad.parquet'}: not a readable Parquet file")
    assert not list(tmp_path.glob("o.*")) and not list(tmp_path.glob(".o.*"))


def test_stdout_when_no_output_is_given(tmp_path, capsys):
    write_jsonl(tmp_path / "c.jsonl", 3, size=200)
    assert run("fix", tmp_path / "c.jsonl", "-q") == 0
    assert [json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()] == ["a0000001", "a0000002",
                                                                                          "a0000003"]


def test_parallel_corpus_run_equals_serial(tmp_path):
    write_jsonl(tmp_path / "c.jsonl", 60, size=600)
    for jobs in ("1", "2"):
        assert run("fix", tmp_path / "c.jsonl", "-o", tmp_path / f"o{jobs}.jsonl", "--log", tmp_path / f"l{jobs}",
                   "-q", "-j", jobs) == 0
    assert (tmp_path / "o1.jsonl").read_bytes() == (tmp_path / "o2.jsonl").read_bytes()
    assert (tmp_path / "l1").read_bytes() == (tmp_path / "l2").read_bytes()


def _commits(state: Path) -> int:
    try:
        with sqlite3.connect(f"file:{state}?mode=ro", uri=True, timeout=0.1) as db:
            return db.execute("SELECT count(*) FROM commits").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_resume_after_kill_9_writes_each_article_once_and_equals_a_full_run(tmp_path, monkeypatch):
    corpus = tmp_path / "c.jsonl"
    write_jsonl(corpus, 400, size=1500)
    options = ["--id-field", "id", "-q"]
    assert run("fix", corpus, "-o", tmp_path / "full.jsonl", "--log", tmp_path / "full.log", *options) == 0

    out, log = tmp_path / "out.jsonl", tmp_path / "out.log"
    out.write_text("an earlier output\n", encoding="utf-8")
    state = tmp_path / ".out.jsonl.cleanup-state"
    env = {**os.environ, "CLEANUP_COMMIT_SECONDS": "0.1"}
    command = [sys.executable, "-m", "cleanup", "fix", str(corpus), "-o", str(out), "--log", str(log), *options]
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _commits(state) < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the batch ended before it could be killed"
    proc.kill()
    proc.wait()
    assert out.read_text(encoding="utf-8") == "an earlier output\n"  # the target is replaced only at the end
    partial = tmp_path / ".out.jsonl.partial"
    done = len(partial.read_bytes().splitlines())
    assert 0 < done < 400

    assert run("fix", corpus, "-o", out, "--log", log, *options) == 2  # state found: resume or restart?
    cleaned = []
    real = local.run_chunk
    monkeypatch.setattr(local, "run_chunk", lambda job, items: cleaned.extend(items) or real(job, items))
    assert run("fix", corpus, "-o", out, "--log", log, "--resume", *options) == 0
    assert 0 < len(cleaned) <= 400 - done + 16  # at most the chunk in flight is cleaned again
    ids = [r["id"] for r in lines(out)]
    assert len(ids) == len(set(ids)) == 400
    assert out.read_bytes() == (tmp_path / "full.jsonl").read_bytes()
    assert log.read_bytes() == (tmp_path / "full.log").read_bytes()
    assert not state.exists() and not partial.exists()


def test_resume_refuses_other_options(tmp_path, capsys):
    corpus = tmp_path / "c.jsonl"
    write_jsonl(corpus, 3, size=100)
    from cleanup.batch.state import State, state_path

    State(state_path(tmp_path / "o.jsonl"), {"an": "other run"}).start()
    assert run("fix", corpus, "-o", tmp_path / "o.jsonl", "--resume") == 2
    assert "the interrupted run had other inputs or options" in capsys.readouterr().err
    assert run("fix", corpus, "-o", tmp_path / "o.jsonl", "--restart", "-q") == 0
    assert len(lines(tmp_path / "o.jsonl")) == 3


def test_progress_bar_on_a_terminal_only(tmp_path):
    import pty

    write_jsonl(tmp_path / "c.jsonl", 40, size=300)
    command = [sys.executable, "-m", "cleanup", "fix", str(tmp_path / "c.jsonl"), "-o", str(tmp_path / "o.jsonl")]
    master, slave = pty.openpty()
    proc = subprocess.run(command, cwd=ROOT, stderr=slave, stdout=subprocess.DEVNULL, env={**os.environ, "COLUMNS": "120"})
    os.close(slave)
    shown = b""
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        shown += data
    os.close(master)
    assert proc.returncode == 0
    assert b"article" in shown and b"MB/s" in shown and b"40 files:" in shown
    piped = subprocess.run(command + ["--restart"], cwd=ROOT, capture_output=True)
    assert b"MB/s" not in piped.stderr and piped.stderr.count(b"\n") == 1  # just the summary


def test_a_folder_of_files_resumes_after_ctrl_c(tmp_path, monkeypatch, capsys):
    from cleanup.batch import run as batch_run
    from synthetic import write_files

    write_files(tmp_path / "in", 40, size=300)
    assert run("fix", tmp_path / "in", "-o", tmp_path / "full", "--log", tmp_path / "full.log", "-q") == 0
    monkeypatch.setattr(batch_run, "COMMIT_SECONDS", 0)
    real, calls = local.run_chunk, []

    def interrupted(job, items):
        calls.append(len(items))
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(job, items)

    monkeypatch.setattr(local, "run_chunk", interrupted)
    out, log = tmp_path / "out", tmp_path / "out.log"
    assert run("fix", tmp_path / "in", "-o", out, "--log", log, "-q") == 130
    assert "rerun the same command with --resume" in capsys.readouterr().err
    assert not log.exists() and len(list(out.glob("*.txt"))) == 32
    monkeypatch.setattr(local, "run_chunk", real)
    assert run("fix", tmp_path / "in", "-o", out, "--log", log, "-q", "--resume") == 0
    assert log.read_text().replace("/out/", "/full/") == (tmp_path / "full.log").read_text()
    assert not (out / ".cleanup-state").exists()


def test_an_output_that_cannot_be_written_is_one_line(tmp_path, capsys):
    write_jsonl(tmp_path / "c.jsonl", 2, size=100)
    assert run("fix", tmp_path / "c.jsonl", "-o", tmp_path / "c.jsonl" / "o.jsonl") == 2
    err = capsys.readouterr().err
    assert err.startswith("error: cannot write the output: ") and err.count("\n") == 1
