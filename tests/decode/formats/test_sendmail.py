from __future__ import annotations

from .helpers import mime, run

HEAD = """From: Mail Delivery Subsystem <MAILER-DAEMON@gw.example.net>
To: alice@example.net
Subject: Returned mail: see transcript for details
Auto-Submitted: auto-generated (failure)"""

TEXT = """The original message was received at Mon, 4 Mar 2024 09:00:00 +0100
from client.example.net [192.0.2.10]

   ----- The following addresses had permanent fatal errors -----
<bob@example.org>
    (reason: 550 5.1.1 <bob@example.org>... No such user)
"|/usr/local/bin/autoreply"
    (reason: 255)
    (expanded from: <carol@example.net>)

   ----- Transcript of session follows -----
... while talking to mx.example.org.:
>>> RCPT To:<bob@example.org>
<<< 550 5.1.1 <bob@example.org>... No such user
autoreply: cannot connect to database
554 5.3.0 unknown mailer error 255
"""

DSN = """Reporting-MTA: dns; gw.example.net
Arrival-Date: Mon, 4 Mar 2024 09:00:00 +0100

Final-Recipient: RFC822; bob@example.org
Action: failed
Status: 5.1.1
Remote-MTA: DNS; mx.example.org
Diagnostic-Code: SMTP; 550 5.1.1 <bob@example.org>... No such user

Final-Recipient: RFC822; carol@example.net
X-Actual-Recipient: X-Unix; |/usr/local/bin/autoreply
Action: failed
Status: 5.0.0
Diagnostic-Code: X-Unix; 255
"""


def test_sendmail_report_and_transcript():
    found = {d.recipient: d for d in run(mime(HEAD, [("text/plain", TEXT), ("message/delivery-status", DSN)]))}
    bob = found["bob@example.org"]
    assert (bob.status, bob.reply_code, bob.remote_mta, bob.action) == ("5.1.1", "550", "mx.example.org", "failed")
    carol = found["carol@example.net"]
    # the exit code 255 says nothing: the transcript does
    assert (carol.status, carol.reply_code) == ("5.3.0", "554")
    assert "cannot connect to database" in carol.diagnostic


def test_queue_timeout_without_remote_text_is_expired():
    text = ("   ----- The following addresses had permanent fatal errors -----\n<bob@example.org>\n\n"
            "   ----- Transcript of session follows -----\n"
            "Message could not be delivered for 5 days\nMessage will be deleted from queue\n")
    dsn = "Reporting-MTA: dns; gw.example.net\n\nFinal-Recipient: RFC822; bob@example.org\nAction: failed\nStatus: 4.4.7\n"
    (bob,) = run(mime(HEAD, [("text/plain", text), ("message/delivery-status", dsn)]))
    assert (bob.recipient, bob.status, bob.reason, bob.action) == ("bob@example.org", "4.4.7", "expired", "delayed")


def test_transcript_in_a_plain_body_ends_where_the_report_fields_begin():
    # old sendmail without MIME: transcript, then the RFC 3464 fields and the returned header
    from bounceback import parse

    from .helpers import plain
    body = ("   ----- The following addresses had permanent fatal errors -----\n<bob@example.org>\n\n"
            "   ----- Transcript of session follows -----\n"
            "mail.local: unknown user: bob\n554 <bob@example.org>... Service unavailable\n\n"
            "Reporting-MTA: dns; mx.example.org\nArrival-Date: Mon, 4 Mar 2024 09:00:00 +0100\n\n"
            "Final-Recipient: RFC822; <bob@example.org>\nAction: failed\nStatus: 5.5.0\n\n"
            "Return-Path: <alice@example.net>\nReceived: from client.example.net by mx.example.org\n"
            "Subject: hello\n")
    (bob,) = run(plain(HEAD, body))
    assert bob.diagnostic == "mail.local: unknown user: bob 554 <bob@example.org>... Service unavailable"
    # the local delivery agent's own words decide (Sisimai::MDA), whatever the session's code
    (b,) = parse(plain(HEAD, body))
    assert (b.reason, b.hard_bounce) == ("userunknown", True)


def test_a_multi_line_reply_is_read_whole_from_the_transcript():
    text = ("   ----- The following addresses had permanent fatal errors -----\n<bob@example.org>\n\n"
            "   ----- Transcript of session follows -----\n... while talking to mx.example.org.:\n>>> DATA\n"
            "<<< 552-5.7.0 This message was blocked because its content presents a potential\n"
            "<<< 552-5.7.0 security issue. Please visit\n"
            "<<< 552 5.7.0 https://support.example.org/answer/1 to review our guidelines.\n"
            "554 5.0.0 Service unavailable\n")
    dsn = ("Reporting-MTA: dns; gw.example.net\n\nFinal-Recipient: RFC822; bob@example.org\nAction: failed\n"
           "Status: 5.7.0\nDiagnostic-Code: SMTP; 552-5.7.0 This message was blocked because its content "
           "presents a potential\n")
    (bob,) = run(mime(HEAD, [("text/plain", text), ("message/delivery-status", dsn)]))
    assert bob.diagnostic == ("552-5.7.0 This message was blocked because its content presents a potential "
                              "security issue. Please visit https://support.example.org/answer/1 to review "
                              "our guidelines.")
    assert bob.smtp_command == "DATA"


def test_a_reply_before_anything_was_sent_is_the_greeting():
    # usersmtp.c: "<<< 554 ..." with no ">>>" before it in the session refused the connection;
    # the QUIT that follows and its reply are no cause
    from bounceback import parse
    text = ("   ----- The following addresses had permanent fatal errors -----\n<bob@example.org>\n\n"
            "   ----- Transcript of session follows -----\n... while talking to mx.example.org.:\n"
            "<<< 554 mx.example.org ESMTP not accepting messages from you\n>>> QUIT\n"
            "<<< 421 4.7.0 mx.example.org Error: too many errors\n554 5.0.0 Service unavailable\n")
    dsn = ("Reporting-MTA: dns; gw.example.net\n\nFinal-Recipient: RFC822; bob@example.org\nAction: failed\n"
           "Status: 5.0.0\nDiagnostic-Code: SMTP; 554 mx.example.org ESMTP not accepting messages from you\n")
    raw = mime(HEAD, [("text/plain", text), ("message/delivery-status", dsn)])
    (bob,) = run(raw)
    assert (bob.smtp_command, bob.reply_code) == ("CONN", "554")
    (b,) = parse(raw)
    assert b.reason == "blocked"


def test_a_pipelined_session_gives_each_recipient_its_own_reply():
    # ">>> DATA" then one "<<<" reply per recipient (PIPELINING): a reply naming another
    # recipient is not this one's, and a recipient with only its own "Deferred:" line takes
    # no command from another host's session
    from bounceback import parse
    text = ("   ----- The following addresses had permanent fatal errors -----\n<bob@example.org>\n"
            "<carol@example.org>\n<dave@example.net>\n\n"
            "   ----- Transcript of session follows -----\n... while talking to mx.example.org.:\n>>> DATA\n"
            "<<< 550 5.1.1 <bob@example.org>... User unknown\n550 5.1.1 <bob@example.org>... User unknown\n"
            "<<< 552 5.2.2 <carol@example.org>... Mailbox full\n552 5.2.2 <carol@example.org>... Mailbox full\n"
            "<<< 554 5.5.1 Error: no valid recipients\n"
            "<dave@example.net>... Deferred: Connection timed out with mx.example.net.\n")
    dsn = ("Reporting-MTA: dns; gw.example.net\n\n"
           "Final-Recipient: RFC822; bob@example.org\nAction: failed\nStatus: 5.1.1\n"
           "Diagnostic-Code: SMTP; 550 5.1.1 <bob@example.org>... User unknown\n\n"
           "Final-Recipient: RFC822; carol@example.org\nAction: failed\nStatus: 5.2.2\n"
           "Diagnostic-Code: SMTP; 552 5.2.2 <carol@example.org>... Mailbox full\n\n"
           "Final-Recipient: RFC822; dave@example.net\nAction: delayed\nStatus: 4.4.1\n")
    raw = mime(HEAD, [("text/plain", text), ("message/delivery-status", dsn)])
    found = {d.recipient: d for d in run(raw)}
    assert found["bob@example.org"].diagnostic == "550 5.1.1 <bob@example.org>... User unknown"
    assert found["dave@example.net"].diagnostic == "Deferred: Connection timed out with mx.example.net."
    assert found["dave@example.net"].smtp_command == ""
    reasons = {b.recipient: b.reason for b in parse(raw)}
    assert reasons == {"bob@example.org": "userunknown", "carol@example.org": "mailboxfull",
                       "dave@example.net": "expired"}
