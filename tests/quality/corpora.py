"""Real text for the quality scripts: the clean English sets and the WMT23 machine translation.

Openly licensed sets live in ``tests/data``. The WMT sets may be used to measure but not to ship,
so they are read from the shared corpus folder (``CLEANUP_SHARED``, else ``<repo>/../shared``,
else ``/work/shared``) and never copied; ``shared()`` returns None when it is absent.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "tests" / "data"


def shared() -> Path | None:
    """The shared corpus folder, or None when this machine has none (or CLEANUP_SHARED names none)."""
    if os.environ.get("CLEANUP_SHARED"):
        candidates = [Path(os.environ["CLEANUP_SHARED"])]
    else:
        candidates = [ROOT.parent / "shared", Path("/work/shared")]
    return next((c / "corpus" for c in candidates if (c / "corpus").is_dir()), None)


def news_article(sentences: list[str]) -> str:
    """A headline, then paragraphs of one, two, three, one, ... sentences (as for NTREX)."""
    paragraphs, i, size = [sentences[0]], 1, 1
    while i < len(sentences):
        paragraphs.append(" ".join(sentences[i : i + size]))
        i += size
        size = size % 3 + 1
    return "\n\n".join(paragraphs) + "\n"


def ntrex() -> list[str]:
    with (DATA / "ntrex" / "ntrex_docs.jsonl").open(encoding="utf-8") as handle:
        return [news_article(json.loads(line)["en"]) for line in handle]


def scrapinghub_bodies() -> list[str]:
    """The human-verified article bodies (not the full pages) of the English pages (162 of 181)."""
    from cleanup.stages.language import detect

    with (DATA / "scrapinghub" / "pages.jsonl").open(encoding="utf-8") as handle:
        bodies = [json.loads(line)["article_body"].strip() + "\n" for line in handle]
    return [body for body in bodies if detect(body[:3000])[0] == "en"]


def wmt21_news() -> list[str] | None:
    folder = shared()
    path = folder / "wmt21-en-news" / "wmt21_en_news.jsonl" if folder else None
    if path is None or not path.is_file():
        return None
    with path.open(encoding="utf-8") as handle:
        return [news_article(json.loads(line)["segments"]) for line in handle]


def mlqe_rows() -> list[dict]:
    rows = []
    for path in sorted((DATA / "mlqe-pe").glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            rows.extend(json.loads(line) for line in handle)
    return rows


def mlqe_post_edits() -> list[str]:
    return [row["pe_detok"].strip() + "\n" for row in mlqe_rows()]


@dataclass(frozen=True)
class Translation:
    """One system's English output for one WMT23 document, segment-aligned with the reference."""

    doc: str  # "uk-en/12"
    system: str
    segments: tuple[tuple[str, ...], ...]  # paragraphs of segments
    reference: tuple[tuple[str, ...], ...]  # same shape

    @property
    def text(self) -> str:
        """Rendered as SOURCE.md says: segments joined by a space, paragraphs by a blank line."""
        return "\n\n".join(" ".join(p) for p in self.segments) + "\n"

    def segment_starts(self) -> list[int]:
        """Offset in ``text`` of every segment, in reading order."""
        starts, at = [], 0
        for paragraph in self.segments:
            for segment in paragraph:
                starts.append(at)
                at += len(segment) + 1
            at += 1  # the second character of "\n\n"
        return starts

    def reference_segments(self) -> list[str]:
        return [s for p in self.reference for s in p]


def wmt23() -> list[Translation] | None:
    folder = shared()
    folder = folder / "wmt23-general-into-english" if folder else None
    if folder is None or not folder.is_dir():
        return None
    out = []
    for path in sorted(folder.glob("wmt23.*.docs.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                doc = json.loads(line)
                ref = next(iter(doc["refs"].values()))
                for system, paragraphs in sorted(doc["hyps"].items()):
                    out.append(Translation(f"{doc['lp']}/{doc['doc_id']}", system,
                                           tuple(map(tuple, paragraphs)), tuple(map(tuple, ref))))
    return out


def clean_sets() -> Iterator[tuple[str, list[str] | None]]:
    """(name, texts) for every clean English set; texts is None when the set is absent."""
    yield "ntrex", ntrex()
    yield "scrapinghub", scrapinghub_bodies()
    yield "wmt21", wmt21_news()
    yield "mlqe_pe", mlqe_post_edits()
