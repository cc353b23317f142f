#!/usr/bin/env python3
"""``bounceback validate`` on 100,000 addresses over 5,000 domains, against a local NSD.

Starts the tests' authoritative server (tests/dnsserver.py: Debian's nsd on
127.0.0.1, a free port) with one zone of 5,000 domains — MX, A-only, null MX,
no mail host, and names that do not exist — writes a CSV of 100,000 rows
(20 per domain, plus some role accounts and broken addresses), and times the
real command end to end (start-up, CSV in and out, DNS, syntax). Checks every
row's verdict against what the zone says, and fails if the run takes a minute
or more.

    python3 bench/validate_dns.py [--addresses 100000] [--domains 5000] [--json out.json]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.dnsserver import NsdServer  # noqa: E402

ZONE = "bench.example.com"
LIMIT = 60.0
# kind of domain -> (share, expected check_result, check_reason)
KINDS = {
    "mx": (0.70, "ok", ""),
    "a": (0.15, "ok", ""),
    "nullmx": (0.05, "undeliverable", "null_mx"),
    "nohost": (0.05, "undeliverable", "no_mail_host"),
    "missing": (0.05, "undeliverable", "no_domain"),
}


def domains(n: int) -> list[tuple[str, str]]:
    out, start = [], 0
    for kind, (share, _, _) in KINDS.items():
        count = round(n * share) if kind != "missing" else n - start
        out += [(f"d{i:05d}.{ZONE}", kind) for i in range(start, start + count)]
        start += count
    return out


def zone_records(doms: list[tuple[str, str]]) -> list[str]:
    records = []
    for name, kind in doms:
        label = name[: -len(ZONE) - 1]
        if kind == "mx":
            records += [f"{label} MX 10 mx.{label}", f"mx.{label} A 192.0.2.25"]
        elif kind == "a":
            records.append(f"{label} A 192.0.2.26")
        elif kind == "nullmx":
            records.append(f"{label} MX 0 .")
        elif kind == "nohost":
            records.append(f'{label} TXT "v=spf1 -all"')
    return records


def write_list(path: Path, doms: list[tuple[str, str]], n: int, rng: random.Random) -> list[tuple[str, str]]:
    """The CSV, and the expected (result, reason) per row."""
    expected = []
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "email", "signed_up"])
        for i in range(n):
            name, kind = doms[i % len(doms)]
            local = rng.choice(["info", "postmaster"]) if i % 97 == 0 else f"user{i}"
            address, result, reason = f"{local}@{name}", *KINDS[kind][1:]
            if i % 101 == 0:
                address, result, reason = f"user{i}.{name}", "invalid", "syntax"  # no @
            w.writerow([i, f"Person {i}", address, f"2026-{1 + i % 12:02d}-01"])
            expected.append((result, reason))
    return expected


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--addresses", type=int, default=100_000)
    ap.add_argument("--domains", type=int, default=5_000)
    ap.add_argument("--json", help="write the figures here")
    args = ap.parse_args()
    rng = random.Random(7)
    doms = domains(args.domains)
    work = Path(tempfile.mkdtemp(prefix="bounceback-bench-"))
    exe = shutil.which("bounceback", path=str(Path(sys.executable).parent)) or "bounceback"
    try:
        src, out = work / "list.csv", work / "checked.csv"
        expected = write_list(src, doms, args.addresses, rng)
        with NsdServer({ZONE: zone_records(doms)}) as server:
            t0 = time.perf_counter()
            p = subprocess.run([exe, "validate", str(src), "-o", str(out), "--resolver", server.address,
                                "--no-progress"], capture_output=True, text=True)
            elapsed = time.perf_counter() - t0
        if p.returncode != 0:
            sys.exit(f"validate failed with exit {p.returncode}: {p.stderr.strip()}")
        with out.open(newline="") as f:
            rows = list(csv.DictReader(f))
        got = [(r["check_result"], r["check_reason"]) for r in rows]
        wrong = sum(1 for g, e in zip(got, expected, strict=True) if g != e)
        roles = sum(1 for r in rows if r["check_role"] == "yes")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    figures = {
        "addresses": args.addresses, "domains": args.domains, "seconds": round(elapsed, 2),
        "addresses_per_second": round(args.addresses / elapsed), "wrong_verdicts": wrong, "role_accounts": roles,
        "results": dict(Counter(g[0] for g in got)), "summary": p.stderr.strip().splitlines()[-1],
    }
    print(json.dumps(figures, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")
    if wrong:
        sys.exit(f"{wrong} rows got a wrong verdict")
    if elapsed >= LIMIT:
        sys.exit(f"too slow: {elapsed:.1f}s for {args.addresses} addresses (limit {LIMIT:.0f}s)")


if __name__ == "__main__":
    main()
