"""Untranslated-text detection measured on real data (issue 6).

- NTREX: into each English article, a paragraph of its professional Spanish or French
  translation is inserted; recall is the share of those paragraphs reported as not English,
  false alarms the English paragraphs reported.
- WMT23 zh-en (expert MQM annotations): recall on machine-translated segments marked
  "Source language fragment" or "Non-translation" whose translation holds Chinese characters.
- Cost: the share of the run time spent in language identification.

``python -m tests.quality.language`` prints the figures.
"""

from __future__ import annotations

import csv
import json
import random
import re
import time
from pathlib import Path

from cleanup import CleanupConfig, clean
from cleanup.stages import language

DATA = Path(__file__).resolve().parent.parent / "data"
FLAGS = ("untranslated-text", "foreign-script")
_CJK = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
ALARMS: list[str] = []  # the English text reported, for inspection


def _ntrex_docs() -> list[dict]:
    with (DATA / "ntrex" / "ntrex_docs.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _paragraphs(sentences: list[str]) -> list[tuple[int, int]]:
    """The same grouping as the tests' NTREX articles: a headline, then 1, 2, 3, 1, ... sentences."""
    groups, i, size = [(0, 1)], 1, 1
    while i < len(sentences):
        groups.append((i, min(i + size, len(sentences))))
        i += size
        size = size % 3 + 1
    return groups


def inserted_paragraphs(seed: int = 5) -> dict[str, float]:
    rng = random.Random(seed)
    found = total = false_alarms = english = 0
    config = CleanupConfig(select=("QLT",))
    language.DETECTOR_SECONDS[0] = 0.0
    started = time.perf_counter()
    for doc in _ntrex_docs():
        groups = _paragraphs(doc["en"])
        paragraphs = [" ".join(doc["en"][a:b]) for a, b in groups]
        a, b = groups[rng.randrange(1, len(groups))] if len(groups) > 1 else groups[0]
        foreign = " ".join(doc[rng.choice(("es", "fr"))][a:b])
        at = rng.randrange(1, len(paragraphs) + 1)
        paragraphs.insert(at, foreign)
        text = "\n\n".join(paragraphs) + "\n"
        result = clean(text, config)
        flagged = [f for f in result.findings if f.name in FLAGS]
        start = text.index(foreign)
        end = start + len(foreign)
        total += 1
        found += any(f.start < end and f.end > start for f in flagged)
        outside = [f for f in flagged if f.end <= start or f.start >= end]
        false_alarms += len(outside)
        ALARMS.extend(text[f.start : f.end][:80] for f in outside)
        english += len(paragraphs) - 1
    elapsed = time.perf_counter() - started
    return {
        "recall": round(found / total, 4),
        "false_alarms": false_alarms,
        "english_paragraphs": english,
        "detector_time_share": round(language.DETECTOR_SECONDS[0] / elapsed, 4),
    }


def detector_cost_on_clean_news() -> float:
    """Share of a full clean() of NTREX spent in language identification."""
    from conftest import ntrex_articles

    language.detect("Ceci est une phrase pour charger les profils.")  # a one-time cost, not per article
    language.DETECTOR_SECONDS[0] = 0.0
    language.detect.cache_clear()
    started = time.perf_counter()
    for article in ntrex_articles():
        clean(article)
    return round(language.DETECTOR_SECONDS[0] / (time.perf_counter() - started), 4)


def wmt_recall() -> dict[str, float]:
    segments: dict[tuple[str, str, str], str] = {}
    with (DATA / "wmt23-mqm-zh-en" / "mqm_zhen_cleanup_relevant_errors.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["category"] not in ("Accuracy/Source language fragment", "Non-translation!"):
                continue
            target = row["target"].replace("<v>", "").replace("</v>", "")
            if _CJK.search(target):
                segments[(row["system"], row["doc"], row["docSegId"])] = target
    config = CleanupConfig(select=("QLT",))
    found = sum(any(f.name in FLAGS for f in clean(t, config).findings) for t in segments.values())
    return {"segments": len(segments), "recall": round(found / len(segments), 4) if segments else 1.0}


def measure() -> dict[str, float]:
    figures = {f"language.ntrex_inserted.{k}": v for k, v in inserted_paragraphs().items()}
    figures["language.ntrex_clean.detector_time_share"] = detector_cost_on_clean_news()
    figures.update({f"language.wmt23.{k}": v for k, v in wmt_recall().items()})
    return figures


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    print(json.dumps(measure(), indent=2))
