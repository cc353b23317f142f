"""DragonFly Mail Agent (dma): no sample in the shared corpus; texts after dma's mail.c bounce() and net.c."""

from __future__ import annotations

from bounceback.classify import classify

from .helpers import run

HEAD = """\
Return-Path: <>
Delivered-To: alice@example.com
Received: from MAILER-DAEMON
\tid 1a2b3c.4d5e6f7a
\tby gw.example.net (DragonFly Mail Agent v0.13);
\tFri, 08 Mar 2024 12:00:00 +0100
X-Original-To: <alice@example.com>
From: MAILER-DAEMON <>
To: alice@example.com
Subject: Mail delivery failed
Message-Id: <1a2b3c.4d5e6f7a@gw.example.net>
Date: Fri, 08 Mar 2024 12:00:00 +0100

This is the DragonFly Mail Agent v0.13 at gw.example.net.

There was an error delivering your mail to <bob@example.org>.

"""

REMOTE = """\
mx.example.org [198.51.100.25] did not like our RCPT TO:
550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in virtual mailbox table
"""

HEADERS = """
Message headers follow.

Received: from alice (uid 1000)
\t(envelope-from alice@example.com)
\tid 1a2b3c
\tby gw.example.net (DragonFly Mail Agent v0.13);
\tFri, 08 Mar 2024 11:59:58 +0100
From: Alice <alice@example.com>
To: bob@example.org, carol@example.net
Cc: dave@example.net
Subject: weekend
Message-Id: <5f6e7d.1a2b3c@gw.example.net>
Date: Fri, 08 Mar 2024 11:59:58 +0100
"""


def test_dma_remote_reply():
    (d,) = run((HEAD + REMOTE + HEADERS).encode())
    assert (d.recipient, d.status, d.reply_code, d.smtp_command, d.action, d.decoded_by) == (
        "bob@example.org", "5.1.1", "550", "RCPT", "failed", "dma")
    assert d.diagnostic == "550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in virtual mailbox table"
    assert d.remote_mta == "mx.example.org"


def test_dma_multiline_reply_after_data_with_full_original():
    error = ("mx.example.org [198.51.100.25] did not like our final DATA:\n"
             "554-5.7.1 Message rejected as spam.\n554 5.7.1 See https://mx.example.org/policy\n")
    full = HEADERS.replace("Message headers follow.", "Original message follows.") + (
        "\nHi Bob, ask frank@example.net.\n\nThere was an error delivering your mail to <gina@example.net>.\n")
    (d,) = run((HEAD + error + full).encode())
    assert (d.recipient, d.status, d.reply_code, d.smtp_command) == ("bob@example.org", "5.7.1", "554", "DATA")
    assert d.diagnostic == "554-5.7.1 Message rejected as spam. 554 5.7.1 See https://mx.example.org/policy"


def test_dma_own_error():
    (d,) = run((HEAD + "DNS lookup failure: host example.org not found\n" + HEADERS).encode())
    assert (d.recipient, d.status, d.reply_code, d.smtp_command, d.remote_mta) == ("bob@example.org", "", "", "",
                                                                                   "")
    assert d.diagnostic == "DNS lookup failure: host example.org not found"
    assert classify(d).reason == "hostunknown"  # dma bounces only a lookup that failed for good
    (d,) = run((HEAD + "Could not deliver for the last 432000 seconds. Giving up.\n" + HEADERS).encode())
    assert (d.recipient, classify(d).reason, classify(d).action) == ("bob@example.org", "expired", "delayed")
