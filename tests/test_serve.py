"""`cleanup serve`: every endpoint, every kind of bad request, the review round trip."""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLES
from starlette.testclient import TestClient

from cleanup import CleanupConfig, clean
from cleanup.cli import main
from cleanup.difflog import revert
from cleanup.serve import create_app

ARTICLE = (SAMPLES / "000_5b9f9cd042bffdb2.txt").read_text(encoding="utf-8")  # has an unsafe fix (QLT003)
LIMIT = 20_000


@pytest.fixture(scope="module")
def client():
    app = create_app(CleanupConfig(), workers=1, timeout=120, max_bytes=LIMIT, store_size=3)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def test_clean_returns_the_clean_text_and_a_revertible_log(client):
    answer = client.post("/v1/clean", json={"text": ARTICLE})
    assert answer.status_code == 200
    body = answer.json()
    assert set(body) == {"text", "changes", "findings", "score", "metadata"}
    assert body["text"] == clean(ARTICLE).text
    assert revert(body["text"], body["changes"]) == ARTICLE
    assert all(c["applicability"] == "safe" for c in body["changes"])
    assert 0 <= body["score"]["score"] <= 100


def test_clean_with_config(client):
    unsafe = client.post("/v1/clean", json={"text": ARTICLE, "config": {"unsafe_fixes": True}}).json()
    assert unsafe["text"] == clean(ARTICLE, CleanupConfig(unsafe_fixes=True)).text
    assert any(c["applicability"] == "unsafe" for c in unsafe["changes"])
    only = client.post("/v1/clean", json={"text": "a  b\n", "config": {"select": ["WSP"], "ignore": "WSP006"}}).json()
    assert only["text"] == "a  b\n" and only["changes"] == []


def test_check_applies_nothing(client):
    body = client.post("/v1/check", json={"text": ARTICLE}).json()
    assert "text" not in body
    assert body["pending"] == len(body["changes"]) == len(clean(ARTICLE).changes) > 0
    assert set(body) == {"pending", "changes", "findings", "score", "metadata"}


def test_rules_and_health(client, capsys):
    main(["rules", "--isolated", "--format", "json"])
    assert client.get("/v1/rules").json() == json.loads(capsys.readouterr().out)
    assert client.get("/health").json()["status"] == "ok"


BAD = [
    ("not json", b"{text: 1", 400, "not valid JSON"),
    ("not utf-8", b"\xff\xfe{}", 400, "not valid JSON"),
    ("an array", b"[1]", 422, "JSON object"),
    ("no text", b"{}", 422, "missing field"),
    ("text a number", b'{"text": 5}', 422, "must be a string"),
    ("text null", b'{"text": null}', 422, "must be a string"),
    ("unknown field", b'{"text": "a", "lang": "en"}', 422, "unknown field"),
    ("config a list", b'{"text": "a", "config": []}', 422, "config: must be an object"),
    ("unknown config key", b'{"text": "a", "config": {"fast": true}}', 422, "unknown key 'fast'"),
    ("unknown rule code", b'{"text": "a", "config": {"select": ["XYZ999"]}}', 422, "unknown rule code"),
    ("unknown ignored code", b'{"text": "a", "config": {"ignore": ["NOPE"]}}', 422, "unknown rule code"),
    ("select wrong type", b'{"text": "a", "config": {"select": 3}}', 422, "config.select"),
    ("unsafe not bool", b'{"text": "a", "config": {"unsafe_fixes": "yes"}}', 422, "true or false"),
    ("unknown profile", b'{"text": "a", "config": {"profile": "bbc"}}', 422, "unknown house-style profile"),
    ("bad mode", b'{"text": "a", "config": {"mode": "pdf"}}', 422, "config.mode"),
    ("name not a string", b'{"text": "a", "name": 1}', 422, "name"),
    ("lone surrogate", b'{"text": "a\\ud800b"}', 422, "lone surrogate"),
    ("text too big", json.dumps({"text": "x" * (LIMIT + 1)}).encode(), 413, "limit is"),
    ("text too big in UTF-8", json.dumps({"text": "é" * (LIMIT // 2 + 1)}).encode(), 413, "limit is"),
    ("body far too big", b'{"text": "' + b"x" * (LIMIT * 6 + 70000) + b'"}', 413, "limit is"),
]


@pytest.mark.parametrize("path", ["/v1/clean", "/v1/check", "/review"])
@pytest.mark.parametrize("name, body, status, says", BAD, ids=[b[0] for b in BAD])
def test_bad_requests_get_a_json_4xx(client, path, name, body, status, says):
    answer = client.post(path, content=body, headers={"content-type": "application/json"})
    assert answer.status_code == status, answer.text
    assert says in answer.json()["error"]
    assert "Traceback" not in answer.text


def test_unknown_paths_and_methods_are_json(client):
    assert client.get("/v2/clean").status_code == 404 and "error" in client.get("/v2/clean").json()
    for method in ("get", "put", "delete"):
        answer = client.request(method, "/v1/clean")
        assert answer.status_code == 405 and "error" in answer.json()
    assert client.get("/review/nothing-here").status_code == 404


def test_an_unexpected_error_is_a_json_500_without_traceback(client, monkeypatch):
    import cleanup.serve

    def broken(items):
        raise RuntimeError("secret detail")

    monkeypatch.setattr(cleanup.serve, "review_index", broken)
    answer = client.get("/review")
    assert answer.status_code == 500
    assert answer.json() == {"error": "internal error: RuntimeError"}


def test_a_request_over_the_timeout_is_a_503_and_the_pool_recovers():
    app = create_app(CleanupConfig(), workers=1, timeout=0.001)
    with TestClient(app) as client:
        old = app.state.workers.pool
        answer = client.post("/v1/clean", json={"text": ARTICLE})
        assert answer.status_code == 503 and "longer than" in answer.json()["error"]
        assert app.state.workers.pool is not old
        app.state.workers.timeout = 120
        assert client.post("/v1/clean", json={"text": "a  b\n"}).json()["text"] == "a b\n"


def _post_review(client, text=ARTICLE, name="sample-000"):
    answer = client.post("/review", json={"text": text, "name": name}, follow_redirects=False)
    assert answer.status_code == 303
    return answer.headers["location"]


def test_review_accept_and_reject_change_the_text_and_the_log_reverts(client, tmp_path, capsys):
    where = _post_review(client)
    page = client.get(where)
    assert page.status_code == 200 and 'data-review="' + where + '"' in page.text
    full = clean(ARTICLE, CleanupConfig(unsafe_fixes=True))
    unsafe = next(i for i, c in enumerate(full.changes) if c.applicability.label == "unsafe")
    safe = next(i for i, c in enumerate(full.changes) if c.applicability.label == "safe")
    assert page.text.count('class="chg ') == len(full.changes) - 1 and page.text.count('class="sug ') == 1
    assert client.get(where + "/text").text == clean(ARTICLE).text

    answer = client.post(f"{where}/changes/{unsafe}", json={"accept": True})
    assert answer.status_code == 200
    assert client.get(where + "/text").text == full.text
    answer = client.post(f"{where}/changes/{safe}", json={"accept": False}).json()
    final = client.get(where + "/text").text
    assert answer["text"] == final and safe not in answer["applied"] and final != full.text
    change = full.changes[safe]
    assert change.before in final

    (tmp_path / "final.txt").write_text(final, encoding="utf-8")
    (tmp_path / "log.jsonl").write_text(client.get(where + "/log").text, encoding="utf-8")
    capsys.readouterr()
    assert main(["revert", str(tmp_path / "log.jsonl"), str(tmp_path / "final.txt")]) == 0
    assert capsys.readouterr().out == ARTICLE


def test_review_decision_errors(client):
    where = _post_review(client)
    assert client.post(f"{where}/changes/9999", json={"accept": True}).status_code == 404
    assert client.post(f"{where}/changes/0", json={"accept": "yes"}).status_code == 422
    assert client.post(f"{where}/changes/0", content=b"nope").status_code == 400
    assert client.post(f"{where}/changes/x", json={"accept": True}).status_code == 404


def test_review_form_index_eviction_and_assets(client):
    answer = client.post("/review", data={"text": "Hello  world .\r\n", "name": "pasted"}, follow_redirects=False)
    assert answer.status_code == 303
    first = answer.headers["location"]
    assert client.get(first + "/text").text == "Hello world.\n"
    assert "pasted" in client.get("/review").text and "<form" in client.get("/review").text
    for n in range(3):
        _post_review(client, "a  b\n", f"n{n}")
    assert client.get(first).status_code == 404  # the store holds 3: the oldest went
    assert client.get("/assets/report.js").status_code == 200
    assert client.get("/assets/report.css").headers["content-type"].startswith("text/css")


def _gone(pid: int, seconds: float = 5.0) -> bool:
    """Whether the process has exited (a zombie counts: it runs no more), waiting a little."""
    import time as clock

    deadline = clock.monotonic() + seconds
    while clock.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
                if handle.read().rsplit(")", 1)[1].split()[0] in ("Z", "X"):
                    return True
        except FileNotFoundError:
            return True
        clock.sleep(0.05)
    return False


def test_a_slow_call_does_not_block_others_and_a_stuck_one_is_killed():
    import asyncio
    import time as clock

    from cleanup.serve import Unavailable, Workers

    async def scenario():
        workers = Workers(2, timeout=3)
        await asyncio.gather(workers.call(len, "warm"), workers.call(len, "up"))
        started = clock.monotonic()
        slow = asyncio.ensure_future(workers.call(clock.sleep, 2))
        await asyncio.sleep(0.2)
        assert await workers.call(len, "abc") == 3
        quick = clock.monotonic() - started
        await slow
        old = workers.pool
        workers.timeout = 1
        stuck = asyncio.ensure_future(workers.call(clock.sleep, 30))
        await asyncio.sleep(0.1)
        processes = list(old._processes.values())
        other = asyncio.ensure_future(workers.call(clock.sleep, 0.5))  # dies with the stuck pool: retried
        try:
            await stuck
        except Unavailable as exc:
            assert "longer than 1 s" in str(exc)
        else:
            raise AssertionError("the stuck call was not stopped")
        assert await other is None
        assert workers.pool is not old and len(processes) == 2
        for process in processes:  # gone: the pool's own thread may be the one that reaps it
            process.join(5)
            assert not process.is_alive() or _gone(process.pid)
        workers.close()
        return quick

    assert asyncio.run(scenario()) < 1.5
