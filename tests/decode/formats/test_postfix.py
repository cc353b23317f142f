from __future__ import annotations

from .helpers import mime, plain, run

HEAD = """From: MAILER-DAEMON@mail.example.net (Mail Delivery System)
To: alice@example.net
Subject: Undelivered Mail Returned to Sender
Auto-Submitted: auto-replied"""

TEXT = """This is the mail system at host mail.example.net.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

                   The mail system

<bob@example.org>: host mx.example.org[198.51.100.2] said: 550 5.1.1
    <bob@example.org>: Recipient address rejected: User unknown (in reply to
    RCPT TO command)

<carol@example.com> (expanded from <team@example.net>): connect to
    mx.example.com[198.51.100.3]:25: Connection refused
"""

DSN = """Reporting-MTA: dns; mail.example.net
X-Postfix-Queue-ID: 4Tq0Xz1abc
Arrival-Date: Mon,  4 Mar 2024 10:00:00 +0100 (CET)

Final-Recipient: rfc822; bob@example.org
Original-Recipient: rfc822;bob@example.org
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.example.org
Diagnostic-Code: smtp; 550 5.1.1 <bob@example.org>: Recipient address rejected:
    User unknown

Final-Recipient: rfc822; carol@example.com
Original-Recipient: rfc822;team@example.net
Action: failed
Status: 4.4.1
Diagnostic-Code: X-Postfix; connect to mx.example.com[198.51.100.3]:25:
    Connection refused
"""


def test_postfix_report_with_text():
    found = {d.recipient: d for d in run(mime(HEAD, [("text/plain", TEXT), ("message/delivery-status", DSN)]))}
    bob = found["bob@example.org"]
    assert (bob.status, bob.reply_code, bob.smtp_command, bob.remote_mta) == ("5.1.1", "550", "RCPT", "mx.example.org")
    carol = found["carol@example.com"]
    assert (carol.status, carol.original_recipient, carol.remote_mta) == ("4.4.1", "team@example.net",
                                                                         "mx.example.com")
    assert carol.diagnostic == "connect to mx.example.com[198.51.100.3]:25: Connection refused"


def test_postfix_text_only():
    found = run(plain(HEAD, TEXT))
    assert [(d.recipient, d.reply_code, d.smtp_command) for d in found] == [
        ("bob@example.org", "550", "RCPT"), ("carol@example.com", "", "")]
    assert found[0].diagnostic.startswith("550 5.1.1 ") and found[0].diagnostic.endswith("User unknown")


def test_smtpd_error_notice():
    body = ("Transcript of session follows.\n\n Out: 220 mail.example.net ESMTP\n In:  MAIL FROM:<a@example.com>\n"
            " Out: 250 2.1.0 Ok\n In:  RCPT TO:<bob@example.net>\n Out: 250 2.1.5 Ok\n In:  DATA\n"
            " Out: 354 End data with <CR><LF>.<CR><LF>\n Out: 451 4.3.0 Error: queue file write error\n")
    (d,) = run(plain(HEAD.replace("Undelivered Mail Returned to Sender",
                                  "Postfix SMTP server: errors from client.example.com[192.0.2.9]"), body))
    assert (d.recipient, d.status, d.reply_code, d.smtp_command) == ("bob@example.net", "4.3.0", "451", "DATA")


OLD_HEAD = HEAD.replace("Auto-Submitted: auto-replied\n", "")
OLD_TEXT = """This is the Postfix program at host mail.example.net.

I'm sorry to have to inform you that the message returned
below could not be delivered to one or more destinations.

\t\t\tThe Postfix program

<bob@mail.example.net>: unknown user: "bob"

\t--- Undelivered message follows ---

From: alice@example.net
To: team@example.org
Subject: hi

hello
"""


def test_pre_mime_postfix_ends_at_the_undelivered_message():
    # Postfix without MIME (bounce_notify_util.c): nothing after "--- Undelivered message follows ---"
    # is a recipient, and local(8)'s "unknown user" is its own verdict (no SMTP command)
    from bounceback import parse
    (b,) = parse(plain(OLD_HEAD, OLD_TEXT))
    assert (b.recipient, b.reason, b.hard_bounce) == ("bob@mail.example.net", "userunknown", True)


def test_postfix_dns_and_lookup_failures():
    from bounceback import parse

    def one(text, status):
        dsn = ("Reporting-MTA: dns; mail.example.net\n\nFinal-Recipient: rfc822; bob@example.org\n"
               f"Action: delayed\nStatus: {status}\nDiagnostic-Code: X-Postfix; {text}\n")
        (b,) = parse(mime(HEAD.replace("Undelivered Mail Returned to Sender", "Delayed Mail (still being retried)"),
                          [("text/plain", f"                   The mail system\n\n<bob@example.org>: {text}\n"),
                           ("message/delivery-status", dsn)]))
        return b.reason
    # dns_lookup.c: a broken answer is a DNS failure, not a domain that takes no mail
    assert one("Name service error for name=example.org type=MX: Malformed or unexpected name server reply",
               "4.4.3") == "networkerror"
    # qmgr_deliver.c: no delivery agent for the transport is a local system error
    assert one("mail transport unavailable", "4.3.0") == "systemerror"
