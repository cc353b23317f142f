"""Benchmark: parse a generated 1,000,000-line Postfix log (target: >= 100,000 lines/s).

    .venv/bin/python bench/logs_postfix.py [--lines 1000000] [--classify] [--keep FILE]

Generates a realistic mix (smtpd connect/client/disconnect, cleanup message-id, qmgr
from=/removed, smtp status=sent|bounced|deferred, qmgr status=expired, postfix noise),
then times ``LogReader.read`` over it (file reading, decoding, parsing and the queue-id
join). ``--classify`` also times classify() on every record, as ``parse --log`` does.
Prints lines/s and the peak resident memory.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from datetime import datetime, timedelta

from bounceback.classify import classify
from bounceback.sources.logs import LogReader, make_parser

START = datetime(2026, 11, 1)
REPLIES = [
    ("bounced", "5.1.1", "550 5.1.1 <{r}>: Recipient address rejected: User unknown in virtual mailbox table",
     "RCPT TO"),
    ("bounced", "5.7.1", "554 5.7.1 Service unavailable; Client host [192.0.2.7] blocked using zen.spamhaus.org",
     "RCPT TO"),
    ("deferred", "4.2.2", "452 4.2.2 Mailbox full", "RCPT TO"),
    ("deferred", "4.7.0", "421 4.7.0 Try again later, closing connection.", "MAIL FROM"),
    ("bounced", "5.7.1", "550 5.7.1 Message rejected as spam by content filter", "end of DATA"),
]


def generate(path: str, lines: int, seed: int = 7, fail_rate: float = 0.2) -> None:
    rnd = random.Random(seed)
    n = 0
    with open(path, "w") as out:
        q = 0
        while n < lines:
            q += 1
            qid = f"{0x10000000000 + q * 7919:011X}"
            t = START + timedelta(seconds=q)  # one message a second: a chronological log, like syslog's
            ts = f"{t:%b} {t.day:2d} {t:%H:%M:%S}"
            pid = 1000 + q % 5000
            rcpt = f"user{rnd.randrange(200000)}@example{rnd.randrange(50)}.test"
            relay = f"mx{rnd.randrange(9)}.example.test[192.0.2.{rnd.randrange(250)}]:25"
            block = [
                f"{ts} mail postfix/smtpd[{pid}]: connect from app.example.com[198.51.100.2]",
                f"{ts} mail postfix/smtpd[{pid}]: {qid}: client=app.example.com[198.51.100.2]",
                f"{ts} mail postfix/cleanup[{pid + 1}]: {qid}: message-id=<{q}.news@example.com>",
                f"{ts} mail postfix/qmgr[900]: {qid}: from=<news@example.com>, size={1000 + q % 9000}, "
                "nrcpt=1 (queue active)",
                f"{ts} mail postfix/smtpd[{pid}]: disconnect from app.example.com[198.51.100.2] ehlo=1 mail=1 "
                "rcpt=1 data=1 quit=1 commands=5",
            ]
            roll = rnd.random()
            dl = f"{ts} mail postfix/smtp[{pid + 2}]: {qid}: to=<{rcpt}>, relay={relay}, delay=0.4, " \
                 "delays=0.1/0/0.2/0.1, "
            if roll >= fail_rate:
                block.append(dl + f"dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as {q:X})")
            else:
                status, dsn, text, cmd = rnd.choice(REPLIES)
                host = relay.split(":")[0]
                block.append(dl + f"dsn={dsn}, status={status} (host {host} said: {text.format(r=rcpt)} "
                             f"(in reply to {cmd} command))")
                if status == "deferred" and rnd.random() < 0.3:
                    block.append(f"{ts} mail postfix/qmgr[900]: {qid}: from=<news@example.com>, status=expired, "
                                 "returned to sender")
            if rnd.random() < 0.05:
                block.append(f"{ts} mail postfix/smtpd[{pid}]: warning: hostname 203-0-113-9.example.net does "
                             "not resolve to address 203.0.113.9")
            block.append(f"{ts} mail postfix/qmgr[900]: {qid}: removed")
            for line in block:
                out.write(line + "\n")
            n += len(block)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lines", type=int, default=1_000_000)
    ap.add_argument("--classify", action="store_true", help="also classify every record")
    ap.add_argument("--keep", help="write the generated log here and keep it")
    ap.add_argument("--fail-rate", type=float, default=0.2,
                    help="share of deliveries that bounce or are deferred (default 0.2; newsletters see ~0.02)")
    ap.add_argument("--ingest", action="store_true",
                    help="also time `ingest --log` of the same log into a new SQLite store")
    a = ap.parse_args()
    path = a.keep or os.path.join(tempfile.mkdtemp(prefix="bb-bench-"), "mail.log")
    t = time.perf_counter()
    generate(path, a.lines, fail_rate=a.fail_rate)
    with open(path, "rb") as fh:
        total = sum(1 for _ in fh)
    print(f"generated {total:,} lines ({os.path.getsize(path) / 1e6:.0f} MB) in {time.perf_counter() - t:.1f} s")
    reader = LogReader(make_parser("postfix"))
    kinds: dict[str, int] = {}
    t = time.perf_counter()
    for _pos, d in reader.read([path], on_error=lambda e: print(e, file=sys.stderr)):
        if a.classify:
            classify(d)
        kinds[d.action] = kinds.get(d.action, 0) + 1
    dt = time.perf_counter() - t
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    what = "parse+classify" if a.classify else "parse"
    print(f"{what}: {total:,} lines in {dt:.2f} s = {total / dt:,.0f} lines/s; records {kinds}; "
          f"queue table {len(reader.parser.queue)}; peak RSS {rss:.0f} MB")
    ok = total / dt >= 100_000
    if a.ingest:
        ok = ingest(path, total) and ok
    if not a.keep:
        os.remove(path)
        os.rmdir(os.path.dirname(path))
    return 0 if ok else 1


def ingest(path: str, total: int) -> bool:
    """``bounceback ingest --log postfix`` into a fresh SQLite store, and the same again (all skipped)."""
    from bounceback.hygiene.feeds import ingest_log
    from bounceback.store import Store

    with tempfile.TemporaryDirectory(prefix="bb-bench-db-") as d, Store.open(os.path.join(d, "b.db")) as store:
        for run in ("first", "again"):
            t = time.perf_counter()
            s = ingest_log(store, LogReader(make_parser("postfix")), [path])
            dt = time.perf_counter() - t
            print(f"ingest ({run}): {total:,} lines in {dt:.2f} s = {total / dt:,.0f} lines/s; "
                  f"{dict(s.by_message)}; {s.events:,} events")
    return True


if __name__ == "__main__":
    sys.exit(main())
