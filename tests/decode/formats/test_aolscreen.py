from __future__ import annotations

from bounceback.decode import decode

RAW = """From: Mail Delivery Subsystem <MAILER-DAEMON@aol.com>
To: <news-bounces@example.com>
Subject: Mail Delivery Problem
Content-Type: text/plain

Sorry news-bounces@example.com. Your mail to the following recipients could not be delivered because they are not accepting mail with attachments or embedded images:
\tcoolcat42
\tsomeone@aol.com

"""


def test_screen_names_become_aol_addresses():
    out = decode(RAW.encode())
    assert [(d.recipient, d.decoded_by) for d in out] == [("coolcat42@aol.com", "aolscreen"),
                                                           ("someone@aol.com", "aolscreen")]
    assert "not accepting mail with attachments" in out[0].diagnostic
    assert all(d.recipient != "news-bounces@example.com" for d in out)


def test_only_from_aol():
    raw = RAW.replace("MAILER-DAEMON@aol.com", "MAILER-DAEMON@example.net")
    assert all(d.decoded_by != "aolscreen" for d in decode(raw.encode()))
