"""Cisco Secure Email (IronPort, AsyncOS): an RFC 3464 report read by the standard decoder."""

from __future__ import annotations

from .helpers import mime, run

HEAD = """From: Mail Delivery System <MAILER-DAEMON@esa1.example.net>
To: alice@example.net
Subject: Delivery Status Notification (Failure)"""

TEXT = """The following message to <bob@example.org> was undeliverable.
The reason for the problem:
5.1.0 - Unknown address error 550-'5.1.1 <bob@example.org>: Recipient address rejected: User unknown'
"""

DSN = """Reporting-MTA: dns; esa1.example.net

Final-Recipient: rfc822; bob@example.org
Action: failed
Status: 5.1.0
Remote-MTA: dns; mx.example.org
Diagnostic-Code: smtp; 550-'5.1.1 <bob@example.org>: Recipient address rejected: User unknown'
"""


def test_quoted_reply_is_the_remote_servers_words():
    (d,) = run(mime(HEAD, [("text/plain", TEXT), ("message/delivery-status", DSN),
                           ("text/rfc822-headers", "To: bob@example.org, carol@example.com\n")]))
    assert (d.recipient, d.status, d.reply_code, d.remote_mta) == ("bob@example.org", "5.1.1", "550", "mx.example.org")
    assert d.diagnostic == "550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown"
