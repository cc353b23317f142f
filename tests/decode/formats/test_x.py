"""Sisimai's anonymised MTA families X1, X2, X3, X5, X6."""

from __future__ import annotations

from .helpers import mime, plain, run


def test_x1_delivery_errors():
    head = ('From: "Mail Deliver System" <MAILER-DAEMON@gw.example.net>\nTo: alice@example.net\n'
            "Subject: Returned Mail: User unknown")
    body = ("The original message was received at Mon, 4 Mar 2024 10:00:00 +0900 (JST)\nfrom alice@example.net\n\n"
            "---The following addresses had delivery errors---\n\nbob@example.org [User unknown]\n\n")
    (d,) = run(plain(head, body))
    assert (d.recipient, d.diagnostic, d.action) == ("bob@example.org", "User unknown", "failed")
    (d,) = run(plain(head.replace("Returned Mail: User unknown", "Warning--Could not send mail for past 4 hours"),
                     body.replace("User unknown", "Connection timed out")))
    assert (d.action, d.reason) == ("delayed", "expired")


def test_x2_unable_to_deliver():
    head = "From: MAILER-DAEMON@mail.example.net\nTo: alice@example.net\nSubject: failed delivery"
    body = ("Unable to deliver message to the following address(es).\n\n<bob@example.org>:\n"
            "198.51.100.4 does not like recipient.\nRemote host said: 550 5.1.1 No such user\n"
            "Giving up on 198.51.100.4.\n\n<carol@example.com>:\nunable to connect to remote server "
            "[198.51.100.5:25]: Operation timed out\nI'm not going to try again; this message has been in the "
            "queue too long.\n\n--- Original message follows.\n\nTo: erin@example.com\n")
    bob, carol = run(plain(head, body))
    assert (bob.recipient, bob.status, bob.smtp_command, bob.diagnostic) == (
        "bob@example.org", "5.1.1", "RCPT", "550 5.1.1 No such user")
    assert (carol.recipient, carol.reason) == ("carol@example.com", "expired")


def test_x3_technical_details():
    head = ("From: Mail Delivery System <Mail.Delivery.System@gw.example.net>\nTo: alice@example.net\n"
            "Subject: Delivery status notification")
    body = ("      This is an automatically generated Delivery Status Notification.      \n\n"
            "Delivery to the following recipients failed permanently:\n\n   * bob@example.org\n\n"
            "=====\n                             Technical details:\n\n"
            "SMTP:RCPT host 198.51.100.7: 550 5.1.1 <bob@example.org>... No such user here\n\n=====\n")
    (d,) = run(plain(head, body))
    assert (d.recipient, d.status, d.reply_code, d.smtp_command, d.remote_mta) == (
        "bob@example.org", "5.1.1", "550", "RCPT", "198.51.100.7")


def test_x5_gateway_wraps_the_bounce():
    inner = mime("From: Mail Delivery Subsystem <MAILER-DAEMON@mta.example.net>\nTo: alice@example.net\n"
                 "Subject: Returned mail: User unknown",
                 [("text/plain", "   ----- The following addresses had permanent delivery errors -----\n"
                                 "bob@example.org\n"),
                  ("message/delivery-status", "Reporting-MTA: dns; mta.example.net\n\n"
                                              "Final-Recipient: RFC822; bob@example.org\nAction: failed\n"
                                              "Status: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 User unknown\n")],
                 boundary="INNER").decode()
    raw = mime('From: "=?utf-8?B?TWFpbCBEZWxpdmVyeSBTdWJzeXN0ZW0=?=" <MAILER-DAEMON@gw.example.net>\n'
               'To: "NotificationRecipients" <NotificationRecipients@gw.example.net>\n'
               "Subject: Returned mail: User unknown",
               [("text/plain", "The original message was received at Mon Mar  4 10:00:00 2024\n"),
                ("message/rfc822", inner)], boundary="OUTER")
    (d,) = run(raw)
    assert (d.recipient, d.status, d.decoded_by) == ("bob@example.org", "5.1.1", "x5")


def test_x6_error_sentences():
    head = "From: mailer-daemon\nTo: alice@example.net\nSubject: There was an error sending your mail"
    body = ("We had trouble delivering your message. Full details follow:\n\nSubject: 'hi'\n\n1 error(s):\n\n"
            "SMTP Server <mx.example.org> rejected recipient <bob@example.org> (Error following RCPT command). "
            "It responded as follows: [550 5.1.1 User unknown]\n\n"
            "The attachment contains the original mail headers.\n")
    (d,) = run(plain(head, body))
    assert (d.recipient, d.diagnostic, d.smtp_command) == ("bob@example.org", "550 5.1.1 User unknown", "RCPT")
