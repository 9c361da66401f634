"""The pipeline over Dask collections, partition by partition.

>>> import dask.bag as db
>>> bag = db.from_sequence([{"id": 1, "text": "kyiv said.  "}], npartitions=1)
>>> clean_bag(bag, id_field="id").compute(scheduler="sync")[0]["text"]
'Kyiv said.\\n'

Each record (a dict, or a dataframe row) keeps its other fields and gains ``cleanup_score``,
``cleanup_fixes``, ``cleanup_findings`` and ``cleanup_error`` (None, or why the record was not
cleaned: its text unchanged). Partitions are cleaned independently, so a partition whose
worker dies is simply recomputed by Dask; results keep the collection's order. Workers need
``cleanup`` installed; data on shared storage (``dd.read_parquet("s3://...")``) is read and
written by the workers themselves.
"""

from __future__ import annotations

from typing import Any

from .batch.work import SCORE_FIELDS, Job, RecordItem, run_item
from .config import CleanupConfig

ERROR_FIELD = "cleanup_error"
FIELDS = (*SCORE_FIELDS, ERROR_FIELD)


def _job(text_field: str, id_field: str | None, config: CleanupConfig | None, fix: bool) -> Job:
    return Job(config or CleanupConfig(), fix=fix, text_field=text_field, id_field=id_field,
               source="partition", output="parquet")


def clean_records(records: list[dict], text_field: str = "text", id_field: str | None = None,
                  config: CleanupConfig | None = None, fix: bool = True) -> list[dict]:
    """Clean a list of records (one partition); every record comes back, bad ones with an error."""
    job = _job(text_field, id_field, config, fix)
    out = []
    for index, record in enumerate(records):
        outcome = run_item(job, RecordItem(index, dict(record)))
        if outcome.error is None:
            out.append({**outcome.record, ERROR_FIELD: None})
        else:
            out.append({**record, **dict.fromkeys(SCORE_FIELDS), ERROR_FIELD: outcome.error})
    return out


def clean_bag(bag: Any, text_field: str = "text", id_field: str | None = None,
              config: CleanupConfig | None = None, fix: bool = True) -> Any:
    """A ``dask.bag.Bag`` of dicts -> a Bag of cleaned dicts, partition by partition."""
    return bag.map_partitions(clean_records, text_field=text_field, id_field=id_field, config=config, fix=fix)


def clean_frame(frame: Any, text_field: str = "text", id_field: str | None = None,
                config: CleanupConfig | None = None, fix: bool = True) -> Any:
    """Clean one ``pandas.DataFrame`` (a partition): same rows and index, with the added columns."""
    import pandas as pd

    rows = clean_records(frame.to_dict("records"), text_field, id_field, config, fix)
    out = pd.DataFrame(rows, index=frame.index, columns=[*frame.columns, *[f for f in FIELDS if f not in frame]])
    for name in SCORE_FIELDS:
        out[name] = out[name].astype("Int32")
    out[ERROR_FIELD] = out[ERROR_FIELD].astype("string")
    return out


def clean_dataframe(df: Any, text_field: str = "text", id_field: str | None = None,
                    config: CleanupConfig | None = None, fix: bool = True) -> Any:
    """A ``dask.dataframe.DataFrame`` -> the cleaned DataFrame, partition by partition."""
    meta = clean_frame(df._meta, text_field, id_field, config, fix)
    return df.map_partitions(clean_frame, text_field=text_field, id_field=id_field, config=config, fix=fix,
                             meta=meta)
