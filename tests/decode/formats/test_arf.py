from __future__ import annotations

from bounceback.decode.formats.arf import UNDISCLOSED

ARF = """
From: feedback@fbl.example.net
To: fbl@sender.example
Subject: FW: Spring sale
Content-Type: multipart/report; report-type=feedback-report; boundary="fb"

--fb
Content-Type: text/plain

This is an email abuse report for an email message received from IP 192.0.2.8 on Thu, 29 Apr 2021 10:00:00 +0000

--fb
Content-Type: message/feedback-report

Feedback-Type: abuse
User-Agent: ExampleFBL/1.0
Version: 1
Original-Mail-From: news@sender.example
Original-Rcpt-To: gina@fbl.example.net
Source-IP: 192.0.2.8

--fb
Content-Type: message/rfc822

From: news@sender.example
To: someone-else@fbl.example.net
Subject: Spring sale

--fb--
"""

JMRP = """
From: staff@hotmail.com
To: abuse@sender.example
Subject: complaint about message from 192.0.2.222
Content-Type: multipart/mixed; boundary="jm"

--jm
Content-Type: message/rfc822

X-HmXmrOriginalRecipient: hugo@outlook.example
From: news@sender.example
To: hugo@outlook.example
Subject: Offer

--jm--
"""

APPLE = """
From: ines@icloud.example
To: unsubscribe-123@sender.example
Subject: unsubscribe
Auto-Submitted: auto-replied
X-Apple-Unsubscribe: true

Apple Mail sent this email to unsubscribe from the message "Weekly".
"""


def test_original_rcpt_to(parse):
    [d] = parse(ARF)
    assert (d.recipient, d.reason, d.feedback_type, d.status, d.action) == (
        "gina@fbl.example.net", "feedback", "abuse", "", "")


def test_redacted_falls_back_to_the_original_to(parse):
    [d] = parse(ARF.replace("Original-Rcpt-To: gina@fbl.example.net", "Redacted-Address: redacted@"))
    assert d.recipient == "someone-else@fbl.example.net"


def test_no_address_anywhere(parse):
    text = ARF.replace("Original-Rcpt-To: gina@fbl.example.net\n", "").replace(
        "To: someone-else@fbl.example.net", "To: <Undisclosed Recipients>")
    [d] = parse(text)
    assert d.recipient == UNDISCLOSED


def test_microsoft_jmrp(parse):
    [d] = parse(JMRP)
    assert (d.recipient, d.feedback_type, d.remote_mta) == ("hugo@outlook.example", "abuse", "192.0.2.222")


def test_apple_unsubscribe(parse):
    [d] = parse(APPLE)
    assert (d.recipient, d.feedback_type, d.reason) == ("ines@icloud.example", "opt-out", "feedback")


def test_a_blank_feedback_type_is_no_report_and_no_crash(parse):
    assert parse(ARF.replace("Feedback-Type: abuse", "Feedback-Type:  ")) is not None
