from __future__ import annotations

LEGACY = """
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: alice@gmail.com
Subject: Delivery Status Notification (Failure)
Content-Type: text/plain; charset=ISO-8859-1

Delivery to the following recipient failed permanently:

     bob@example.org

Technical details of permanent failure:
Google tried to deliver your message, but it was rejected by the server for the recipient domain example.org by mx1.example.org. [198.51.100.7].

The error that the other server returned was:
550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in local recipient table

----- Original message -----

From: alice@gmail.com
To: bob@example.org, carol@example.org
Subject: lunch
"""

DELAY = """
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
Subject: Delivery Status Notification (Delay)

This is an automatically generated Delivery Status Notification

THIS IS A WARNING MESSAGE ONLY.

Delivery to the following recipient has been delayed:

     dave@slow.example.net

Message will be retried for 2 more day(s)

Technical details of temporary failure:
The recipient server did not accept our requests to connect. Learn more at https://support.google.com/mail/answer/7720
[slow.example.net 203.0.113.9: timed out]

----- Original message -----

To: dave@slow.example.net
"""

MODERN = """
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
Subject: Delivery Status Notification (Failure)
X-Failed-Recipients: erin@example.com
Content-Type: multipart/report; boundary="b1"; report-type=delivery-status

--b1
Content-Type: text/plain; charset="UTF-8"

** Address not found **

Your message wasn't delivered to erin@example.com because the address couldn't be found.

The response from the remote server was:
550 5.1.1 <erin@example.com>: user does not exist

--b1
Content-Type: message/delivery-status

Reporting-MTA: dns; googlemail.com

Final-Recipient: rfc822; erin@example.com
Action: failed
Status: 5.1.1

--b1
Content-Type: message/rfc822

To: erin@example.com
Subject: hi

--b1--
"""


def test_legacy_text_gives_the_remote_reply(parse):
    [d] = parse(LEGACY)
    assert (d.recipient, d.status, d.reply_code, d.action) == ("bob@example.org", "5.1.1", "550", "failed")
    assert d.diagnostic.startswith("550 5.1.1") and d.remote_mta == "mx1.example.org"
    assert d.decoded_by == "gmail"


def test_delay_without_remote_reply_is_expired(parse):
    [d] = parse(DELAY)
    assert (d.recipient, d.reason, d.action, d.status) == ("dave@slow.example.net", "expired", "delayed", "")


def test_report_diagnostic_completed_from_text(parse):
    [d] = parse(MODERN)
    assert (d.recipient, d.status, d.reply_code) == ("erin@example.com", "5.1.1", "550")
    assert "user does not exist" in d.diagnostic
