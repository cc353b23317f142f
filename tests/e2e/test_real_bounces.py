"""The bounces a real Postfix and a real Exim wrote decode right through ``bounceback.parse``."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import bounceback

from .mailstack import messages

FAILED = {("unknown1@example.test", "userunknown"), ("blocked1@example.test", "blocked"),
          ("spam1@example.test", "spamdetected"), ("unknown2@example.test", "userunknown"),
          ("blocked2@example.test", "blocked")}
FULL = {"mailboxfull", "expired"}


def decoded(maildir):
    out = []
    for path in messages(maildir):
        raw = Path(path).read_bytes()
        bounces = bounceback.parse(raw, path)
        assert bounces, f"{path}: no bounce decoded"
        out.extend(bounces)
    return out


def check(bounces, reporting_mta):
    pairs = {(b.recipient, b.reason) for b in bounces if b.recipient != "full1@example.test"}
    assert pairs == FAILED
    full = [b for b in bounces if b.recipient == "full1@example.test"]
    assert len(full) == 2 and {b.reason for b in full} <= FULL  # the delay notice and the expiry
    assert not any(b.recipient.startswith("ok") for b in bounces)
    assert Counter(b.hard_bounce for b in bounces if b.reason == "userunknown") == Counter({True: 2})
    assert {b.fault for b in bounces if b.reason in ("blocked", "spamdetected")} == {"sender"}
    assert {b.reporting_mta for b in bounces} == {reporting_mta}
    assert {b.remote_mta for b in bounces} == {"mx.example.test"}
    assert {b.original.message_id.split("-")[0] for b in bounces if b.original.message_id} == {"e2e"}
    actions = Counter(b.action for b in full)
    assert actions == Counter({"delayed": 1, "failed": 1})
    assert all(b.action == "failed" for b in bounces if b.recipient != "full1@example.test")
    commands = {b.recipient: b.smtp_command for b in bounces}
    assert commands["spam1@example.test"] == "DATA" and commands["unknown1@example.test"] == "RCPT"


def test_postfix_bounces(delivered):
    bounces = decoded(delivered.maildir("bounces"))
    check(bounces, "mx.bounceback.test")
    assert {b.status for b in bounces if b.reason == "userunknown"} == {"5.1.1"}


def test_exim_bounces(delivered):
    bounces = decoded(delivered.maildir("exim-bounces"))
    check(bounces, "mx2.bounceback.test")
    # Exim's report says 5.0.0; the real code is in the diagnostic
    assert {b.status for b in bounces if b.reason == "userunknown"} == {"5.1.1"}
