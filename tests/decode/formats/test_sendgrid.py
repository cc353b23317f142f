"""SendGrid: no sample in the shared corpus; texts after Sisimai Lhost/SendGrid.pm (BSD-2-Clause)."""

from __future__ import annotations

from bounceback.classify import classify

from .helpers import mime, run

HEAD = """\
Return-Path: <apps@sendgrid.net>
From: <MAILER-DAEMON@sendgrid.net>
To: shironeko@example.com
Subject: Undelivered Mail Returned to Sender
Date: Fri, 08 Mar 2024 04:46:42 +0000 (UTC)
X-Mailer: MIME-tools 5.502 (Entity 5.502)
"""

TEXT = """\
This is an automatically generated message from SendGrid.

I'm sorry to have to tell you that your message was not able to be
delivered to one of its intended recipients.

If you require assistance with this, please contact SendGrid support.

shironekochan:000000:<kijitora@example.jp> : 192.0.2.250 : mx.example.jp:[192.0.2.153] :
  {reply}  in {command}
"""

REPORT = """\
X-SendGrid-QueueID: 959479146
Arrival-Date: 2024-03-08 04-46-42

Final-Recipient: rfc822; kijitora@example.jp
Action: failed
Status: {status}
{diagnostic}"""


def _sample(reply: str, command: str, status: str, diagnostic: str) -> bytes:
    return mime(HEAD, [("text/plain", TEXT.format(reply=reply, command=command)),
                       ("message/delivery-status", REPORT.format(status=status, diagnostic=diagnostic)),
                       ("message/rfc822", "From: shironeko@example.com\nTo: kijitora@example.jp\n\nSale!")])


def test_sendgrid_command_and_host_from_the_recipient_line():
    """"550 No such user here  in RCPT TO": refused at RCPT, so the address is unknown (Sisimai: userunknown)."""
    (d,) = run(_sample("550 No such user here", "RCPT TO", "", "Diagnostic-Code: 550 No such user here"))
    assert (d.recipient, d.status, d.reply_code, d.smtp_command, d.remote_mta, d.decoded_by) == (
        "kijitora@example.jp", "5.0.0", "550", "RCPT", "mx.example.jp", "sendgrid")
    assert classify(d).reason == "userunknown"


def test_sendgrid_end_of_data_and_a_missing_diagnostic():
    (d,) = run(_sample("554 5.7.1 Message rejected because of unacceptable content", "End of DATA", "", ""))
    assert (d.status, d.reply_code, d.smtp_command) == ("5.7.1", "554", "DATA")
    assert d.diagnostic == "554 5.7.1 Message rejected because of unacceptable content"
