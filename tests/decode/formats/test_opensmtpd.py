from __future__ import annotations

from .helpers import mime, plain, run

HEAD = """Received: from localhost (mail.example.net [local])
	by mail.example.net (OpenSMTPD) with ESMTPA id 1a2b3c4d
From: Mailer Daemon <MAILER-DAEMON@mail.example.net>
To: alice@example.net
Subject: Delivery status notification: error"""

TEXT = """    Hi!

    This is the MAILER-DAEMON, please DO NOT REPLY to this email.

    An error has occurred while attempting to deliver a message for
    the following list of recipients:

bob@example.org: 550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown
carol@example.com: Envelope expired

    Below is a copy of the original message:

To: erin@example.com
"""


def test_opensmtpd_text():
    found = {d.recipient: d for d in run(plain(HEAD, TEXT))}
    assert list(found) == ["bob@example.org", "carol@example.com"]
    assert (found["bob@example.org"].status, found["bob@example.org"].reply_code) == ("5.1.1", "550")
    assert (found["carol@example.com"].reason, found["carol@example.com"].action) == ("expired", "delayed")


def test_opensmtpd_delay_report():
    text = TEXT.replace("An error has occurred while attempting to deliver a message for\n    the following",
                        "A message is delayed for more than 4 hours for the following\n   ").split("carol")[0]
    text = text.replace("550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown",
                        "No MX found for domain")
    dsn = "Reporting-MTA: dns; mail.example.net\n\nFinal-Recipient: rfc822; bob@example.org\nAction: delayed\nStatus: 4.0.0\n"
    (bob,) = run(mime(HEAD.replace(": error", ": delayed"), [("text/plain", text), ("message/delivery-status", dsn)]))
    assert (bob.recipient, bob.action, bob.status, bob.diagnostic) == (
        "bob@example.org", "delayed", "4.0.0", "No MX found for domain")
