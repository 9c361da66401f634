"""Render articles and the batch index with Jinja2 templates (``templates/``).

Pages are self-contained: no network, no CDN. The static report writes its stylesheet and
script once beside the pages (``assets/``); the server serves the same files.
"""

from __future__ import annotations

import functools
import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import CleanupError
from ..stages import STAGES
from .markup import Piece, lay_out, map_offset, mark_findings

HERE = Path(__file__).resolve().parent
ASSETS = HERE / "assets"
PAGE_SIZE = 200  # articles per index page
INDEX_DATA = "index-data.js"  # every row, for the rule filter of a report of several index pages


@dataclass
class ArticleView:
    """One article as the log tells it: the original text, applied changes, open findings."""

    file: str
    original: str
    changes: list[dict[str, Any]]
    findings: list[dict[str, Any]]
    score: dict[str, Any] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)
    suggestions: list[tuple[int, int, int]] = field(default_factory=list)  # review: rejected changes
    candidates: list[dict[str, Any]] = field(default_factory=list)  # review: every change, by index
    ids: list[int] = field(default_factory=list)  # review: the candidate index of each applied change

    @property
    def codes(self) -> list[str]:
        return sorted({c["code"] for c in self.changes} | {f["code"] for f in self.findings})


@functools.cache
def _environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
    )
    env.globals["stages"] = [s.name for s in STAGES]
    env.filters["visible"] = visible
    return env


_SHOWN = {" ": "\u00b7", "\n": "\u21b5\n", "\t": "\u2192", "\u00a0": "\u237d", "\r": "\u240d"}


def visible(text: str) -> str:
    """Whitespace-only insertions and removals shown as symbols, so they can be seen and clicked."""
    if text and not text.strip():
        return "".join(_SHOWN.get(ch, f"U+{ord(ch):04X}") for ch in text)
    if text and not text.isprintable() and all(not ch.isprintable() or ch.isspace() for ch in text):
        return "".join(_SHOWN.get(ch, f"U+{ord(ch):04X}") for ch in text)
    return text


def _pieces(view: ArticleView) -> list[Piece]:
    pieces = lay_out(view.original, view.changes, view.suggestions)
    spans = [(map_offset(f["start"], view.changes), map_offset(f["end"], view.changes, end=True))
             for f in view.findings]
    return mark_findings(pieces, spans)


def _paragraphs(pieces: Sequence[Piece]) -> list[list[Piece]]:
    """Split the pieces at blank lines so the page shows paragraphs; changes stay whole."""
    out: list[list[Piece]] = [[]]
    for piece in pieces:
        if piece.change is not None or piece.suggestion is not None or "\n\n" not in piece.text:
            out[-1].append(piece)
            continue
        anchors = piece.anchors  # go with the first part that shows
        for n, part in enumerate(piece.text.split("\n\n")):
            if n:
                out.append([])
            text = part.strip("\n") if n else part.rstrip("\n")
            if text:
                out[-1].append(Piece(text, findings=piece.findings, anchors=anchors))
                anchors = ()
        if anchors:
            out[-1].append(Piece("", findings=piece.findings, anchors=anchors))
    return [p for p in out if p]


def article_page(view: ArticleView, *, assets: str = "assets", index: str | None = "index.html",
                 prev: str | None = None, next: str | None = None, review: str | None = None) -> str:
    """One article: the clean text with every change and finding marked, and a side panel."""
    candidates = view.candidates or view.changes
    return _environment().get_template("article.html").render(
        view=view, paragraphs=_paragraphs(_pieces(view)), candidates=candidates,
        assets=assets, index=index, prev=prev, next=next, review=review,
    )


def _stats(views: Sequence[ArticleView]) -> dict[str, Any]:
    """Batch totals, and changes and findings per stage (pipeline order) and per rule (most first)."""
    counts: dict[tuple[str, str], Counter] = {("stage", "c"): Counter(), ("stage", "f"): Counter(),
                                              ("rule", "c"): Counter(), ("rule", "f"): Counter()}
    stage_of: dict[str, str] = {}
    for view in views:
        for kind, items in (("c", view.changes), ("f", view.findings)):
            for item in items:
                counts["stage", kind][item.get("stage", "?")] += 1
                counts["rule", kind][item["code"]] += 1
                stage_of[item["code"]] = item.get("stage", "?")
    order = [s.name for s in STAGES]
    stages = sorted(set(counts["stage", "c"]) | set(counts["stage", "f"]),
                    key=lambda s: order.index(s) if s in order else len(order))
    rules = sorted(set(counts["rule", "c"]) | set(counts["rule", "f"]),
                   key=lambda r: (-(counts["rule", "c"][r] + counts["rule", "f"][r]), r))
    by_stage = [(s, counts["stage", "c"][s], counts["stage", "f"][s]) for s in stages]
    by_rule = [(r, counts["rule", "c"][r], counts["rule", "f"][r], stage_of[r]) for r in rules]
    scores = [v.score.get("score") for v in views if v.score.get("score") is not None]
    return {
        "articles": len(views),
        "changes": sum(len(v.changes) for v in views),
        "findings": sum(len(v.findings) for v in views),
        "average": round(sum(scores) / len(scores), 1) if scores else None,
        "by_stage": by_stage,
        "by_rule": by_rule,
        "peak": max([c + f for _, c, f in by_stage] + [1]),
    }


def index_pages(views: Sequence[ArticleView], links: Sequence[str], *, assets: str = "assets",
                page_size: int = PAGE_SIZE) -> list[str]:
    """The batch index, worst scores first, ``page_size`` articles a page."""
    order = _worst_first(views)
    stats = _stats(views)
    pages = max(1, -(-len(order) // page_size))
    names = [_index_name(n) for n in range(pages)]
    out = []
    for n in range(pages):
        rows = [(views[i], links[i]) for i in order[n * page_size : (n + 1) * page_size]]
        out.append(_environment().get_template("index.html").render(
            stats=stats, rows=rows, page=n + 1, pages=pages, names=names, assets=assets,
            first=n * page_size, data=INDEX_DATA if pages > 1 else None,
        ))
    return out


def _index_name(n: int) -> str:
    return "index.html" if n == 0 else f"index-{n + 1}.html"


def write_report(folder: Path, views: Iterable[ArticleView], *, page_size: int = PAGE_SIZE) -> int:
    """Write the report under ``folder``: index pages, one page per article, assets. Atomic per file."""
    views = list(views)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "articles").mkdir(exist_ok=True)
        (folder / "assets").mkdir(exist_ok=True)
        for asset in ASSETS.iterdir():
            _write(folder / "assets" / asset.name, asset.read_text(encoding="utf-8"))
        links = [f"articles/{n + 1:05d}.html" for n in range(len(views))]
        for n, view in enumerate(views):
            page = article_page(
                view, assets="../assets", index="../index.html",
                prev=f"{n:05d}.html" if n else None,
                next=f"{n + 2:05d}.html" if n + 1 < len(views) else None,
            )
            _write(folder / links[n], page)
        pages = index_pages(views, links, page_size=page_size)
        for n, page in enumerate(pages):
            _write(folder / _index_name(n), page)
        if len(pages) > 1:
            _write(folder / INDEX_DATA, index_data(views, links))
    except OSError as exc:
        raise CleanupError(f"{folder}: cannot write the report: {exc.strerror or exc}") from None
    return len(views)


def _worst_first(views: Sequence[ArticleView]) -> list[int]:
    return sorted(range(len(views)), key=lambda i: (views[i].score.get("score", 100), views[i].file))


def index_data(views: Sequence[ArticleView], links: Sequence[str]) -> str:
    """Every article's index row as a script, so the rule filter can search all pages (file:// too)."""
    rows = [[views[i].score.get("score"), views[i].file, links[i], len(views[i].changes),
             len(views[i].findings), views[i].codes] for i in _worst_first(views)]
    return "window.cleanupIndex = " + json.dumps(rows, ensure_ascii=True, separators=(",", ":")) + ";\n"


def _write(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def views_from_log(files: Iterable[Any], read_text) -> Iterable[ArticleView]:
    """Article views from a parsed diff log; ``read_text(header)`` gives the original back."""
    for logged in files:
        header: Mapping[str, Any] = logged.header
        yield ArticleView(header["file"], read_text(logged), logged.changes, logged.findings,
                          header.get("score") or {}, header.get("metadata") or {})


def review_index(items: Sequence[Mapping[str, Any]]) -> str:
    """The server's list of articles under review, with the form to post one."""
    return _environment().get_template("review.html").render(items=items, assets="/assets")
