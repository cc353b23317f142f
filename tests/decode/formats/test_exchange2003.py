from __future__ import annotations

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
