from __future__ import annotations

import pytest

LEGACY = """
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: alice@gmail.com
Subject: Delivery Status Notification (Failure)
Content-Type: text/plain; charset=ISO-8859-1

Delivery to the following recipient failed permanently:

     bob@example.org

Technical details of permanent failure:
Google tried to deliver your message, but it was rejected by the server for the recipient domain example.org by mx1.example.org. [198.51.100.7].

The error that the other server returned was:
550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in local recipient table

----- Original message -----

From: alice@gmail.com
To: bob@example.org, carol@example.org
Subject: lunch
"""

DELAY = """
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
Subject: Delivery Status Notification (Delay)

This is an automatically generated Delivery Status Notification

THIS IS A WARNING MESSAGE ONLY.

Delivery to the following recipient has been delayed:

     dave@slow.example.net

Message will be retried for 2 more day(s)

Technical details of temporary failure:
The recipient server did not accept our requests to connect. Learn more at https://support.google.com/mail/answer/7720
[slow.example.net 203.0.113.9: timed out]

----- Original message -----

To: dave@slow.example.net
"""

MODERN = """
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
Subject: Delivery Status Notification (Failure)
X-Failed-Recipients: erin@example.com
Content-Type: multipart/report; boundary="b1"; report-type=delivery-status

--b1
Content-Type: text/plain; charset="UTF-8"

** Address not found **

Your message wasn't delivered to erin@example.com because the address couldn't be found.

The response from the remote server was:
550 5.1.1 <erin@example.com>: user does not exist

--b1
Content-Type: message/delivery-status

Reporting-MTA: dns; googlemail.com

Final-Recipient: rfc822; erin@example.com
Action: failed
Status: 5.1.1

--b1
Content-Type: message/rfc822

To: erin@example.com
Subject: hi

--b1--
"""


def test_legacy_text_gives_the_remote_reply(parse):
    [d] = parse(LEGACY)
    assert (d.recipient, d.status, d.reply_code, d.action) == ("bob@example.org", "5.1.1", "550", "failed")
    assert d.diagnostic.startswith("550 5.1.1") and d.remote_mta == "mx1.example.org"
    assert d.decoded_by == "gmail"


def test_delay_without_remote_reply_is_expired(parse):
    [d] = parse(DELAY)
    assert (d.recipient, d.reason, d.action, d.status) == ("dave@slow.example.net", "expired", "delayed", "")


def test_report_diagnostic_completed_from_text(parse):
    [d] = parse(MODERN)
    assert (d.recipient, d.status, d.reply_code) == ("erin@example.com", "5.1.1", "550")
    assert "user does not exist" in d.diagnostic


GSUITE = """
Return-Path: <>
Received: by 2002:a05:6602:1234:0:0:0:0 with SMTP id abc; Mon, 11 Mar 2024 01:02:03 -0700 (PDT)
X-Gm-Message-State: AOJu0YwEXAMPLEexampleEXAMPLE
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: alice@example.com
Subject: Delivery Status Notification (Failure)
Message-ID: <65ee1234.abc.0000@mx.google.com>
Date: Mon, 11 Mar 2024 01:02:03 -0700 (PDT)
MIME-Version: 1.0
Content-Type: multipart/report; boundary="000000000000aaaa"; report-type=delivery-status

--000000000000aaaa
Content-Type: multipart/related; boundary="000000000000bbbb"

--000000000000bbbb
Content-Type: multipart/alternative; boundary="000000000000cccc"

--000000000000cccc
Content-Type: text/plain; charset="UTF-8"


** Address not found **

Your message wasn't delivered to neko@example.jp because the address couldn't be found. Check for typos or unnecessary spaces and try again.



The response from the remote server was:
550 #5.1.0 Address rejected.

--000000000000cccc
Content-Type: text/html; charset="UTF-8"

<html><body><h2>Address not found</h2><p>Your message wasn't delivered to <b>neko@example.jp</b> because the address couldn't be found.</p><p>The response from the remote server was:</p><p>550 #5.1.0 Address rejected.</p></body></html>

--000000000000cccc--
--000000000000bbbb--
--000000000000aaaa
Content-Type: message/delivery-status

Reporting-MTA: dns; googlemail.com
Received-From-MTA: dns; alice@example.com
Arrival-Date: Mon, 11 Mar 2024 01:02:01 -0700 (PDT)
X-Original-Message-ID: <CAF=abc@mail.gmail.com>

Final-Recipient: rfc822; neko@example.jp
Action: failed
Status: 5.0.0
Remote-MTA: dns; mx.example.jp. (192.0.2.25, the server for the domain example.jp.)
Diagnostic-Code: smtp; 550 #5.1.0 Address rejected.
Last-Attempt-Date: Mon, 11 Mar 2024 01:02:03 -0700 (PDT)

--000000000000aaaa
Content-Type: message/rfc822

From: Alice <alice@example.com>
To: neko@example.jp, bob@example.net
Subject: hello
Message-ID: <CAF=abc@mail.gmail.com>

hi carol@example.net
--000000000000aaaa--
"""


def test_gsuite_report_with_html_and_original(parse):
    """Sisimai Lhost/GSuite.pm: X-Gm-Message-State, the text and HTML alternatives, then the fields."""
    [d] = parse(GSUITE)
    assert (d.recipient, d.status, d.reply_code, d.remote_mta, d.decoded_by) == (
        "neko@example.jp", "5.1.0", "550", "mx.example.jp", "gmail")
    assert d.diagnostic == "550 #5.1.0 Address rejected."
    # a bare reply code in the fields: the text's "The response from the remote server was:" completes it
    [d] = parse(GSUITE.replace("Diagnostic-Code: smtp; 550 #5.1.0 Address rejected.", "Diagnostic-Code: smtp; 550"))
    assert (d.recipient, d.reply_code, d.diagnostic) == ("neko@example.jp", "550", "550 #5.1.0 Address rejected.")


def test_gsuite_nxdomain(parse):
    text = (GSUITE.replace("** Address not found **", "** Message not delivered **")
            .replace("Your message wasn't delivered to neko@example.jp because the address couldn't be found. "
                     "Check for typos or unnecessary spaces and try again.",
                     "There was a problem delivering your message to neko@example.jp. See the technical details below.")
            .replace("The response from the remote server was:\n550 #5.1.0 Address rejected.",
                     "The response was:\nDNS Error: 27770214 DNS type 'mx' lookup of example.jp responded with code "
                     "NXDOMAIN\nDomain name not found: example.jp")
            .replace("Remote-MTA: dns; mx.example.jp. (192.0.2.25, the server for the domain example.jp.)\n"
                     "Diagnostic-Code: smtp; 550 #5.1.0 Address rejected.\n",
                     "Diagnostic-Code: smtp; DNS Error: 27770214 DNS type 'mx' lookup of example.jp responded with "
                     "code NXDOMAIN\n Domain name not found: example.jp\n")
            .replace("Status: 5.0.0", "Status: 5.1.2"))
    [d] = parse(text)
    assert (d.recipient, d.status, d.reply_code) == ("neko@example.jp", "5.1.2", "")
    assert d.diagnostic.startswith("DNS Error: 27770214 DNS type 'mx' lookup of example.jp responded with code NXDOMAIN")


STATE = LEGACY.replace(
    "Google tried to deliver your message, but it was rejected by the server for the recipient domain example.org "
    "by mx1.example.org. [198.51.100.7].\n\nThe error that the other server returned was:\n"
    "550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in local recipient table",
    "Google tried to deliver your message, but it was rejected by the recipient domain. We recommend contacting "
    "the other email provider for further information about the cause of this error. The error that the other "
    "server returned was: REPLY")


@pytest.mark.parametrize(("reply", "command", "want"), [
    # Sisimai::Lhost::Gmail's state table: the step of Gmail's SMTP client that failed
    ("550 550 Unknown user bob@example.org (state 14).", "RCPT", "userunknown"),
    ("550 550 Unknown user bob@example.org (state 18).", "DATA", "filtered"),
    ("550 550 #5.1.0 Address rejected bob@example.org (state 17).", "DATA", "filtered"),
    # a precise enhanced status decides over the state's default
    ("550 550 5.7.1 SPF unauthorized mail is prohibited. (state 15).", "DATA", "authfailure"),
    ("500 Remote server does not support SMTP Authenticated Relay (state 12).", "AUTH", "norelaying"),
    ("454 454 TLS missing certificate: error:0200100D:system library:fopen:Permission denied (#4.3.0) (state 9).",
     "AUTH", "failedstarttls"),
    ("500 Remote server does not support TLS (state 6).", "MAIL", "failedstarttls"),
    # state 13 quotes a refusal naming the recipient: no command is claimed for it
    ("550 550 5.7.1 <bob@example.org>... Access denied (state 13).", "", "securityerror"),
])
def test_the_state_number_names_the_command(reply, command, want):
    from bounceback import parse

    [b] = parse(STATE.replace("REPLY", reply).lstrip("\n").encode())
    assert (b.smtp_command, b.reason) == (command, want)
