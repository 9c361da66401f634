"""Inputs as a stream of work items, cut into chunks that are the same on every run.

A chunk is the unit of work sent to a worker and the unit ``--resume`` commits, so its
boundaries depend only on the input (at most ``CHUNK_ITEMS`` articles or ``CHUNK_BYTES``
bytes), never on ``-j`` or the runner. Corpora are read lazily (JSON Lines line by line,
Parquet by record batches), so memory does not grow with the corpus.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import CleanupError, InputError
from ..textio import Source
from .work import FileItem, RecordItem

CHUNK_ITEMS = 16
CHUNK_BYTES = 64_000
CORPUS_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet"}


def corpus_format(path: str | Path) -> str | None:
    """``jsonl`` or ``parquet`` for a corpus file name, None for anything else."""
    return CORPUS_SUFFIXES.get(Path(path).suffix.lower())


@dataclass(frozen=True)
class Chunk:
    """A numbered group of items: the unit a runner hands out and the state records as done."""
    index: int
    items: list


def chunks(items: Iterable, skip: int = 0) -> Iterator[Chunk]:
    """Group items into chunks; the first ``skip`` chunks (already done) are read, not yielded."""
    batch, size, index = [], 0, 0
    for item in items:
        batch.append(item)
        size += item.size
        if len(batch) >= CHUNK_ITEMS or size >= CHUNK_BYTES:
            if index >= skip:
                yield Chunk(index, batch)
            batch, size, index = [], 0, index + 1
    if batch and index >= skip:
        yield Chunk(index, batch)


class FileSource:
    """Text files (and standard input): each one an article."""

    format = None

    def __init__(self, items: list[FileItem]):
        self.items = items

    def __iter__(self) -> Iterator[FileItem]:
        return iter(self.items)

    def count(self) -> int:
        return len(self.items)

    def identity(self) -> dict:
        return {"files": [str(i.source.path) for i in self.items]}


def file_item(source: Source, output: Path | None = None, in_place: bool = False,
              ignore: tuple[str, ...] = ()) -> FileItem:
    size = 0
    if source.path is not None:
        try:
            size = source.path.stat().st_size
        except OSError:
            pass  # the worker reports it
    return FileItem(source, output, in_place, ignore, size)


class JsonlSource:
    """A JSON Lines corpus: one article per line, read as raw lines (workers parse them)."""

    format = "jsonl"

    def __init__(self, path: Path, display: str | None = None):
        self.path = path
        self.display = display or str(path)
        _check_readable(path, self.display)

    def __iter__(self) -> Iterator[RecordItem]:
        with self.path.open("rb") as handle:
            index = 0
            for raw in handle:
                if not raw.strip():
                    continue
                try:
                    line: str | bytes = raw.decode("utf-8")
                except UnicodeDecodeError:
                    line = raw  # the worker reports it, with its id
                yield RecordItem(index, line, len(raw))
                index += 1

    def count(self) -> int:
        with self.path.open("rb") as handle:
            return sum(1 for raw in handle if raw.strip())

    def identity(self) -> dict:
        stat = self.path.stat()
        return {"corpus": str(self.path.resolve()), "size": stat.st_size, "mtime": stat.st_mtime_ns}


class ParquetSource:
    """A Parquet table: one article per row, read by record batches."""

    format = "parquet"
    BATCH_ROWS = 256

    def __init__(self, path: Path, display: str | None = None, text_field: str = "text"):
        import pyarrow.parquet as pq

        self.path = path
        self.display = display or str(path)
        self.text_field = text_field
        _check_readable(path, self.display)
        try:
            self.file = pq.ParquetFile(path)
        except Exception as exc:  # pyarrow raises several kinds for a file that is not Parquet
            raise InputError(self.display, f"not a readable Parquet file ({exc})") from None
        self.schema = self.file.schema_arrow
        if text_field not in self.schema.names:
            raise InputError(self.display, f"no column '{text_field}' (the --text-field); "
                             f"columns: {', '.join(self.schema.names)}")

    def __iter__(self) -> Iterator[RecordItem]:
        index = 0
        for batch in self.file.iter_batches(batch_size=self.BATCH_ROWS):
            for row in batch.to_pylist():
                text = row.get(self.text_field)
                yield RecordItem(index, row, len(text) if isinstance(text, str) else 0)
                index += 1

    def count(self) -> int:
        return self.file.metadata.num_rows

    def identity(self) -> dict:
        stat = self.path.stat()
        return {"corpus": str(self.path.resolve()), "size": stat.st_size, "mtime": stat.st_mtime_ns}


def open_corpus(path: str, text_field: str) -> JsonlSource | ParquetSource:
    kind = corpus_format(path)
    if kind == "parquet":
        return ParquetSource(Path(path), path, text_field)
    if kind == "jsonl":
        return JsonlSource(Path(path), path)
    raise CleanupError(f"{path}: not a corpus (use .jsonl, .ndjson or .parquet)")


def _check_readable(path: Path, display: str) -> None:
    if not path.exists():
        raise InputError(display, "no such file or directory")
    if path.is_dir():
        raise InputError(display, "is a directory")
    if not os.access(path, os.R_OK):
        raise InputError(display, "permission denied")
