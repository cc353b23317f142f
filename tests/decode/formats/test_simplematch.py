from __future__ import annotations

from bounceback.decode import decode

HEAD = """From: MAILER-DAEMON@mx.example.net
To: list-bounces@lists.example.org
Subject: {subject}
Return-Path: <>

"""


def parse(body: str, subject: str = "Delivery failure"):
    return decode((HEAD.format(subject=subject) + body).encode())


def test_labelled_address_and_original_separator():
    out = parse("""Intended recipient: carol@example.com

The following mail has been returned because it encountered an error
while being processed.

--------RETURNED MAIL FOLLOWS--------

From: list-bounces@lists.example.org
To: dave@example.com
""", "Processing Error")
    assert [(d.recipient, d.decoded_by, d.action) for d in out] == [("carol@example.com", "simplematch", "failed")]


def test_bullets_and_quoted_header_lines_are_not_recipients():
    out = parse("""Delivery has failed to these recipients or distribution lists:

\t* [erin@example.org]: 550 erin@example.org...User account is overquota

Original message details:

\t* From: poster@example.com
\t* To: frank@example.com
""", "Undeliverable: hello")
    assert [d.recipient for d in out] == ["erin@example.org"]
    assert out[0].reply_code == "550"


def test_alias_is_kept_as_original_recipient():
    out = parse("""This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  an undisclosed address
    (generated from grace@example.com)

------ This is a copy of the message, including all the headers. ------
""")
    assert [d.recipient for d in out] == ["grace@example.com"]


def test_netscape_reason_section():
    out = parse("""This Message was undeliverable due to the following reason:

Each of the following recipients was rejected by a remote mail server.

    Recipient: <heidi@example.com>
    Reason:    <heidi@example.com>... User unknown

Please reply to Postmaster@mx.example.net
if you feel this message to be in error.
""")
    assert [d.recipient for d in out] == ["heidi@example.com"]
    assert "User unknown" in out[0].diagnostic


def test_warning_is_delayed_not_failed():
    out = parse("""This is an automated message created by mail delivery software.

Your message to:

\tivan@example.com

has not yet been delivered because the recipient server did not respond.

This is just a warning, you do not need to take any action. We will continue
to attempt delivery of this message for 5 days.
""", "Warning: message has not yet been delivered")
    assert [(d.recipient, d.action) for d in out] == [("ivan@example.com", "delayed")]


def test_sender_named_in_the_report_is_not_a_recipient():
    out = parse("""This message was created automatically by mail delivery software.

A message sent by

  <news-bounces+x1@mail.example.org>

could not be delivered to one or more of its recipients. The following
address(es) failed:

  judy@example.com
    all hosts have been failing for a long time
""")
    assert [d.recipient for d in out] == ["judy@example.com"]


def test_dovecot_rejection_names_the_recipient_in_its_sentence():
    out = parse("""Your message to <kim@example.com> was automatically rejected:
Quota exceeded (mailbox for user is full)
""", "Rejected: hello")
    assert [d.recipient for d in out] == ["kim@example.com"]
    assert "Quota exceeded" in out[0].diagnostic


def test_to_line_counts_only_when_nothing_else_names_a_recipient():
    out = parse("""Hi. This is the mail program at mx.example.net.
I'm afraid I wasn't able to deliver the following message.

To: lou@example.com
Subject: hello

---Below this line is a copy of the message.
""", "failure delivery")
    assert [d.recipient for d in out] == ["lou@example.com"]
