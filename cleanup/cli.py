"""The ``cleanup`` command: fix, check, rules, rule, revert, report, serve.

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
from pathlib import Path

from . import __version__
from .config import CleanupConfig, load_config
from .batch.local import LocalRunner
from .batch.run import Batch
from .batch.sinks import JsonlSink, LogSink, ParquetSink, StdoutSink
from .batch.sources import FileSource, corpus_format, file_item, open_corpus
from .batch.state import State, state_path
from .batch.work import Job
from .difflog import iter_log, read_log, revert, sha256, unified_diff
from .errors import CleanupError, InputError, LogError
from .formats.reports import FileReport, Summary, score_line, summary_line
from .model import Severity
from .pipeline import get_pipeline
from .rulefiles import load_ruleset
from .rulesdoc import rule_page, rules_table
from .textio import Source, decode, iter_sources, read_bytes, write_atomic


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
    group.add_argument("-q", "--quiet", action="store_true", help="print no summary and no progress bar")
    group.add_argument("--fail-under", type=_score, metavar="SCORE",
                       help="exit 1 when an article's quality score (0-100) is below SCORE")
    batch = settings.add_argument_group("batches and corpora (.jsonl, .ndjson, .parquet inputs)")
    batch.add_argument("--text-field", default="text", metavar="NAME", help="the field holding the article (default: text)")
    batch.add_argument("--id-field", metavar="NAME", help="the field naming the article in reports and the log")
    batch.add_argument("--max-bytes", type=int, default=10_000_000, metavar="N",
                       help="skip (and report) articles larger than N bytes (default: 10 MB)")
    batch.add_argument("--scheduler", metavar="ADDRESS",
                       help="run on a Dask scheduler (tcp://host:8786), or 'local' for a local Dask cluster")

    fix = sub.add_parser("fix", parents=[settings], help="write clean text and a diff log")
    fix.add_argument("paths", nargs="+", metavar="PATH", help="files or folders; - reads stdin")
    where = fix.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", type=Path, metavar="DIR|FILE",
                       help="write clean files under DIR (a corpus: to FILE, .jsonl or .parquet)")
    where.add_argument("--in-place", action="store_true", help="overwrite the input files (atomically)")
    again = fix.add_mutually_exclusive_group()
    again.add_argument("--resume", action="store_true", help="continue an interrupted run with the same options")
    again.add_argument("--restart", action="store_true", help="discard an interrupted run's state and start over")
    fix.add_argument("--log", type=Path, metavar="FILE", help="write the JSONL diff log to FILE")
    fix.add_argument("--diff", action="store_true", help="print a unified diff of the changes")
    fix.add_argument("--html", type=Path, metavar="DIR", help="write an HTML review report under DIR")
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
    rev.add_argument("clean", nargs="?", help="the clean text (file or -) when the log holds one file; "
                     "for a corpus log, the clean corpus")
    rev.add_argument("--text-field", default="text", metavar="NAME", help="a corpus's text field (default: text)")
    where = rev.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", type=Path, metavar="DIR|FILE",
                       help="write restored files under DIR (a corpus: to FILE)")
    where.add_argument("--in-place", action="store_true", help="overwrite the clean files with the originals")

    rep = sub.add_parser("report", help="write the HTML review report of an existing diff log")
    rep.add_argument("log", type=Path, help="diff log written by `cleanup fix --log`")
    rep.add_argument("--html", type=Path, metavar="DIR", required=True, help="write the report under DIR")
    rep.set_defaults(handler=_cmd_report)

    srv = sub.add_parser("serve", help="run the HTTP service and the interactive review pages")
    srv.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    srv.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    srv.add_argument("--workers", type=int, default=2, help="pipeline worker processes (default: 2)")
    srv.add_argument("--timeout", type=float, default=30.0, help="seconds per request before a 503 (default: 30)")
    srv.add_argument("--max-bytes", type=int, default=1_000_000, help="largest text accepted, in UTF-8 bytes")
    srv.add_argument("--config", type=Path, help="config file for the service's defaults")
    srv.add_argument("--isolated", action="store_true", help="ignore all config files")
    srv.set_defaults(handler=_cmd_serve)
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


# --- batches -------------------------------------------------------------------------------

def _corpus(paths: list[str]) -> str | None:
    """The corpus file among the inputs, if any (a corpus is the only input of its run)."""
    corpora = [p for p in paths if corpus_format(p)]
    if corpora and len(paths) > 1:
        raise CleanupError(f"{corpora[0]}: a corpus is cleaned on its own; give it as the only input")
    return corpora[0] if corpora else None


def _runner(args: argparse.Namespace, stdin: bool = False):
    if args.scheduler:
        from .batch.cluster import DaskRunner

        return DaskRunner(args.scheduler, args.jobs)
    return LocalRunner(1 if stdin else args.jobs)


def _job(args: argparse.Namespace, config: CleanupConfig, **changes) -> Job:
    if args.max_bytes < 1:
        raise CleanupError("--max-bytes must be a positive number of bytes")
    return Job(config, text_field=args.text_field, id_field=args.id_field, max_bytes=args.max_bytes, **changes)


def _state(args: argparse.Namespace, output: Path, identity: dict) -> State:
    state = State(state_path(output), identity)
    if state.exists and not (args.resume or args.restart):
        raise CleanupError(f"{output}: an interrupted run left its state in {state.path}; "
                           "continue it with --resume or start over with --restart")
    return state


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


# --- commands -------------------------------------------------------------------------------

def _cmd_fix(args: argparse.Namespace) -> int:
    config = _config(args)
    corpus = _corpus(args.paths)
    if corpus is not None:
        return _fix_corpus(args, config, corpus)
    errors: list[str] = []
    sources = _sources(args.paths, config, errors)
    to_stdout = not args.output and not args.in_place and not args.diff
    if to_stdout and len(sources) + len(errors) > 1:
        raise CleanupError("fix: several inputs need -o DIR or --in-place (or --diff to only show changes)")
    if args.in_place and any(s.is_stdin for s in sources):
        raise CleanupError("fix: --in-place cannot write back to standard input")
    if args.resume and not args.output:
        raise CleanupError("fix: --resume needs -o DIR (in-place and standard output runs cannot be resumed)")
    items = []
    for source in sources:
        output = None
        if args.in_place:
            output = source.path
        elif args.output is not None and not source.is_stdin:
            output = args.output / source.relative
            if source.path is not None and output.resolve() == source.path.resolve():
                errors.append(f"{source.display}: output would overwrite the input; use --in-place for that")
                continue
        items.append(file_item(source, output, args.in_place, _extra_ignores(config, source)))

    stdin = any(s.is_stdin for s in sources)
    keep = args.diff or to_stdout or stdin or bool(args.html)
    job = _job(args, config, keep_result=keep, log=bool(args.log))
    source = FileSource(items)
    state = None
    if args.output is not None and not stdin:
        identity = {"input": source.identity(), "job": repr(job), "output": str(args.output), "log": str(args.log)}
        args.output.mkdir(parents=True, exist_ok=True)
        state = _state(args, args.output, identity)
    batch = Batch(source, job, _runner(args, stdin), log=LogSink(args.log) if args.log else None, state=state,
                  resume=args.resume, fail_on=config.fail_on, show_progress=not args.quiet)
    views = []  # article views for --html
    for outcome in batch:
        if outcome.error:
            continue
        if not args.quiet:
            batch.say(score_line(outcome.report))
        result = outcome.result
        if args.html:
            from .html.build import view_of

            views.append(view_of(result, outcome.name, outcome.report.score))
        if args.diff:
            sys.stdout.write(unified_diff(result.original, result.text, outcome.name))
        elif to_stdout or (stdin and not args.output and not args.in_place):
            sys.stdout.write(result.text)
    if args.html:
        from .html import write_report

        write_report(args.html, views)
    return _finish_fix(args, config, batch, errors)


def _fix_corpus(args: argparse.Namespace, config: CleanupConfig, path: str) -> int:
    """Clean a JSON Lines or Parquet corpus into a corpus of the same kind (or JSON Lines on stdout)."""
    source = open_corpus(path, args.text_field)
    if args.in_place or args.diff:
        raise CleanupError(f"{path}: a corpus is written with -o FILE (--in-place and --diff are for text files)")
    state = None
    if args.output is None:
        if source.format != "jsonl":
            raise CleanupError(f"{path}: a Parquet corpus needs -o FILE.parquet")
        if args.resume:
            raise CleanupError("fix: --resume needs -o FILE (a run to standard output cannot be resumed)")
        sink = StdoutSink(sys.stdout)
    else:
        if corpus_format(args.output) != source.format:
            suffix = ".parquet" if source.format == "parquet" else ".jsonl"
            raise CleanupError(f"{args.output}: a {source.format} corpus is written to a {suffix} file")
        if args.output.resolve() == Path(path).resolve():
            raise CleanupError(f"{args.output}: output would overwrite the input corpus")
        sink = ParquetSink(args.output, source.schema) if source.format == "parquet" else JsonlSink(args.output)
    job = _job(args, config, source=path, log=bool(args.log), output=source.format)
    if args.output is not None:
        identity = {"input": source.identity(), "job": repr(job), "log": str(args.log)}
        state = _state(args, args.output, identity)
    batch = Batch(source, job, _runner(args), sink=sink, log=LogSink(args.log) if args.log else None,
                  state=state, resume=args.resume, fail_on=config.fail_on, show_progress=not args.quiet)
    for _ in batch:
        pass
    return _finish_fix(args, config, batch, [])


def _finish_fix(args: argparse.Namespace, config: CleanupConfig, batch: Batch, errors: list[str]) -> int:
    summary = batch.summary
    summary.errors += len(errors)
    for message in errors + batch.errors:
        _err(f"error: {message}")
    if not args.quiet:
        _err(summary_line(summary, mode="fix", unsafe=config.unsafe_fixes))
    if errors or batch.errors:
        return 2
    if _report_under(summary, args.fail_under):
        return 1
    return 1 if args.exit_non_zero_on_fix and summary.fixes else 0


def _extra_ignores(config: CleanupConfig, source: Source) -> tuple[str, ...]:
    return _config_for(config, source).ignore[len(config.ignore):]


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
    corpus = _corpus(args.paths)
    job = _job(args, config, fix=False, source=corpus or "")
    if corpus is not None:
        source, stdin = open_corpus(corpus, args.text_field), False
    else:
        sources = _sources(args.paths, config, errors)
        if args.stdin_filename:
            sources = [Source(args.stdin_filename) if s.is_stdin else s for s in sources]
        source = FileSource([file_item(s, ignore=_extra_ignores(config, s)) for s in sources])
        stdin = any(s.is_stdin for s in sources)
    reports: list[FileReport] = []
    batch = Batch(source, job, _runner(args, stdin), fail_on=config.fail_on, show_progress=not args.quiet)
    for outcome in batch:  # reports are rendered at the end, so the progress bar has the terminal
        if outcome.error:
            errors.append(outcome.error)
        else:
            report = outcome.report
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


def _cmd_report(args: argparse.Namespace) -> int:
    from .html.build import report_from_log

    count = report_from_log(args.log, args.html)
    _err(f"wrote the report of {count} article{'' if count == 1 else 's'} to {args.html / 'index.html'}")
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from .serve import run

    config = CleanupConfig() if args.isolated else load_config(args.config)
    return run(config, host=args.host, port=args.port, workers=args.workers,
               timeout=args.timeout, max_bytes=args.max_bytes)


def _cmd_names(args: argparse.Namespace) -> int:
    from .stages.names import explain

    config = _config(args)
    print("\n\n".join(explain(s, config.rule_dirs, config.profile) for s in args.spellings))
    return 0


def _revert_corpus(args: argparse.Namespace) -> int:
    from .batch.restore import revert_corpus

    if args.clean is None or args.clean == "-" or args.output is None:
        raise CleanupError(f"revert: {args.log} is a corpus log; give the clean corpus and -o FILE for the original")
    count = revert_corpus(args.log, args.clean, args.output, args.text_field)
    _err(f"{count} article{'s' if count != 1 else ''} restored to {args.output}.")
    return 0


def _cmd_revert(args: argparse.Namespace) -> int:
    first = next(iter_log(args.log), None)
    if first is not None and "record" in first.header:
        return _revert_corpus(args)
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
