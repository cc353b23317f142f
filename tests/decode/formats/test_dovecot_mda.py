"""Local delivery agents' own lines in a DSN, and Dovecot's rejection notice (Sisimai::MDA)."""

from __future__ import annotations

import pytest

from bounceback.classify import classify
from bounceback.decode import decode

from .helpers import mime, run

HEAD = ("From: MAILER-DAEMON@mx.example.net\nTo: alice@example.net\n"
        "Subject: Delivery Status Notification (Failure)")
FIELDS = "Reporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; bob@example.org\nAction: failed\nStatus: 5.0.0\n"


@pytest.mark.parametrize(("line", "want"), [
    ("mail.local: Invalid mailbox path /var/mail/bob", "userunknown"),
    ("maildrop: Cannot find system user", "userunknown"),
    ("vdeliver: Delivery failed due to system quota violation", "mailboxfull"),
    ("procmail: No space left to finish writing \"/var/mail/bob\"", "systemfull"),
    ("Your message to <bob@example.org> was automatically rejected:\nMailbox doesn't exist: bob", "userunknown"),
])
def test_a_local_agents_line_in_the_text_is_the_diagnostic(line, want):
    text = f"Your message could not be delivered to the following recipients.\n\n{line}\n"
    (d,) = run(mime(HEAD, [("text/plain", text), ("message/delivery-status", FIELDS)]))
    assert (d.recipient, d.decoded_by) == ("bob@example.org", "rfc3464")
    assert d.diagnostic.startswith(line.split("\n")[0])
    assert classify(d).reason == want


DOVECOT_HEAD = ("From: Mail Delivery Subsystem <postmaster@mx.example.net>\nTo: <alice@example.net>\n"
                "Subject: Rejected: hello\nAuto-Submitted: auto-replied (rejected)\nPrecedence: bulk\n"
                "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=disposition-notification;"
                " boundary=\"b1\"\n\n")


def _dovecot(reason: str, disposition: str = "deleted") -> bytes:
    return (DOVECOT_HEAD + "--b1\nContent-Type: text/plain; charset=utf-8\n\n"
            f"Your message to <bob@example.org> was automatically rejected:\n{reason}\n\n"
            "--b1\nContent-Type: message/disposition-notification\n\n"
            "Reporting-UA: mx.example.net; Dovecot Mail Delivery Agent\nFinal-Recipient: rfc822; bob@example.org\n"
            "Original-Message-ID: <m1@example.net>\n"
            f"Disposition: automatic-action/MDN-sent-automatically; {disposition}\n\n"
            "--b1\nContent-Type: message/rfc822\n\nFrom: alice@example.net\nTo: bob@example.org\nSubject: hello\n\nhi\n"
            "--b1--\n").encode()


@pytest.mark.parametrize(("reason", "want"), [
    ("Quota exceeded (mailbox for user is full)", "mailboxfull"),
    ("Not enough disk space", "mailboxfull"),
    ("Mailbox doesn't exist: bob", "userunknown"),
])
def test_dovecot_rejection_is_a_failed_delivery(reason, want):
    (d,) = run(_dovecot(reason))
    assert (d.recipient, d.action, d.decoded_by, d.reporting_mta) == ("bob@example.org", "failed", "dovecot",
                                                                     "mx.example.net")
    assert classify(d).reason == want


def test_a_read_receipt_is_still_no_bounce():
    assert decode(_dovecot("Quota exceeded", disposition="displayed")) == []
