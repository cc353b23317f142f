"""Formats with no sample in the shared corpus, tested on texts written from their templates."""

from __future__ import annotations

from .helpers import mime, plain, run

DSN = "Reporting-MTA: dns; gw.example.net\n\nFinal-Recipient: rfc822; bob@example.org\nAction: failed\nStatus: 5.1.1\n"


def test_messagingserver_prefers_the_original_address():
    head = ("From: Internet Mail Delivery <postmaster@gw.example.net>\nTo: alice@example.net\n"
            "Subject: Delivery Notification: Delivery has failed")
    text = ("This report relates to a message you sent with the following header fields:\n\n"
            "  Message-id: <1@example.net>\n  To: bob@example.org\n\n"
            "Your message cannot be delivered to the following recipients:\n\n"
            "  Recipient address: bob@ims-ms-daemon\n  Original address: bob@example.org\n"
            "  Reason: recipient reached disk quota\n")
    (d,) = run(mime(head, [("text/plain", text), ("message/delivery-status", DSN.replace(
        "bob@example.org", "bob@ims-ms-daemon"))], boundary="Boundary_(ID_abc)"))
    assert (d.recipient, d.status, d.diagnostic, d.decoded_by) == (
        "bob@example.org", "5.1.1", "recipient reached disk quota", "messagingserver")


def test_pmdf_writes_the_error_under_the_addresses():
    head = "From: PMDF Mail Server <Postmaster@yogi.example.ch>\nTo: alice@example.net\nSubject: Delivery Notification"
    text = ("Your message cannot be delivered to the following recipients:\n\n"
            "  Recipient address: HAASM@yogi.example.ch\n  Original address: bob@example.ch\n"
            "%MAIL-E-OPENOUT, error opening !AS as output\n-SYSTEM-F-EXDISKQUOTA, disk quota exceeded\n\n")
    (d,) = run(mime(head, [("text/plain", text), ("message/delivery-status", DSN.replace(
        "bob@example.org", "HAASM@yogi.example.ch").replace("5.1.1", "5.0.0"))], boundary="Boundary_(ID_x)"))
    assert (d.recipient, d.decoded_by) == ("bob@example.ch", "messagingserver")
    assert d.diagnostic == "%MAIL-E-OPENOUT, error opening !AS as output -SYSTEM-F-EXDISKQUOTA, disk quota exceeded"


def test_powermta_bounce_category_names_the_reason():
    head = "From: postmaster@mta.example.net\nTo: alice@example.net\nSubject: Delivery report"
    text = ("Hello, this is the mail server on mta.example.net.\n\nI am sending you this message to inform you on "
            "the delivery status of a message you previously sent.\n")
    dsn = DSN + "Diagnostic-Code: smtp; 550 5.1.1 unknown user\nX-PowerMTA-BounceCategory: bad-mailbox\n"
    (d,) = run(mime(head, [("text/plain", text), ("message/delivery-status", dsn)]))
    assert (d.recipient, d.reason, d.decoded_by) == ("bob@example.org", "userunknown", "powermta")


def test_fml_refusal():
    head = ("From: list-admin@ml.example.jp\nTo: bob@example.org\nSubject: NOT MEMBER article from bob@example.org\n"
            "X-MLServer: fml [fml 4.0.3 release (20011202/4.0.3)]\nMessage-Id: <200403031000.FML12345.list@ml.example.jp>")
    body = "Ignored NOT MEMBER article from <bob@example.org>.\n\nOriginal mail as follows:\n\nTo: list@ml.example.jp\n"
    (d,) = run(plain(head, body))
    assert (d.recipient, d.reason, d.decoded_by) == ("bob@example.org", "rejected", "fml")


def test_x4_qmail_variant():
    head = "From: MAILER-DAEMON@gw.example.net\nTo: alice@example.net\nSubject: failure notice"
    body = ("Unfortunately, your mail was not delivered to the following address:\n\n<bob@example.org>:\n"
            "198.51.100.3 does not like recipient.\nRemote host said: 550 5.1.1 No such user\n"
            "Giving up on 198.51.100.3.\n\n--- Below this line is a copy of the message.\n\nTo: erin@example.com\n")
    (d,) = run(plain(head, body))
    assert (d.recipient, d.status, d.smtp_command, d.decoded_by) == ("bob@example.org", "5.1.1", "RCPT", "x4")


def test_x4_he_her_is_not_our_user():
    # the opening Sisimai::Lhost::X4 also knows: "He/Her is not <host> user"
    head = "From: MAILER-DAEMON@mx.example.co.kr\nTo: alice@example.net\nSubject: failure notice"
    body = ("He/Her is not mx.example.co.kr user\n\n<bob@example.co.kr>:\n"
            "Sorry, no mailbox here by that name. (#5.1.1)\n\n"
            "--- Below this line is a copy of the message.\n\nTo: bob@example.co.kr\n")
    (d,) = run(plain(head, body))
    assert (d.recipient, d.status, d.diagnostic, d.decoded_by) == (
        "bob@example.co.kr", "5.1.1", "Sorry, no mailbox here by that name. (#5.1.1)", "x4")


def test_groupwise():
    head = ("From: Mailer-Daemon@gw.example.net\nTo: alice@example.net\nSubject: Message status - undeliverable\n"
            "X-Mailer: Novell GroupWise Internet Agent 8.0.3")
    (d,) = run(plain(head, "The message that you sent was undeliverable to the following:\n"
                           "\tbob@example.org (user not found)\n\nPossible causes: the address is wrong.\n"))
    assert (d.recipient, d.diagnostic, d.decoded_by) == ("bob@example.org", "user not found", "groupwise")


def test_mdaemon_transcript():
    head = "From: MDaemon@gw.example.net\nTo: alice@example.net\nSubject: Permanent Delivery Failure"
    body = ("The attached message had PERMANENT fatal delivery errors!\n\nYOUR MESSAGE WAS NOT DELIVERED!\n\n"
            "The following addresses did NOT receive a copy of your message:\n\n> bob@example.org\n\n"
            "--- Session Transcript ---\n Mon 2024-03-04 10:00:01: Attempting SMTP connection to [198.51.100.4:25]\n"
            " Mon 2024-03-04 10:00:02: --> RCPT To:<bob@example.org>\n"
            " Mon 2024-03-04 10:00:02: <-- 550 5.1.1 No such user\n--- End Transcript ---\n")
    (d,) = run(plain(head, body))
    assert (d.recipient, d.status, d.reply_code, d.smtp_command) == ("bob@example.org", "5.1.1", "550", "RCPT")
    (d,) = run(plain(head.replace("Permanent Delivery Failure", "Warning: bob@example.org - User unknown!"),
                     "bob@example.org - no such user here.\n\nThere is no user by that name at this server.\n"))
    assert (d.recipient, d.diagnostic) == ("bob@example.org", "no such user here.")


def test_hmailserver():
    head = "From: mailer-daemon@gw.example.net\nTo: alice@example.net\nSubject: Message undeliverable: hello"
    body = ("Your message did not reach some or all of the intended recipients.\n\n   Sent: Mon, 04 Mar 2024\n"
            "   Subject: hello\n\nThe following recipient(s) could not be reached:\n\nbob@example.org\n"
            "   Error Type: SMTP\n   Remote server (198.51.100.5) issued an error.\n"
            "   hMailServer sent: RCPT TO:<bob@example.org>\n   Remote server replied: 550 5.1.1 User unknown\n\n"
            "hMailServer\n")
    (d,) = run(plain(head, body))
    assert (d.recipient, d.reply_code, d.smtp_command, d.remote_mta, d.diagnostic) == (
        "bob@example.org", "550", "RCPT", "198.51.100.5", "550 5.1.1 User unknown")


def test_kerio_and_icewarp_stamps():
    for stamp, name in (("(Kerio Connect 10.0.2)", "kerio"), ("(IceWarp 13.0.1.2 x64)", "icewarp")):
        head = (f"Received: from localhost by gw.example.net {stamp} with ESMTP id 1234\n"
                "From: Mail Delivery System <postmaster@gw.example.net>\nTo: alice@example.net\n"
                "Subject: Undeliverable: hello")
        text = "Your message could not be delivered to:\n\nbob@example.org: 550 5.1.1 User unknown\n"
        (d,) = run(mime(head, [("text/plain", text), ("message/delivery-status", DSN)]))
        assert (d.recipient, d.reply_code, d.decoded_by) == ("bob@example.org", "550", name)


def test_mailman_refusal_names_the_list():
    head = "From: announce-owner@lists.example.org\nTo: alice@example.net\nSubject: hello\nX-Mailman-Version: 2.1.39"
    body = ("You are not allowed to post to this mailing list, and your message has been\nautomatically rejected.  "
            "If you think that your messages are being rejected in\nerror, contact the mailing list owner at\n"
            "announce-owner@lists.example.org.\n")
    (d,) = run(mime(head, [("text/plain", body)]))
    assert (d.recipient, d.reason, d.action) == ("announce@lists.example.org", "rejected", "failed")
    held = "Your mail to 'announce' with the subject\n\n    hello\n\nIs being held until the list moderator can review it.\n"
    assert not [d for d in run(mime(head, [("text/plain", held)])) if d.decoded_by == "mailman"]


def test_a_dsn_without_diagnostic_takes_the_words_after_the_address_in_the_text():
    # CommuniGate Pro: the report part has no Diagnostic-Code, its text names the address
    head = "From: <MAILER-DAEMON@mx.example.net>\nTo: news@example.com\nSubject: Undeliverable mail: hi"
    text = ("Failed to deliver to '<fay@example.net>'\nLOCAL module(account fay) reports:\n"
            " account is full (quota exceeded)\n\n")
    report = ("Reporting-MTA: dns; mx.example.net\n\nOriginal-Recipient: rfc822;<fay@example.net>\n"
              "Final-Recipient: LOCAL;<fay>\nAction: failed\nStatus: 5.0.0\n")
    (d,) = run(mime(head, [("text/plain", text), ("message/delivery-status", report),
                           ("text/rfc822-headers", "To: Fay <fay@example.net>, tom@example.org\n")]))
    assert (d.recipient, d.decoded_by) == ("fay@example.net", "rfc3464")
    assert d.diagnostic == "LOCAL module(account fay) reports: account is full (quota exceeded)"


def test_an_smtp_reply_in_the_status_field_is_the_diagnostic():
    # "Status: 553 ..." instead of an enhanced code (Sisimai::RFC3464 reads it as the error)
    from .helpers import mime, run
    head = "From: postmaster@mx.example.net\nTo: alice@example.net\nSubject: Delivery Status Notification (Failure)"
    fields = ("Reporting-MTA: dns;mx.example.net\n\nFinal-Recipient: rfc822;bob@example.org\nAction: failed\n"
              "Status: 553 Exceeded maximum inbound message size\n")
    (d,) = run(mime(head, [("text/plain", "Delivery to the following recipients failed.\n"),
                           ("message/delivery-status", fields)]))
    assert (d.recipient, d.reply_code, d.diagnostic) == ("bob@example.org", "553", "553 Exceeded maximum inbound message size")


def test_groupwise_notes_around_the_reply():
    # a GWIA line can carry "(host: ...) (queue: ...) (delivery attempts: N)" before the reply
    head = ("From: postmaster@gw.example.net\nTo: alice@example.net\nSubject: Message status - undeliverable\n"
            "X-Mailer: GroupWise Internet Agent 18.3.1")
    (d,) = run(plain(head, "The message that you sent was undeliverable to the following:\n"
                           "\tbob@example.org (host: mx.example.org) (queue: smtp) (delivery attempts: 1) "
                           "(552 5.2.2 Mailbox full)\n\nPossible causes: the mailbox is full.\n"))
    assert (d.recipient, d.diagnostic, d.remote_mta, d.reply_code) == (
        "bob@example.org", "552 5.2.2 Mailbox full", "mx.example.org", "552")


def test_kerio_remote_server_replied():
    head = ("Received: from localhost by gw.example.net (Kerio Connect 10.0.2) with ESMTP id 1234\n"
            "From: Mail Delivery Subsystem <postmaster@gw.example.net>\nTo: alice@example.net\n"
            "Subject: Undelivered mail: hello")
    text = ("The following recipient(s) could not be reached:\n\n   bob@example.org\n      Error Type: SMTP\n"
            "      Remote server (192.0.2.25) issued an error.\n      hop count: 0\n"
            "      Remote server replied: 550 5.1.1 <bob@example.org>: User unknown\n")
    (d,) = run(mime(head, [("text/plain", text), ("message/delivery-status", DSN)]))
    assert (d.diagnostic, d.reply_code, d.decoded_by) == ("550 5.1.1 <bob@example.org>: User unknown", "550", "kerio")


def test_mailman2_bounce_action_notice_names_the_member():
    head = ("From: team-bounces@lists.example.org\nTo: team-owner@lists.example.org\n"
            "Subject: Bounce action notification\nX-Mailman-Version: 2.1.39")
    text = ("This is a Mailman mailing list bounce action notice:\n\n    List:       Team\n"
            "    Member:     bob@example.org\n    Action:     Subscription disabled.\n"
            "    Reason:     Excessive or fatal bounces.\n\nQuestions? Contact the Mailman site administrator at\n"
            "mailman@lists.example.org.\n")
    (d,) = run(plain(head, text))
    assert (d.recipient, d.decoded_by, d.action) == ("bob@example.org", "mailman", "failed")
    assert "Excessive or fatal bounces" in d.diagnostic


def test_mailman3_bounce_score_notice_names_the_member():
    head = ("From: team-bounces@lists.example.org\nTo: team-owner@lists.example.org\n"
            "Subject: Bob@example.org's subscription disabled on Team\nX-Mailman-Version: 3.3.9")
    text = ("Bob@example.org's subscription has been disabled on team@lists.example.org due to their bounce\n"
            "score exceeding the mailing list's bounce_score_threshold.\n")
    (d,) = run(plain(head, text))
    assert (d.recipient, d.decoded_by) == ("Bob@example.org", "mailman")


def test_sympa_and_listserv_refusals_name_the_list():
    sympa = plain("From: SYMPA <sympa@lists.example.org>\nTo: alice@example.net\n"
                  "Subject: Message distribution: Authorization denied\nAuto-Submitted: auto-replied",
                  'Your message for list "team" (attached below) was rejected.\n'
                  "You are not allowed to send this message for the following reason:\n\n"
                  "  You are not a subscriber of the list. Contact team-request@lists.example.org\n")
    (d,) = run(sympa)
    assert (d.recipient, d.reason, d.decoded_by) == ("team@lists.example.org", "rejected", "listserver")
    listserv = plain('From: "L-Soft list server" <LISTSERV@LISTS.EXAMPLE.ORG>\nTo: alice@example.net\n'
                     "Subject: Message (\"Your message dated Mon, 3 Jun 2024...\")",
                     "You are not authorized to send mail to the TEAM list from your\n"
                     "alice@example.net account.\n")
    (d,) = run(listserv)
    assert (d.recipient, d.reason) == ("team@lists.example.org", "rejected")
    held = sympa.replace(b"was rejected", b"has been forwarded to the moderators").replace(
        b"You are not allowed to send", b"They will decide whether to send")
    assert not [d for d in run(held) if d.decoded_by == "listserver"]
