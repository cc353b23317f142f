"""Incident evidence through the commands: ingest, report, incidents list/check, on both databases."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from bounceback.cli import main
from bounceback.store import Store
from bounceback.store.models import DnsblAnswer, Event, SenderClue

from .. import builders as b
from ..conftest import SAMPLES
from .test_incident_evidence import WHEN


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


@pytest.fixture
def online(monkeypatch):
    """Lookups allowed (the tests' isolated environment sets BOUNCEBACK_OFFLINE=1)."""
    monkeypatch.delenv("BOUNCEBACK_OFFLINE")


def incident(report: dict, reason: str, receiver: str) -> dict:
    return next(i for i in report["incidents"] if (i["reason"], i["receiver"]) == (reason, receiver))


def test_ingest_looks_up_the_samples_evidence_and_report_shows_it(db_url, counting, online):
    r = run("ingest", SAMPLES, "--db", db_url, "--resolver", counting.address, "--json")
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["evidence_targets"] == ["192.0.2.44", "news.example.com"]
    assert out["evidence"]["listed"] == ["192.0.2.44"] and out["evidence"]["queries"] == counting.count > 0

    rep = json.loads(run("report", "--since", "2026-11-01", "--db", db_url, "--json").stdout)
    for reason, receiver in (("blocked", "example.net"), ("authfailure", "google")):
        ev = {e["target"]: e for e in incident(rep, reason, receiver)["evidence"]}
        assert ev["192.0.2.44"]["status"] == "listed" and ev["192.0.2.44"]["found_in"] == ["reply"]
        zen = next(c for c in ev["192.0.2.44"]["checks"] if c["list"] == "spamhaus-zen")
        assert zen["codes"] == ["127.0.0.10"] and "authenticated submission server" in zen["advice"]
        assert ev["news.example.com"]["status"] == "not listed"

    text = run("report", "--since", "2026-11-01", "--db", db_url).stdout
    assert "192.0.2.44 is LISTED on spamhaus-zen (127.0.0.10): PBL (ISP-maintained)" in " ".join(text.split())
    assert "send through your provider's authenticated submission server" in " ".join(text.split())

    listed = json.loads(run("incidents", "list", "--since", "2026-11-01", "--db", db_url, "--json").stdout)
    assert [i["evidence"] for i in listed] == [i["evidence"] for i in rep["incidents"]]


def test_offline_ingest_sends_no_query_and_incidents_check_does_it_later(db_url, counting, online):
    r = run("ingest", SAMPLES, "--db", db_url, "--resolver", counting.address, "--offline")
    assert r.exit_code == 0 and "not looked up (offline)" in r.stdout
    assert counting.count == 0
    text = run("report", "--since", "2026-11-01", "--db", db_url).stdout
    assert "not checked yet" in text and "bounceback incidents check" in text

    r = run("incidents", "check", "--since", "2026-11-01", "--db", db_url, "--resolver", counting.address, "--json")
    assert r.exit_code == 1, r.output  # something is listed
    assert json.loads(r.stdout)["listed"] == ["192.0.2.44"]
    sent = counting.count
    r = run("incidents", "check", "--since", "2026-11-01", "--db", db_url, "--resolver", counting.address)
    assert r.exit_code == 1 and "0 looked up" in r.stdout and "2 from the cache" in r.stdout
    assert counting.count == sent  # the cache answered
    r = run("incidents", "check", "--since", "2026-11-01", "--db", db_url, "--resolver", counting.address,
            "--refresh")
    assert r.exit_code == 1 and counting.count > sent


def test_offline_from_the_environment_and_the_config_file(db_url, counting, tmp_path, monkeypatch):
    # the isolated test environment has BOUNCEBACK_OFFLINE=1: an explicit resolver does not undo it
    r = run("ingest", SAMPLES, "--db", db_url, "--resolver", counting.address)
    assert r.exit_code == 0 and "offline" in r.stdout and counting.count == 0
    monkeypatch.delenv("BOUNCEBACK_OFFLINE")
    config = tmp_path / "bounceback.toml"
    config.write_text(f'[reputation]\noffline = true\nresolver = "{counting.address}"\n')
    r = run("incidents", "check", "--since", "2026-11-01", "--db", db_url, "--config", config)
    assert r.exit_code == 3 and "offline" in r.stdout and counting.count == 0  # 3: left for later
    config.write_text(f'[reputation]\nresolver = "{counting.address}"\nlists = ["spamhaus-zen"]\n')
    r = run("incidents", "check", "--since", "2026-11-01", "--db", db_url, "--config", config, "--json")
    assert r.exit_code == 1 and counting.count > 0
    assert {a for a in counting.asked() if "barracuda" in a or "spamcop" in a} == set()


@pytest.mark.parametrize(("setting", "message"), [
    ("per_run = -1", "reputation.per_run = -1: must be a whole number from 0 to 100000"),
    ('lists = ["nosuchlist"]', "nosuchlist: unknown list"),
    ('resolver = "127.0.0.1:99999"', "bad resolver port"),
    ("speed = 3", "reputation.speed: unknown setting"),
])
def test_a_bad_reputation_setting_is_a_usage_error_before_anything_is_read(db_url, tmp_path, setting, message):
    config = tmp_path / "bounceback.toml"
    config.write_text(f"[reputation]\n{setting}\n")
    r = run("ingest", SAMPLES, "--db", db_url, "--config", config)
    assert r.exit_code == 2 and message in r.stderr
    with Store.open(db_url) as store:
        assert store.read(lambda s: s.scalar(select(func.count()).select_from(Event))) == 0


def test_a_dead_resolver_never_holds_up_the_records(db_url, black_hole, tmp_path, online):
    """The lookups come after every message is committed: while they wait on a resolver that
    never answers, the events and their evidence are already in the database, and killing
    the process then loses nothing."""
    path = tmp_path / "blocked.mbox"
    path.write_bytes(b.mbox([b.blocklisted(f"r{n}@example.net", WHEN, ip=f"192.0.2.{100 + n}") for n in range(5)]))
    config = tmp_path / "bounceback.toml"
    config.write_text("[reputation]\ntimeout = 60\n")
    proc = subprocess.Popen([sys.executable, "-m", "bounceback", "ingest", str(path), "--db", db_url,
                             "--resolver", black_hole, "--config", str(config)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ))
    try:
        deadline = time.monotonic() + 30
        clues = 0
        while time.monotonic() < deadline and clues < 15:
            time.sleep(0.1)
            try:
                with Store.open(db_url, upgrade=False) as store:
                    clues = store.read(lambda s: s.scalar(select(func.count()).select_from(SenderClue))) or 0
            except Exception:  # noqa: BLE001 - the database is still being created
                clues = 0
        assert clues == 15  # per event: its IP, and the domain as From: and as envelope sender
        assert proc.poll() is None  # still waiting for DNS answers
    finally:
        proc.kill()
        proc.wait()
    with Store.open(db_url) as store:
        assert store.read(lambda s: s.scalar(select(func.count()).select_from(DnsblAnswer))) == 0
    rep = json.loads(run("report", "--since", "2026-01-01", "--db", db_url, "--json").stdout)
    ev = incident(rep, "blocked", "example.net")["evidence"]
    assert len(ev) == 6 and {e["status"] for e in ev} == {"unchecked"}


def test_ingest_with_a_timeout_finishes_and_reports_unknown(db_url, black_hole, tmp_path, online):
    path = tmp_path / "blocked.mbox"
    path.write_bytes(b.mbox([b.blocklisted("carol@example.net", WHEN)]))
    config = tmp_path / "bounceback.toml"
    config.write_text("[reputation]\ntimeout = 0.5\n")
    started = time.monotonic()
    r = run("ingest", path, "--db", db_url, "--resolver", black_hole, "--config", config)
    assert r.exit_code == 0, r.output
    assert time.monotonic() - started < 10  # one round of concurrent lookups, not one timeout per query
    assert "unknown: 192.0.2.44, news.example.com" in r.stdout
    text = " ".join(run("report", "--since", "2026-01-01", "--db", db_url).stdout.split())
    assert "192.0.2.44 is unknown on spamhaus-zen: lookup failed: no answer within 0.5s" in text
