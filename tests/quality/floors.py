"""Pinned quality floors: measured figures may improve, never get worse without saying so.

``floors.json`` holds each metric's pinned value: a floor, or a ceiling for rates where lower
is better (``*_per_10k``). ``python -m tests.quality.floors --update`` re-measures and moves the
pins to the new figures; it refuses to move one the wrong way unless ``--allow-regression``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

FLOORS = Path(__file__).resolve().parent / "floors.json"
EPSILON = 0.0005  # rounding noise


def load() -> dict[str, float]:
    return json.loads(FLOORS.read_text(encoding="utf-8"))


def lower_is_better(key: str) -> bool:
    return key.endswith(("_per_10k", ".edits", "false_alarms", "word_changes", "refuted_share", "long_deletions",
                         "merges"))


def worse(key: str, value: float, pinned: float) -> bool:
    if lower_is_better(key):
        return value > pinned + EPSILON
    return value < pinned - EPSILON


def measure_all() -> dict[str, float]:
    from . import language, names_reach, reach_furniture, reach_sentences, reach_words, sentences, trust, words
    from .furniture import evaluate

    figures: dict[str, float] = {}
    for mode in ("page", "article"):
        score = evaluate(mode)
        figures[f"furniture.{mode}.body_kept"] = round(score.body_kept_share, 4)
        figures[f"furniture.{mode}.furniture_removed"] = round(score.furniture_removed_share, 4)
    figures.update(words.measure())
    figures.update(sentences.measure())
    figures.update({k: v for k, v in reach_furniture.measure().items() if not k.endswith(".removals")})
    figures.update(reach_sentences.measure())
    figures.update(reach_words.measure())
    figures.update(names_reach.measure())
    # Time shares are speed figures: reported in the README, never pinned or asserted.
    figures.update({k: v for k, v in language.measure().items() if "time_share" not in k})
    figures.update(trust.measure_floors())
    return figures


def update(measure: Callable[[], dict[str, float]], allow_regression: bool) -> int:
    floors = load()
    figures = measure()
    lowered = {k: (floors[k], v) for k, v in figures.items() if k in floors and worse(k, v, floors[k])}
    if lowered and not allow_regression:
        for key, (old, new) in lowered.items():
            print(f"refusing to worsen {key}: {old} -> {new} (use --allow-regression)", file=sys.stderr)
        return 1
    floors.update(figures)
    FLOORS.write_text(json.dumps(dict(sorted(floors.items())), indent=2) + "\n", encoding="utf-8")
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/, for conftest
    if "--update" in sys.argv:
        sys.exit(update(measure_all, "--allow-regression" in sys.argv))
    print(json.dumps(measure_all(), indent=2))
