"""The IMAP source against the real Dovecot, with the real Postfix bounces in the folder."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from imapclient import IMAPClient

import bounceback
from bounceback.sources.imap import KEYWORD, ImapError, ImapSource, parse_url

from .imapbox import ALL, USER, client, count, recipients, source
from .mailstack import IMAP_PASSWORD, PORTS, messages


def test_parse_imap_is_read_only_and_keeps_the_password_secret(folder):
    env = dict(os.environ, BOUNCEBACK_IMAP_PASSWORD=IMAP_PASSWORD)
    url = f"imap://{USER}@127.0.0.1:{PORTS['imap']}/{folder}"
    r = subprocess.run([sys.executable, "-m", "bounceback", "parse", "--imap", url, "--format", "jsonl"],
                       capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 0, r.stderr
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert Counter(x["recipient"] for x in rows) == ALL
    assert all(x["source"].startswith(url + ";UID=") for x in rows)
    assert count(folder) == 7 and count(folder, ["SEEN"]) == 0  # nothing moved, nothing marked read
    env["BOUNCEBACK_IMAP_PASSWORD"] = "wrong-Secret-123"
    r = subprocess.run([sys.executable, "-m", "bounceback", "parse", "--imap", url], capture_output=True, text=True,
                       env=env, timeout=60)
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "login refused" in r.stderr
    assert "wrong-Secret-123" not in r.stderr + r.stdout and "Traceback" not in r.stderr
    del env["BOUNCEBACK_IMAP_PASSWORD"]
    r = subprocess.run([sys.executable, "-m", "bounceback", "parse", "--imap", url], capture_output=True, text=True,
                       env=env, timeout=60, stdin=subprocess.DEVNULL)
    assert r.returncode == 1 and "BOUNCEBACK_IMAP_PASSWORD" in r.stderr


def test_acknowledged_messages_move_and_a_second_run_reads_nothing(folder):
    done, unrec = f"{folder}/done", f"{folder}/unrecognized"
    committed: dict[int, list] = {}
    with source(folder, move_to=done, unrecognized_to=unrec, batch=3) as s:
        assert s.uses_move
        for msg in s.messages():
            committed[msg.uid] = bounceback.parse(msg.raw, msg.source)  # "commit", then acknowledge
            s.acknowledge(msg.uid, recognized=bool(committed[msg.uid]))
    assert len(committed) == 7
    assert Counter(b.recipient for bs in committed.values() for b in bs) == ALL
    assert (count(folder), count(done), count(unrec)) == (0, 6, 1)
    with source(folder, move_to=done, unrecognized_to=unrec) as s:
        assert list(s.messages()) == []


def test_killed_before_acknowledging_rereads_exactly_the_rest(folder):
    done = f"{folder}/done"
    s = source(folder, move_to=done)
    s.connect()
    first = []
    for msg in s.messages():
        first.append(msg)
        if len(first) <= 3:
            s.acknowledge(msg.uid)
        if len(first) == 5:
            break  # the process dies here: messages 4 and 5 were read, never acknowledged
    s.client.shutdown()  # no logout: the connection just drops
    with source(folder, move_to=done) as s2:
        again = list(s2.messages())
        for msg in again:
            s2.acknowledge(msg.uid, recognized=bool(bounceback.parse(msg.raw)))
    acked = {m.uid for m in first[:3]}
    assert len(again) == 4 and not acked & {m.uid for m in again}
    assert recipients([m.raw for m in first[:3]] + [m.raw for m in again]) == ALL
    assert count(folder) == 1 and count(done) == 6  # the newsletter stays: no --unrecognized-to given
    assert count(folder, ["KEYWORD", KEYWORD]) == 1


def test_without_move_messages_are_flagged_and_not_read_again(folder):
    done = f"{folder}/done"
    with source(folder, move_to=done, use_move=False) as s:
        for msg in s.messages():
            s.acknowledge(msg.uid, recognized=bool(bounceback.parse(msg.raw)))
        assert s.pending_uids() == []
    assert count(folder) == 7 and count(folder, ["SEEN", "KEYWORD", KEYWORD]) == 7 and count(done) == 6


def test_login_failure_is_one_line_without_the_password(delivered):
    bad = ImapSource(parse_url(f"imap://{USER}@127.0.0.1:{PORTS['imap']}/INBOX"), "Not-The-Password")
    with pytest.raises(ImapError) as e:
        bad.connect()
    assert "login refused" in str(e.value) and "Not-The-Password" not in str(e.value)
    with pytest.raises(ImapError, match="cannot connect"):
        ImapSource(parse_url("imap://x@127.0.0.1:1/INBOX"), "pw").connect()
    with pytest.raises(ImapError, match="cannot open the folder"):
        source("no-such-folder").connect()


def test_watch_sees_new_mail_with_idle_and_survives_a_server_restart(folder, delivered):
    bounce = Path(messages(delivered.maildir("bounces"))[0]).read_bytes()
    got, errors, stop = [], [], threading.Event()
    s = source(folder, move_to=f"{folder}/done", unrecognized_to=f"{folder}/other")

    def run():
        for msg in s.watch(stop=stop.is_set, idle_timeout=5, on_error=errors.append):
            got.append(msg.uid)
            s.acknowledge(msg.uid, recognized=bool(bounceback.parse(msg.raw)))
        s.close()

    t = threading.Thread(target=run)
    t.start()
    try:
        wait(lambda: len(got) == 7)
        c = client()
        c.append(folder, bounce)
        c.logout()
        wait(lambda: len(got) == 8)  # IDLE woke it up
        # the server drops our connection: its imap process for us dies, then the whole server restarts
        kill_server_side(s.client.socket().getsockname()[1])
        delivered.script("dovecot", "stop")
        time.sleep(0.5)
        delivered.script("dovecot", "start")
        c = client_retry()
        c.append(folder, bounce)
        c.logout()
        wait(lambda: len(got) == 9, timeout=30)
    finally:
        stop.set()
        t.join(30)
    assert errors and all("connection lost" in str(e) or "cannot connect" in str(e) or "IMAP error" in str(e)
                          for e in errors)
    assert len(set(got)) == 9 and count(folder) == 0


def kill_server_side(client_port: int) -> None:
    """Kill the Dovecot process that serves the connection from our local port (found with ss -tnp)."""
    out = subprocess.run(["ss", "-tnpH", "state", "established", f"( dport = :{client_port} )"],
                         capture_output=True, text=True, check=True).stdout
    pids = {int(x.split(",")[0]) for x in out.split("pid=")[1:]}
    assert pids, out
    for pid in pids:
        os.kill(pid, signal.SIGKILL)


def wait(cond, timeout: float = 15.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return
        time.sleep(0.1)
    raise AssertionError("timed out")


def client_retry() -> IMAPClient:
    end = time.monotonic() + 15
    while True:
        try:
            return client()
        except OSError:
            if time.monotonic() > end:
                raise
            time.sleep(0.2)


def test_a_message_larger_than_the_limit_is_read_up_to_it(folder, monkeypatch):
    import bounceback.sources.imap as imap

    monkeypatch.setattr(imap, "MAX_MESSAGE_BYTES", 2000)
    with source(folder, readonly=True) as s:
        got = list(s.messages())
    assert len(got) == 7 and all(0 < len(m.raw) <= 2000 for m in got)
    assert any(len(m.raw) == 2000 for m in got)  # cut: the report is at the start, the returned message is not
    assert sum(1 for m in got if bounceback.parse(m.raw)) == 6
