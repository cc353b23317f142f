from __future__ import annotations

SAMPLE = """
From: mailer-daemon@mail.zoho.com
Subject: Undelivered Mail Returned to Sender
X-ZohoMail: Si CHF_MF_NL SS_10

This message was created automatically by mail delivery software.
A message that you sent could not be delivered to one or more of its recipients. This is a permanent error.

wes@example.co.jp Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 <wes@example.co.jp>... User Unknown
xia@down.example.jp Error, ERROR_CODE :421, ERROR_CODE :, Host not reachable.

Received:from mail.zoho.com by mx.zohomail.com
To:<wes@example.co.jp>, <xia@down.example.jp>, <yan@example.co.jp>
"""

DELAY = """
From: mailer-daemon@mail.zoho.com
Subject: Mail Delivery Status Notification (Delay)
X-ZohoMail: Si CHF_MF_NL SS_10

This message was created automatically by mail delivery system.

THIS IS A WARNING MESSAGE ONLY.

----- The following addresses had fatal errors -----
[Status: Error, Address: <zed@down.example.co.jp>, ResponseCode 421, , Host not reachable.]

Received:from mail.zoho.com by mx.zohomail.com
"""


def test_error_code_lines(parse):
    a, b = parse(SAMPLE)
    assert (a.recipient, a.status, a.reply_code) == ("wes@example.co.jp", "5.1.1", "550")
    assert (b.recipient, b.reply_code, b.reason, b.action) == ("xia@down.example.jp", "421", "expired", "delayed")


def test_status_line(parse):
    [d] = parse(DELAY)
    assert (d.recipient, d.reply_code, d.reason) == ("zed@down.example.co.jp", "421", "expired")


def test_error_code_spelled_with_a_space():
    from .helpers import plain, run
    head = "From: mailer-daemon@mail.zoho.com\nTo: alice@zohomail.com\nSubject: Undelivered Mail Returned to Sender\nX-ZohoMail: Si CHF_MF_NL"
    body = ("This message was created automatically by mail delivery software.\n"
            "bob@example.org, ERROR CODE :550 - 5.1.1 <bob@example.org>: User unknown\n")
    (d,) = run(plain(head, body))
    assert (d.recipient, d.reply_code, d.status) == ("bob@example.org", "550", "5.1.1")
    assert d.diagnostic.startswith("550 - 5.1.1 <bob@example.org>: User unknown")
