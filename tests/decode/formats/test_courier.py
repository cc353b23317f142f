from __future__ import annotations

from .helpers import mime, run

HEAD = """From: "Courier mail server at mail.example.net" <@>
To: alice@example.net
Subject: NOTICE: mail delivery status."""

TEXT = """This is a delivery status notification from mail.example.net,
running the Courier mail server, version 1.1.12.

---------------------------------------------------------------------------

                           UNDELIVERABLE MAIL

Your message to the following recipients cannot be delivered:

<bob@example.org>:
    mx.example.org [198.51.100.2]:
>>> RCPT TO:<bob@example.org>
<<< 550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown

<erin@example.net>:
    mx.example.net [203.0.113.5]:
>>> DATA
<<< 552 5.2.2 Mailbox full

---------------------------------------------------------------------------
"""

DSN = """Reporting-MTA: dns; mail.example.net

Final-Recipient: rfc822; bob@example.org
Action: failed
Status: 5.0.0
Remote-MTA: dns; mx.example.org [198.51.100.2]
Diagnostic-Code: smtp; 550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown

Final-Recipient: rfc822; erin@example.net
Action: failed
Status: 5.0.0
Remote-MTA: dns; mx.example.net [203.0.113.5]
Diagnostic-Code: smtp; 552 5.2.2 Mailbox full
"""


def test_each_recipient_gets_the_command_sent_under_it():
    a, b = run(mime(HEAD, [("text/plain", TEXT), ("message/delivery-status", DSN),
                           ("text/rfc822-headers", "To: bob@example.org, erin@example.net, carol@example.com\n")]))
    assert (a.recipient, a.status, a.smtp_command, a.decoded_by) == ("bob@example.org", "5.1.1", "RCPT", "courier")
    assert (b.recipient, b.status, b.smtp_command) == ("erin@example.net", "5.2.2", "DATA")
