"""The ``cleanup`` command: fix, check, rules, rule, revert.

Exit codes (tested): ``fix`` 0, or 1 with ``--exit-non-zero-on-fix`` when it changed
something; ``check`` 0 when clean, 1 when fixes are pending or findings at or above
``--fail-on`` remain; every command 2 on usage, config, rule-file or input errors.
Errors are one line on stderr, never a traceback (``CLEANUP_DEBUG=1`` shows one).
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .config import CleanupConfig, load_config
from .difflog import dumps, read_log, records, revert, sha256, unified_diff
from .errors import CleanupError, InputError, LogError
from .formats.reports import FileReport, Summary, score_line, summary_line
from .inputs import clean_input
from .model import CleanResult, Severity
from .pipeline import get_pipeline
from .rulefiles import load_ruleset
from .rulesdoc import rule_page, rules_table
from .textio import Source, decode, iter_sources, read_bytes, read_source, write_atomic


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except CleanupError as exc:
        _err(f"error: {exc}")
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 1
    except Exception as exc:  # the promise is one line, never a traceback
        if os.environ.get("CLEANUP_DEBUG"):
            raise
        _err(f"internal error: {type(exc).__name__}: {exc} (set CLEANUP_DEBUG=1 for a traceback)")
        return 3


def _err(message: str) -> None:
    print(message, file=sys.stderr)


# --- options -------------------------------------------------------------------------------

def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cleanup", description="Clean machine-translated news text.")
    parser.add_argument("--version", action="version", version=f"cleanup {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    settings = argparse.ArgumentParser(add_help=False)
    group = settings.add_argument_group("settings")
    group.add_argument("--config", type=Path, help="config file (default: nearest cleanup.toml or pyproject.toml)")
    group.add_argument("--isolated", action="store_true", help="ignore all config files")
    group.add_argument("--select", type=_codes, help="rule codes or prefixes to run, comma-separated")
    group.add_argument("--ignore", type=_codes, help="rule codes or prefixes to skip, comma-separated")
    group.add_argument("--unsafe-fixes", action="store_true", default=None, help="also apply unsafe fixes")
    group.add_argument("--profile", help="house-style profile")
    group.add_argument("--mode", choices=["article", "page"], help="page: the input is a whole web page's text")
    group.add_argument("--rules-dir", type=Path, action="append", default=[], help="extra rule folder")
    group.add_argument("-j", "--jobs", type=int, default=1, help="parallel worker processes (0: one per core)")
    group.add_argument("-q", "--quiet", action="store_true", help="print no summary")
    group.add_argument("--fail-under", type=_score, metavar="SCORE",
                       help="exit 1 when an article's quality score (0-100) is below SCORE")

    fix = sub.add_parser("fix", parents=[settings], help="write clean text and a diff log")
    fix.add_argument("paths", nargs="+", metavar="PATH", help="files or folders; - reads stdin")
    where = fix.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", type=Path, metavar="DIR", help="write clean files under DIR")
    where.add_argument("--in-place", action="store_true", help="overwrite the input files (atomically)")
    fix.add_argument("--log", type=Path, metavar="FILE", help="write the JSONL diff log to FILE")
    fix.add_argument("--diff", action="store_true", help="print a unified diff of the changes")
    fix.add_argument("--exit-non-zero-on-fix", action="store_true", help="exit 1 if anything changed")
    fix.set_defaults(handler=_cmd_fix)

    chk = sub.add_parser("check", parents=[settings], help="report problems; never writes")
    chk.add_argument("paths", nargs="+", metavar="PATH", help="files or folders; - reads stdin")
    chk.add_argument("--output-format", choices=_FORMATS, metavar="FORMAT",
                     help=f"{', '.join(_FORMATS)} (default: full on a terminal, else concise)")
    chk.add_argument("--output-file", type=Path, metavar="FILE", help="write the report to FILE (atomically)")
    chk.add_argument("--fail-on", type=_severity, help="lowest finding severity that fails (default: warning)")
    chk.add_argument("--statistics", action="store_true", help="print counts per rule instead of each result")
    chk.add_argument("--show-fixes", action="store_true", help="show each pending fix as a diff")
    chk.add_argument("--baseline", type=Path, metavar="FILE",
                     help="fail only on results not in this baseline; report entries no longer found")
    chk.add_argument("--update-baseline", action="store_true", help="write every current result to --baseline FILE")
    chk.add_argument("--stdin-filename", metavar="NAME",
                     help="the name of standard input in reports; its suffix picks the input kind (.md)")
    chk.set_defaults(handler=_cmd_check)

    rules = sub.add_parser("rules", parents=[settings], help="list all rules")
    rules.add_argument("--format", choices=["table", "json", "md"], default="table")
    rules.set_defaults(handler=_cmd_rules)

    rule = sub.add_parser("rule", parents=[settings], help="show one rule's documentation and examples")
    rule.add_argument("code", help="rule code (ENC001) or name (mojibake)")
    rule.set_defaults(handler=_cmd_rule)

    names = sub.add_parser("names", parents=[settings], help="show what the names rules do with a spelling")
    names.add_argument("action", choices=["check"])
    names.add_argument("spellings", nargs="+", metavar="NAME", help="a spelling: Reznikow, Kiev, 'Vladimir Zelensky'")
    names.set_defaults(handler=_cmd_names)

    rev = sub.add_parser("revert", help="restore original files from clean files and their diff log")
    rev.add_argument("log", type=Path, help="diff log written by `cleanup fix --log`")
    rev.add_argument("clean", nargs="?", help="the clean text (file or -) when the log holds one file")
    where = rev.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", type=Path, metavar="DIR", help="write restored files under DIR")
    where.add_argument("--in-place", action="store_true", help="overwrite the clean files with the originals")
    rev.set_defaults(handler=_cmd_revert)
    return parser


_FORMATS = ["full", "concise", "json", "jsonl", "github", "sarif", "junit", "gitlab", "text"]


def _codes(value: str) -> tuple[str, ...]:
    return tuple(code.strip().upper() for code in value.split(",") if code.strip())


def _score(value: str) -> int:
    try:
        score = int(value)
    except ValueError:
        score = -1
    if not 0 <= score <= 100:
        raise argparse.ArgumentTypeError("must be a whole number from 0 to 100")
    return score


def _severity(value: str) -> Severity:
    try:
        return Severity.parse(value)
    except KeyError:
        raise argparse.ArgumentTypeError("must be info, warning or error") from None


def _config(args: argparse.Namespace) -> CleanupConfig:
    config = CleanupConfig() if args.isolated else load_config(args.config)
    changes: dict = {}
    if args.select:
        changes["select"] = args.select
    if args.ignore:
        changes["ignore"] = config.ignore + args.ignore
    if args.unsafe_fixes:
        changes["unsafe_fixes"] = True
    if args.profile:
        changes["profile"] = args.profile
    if args.mode:
        changes["mode"] = args.mode
    if args.rules_dir:
        changes["rule_dirs"] = config.rule_dirs + tuple(p.resolve() for p in args.rules_dir)
    if getattr(args, "fail_on", None) is not None:
        changes["fail_on"] = args.fail_on
    config = config.replace(**changes)
    get_pipeline(config)  # validate selectors, profile and rule files before touching any file
    return config


def _config_for(config: CleanupConfig, source: Source) -> CleanupConfig:
    """Apply ``per-file-ignores`` whose glob matches this file."""
    if not config.per_file_ignores or source.path is None:
        return config
    root = config.root or Path.cwd()
    try:
        rel = source.path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        rel = source.path.as_posix()
    extra = tuple(code for glob, codes in config.per_file_ignores
                  if fnmatch.fnmatch(rel, glob) or fnmatch.fnmatch(source.path.name, glob) for code in codes)
    return config.replace(ignore=config.ignore + extra) if extra else config


# --- running the pipeline over many files ----------------------------------------------------

@dataclass
class _Task:
    source: Source
    config: CleanupConfig
    output: Path | None  # where to write the clean text, if anywhere
    in_place: bool = False


@dataclass
class _Outcome:
    source: Source
    result: CleanResult | None
    error: str | None
    output: Path | None


def _run_task(task: _Task) -> _Outcome:
    """Read, clean and (maybe) write one file. Runs in worker processes: errors are returned."""
    try:
        text = read_source(task.source)
        result = clean_input(text, task.config, task.source.display)
        if task.output is not None and not (task.in_place and not result.changed):
            write_atomic(task.output, result.text, mode_from=task.source.path if task.in_place else None)
        return _Outcome(task.source, result, None, task.output)
    except CleanupError as exc:
        return _Outcome(task.source, None, str(exc), None)
    except OSError as exc:
        return _Outcome(task.source, None, f"{task.source.display}: cannot write output: {exc}", None)


def _run_all(tasks: list[_Task], jobs: int, quiet: bool) -> Iterator[_Outcome]:
    jobs = os.cpu_count() or 1 if jobs == 0 else max(jobs, 1)
    parallel = [t for t in tasks if not t.source.is_stdin]
    if jobs == 1 or len(parallel) < 2:
        results: Iterable[_Outcome] = map(_run_task, tasks)
        yield from _progress(results, len(tasks), quiet)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        chunk = max(1, min(64, len(tasks) // (jobs * 8)))
        yield from _progress(pool.map(_run_task, tasks, chunksize=chunk), len(tasks), quiet)


def _progress(outcomes: Iterable[_Outcome], total: int, quiet: bool) -> Iterable[_Outcome]:
    if quiet or total < 2 or not sys.stderr.isatty():
        return outcomes
    from tqdm import tqdm

    return tqdm(outcomes, total=total, unit="file", file=sys.stderr, leave=False)


def _sources(paths: list[str], config: CleanupConfig, errors: list[str]) -> list[Source]:
    sources = []
    for item in iter_sources(paths, config):
        if isinstance(item, InputError):
            errors.append(str(item))
        else:
            sources.append(item)
    if sum(s.is_stdin for s in sources) > 1:
        raise CleanupError("standard input (-) can be given only once")
    return sources


def _severities(config: CleanupConfig) -> dict[str, Severity]:
    return {r.code: r.severity for r in load_ruleset(config.rule_dirs).rules}


# --- commands -------------------------------------------------------------------------------

def _cmd_fix(args: argparse.Namespace) -> int:
    config = _config(args)
    errors: list[str] = []
    sources = _sources(args.paths, config, errors)
    to_stdout = not args.output and not args.in_place and not args.diff
    if to_stdout and len(sources) + len(errors) > 1:
        raise CleanupError("fix: several inputs need -o DIR or --in-place (or --diff to only show changes)")
    if args.in_place and any(s.is_stdin for s in sources):
        raise CleanupError("fix: --in-place cannot write back to standard input")
    tasks = []
    for source in sources:
        output = None
        if args.in_place:
            output = source.path
        elif args.output is not None and not source.is_stdin:
            output = args.output / source.relative
            if source.path is not None and output.resolve() == source.path.resolve():
                errors.append(f"{source.display}: output would overwrite the input; use --in-place for that")
                continue
        tasks.append(_Task(source, _config_for(config, source), output, args.in_place))

    summary = Summary(errors=len(errors))
    log_lines: list[str] = []
    severities = _severities(config)
    for outcome in _run_all(tasks, args.jobs, args.quiet):
        if outcome.error:
            errors.append(outcome.error)
            summary.errors += 1
            log_lines.append(dumps({"v": 1, "kind": "error", "file": outcome.source.display, "message": outcome.error}))
            continue
        result = outcome.result
        report = FileReport.of(outcome.source.display, result, severities)
        summary.add(report, config.fail_on)
        if not args.quiet:
            _err(score_line(report))
        if args.log:
            extra = {"relative": outcome.source.relative.as_posix() if outcome.source.relative else None,
                     "score": report.score}
            out = str(outcome.output) if outcome.output else None
            log_lines.extend(dumps(r) for r in records(result, outcome.source.display, out, extra))
        if args.diff:
            sys.stdout.write(unified_diff(result.original, result.text, outcome.source.display))
        elif to_stdout or (outcome.source.is_stdin and not args.output):
            sys.stdout.write(result.text)
    for message in errors:
        _err(f"error: {message}")
    if args.log:
        write_atomic(args.log, "".join(line + "\n" for line in log_lines))
    if not args.quiet:
        _err(summary_line(summary, mode="fix", unsafe=config.unsafe_fixes))
    if errors:
        return 2
    if _report_under(summary, args.fail_under):
        return 1
    return 1 if args.exit_non_zero_on_fix and summary.fixes else 0


def _report_under(summary: Summary, threshold: int | None) -> bool:
    """Name the articles under --fail-under on stderr; True if there are any."""
    under = summary.under(threshold)
    for score, file in under:
        _err(f"{file}: quality score {score} is under {threshold}")
    return bool(under)


def _cmd_check(args: argparse.Namespace) -> int:
    from .formats import Context, render
    from .formats.reports import statistics, statistics_table

    if args.update_baseline and not args.baseline:
        raise CleanupError("check: --update-baseline needs --baseline FILE")
    fmt = args.output_format or ("full" if sys.stdout.isatty() and not args.output_file else "concise")
    config = _config(args)
    baseline = _load_baseline(args.baseline) if args.baseline and not args.update_baseline else None
    errors: list[str] = []
    sources = _sources(args.paths, config, errors)
    if args.stdin_filename:
        sources = [Source(args.stdin_filename) if s.is_stdin else s for s in sources]
    tasks = [_Task(s, _config_for(config, s), None) for s in sources]
    reports: list[FileReport] = []
    severities = _severities(config)
    for outcome in _run_all(tasks, args.jobs, args.quiet or fmt not in ("full", "concise")):
        if outcome.error:
            errors.append(outcome.error)
        else:
            report = FileReport.of(outcome.source.display, outcome.result, severities)
            if fmt not in ("full", "sarif") and not args.show_fixes:
                report.source = ""  # only these quote the text: do not hold every article in memory
            reports.append(report)
    for message in errors:
        _err(f"error: {message}")
    if args.update_baseline:
        return _update_baseline(args.baseline, reports, errors)
    fixed: list[dict] = []
    if baseline is not None:
        reports, fixed = baseline.filter(reports)
    summary = Summary(errors=len(errors), fixed=sum(entry["count"] for entry in fixed))
    for report in reports:
        summary.add(report, config.fail_on)
    context = Context(summary, load_ruleset(config.rule_dirs).rules, config.fail_on, args.show_fixes, __version__,
                      errors)
    if args.statistics:
        rows = statistics(reports)
        text = json.dumps(rows, indent=2) + "\n" if fmt == "json" else statistics_table(rows)
    else:
        text = render(fmt, reports, context)
    if args.output_file:
        write_atomic(args.output_file, text)
    else:
        sys.stdout.write(text)
    for entry in fixed:
        _err(f"{entry['file']}: {entry['code']} fixed (was at line {entry.get('line')}; "
             f"--update-baseline drops it): {entry.get('message', '')}")
    if not args.quiet:
        _err(summary_line(summary, mode="check", unsafe=config.unsafe_fixes))
    if errors:
        return 2
    under = _report_under(summary, args.fail_under)
    return 1 if summary.fixes or summary.failing or under else 0


def _load_baseline(path: Path):
    from .baseline import Baseline

    return Baseline.load(path)


def _update_baseline(path: Path, reports: list[FileReport], errors: list[str]) -> int:
    from .baseline import Baseline

    if errors:
        _err(f"error: {path} not written: {len(errors)} input(s) could not be checked")
        return 2
    baseline = Baseline.of(reports)
    baseline.save(path)
    _err(f"{path}: baseline of {sum(baseline.counts.values())} result(s) in {len(reports)} file(s) written")
    return 0


def _cmd_rules(args: argparse.Namespace) -> int:
    config = _config(args)
    print(rules_table(load_ruleset(config.rule_dirs).rules, config, args.format))
    return 0


def _cmd_rule(args: argparse.Namespace) -> int:
    config = _config(args)
    wanted = args.code.strip()
    for rule in load_ruleset(config.rule_dirs).rules:
        if wanted.upper() == rule.code or wanted.lower() == rule.name:
            print(rule_page(rule))
            return 0
    raise CleanupError(f"unknown rule '{wanted}' (see `cleanup rules`)")


def _cmd_names(args: argparse.Namespace) -> int:
    from .stages.names import explain

    config = _config(args)
    print("\n\n".join(explain(s, config.rule_dirs, config.profile) for s in args.spellings))
    return 0


def _cmd_revert(args: argparse.Namespace) -> int:
    files = read_log(args.log)
    if not files:
        raise LogError(f"{args.log}: the log records no files")
    if args.clean is not None and len(files) != 1:
        raise CleanupError(f"revert: {args.log} holds {len(files)} files; give no CLEAN argument")
    if not args.output and not args.in_place and len(files) > 1:
        raise CleanupError("revert: several files need -o DIR or --in-place")
    errors = 0
    for logged in files:
        header = logged.header
        name = header["file"]
        try:
            if args.clean == "-":
                clean_path, clean = None, decode(sys.stdin.buffer.read(), "<stdin>")
            else:
                where = args.clean or header.get("output")
                if not where:
                    raise LogError(f"{name}: the log does not say where its clean text went; give it as CLEAN")
                clean_path = Path(where)
                clean = decode(read_bytes(clean_path), where)
            if sha256(clean) != header["clean_sha256"]:
                raise LogError(f"{name}: the clean text has changed since the log was written")
            original = revert(clean, logged.changes)
            if sha256(original) != header["sha256"]:
                raise LogError(f"{name}: reverting did not reproduce the original (log damaged?)")
            if args.output:
                relative = header.get("relative") or Path(name).name
                write_atomic(args.output / relative, original)
            elif args.in_place:
                if clean_path is None:
                    raise CleanupError("revert: --in-place cannot write back to standard input")
                write_atomic(clean_path, original, mode_from=clean_path)
            else:
                sys.stdout.write(original)
        except CleanupError as exc:
            _err(f"error: {exc}")
            errors += 1
    return 2 if errors else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
