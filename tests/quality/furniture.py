"""Navigation removal measured on real pages (scrapinghub article-extraction benchmark).

Body kept: the share of the human-verified article body's characters, paragraph by
paragraph, found in the output (paragraphs that do not occur verbatim in the page text, about
1% per the corpus notes, cannot be kept by any line filter and are left out). Furniture
removed: each line of the page that is not a body paragraph (nor a 30+ character piece of
the body) is furniture; the share of its characters the output no longer has.

``python -m tests.quality.furniture`` prints the figures for both modes.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from cleanup import CleanupConfig, clean

PAGES = Path(__file__).resolve().parent.parent / "data" / "scrapinghub" / "pages.jsonl"


def _norm(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Score:
    body_total: int = 0
    body_kept: int = 0
    furniture_total: int = 0
    furniture_removed: int = 0

    @property
    def body_kept_share(self) -> float:
        return self.body_kept / self.body_total

    @property
    def furniture_removed_share(self) -> float:
        return self.furniture_removed / self.furniture_total


def label(full_text: str, body: str) -> list[tuple[str, bool]]:
    paragraphs = {_norm(p) for p in body.split("\n\n") if p.strip()}
    gold = _norm(body)
    out = []
    for line in full_text.splitlines():
        text = _norm(line)
        if text:
            out.append((text, text in paragraphs or (len(text) >= 30 and text in gold)))
    return out


def evaluate(mode: str, limit: int | None = None) -> Score:
    score = Score()
    config = CleanupConfig(mode=mode, select=("NAV",))  # navigation removal alone: other fixes edit the text
    with PAGES.open(encoding="utf-8") as handle:
        for number, row in enumerate(map(json.loads, handle)):
            if limit is not None and number >= limit:
                break
            output = clean(row["full_text"], config).text
            page, out = _norm(row["full_text"]), _norm(output)
            for paragraph in {_norm(p) for p in row["article_body"].split("\n\n") if p.strip()}:
                if paragraph in page:
                    score.body_total += len(paragraph)
                    score.body_kept += len(paragraph) * (paragraph in out)
            kept = Counter(_norm(line) for line in output.splitlines())
            for text, is_body in label(row["full_text"], row["article_body"]):
                survived = kept[text] > 0
                if survived:
                    kept[text] -= 1
                if not is_body:
                    score.furniture_total += len(text)
                    score.furniture_removed += len(text) * (not survived)
    return score


if __name__ == "__main__":
    for mode in ("page", "article"):
        s = evaluate(mode)
        print(f"{mode:8s} body kept {s.body_kept_share:.4f}  furniture removed {s.furniture_removed_share:.4f}")
