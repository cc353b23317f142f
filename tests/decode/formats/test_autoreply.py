from __future__ import annotations

import pytest

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


PLAIN = """
From: Jun Ito <jun@example.org>
To: news@sender.example
Subject: {subject}
{headers}

{body}
"""
AWAY = "Thank you for your message. I am away until Monday and will reply when I am back."


@pytest.mark.parametrize(("subject", "headers"), [
    ("Your request has been received [#1234]", "Auto-Submitted: auto-generated"),   # a ticket system's answer
    ("Notice", "Auto-Submitted: auto-notified"),
    ("Re: hello", "X-Auto-Response-Suppress: OOF, AutoReply"),
    ("Auto Response: hello", ""),
    ("Out of the office: hello", ""),
    ("RE: Auto: hello", ""),
    ("[Auto-Reply] hello", ""),
])
def test_automatic_answers_count_as_auto_replies(parse, subject, headers):
    [d] = parse(PLAIN.format(subject=subject, headers=headers, body=AWAY))
    assert (d.recipient, d.reason, d.decoded_by) == ("jun@example.org", "vacation", "rfc3834")


@pytest.mark.parametrize(("subject", "headers", "sender"), [
    ("Vacation deals: 20% off summer trips", "List-Unsubscribe: <mailto:unsub@news.example.org>",
     "jun@example.org"),                                                  # a newsletter
    ("[dev] weekly digest", "Auto-Submitted: auto-generated\nList-Id: <dev.lists.example.org>", "jun@example.org"),
    ("Out of office: Friday", "Auto-Submitted: no", "jun@example.org"),   # a person says it (RFC 3834 §5)
    ("Re: our vacation plans", "", "jun@example.org"),
    ("Away from keyboard tips", "", "jun@example.org"),
    ("Auto: hello", "Auto-Submitted: auto-replied", "root@example.org"),  # system mail (Sisimai::RFC3834)
    ("*** SECURITY information for host.example.org ***", "Auto-Submitted: auto-generated", "jun@example.org"),
    ("Mail failure - malformed recipient address", "Auto-Submitted: auto-replied", "jun@example.org"),
])
def test_look_alikes_are_no_auto_replies(parse, subject, headers, sender):
    text = PLAIN.format(subject=subject, headers=headers, body=AWAY).replace("jun@example.org", sender)
    assert parse(text) == []
