"""Batch cleaning: many articles from files, JSON Lines or Parquet, on local processes or Dask.

The pieces, each a small module: ``sources`` read inputs as work items in fixed chunks,
``work`` cleans one chunk (in a worker process), ``local`` and ``cluster`` run chunks and
give results back in input order, ``sinks`` write outputs through partial files, ``state``
remembers committed chunks so ``--resume`` continues where a killed run stopped, ``progress``
draws the bar, and ``run`` ties them together for the command line.
"""
