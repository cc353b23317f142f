"""``bounceback ingest`` from the real servers: IMAP (moving messages), both MTAs' logs, a kill midway."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bounceback.hygiene import suppressions
from bounceback.store import Store

from ..hygiene.snapshot import snapshot
from .imapbox import USER, client, count, fill_folder
from .mailstack import IMAP_PASSWORD, PORTS

# offline: no blocklist lookups of the sending IP the refusals name (the DNS tripwire counts every query)
ENV = dict(os.environ, BOUNCEBACK_IMAP_PASSWORD=IMAP_PASSWORD, BOUNCEBACK_OFFLINE="1")
DEAD = {"unknown1@example.test", "unknown2@example.test"}
INCIDENTS = {("sender", "example.test", "blocked"), ("sender", "example.test", "spamdetected")}


def bb(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bounceback", *args], capture_output=True, text=True, env=ENV,
                          timeout=timeout)


def url(folder: str) -> str:
    return f"imap://{USER}@127.0.0.1:{PORTS['imap']}/{folder}"


def state(db: Path) -> dict:
    with Store.open(str(db)) as store:
        return snapshot(store)


def suppressed(db: Path) -> set[str]:
    with Store.open(str(db)) as store:
        return {s.address for s in suppressions.list_(store)}


def check_store(db: Path) -> None:
    """What the batch sent to example.test left (the pipe test sends to example.net through the same Postfix)."""
    snap = state(db)
    assert {a for a in suppressed(db) if a.endswith("@example.test")} == DEAD
    assert {(k, r, reason) for k, r, reason, *_ in snap["incidents"] if r == "example.test"} == INCIDENTS
    addresses = {a[0]: a for a in snap["addresses"]}
    assert addresses["full1@example.test"][1:3] == ("active", 1)  # the deferral did not strike; the expiry did
    assert "blocked1@example.test" not in addresses or addresses["blocked1@example.test"][2] == 0


def test_ingest_imap_records_then_moves_and_again_changes_nothing(folder, tmp_path):
    db = tmp_path / "b.db"
    done, other = f"{folder}/done", f"{folder}/other"
    args = ("ingest", "--imap", url(folder), "--move-to", done, "--unrecognized-to", other, "--db", str(db), "--json")
    r = bb(*args)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["by_message"]["recorded"] == 6 and out["by_message"]["not a bounce"] == 1
    assert IMAP_PASSWORD not in r.stdout + r.stderr
    assert (count(folder), count(done), count(other)) == (0, 6, 1)
    check_store(db)
    before = state(db)
    r = bb(*args)
    assert r.returncode == 0 and json.loads(r.stdout)["messages"] == 0
    c = client()  # the same messages put back in the folder: read, skipped, moved again
    c.select_folder(done)
    c.copy(c.search(["ALL"]), folder)
    c.logout()
    r = bb(*args)
    assert json.loads(r.stdout)["by_message"]["already ingested"] == 6
    assert (count(folder), count(done)) == (0, 12)
    assert state(db) == before


def test_ingest_imap_killed_midway_then_run_again_equals_one_clean_run(delivered, tmp_path):
    clean_db, killed_db = tmp_path / "clean.db", tmp_path / "killed.db"
    a, b = fill_folder(delivered), fill_folder(delivered)
    assert bb("ingest", "--imap", url(a), "--db", str(clean_db)).returncode == 0
    p = subprocess.Popen([sys.executable, "-m", "bounceback", "ingest", "--imap", url(b), "--watch", "--db",
                          str(killed_db)], env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    end = time.monotonic() + 30
    while count("bounceback/processed") - 6 < 1 and time.monotonic() < end:  # a's 6 are there already
        time.sleep(0.01)
    p.send_signal(signal.SIGKILL)
    p.wait(10)
    r = bb("ingest", "--imap", url(b), "--db", str(killed_db))
    assert r.returncode == 0, r.stderr
    assert count(b) == 1 and count("bounceback/processed") == 12  # the newsletter stays (flagged)
    assert state(killed_db) == state(clean_db)
    check_store(killed_db)


def test_ingest_both_real_logs_and_again(delivered, tmp_path):
    for kind, log in (("postfix", delivered.postfix_log), ("exim", delivered.exim_log)):
        db = tmp_path / f"{kind}.db"
        r = bb("ingest", "--log", kind, str(log), "--db", str(db), "--json")
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout)["by_message"]["recorded"] >= 6
        check_store(db)
        before = state(db)
        r = bb("ingest", "--log", kind, str(log), "--db", str(db), "--json")
        assert json.loads(r.stdout)["by_message"]["recorded"] == 0
        assert state(db) == before
