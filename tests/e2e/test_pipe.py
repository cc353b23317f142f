"""Postfix and Exim deliver bounces straight into ``bounceback ingest -``; sysexits tell them what to do."""

from __future__ import annotations

import time

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
    before = delivered.postfix_log.read_text().count("bounceback-pipe")
    away = pipe_dir.with_name("pipe.away")
    pipe_dir.rename(away)  # the database is gone: ingest exits 75 (EX_TEMPFAIL), Postfix keeps the bounce
    try:
        submit(PORTS["postfix"], [["unknown4@example.net"]], "pipe-tempfail", sender=PIPE_SENDER)
        deferred = wait_for(lambda: "status=deferred" in _pipe_lines(delivered, before), 60)
        assert deferred, [x for x in delivered.postfix_log.read_text().splitlines()[-30:]
                          if "pipe" in x or "unknown4" in x]
    finally:
        away.rename(pipe_dir)
    assert wait_for(lambda: "unknown4@example.net" in suppressed(db), 60)  # the retry got it in


def _pipe_lines(stack, skip: int) -> str:
    lines = [x for x in stack.postfix_log.read_text().splitlines() if "bounceback-pipe" in x]
    return "\n".join(lines[skip:])


def test_exim_pipes_bounces_into_ingest(delivered):
    db = delivered.dir / "pipe" / "exim.db"
    submit(PORTS["exim"], [["unknown5@example.net"]], "exim-pipe", sender=PIPE_SENDER)
    assert wait_for(lambda: "unknown5@example.net" in suppressed(db), 30)
    assert wait_for(lambda: " T=bounceback_pipe " in delivered.exim_log.read_text(), 10)
