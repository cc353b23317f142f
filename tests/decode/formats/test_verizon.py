"""Verizon's vtext.com notice: one reply under the session's details (Sisimai::Lhost::Verizon)."""

from __future__ import annotations

from .helpers import plain, run


def test_the_reply_under_the_details_answers_every_listed_address():
    head = ("From: post_master@vtext.com\nTo: uri@example.com\nSubject: Undeliverable Message\n"
            "Received: from vtext.com (unknown) by smtp.vtext.com (Postfix); Wed, 12 Jun 2013 02:22:00 +0000")
    body = ("Error: Message content rejected\n\nMessage details:\n  Subject: Test message\n"
            "  MAIL FROM: uri@example.com\n  RCPT TO: 5555550100@vtext.com\n  RCPT TO: 5555550101@vtext.com\n"
            "  Size (bytes): 1024\n\n552 - Requested mail action aborted: exceeded storage allocation\n")
    found = run(plain(head, body))
    assert [(d.recipient, d.reply_code, d.decoded_by) for d in found] == [
        ("5555550100@vtext.com", "552", "verizon"), ("5555550101@vtext.com", "552", "verizon")]
    assert {d.diagnostic for d in found} == {"552 Requested mail action aborted: exceeded storage allocation"}
