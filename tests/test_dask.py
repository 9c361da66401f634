"""The pipeline on a real Dask LocalCluster (2 worker processes) equals the local run."""

from __future__ import annotations

import json
import os
import signal
import threading
import time

import pytest

from cleanup import cli
from synthetic import records, write_jsonl

distributed = pytest.importorskip("distributed")
db = pytest.importorskip("dask.bag")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


def run(*args) -> int:
    return cli.main([str(a) for a in args])


def test_cli_on_a_scheduler_equals_the_local_run(tmp_path, cluster):
    write_jsonl(tmp_path / "c.jsonl", 40, size=500)
    common = ["--id-field", "id", "-q"]
    assert run("fix", tmp_path / "c.jsonl", "-o", tmp_path / "local.jsonl", "--log", tmp_path / "local.log", *common) == 0
    assert run("fix", tmp_path / "c.jsonl", "-o", tmp_path / "dask.jsonl", "--log", tmp_path / "dask.log",
               "--scheduler", cluster.scheduler_address, *common) == 0
    assert (tmp_path / "dask.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    assert (tmp_path / "dask.log").read_bytes() == (tmp_path / "local.log").read_bytes()


def test_a_worker_killed_mid_batch_has_its_work_redone(tmp_path, cluster):
    write_jsonl(tmp_path / "c.jsonl", 300, size=1500)
    assert run("fix", tmp_path / "c.jsonl", "-o", tmp_path / "local.jsonl", "-q") == 0
    codes = []
    batch = threading.Thread(target=lambda: codes.append(run(
        "fix", tmp_path / "c.jsonl", "-o", tmp_path / "dask.jsonl", "-q", "--scheduler", cluster.scheduler_address)))
    with distributed.Client(cluster) as client:
        pids = client.run(os.getpid)
        batch.start()
        busy = []
        while not busy and batch.is_alive():
            busy = [worker for worker, tasks in client.processing().items() if tasks]
            time.sleep(0.005)
        assert busy, "the batch ended before a worker could be killed"
        os.kill(pids[busy[0]], signal.SIGKILL)  # kill -9 a worker with a chunk in hand
        batch.join(timeout=300)
        client.wait_for_workers(2, timeout=60)  # the nanny restarts it, for the other tests
    assert codes == [0]
    assert (tmp_path / "dask.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()


def test_scheduler_local_starts_its_own_cluster(tmp_path):
    write_jsonl(tmp_path / "c.jsonl", 8, size=300)
    assert run("fix", tmp_path / "c.jsonl", "-o", tmp_path / "local.jsonl", "-q") == 0
    assert run("fix", tmp_path / "c.jsonl", "-o", tmp_path / "dask.jsonl", "-q", "--scheduler", "local", "-j", "2") == 0
    assert (tmp_path / "dask.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()


def test_bag_and_dataframe_api_equal_the_cli(tmp_path, cluster):
    from cleanup.dask import clean_bag, clean_dataframe

    rows = list(records(24, size=400))
    rows[5] = {**rows[5], "text": None}
    (tmp_path / "c.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    run("fix", tmp_path / "c.jsonl", "-o", tmp_path / "cli.jsonl", "--id-field", "id", "-q")
    expected = [json.loads(line) for line in (tmp_path / "cli.jsonl").read_text(encoding="utf-8").splitlines()]
    with distributed.Client(cluster):
        bag = clean_bag(db.from_sequence(rows, npartitions=5), id_field="id").compute()
        dd = pytest.importorskip("dask.dataframe")
        pd = pytest.importorskip("pandas")
        frame = clean_dataframe(dd.from_pandas(pd.DataFrame(rows), npartitions=4), id_field="id").compute()
    assert [r["id"] for r in bag] == [r["id"] for r in rows]
    assert bag[5]["cleanup_error"] == "a0000006: field 'text' is NoneType, not text" and bag[5]["text"] is None
    good = [{k: v for k, v in r.items() if k != "cleanup_error"} for r in bag if r["cleanup_error"] is None]
    assert good == expected
    assert frame["text"].tolist()[:5] == [r["text"] for r in expected[:5]]
    assert frame["cleanup_score"].tolist()[6:] == [r["cleanup_score"] for r in expected[5:]]
