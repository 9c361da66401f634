"""Rule documentation generated from the rule records: the same examples the tests run."""

from __future__ import annotations

import json
from collections.abc import Sequence

from .config import CleanupConfig
from .model import Applicability
from .registry import Rule, is_enabled
from .stages import STAGES


def fix_label(rule: Rule) -> str:
    return "none" if rule.fix is None else rule.fix.label


def measured_cells(rule: Rule) -> tuple[str, str, str, str]:
    """Clean-set word changes, MT word changes, agreement, refuted: as the rule's fix is applied
    (default settings for a safe fix, unsafe fixes on otherwise); "-" where nothing was measured."""
    m = rule.measured
    if not m:
        return ("-", "-", "-", "-")
    p = "" if rule.fix == Applicability.SAFE else "unsafe-"
    shares = [f"{m[p + k]:.2f}" if p + k in m else "-" for k in ("mt-agreement", "mt-refuted")]
    return (str(m[p + "clean-word-changes"]), str(m[p + "mt-word-changes"]), *shares)


def measured_summary(rule: Rule) -> str:
    """One line of the precision ledger for the rule page."""
    if not rule.measured:
        return "measured: no figures (python -m tests.quality.trust --update-ledger)"
    parts = []
    for p, label in (("", "default settings"), ("unsafe-", "unsafe fixes on")):
        m = {k[len(p):]: v for k, v in rule.measured.items() if k.startswith(p) and (p or not k.startswith("unsafe-"))}
        text = f"{label}: {m['clean-word-changes']} word changes on clean English, {m['mt-word-changes']} on real MT"
        if m["mt-word-changes"]:
            text += f" (reference agrees {m['mt-agreement']:.2f}, refutes {m['mt-refuted']:.2f})"
        parts.append(text + f", {m['mt-long-deletions']} long deletions the reference has")
    return "measured: " + "; ".join(parts)


def rules_table(rules: Sequence[Rule], config: CleanupConfig, fmt: str) -> str:
    order = {stage.name: i for i, stage in enumerate(STAGES)}
    rules = sorted(rules, key=lambda r: (order[r.stage], r.code))
    if fmt == "json":
        return json.dumps([
            {"code": r.code, "name": r.name, "stage": r.stage, "severity": r.severity.label,
             "fix": fix_label(r), "status": r.status, "summary": r.summary, "source": r.source,
             "measured": r.measured,
             "enabled": is_enabled(r, config.select, config.ignore)}
            for r in rules
        ], indent=2, ensure_ascii=False)
    if fmt == "md":
        lines = ["| code | name | stage | fix | severity | summary | clean words | MT words | agree | refuted |",
                 "|---|---|---|---|---|---|---|---|---|---|"]
        lines += [f"| {r.code} | {r.name} | {r.stage} | {fix_label(r)} | {r.severity.label} | {r.summary} | "
                  + " | ".join(measured_cells(r)) + " |" for r in rules]
        lines += ["", "Measured (issue 9, `python -m tests.quality.trust`): word changes on clean English "
                  "(encoding repairs and renames are intended there), word changes on real machine "
                  "translation (WMT23), and the share of those the human reference agrees with or refutes; "
                  "for a fix that is not safe, with unsafe fixes on."]
        return "\n".join(lines)
    rows = [("", "CODE", "NAME", "STAGE", "FIX", "SEVERITY", "SUMMARY")]
    for r in rules:
        mark = "*" if is_enabled(r, config.select, config.ignore) else " "
        rows.append((mark, r.code, r.name, r.stage, fix_label(r), r.severity.label, r.summary))
    widths = [max(len(row[i]) for row in rows) for i in range(6)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row[:6], widths)) + "  " + row[6] for row in rows]
    lines.append("(* enabled with the current settings)")
    return "\n".join(line.rstrip() for line in lines)


def rule_page(rule: Rule) -> str:
    out = [
        f"# {rule.code} {rule.name}",
        "",
        rule.summary,
        "",
        f"stage: {rule.stage} · severity: {rule.severity.label} · fix: {fix_label(rule)} · "
        f"status: {rule.status} · defined in {rule.source}",
        "",
    ]
    if rule.fix is not None:
        out += [measured_summary(rule), ""]
    if rule.explanation:
        out += [rule.explanation, ""]
    out.append("## Examples")
    for example in rule.examples:
        mode = " (page mode)" if example.mode == "page" else ""
        out += ["", f"before{mode}: {example.before!r}"]
        if example.after is not None:
            label = "after (with --unsafe-fixes)" if example.unsafe else "after"
            out.append(f"{label}: {example.after!r}")
        else:
            out.append("(reported, not changed)")
        if example.note:
            out.append(f"note: {example.note}")
    out += ["", "## Left alone"]
    out += [f"- {ex.before!r}" + (" (page mode)" if ex.mode == "page" else "") for ex in rule.counterexamples]
    return "\n".join(out)
