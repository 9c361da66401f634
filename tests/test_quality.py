"""Quality gates on real data: measured figures may not fall below their pinned floors."""

from __future__ import annotations

import pytest

from quality import floors  # tests/ is on sys.path
from quality.furniture import evaluate

FLOORS = floors.load()


@pytest.mark.parametrize("mode", ["page", "article"])
def test_navigation_removal_on_real_pages(mode):
    score = evaluate(mode)
    assert score.body_kept_share >= FLOORS[f"furniture.{mode}.body_kept"] - floors.EPSILON
    assert score.furniture_removed_share >= FLOORS[f"furniture.{mode}.furniture_removed"] - floors.EPSILON


def test_floors_never_drop_without_permission(tmp_path, monkeypatch):
    path = tmp_path / "floors.json"
    path.write_text('{"m": 0.9}\n', encoding="utf-8")
    monkeypatch.setattr(floors, "FLOORS", path)
    assert floors.update(lambda: {"m": 0.8}, allow_regression=False) == 1
    assert floors.load() == {"m": 0.9}
    assert floors.update(lambda: {"m": 0.95}, allow_regression=False) == 0
    assert floors.load() == {"m": 0.95}
