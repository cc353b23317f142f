from __future__ import annotations

from .helpers import plain, run

HEAD = """Received: (qmail 4242 invoked for bounce); 3 Mar 2024 10:00:00 -0000
Date: 3 Mar 2024 10:00:00 -0000
From: MAILER-DAEMON@mail.example.net
To: alice@example.net
Subject: failure notice"""

BODY = """Hi. This is the qmail-send program at mail.example.net.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<bob@example.org>:
198.51.100.7 does not like recipient.
Remote host said: 550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown
Giving up on 198.51.100.7.

<carol@example.com>:
Sorry, I couldn't find any host named example.com. (#5.1.2)

<dave@example.com>:
198.51.100.9 failed after I sent the message.
Remote host said: 554-5.7.1 Message rejected
554 5.7.1 as spam

--- Below this line is a copy of the message.

Return-Path: <alice@example.net>
To: erin@example.com
Subject: hi
"""


def test_qmail_failure_notice():
    found = {d.recipient: d for d in run(plain(HEAD, BODY))}
    assert list(found) == ["bob@example.org", "carol@example.com", "dave@example.com"]
    bob = found["bob@example.org"]
    assert (bob.status, bob.reply_code, bob.smtp_command, bob.remote_mta) == ("5.1.1", "550", "RCPT", "198.51.100.7")
    assert bob.diagnostic == "550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown"
    assert found["carol@example.com"].status == "5.1.2"
    dave = found["dave@example.com"]
    assert (dave.smtp_command, dave.reply_code, dave.remote_mta) == ("DATA", "554", "198.51.100.9")
    assert dave.diagnostic == "554-5.7.1 Message rejected 554 5.7.1 as spam"


def test_the_refused_stage_decides_a_reply_without_a_known_phrase():
    from bounceback import parse

    body = """Hi. This is the qmail-send program at mail.example.net.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<bob@example.org>:
Connected to 198.51.100.7 but sender was rejected.
Remote host said: 553 sorry, not allowed here (#5.7.1)

<carol@example.com>:
Connected to 198.51.100.8 but my name was rejected.
Remote host said: 550 not here

--- Below this line is a copy of the message.

Return-Path: <alice@example.net>
"""
    found = {b.recipient: b for b in parse(plain(HEAD, body))}
    assert (found["bob@example.org"].smtp_command, found["bob@example.org"].reason) == ("MAIL", "rejected")
    assert (found["carol@example.com"].smtp_command, found["carol@example.com"].reason) == ("EHLO", "blocked")


def test_qmail_locals_unable_to_is_a_system_error_whatever_its_code():
    """qmail-local.c "Unable to chdir to maildir. (#4.2.1)": the delivery failed locally (Sisimai::Lhost::qmail)."""
    from bounceback import parse

    too_long = "I'm not going to try again; this message has been in the queue too long."
    body = f"""Hi. This is the qmail-send program at mail.example.net.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<bob@example.org>:
Unable to chdir to maildir. (#4.2.1)
{too_long}

<carol@example.org>:
Unable to forward message: qq temporary problem (#4.3.0)
{too_long}

<dave@example.org>:
Unable to write new message: disk quota exceeded. (#4.3.0)
{too_long}

--- Below this line is a copy of the message.

Return-Path: <alice@example.net>
"""
    found = {b.recipient: b.reason for b in parse(plain(HEAD, body))}
    assert found == {"bob@example.org": "systemerror", "carol@example.org": "systemerror",
                     "dave@example.org": "mailboxfull"}  # a precise word in it still decides
