#!/usr/bin/env python3
"""Latency of ``GET /api/v1/suppressions/{address}`` with 1,000,000 suppressions, over loopback.

Builds (once, then reuses) a SQLite store with one million suppressions through
the real import path, creates an API token, starts the real ``bounceback serve``
process and asks it, one request after another on a kept-alive connection,
about random addresses: half of them suppressed (200 with evidence), half
unknown (404). Authentication is on: every request carries the bearer token.
Reports p50 / p95 / p99 / max in milliseconds; the bar is p99 under 10 ms.

    .venv/bin/python bench/api_check.py [--suppressions 1000000] [--requests 5000]
"""

from __future__ import annotations

import argparse
import io
import json
import random
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
NOW = datetime(2026, 11, 1)
BAR_MS = 10.0


def gone(n: int) -> str:
    return f"gone{n:07d}@list{n % 1013}.example"


def build(db: Path, n: int) -> None:
    from bounceback.hygiene import suppressions
    from bounceback.store import Store

    rows = "address,reason,note\n" + "".join(f"{gone(i)},imported,old list\n" for i in range(n))
    t0 = time.perf_counter()
    with Store.open(str(db)) as store:
        result = suppressions.import_(store, io.StringIO(rows), note="bench", now=NOW)
    print(f"built {db.name}: {result.added:,} suppressions in {time.perf_counter() - t0:.0f} s", file=sys.stderr)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(sorted_ms: list[float], p: float) -> float:
    return sorted_ms[min(len(sorted_ms) - 1, int(round(p / 100 * (len(sorted_ms) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--suppressions", type=int, default=1_000_000)
    ap.add_argument("--requests", type=int, default=5000)
    ap.add_argument("--warmup", type=int, default=300)
    args = ap.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    db = RESULTS / f"api-check-{args.suppressions}.db"
    if not db.exists():
        build(db, args.suppressions)
    bb = str(ROOT / ".venv" / "bin" / "bounceback")
    token = json.loads(subprocess.run([bb, "token", "create", f"bench-{time.time_ns()}", "--db", str(db), "--json"],
                                      check=True, capture_output=True, text=True).stdout)["token"]
    port = free_port()
    server = subprocess.Popen([bb, "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=5) as client:
            for _ in range(300):
                try:
                    client.get("/api/v1/health")
                    break
                except httpx.TransportError:
                    time.sleep(0.05)
            rng = random.Random(7)
            probes = [gone(rng.randrange(args.suppressions)) if k % 2 else f"fresh{k}@example.org"
                      for k in range(args.warmup + args.requests)]
            times, statuses = [], {200: 0, 404: 0}
            for k, address in enumerate(probes):
                t0 = time.perf_counter()
                r = client.get(f"/api/v1/suppressions/{address}")
                elapsed = (time.perf_counter() - t0) * 1000
                if r.status_code not in statuses:
                    sys.exit(f"unexpected {r.status_code} for {address}: {r.text}")
                if k >= args.warmup:
                    times.append(elapsed)
                    statuses[r.status_code] += 1
    finally:
        server.terminate()
        server.wait(10)
    times.sort()
    out = {"suppressions": args.suppressions, "requests": args.requests, "found_200": statuses[200],
           "not_suppressed_404": statuses[404], "auth": "bearer token", "database": "sqlite",
           "p50_ms": round(percentile(times, 50), 2), "p95_ms": round(percentile(times, 95), 2),
           "p99_ms": round(percentile(times, 99), 2), "max_ms": round(times[-1], 2),
           "mean_ms": round(statistics.fmean(times), 2), "bar_p99_ms": BAR_MS}
    (RESULTS / "api_check.json").write_text(json.dumps(out, indent=2) + "\n")
    print(json.dumps(out, indent=2))
    if out["p99_ms"] >= BAR_MS:
        sys.exit(f"p99 {out['p99_ms']} ms is over the {BAR_MS} ms bar")


if __name__ == "__main__":
    main()
