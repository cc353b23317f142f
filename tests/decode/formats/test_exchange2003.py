from __future__ import annotations

import pytest

SAMPLE = """
From: System Administrator <postmaster@old.example.jp>
Subject: Undeliverable: Minutes
X-Mailer: Internet Mail Service (5.5.2653.19)
X-MS-Embedded-Report:
Content-Type: text/plain

Your message

  To:      rin@old.example.jp
  Subject: Minutes
  Sent:    Thu, 29 Apr 2010 09:00:00 +0900

did not reach the following recipient(s):

rin@old.example.jp on Thu, 29 Apr 2010 09:00:05 +0900
    The recipient name is not recognized
    MSEXCH:IMS:OLD:TOKYO:MAIL1 0 (000C05A6) Unknown Recipient
"""


def test_recipient_not_the_to_line(parse):
    [d] = parse(SAMPLE.replace("  To:      rin@old.example.jp", "  To:      sora@other.example.jp"))
    assert (d.recipient, d.action, d.decoded_by) == ("rin@old.example.jp", "failed", "exchange2003")
    assert d.diagnostic.startswith("The recipient name is not recognized MSEXCH:IMS")


def test_smtp_equals_form(parse):
    [d] = parse(SAMPLE.replace("rin@old.example.jp on", "Rin Sato (SMTP=rin@old.example.jp) on"))
    assert d.recipient == "rin@old.example.jp"


def test_unknown_recipient_code_is_the_rcpt_stage(parse):
    [d] = parse(SAMPLE)
    assert d.smtp_command == "RCPT"


@pytest.mark.parametrize(("code", "words", "want"), [
    # Sisimai::Lhost::Exchange2003 $ErrorCodes
    ("000C0595", "Ambiguous Recipient", "filtered"),
    ("000D06B5", "No proxy for recipient (non-smtp mail?)", "systemerror"),
    ("00120270", "Too Many Hops", "networkerror"),
    ("000502CC", "Conversion to Internet format failed", "contenterror"),
    ("000B0981", "502 Server does not support AUTH", "securityerror"),
    # the codes that wrap another error leave it to the words
    ("000B09AA", "Unable to relay for rin@old.example.jp", "norelaying"),
    ("000B099C", "Message exceeds size limit", "mesgtoobig"),
])
def test_the_ims_error_code_names_the_reason(code, words, want):
    from bounceback import parse

    raw = SAMPLE.replace("(000C05A6) Unknown Recipient", f"({code}) {words}").replace(
        "The recipient name is not recognized", "The message could not be delivered").lstrip("\n").encode()
    [b] = parse(raw)
    assert b.reason == want
