"""Run chunks on a Dask cluster: ``--scheduler ADDRESS`` or ``--scheduler local``.

The client reads the input and sends chunks to workers, so workers need ``cleanup``
installed but no shared storage; results come back in input order through a bounded window.
A task whose worker dies is rescheduled by Dask on another worker, and ``retries`` covers
other failures of a task.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator

from ..errors import CleanupError
from .sources import Chunk
from .work import Job, Outcome, run_chunk

RETRIES = 3


def _run(job: Job, chunk: Chunk) -> list[Outcome]:
    return run_chunk(job, chunk.items)


class DaskRunner:
    def __init__(self, scheduler: str, jobs: int = 0):
        self.scheduler = scheduler
        self.jobs = (os.cpu_count() or 1) if jobs in (0, 1) else jobs  # -j: LocalCluster workers

    def _client(self):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise CleanupError("--scheduler needs dask.distributed: pip install 'dask[distributed]'") from None
        if self.scheduler == "local":
            cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True,
                                   dashboard_address=":0")
            return Client(cluster), cluster
        try:
            return Client(self.scheduler, timeout="20s"), None
        except (OSError, TimeoutError) as exc:
            raise CleanupError(f"--scheduler {self.scheduler}: cannot connect ({exc})") from None

    def map(self, job: Job, chunks: Iterable[Chunk]) -> Iterator[tuple[Chunk, list[Outcome]]]:
        client, cluster = self._client()
        try:
            workers = max(1, len(client.scheduler_info()["workers"]))
            # The job goes with each task (a few hundred bytes): a scattered copy would be lost with
            # the worker holding it, and with it every task that needs it.
            window: deque = deque()
            for chunk in chunks:
                window.append((chunk, client.submit(_run, job, chunk, retries=RETRIES, pure=False)))
                if len(window) >= workers * 4:
                    done, future = window.popleft()
                    yield done, future.result()
            while window:
                done, future = window.popleft()
                yield done, future.result()
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
