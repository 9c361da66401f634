"""Do no harm, measured per rule on real text nobody on the team wrote (issue 9).

- Clean English (NTREX, Scrapinghub article bodies, WMT21 news, MLQE-PE post-edits) must come
  out untouched: per rule, the word changes (see ``agreement``) and the whitespace or
  punctuation changes made to it. Encoding repairs (ENC) and house-style renames (NAM) are
  intended even on clean text, so the set totals count them apart.
- Real machine translation (WMT23 uk/ru -> en, 13 systems): every word change is held against
  the human reference's segments around it; per rule, how many agree, how many the reference
  refutes, and deletions of three or more words the reference contains.

Both with the default settings (safe fixes) and with unsafe fixes on (what a rule would do if
promoted). The WMT sets are read from the shared corpus folder and skipped when it is absent.

    python -m tests.quality.trust [--select CODES] [--sample N] [-j N] [--unsafe] [--json]
                                  [--report FILE] [--update-ledger]
"""

from __future__ import annotations

import argparse
import bisect
import functools
import json
import multiprocessing
import random
import sys
import tomllib
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

from cleanup import CleanupConfig, clean

from . import corpora
from .ledger import CLEAN_EXEMPT, update_ledger
from .agreement import AGREE, REFUTED, Reference, long_deletion, verdict, word_change

HERE = Path(__file__).resolve().parent
BEFORE = HERE / "trust-before.json"
REVIEWED = HERE / "trust-reviewed.toml"
EXAMPLES = 5  # worst examples kept per rule
CONTEXT = 60  # characters of text either side of an example
ERROR = "error"  # a text the pipeline failed on: counted, never silently dropped


def _config(unsafe: bool) -> CleanupConfig:
    return CleanupConfig(unsafe_fixes=unsafe)


def _replayed(text: str, unsafe: bool) -> Iterable[tuple[object, str]]:
    """Each change cleaning makes, with the text as it stood just before it."""
    for change in clean(text, _config(unsafe)).changes:
        yield change, text
        text = text[: change.at] + change.after + text[change.at + len(change.before) :]


def _shown(text: str, at: int, before: str, after: str) -> str:
    left = text[max(0, at - CONTEXT) : at].replace("\n", " ¶ ")
    right = text[at + len(before) : at + len(before) + CONTEXT].replace("\n", " ¶ ")
    return f"…{left}[{before!r} -> {after!r}]{right}…"


@functools.cache
def _reviewed() -> list[dict]:
    return tomllib.loads(REVIEWED.read_text(encoding="utf-8"))["correction"]


def _corrects(name: str, code: str, text: str, at: int, before: str, after: str) -> bool:
    """Is this change one a person reviewed as fixing a real error in a clean set?"""
    fixed = text[:at] + after + text[at + len(before) :]
    near_before = text[max(0, at - CONTEXT) : at + len(before) + CONTEXT]
    near_after = fixed[max(0, at - CONTEXT) : at + len(after) + CONTEXT]
    return any(c["code"] == code and c["set"] == name and c["before"] in near_before and c["after"] in near_after
               for c in _reviewed())


def _clean_job(job: tuple[str, str, bool]) -> list[tuple[str, str, str]]:
    """(code, kind, example) for every change made to one clean text; kind is "word", "other"
    (whitespace or punctuation only) or "corrected" (a reviewed fix of a real error)."""
    name, text, unsafe = job
    out = []
    try:
        replayed = list(_replayed(text, unsafe))
    except Exception as exc:  # noqa: BLE001  (a failure is a figure, not the end of the run)
        return [(ERROR, "", f"{name}: {type(exc).__name__}: {exc}")]
    for change, current in replayed:
        kind = "other" if word_change(current, change.at, change.before, change.after) is None else "word"
        if kind == "word" and _corrects(name, change.code, current, change.at, change.before, change.after):
            kind = "corrected"
        out.append((change.code, kind, f"{name}: {_shown(current, change.at, change.before, change.after)}"))
    return out


def _mt_job(job: tuple[corpora.Translation, bool]) -> list[tuple[str, str | None, bool, int, str]]:
    """(code, verdict or None if no word changed, long deletion, words deleted, example) per change."""
    doc, unsafe = job
    text = doc.text
    starts = doc.segment_starts()
    refs = doc.reference_segments()
    out = []
    try:
        replayed = list(_replayed(text, unsafe))
    except Exception as exc:  # noqa: BLE001
        return [(ERROR, None, False, 0, f"{doc.doc} {doc.system}: {type(exc).__name__}: {exc}")]
    for change, current in replayed:
        words = word_change(current, change.at, change.before, change.after)
        if words is None:
            out.append((change.code, None, False, 0, ""))
            continue
        i = max(0, bisect.bisect_right(starts, change.start) - 1)  # the segment it is in
        reference = Reference(" ".join(refs[max(0, i - 1) : i + 2]))  # and its neighbours
        example = (f"{doc.doc} {doc.system}: {_shown(current, change.at, change.before, change.after)}\n"
                   f"      reference: {refs[i][:2 * CONTEXT + 40]}")
        out.append((change.code, verdict(words, reference), long_deletion(words, reference),
                    words.net_deleted, example))
    return out


def _map(fn: Callable, jobs: list, processes: int) -> list:
    if processes <= 1:
        return [fn(job) for job in jobs]
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        return pool.map(fn, jobs, chunksize=max(1, len(jobs) // (processes * 8)))


def _sample(items: list, n: int | None) -> list:
    return items if not n or n >= len(items) else random.Random(9).sample(items, n)


def measure(unsafe: bool = False, sample: int | None = None, processes: int = 1) -> dict:
    """Per-rule figures and set totals; WMT keys are missing when the shared corpus is absent."""
    rules: dict[str, dict] = defaultdict(lambda: defaultdict(int))
    examples: dict[str, list] = defaultdict(list)
    sets: dict[str, dict] = {}
    for name, texts in corpora.clean_sets():
        if texts is None:
            print(f"trust: skipping {name}: the shared corpus folder is absent", file=sys.stderr)
            continue
        texts = _sample(texts, sample)
        totals = sets[name] = {"texts": len(texts), "word_changes": 0, "exempt_word_changes": 0,
                               "corrected": 0, "other_changes": 0}
        for changes in _map(_clean_job, [(name, t, unsafe) for t in texts], processes):
            for code, kind, example in changes:
                if code == ERROR:
                    totals["errors"] = totals.get("errors", 0) + 1
                    examples[ERROR].append(example)
                    continue
                rules[code][f"clean.{name}.{kind}"] += 1
                rules[code][f"clean-{kind}-changes"] += 1
                if kind == "word":
                    totals["exempt_word_changes" if code.startswith(CLEAN_EXEMPT) else "word_changes"] += 1
                    examples[f"{code} clean"].append(example)
                else:
                    totals["corrected" if kind == "corrected" else "other_changes"] += 1
    docs = corpora.wmt23()
    if docs is None:
        print("trust: skipping WMT23: ../shared/corpus/wmt23-general-into-english is absent "
              "(set CLEANUP_SHARED to the folder holding corpus/)", file=sys.stderr)
    else:
        docs = _sample(docs, sample)
        totals = sets["wmt23"] = {"texts": len(docs), "word_changes": 0, "agree": 0, "refuted": 0,
                                  "long_deletions": 0, "other_changes": 0}
        worst: dict[str, list] = defaultdict(list)
        for changes in _map(_mt_job, [(d, unsafe) for d in docs], processes):
            for code, judged, is_long, deleted, example in changes:
                if code == ERROR:
                    totals["errors"] = totals.get("errors", 0) + 1
                    examples[ERROR].append(example)
                    continue
                figures = rules[code]
                if judged is None:
                    figures["mt-other-changes"] += 1
                    totals["other_changes"] += 1
                    continue
                figures["mt-word-changes"] += 1
                figures[f"mt-{judged}-count"] += 1
                figures["mt-long-deletions"] += is_long
                totals["word_changes"] += 1
                totals["agree"] += judged == AGREE
                totals["refuted"] += judged == REFUTED
                totals["long_deletions"] += is_long
                if judged == REFUTED:
                    worst[code].append((-is_long, -deleted, example))
        for code, items in worst.items():
            examples[f"{code} refuted"] = [e for *_, e in sorted(items)]
    for code, figures in rules.items():
        n = figures.get("mt-word-changes", 0)
        if docs is not None and n:
            figures["mt-agreement"] = round(figures.get("mt-agree-count", 0) / n, 4)
            figures["mt-refuted"] = round(figures.get("mt-refuted-count", 0) / n, 4)
    return {"unsafe": unsafe, "sample": sample, "sets": sets,
            "rules": {code: dict(sorted(f.items())) for code, f in sorted(rules.items())},
            "examples": {key: items[:EXAMPLES] for key, items in sorted(examples.items())}}


def floor_figures(result: dict) -> dict[str, float]:
    """The figures pinned in floors.json: clean-set ceilings, MT agreement floor, refuted ceiling."""
    figures: dict[str, float] = {}
    for name, totals in result["sets"].items():
        if name == "wmt23":
            n = totals["word_changes"]
            figures["trust.wmt23.agreement"] = round(totals["agree"] / n, 4) if n else 1.0
            figures["trust.wmt23.refuted_share"] = round(totals["refuted"] / n, 4) if n else 0.0
            figures["trust.wmt23.long_deletions"] = totals["long_deletions"]
        else:
            figures[f"trust.{name}.word_changes"] = totals["word_changes"]
    return figures


def measure_floors() -> dict[str, float]:
    return floor_figures(measure())


# The report -----------------------------------------------------------------------------------


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def report(result: dict, select: tuple[str, ...] = ()) -> str:
    mode = "unsafe fixes on" if result["unsafe"] else "default settings (safe fixes)"
    sample = f", a sample of {result['sample']} texts per set" if result["sample"] else ""
    clean_sets = [n for n in result["sets"] if n != "wmt23"]
    lines = [f"# Do-no-harm measurement: {mode}{sample}", "", "## Sets", ""]
    for name, totals in result["sets"].items():
        lines.append(f"- {name}: " + ", ".join(f"{k} {v}" for k, v in totals.items()))
    head = ["rule", *[f"{n} words" for n in clean_sets], "corrected", "clean other", "MT words", "agree", "refuted",
            "unclear", "long del", "MT other"]
    lines += ["", "## Per rule", "",
              "Word changes on each clean set (corrected: reviewed fixes of real errors there, in "
              "trust-reviewed.toml); word changes on WMT23 MT held against the reference.", "",
              "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for code, f in result["rules"].items():
        if select and not code.startswith(select):
            continue
        n = f.get("mt-word-changes", 0)
        row = [code, *[str(f.get(f"clean.{s}.word", 0)) for s in clean_sets], str(f.get("clean-corrected-changes", 0)),
               str(f.get("clean-other-changes", 0)), str(n), _share(f.get("mt-agreement")), _share(f.get("mt-refuted")), str(f.get("mt-unclear-count", 0)),
               str(f.get("mt-long-deletions", 0)), str(f.get("mt-other-changes", 0))]
        lines.append("| " + " | ".join(row) + " |")
    lines += ["", "## Worst examples", ""]
    for key, items in result["examples"].items():
        if select and not key.startswith(select):
            continue
        lines.append(f"### {key}")
        lines += [f"- {item}" for item in items]
        lines.append("")
    return "\n".join(lines)


def _cell(f: dict | None, sets: list[str]) -> tuple[str, str]:
    """Clean-set word changes (per set) and MT word changes / agreement / refuted, for one run."""
    if not f:
        return "/".join("0" for _ in sets), "0"
    clean = "/".join(str(f.get(f"clean.{s}.word", 0)) for s in sets)
    n = f.get("mt-word-changes", 0)
    mt = f"{n} / {_share(f.get('mt-agreement'))} / {_share(f.get('mt-refuted'))}" if n else "0"
    return clean, mt


def before_after(runs: dict[str, dict]) -> str:
    """Per rule, the figures in trust-before.json next to these runs' (Markdown, for the README)."""
    from cleanup.rulefiles import load_ruleset

    before = json.loads(BEFORE.read_text(encoding="utf-8"))
    sets = [n for n in runs["default"]["sets"] if n != "wmt23"]
    fixes = {r.code: ("none" if r.fix is None else r.fix.label) for r in load_ruleset().rules}
    codes = sorted(set(before["default"]["rules"]) | set(runs["default"]["rules"]) | set(runs["unsafe"]["rules"]))
    lines = ["| rule | fix now | clean words before | after | MT before | MT after | unsafe on: MT before | after |",
             "|---|---|---|---|---|---|---|---|"]
    for code in codes:
        cells = [_cell(run["rules"].get(code), sets) for run in
                 (before["default"], runs["default"], before["unsafe"], runs["unsafe"])]
        if all(c == ("/".join("0" for _ in sets), "0") for c in cells):
            continue
        lines.append(f"| {code} | {fixes.get(code, '?')} | {cells[0][0]} | {cells[1][0]} | {cells[0][1]} | "
                     f"{cells[1][1]} | {cells[2][1]} | {cells[3][1]} |")
    totals = []
    for label, run in (("before", before["default"]), ("after", runs["default"])):
        t = run["sets"]
        clean = ", ".join(f"{n} {t[n]['word_changes']}" for n in sets if n in t)
        w = t.get("wmt23", {})
        n = w.get("word_changes", 0)
        agree = w.get("agree", 0) / n if n else 1.0
        refuted = w.get("refuted", 0) / n if n else 0.0
        totals.append(f"- {label}: clean word changes {clean}; WMT23 {n} word changes, agreement {agree:.3f}, "
                      f"refuted {refuted:.3f}, {w.get('long_deletions', 0)} long deletions")
    return "\n".join(lines + [""] + totals)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.quality.trust", description=__doc__.split("\n\n")[0])
    parser.add_argument("--select", default="", help="report only these rule codes or prefixes, comma-separated")
    parser.add_argument("--sample", type=int, help="measure N texts of each set (for development)")
    parser.add_argument("-j", "--jobs", type=int, default=1, help="worker processes")
    parser.add_argument("--unsafe", action="store_true", help="apply unsafe fixes too")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--report", type=Path, help="also write the report (Markdown) to FILE")
    parser.add_argument("--save-before", action="store_true", help=f"write default and unsafe runs to {BEFORE.name}")
    parser.add_argument("--before-after", action="store_true",
                        help=f"measure fully (default and unsafe) and print each rule's figures next to {BEFORE.name}'s")
    parser.add_argument("--update-ledger", action="store_true",
                        help="measure fully (default and unsafe) and rewrite the measured = {...} lines in rules/*.toml")
    args = parser.parse_args(argv)
    select = tuple(c.strip() for c in args.select.split(",") if c.strip())
    if args.update_ledger or args.save_before or args.before_after:
        if args.sample:
            parser.error("--update-ledger and --save-before need a full measurement (no --sample)")
        runs = {label: measure(unsafe, None, args.jobs) for label, unsafe in (("default", False), ("unsafe", True))}
        if "wmt23" not in runs["default"]["sets"]:
            print("trust: refusing to write figures without WMT23", file=sys.stderr)
            return 1
        if args.save_before:  # figures only: the examples quote WMT text, which stays in ../shared
            figures = {label: {k: v for k, v in run.items() if k != "examples"} for label, run in runs.items()}
            BEFORE.write_text(json.dumps(figures, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        if args.update_ledger:
            changed = update_ledger(runs["default"], runs["unsafe"])
            print(f"trust: ledger rewritten in {', '.join(changed) or 'no file'}", file=sys.stderr)
        print(before_after(runs) if args.before_after else report(runs["default"], select))
        return 0
    result = measure(args.unsafe, args.sample, args.jobs)
    if args.report:
        args.report.write_text(report(result, select) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1, ensure_ascii=False) if args.json else report(result, select))
    return 0


if __name__ == "__main__":
    sys.exit(main())
