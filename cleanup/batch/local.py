"""Run chunks on this machine: in-process for ``-j 1``, else a pool of worker processes.

Why ``-j 2`` was only ~1.4x ``-j 1``: every worker loaded the word lists and language models
itself (CPU time taken from the other worker), and the main process built every report and
log line serially while both workers competed with it for the two cores. Now the parent
loads them once and forks (workers share them copy-on-write), workers send back finished
output, and chunks stream through a bounded window, so memory stays flat and results come
back in input order.
"""

from __future__ import annotations

import gc
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator

from .sources import Chunk
from .work import Job, Outcome, run_chunk, warm

_JOB: Job | None = None  # set once per worker process


def _init(job: Job) -> None:
    global _JOB
    _JOB = job
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the main process, which stops the pool
    warm(job.config)  # a no-op when forked from a warmed parent


def _run(chunk: Chunk) -> list[Outcome]:
    return run_chunk(_JOB, chunk.items)


class LocalRunner:
    def __init__(self, jobs: int = 1):
        self.jobs = (os.cpu_count() or 1) if jobs == 0 else max(1, jobs)

    def map(self, job: Job, chunks: Iterable[Chunk]) -> Iterator[tuple[Chunk, list[Outcome]]]:
        """Each chunk with its outcomes, in input order."""
        if self.jobs == 1:
            for chunk in chunks:
                yield chunk, run_chunk(job, chunk.items)
            return
        import multiprocessing  # here, not at the top: a one-article run should start fast
        from concurrent.futures import ProcessPoolExecutor

        warm(job.config)
        gc.freeze()  # the warmed objects stay shared: the collector in a worker does not touch (copy) them
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        with ProcessPoolExecutor(self.jobs, mp_context=context, initializer=_init, initargs=(job,)) as pool:
            window: deque = deque()
            try:
                for chunk in chunks:
                    window.append((chunk, pool.submit(_run, chunk)))
                    if len(window) >= self.jobs * 3:
                        done, future = window.popleft()
                        yield done, future.result()
                while window:
                    done, future = window.popleft()
                    yield done, future.result()
            finally:
                for _, future in window:
                    future.cancel()
                gc.unfreeze()
