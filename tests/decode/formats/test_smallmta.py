"""Active!hunter, Apache James, Domino, Notes, 1&1, MailMarshal."""

from __future__ import annotations

from .helpers import mime, plain, run


def test_activehunter():
    head = ('From: "MAILER-DAEMON" <MAILER-DAEMON@gw.example.net>\nTo: alice@example.net\n'
            "Subject: FAILURE NOTICE : hello\nX-AHMailID: 20240304T100000+0900-0001-0000D0-AAA-FF")
    text = ("The original message was received at Mon, 4 Mar 2024 10:00:00 +0900\nfrom example.net\n\n"
            "  ----- The following addresses had permanent fatal errors -----\n\n>>> bob@example.org <bob@example.org>\n\n"
            "  ----- Transcript of session follows -----\n550 sorry, no mailbox here by that name (#5.1.1 - chkusr)\n")
    (d,) = run(mime(head, [("text/plain", text)]))
    assert (d.recipient, d.status, d.reply_code, d.decoded_by) == ("bob@example.org", "5.1.1", "550", "activehunter")


def test_apachejames():
    head = ("From: postmaster@gw.example.net\nTo: alice@example.net\nSubject: [BOUNCE]\n"
            "Message-ID: <1234.5678.1700000000000.JavaMail.james@gw.example.net>")
    body = ("Error: Invalid user address\n\nError message below:\n550 - Requested action not taken: no such user here\n\n"
            "Message details:\n  Subject: hello\n  MAIL FROM: alice@example.net\n  RCPT TO: bob@example.org\n"
            "  From: alice@example.net\n")
    (d,) = run(plain(head, body))
    assert (d.recipient, d.reply_code, d.diagnostic) == (
        "bob@example.org", "550", "550 - Requested action not taken: no such user here")


def test_domino_text_names_the_recipient():
    head = "From: Postmaster@gw.example.net\nTo: alice@example.net\nSubject: DELIVERY FAILURE: User bob not listed"
    text = ("Your message\n\n  Subject: hello\n\nwas not delivered to:\n\n  bob@example.org\n\nbecause:\n\n"
            "  User bob (bob@example.org) not listed in Domino Directory\n")
    dsn = ("Reporting-MTA: dns;gw.example.net\n\nFinal-Recipient: rfc822;bob@mail.example.org\nAction: failed\n"
           "Status: 5.0.0\nDiagnostic-Code: X-Notes; User bob (bob@example.org) not listed in Domino Directory\n")
    (d,) = run(mime(head, [("text/plain", text), ("message/delivery-status", dsn)]))
    assert (d.recipient, d.status, d.diagnostic) == (
        "bob@example.org", "5.0.0", "User bob (bob@example.org) not listed in Domino Directory")


def test_notes_reason_precedes_address():
    head = "From: postmaster@gw.example.net\nTo: alice@example.net\nSubject: Undeliverable message"
    body = ("------- Failure Reasons  --------\n\nUser not listed in public Name & Address Book\nbob@example.org\n\n"
            "------- Returned Message --------\nTo: erin@example.com\n")
    (d,) = run(plain(head, body))
    assert (d.recipient, d.diagnostic) == ("bob@example.org", "User not listed in public Name & Address Book")


def test_einsundeins():
    head = ('From: "Mail Delivery System" <mailer-daemon@kundenserver.example>\nTo: alice@example.net\n'
            "Subject: Mail delivery failed: returning message to sender")
    body = ("This message was created automatically by mail delivery software.\n\nA message that you sent could not "
            "be delivered to one or more of\nits recipients. This is a permanent error.\n\nThe following address "
            "failed:\n\nbob@example.org\n\nFor the following reason:\n\nMail size limit exceeded. For explanation "
            "visit\nhttp://postmaster.example/en/error-messages\n\n"
            "--- The header of the original message is following. ---\n\nTo: erin@example.com\n")
    (d,) = run(plain(head, body))
    assert (d.recipient, d.decoded_by) == ("bob@example.org", "einsundeins")
    assert d.diagnostic.startswith("Mail size limit exceeded.")


def test_mailmarshal():
    head = 'From: postmaster@gw.example.net\nTo: alice@example.net\nSubject: Undeliverable Mail: "hello"'
    body = ("Your message:\n   From:    alice@example.net\n   Subject: hello\n\nCould not be delivered because of\n\n"
            "550 5.1.1 User unknown\n\nThe following recipients were affected: \n    bob@example.org\n\n\n"
            "Additional Information\n======================\nOriginal Sender:    <alice@example.net>\n"
            "Remote-MTA:         <198.51.100.2>\n")
    (d,) = run(plain(head, body))
    assert (d.recipient, d.status, d.reply_code, d.remote_mta) == ("bob@example.org", "5.1.1", "550", "198.51.100.2")
