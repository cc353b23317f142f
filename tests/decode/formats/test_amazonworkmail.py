"""Amazon WorkMail: no sample in the shared corpus; texts after Sisimai Lhost/AmazonWorkMail.pm
(BSD-2-Clause)."""

from __future__ import annotations

from bounceback.classify import classify

from .helpers import run

HEAD = """\
From: MAILER-DAEMON@us-west-2.amazonses.com
To: neko@example.com
Subject: Delivery Status Notification (Failure)
Date: Wed, 6 Mar 2024 08:00:04 +0000
X-Mailer: Amazon WorkMail
X-SES-Outgoing: 2024.03.06-54.240.27.159
MIME-Version: 1.0
Content-Type: multipart/report; boundary="wm"; report-type=delivery-status

--wm
Content-Type: text/plain; charset=UTF-8

An error occurred while trying to deliver the mail to the following recipients:
kijitora@example.jp

Technical report:

Reporting-MTA: dsn; a27-85.smtp-out.us-west-2.amazonses.com

Action: failed
Final-Recipient: rfc822; kijitora@example.jp
"""

TAIL = """
--wm
Content-Type: message/rfc822

From: Neko <neko@example.com>
To: kijitora@example.jp
Subject: Lunch

Lunch?
--wm--
"""


def test_workmail_reply_code_of_the_quoted_remote_reply():
    """"554 4.4.7 Message expired ... <421 4.4.2 ...>": 421 is the remote server's reply."""
    fields = ("Diagnostic-Code: smtp; 554 4.4.7 Message expired: unable to deliver in 840 minutes."
              "<421 4.4.2 Connection timed out>\nStatus: 4.4.7\n")
    (d,) = run((HEAD + fields + TAIL).encode())
    assert (d.recipient, d.status, d.reply_code, d.decoded_by) == ("kijitora@example.jp", "4.4.7", "421",
                                                                   "amazonworkmail")
    assert (d.reason, classify(d).reason) == ("expired", "expired")


def test_workmail_quoted_reply_refines_the_class_only_status():
    fields = ("Diagnostic-Code: smtp; 5.1.0 - Unknown address error 552-'5.2.2 <kijitora@example.jp>... "
              "Mailbox full' (delivery attempts: 0)\nStatus: 5.1.0\n")
    (d,) = run((HEAD + fields + TAIL).encode())
    assert (d.status, d.reply_code, classify(d).reason) == ("5.2.2", "552", "mailboxfull")
