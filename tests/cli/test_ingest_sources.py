"""``ingest -`` for an MTA pipe (sysexits) and ``ingest --log`` into a store."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from datetime import UTC, datetime

from bounceback.hygiene import suppressions
from bounceback.store import Store

from .. import builders
from ..hygiene.snapshot import snapshot
from ..sources.logs.test_postfix import LOG as POSTFIX_LOG

WHEN = datetime(2026, 11, 2, 9, 14, tzinfo=UTC)
NOT_AN_ADDRESS = builders.user_unknown("jane@example.org", WHEN).replace(b"jane@example.org", b"jane@exa_mple.org")


def pipe(db: str, raw: bytes) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bounceback", "ingest", "--db", db, "-"], input=raw,
                          capture_output=True, timeout=60)


def test_pipe_exit_codes(tmp_path):
    db = str(tmp_path / "b.db")
    r = pipe(db, builders.user_unknown("jane@example.org", WHEN))
    assert r.returncode == 0, r.stderr
    with Store.open(db) as store:
        assert [s.address for s in suppressions.list_(store)] == ["jane@example.org"]
    assert pipe(db, builders.user_unknown("jane@example.org", WHEN)).returncode == 0  # again: nothing new
    assert pipe(db, b"From: a@example.com\n\nhello, not a bounce\n").returncode == 0
    r = pipe(db, NOT_AN_ADDRESS)  # a bounce for nobody we can name: it can never be read
    assert r.returncode == 65 and b"jane@exa_mple.org" in r.stderr
    r = pipe("postgresql://nobody@127.0.0.1:1/bounceback", builders.user_unknown("kim@example.org", WHEN))
    assert r.returncode == 75 and r.stderr.count(b"\n") == 1 and b"try again later" in r.stderr
    r = pipe(str(tmp_path / "missing-folder" / "b.db"), builders.user_unknown("kim@example.org", WHEN))
    assert r.returncode == 75


def ingest_log(db: str, *paths: str) -> dict:
    r = subprocess.run([sys.executable, "-m", "bounceback", "ingest", "--db", db, "--json", "--log", "postfix",
                        *paths], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_log_ingest_records_once_whatever_the_file_is_called(tmp_path):
    db = str(tmp_path / "b.db")
    log = tmp_path / "mail.log"
    log.write_text(POSTFIX_LOG)
    out = ingest_log(db, str(log))
    # Jane (dead), max (deferred, then expired), pat (deferred), sam (spam), lee (blocked);
    # ok@example.com was delivered and is unknown to the store: not recorded
    assert out["by_message"]["recorded"] == 6 and out["events"] == 6
    # lee's refusal names the sending IP: blocklist evidence, as for a bounce message (the tests
    # run offline: it waits for `incidents check`)
    assert out["evidence_targets"] == ["203.0.113.5"]
    assert (out["evidence"]["deferred"], out["evidence"]["queries"]) == (1, 0)
    with Store.open(db) as store:
        before = snapshot(store)
        assert {s.address for s in suppressions.list_(store)} == {"jane@example.org"}
    addresses = {a[0]: a for a in before["addresses"]}
    assert addresses["max@example.net"][1:3] == ("active", 1)  # deferral: no strike; expiry: one
    assert "ok@example.com" not in addresses
    with open(log, "rb") as src, gzip.open(tmp_path / "mail.log.1.gz", "wb") as dst:  # rotated and compressed
        dst.write(src.read())
    os.remove(log)
    assert ingest_log(db, str(tmp_path / "mail.log.1.gz"))["by_message"]["recorded"] == 0
    with Store.open(db) as store:
        assert snapshot(store) == before


def test_a_delivery_resets_a_known_address(tmp_path):
    db = str(tmp_path / "b.db")
    log = tmp_path / "mail.log"
    log.write_text(POSTFIX_LOG + POSTFIX_LOG.splitlines()[5].replace("09:14:02", "11:00:00").replace(
        "ok@example.com", "max@example.net").replace("4B1C2D3E4F", "9F9F9F9F9F") + "\n")
    ingest_log(db, str(log))
    with Store.open(db) as store:
        addresses = {a[0]: a for a in snapshot(store)["addresses"]}
    assert addresses["max@example.net"][1:3] == ("active", 0)


def test_ingest_usage_errors(tmp_path):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "bounceback", "ingest", "--db", str(tmp_path / "b.db"), *args],
                              capture_output=True, text=True, timeout=60)

    assert run().returncode == 2
    assert run("--watch", "x.eml").returncode == 2
    assert run("--follow", "x.log").returncode == 2
    assert run("--imap", "imap://u@h/INBOX", "x.eml").returncode == 2
    r = run("--imap", "imap://u:pw@h/INBOX")
    assert r.returncode == 1 and "not in the URL" in r.stderr and "pw" not in r.stderr.replace("password", "")


def test_a_delivery_before_the_first_failure_is_never_recorded_so_reading_again_adds_nothing(tmp_path):
    db = str(tmp_path / "b.db")
    sent = POSTFIX_LOG.splitlines()[5]  # ok@example.com delivered at 09:14:02
    later = POSTFIX_LOG.splitlines()[3].replace("Jane@Example.ORG", "ok@example.com").replace(
        "09:14:02", "09:30:00").replace("4B1C2D3E4F", "5D5D5D5D5D")  # ... and dead at 09:30
    log = tmp_path / "mail.log"
    log.write_text(sent + "\n" + later + "\n")
    assert ingest_log(db, str(log))["events"] == 1
    with Store.open(db) as store:
        before = snapshot(store)
    assert ingest_log(db, str(log))["by_message"]["recorded"] == 0
    with Store.open(db) as store:
        assert snapshot(store) == before


def test_follow_records_as_lines_arrive_and_resumes_after_a_restart(tmp_path):
    import signal
    import time

    from ..sources.logs.test_reader import line

    db, state, log = str(tmp_path / "b.db"), str(tmp_path / "state.json"), tmp_path / "mail.log"
    log.write_text(line(1))

    def start():
        return subprocess.Popen([sys.executable, "-m", "bounceback", "ingest", "--db", db, "--log", "postfix",
                                 "--follow", "--state", state, str(log)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def dead() -> set[str]:
        if not os.path.exists(db):
            return set()
        with Store.open(db) as store:
            return {s.address for s in suppressions.list_(store)}

    def wait(n: int) -> None:
        end = time.monotonic() + 30
        while len(dead()) < n and time.monotonic() < end:
            time.sleep(0.1)

    p = start()
    wait(1)
    with log.open("a") as fh:
        fh.write(line(2))
    wait(2)
    p.send_signal(signal.SIGTERM)
    assert p.wait(15) == 0, p.stderr.read()
    with log.open("a") as fh:  # while nobody follows
        fh.write(line(3))
    p = start()
    wait(3)
    p.send_signal(signal.SIGTERM)
    assert p.wait(15) == 0
    assert dead() == {"u1@example.org", "u2@example.org", "u3@example.org"}
    with Store.open(db) as store:
        assert len(snapshot(store)["events"]) == 3
