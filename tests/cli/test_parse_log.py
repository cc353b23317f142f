from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from bounceback.cli import main

from ..sources.logs.test_postfix import LOG as POSTFIX_LOG
from ..sources.logs.test_reader import line

BIN = [sys.executable, "-m", "bounceback"]


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_parse_log_formats(tmp_path):
    log = tmp_path / "mail.log"
    log.write_text(POSTFIX_LOG)
    r = run("parse", "--log", "postfix", "--format", "jsonl", str(log))
    assert r.exit_code == 0, r.output
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert [(x["recipient"], x["action"], x["reason"]) for x in rows][:3] == [
        ("Jane@example.org", "failed", "userunknown"), ("max@example.net", "delayed", "mailboxfull"),
        ("ok@example.com", "delivered", "delivered")]
    assert rows[0]["source"] == f"{log}:4" and rows[0]["decoded_by"] == "postfix-log"
    assert rows[0]["original_message_id"] == "nl-42@news.example.com"
    r = run("parse", "--log", "postfix", "--format", "csv", str(log))
    assert r.stdout.splitlines()[0].startswith("source,recipient,reason") and len(r.stdout.splitlines()) == 8
    r = run("parse", "--log", "postfix", "--json", str(log))
    assert len(json.loads(r.stdout)) == 7
    r = run("parse", "--log", "postfix", str(log))  # table: failures only
    assert "userunknown" in r.stdout and "ok@example.com" not in r.stdout


def test_parse_log_errors_are_one_line(tmp_path):
    log = tmp_path / "mail.log"
    log.write_text(POSTFIX_LOG)
    r = run("parse", "--log", "postfix", "--format", "jsonl", str(tmp_path / "nope.log"), str(log))
    assert r.exit_code == 1 and r.stderr.count("\n") == 1 and "nope.log" in r.stderr
    assert len(r.stdout.splitlines()) == 7
    r = run("parse", "--follow", str(log))
    assert r.exit_code == 2 and "--log" in r.stderr
    r = run("parse", "--log", "postfix", "--follow", "--format", "table", str(log))
    assert r.exit_code == 2
    bad = tmp_path / "state.json"
    bad.write_text("][")
    r = run("parse", "--log", "postfix", "--state", str(bad), str(log))
    assert r.exit_code == 1 and "state.json" in r.stderr and "Traceback" not in r.stderr


def test_state_file_resumes(tmp_path):
    log, state = tmp_path / "mail.log", tmp_path / "state.json"
    log.write_text(line(1) + line(2))
    r = run("parse", "--log", "postfix", "--state", str(state), "--format", "jsonl", str(log))
    assert len(r.stdout.splitlines()) == 2
    with log.open("a") as fh:
        fh.write(line(3))
    r = run("parse", "--log", "postfix", "--state", str(state), "--format", "jsonl", str(log))
    assert [json.loads(x)["recipient"] for x in r.stdout.splitlines()] == ["u3@example.org"]


def _lines_of(path: Path) -> list[str]:
    return [json.loads(x)["recipient"] for x in path.read_text().splitlines()]


def test_follow_stops_on_sigterm_and_resumes_where_it_stopped(tmp_path):
    log, state = tmp_path / "mail.log", tmp_path / "state.json"
    log.write_text(line(1))
    env = dict(os.environ, PYTHONUNBUFFERED="1")

    def start(out: Path):
        return subprocess.Popen([*BIN, "parse", "--log", "postfix", "--follow", "--state", str(state), str(log)],
                                stdout=out.open("w"), stderr=subprocess.PIPE, env=env)

    def wait_lines(out: Path, n: int) -> None:
        end = time.monotonic() + 20
        while time.monotonic() < end and len(out.read_text().splitlines()) < n:
            time.sleep(0.05)

    out1 = tmp_path / "out1.jsonl"
    p = start(out1)
    wait_lines(out1, 1)
    with log.open("a") as fh:
        fh.write(line(2))
    wait_lines(out1, 2)
    p.send_signal(signal.SIGTERM)
    assert p.wait(10) == 0, p.stderr.read()
    with log.open("a") as fh:  # written while nobody follows
        fh.write(line(3))
    out2 = tmp_path / "out2.jsonl"
    p = start(out2)
    wait_lines(out2, 1)
    p.send_signal(signal.SIGTERM)
    assert p.wait(10) == 0
    assert _lines_of(out1) == ["u1@example.org", "u2@example.org"]
    assert _lines_of(out2) == ["u3@example.org"]


def test_log_from_stdin():
    r = CliRunner().invoke(main, ["parse", "--log", "postfix", "--format", "jsonl", "-"], input=POSTFIX_LOG)
    assert r.exit_code == 0, r.output
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert len(rows) == 7 and rows[0]["source"] == "-:4"
