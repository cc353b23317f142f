"""Courier, amavisd-new, McAfee, SurfControl, MX Logic and Bigfoot."""

from __future__ import annotations

from .helpers import mime, plain, run


def _dsn(rcpt: str, status: str = "5.0.0", diag: str = "") -> str:
    out = f"Reporting-MTA: dns; gw.example.net\n\nFinal-Recipient: rfc822; {rcpt}\nAction: failed\nStatus: {status}\n"
    return out + (f"Diagnostic-Code: smtp; {diag}\n" if diag else "")


def test_courier_smtp_exchange():
    head = ("From: Courier mail server at gw.example.net <@>\nTo: alice@example.net\n"
            "Subject: NOTICE: mail delivery status.\nMessage-ID: <courier.65E5A0B1.00001234@gw.example.net>")
    text = ("This is a delivery status notification from gw.example.net,\nrunning the Courier mail server.\n\n"
            "-------------------------------------------------\n                UNDELIVERABLE MAIL\n\n"
            "Your message to the following recipients cannot be delivered:\n\n<bob@example.org>:\n"
            "    mx.example.org [198.51.100.3]:\n>>> RCPT TO:<bob@example.org>\n<<< 550 5.1.1 No such user\n\n"
            "-------------------------------------------------\n")
    (d,) = run(mime(head, [("text/plain", text), ("message/delivery-status", _dsn("bob@example.org"))]))
    assert (d.status, d.reply_code, d.smtp_command, d.remote_mta, d.diagnostic) == (
        "5.1.1", "550", "RCPT", "mx.example.org", "550 5.1.1 No such user")


def test_amavis_mcafee_surfcontrol():
    amavis = mime('From: "Content-filter at gw.example.net" <postmaster@gw.example.net>\nTo: alice@example.net\n'
                  "Subject: Undeliverable mail, MTA-BLOCKED",
                  [("text/plain", "The message WAS NOT relayed to:\n  <bob@example.org>: [127.0.0.1] said:\n"
                                  "   550 5.1.1 User unknown\n"),
                   ("message/delivery-status", _dsn("bob@example.org", "5.1.1", "550 5.1.1 User unknown"))])
    assert [(d.recipient, d.status, d.decoded_by) for d in run(amavis)] == [("bob@example.org", "5.1.1", "amavis")]
    mcafee = mime("From: <>\nTo: alice@example.net\nSubject: Delivery Status\n"
                  "X-NAI-Header: Modified by McAfee Email Gateway (4500)",
                  [("text/plain", "    --- The following addresses had delivery problems ---\n\n"
                                  "<bob@example.org>   (bob@example.org... No such user)\n"),
                   ("message/delivery-status", "Original-Recipient: <bob@example.org>\nAction: failed\n"
                                               "Diagnostic-Code: smtp; 550 bob@example.org... No such user\n")])
    assert [(d.recipient, d.reply_code, d.decoded_by) for d in run(mcafee)] == [("bob@example.org", "550", "mcafee")]
    surf = plain("From: <MAILER-DAEMON@gw.example.net>\nTo: alice@example.net\nSubject: hello\n"
                 "X-Mailer: SurfControl E-mail Filter",
                 "Your message could not be sent.\nA transcript of the attempts to send the message follows.\n"
                 "The number of attempts made: 1\nAddressed To: bob@example.org\n\nFailed to send to identified host,\n"
                 "bob@example.org: [198.51.100.5], 550 bob@example.org... No such user\n--- Message non-deliverable.\n")
    (d,) = run(surf)
    assert (d.recipient, d.reply_code, d.remote_mta, d.diagnostic) == (
        "bob@example.org", "550", "198.51.100.5", "550 bob@example.org... No such user")


def test_mxlogic_runs_exims_templates():
    head = ('From: "Mail Delivery System" <MAILER-DAEMON@mx.mxlogic.example>\nTo: alice@example.net\n'
            "Subject: Mail delivery failed\nMessage-ID: <mxl~1234.5678.9abc@mx.mxlogic.example>")
    body = ("This message was created automatically by mail delivery software.\n\nA message that you have sent could "
            "not be delivered to one or more\nrecipients.  This is a permanent error.  The following address failed:"
            "\n\n  <bob@example.org>: 550 5.1.1 User unknown\n\nIncluded is a copy of the message header:\n"
            "-----------------------------------------\nTo: erin@example.com\n")
    (d,) = run(plain(head, body))
    assert (d.recipient, d.status, d.decoded_by) == ("bob@example.org", "5.1.1", "mxlogic")


def test_bigfoot_is_sendmail_shaped():
    head = ("From: Mail Delivery Subsystem <MAILER-DAEMON@bigfoot.com>\nTo: alice@example.net\n"
            "Subject: Returned mail: User unknown")
    text = ("   ----- The following addresses had permanent fatal errors -----\n<bob@example.org>\n\n"
            "   ----- Transcript of session follows -----\n>>> RCPT TO:<bob@example.org>\n<<< 553 Invalid recipient\n")
    (d,) = run(mime(head, [("text/plain", text), ("message/delivery-status", _dsn("bob@example.org", "5.1.1"))]))
    assert (d.recipient, d.reply_code, d.decoded_by) == ("bob@example.org", "553", "bigfoot")
