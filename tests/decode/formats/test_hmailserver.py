from __future__ import annotations

from .helpers import plain, run

HEAD = """From: mailer-daemon@mail.example.net
To: alice@example.net
Subject: Message undeliverable: budget"""

TEXT = """Your message did not reach some or all of the intended recipients.

   Sent: Mon, 8 Jan 2024 12:09:58 +0100
   Subject: budget

The following recipient(s) could not be reached:

bob@example.org
   Error Type: SMTP
   Remote server (198.51.100.2) issued an error.
   hMailServer sent: RCPT TO:<bob@example.org>
   Remote server replied: 550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown

frank@example.net
   Error Type: Local delivery
   Error Description: The recipient's mailbox is full.

hMailServer
"""


def test_remote_reply_and_local_description():
    a, b = run(plain(HEAD, TEXT))
    assert (a.recipient, a.status, a.smtp_command, a.remote_mta, a.decoded_by) == (
        "bob@example.org", "5.1.1", "RCPT", "198.51.100.2", "hmailserver")
    assert (b.recipient, b.diagnostic) == ("frank@example.net", "The recipient's mailbox is full.")
