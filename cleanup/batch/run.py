"""One batch, start to end: chunks through a runner into sinks, committed for ``--resume``.

Iterating a ``Batch`` yields each article's ``Outcome`` in input order (the command line
prints from them) while the batch writes outputs and keeps ``summary`` and ``errors``. Every
couple of seconds the partial outputs are synced and the state records how far they go; at
the end the outputs are renamed into place and the state is removed. An interrupted batch
keeps its partial outputs and state for ``--resume``.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..errors import CleanupError
from ..model import Severity
from ..formats.reports import Summary
from .progress import Progress
from .sources import chunks
from .state import Resumed, State
from .work import Job, Outcome

COMMIT_SECONDS = float(os.environ.get("CLEANUP_COMMIT_SECONDS", "2"))  # tests commit more often


@dataclass
class Batch:
    """A batch run: items from a source, each cleaned by the job on a runner, results to a sink and
    the log."""
    source: object  # FileSource, JsonlSource or ParquetSource
    job: Job
    runner: object  # LocalRunner or DaskRunner
    sink: object | None = None  # where output records go
    log: object | None = None  # the diff log
    state: State | None = None  # None: cannot be resumed (stdout, in-place, check)
    resume: bool = False
    fail_on: Severity = Severity.WARNING
    show_progress: bool = True
    summary: Summary = field(default_factory=Summary)
    errors: list[str] = field(default_factory=list)
    resumed: int = 0  # articles done by an earlier run
    progress: Progress | None = None

    def say(self, line: str) -> None:
        """Print a line on stderr without breaking the progress bar."""
        if self.progress is not None:
            self.progress.write(line)
        else:
            print(line, file=sys.stderr)

    def __iter__(self) -> Iterator[Outcome]:
        try:
            resumed = self._open()
        except OSError as exc:
            raise CleanupError(f"cannot write the output: {exc}") from None
        self.summary, self.errors = resumed.summary, resumed.errors
        self.resumed = resumed.summary.files + resumed.summary.errors
        shown = self.show_progress and sys.stderr.isatty()
        self.progress = Progress(self.source.count() if shown else None, self.resumed, shown)
        delta, messages, last = Summary(), [], time.monotonic()
        finished = False
        try:
            work = chunks(self.source, skip=resumed.chunks)
            for chunk, outcomes in self.runner.map(self.job, work):
                for outcome in outcomes:
                    self._count(outcome, delta, messages)
                    yield outcome
                for sink in self._sinks():
                    sink.add(outcomes)
                self.progress.update(len(outcomes), sum(o.size for o in outcomes))
                if time.monotonic() - last >= COMMIT_SECONDS:
                    self._commit(chunk.index + 1, delta, messages)
                    delta, messages, last = Summary(), [], time.monotonic()
            for sink in self._sinks():
                sink.finish()
            if self.state is not None:
                self.state.remove()
            finished = True
        except (KeyboardInterrupt, Exception) as exc:
            if self.state is not None:
                self.progress.close()
                self.say("interrupted: what is done is kept; rerun the same command with --resume to continue")
            if isinstance(exc, OSError):  # disk full, permissions: one line, not a traceback
                raise CleanupError(f"cannot write the output: {exc}") from None
            raise
        finally:
            self.progress.close()
            if not finished:
                for sink in self._sinks():
                    sink.close()
                if self.state is not None:
                    self.state.close()

    def _sinks(self) -> list:
        return [s for s in (self.sink, self.log) if s is not None]

    def _open(self) -> Resumed:
        resumed = Resumed()
        if self.state is not None:
            if self.resume and self.state.exists:
                resumed = self.state.resume()
            else:
                self.state.start()
        self._resuming = resumed.chunks > 0 or bool(resumed.offsets)
        if self.sink is not None:
            self.sink.open(resumed.offsets.get("output") if self._resuming else None)
        if self.log is not None:
            self.log.open(resumed.offsets.get("log") if self._resuming else None)
        return resumed

    def _count(self, outcome: Outcome, delta: Summary, messages: list[str]) -> None:
        if outcome.error:
            for summary in (self.summary, delta):
                summary.errors += 1
            self.errors.append(outcome.error)
            messages.append(outcome.error)
        else:
            for summary in (self.summary, delta):
                summary.add(outcome.report, self.fail_on)

    def _commit(self, next_chunk: int, delta: Summary, messages: list[str]) -> None:
        offsets = {}
        if self.sink is not None:
            offsets["output"] = self.sink.commit()
        if self.log is not None:
            offsets["log"] = self.log.commit()
        if self.state is not None:
            self.state.commit(next_chunk, offsets, delta, messages)
