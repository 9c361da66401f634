"""The package works installed from a built wheel: rules/ ships inside it."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

from conftest import ROOT


def test_wheel_ships_rules_and_works_outside_the_checkout(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation", "-q", "-w", str(dist)],
        check=True, capture_output=True,
    )
    (wheel,) = dist.glob("cleanup-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    rule_files = sorted(p.relative_to(ROOT / "rules").as_posix() for p in (ROOT / "rules").rglob("*") if p.is_file())
    assert sorted(n.removeprefix("cleanup/rules/") for n in names if n.startswith("cleanup/rules/")) == rule_files
    for page_file in ("templates/article.html", "templates/index.html", "assets/report.css", "assets/report.js"):
        assert f"cleanup/html/{page_file}" in names
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
                   check=True, capture_output=True)
    probe = (
        "import cleanup, cleanup.locations as r;"
        "print(cleanup.__file__);print(r.builtin_rules_dir());print(repr(cleanup.clean('a  b').text))"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    module, rules_dir, output = done.stdout.splitlines()
    assert module.startswith(str(site)) and rules_dir == str(site / "cleanup" / "rules")
    assert output == "'a b\\n'"
