"""The precision ledger: each fixable rule's measured figures, kept in its rules/*.toml entry.

``ledger_figures`` turns the harness's per-rule figures into the ``measured = {...}`` table;
``update_ledger`` rewrites that one line (right after ``fix = ...``) in every rule file, so the
edit merges with any other change to the rule. ``breaches`` is the policy a safe fix must meet.
"""

from __future__ import annotations

import regex

from cleanup.locations import builtin_rules_dir
from cleanup.model import Applicability
from cleanup.registry import Rule
from cleanup.rulefiles import MEASURED_COUNTS, MEASURED_KEYS, MEASURED_SHARES

CLEAN_EXEMPT = ("ENC", "NAM")  # encoding repairs and house-style renames: intended on clean text
MIN_AGREEMENT = 0.95
MIN_MT_SAMPLE = 5  # fewer MT word changes than this: agreement is not judged
MAX_REFUTED = 0.02
_FIX_LINE = regex.compile(r'^fix\s*=\s*"([a-z-]+)"\s*$')
_CODE_LINE = regex.compile(r'^code\s*=\s*"([A-Z]{3}[0-9]{3})"\s*$')


def _zeros() -> dict[str, float]:
    return {p + k: 0 for p in ("", "unsafe-") for k in MEASURED_COUNTS}


def ledger_figures(default: dict, unsafe: dict) -> dict[str, dict[str, float]]:
    """code -> the ``measured`` table, from a default and an unsafe-fixes run of the harness."""
    out: dict[str, dict[str, float]] = {}
    for prefix, run in (("", default), ("unsafe-", unsafe)):
        for code, f in run["rules"].items():
            table = out.setdefault(code, _zeros())
            for key in MEASURED_COUNTS:
                table[prefix + key] = f.get(key, 0)
            if f.get("mt-word-changes"):
                for key in MEASURED_SHARES:
                    table[prefix + key] = f[key]
    return out


def ledger_line(table: dict[str, float]) -> str:
    ordered = [f"{key} = {table[key]}" for key in MEASURED_KEYS if key in table]
    return "measured = { " + ", ".join(ordered) + " }"


def update_ledger(default: dict, unsafe: dict) -> list[str]:
    """Rewrite the ``measured`` line of every fixable rule; returns the files changed."""
    figures = ledger_figures(default, unsafe)
    changed = []
    for path in sorted(builtin_rules_dir().glob("*.toml")):
        lines = path.read_text(encoding="utf-8").split("\n")
        out: list[str] = []
        code = None
        for line in lines:
            if line.startswith("measured ="):
                continue  # rewritten after the fix line below
            if line.startswith("[[rule]]"):
                code = None
            if m := _CODE_LINE.match(line):
                code = m.group(1)
            out.append(line)
            if (m := _FIX_LINE.match(line)) and code and m.group(1) in ("safe", "unsafe"):
                out.append(ledger_line(figures.get(code, _zeros())))
        if out != lines:
            path.write_text("\n".join(out), encoding="utf-8")
            changed.append(path.name)
    return changed


def breaches(rule: Rule) -> list[str]:
    """Why a rule's ``safe`` fix breaks the policy (empty when it keeps it, or is not safe).

    Judged on the default settings, where only safe fixes apply (a safe rule may offer some
    fixes as unsafe; those are not its safe behaviour): no word changes on clean English
    (encoding repairs and house-style renames apart); on real MT, agreement >= 0.95, refuted
    <= 2%, and no deletion of three or more words the reference contains. A rule with no word
    change on MT is judged on the clean sets alone (agreement does not apply), and agreement is
    judged only from ``MIN_MT_SAMPLE`` changes on: one or two changes the reference can neither
    confirm nor refute (it chose other words) say nothing either way. Refuted changes always count.
    """
    if rule.fix != Applicability.SAFE:
        return []
    m = rule.measured
    if not m:
        return ["no measured figures (run python -m tests.quality.trust --update-ledger)"]
    problems = []
    if not rule.code.startswith(CLEAN_EXEMPT) and m["clean-word-changes"]:
        problems.append(f"{m['clean-word-changes']} word changes on clean English")
    if m["mt-word-changes"]:
        if m["mt-word-changes"] >= MIN_MT_SAMPLE and m["mt-agreement"] < MIN_AGREEMENT:
            problems.append(f"MT agreement {m['mt-agreement']} < {MIN_AGREEMENT}")
        if m["mt-refuted"] > MAX_REFUTED:
            problems.append(f"MT refuted share {m['mt-refuted']} > {MAX_REFUTED}")
    if m["mt-long-deletions"]:
        problems.append(f"{m['mt-long-deletions']} deletions of 3+ words the reference has")
    return problems
