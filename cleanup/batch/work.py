"""What a worker does with one chunk: clean each article and turn the result into output.

Everything per article happens here, in the worker: decoding the record, the pipeline, the
report, the diff-log lines and the output record. The main process only writes what comes
back, so ``-j N`` is not held back by serial work there. One bad article is an ``Outcome``
with an error, never an exception that stops the batch.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import CleanupConfig
from ..difflog import dumps, records
from ..errors import CleanupError
from ..model import CleanResult
from ..pipeline import get_pipeline
from ..formats.reports import FileReport
from ..inputs import clean_input
from ..textio import Source, read_source, write_atomic

SCORE_FIELDS = ("cleanup_score", "cleanup_fixes", "cleanup_findings")
_WARM_TEXT = "Le président a déclaré  que les négociations continueront.\n\nKyiv said â€” more.\n"


@dataclass(frozen=True)
class Job:
    """What every worker needs to know, sent once per worker (or per Dask task)."""

    config: CleanupConfig
    fix: bool = True
    text_field: str = "text"
    id_field: str | None = None
    source: str = ""  # the corpus's name, for fallback ids and the log
    max_bytes: int = 10_000_000
    keep_result: bool = False  # send the CleanResult back (check output, --diff, stdout)
    log: bool = False  # build diff-log lines
    output: str | None = None  # "jsonl" or "parquet": build output records of that kind


@dataclass(frozen=True)
class FileItem:
    """One input file, where its output goes, and the per-file ignores that apply to it."""
    source: Source
    output: Path | None = None
    in_place: bool = False
    ignore: tuple[str, ...] = ()  # per-file-ignores that match this file
    size: int = 0


@dataclass(frozen=True)
class RecordItem:
    """One record of a corpus, as read (a JSON line or a Parquet row), with its position."""
    index: int  # 0-based position in the corpus
    data: str | bytes | dict  # a raw JSON line (bytes if not UTF-8), or a Parquet row
    size: int = 0


@dataclass(slots=True)
class Outcome:
    """What cleaning one item gave: its report, result and log lines, or the one-line error."""
    name: str  # the file's display name or the record's id
    size: int = 0  # input bytes, for MB/s
    error: str | None = None
    report: FileReport | None = None
    result: CleanResult | None = None
    log: str = ""  # diff-log lines, each ending in a newline
    record: Any = None  # the output record: a JSON line (str) or a row (dict)
    output: Path | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def warm(config: CleanupConfig) -> None:
    """Load word lists and language models now, so forked workers share them."""
    get_pipeline(config).run(_WARM_TEXT)


def run_chunk(job: Job, items: list[FileItem | RecordItem]) -> list[Outcome]:
    return [run_item(job, item) for item in items]


def run_item(job: Job, item: FileItem | RecordItem) -> Outcome:
    if isinstance(item, FileItem):
        return _file(job, item)
    return _record(job, item)


def _file(job: Job, item: FileItem) -> Outcome:
    source = item.source
    config = job.config.replace(ignore=job.config.ignore + item.ignore) if item.ignore else job.config
    try:
        text = read_source(source)
        result = clean_input(text, config, source.display)  # Markdown files: only their prose
        if item.output is not None and not (item.in_place and not result.changed):
            write_atomic(item.output, result.text, mode_from=source.path if item.in_place else None)
    except CleanupError as exc:
        return _failed(job, source.display, str(exc), item.size, {"file": source.display})
    except OSError as exc:
        return _failed(job, source.display, f"{source.display}: cannot write output: {exc}", item.size,
                       {"file": source.display})
    outcome = _done(job, config, source.display, result, item.size)
    outcome.output = item.output
    if job.log:
        extra = {"relative": source.relative.as_posix() if source.relative else None,
                 "score": outcome.report.score}
        out = str(item.output) if item.output else None
        outcome.log = "".join(dumps(r) + "\n" for r in records(result, source.display, out, extra))
    return outcome


def _record(job: Job, item: RecordItem) -> Outcome:
    name = f"{job.source}:{item.index + 1}"  # until the record's id is known
    where = {"source": job.source, "record": item.index}
    try:
        record = _parse(item.data, name)
        if job.id_field is not None:
            if job.id_field not in record:
                raise CleanupError(f"{name}: no '{job.id_field}' field (the --id-field)")
            where["id"] = record[job.id_field]
            name = str(record[job.id_field])
        text = _text(record, job, name)
        result = get_pipeline(job.config).run(text)
    except CleanupError as exc:
        return _failed(job, name, str(exc), item.size, where)
    except Exception as exc:  # a bug on one article must not stop a million-article batch
        return _failed(job, name, f"{name}: internal error: {type(exc).__name__}: {exc}", item.size, where)
    outcome = _done(job, job.config, name, result, item.size)
    score = outcome.report.score
    if job.log:
        extra = {**where, "score": score}
        outcome.log = "".join(dumps(r) + "\n" for r in records(result, name, None, extra))
    if job.output is not None:
        out = dict(record)
        if job.fix:
            out[job.text_field] = result.text
        out.update(zip(SCORE_FIELDS, (score["score"], len(result.changes), len(result.findings))))
        outcome.record = out if job.output == "parquet" else dumps_record(out)
    return outcome


def dumps_record(record: dict) -> str:
    """A JSON line; values JSON has no type for (dates, bytes from Parquet) become strings."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"), default=str) + "\n"


def _parse(data: str | bytes | dict, name: str) -> dict:
    if isinstance(data, dict):
        return data
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CleanupError(f"{name}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    try:
        record = json.loads(data)
    except ValueError as exc:
        raise CleanupError(f"{name}: not valid JSON ({exc})") from None
    if not isinstance(record, dict):
        raise CleanupError(f"{name}: not a JSON object")
    return record


def _text(record: dict, job: Job, name: str) -> str:
    if job.text_field not in record:
        raise CleanupError(f"{name}: no '{job.text_field}' field (the --text-field)")
    text = record[job.text_field]
    if not isinstance(text, str):
        raise CleanupError(f"{name}: field '{job.text_field}' is {type(text).__name__}, not text")
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as exc:
        raise CleanupError(f"{name}: field '{job.text_field}' is not valid Unicode ({exc.reason})") from None
    if size > job.max_bytes:
        raise CleanupError(f"{name}: article is {size:,} bytes, over the limit of {job.max_bytes:,} (--max-bytes)")
    return text


def _done(job: Job, config: CleanupConfig, name: str, result: CleanResult, size: int) -> Outcome:
    report = FileReport.of(name, result, _severities(config))
    if job.fix:
        report.source = ""  # the article's text: only check's quoting formats need it back
    return Outcome(name, size, report=report, result=result if job.keep_result else None)


@functools.lru_cache(maxsize=32)
def _severities(config: CleanupConfig) -> dict:
    return {r.code: r.severity for r in get_pipeline(config).ruleset.rules}


def _failed(job: Job, name: str, message: str, size: int, where: dict[str, Any]) -> Outcome:
    if not message.startswith(f"{name}: "):  # (the pipeline's own errors do not know the input)
        message = f"{name}: {message}"
    log = dumps({"v": 1, "kind": "error", **where, "file": name, "message": message}) + "\n" if job.log else ""
    return Outcome(name, size, error=message, log=log)
