"""MailFoundry: no sample in the shared corpus; texts after Sisimai Lhost/MailFoundry.pm (BSD-2-Clause)."""

from __future__ import annotations

from .helpers import run

HEAD = """\
Return-Path: <>
Received: from mx.example.jp (mx.example.jp [192.0.2.5])
\tby relay.example.com (Postfix) with ESMTP id 4A1B2C3D4E
\tfor <alice@example.com>; Tue, 5 Mar 2024 10:00:02 +0900 (JST)
Received: from localhost (localhost [127.0.0.1])
\tby mx.example.jp (MAILFOUNDRY) id 1a2b3c4d-0001-0002
\tfor alice@example.com; Tue, 5 Mar 2024 01:00:01 +0000 (GMT)
Date: Tue, 5 Mar 2024 01:00:01 +0000
From: MAILER-DAEMON@mx.example.jp
To: alice@example.com
Subject: Message delivery has failed
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="MailFoundry-Bound-7d3c"

--MailFoundry-Bound-7d3c
Content-Type: text/plain; charset=us-ascii

"""

ORIGINAL = """
--MailFoundry-Bound-7d3c
Content-Type: message/rfc822

Received: from [198.51.100.7] by relay.example.com
From: Alice <alice@example.com>
To: kijitora@example.org, mikeneko@example.net
Cc: Bob <bob@example.net>, carol@example.net
Subject: Meeting notes
Message-ID: <20240305005959.1234@example.com>
Date: Tue, 5 Mar 2024 09:59:59 +0900

Unable to deliver message to: <dave@example.net>
Please forward to erin@example.net.
--MailFoundry-Bound-7d3c--
"""

ONE = """\
Unable to deliver message to: <kijitora@example.org>
Delivery failed for the following reason:
Server mx22.example.org[192.0.2.222] failed with: 550 <kijitora@example.org> No such user here

This has been a permanent failure.  No further delivery attempts will be made.
"""

TWO = ONE + """
Unable to deliver message to: <mikeneko@example.net>
Delivery failed for the following reason:
Server mx.example.net[198.51.100.9] failed with: 552-5.2.2 The email account that you tried to reach is over quota.
552 5.2.2 Please direct the recipient to the help page.

This has been a permanent failure.  No further delivery attempts will be made.
"""


def test_mailfoundry_reply_and_server():
    (d,) = run((HEAD + ONE + ORIGINAL).encode())
    assert (d.recipient, d.reply_code, d.status, d.action, d.decoded_by) == (
        "kijitora@example.org", "550", "", "failed", "mailfoundry")
    assert d.diagnostic == "550 <kijitora@example.org> No such user here"
    assert d.remote_mta == "mx22.example.org"
    assert d.original.message_id == "20240305005959.1234@example.com"


def test_mailfoundry_two_recipients_each_their_reply():
    a, b = run((HEAD + TWO + ORIGINAL).encode())
    assert (a.recipient, a.reply_code, a.remote_mta) == ("kijitora@example.org", "550", "mx22.example.org")
    assert (b.recipient, b.reply_code, b.status, b.remote_mta) == ("mikeneko@example.net", "552", "5.2.2",
                                                                    "mx.example.net")
    assert b.diagnostic.endswith("Please direct the recipient to the help page.")


def test_mailfoundry_needs_its_received_stamp():
    raw = (HEAD + ONE + ORIGINAL).replace("(MAILFOUNDRY) id", "(Postfix) id").encode()
    assert all(d.decoded_by != "mailfoundry" for d in run(raw))
