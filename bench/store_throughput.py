#!/usr/bin/env python3
"""Throughput of the list-hygiene store on SQLite and PostgreSQL.

Measures, per database:

* ``ingest``: messages/s, synthetic bounces (user unknown, mailbox full,
  blocklisted, feedback) recorded as ``ingest`` does it, 200 per transaction;
* ``suppressions import``: rows/s, building the one-million-suppression table;
* ``check``: lookups/s with one million suppressions, one address per call and
  1,000 addresses per call;
* ``clean``: rows/s on a 1,000,000-row CSV against one million suppressions,
  and the issue's bar — 1,000,000 rows against 100,000 suppressions, also timed
  as the real ``bounceback clean`` command (process start included).

PostgreSQL runs on a throwaway server started like the tests do (tests/pgserver.py).

    .venv/bin/python bench/store_throughput.py [--backend sqlite|postgresql|both] [--quick]
"""

from __future__ import annotations

import argparse
import io
import json
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import builders, pgserver  # noqa: E402

from bounceback.hygiene import check, clean, ingest, suppressions  # noqa: E402
from bounceback.hygiene.clean import open_csv_in, open_csv_out  # noqa: E402
from bounceback.store import Store  # noqa: E402

BASE = datetime(2026, 10, 1, tzinfo=UTC)
NOW = datetime(2026, 11, 1)


def synthetic_bounces(n: int) -> list[bytes]:
    kinds = (builders.user_unknown, builders.mailbox_full, builders.blocklisted, builders.arf)
    return [kinds[i % 4](f"user{i:07d}@example{i % 97}.com", BASE + timedelta(minutes=i)) for i in range(n)]


def gone(n: int) -> str:
    return f"gone{n:07d}@list{n % 1013}.example"


def suppression_csv(n: int) -> str:
    lines = ["address,reason,note"]
    lines += [f"{gone(i)},imported,old list" for i in range(n)]
    return "\n".join(lines) + "\n"


def list_csv(path: Path, rows: int, suppressed: int) -> None:
    """A mailing list: every tenth row is a suppressed address (when there are enough), in mixed case."""
    rng = random.Random(1)
    with path.open("w") as f:
        f.write("id,email,first_name,signup\n")
        for i in range(rows):
            if i % 10 == 0 and suppressed:
                n = rng.randrange(suppressed)
                address = f"GONE{n:07d}@List{n % 1013}.example"
            else:
                address = f"reader{i:07d}@example.org"
            f.write(f"{i},{address},Name{i},2026-01-{i % 28 + 1:02d}\n")


def timed(fn):
    t0 = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - t0


def bench_backend(name: str, new_db, work: Path, args) -> dict:
    out: dict = {"backend": name}
    # ingest
    messages = synthetic_bounces(args.messages)
    mbox = work / "bounces.mbox"
    mbox.write_bytes(builders.mbox(messages))
    with Store.open(new_db()) as store:
        summary, secs = timed(lambda: ingest(store, [str(mbox)], now=NOW))
        assert summary.count("recorded") == args.messages, summary
        out["ingest_messages"] = args.messages
        out["ingest_msgs_per_s"] = round(args.messages / secs)
    # one million suppressions: import, check, clean
    big = new_db()
    with Store.open(big) as store:
        imported, secs = timed(lambda: suppressions.import_(store, io.StringIO(suppression_csv(args.suppressions)),
                                                            note="bench", now=NOW))
        assert imported.added == args.suppressions, imported
        out["suppressions"] = args.suppressions
        out["import_rows_per_s"] = round(args.suppressions / secs)
        rng = random.Random(2)
        probes = [gone(rng.randrange(args.suppressions)) if k % 2 else f"fresh{k}@example.org"
                  for k in range(args.checks)]
        answers, secs = timed(lambda: [check(store, [p], now=NOW)[0] for p in probes])
        assert sum(not a.mailable for a in answers) == args.checks // 2
        out["check_single_per_s"] = round(args.checks / secs)
        _, secs = timed(lambda: [check(store, probes[i:i + 1000], now=NOW) for i in range(0, len(probes), 1000)])
        out["check_batch_per_s"] = round(args.checks / secs)
        csv_path = work / "list.csv"
        list_csv(csv_path, args.rows, args.suppressions)
        out["clean_rows"] = args.rows
        secs, result = clean_file(store, csv_path, work)
        out["clean_rows_per_s_1m_suppressions"] = round(args.rows / secs)
        out["clean_removed_1m_suppressions"] = result.removed
    # the bar: 1,000,000 rows, 100,000 suppressions, under a minute
    bar_db = new_db()
    with Store.open(bar_db) as store:
        suppressions.import_(store, io.StringIO(suppression_csv(args.bar_suppressions)), note="bench", now=NOW)
        csv_path = work / "list-bar.csv"
        list_csv(csv_path, args.rows, args.bar_suppressions)
        secs, result = clean_file(store, csv_path, work)
        out["bar_suppressions"] = args.bar_suppressions
        out["bar_clean_seconds_api"] = round(secs, 2)
        out["bar_removed"] = result.removed
    t0 = time.perf_counter()
    proc = subprocess.run([str(ROOT / ".venv" / "bin" / "bounceback"), "clean", str(csv_path), "--db", bar_db,
                           "-o", str(work / "clean-cli.csv"), "--removed", str(work / "removed-cli.csv")],
                          capture_output=True, text=True)
    out["bar_clean_seconds_cli"] = round(time.perf_counter() - t0, 2)
    if proc.returncode != 0:
        sys.exit(f"bounceback clean failed: {proc.stderr}")
    return out


def clean_file(store, csv_path: Path, work: Path):
    def run():
        with open_csv_in(str(csv_path)) as src, open_csv_out(str(work / "clean.csv")) as dst, \
                open_csv_out(str(work / "removed.csv")) as removed:
            return clean(store, src, dst, removed=removed, now=NOW)

    result, secs = timed(run)
    return secs, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    ap.add_argument("--messages", type=int, default=3000)
    ap.add_argument("--suppressions", type=int, default=1_000_000)
    ap.add_argument("--bar-suppressions", type=int, default=100_000)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--checks", type=int, default=10_000)
    ap.add_argument("--quick", action="store_true", help="Small sizes, to see that it runs.")
    ap.add_argument("--json", dest="json_out", help="Also write the results here.")
    args = ap.parse_args()
    if args.quick:
        args.messages, args.suppressions, args.bar_suppressions, args.rows, args.checks = 200, 20_000, 2_000, 20_000, 500
    results = []
    with tempfile.TemporaryDirectory(prefix="bounceback-bench-") as tmp:
        work = Path(tmp)
        counter = iter(range(10**6))
        if args.backend in ("sqlite", "both"):
            results.append(bench_backend("sqlite", lambda: str(work / f"db{next(counter)}.sqlite"), work, args))
            print(json.dumps(results[-1]), flush=True)
        if args.backend in ("postgresql", "both"):
            server = pgserver.start()
            try:
                results.append(bench_backend("postgresql", lambda: server.create_database(f"bench{next(counter)}"),
                                             work, args))
                print(json.dumps(results[-1]), flush=True)
            finally:
                server.stop()
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
