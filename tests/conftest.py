"""Shared fixtures: the project's samples and corpus data, copied into the repository."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from cleanup import CleanupConfig

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DATA = Path(__file__).resolve().parent / "data"


def sample_names() -> list[str]:
    return sorted(p.stem for p in SAMPLES.glob("*.txt"))


def pending_samples() -> dict[str, str]:
    return tomllib.loads((SAMPLES / "status.toml").read_text(encoding="utf-8"))["pending"]


def ntrex_articles() -> list[str]:
    """NTREX English news, each as a headline and paragraphs of one to three sentences."""
    articles = []
    with (DATA / "ntrex" / "ntrex_docs.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            sentences = json.loads(line)["en"]
            paragraphs, i, size = [sentences[0]], 1, 1
            while i < len(sentences):
                paragraphs.append(" ".join(sentences[i : i + size]))
                i += size
                size = size % 3 + 1
            articles.append("\n\n".join(paragraphs) + "\n")
    return articles


@pytest.fixture(scope="session")
def strict() -> CleanupConfig:
    """Default settings, as the gold files assume."""
    return CleanupConfig()
