"""Postfix and Exim deliver bounces straight into ``bounceback ingest -``; sysexits tell them what to do."""

from __future__ import annotations

import time

import pytest

from bounceback.hygiene import suppressions
from bounceback.store import Store

from .mailstack import PORTS, submit

PIPE_SENDER = "bounces-pipe@bounceback.test"


def suppressed(db) -> set[str]:
    if not db.exists():
        return set()
    with Store.open(str(db)) as store:
        return {s.address for s in suppressions.list_(store)}


def wait_for(cond, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.2)
    return False


def test_postfix_pipes_bounces_into_ingest(delivered):
    db = delivered.dir / "pipe" / "postfix.db"
    submit(PORTS["postfix"], [["unknown3@example.net"], ["blocked3@example.net"]], "pipe", sender=PIPE_SENDER)
    assert wait_for(lambda: "unknown3@example.net" in suppressed(db), 30)
    assert wait_for(lambda: delivered.postfix_log.read_text().count(
        "relay=bounceback-pipe, delay=") >= 2, 10)  # both bounces went through the pipe, exit 0: sent
    assert "status=sent (delivered via bounceback-pipe service (Read 1 message" in delivered.postfix_log.read_text()
    assert "blocked3@example.net" not in suppressed(db)  # the sender's problem: an incident, no suppression


def test_database_unavailable_means_postfix_retries(delivered):
    pipe_dir = delivered.dir / "pipe"
    db = pipe_dir / "postfix.db"
    before = len(_pipe_lines(delivered, 0).splitlines())  # lines about the pipe so far
    away = pipe_dir.with_name("pipe.away")
    pipe_dir.rename(away)  # the database is gone: ingest exits 75 (EX_TEMPFAIL), Postfix keeps the bounce
    try:
        submit(PORTS["postfix"], [["unknown4@example.net"]], "pipe-tempfail", sender=PIPE_SENDER)
        if not wait_for(lambda: "status=deferred" in _pipe_lines(delivered, before), 60):
            pytest.fail("no deferral of the piped bounce; Postfix's log ends with:\n"
                        + "\n".join(delivered.postfix_log.read_text().splitlines()[-40:]), pytrace=False)
    finally:
        away.rename(pipe_dir)
    # The bounce is still queued. Postfix retries it by itself; but with this suite's 1 s backoff
    # qmgr can race the pipe ("skipped, still being delivered") and leave it in the incoming queue
    # until the next trigger, so trigger it, as `postqueue -f` would after fixing a database.
    delivered.script("postfix", "flush")
    assert wait_for(lambda: "unknown4@example.net" in suppressed(db), 60)  # the retry got it in


def _pipe_lines(stack, skip: int) -> str:
    lines = [x for x in stack.postfix_log.read_text().splitlines() if "bounceback-pipe" in x]
    return "\n".join(lines[skip:])


def test_exim_pipes_bounces_into_ingest(delivered):
    db = delivered.dir / "pipe" / "exim.db"
    submit(PORTS["exim"], [["unknown5@example.net"]], "exim-pipe", sender=PIPE_SENDER)
    assert wait_for(lambda: "unknown5@example.net" in suppressed(db), 30)
    assert wait_for(lambda: " T=bounceback_pipe " in delivered.exim_log.read_text(), 10)
