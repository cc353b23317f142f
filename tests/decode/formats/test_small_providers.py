"""Providers whose reports are RFC 3464 fields or a few lines of text."""

from __future__ import annotations

from bounceback.classify import classify

WORKMAIL = """
From: MAILER-DAEMON@us-west-2.awsapps.com
Subject: Delivery Status Notification (Failure)
X-SES-Outgoing: 2024.03.01-54.240.0.2
X-Mailer: Amazon WorkMail
Content-Type: multipart/report; report-type=delivery-status; boundary="wm"

--wm
Content-Type: text/plain

Technical report:

Reporting-MTA: dsn; a1-1.smtp-out.us-west-2.amazonses.com

Final-Recipient: rfc822; pia@example.jp
Action: failed
Status: 5.0.0
Diagnostic-Code: smtp; 550 5.1.1 <pia@example.jp>... User Unknown

--wm--
"""

BIGLOBE = """
From: postmaster@biglobe.ne.jp
Subject: Returned mail: Delivery failed

   ----- The following addresses had delivery problems -----
rio@biglobe.ne.jp

   ----- Non-delivered information -----
The number of messages in recipient's mailbox exceeded the local limit.
"""

FACEBOOK = """
From: Facebook <mailer-daemon@mx.facebook.com>
Subject: Sorry, your message could not be delivered
Content-Type: text/plain

This message was created automatically by Facebook.

Reporting-MTA: dns; mx-out.facebook.com

Final-Recipient: rfc822; sol@facebook.com
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 RCP-P1 http://postmaster.facebook.com/response_codes?ip=192.0.2.1#rcp Refused due to recipient preferences
"""

SENDGRID = """
From: <MAILER-DAEMON@sendgrid.net>
Return-Path: <apps@sendgrid.net>
Subject: Undelivered Mail Returned to Sender
Content-Type: text/plain

This is an automatically generated message from SendGrid.

I'm sorry to have to tell you that your message was not able to be
delivered to one of its intended recipients.

Reporting-MTA: dns; sendgrid.net
Arrival-Date: 2024-03-01 10:00:00

Final-Recipient: rfc822; tom@example.com
Action: failed
Diagnostic-Code: 550 Unknown user
"""

VTEXT = """
From: post_master@vtext.com
Subject: Undeliverable Message
Received: from smtp.vtext.com (smtp.vtext.com [192.0.2.1]) by mx.example.com

Error: Message could not be delivered

    MAIL FROM: <uri@example.com>
    RCPT TO: <5555550100@vtext.com>
550 - Requested action not taken: no such user here
"""

MESSAGELABS = """
From: Mail Delivery System <MAILER-DAEMON@messagelabs.com>
Subject: Mail Delivery Failure
X-Msg-Ref: server-1.tower-1.messagelabs.com!1!2!1
Content-Type: multipart/report; report-type=delivery-status; boundary="ml"

--ml
Content-Type: text/plain

This is the mail delivery agent at Symantec Email Security.cloud.

I was unable to deliver your message to the following addresses:

vic@example.messagelabs.com

Reason: 550-Please turn on SMTP Authentication in your mail client.
550 relay through this server without authentication.

--ml
Content-Type: message/delivery-status

Reporting-MTA: dns; server-1.bemta-1.messagelabs.com

Diagnostic-Code: smtp; 550-Please turn on SMTP Authentication in your mail client.
550 relay through this server without authentication.
Status: 5.0.0
Action: failed
Final-Recipient: rfc822; vic@example.messagelabs.com

--ml--
"""

INTERSCAN = """
From: "InterScan MSS" <imss@gw.example.jp>
Subject: Mail could not be delivered

Mail could not be delivered.

Sent <<< RCPT TO:<wen@example.jp>
Received >>> 550 5.1.1 <wen@example.jp>... User unknown
"""

BARRACUDA = """
From: postmaster@gw.example.org
Subject: Message you sent blocked by our bulk email filter
Content-Type: multipart/report; report-type=delivery-status; boundary="bc"

--bc
Content-Type: text/plain

Your message to: xin@example.org
was blocked by our Spam Firewall.

--bc
Content-Type: message/delivery-status

Reporting-MTA: dns; gw.example.org

Final-Recipient: rfc822; xin@example.org
Action: failed
Status: 5.7.1
Diagnostic-Code: smtp; 550 5.7.1 Message content rejected

--bc--
"""


def test_workmail(parse):
    [d] = parse(WORKMAIL)
    assert (d.recipient, d.status, d.reply_code, d.decoded_by) == ("pia@example.jp", "5.1.1", "550", "amazonworkmail")


def test_biglobe(parse):
    [d] = parse(BIGLOBE)
    assert (d.recipient, d.action, d.decoded_by) == ("rio@biglobe.ne.jp", "failed", "biglobe")
    assert "exceeded the local limit" in d.diagnostic


def test_facebook(parse):
    [d] = parse(FACEBOOK)
    assert (d.recipient, d.status, d.reply_code, d.decoded_by) == ("sol@facebook.com", "5.1.1", "550", "facebook")
    assert "RCP-P1" in d.diagnostic


def test_sendgrid_status_from_reply_class(parse):
    [d] = parse(SENDGRID)
    assert (d.recipient, d.status, d.reply_code, d.decoded_by) == ("tom@example.com", "5.0.0", "550", "sendgrid")
    [e] = parse(SENDGRID.replace("Action: failed", "Action: expired"))
    assert (e.reason, e.action) == ("expired", "delayed")


def test_verizon_vtext(parse):
    [d] = parse(VTEXT)
    assert (d.recipient, d.reply_code, d.decoded_by) == ("5555550100@vtext.com", "550", "verizon")


def test_messagelabs_full_reply(parse):
    [d] = parse(MESSAGELABS)
    assert (d.recipient, d.status, d.reply_code, d.action) == ("vic@example.messagelabs.com", "5.0.0", "550", "failed")
    assert d.diagnostic.endswith("without authentication.")


def test_interscan(parse):
    [d] = parse(INTERSCAN)
    assert (d.recipient, d.status, d.reply_code, d.smtp_command) == ("wen@example.jp", "5.1.1", "550", "RCPT")


def test_barracuda(parse):
    [d] = parse(BARRACUDA)
    assert (d.recipient, d.status, d.decoded_by) == ("xin@example.org", "5.7.1", "barracuda")


AOL = """
From: Mail Delivery Subsystem <MAILER-DAEMON@aol.com>
Subject: Returned mail: see transcript for details
X-AOL-IP: 192.0.2.5
Content-Type: multipart/report; report-type=delivery-status; boundary="ao"

--ao
Content-Type: text/plain

The original message was received at Thu, 29 Apr 2021 10:00:00 -0400

--ao
Content-Type: message/delivery-status

Reporting-MTA: dns; omr-m1.mx.aol.com

Final-Recipient: rfc822; yuki@gone.example.jp
Action: failed
Status: 5.4.4
Diagnostic-Code: X-Outbound-Mail-Relay; Host or domain name not found.
 Name service error for name=gone.example.jp type=A: Host not found

--ao--
"""

VZWPIX = """
From: sysadmin@vzwpix.com
Subject: Undeliverable Message
Received: from mms.vtext.com (mms.vtext.com [192.0.2.2]) by mx.example.com

Message could not be delivered to mobile.

To: 5555550111@vzwpix.com
Subject: photo
Error: No valid recipients for this MM
"""


def test_aol_diagnostic_continuation(parse):
    [d] = parse(AOL)
    assert (d.recipient, d.status, d.decoded_by) == ("yuki@gone.example.jp", "5.4.4", "aol")
    assert d.diagnostic.endswith("Host not found")


def test_verizon_mms(parse):
    [d] = parse(VZWPIX.replace("sysadmin@vzwpix.com", "sysadmin@mms.vzwpix.com"))
    assert (d.recipient, d.diagnostic) == ("5555550111@vzwpix.com", "No valid recipients for this MM")


INTERSCAN_JA = """
From: "InterScan MSS" <imss@example.co.jp>
To: alice@example.com
Subject: =?ISO-2022-JP?B?GyRCJWEhPCVrR1tBdyRLPDpHVCQ3JF4kNyQ/GyhC?=
Content-Type: multipart/mixed; boundary="imss"

--imss
Content-Type: text/plain; charset=UTF-8

メッセージを配信できませんでした。

送信 >>> RCPT TO:<kijitora@example.co.jp>
受信 <<< 550 5.1.1 <kijitora@example.co.jp>... User unknown

--imss
Content-type: message/rfc822

From: alice@example.com
To: kijitora@example.co.jp, bob@example.net

hello dave@example.net
--imss--
"""

INTERSCAN_UNABLE = """
From: "InterScan MSS" <imss@example.co.jp>
To: alice@example.com
Subject: Mail could not be delivered
Content-Type: text/plain

Mail could not be delivered.

Reason: Unable to deliver message to <kijitora@neko.example.jp> (and other recipients in the same domain).

------ Original message ------
To: kijitora@neko.example.jp, bob@example.net
"""


def test_interscan_japanese_session_arrows_reversed(parse):
    """Sisimai Lhost/InterScanMSS.pm: the Japanese template marks the command >>> and the reply <<<."""
    [d] = parse(INTERSCAN_JA)
    assert (d.recipient, d.status, d.reply_code, d.smtp_command, d.decoded_by) == (
        "kijitora@example.co.jp", "5.1.1", "550", "RCPT", "interscanmss")
    assert d.diagnostic == "550 5.1.1 <kijitora@example.co.jp>... User unknown"


def test_interscan_unable_to_deliver_is_unknown_user(parse):
    [d] = parse(INTERSCAN_UNABLE)
    assert (d.recipient, d.status, d.reply_code, d.decoded_by) == ("kijitora@neko.example.jp", "", "",
                                                                  "interscanmss")
    assert classify(d).reason == "userunknown"  # Sisimai's reading of InterScan's own sentence


INTERSCAN_SESSION = """
From: "InterScan MSS" <imss@example.co.jp>
To: alice@example.com
Subject: Mail could not be delivered
Content-Type: text/plain

****** Message from InterScan Messaging Security Suite ******

Sent <<< MAIL FROM:<alice@example.com>
Received >>> 250 2.1.0 <alice@example.com>... Sender ok
Sent <<< RCPT TO:<kijitora@example.co.jp>
Received >>> 250 2.1.5 <kijitora@example.co.jp>... Recipient ok
Sent <<< RCPT TO:<mikeneko@example.co.jp>
Received >>> 550 5.1.1 <mikeneko@example.co.jp>... User unknown
Sent <<< RCPT TO:<shironeko@example.co.jp>
Received >>> 250 2.1.5 <shironeko@example.co.jp>... Recipient ok
Sent <<< DATA
Received >>> 354 Enter mail, end with "." on a line by itself
Sent <<< .
Received >>> 554 5.7.1 Message rejected: spam detected

*************************** End of message ***************************
"""


def test_interscan_whole_session_refusal_after_data_is_every_accepted_recipients(parse):
    # the accepted replies are no errors; the refusal of the message (RFC 5321 §4.1.1.4) is
    # each accepted recipient's, the refused RCPT keeps its own reply; the sender is no recipient
    found = parse(INTERSCAN_SESSION)
    assert [(d.recipient, d.reply_code, d.smtp_command, d.diagnostic) for d in found] == [
        ("kijitora@example.co.jp", "554", "DATA", "554 5.7.1 Message rejected: spam detected"),
        ("mikeneko@example.co.jp", "550", "RCPT", "550 5.1.1 <mikeneko@example.co.jp>... User unknown"),
        ("shironeko@example.co.jp", "554", "DATA", "554 5.7.1 Message rejected: spam detected")]
