"""A bounded load test of `cleanup serve`: requests per second and latency on loopback.

Starts the server (``--workers 2``) on a free loopback port, warms each worker, then has
``--clients`` concurrent clients POST ~5 KB NTREX articles to /v1/clean until ``--requests``
answers are in (or ``--seconds`` pass), stops the server and prints one line of figures.

    python tests/benchmarks/load_serve.py [--clients 16] [--requests 2000] [--seconds 300]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NTREX = ROOT / "tests" / "data" / "ntrex" / "ntrex_docs.jsonl"


def articles(size: int = 5000) -> list[str]:
    """NTREX English news joined into articles of about ``size`` UTF-8 bytes, at paragraph ends."""
    paragraphs = []
    with NTREX.open(encoding="utf-8") as handle:
        for line in handle:
            paragraphs.extend(json.loads(line)["en"])
    out, current = [], []
    for paragraph in paragraphs:
        current.append(paragraph)
        if len("\n\n".join(current).encode("utf-8")) >= size:
            out.append("\n\n".join(current) + "\n")
            current = []
    return out


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def _load(base: str, texts: list[str], clients: int, requests: int, seconds: float) -> dict:
    import httpx

    latencies: list[float] = []
    errors = 0
    counter = itertools.count()
    deadline = time.monotonic() + seconds

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal errors
        while time.monotonic() < deadline:
            n = next(counter)
            if n >= requests:
                return
            started = time.perf_counter()
            try:
                answer = await http.post(base + "/v1/clean", json={"text": texts[n % len(texts)]})
                ok = answer.status_code == 200 and "text" in answer.json()
            except httpx.HTTPError:
                ok = False
            latencies.append(time.perf_counter() - started)
            errors += not ok

    async with httpx.AsyncClient(timeout=120, limits=httpx.Limits(max_connections=clients)) as http:
        for _ in range(2):  # warm both workers (rules loaded, caches filled); not measured
            await asyncio.gather(*(http.post(base + "/v1/clean", json={"text": t}) for t in texts[:4]))
        started = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(clients)))
        elapsed = time.perf_counter() - started
    latencies.sort()

    def quantile(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000

    return {"requests": len(latencies), "seconds": round(elapsed, 1), "rps": round(len(latencies) / elapsed, 1),
            "p50_ms": round(quantile(0.50)), "p99_ms": round(quantile(0.99)), "errors": errors,
            "mean_bytes": round(sum(len(t.encode()) for t in texts) / len(texts))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "cleanup", "serve", "--isolated", "--port", str(port),
                               "--workers", str(args.workers), "--timeout", "120"], cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx

        for _ in range(300):
            try:
                if httpx.get(base + "/health").status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        figures = asyncio.run(_load(base, articles(), args.clients, args.requests, args.seconds))
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"{figures['requests']} requests of ~{figures['mean_bytes']} B from {args.clients} clients, "
          f"{args.workers} workers: {figures['rps']} req/s, p50 {figures['p50_ms']} ms, "
          f"p99 {figures['p99_ms']} ms, {figures['errors']} errors ({figures['seconds']} s)")
    return 1 if figures["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
