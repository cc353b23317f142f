from __future__ import annotations

from .helpers import plain, run

HEAD = """From: Mail Delivery Subsystem <MAILER-DAEMON@gw.example.net>
To: alice@example.net
Subject: Returned mail: User unknown"""

BODY = """   ----- Transcript of session follows -----
While talking to mx.example.org:
>>> RCPT To:<bob@example.org>
<<< 550 <bob@example.org>... No such mailbox
550 <bob@example.org>... User unknown
550 example.com (smtp)... 550 Host unknown
554 <carol@example.com>... 550 Host unknown (Authoritative answer from name server)

   ----- Unsent message follows -----
To: erin@example.com
Subject: hi
"""


def test_v5sendmail_transcript():
    found = run(plain(HEAD, BODY))
    assert [(d.recipient, d.reply_code, d.smtp_command, d.remote_mta) for d in found] == [
        ("bob@example.org", "550", "RCPT", "mx.example.org"), ("carol@example.com", "550", "", "")]
    assert found[0].diagnostic == "550 <bob@example.org>... No such mailbox (User unknown)"
    assert found[1].diagnostic.startswith("550 Host unknown")


def test_sendmail8_subject_is_not_v5():
    found = run(plain(HEAD.replace("User unknown", "see transcript for details"), BODY))
    assert all(d.decoded_by != "v5sendmail" for d in found)


def test_a_reply_before_anything_was_sent_is_the_greeting():
    from bounceback import parse
    body = ("   ----- Transcript of session follows -----\n... while talking to mx.example.org:\n"
            "<<< 554 mx.example.org access denied\n554 <bob@example.org>... Service unavailable\n\n"
            "   ----- Unsent message follows -----\nSubject: hi\n")
    raw = plain(HEAD.replace("User unknown", "Service unavailable"), body)
    (d,) = run(raw)
    assert (d.recipient, d.smtp_command, d.reply_code) == ("bob@example.org", "CONN", "554")
    (b,) = parse(raw)
    assert b.reason == "blocked"


def test_cannot_send_message_for_days_is_the_queue_timeout():
    # Sendmail's dropenvelope(): "Cannot send message for 5 days" when the queue lifetime ran out
    from bounceback import parse
    body = ("   ----- Transcript of session follows -----\n"
            "421 example.org (smtp)... Deferred: Connection timed out during user open with mx.example.org\n"
            "554 <bob@example.org>... Cannot send message for 5 days\n\n   ----- Unsent message follows -----\n")
    (b,) = parse(plain(HEAD.replace("User unknown", "Cannot send message for 5 days"), body))
    assert (b.recipient, b.reason, b.hard_bounce) == ("bob@example.org", "expired", False)
