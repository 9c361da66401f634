"""The review pages in a real headless browser (Debian chromium + chromedriver, via selenium).

Against the static report opened as file:// and against `cleanup serve` on a loopback port:
no console errors, every logged change highlighted, j/k move focus, accept and reject change
the served text. Screenshots go to ``test-artifacts/``. Skips, saying why, only where no
browser is installed (the README's test command installs one when run as root).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES

from cleanup import CleanupConfig, clean
from cleanup.cli import main

ARTIFACTS = Path(os.environ.get("CLEANUP_TEST_ARTIFACTS", ROOT / "test-artifacts"))
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
ARTICLE = SAMPLES / "000_5b9f9cd042bffdb2.txt"  # has an unsafe fix, shown as a suggestion


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    if not (os.access(CHROMIUM, os.X_OK) and os.access(DRIVER, os.X_OK)):
        pytest.skip(f"no browser: {CHROMIUM} and {DRIVER} are needed (apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--window-size=1280,900",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(service=webdriver.ChromeService(executable_path=DRIVER), options=options)
    browser.set_page_load_timeout(60)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    yield browser
    browser.quit()


def _console_errors(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]


def _by(name):
    from selenium.webdriver.common.by import By

    return getattr(By, name)


def _press(driver, key: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys(key).perform()


def _active_id(driver) -> str:
    return driver.execute_script("return document.activeElement && document.activeElement.id")


def _wait(condition, timeout: float = 20.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out waiting for the page")


def test_static_report(driver, tmp_path):
    out = tmp_path / "report"
    assert main(["fix", *map(str, sorted(SAMPLES.glob("*.txt"))), "--isolated", "-q", "--unsafe-fixes",
                 "-o", str(tmp_path / "out"), "--log", str(tmp_path / "log.jsonl"), "--html", str(out)]) == 0
    logged = [json.loads(line) for line in (tmp_path / "log.jsonl").read_text().splitlines()]
    headers = [r for r in logged if r["kind"] == "file"]

    driver.get((out / "index.html").as_uri())
    rows = driver.find_elements(_by("CSS_SELECTOR"), "#articles tbody tr")
    assert len(rows) == len(headers)
    code = next(r["code"] for r in logged if r["kind"] == "change")
    driver.find_element(_by("CSS_SELECTOR"), f'button.rule[data-code="{code}"]').click()
    shown = [r for r in rows if r.is_displayed()]
    expected = {h["file"] for h in headers if any(r.get("code") == code and r["file"] == h["file"] for r in logged)}
    assert {r.find_element(_by("TAG_NAME"), "a").text for r in shown} == expected
    driver.save_screenshot(str(ARTIFACTS / "report-index.png"))
    assert _console_errors(driver) == []

    for n, header in enumerate(headers, 1):
        changes = [r for r in logged if r["kind"] == "change" and r["file"] == header["file"]]
        driver.get((out / "articles" / f"{n:05d}.html").as_uri())
        marks = driver.find_elements(_by("CSS_SELECTOR"), "#text .chg")
        assert [m.get_attribute("data-code") for m in marks] == [c["code"] for c in
                                                                  _in_page_order(marks, changes)]
        assert sorted(int(m.get_attribute("data-index")) for m in marks) == list(range(len(changes)))
        if len(marks) >= 2:
            _press(driver, "j")
            assert _active_id(driver) == marks[0].get_attribute("id")
            _press(driver, "j")
            assert _active_id(driver) == marks[1].get_attribute("id")
            _press(driver, "k")
            assert _active_id(driver) == marks[0].get_attribute("id")
            _press(driver, "k")
            assert _active_id(driver) == marks[-1].get_attribute("id")  # wraps around
        if n == 1:
            driver.save_screenshot(str(ARTIFACTS / "report-article.png"))
        assert _console_errors(driver) == []


def test_rule_filter_searches_every_index_page(driver, tmp_path):
    from cleanup.html import write_report
    from cleanup.html.build import view_of
    from cleanup.score import quality_score

    views = []
    for path in sorted(SAMPLES.glob("*.txt")):
        result = clean(path.read_text(encoding="utf-8"), CleanupConfig(unsafe_fixes=True))
        views.append(view_of(result, path.name, quality_score(result)))
    write_report(tmp_path, views, page_size=2)
    driver.get((tmp_path / "index-3.html").as_uri())
    assert len(driver.find_elements(_by("CSS_SELECTOR"), "#articles tbody tr")) == 1
    code = "WSP009"  # every sample gets its final newline fixed
    having = sorted(v.file for v in views if code in v.codes)
    driver.find_element(_by("CSS_SELECTOR"), f'button.rule[data-code="{code}"]').click()
    _wait(lambda: len(driver.find_elements(_by("CSS_SELECTOR"), "#articles tbody tr")) == len(having))
    links = driver.find_elements(_by("CSS_SELECTOR"), "#articles tbody tr td.file a")
    assert sorted(a.text for a in links) == having
    assert f"{len(having)} of {len(views)} articles" in driver.find_element(_by("ID"), "filter-note").text
    links[0].click()
    _wait(lambda: "/articles/" in driver.current_url)
    driver.back()
    _wait(lambda: driver.find_elements(_by("ID"), "rule-filter"))
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element(_by("ID"), "rule-filter")).select_by_value("")
    assert len(driver.find_elements(_by("CSS_SELECTOR"), "#articles tbody tr:not(.hidden)")) == 1
    assert _console_errors(driver) == []


def _in_page_order(marks, changes):
    return [changes[int(m.get_attribute("data-index"))] for m in marks]


@pytest.fixture(scope="module")
def server():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "cleanup", "serve", "--isolated", "--port", str(port),
                                "--workers", "1", "--timeout", "120"], cwd=ROOT)
    base = f"http://127.0.0.1:{port}"

    def up():
        try:
            return urllib.request.urlopen(base + "/health", timeout=2).status == 200
        except OSError:
            assert process.poll() is None, "cleanup serve exited"
            return False

    try:
        _wait(up, 60)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def _get(url: str) -> str:
    return urllib.request.urlopen(url, timeout=120).read().decode("utf-8")


def test_served_review_accept_and_reject(driver, server):
    original = ARTICLE.read_text(encoding="utf-8")
    full = clean(original, CleanupConfig(unsafe_fixes=True))
    unsafe = next(i for i, c in enumerate(full.changes) if c.applicability.label == "unsafe")
    safe = next(i for i, c in enumerate(full.changes) if c.applicability.label == "safe")

    driver.get(server + "/review")
    driver.find_element(_by("ID"), "name").clear()
    driver.find_element(_by("ID"), "name").send_keys("sample 000")
    driver.execute_script("document.getElementById('text-input').value = arguments[0];", original)
    driver.find_element(_by("ID"), "submit").click()
    _wait(lambda: "/review/" in driver.current_url)
    where = driver.current_url
    assert _get(where + "/text") == clean(original).text
    assert len(driver.find_elements(_by("CSS_SELECTOR"), "#text .chg")) == len(full.changes) - 1
    assert [s.get_attribute("data-index") for s in driver.find_elements(_by("CSS_SELECTOR"), "#text .sug")] == [str(unsafe)]
    _press(driver, "j")
    assert _active_id(driver) == driver.find_elements(_by("CSS_SELECTOR"), "#text .chg, #text .sug")[0].get_attribute("id")
    driver.save_screenshot(str(ARTIFACTS / "serve-review.png"))

    driver.find_element(_by("CSS_SELECTOR"), f"#c{unsafe} button.decide").click()  # accept the suggestion
    _wait(lambda: driver.find_elements(_by("CSS_SELECTOR"), f"#text .chg#c{unsafe}"))
    assert _get(where + "/text") == full.text
    assert _active_id(driver) == f"c{unsafe}"  # focus comes back to the decided change

    driver.find_element(_by("CSS_SELECTOR"), f"#c{safe} button.decide").click()  # undo a safe change
    _wait(lambda: driver.find_elements(_by("CSS_SELECTOR"), f"#text .sug#c{safe}"))
    final = _get(where + "/text")
    assert final != full.text and full.changes[safe].before in final
    driver.save_screenshot(str(ARTIFACTS / "serve-review-decided.png"))
    driver.get(server + "/review")
    assert "sample 000" in driver.page_source
    assert _console_errors(driver) == []
