from __future__ import annotations

import gzip
import os
import threading
import time

import pytest

from bounceback.errors import InputError
from bounceback.sources.logs import LogReader, LogState, make_parser, rotation_order


def line(i: int, status: str = "bounced") -> str:
    dsn = {"bounced": "5.1.1", "deferred": "4.2.2", "sent": "2.0.0"}[status]
    return (f"Nov 28 09:{i // 60 % 60:02d}:{i % 60:02d} out postfix/smtp[1]: Q{i:08X}: to=<u{i}@example.org>, "
            f"relay=mx.example.org[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn={dsn}, status={status} "
            f"(host mx.example.org[192.0.2.1] said: 550 5.1.1 no such user u{i} (in reply to RCPT TO command))\n")


def rcpts(records) -> list[str]:
    return [d.recipient for _, d in records]


def reader(state: LogState | None = None) -> LogReader:
    return LogReader(make_parser("postfix"), state)


def test_rotation_order_is_oldest_first():
    paths = ["mail.log", "mail.log.1", "mail.log.10.gz", "mail.log.2.gz", "other.log", "other.log-20261101.gz",
             "other.log-20261027"]
    assert rotation_order(paths) == ["mail.log.10.gz", "mail.log.2.gz", "mail.log.1", "mail.log",
                                     "other.log-20261027", "other.log-20261101.gz", "other.log"]


def test_reads_rotated_and_compressed_files_in_order(tmp_path):
    (tmp_path / "mail.log").write_text(line(3) + line(4))
    (tmp_path / "mail.log.1").write_text(line(2))
    with gzip.open(tmp_path / "mail.log.2.gz", "wt") as fh:
        fh.write(line(0) + line(1))
    import bz2
    (tmp_path / "old.log.bz2").write_bytes(bz2.compress(line(9).encode()))
    paths = [str(tmp_path / n) for n in ("mail.log", "mail.log.1", "mail.log.2.gz", "old.log.bz2")]
    got = rcpts(reader().read(paths, on_error=pytest.fail))
    assert got == [f"u{i}@example.org" for i in (0, 1, 2, 3, 4, 9)]


def test_unreadable_files_are_reported_and_the_rest_is_read(tmp_path):
    (tmp_path / "mail.log").write_text(line(1))
    (tmp_path / "broken.gz").write_bytes(gzip.compress(line(2).encode() * 50)[:-30])
    errors: list[InputError] = []
    got = rcpts(reader().read([str(tmp_path / "missing.log"), str(tmp_path / "broken.gz"), str(tmp_path / "mail.log")],
                              on_error=errors.append))
    assert "u1@example.org" in got
    assert [e.source.rsplit("/", 1)[-1] for e in errors] == ["missing.log", "broken.gz"]


def test_state_resumes_without_counting_a_line_twice_across_rotation_and_compression(tmp_path):
    log = tmp_path / "mail.log"
    log.write_text(line(0) + line(1))
    r = reader()
    assert rcpts(r.read([str(log)], on_error=pytest.fail)) == ["u0@example.org", "u1@example.org"]
    saved = tmp_path / "state.json"
    r.snapshot().save(saved)
    with log.open("a") as fh:
        fh.write(line(2))
    os.rename(log, tmp_path / "mail.log.1")  # rotation, then the old file gets compressed
    with open(tmp_path / "mail.log.1", "rb") as src, gzip.open(tmp_path / "mail.log.1.gz", "wb") as dst:
        dst.write(src.read())
    os.remove(tmp_path / "mail.log.1")
    log.write_text(line(3))
    r2 = reader(LogState.load("postfix", saved))
    got = rcpts(r2.read([str(tmp_path / "mail.log.1.gz"), str(log)], on_error=pytest.fail))
    assert got == ["u2@example.org", "u3@example.org"]
    r2.snapshot().save(saved)
    r3 = reader(LogState.load("postfix", saved))
    assert rcpts(r3.read([str(tmp_path / "mail.log.1.gz"), str(log)], on_error=pytest.fail)) == []


def test_state_file_errors_are_one_line(tmp_path):
    bad = tmp_path / "state.json"
    bad.write_text("{not json")
    with pytest.raises(InputError, match="state file is not JSON"):
        LogState.load("postfix", bad)
    assert LogState.load("exim", tmp_path / "absent.json").positions == {}


def test_records_of_one_line_share_a_position(tmp_path):
    log = tmp_path / "mail.log"
    log.write_text(
        line(1, "deferred").replace("u1@", "a@") + line(1, "deferred").replace("u1@", "b@")
        + "Nov 28 10:00:00 out postfix/qmgr[9]: Q00000001: from=<n@example.com>, status=expired, returned to sender\n")
    got = list(reader().read([str(log)], on_error=pytest.fail, batched=True))
    assert [(p.line, [d.recipient for d in ds]) for p, ds in got] == [
        (1, ["a@example.org"]), (2, ["b@example.org"]), (3, ["a@example.org", "b@example.org"])]


def _follow(path, state, out, stop):
    r = reader(state)
    for pos, d in r.follow(str(path), stop=stop.is_set, poll=0.05):
        out.append((pos, d.recipient))
    return r


def wait_for(cond, timeout=5.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.02)
    return False


def test_follow_survives_rotation_truncation_and_partial_lines(tmp_path):
    log = tmp_path / "mail.log"
    log.write_text(line(0))
    out: list = []
    stop = threading.Event()
    state = LogState("postfix")
    t = threading.Thread(target=_follow, args=(log, state, out, stop))
    t.start()
    try:
        assert wait_for(lambda: len(out) == 1)
        with log.open("a") as fh:  # a line written in two pieces is read once, whole
            half = line(1)
            fh.write(half[:40])
            fh.flush()
            time.sleep(0.2)
            fh.write(half[40:])
        assert wait_for(lambda: len(out) == 2)
        # rotation: rename, keep writing to the old file for a moment, then a new file appears
        os.rename(log, tmp_path / "mail.log.1")
        with (tmp_path / "mail.log.1").open("a") as fh:
            fh.write(line(2))
        log.write_text(line(3))
        assert wait_for(lambda: len(out) == 4)
        # copytruncate: same inode, shorter content
        with log.open("r+") as fh:
            fh.truncate(0)
        with log.open("a") as fh:
            fh.write(line(4))
        assert wait_for(lambda: len(out) == 5)
    finally:
        stop.set()
        t.join(5)
    assert [r for _, r in out] == [f"u{i}@example.org" for i in range(5)]


def test_follow_after_restart_finishes_the_rotated_file_first(tmp_path):
    log = tmp_path / "mail.log"
    log.write_text(line(0))
    r = reader()
    assert rcpts(r.read([str(log)], on_error=pytest.fail)) == ["u0@example.org"]
    saved = r.snapshot()
    # while we were down: more lines, a rotation, a new file
    with log.open("a") as fh:
        fh.write(line(1))
    os.rename(log, tmp_path / "mail.log.1")
    log.write_text(line(2))
    out: list = []
    stop = threading.Event()
    t = threading.Thread(target=_follow, args=(log, saved, out, stop))
    t.start()
    try:
        assert wait_for(lambda: len(out) == 2)
        time.sleep(0.2)
    finally:
        stop.set()
        t.join(5)
    assert [r for _, r in out] == ["u1@example.org", "u2@example.org"]


def test_a_file_of_one_unfinished_line_is_read(tmp_path):
    log = tmp_path / "mail.log"
    log.write_text(line(7).rstrip("\n"))
    assert rcpts(reader().read([str(log)], on_error=pytest.fail)) == ["u7@example.org"]
