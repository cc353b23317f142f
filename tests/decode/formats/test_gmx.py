from __future__ import annotations

SAMPLE = """
From: MAILER-DAEMON@mail.gmx.com
Subject: Mail delivery failed: returning message to sender
X-GMX-Antispam: 0 (Mail was not recognized as spam); Detail=V3;

This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of
its recipients. This is a permanent error. The following address
failed:

"anna@example.jp":
SMTP error from remote server after RCPT command:
host: mx.example.jp
5.1.1 <anna@example.jp>... User Unknown

<ben@slow.example.jp>
Reason:
delivery retry timeout exceeded

--- The header of the original message is following. ---

To: anna@example.jp, ben@slow.example.jp
"""


def test_blocks(parse):
    a, b = parse(SAMPLE)
    assert (a.recipient, a.status, a.remote_mta, a.smtp_command) == ("anna@example.jp", "5.1.1", "mx.example.jp",
                                                                     "RCPT")
    assert (b.recipient, b.reason, b.action) == ("ben@slow.example.jp", "expired", "delayed")
