"""Reverting a cleaned corpus with its diff log: the original articles back, record by record.

The clean corpus and the log list the same articles in the same order (bad records are in
neither), so both are streamed side by side; each article's clean text must hash to what the
log says before it is reverted, and the result must hash to the original's hash.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..difflog import iter_log, revert, sha256
from ..errors import CleanupError, LogError
from .sinks import JsonlSink, ParquetSink
from .sources import corpus_format, open_corpus
from .work import SCORE_FIELDS, Outcome, dumps_record

BATCH = 256


def revert_corpus(log: Path, clean: str, output: Path, text_field: str = "text") -> int:
    """Write the original corpus to ``output``; returns the number of articles restored."""
    source = open_corpus(clean, text_field)
    if corpus_format(output) != source.format:
        raise CleanupError(f"{output}: a {source.format} corpus is restored to a file of the same kind")
    if source.format == "parquet":
        schema = source.schema
        for name in SCORE_FIELDS:
            if name in schema.names:
                schema = schema.remove(schema.get_field_index(name))
        sink = ParquetSink(output, schema, add_scores=False)
    else:
        sink = JsonlSink(output)
    logged = iter_log(log)
    sink.open()
    count, pending = 0, []
    try:
        for item in source:
            record = item.data if isinstance(item.data, dict) else json.loads(item.data)
            entry = next(logged, None)
            if entry is None:
                raise LogError(f"{clean}: record {item.index + 1} has no entry in {log}")
            name, text = entry.header["file"], record.get(text_field)
            if not isinstance(text, str) or sha256(text) != entry.header["clean_sha256"]:
                raise LogError(f"{name}: the clean text (record {item.index + 1} of {clean}) "
                               "is not the one the log was written for")
            original = revert(text, entry.changes)
            if sha256(original) != entry.header["sha256"]:
                raise LogError(f"{name}: reverting did not reproduce the original (log damaged?)")
            record[text_field] = original
            for field in SCORE_FIELDS:
                record.pop(field, None)
            pending.append(Outcome(name, record=record if source.format == "parquet" else dumps_record(record)))
            count += 1
            if len(pending) >= BATCH:
                sink.add(pending)
                pending = []
        if next(logged, None) is not None:
            raise LogError(f"{log}: the log has more articles than {clean}")
        sink.add(pending)
        sink.finish()
    except BaseException:
        sink.discard()
        raise
    return count
