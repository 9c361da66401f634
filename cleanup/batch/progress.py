"""A progress bar on a terminal: articles, MB/s and ETA. Silent when not a TTY or with -q."""

from __future__ import annotations

import shutil
import sys
import time


class Progress:
    def __init__(self, total: int | None, initial: int = 0, enabled: bool = True, unit: str = "article"):
        self.bar = None
        self.bytes = 0
        self.started = time.monotonic()
        if enabled and sys.stderr.isatty():
            from tqdm import tqdm

            size = shutil.get_terminal_size()  # a pty of unknown size: 80x24, not tqdm's 0 (or -1) that hides the bar
            self.bar = tqdm(total=total, initial=initial, unit=unit, file=sys.stderr, ncols=size.columns,
                            nrows=size.lines, smoothing=0.1, leave=False)

    def update(self, articles: int, size: int) -> None:
        if self.bar is None:
            return
        self.bytes += size
        elapsed = max(1e-6, time.monotonic() - self.started)
        self.bar.set_postfix_str(f"{self.bytes / 1e6 / elapsed:.2f} MB/s", refresh=False)
        self.bar.update(articles)

    def write(self, line: str) -> None:
        if self.bar is not None:
            self.bar.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
