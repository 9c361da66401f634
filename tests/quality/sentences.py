"""Sentence-level repairs measured on real data (issue 5).

- False edits: edits per 10,000 words on NTREX (edited news) and MLQE-PE post-edits.
- Do no harm on real machine translation: on the MT side of MLQE-PE, the edits the
  sentence-level rules make and the share the human post-edit agrees with (it contains the
  fixed form: the words around the edit, as fixed), with default settings and with unsafe
  fixes on.

``python -m tests.quality.sentences`` prints the figures.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from cleanup import CleanupConfig, clean, replay

DATA = Path(__file__).resolve().parent.parent / "data"
SENTENCE_STAGES = ("SNT", "PUN", "PAR")
_WORD = re.compile(r"\w+")


def _segments() -> list[dict]:
    rows = []
    for path in sorted((DATA / "mlqe-pe").glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            rows.extend(json.loads(line) for line in handle)
    return rows


def _norm(text: str) -> str:
    text = re.sub(r"\s+([.,;:!?])", r"\1", text)  # the detokeniser is not perfect
    return " ".join(text.split())


def edits_per_10k(texts: list[str]) -> float:
    words = edits = 0
    config = CleanupConfig(select=SENTENCE_STAGES)
    for text in texts:
        words += len(_WORD.findall(text))
        edits += len(clean(text, config).changes)
    return round(edits * 10_000 / words, 3)


def _context(text: str, start: int, end: int, words: int = 2) -> str:
    """The fixed text with a couple of words either side."""
    left = text[:start].split()[-words:]
    right = text[end:].split()[:words]
    return _norm(" ".join(left) + text[start:end] + " " + " ".join(right))


def agreement(unsafe: bool = False) -> tuple[int, float]:
    """Edits on real MT output, and the share the human post-edit agrees with."""
    config = CleanupConfig(select=SENTENCE_STAGES, unsafe_fixes=unsafe)
    total = agreed = 0
    for row in _segments():
        result = clean(row["mt"], config)
        post_edit = _norm(row["pe_detok"])
        for k, change in enumerate(result.changes):
            fixed = replay(row["mt"], result.changes[: k + 1])  # the text just after this change
            total += 1
            agreed += _context(fixed, change.at, change.at + len(change.after)) in post_edit
    return total, round(agreed / total, 4) if total else 1.0


def measure() -> dict[str, float]:
    from conftest import ntrex_articles

    figures = {
        "sentences.ntrex.edits_per_10k": edits_per_10k(ntrex_articles()),
        "sentences.mlqe_pe.edits_per_10k": edits_per_10k([row["pe_detok"] for row in _segments()]),
    }
    for label, unsafe in (("default", False), ("unsafe", True)):
        edits, share = agreement(unsafe)
        figures[f"sentences.mlqe_mt.{label}.edits"] = edits
        figures[f"sentences.mlqe_mt.{label}.agreed_share"] = share
    return figures


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    print(json.dumps(measure(), indent=2))
