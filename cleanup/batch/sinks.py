"""Outputs written through a partial file beside the target, renamed over it at the end.

A partial file only grows, and ``commit()`` syncs it and returns its length: the resume state
records that length, so after a crash the partial file is cut back to the last commit and
appended to again. Readers never see a half-written output: the target appears (by rename)
only once the whole batch is in it.
"""

from __future__ import annotations

import io
import os
import struct
from collections.abc import Iterable
from pathlib import Path

from ..errors import CleanupError
from .work import SCORE_FIELDS, Outcome

_FRAME = struct.Struct("<Q")


def partial_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.partial")


class AppendFile:
    """An append-only partial file, cut back to ``offset`` when resuming."""

    def __init__(self, path: Path):
        self.path = path
        self.partial = partial_path(path)
        self.handle = None

    def open(self, offset: int | None = None) -> None:
        """Start afresh, or (resuming) cut the partial file back to ``offset`` and append."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if offset is not None and not self.partial.exists():
            raise CleanupError(f"{self.partial}: the interrupted run's partial output is gone; "
                               "start over with --restart")
        if offset is None:
            self.handle = self.partial.open("wb")
        else:
            self.handle = self.partial.open("r+b")
            self.handle.truncate(offset)
            self.handle.seek(offset)

    def write(self, data: bytes) -> None:
        self.handle.write(data)

    def commit(self) -> int:
        self.handle.flush()
        os.fsync(self.handle.fileno())
        return self.handle.tell()

    def finish(self) -> None:
        self.commit()
        self.handle.close()
        os.replace(self.partial, self.path)

    def close(self) -> None:
        if self.handle is not None and not self.handle.closed:
            self.handle.close()

    def discard(self) -> None:
        self.close()
        self.partial.unlink(missing_ok=True)


class LogSink(AppendFile):
    """The diff log: each outcome's lines, in input order."""

    def add(self, outcomes: Iterable[Outcome]) -> None:
        self.write("".join(o.log for o in outcomes).encode("utf-8"))


class JsonlSink(AppendFile):
    """A JSON Lines corpus: each good article's output record, in input order."""

    def add(self, outcomes: Iterable[Outcome]) -> None:
        self.write("".join(o.record for o in outcomes if o.record is not None).encode("utf-8"))


class ParquetSink(AppendFile):
    """A Parquet table. The partial file holds length-framed Arrow IPC streams, one per chunk,
    so a cut-back partial file is still readable; ``finish`` streams them into row groups."""

    ROW_GROUP_BYTES = 32_000_000

    def __init__(self, path: Path, schema, add_scores: bool = True):
        super().__init__(path)
        self.schema = output_schema(schema) if add_scores else schema

    def add(self, outcomes: Iterable[Outcome]) -> None:
        import pyarrow as pa

        rows = [o.record for o in outcomes if o.record is not None]
        if not rows:
            return
        batch = pa.RecordBatch.from_pylist(rows, schema=self.schema)
        buffer = io.BytesIO()
        with pa.ipc.new_stream(buffer, self.schema) as writer:
            writer.write_batch(batch)
        data = buffer.getvalue()
        self.write(_FRAME.pack(len(data)) + data)

    def finish(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.commit()
        self.handle.close()
        final = self.path.with_name(f".{self.path.name}.tmp")
        try:
            with self.partial.open("rb") as frames, pq.ParquetWriter(final, self.schema) as writer:
                pending, size = [], 0
                for batch in _read_frames(frames):
                    pending.append(batch)
                    size += batch.nbytes
                    if size >= self.ROW_GROUP_BYTES:
                        writer.write_table(pa.Table.from_batches(pending, self.schema))
                        pending, size = [], 0
                if pending:
                    writer.write_table(pa.Table.from_batches(pending, self.schema))
            with final.open("rb") as handle:
                os.fsync(handle.fileno())
            os.replace(final, self.path)
        except BaseException:
            final.unlink(missing_ok=True)
            raise
        self.partial.unlink()


def _read_frames(handle):
    import pyarrow as pa

    while header := handle.read(_FRAME.size):
        (length,) = _FRAME.unpack(header)
        with pa.ipc.open_stream(handle.read(length)) as reader:
            yield from reader


def output_schema(schema):
    """The input's schema with the score columns added (replacing any from an earlier run)."""
    import pyarrow as pa

    for name in SCORE_FIELDS:
        if name in schema.names:
            schema = schema.remove(schema.get_field_index(name))
    for name in SCORE_FIELDS:
        schema = schema.append(pa.field(name, pa.int32()))
    return schema


class StdoutSink:
    """JSON Lines to standard output, as they come (no resume)."""

    def __init__(self, stream):
        self.stream = stream

    def open(self, offset: int | None = None) -> None:
        pass

    def add(self, outcomes: Iterable[Outcome]) -> None:
        self.stream.write("".join(o.record for o in outcomes if o.record is not None))
        self.stream.flush()

    def commit(self) -> int:
        return 0

    def finish(self) -> None:
        self.stream.flush()

    def close(self) -> None:
        pass

    def discard(self) -> None:
        pass
