"""Amazon SES receiving side: no sample in the shared corpus; texts after Sisimai Lhost/ReceivingSES.pm
(BSD-2-Clause)."""

from __future__ import annotations

from bounceback.classify import classify

from .helpers import run

HEAD = """\
Return-Path: <>
Received: from a27-18.smtp-out.us-west-2.amazonses.com (a27-18.smtp-out.us-west-2.amazonses.com [54.240.27.18])
\tby mx.example.com (Postfix) with ESMTPS id 9C8B7A6F
\tfor <alice@example.com>; Thu, 7 Mar 2024 02:00:05 +0000 (UTC)
X-SES-Outgoing: 2024.03.07-54.240.27.18
Date: Thu, 7 Mar 2024 02:00:04 +0000
From: MAILER-DAEMON@us-west-2.amazonses.com
To: alice@example.com
Message-ID: <0101018e1a2b3c4d-11112222-3333-4444-5555-666677778888-000000@us-west-2.amazonses.com>
Subject: Delivery Status Notification (Failure)
MIME-Version: 1.0
Content-Type: multipart/report; boundary="----=_Part_1234_5678.1709776804000"; report-type=delivery-status

------=_Part_1234_5678.1709776804000
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 7bit

This message could not be delivered.

Reporting-MTA: dns; a27-18.smtp-out.us-west-2.amazonses.com

"""

FIELDS = """\
Final-Recipient: rfc822; kijitora@example.jp
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 Mailbox does not exist
"""

ORIGINAL = """

------=_Part_1234_5678.1709776804000
Content-Type: text/rfc822-headers; charset=UTF-8
Content-Transfer-Encoding: 7bit

Return-Path: <alice@example.com>
From: Alice <alice@example.com>
To: kijitora@example.jp, bob@example.net
Cc: carol@example.net
Subject: hello
Message-ID: <20240307015959.9999@example.com>
Date: Thu, 7 Mar 2024 10:59:59 +0900

------=_Part_1234_5678.1709776804000--
"""


def test_receivingses_mailbox_does_not_exist():
    (d,) = run((HEAD + FIELDS + ORIGINAL).encode())
    assert (d.recipient, d.status, d.reply_code, d.action, d.decoded_by) == (
        "kijitora@example.jp", "5.1.1", "550", "failed", "receivingses")
    assert (d.diagnostic, d.reporting_mta) == ("550 Mailbox does not exist",
                                               "a27-18.smtp-out.us-west-2.amazonses.com")
    assert classify(d).reason == "filtered"  # SES's own refusal (Sisimai: filtered)


def test_receivingses_several_recipients_and_ses_reasons():
    fields = (FIELDS.replace("Status: 5.1.1", "Status: 5.0.0").replace(
        "550 Mailbox does not exist", "552 Message too large") + "\n"
        "Final-Recipient: rfc822; mikeneko@example.jp\nAction: failed\nStatus: 5.2.2\n"
        "Diagnostic-Code: smtp; 552 Mailbox full\n")
    a, b = run((HEAD + fields + ORIGINAL).encode())
    assert (a.recipient, a.status, a.reply_code) == ("kijitora@example.jp", "5.0.0", "552")
    assert (b.recipient, b.status, b.reply_code) == ("mikeneko@example.jp", "5.2.2", "552")
    assert (classify(a).reason, classify(b).reason) == ("mesgtoobig", "mailboxfull")


def test_receivingses_quoted_reply_refines_the_class_only_status():
    fields = FIELDS.replace("Status: 5.1.1", "Status: 5.1.0").replace(
        "550 Mailbox does not exist", "5.1.0 - Unknown address error 550-'5.1.1 <kijitora@example.jp>... "
        "User unknown, doesn't exist' (delivery attempts: 0)")
    (d,) = run((HEAD + fields + ORIGINAL).encode())
    assert (d.recipient, d.status, d.reply_code) == ("kijitora@example.jp", "5.1.1", "550")


def test_receivingses_delivery_status_part():
    raw = (HEAD.replace("Reporting-MTA: dns; a27-18.smtp-out.us-west-2.amazonses.com\n\n", "")
           + "------=_Part_1234_5678.1709776804000\nContent-Type: message/delivery-status\n\n"
           + "Reporting-MTA: dns; a27-18.smtp-out.us-west-2.amazonses.com\n\n" + FIELDS + ORIGINAL)
    (d,) = run(raw.encode())
    assert (d.recipient, d.status, d.reply_code, d.decoded_by) == ("kijitora@example.jp", "5.1.1", "550",
                                                                   "receivingses")
