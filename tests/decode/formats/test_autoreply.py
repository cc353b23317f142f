from __future__ import annotations

VACATION = """
From: Jun Ito <jun@example.org>
Reply-To: assistant@example.org
To: news@sender.example
Subject: Automatic reply: Spring sale
Auto-Submitted: auto-replied
Return-Path: <>

I am out of the office until May 5th with limited access to email.
"""


def test_vacation_from_the_responder(parse):
    [d] = parse(VACATION)
    assert (d.recipient, d.reason, d.status, d.decoded_by) == ("jun@example.org", "vacation", "", "rfc3834")
    assert "out of the office" in d.diagnostic


def test_mailbox_gone_notice_is_no_vacation(parse):
    [d] = parse(VACATION.replace("I am out of the office until May 5th with limited access to email.",
                                 "This inbox is no longer in use. Please write to office@example.org."))
    assert (d.recipient, d.reason) == ("jun@example.org", "")


def test_auto_reply_with_an_address_in_the_body_is_not_a_bounce(parse):
    [d] = parse(VACATION.replace("I am out of the office until May 5th with limited access to email.",
                                 "Zukünftig bitte an\nkarl@example.de"))
    assert (d.recipient, d.reason) == ("jun@example.org", "vacation")
