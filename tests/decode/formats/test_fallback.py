"""The last resort, and the messages that must give no failure record at all."""

from __future__ import annotations

from bounceback.decode import decode


def test_plain_text_bounce_without_known_opening():
    raw = b"""From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>
To: <news-bounces@example.org>
Subject: Returned mail: see transcript for details
Return-Path: <>

The original message was received at Tue, 14 Oct 2014 02:34:14 GMT
from relay.example.org [192.0.2.7]

   ----- The following addresses had permanent fatal errors -----
kate@example.com
    (reason: 552 5.2.2 Over quota)
    (expanded from: <kate.old@example.net>)

   ----- Transcript of session follows -----
... while talking to mx.example.com.:
>>> DATA
<<< 552 5.2.2 Over quota

   ----- Message header follows -----

Return-Path: <news-bounces@example.org>
From: News <news@example.org>
To: Kate <kate.old@example.net>
"""
    [d] = decode(raw)
    assert d.recipient == "kate@example.com" and d.original_recipient == "kate.old@example.net"
    assert d.status == "5.2.2" and d.reply_code == "552" and d.action == "failed"


def test_x_failed_recipients_header():
    raw = b"""From: Mail Delivery System <Mailer-Daemon@mx.example.net>
To: news-bounces@example.org
Subject: Mail delivery failed
X-Failed-Recipients: leo@example.com

Something went wrong.
"""
    [d] = decode(raw)
    assert (d.recipient, d.decoded_by) == ("leo@example.com", "fallback")


def test_dsn_wrapped_by_a_disclaimer_relay():
    inner = """From: postmaster@corp.example.com
To: news-bounces@example.org
Subject: Delivery Status Notification (Failure)
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="in"

--in
Content-Type: text/plain

Delivery failed.
--in
Content-Type: message/delivery-status

Reporting-MTA: dns;mail.corp.example.com

Final-Recipient: rfc822;mona@corp.example.com
Action: failed
Status: 5.1.1

--in--
"""
    raw = f"""From: postmaster@corp.example.com
To: news-bounces@example.org
Subject: Delivery Status Notification (Failure)
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="out"

--out
Content-Type: message/rfc822

{inner}
--out
Content-Type: text/plain

This e-mail is confidential.
--out--
"""
    [d] = decode(raw.encode())
    assert (d.recipient, d.status, d.decoded_by) == ("mona@corp.example.com", "5.1.1", "fallback")


# -- not bounces ------------------------------------------------------------------------------


def test_newsletter_mentioning_addresses():
    raw = b"""From: Garden Club <news@garden.example.org>
To: ned@example.com
Subject: May newsletter: tomatoes
Return-Path: <bounces@garden.example.org>
List-Unsubscribe: <mailto:unsubscribe@garden.example.org>

Hello gardeners,

oscar@example.net: thanks for the seedlings!
Questions? Write to help@garden.example.org

To unsubscribe: unsubscribe@garden.example.org
"""
    assert decode(raw) == []


def test_personal_mail_quoting_a_bounce():
    raw = b"""From: Pat <pat@example.com>
To: Quinn <quinn@example.net>
Subject: Re: did you get my mail?

My message to rita@example.org came back:

> rita@example.org: host mx.example.org said: 550 5.1.1 User unknown
> The following addresses had permanent fatal errors

Do you have her new address?
"""
    assert decode(raw) == []


def test_challenge_response_dsn_is_no_failure():
    raw = b"""From: noreply@cr.example.com
To: news-bounces@example.org
Subject: Re: Spring offers (Action Required)
Return-Path: <noreply@cr.example.com>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="cr"

--cr
Content-Type: text/plain

Hello, your message has been waitlisted. Please add yourself to my Guest List
so your messages will go to my Inbox. Click the link below to be added:
https://cr.example.com/confirm?t=1
--cr
Content-Type: message/delivery-status

Reporting-MTA: dns; cr.example.com
Action: failed

Final-Recipient: rfc822; sam@example.com
Diagnostic-Code: X-Notice; Sender not pre-approved. Follow instructions in above notice
Status: 4.7.0
--cr--
"""
    assert decode(raw) == []


def test_read_receipt_is_no_failure():
    raw = b"""From: Tina <tina@example.com>
To: news@example.org
Subject: Read: Spring offers
Return-Path: <>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=disposition-notification; boundary="mdn"

--mdn
Content-Type: text/plain

Your message

  To: tina@example.com
  Subject: Spring offers

was displayed on Mon, 3 May 2021 10:00:00 +0200.
tina@example.com
--mdn
Content-Type: message/disposition-notification

Reporting-UA: mail.example.com; Mailer 1.0
Final-Recipient: rfc822;tina@example.com
Original-Message-ID: <offer-1@example.org>
Disposition: manual-action/MDN-sent-manually; displayed
--mdn--
"""
    assert all(d.action != "failed" for d in decode(raw))
    assert decode(raw) == []


def test_delivery_delayed_warning_is_delayed():
    raw = b"""From: Mail Delivery System <Mailer-Daemon@mx.example.net>
To: news-bounces@example.org
Subject: Warning: message 1abc-0001 delayed 24 hours
Return-Path: <>

This message was created automatically by mail delivery software.

A message that you sent has not yet been delivered to one or more of its
recipients after more than 24 hours on the queue on mx.example.net.

The message identifier is:     1abc-0001
The subject of the message is: Spring offers

The address to which the message has not yet been delivered is:

  uma@example.com
    host mx.example.com [192.0.2.9]: Connection timed out

No action is required on your part. Delivery attempts will continue for
some time, and this warning may be repeated at intervals if the message
remains undelivered.
"""
    out = decode(raw)
    assert [(d.recipient, d.action) for d in out] == [("uma@example.com", "delayed")]


def test_auto_reply_with_null_return_path_is_not_a_bounce_here():
    raw = b"""From: Vic <vic@example.com>
To: news@example.org
Subject: Automatic reply: Spring offers
Return-Path: <>
Auto-Submitted: auto-replied

I am away until Monday. For urgent matters write to wendy@example.com.
"""
    out = decode(raw)
    assert all(d.reason == "vacation" for d in out)


def test_null_return_path_notice_that_reports_nothing():
    raw = b"""From: Calendar <calendar@example.com>
To: xavier@example.org
Subject: Reminder: team lunch
Return-Path: <>

yolanda@example.com accepted this invitation.
Where: cafeteria
"""
    assert decode(raw) == []


def test_site_administrator_notification_is_no_bounce():
    raw = b"""From: Forum Administrator <admin@forum.example.com>
To: zack@example.org
Subject: New reply in "tomatoes"

amy@example.net has replied to your post.
"""
    assert decode(raw) == []


def test_bounce_word_in_a_newsletter_subject():
    raw = b"""From: Party Rentals <news@rentals.example.com>
To: bea@example.org
Subject: Bounce houses for summer!

info@rentals.example.com is the address for bookings.
"""
    assert decode(raw) == []


LABELLED = """From: Mail Server <mail@mx.example.net>
To: alice@example.net
Subject: Delivery failure
Return-Path: <mail@mx.example.net>

This message was generated automatically by the mail server.

{line}
550 5.1.1 Requested action not taken: mailbox unavailable

Below this line is a copy of the message.

From: alice@example.net
To: carol@example.org
Subject: hello
"""


def test_sisimai_text_labels_name_the_recipient():
    # the address labels of Sisimai::RFC3464's text fallback
    for line in ("Failed to deliver to <bob@example.org>", " Address: bob@example.org",
                 '"Bob Smith" bob@example.org', "The following message to <bob@example.org> was undeliverable.",
                 "You sent mail to bob@example.org which could not be delivered."):
        (d,) = decode(LABELLED.format(line=line).encode())
        assert (d.recipient, d.status, d.reply_code, d.decoded_by) == ("bob@example.org", "5.1.1", "550", "fallback")


def test_an_alias_note_on_the_recipients_line_keeps_the_final_address():
    (d,) = decode(LABELLED.format(line="<bob@example.org> (expanded from: info@example.org)").encode())
    assert (d.recipient, d.original_recipient) == ("bob@example.org", "info@example.org")


def test_a_label_that_says_why_stays_in_the_diagnostic_and_a_transcript_keeps_its_command():
    head = (b"From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\nTo: news@example.org\n"
            b"Subject: Undeliverable mail\nReturn-Path: <>\n\n")
    [d] = decode(head + b"Your message could not be delivered.\n\nUnknown user: bob@example.com")  # no final newline
    assert d.recipient == "bob@example.com" and d.diagnostic == "Unknown user: bob@example.com"
    [d] = decode(head + b"Your message could not be delivered.\n\n>>> RCPT To:<carl@example.com>\n"
                        b"<<< 550 No such user here\n")
    assert (d.recipient, d.smtp_command, d.reply_code) == ("carl@example.com", "RCPT", "550")
