"""Rule documentation generated from the rule records: the same examples the tests run."""

from __future__ import annotations

import json
from collections.abc import Sequence

from .config import CleanupConfig
from .registry import Rule, is_enabled
from .stages import STAGES



def fix_label(rule: Rule) -> str:
    return "none" if rule.fix is None else rule.fix.label


def rules_table(rules: Sequence[Rule], config: CleanupConfig, fmt: str) -> str:
    order = {stage.name: i for i, stage in enumerate(STAGES)}
    rules = sorted(rules, key=lambda r: (order[r.stage], r.code))
    if fmt == "json":
        return json.dumps([
            {"code": r.code, "name": r.name, "stage": r.stage, "severity": r.severity.label,
             "fix": fix_label(r), "status": r.status, "summary": r.summary, "source": r.source,
             "enabled": is_enabled(r, config.select, config.ignore)}
            for r in rules
        ], indent=2, ensure_ascii=False)
    if fmt == "md":
        lines = ["| code | name | stage | fix | severity | summary |", "|---|---|---|---|---|---|"]
        lines += [f"| {r.code} | {r.name} | {r.stage} | {fix_label(r)} | {r.severity.label} | {r.summary} |"
                  for r in rules]
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
