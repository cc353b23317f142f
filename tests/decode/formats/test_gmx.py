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


def test_the_command_before_command_colon(parse):
    # "for MAIL command:", "for TEXT command:" (the message text: DATA), as Sisimai::Lhost::GMX reads them
    mail = SAMPLE.replace("after RCPT command:", "for MAIL command:").replace(
        "5.1.1 <anna@example.jp>... User Unknown", "553 5.1.8 Sender address rejected")
    assert parse(mail)[0].smtp_command == "MAIL"
    text = SAMPLE.replace("after RCPT command:", "for TEXT command:").replace(
        "5.1.1 <anna@example.jp>... User Unknown", "554 5.7.1 Message rejected as spam")
    assert parse(text)[0].smtp_command == "DATA"


def test_the_diagnostic_is_the_remote_reply(parse):
    assert parse(SAMPLE)[0].diagnostic == "5.1.1 <anna@example.jp>... User Unknown"
