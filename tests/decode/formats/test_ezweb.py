from __future__ import annotations

SESSION = """
From: Postmaster@ezweb.ne.jp
Subject: Mail System Error - Returned Mail
Message-ID: <20130401000000.ABC@nm11.ezweb.ne.jp>
Content-Type: text/plain; charset="ISO-2022-JP"

Each of the following recipients was rejected by a remote
mail server.

    Recipient: <daichi@ezweb.ne.jp>
    >>> RCPT TO:<daichi@ezweb.ne.jp>
    <<< 550 <daichi@ezweb.ne.jp>: User unknown
"""

TIMEOUT = """
From: Postmaster@ezweb.ne.jp
Subject: Mail System Error - Returned Mail
Message-ID: <20080429000000.DEF@nm01.ezweb.ne.jp>

Your message was not delivered within 0 days and 1 hours.
Remote host is not responding.

The following recipients did not receive this message:

<emi@ezweb.ne.jp>
"""


def test_session_transcript(parse):
    [d] = parse(SESSION)
    assert (d.recipient, d.reply_code, d.smtp_command, d.decoded_by) == ("daichi@ezweb.ne.jp", "550", "RCPT",
                                                                         "ezweb")
    assert d.diagnostic == "550 <daichi@ezweb.ne.jp>: User unknown"


def test_not_delivered_within_is_expired(parse):
    [d] = parse(TIMEOUT)
    assert (d.recipient, d.reason, d.action) == ("emi@ezweb.ne.jp", "expired", "delayed")


def test_spasign_ng_is_filtered(parse):
    [d] = parse(TIMEOUT.replace("Subject:", "X-SPASIGN: NG\nSubject:"))
    assert d.reason == "filtered"


def test_ordinary_mail_from_an_au_phone_is_no_bounce(parse):
    text = """
Return-Path: <daichi@ezweb.ne.jp>
From: daichi@ezweb.ne.jp
To: friend@example.jp
Subject: dinner
Message-ID: <20130401000000.GHI@nm11.ezweb.ne.jp>
Received: from x.ezweb.ne.jp by lsean.ezweb.ne.jp (EZweb Mail) with ESMTP id 1

see you at
<emi@ezweb.ne.jp>
"""
    assert parse(text) == []
