from __future__ import annotations

SAMPLE = """
From: postmaster@mail.hotmail.com
Subject: Delivery Status Notification (Failure)
X-Message-Delivery: Vj0xLjE7dXM9MA==
Received: from BAY0-OMC1-S1.bay0.hotmail.com ([65.54.190.1]) by mx.example.com
Content-Type: multipart/report; report-type=delivery-status; boundary="hm"

--hm
Content-Type: text/plain

This is an automatically generated Delivery Status Notification.

Delivery to the following recipients failed.

       quinn@example.com

--hm
Content-Type: message/delivery-status

Reporting-MTA: dns;BAY004-OMC1S18.hotmail.com

Final-Recipient: rfc822;quinn@example.com
Action: failed
Status: 4.4.7

--hm--
"""


def test_expiry_status_means_expired(parse):
    [d] = parse(SAMPLE)
    assert (d.recipient, d.status, d.reason, d.action, d.decoded_by) == (
        "quinn@example.com", "4.4.7", "expired", "delayed", "outlook")


def test_permanent(parse):
    [d] = parse(SAMPLE.replace("Status: 4.4.7", "Status: 5.5.0\nDiagnostic-Code: smtp;550 Requested action not "
                               "taken: mailbox unavailable"))
    assert (d.status, d.reply_code, d.action, d.reason) == ("5.5.0", "550", "failed", "")
