"""Memory of a batch as it streams a large corpus (issue 13): does it stay flat?

Generates a JSON Lines corpus of ``--mb`` megabytes (NTREX news joined to ~5 KB, the samples
mixed in) in a temporary folder, runs ``cleanup fix corpus.jsonl -o clean.jsonl --log ...``
and samples the process tree's PSS (shared pages split among the processes that share them)
and RSS every few seconds, against how much output is written. ``--seconds`` stops the run
(SIGKILL) after that long, for corpora the machine cannot finish in one sitting: the curve
shows whether memory grows with the articles done.

``python -m tests.quality.batch_memory --mb 1000 --jobs 2 [--select ENC,WSP] [--seconds 900]``
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from synthetic import write_jsonl  # noqa: E402


def tree_memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) bytes of a process and its descendants.

    RSS counts the word lists a forked worker shares with its parent once per process; PSS
    splits shared pages among the processes sharing them, so its sum is the real footprint.
    """
    rss = pss = 0
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1]) * 1024
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1]) * 1024
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return rss, pss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--select", default="ALL")
    parser.add_argument("--seconds", type=float, default=None, help="stop the run after this long")
    parser.add_argument("--every", type=float, default=30, help="print a line every N seconds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus, out = Path(tmp) / "corpus.jsonl", Path(tmp) / "clean.jsonl"
        count = write_jsonl(corpus, megabytes=args.mb)
        total = corpus.stat().st_size
        print(f"corpus: {total / 1e6:.0f} MB, {count} articles; rules {args.select}, -j {args.jobs}", flush=True)
        command = [sys.executable, "-m", "cleanup", "fix", str(corpus), "-o", str(out), "--log", str(Path(tmp) / "log"),
                   "--select", args.select, "-j", str(args.jobs), "-q", "--isolated"]
        proc = subprocess.Popen(command, cwd=ROOT)
        started = last = time.monotonic()
        peak_rss = peak_pss = 0
        partial = out.with_name(f".{out.name}.partial")
        print(f"{'seconds':>8} {'output MB':>10} {'PSS MB':>7} {'RSS MB':>7}", flush=True)
        while proc.poll() is None:
            rss, pss = tree_memory(proc.pid)
            peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
            now = time.monotonic()
            done = partial.stat().st_size if partial.exists() else (out.stat().st_size if out.exists() else 0)
            if now - last >= args.every:
                print(f"{now - started:8.0f} {done / 1e6:10.1f} {pss / 1e6:7.0f} {rss / 1e6:7.0f}", flush=True)
                last = now
            if args.seconds is not None and now - started > args.seconds:
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
                print(f"stopped after {args.seconds:.0f} s (workers exit when their parent dies)")
                break
            time.sleep(1)
        print(f"peak PSS {peak_pss / 1e6:.0f} MB, peak RSS {peak_rss / 1e6:.0f} MB (main process and workers); "
              f"exit {proc.returncode}; {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
