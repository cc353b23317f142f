from __future__ import annotations

from .helpers import mime, run

HEAD = """From: "Mail Delivery Subsystem" <MAILER-DAEMON@mail.example.net>
To: alice@example.net
Subject: {subject}
Auto-Submitted: auto-generated"""

FAILED = """Your message could not be delivered to the following recipients:

    <bob@example.org> (host 'mx.example.org' rejected command 'RCPT TO:<bob@example.org>' with code 550 (5.1.1) 'Mailbox does not exist')
    <erin@example.net> (host 'mx.example.net' rejected command 'DATA' with code 552 (5.2.2) 'Mailbox quota exceeded')
"""

FAILED_DSN = """Reporting-MTA: dns;mail.example.net

Final-Recipient: rfc822;bob@example.org
Action: failed
Status: 5.1.1
Remote-MTA: dns;mx.example.org
Diagnostic-Code: smtp;550 5.1.1 Mailbox does not exist

Final-Recipient: rfc822;erin@example.net
Action: failed
Status: 5.2.2
Remote-MTA: dns;mx.example.net
Diagnostic-Code: smtp;552 5.2.2 Mailbox quota exceeded
"""

DELAY = """There was a temporary problem delivering your message to the following recipients:

    <bob@example.org> (connection to 'mx.example.org' failed: Connection timed out)
"""

DELAY_DSN = """Reporting-MTA: dns;mail.example.net

Final-Recipient: rfc822;bob@example.org
Action: delayed
Status: 4.4.1
Remote-MTA: dns;mx.example.org
"""


def test_failed_names_the_refused_command():
    a, b = run(mime(HEAD.format(subject="Failed to deliver message"),
                    [("text/plain", FAILED), ("message/delivery-status", FAILED_DSN),
                     ("text/rfc822-headers", "To: bob@example.org, erin@example.net, carol@example.com\n")]))
    assert (a.recipient, a.status, a.reply_code, a.smtp_command, a.decoded_by) == (
        "bob@example.org", "5.1.1", "550", "RCPT", "stalwart")
    assert (b.recipient, b.status, b.smtp_command, b.diagnostic) == (
        "erin@example.net", "5.2.2", "DATA", "552 5.2.2 Mailbox quota exceeded")


def test_delay_takes_the_text_line_as_diagnostic():
    (d,) = run(mime(HEAD.format(subject="Warning: Delay in message delivery"),
                    [("text/plain", DELAY), ("message/delivery-status", DELAY_DSN)]))
    assert (d.recipient, d.status, d.action) == ("bob@example.org", "4.4.1", "delayed")
    assert d.diagnostic == "connection to 'mx.example.org' failed: Connection timed out"
