"""Real ``bounceback ingest`` processes: killed with SIGKILL at random moments, and two at once.

The end state must equal one clean run: nothing lost, nothing counted twice.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

from sqlalchemy import func, select

from bounceback.hygiene import ingest
from bounceback.policy import fold
from bounceback.store import Store
from bounceback.store.models import AddressRow, Event, Message, Suppression
from bounceback.store.state import period_row, timeline

from .. import builders as b
from .scenario import scenario_messages
from .snapshot import snapshot
from .test_ingest import assert_policy_end_state

FILLER = 1000  # enough messages that the ingest runs for a second or more, over several batches
KILLS = 3


def start_ingest(db: str, *paths: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    return subprocess.Popen([sys.executable, "-m", "bounceback", "ingest", *paths, "--db", db, "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)


def recorded_messages(db: str) -> int:
    """How many messages the database holds (0 while the process is still creating it)."""
    try:
        with Store.open(db, upgrade=False) as store:
            return store.read(lambda s: s.scalar(select(func.count()).select_from(Message))) or 0
    except Exception:  # noqa: BLE001 - not created yet: tables missing, file absent
        return 0


def assert_consistent(store: Store) -> None:
    """Every recorded message has all its events, and every derived row matches its events."""
    def work(session):
        per_message = dict(session.execute(select(Event.message_id, func.count()).group_by(Event.message_id)).all())
        for m in session.scalars(select(Message)):
            assert per_message.get(m.id, 0) == m.event_count, m.source
        for address in session.scalars(select(AddressRow.address)):
            expected = [period_row(address, p) for p in fold(timeline(session, address, store.policy),
                                                             store.policy.soft).periods]
            stored = [{k: getattr(r, k) for k in expected[0]} if expected else None
                      for r in session.scalars(select(Suppression).where(Suppression.address == address)
                                               .order_by(Suppression.since))]
            assert stored == (expected or []), address

    store.read(work)


def test_killed_at_random_moments_then_rerun_equals_one_clean_run(new_db, tmp_path):
    path = tmp_path / "bounces.mbox"
    messages = scenario_messages(filler=FILLER, shared=True)
    path.write_bytes(b.mbox(messages))
    clean_db, crash_db = new_db(), new_db()
    with Store.open(clean_db) as store:
        ingest(store, [str(path)])
        expected = snapshot(store)

    seed = random.randrange(10**6)
    rng = random.Random(seed)
    killed_midway = 0
    for _ in range(KILLS):
        proc = start_ingest(crash_db, str(path))
        deadline = time.monotonic() + 30
        # wait until this run has recorded something new, then kill it at a random moment after that
        start_count = recorded_messages(crash_db)
        while proc.poll() is None and recorded_messages(crash_db) <= start_count and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(rng.uniform(0, 0.4))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        at_kill = recorded_messages(crash_db)
        killed_midway += proc.returncode == -signal.SIGKILL and 0 < at_kill < len(messages)
        with Store.open(crash_db) as store:
            assert_consistent(store)
    assert killed_midway >= 1, f"no kill landed mid-run (seed {seed})"

    final = start_ingest(crash_db, str(path))
    out, err = final.communicate(timeout=120)
    assert final.returncode == 0, err.decode()
    with Store.open(crash_db) as store:
        assert snapshot(store) == expected, f"seed {seed}"
        assert_policy_end_state(store, besides_filler=True)
        assert_consistent(store)


def test_two_ingest_processes_at_once_lose_nothing(new_db, tmp_path):
    messages = scenario_messages(filler=300, shared=True)
    half = len(messages) // 2
    # overlapping halves: both processes race for the middle third, and for a fresh database's schema
    first, second = tmp_path / "first.mbox", tmp_path / "second.mbox"
    first.write_bytes(b.mbox(messages[: half + half // 3]))
    second.write_bytes(b.mbox(messages[half - half // 3:][::-1]))
    everything = tmp_path / "all.mbox"
    everything.write_bytes(b.mbox(messages))
    clean_db, shared_db = new_db(), new_db()
    with Store.open(clean_db) as store:
        ingest(store, [str(everything)])
        expected = snapshot(store)

    procs = [start_ingest(shared_db, str(first)), start_ingest(shared_db, str(second))]
    results = [p.communicate(timeout=180) for p in procs]
    for p, (_, err) in zip(procs, results, strict=True):
        assert p.returncode == 0, err.decode()
    with Store.open(shared_db) as store:
        assert snapshot(store) == expected
        assert_policy_end_state(store, besides_filler=True)
    import json

    recorded = sum(json.loads(out)["by_message"]["recorded"] for out, _ in results)
    assert recorded == len(messages)  # each message recorded by exactly one of the two
