"""The real Postfix and Exim logs of the same run parse right through the log parsers."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

import pytest

from bounceback.classify import classify
from bounceback.sources.logs import LogReader, make_parser

FAILED = {"unknown1@example.test": "userunknown", "blocked1@example.test": "blocked",
          "spam1@example.test": "spamdetected", "unknown2@example.test": "userunknown",
          "blocked2@example.test": "blocked"}


def events(kind, path):
    """The records of the batch this suite sent (other tests send more mail through the same MTAs)."""
    reader = LogReader(make_parser(kind))
    tag = {"postfix": "e2e-pf-", "exim": "e2e-ex-"}[kind]
    return [d for _, d in reader.read([str(path)], on_error=pytest.fail) if d.original.message_id.startswith(tag)]


def check(records, kind):
    by_action = Counter(d.action for d in records)
    failed = [d for d in records if d.action == "failed"]
    # 5 refusals + full1's expiry; both "ok" recipients delivered; the bounces delivered to
    # our own mailbox (null sender) are not events; full1 was deferred on every retry
    assert by_action["failed"] == 6 and by_action["delivered"] == 2 and by_action["delayed"] >= 2
    assert set(by_action) == {"failed", "delivered", "delayed"}
    assert {d.recipient for d in records if d.action == "delivered"} == {"ok1@example.test", "ok2@example.test"}
    assert {d.recipient for d in records if d.action == "delayed"} == {"full1@example.test"}
    reasons = {d.recipient: classify(d).reason for d in failed if d.reason != "expired"}
    assert reasons == FAILED
    expired = [d for d in failed if d.reason == "expired"]
    assert [(d.recipient, d.status, d.reply_code) for d in expired] == [("full1@example.test", "4.2.2", "452")]
    assert classify(expired[0]).reason in ("expired", "mailboxfull")
    assert {d.smtp_command for d in failed} == {"RCPT", "DATA"}
    assert next(d for d in failed if d.recipient == "spam1@example.test").smtp_command == "DATA"
    # (a deferral Exim logs without trying, "retry time not reached for any host", names no host)
    assert {d.remote_mta for d in records if d.action != "delayed"} == {"mx.example.test"}
    assert {d.original.sender for d in records} == {"bounces@bounceback.test"}
    assert all(d.date is not None for d in records)
    assert {d.decoded_by for d in records} == {f"{kind}-log"}


def test_postfix_log(delivered):
    check(events("postfix", delivered.postfix_log), "postfix")


def test_exim_log(delivered):
    check(events("exim", delivered.exim_log), "exim")


def test_parse_log_cli_on_the_real_log(delivered):
    r = subprocess.run([sys.executable, "-m", "bounceback", "parse", "--log", "postfix", "--format", "jsonl",
                        str(delivered.postfix_log)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert Counter(x["reason"] for x in rows if x["action"] == "failed" and x["recipient"] in FAILED) == Counter(
        FAILED.values())


def test_no_daemon_looked_anything_up_in_dns(delivered):
    assert delivered.dns.queries == []
