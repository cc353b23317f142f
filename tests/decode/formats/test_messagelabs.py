"""Symantec/Broadcom Email Security.cloud (MessageLabs): no sample in the shared corpus;
texts after Sisimai Lhost/MessageLabs.pm (BSD-2-Clause)."""

from __future__ import annotations

from bounceback.classify import classify

from .helpers import mime, run

HEAD = """\
X-Msg-Ref: server-7.tower-21.messagelabs.com!1590000000!1234567!1
X-StarScan-Version: 9.50.1; banners=-,-,-
X-VirusChecked: Checked
Date: Wed, 20 May 2020 18:40:02 +0000
From: Mail Delivery System <MAILER-DAEMON@messagelabs.com>
To: alice@example.org
Subject: Mail Delivery Failure
Message-ID: <msglabs.1590000000.1234567@server-7.tower-21.messagelabs.com>"""


def _bounce(reasons: list[tuple[str, str]]):
    text = "This is an automatically generated message from MessageLabs.\n" \
           "I was unable to deliver your message to the following addresses:\n\n"
    text += "".join(f"{a}\n\nReason: {r}\n\n" for a, r in reasons)
    text += "The message subject was: Quarterly report\n"
    # the report lists each recipient's fields first and its Final-Recipient last
    dsn = "Reporting-MTA: dns; server-7.tower-21.messagelabs.com\n\n" + "\n".join(
        f"Action: failed\nStatus: 5.0.0\nDiagnostic-Code: smtp; {r}\nFinal-Recipient: rfc822; {a}\n"
        for a, r in reasons)
    return run(mime(HEAD, [("text/plain", text), ("message/delivery-status", dsn),
                           ("text/rfc822-headers", "From: alice@example.org\nTo: bob@example.com\n")]))


def test_each_recipient_keeps_its_own_multi_line_reason():
    google = ("550-5.7.1 [192.0.2.77] The IP you're using to send mail is not authorized to\n"
              "550-5.7.1 send email directly to our servers. Please use the SMTP relay at your\n"
              "550 5.7.1 service provider instead.")
    a, b = _bounce([("bob@example.com", google), ("carol@example.com", "542 carol@example.com Rejected")])
    assert (a.recipient, a.status, a.reply_code, a.decoded_by) == ("bob@example.com", "5.7.1", "550", "messagelabs")
    assert a.diagnostic.endswith("550 5.7.1 service provider instead.")
    assert classify(a).reason == "blocked"  # the sentence runs over the lines of the reply
    assert (b.recipient, b.diagnostic) == ("carol@example.com", "542 carol@example.com Rejected")
    assert classify(b).reason == "userunknown"  # MessageLabs' own "542 ... Rejected"


def test_a_relay_refused_for_want_of_smtp_authentication_is_a_security_error():
    reply = ("553 Please turn on SMTP Authentication in your mail client. (mail.example.org) [192.0.2.5]:50123 "
             "is not permitted to relay through this server without authentication.")
    (d,) = _bounce([("bob@example.com", reply)])
    assert (d.recipient, d.reply_code) == ("bob@example.com", "553")
    assert classify(d).reason == "securityerror"
