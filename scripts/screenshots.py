"""Regenerate the README's screenshots (docs/review-*.png) with headless chromium.

    python scripts/screenshots.py

Builds the report of `samples/` with unsafe fixes on, then shoots the index and the first
article (a change focused, so its tooltip shows) at a laptop-sized window.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    from selenium import webdriver
    from selenium.webdriver.common.action_chains import ActionChains

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        inputs = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "samples").glob("*.txt"))
        subprocess.run([sys.executable, "-m", "cleanup", "fix", *inputs, "--isolated", "-q", "--unsafe-fixes",
                        "-o", str(out / "clean"), "--html", str(out / "report")], check=True, cwd=ROOT)
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--no-first-run", "--window-size=1200,760", f"--user-data-dir={out / 'profile'}"):
            options.add_argument(flag)
        driver = webdriver.Chrome(service=webdriver.ChromeService("/usr/bin/chromedriver"), options=options)
        try:
            driver.get((out / "report" / "index.html").as_uri())
            driver.save_screenshot(str(ROOT / "docs" / "review-index.png"))
            driver.get((out / "report" / "articles" / "00001.html").as_uri())
            for _ in range(3):
                ActionChains(driver).send_keys("j").perform()
            driver.execute_script("window.scrollTo(0, 0)")
            driver.save_screenshot(str(ROOT / "docs" / "review-article.png"))
        finally:
            driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
