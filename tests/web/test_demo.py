"""The demo month: real bounce messages through the real ingest, the same messages all day."""

from __future__ import annotations

import json
import subprocess
import sys


def test_demo_twice_adds_nothing_the_second_time(tmp_path):
    db = str(tmp_path / "demo.db")
    run = [sys.executable, "-m", "bounceback", "demo", "--db", db, "--json"]
    first = json.loads(subprocess.run(run, capture_output=True, text=True, check=True).stdout)
    second = json.loads(subprocess.run(run, capture_output=True, text=True, check=True).stdout)
    assert first["by_message"]["recorded"] == first["messages"] > 300 and not first["problems"]
    assert second["by_message"]["already ingested"] == second["messages"] and second["events"] == 0


def test_demo_holds_what_the_overview_shows(demo_store):
    from bounceback.hygiene import report

    r = report(demo_store, since="30d")
    open_sender = {(i.receiver, i.reason) for i in r.incidents if i.open and i.kind == "sender"}
    assert {("microsoft", "blocked"), ("google", "authfailure")} <= open_sender
    causes = dict(r.suppressions_added)
    assert causes["hard_bounce"] > 50 and causes["soft_bounces"] > 5 and causes["complaint"] > 0
