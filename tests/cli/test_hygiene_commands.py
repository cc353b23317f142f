"""The list-hygiene commands end to end through the CLI, on both databases."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from click.testing import CliRunner

from bounceback.cli import main

from .. import builders as b
from ..conftest import SAMPLES


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def test_ingest_the_samples_then_check_history_and_report(db_url):
    r = run("ingest", SAMPLES, "--db", db_url, "--json")
    assert r.exit_code == 0, r.output
    summary = json.loads(r.stdout)
    assert summary["by_message"] == {"recorded": 7, "already ingested": 0, "not a bounce": 1, "unreadable": 0}
    assert summary["by_outcome"]["suppressed"] == 3 and summary["by_outcome"]["sender incident"] == 2
    again = json.loads(run("ingest", SAMPLES, "--db", db_url, "--json").stdout)
    assert again["by_message"]["already ingested"] == 8 and again["events"] == 0

    r = run("check", "jane.doe@example.org", "--db", db_url)
    assert r.exit_code == 1
    assert "suppressed since 2026-11-02 09:14 UTC (permanent): the address is dead (userunknown)" in r.stdout
    r = run("check", "pat@example.net", "Sam@Gmail.com", "--db", db_url)  # sender-side blocks: never suppressed
    assert r.exit_code == 0 and r.stdout.count("ok to mail") == 2
    r = run("check", "lee@example-isp.net", "nobody@example.com", "--db", db_url, "--json")
    statuses = [x["status"] for x in json.loads(r.stdout)]
    assert r.exit_code == 1 and statuses == ["suppressed", "unknown"]

    h = json.loads(run("history", "JANE.DOE@example.org", "--db", db_url, "--json").stdout)
    assert h["status"] == "suppressed" and h["current"]["evidence"] == [h["events"][0]["id"]]
    assert h["events"][0]["original_message_id"] == "nov-2026-0001@news.example.com"
    assert h["events"][0]["campaign"] == "nov-2026" and h["events"][0]["outcome"] == "suppressed"

    rep = json.loads(run("report", "--since", "2026-11-01", "--db", db_url, "--json").stdout)
    assert {(i["reason"], i["receiver"]) for i in rep["incidents"]} == {("blocked", "example.net"),
                                                                      ("authfailure", "google")}  # by provider
    assert rep["by_fault"]["sender"] == 2 and rep["suppressions_added"] == {"hard_bounce": 2, "complaint": 1}
    assert rep["by_domain"]["example.org"] == 1
    r = run("report", "--since", "2026-11-01", "--db", db_url)
    assert r.exit_code == 0 and "sender incident: blocked at example.net" in r.stdout and "What to do" in r.stdout


def test_open_sender_incidents_come_first(db_url, tmp_path):
    now = datetime.now(UTC)
    old = b.blocklisted("a@example.net", now - timedelta(days=20))
    recent = [b.blocklisted(f"r{i}@example.com", now - timedelta(days=2, hours=i)) for i in range(3)]
    (tmp_path / "in.mbox").write_bytes(b.mbox([old, *recent]))
    assert run("ingest", tmp_path / "in.mbox", "--db", db_url).exit_code == 0
    rep = json.loads(run("report", "--db", db_url, "--json").stdout)
    assert [(i["receiver"], i["open"], i["events"], i["recipients"]) for i in rep["incidents"]] == [
        ("example.com", True, 3, 3), ("example.net", False, 1, 1)]


def test_ingest_reports_unreadable_input_on_one_line_and_exits_1(db_url, tmp_path):
    r = run("ingest", tmp_path / "missing.mbox", SAMPLES / "01-postfix-user-unknown.eml", "--db", db_url)
    assert r.exit_code == 1
    assert r.stderr.strip().count("\n") == 0 and "missing.mbox" in r.stderr and "Traceback" not in r.output
    assert run("check", "jane.doe@example.org", "--db", db_url).exit_code == 1  # the rest was processed


def test_suppressions_commands(db_url, tmp_path):
    r = run("suppressions", "add", "x@example.com", "--db", db_url)
    assert r.exit_code == 2 and "--note" in r.stderr  # usage error: a manual change needs a note
    r = run("suppressions", "add", "x@example.com", "--note", " ", "--db", db_url)
    assert r.exit_code == 1 and "note" in r.stderr
    r = run("suppressions", "add", "X@example.com", "y@example.com", "--note", "complained by phone", "--db", db_url)
    assert r.exit_code == 0 and "x@example.com: added" in r.stdout
    r = run("suppressions", "add", "bad", "--note", "n", "--db", db_url)
    assert r.exit_code == 1 and "bad: not an email address" in r.stderr
    listed = json.loads(run("suppressions", "list", "--db", db_url, "--json").stdout)
    assert sorted(s["address"] for s in listed) == ["x@example.com", "y@example.com"]
    r = run("suppressions", "remove", "y@example.com", "--note", "asked to come back", "--db", db_url)
    assert r.exit_code == 0 and "y@example.com: removed" in r.stdout
    everything = json.loads(run("suppressions", "list", "--all", "--db", db_url, "--json").stdout)
    assert {s["address"]: s["ended_by"] for s in everything} == {"x@example.com": "", "y@example.com": "removed"}

    export = tmp_path / "s.csv"
    r = run("suppressions", "export", "-o", export, "--db", db_url)
    assert r.exit_code == 0 and export.read_text().splitlines()[1].startswith("x@example.com,suppressed,manual")
    other = tmp_path / "other.db"
    r = run("suppressions", "import", export, "--note", "copy", "--db", other, "--json")
    assert r.exit_code == 0 and json.loads(r.stdout)["added"] == 1


def test_clean_command(db_url, tmp_path):
    run("suppressions", "add", "dead@example.org", "--note", "test", "--db", db_url)
    src = tmp_path / "list.csv"
    src.write_text("name,email\nA,a@example.com\nD,Dead@Example.org\nB,not-an-address\n")
    r = run("clean", src, "-o", tmp_path / "clean.csv", "--removed", tmp_path / "removed.csv", "--db", db_url)
    assert r.exit_code == 1  # a malformed row was reported
    assert r.stdout.strip() == "3 rows: 1 kept, 2 removed (1 malformed, 1 suppressed)"
    assert "list.csv:4" in r.stderr
    assert (tmp_path / "clean.csv").read_text() == "name,email\nA,a@example.com\n"
    assert (tmp_path / "removed.csv").read_text().count("\n") == 3
    r = run("clean", src, "--column", "email", "--db", db_url, "--json")  # the list on stdout, counts on stderr
    assert r.stdout == "name,email\nA,a@example.com\n"
    assert json.loads(r.stderr[r.stderr.index("{"):])["removed"] == 2


def test_config_file_changes_the_policy(tmp_path):
    db = tmp_path / "b.db"
    cfg = tmp_path / "strict.toml"
    cfg.write_text("[policy.soft]\nstrikes = 1\n")
    run("ingest", SAMPLES / "02-exim-mailbox-full.eml", "--db", db, "--config", cfg)
    r = run("check", "max.mustermann@example.de", "--db", db, "--config", cfg)
    assert "repeated soft bounces" in r.stdout  # one strike was enough under this policy
    cfg.write_text("[policy.soft]\nstrikes = 'many'\n")
    r = run("check", "max.mustermann@example.de", "--db", db, "--config", cfg)
    assert r.exit_code == 1 and "strict.toml: policy.soft.strikes" in r.stderr and "Traceback" not in r.output


def test_db_commands(tmp_path, monkeypatch):
    db = tmp_path / "b.db"
    r = run("db", "upgrade", "--db", db)
    assert r.exit_code == 0 and "upgraded from an empty database" in r.stdout
    assert "up to date" in run("db", "upgrade", "--db", db).stdout
    monkeypatch.setenv("BOUNCEBACK_DB", str(db))
    run("ingest", SAMPLES)
    info = json.loads(run("db", "info", "--json").stdout)
    assert info["messages"] == 8 and info["events"] == 7 and info["suppressions"] == 3
    assert json.loads(run("db", "recompute", "--json").stdout) == {"addresses": 7, "incidents": 2}
    assert json.loads(run("db", "info", "--json").stdout) == info
