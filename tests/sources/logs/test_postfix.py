from __future__ import annotations

from datetime import datetime

from bounceback.sources.logs import Clock, make_parser

REF = datetime(2026, 11, 30, 12, 0).astimezone()

LOG = """\
Nov 28 09:14:01 out postfix/smtpd[2101]: 4B1C2D3E4F: client=app.example.com[198.51.100.2]
Nov 28 09:14:01 out postfix/cleanup[2102]: 4B1C2D3E4F: message-id=<nl-42@news.example.com>
Nov 28 09:14:01 out postfix/qmgr[900]: 4B1C2D3E4F: from=<news@example.com>, size=2048, nrcpt=3 (queue active)
Nov 28 09:14:02 out postfix/smtp[2103]: 4B1C2D3E4F: to=<Jane@Example.ORG>, orig_to=<jane@example.org>, relay=mx.example.org[192.0.2.10]:25, delay=1, delays=0.1/0/0.5/0.4, dsn=5.1.1, status=bounced (host mx.example.org[192.0.2.10] said: 550 5.1.1 <Jane@example.org>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))
Nov 28 09:14:02 out postfix/smtp[2103]: 4B1C2D3E4F: to=<max@example.net>, relay=mx.example.net[192.0.2.20]:25, delay=1, delays=0.1/0/0.5/0.4, dsn=4.2.2, status=deferred (host mx.example.net[192.0.2.20] said: 452 4.2.2 <max@example.net>: Mailbox full (in reply to RCPT TO command))
Nov 28 09:14:02 out postfix/smtp[2104]: 4B1C2D3E4F: to=<ok@example.com>, relay=mx.example.com[192.0.2.30]:25, delay=0.9, delays=0.1/0/0.4/0.4, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 9Z8Y)
Nov 28 09:14:02 out postfix/bounce[2105]: 4B1C2D3E4F: sender non-delivery notification: 5C6D7E8F90
Nov 28 09:14:02 out postfix/qmgr[900]: 5C6D7E8F90: from=<>, size=3001, nrcpt=1 (queue active)
Nov 28 09:14:02 out postfix/local[2106]: 5C6D7E8F90: to=<news@example.com>, relay=local, delay=0.01, delays=0/0/0/0, dsn=2.0.0, status=sent (delivered to mailbox)
Nov 28 09:14:02 out postfix/qmgr[900]: 5C6D7E8F90: removed
Nov 28 09:20:00 out postfix/smtp[2107]: 6A6B6C6D6E: to=<pat@example.info>, relay=none, delay=30, delays=0/0/30/0, dsn=4.4.1, status=deferred (connect to mx.example.info[192.0.2.40]:25: Connection timed out)
Nov 28 09:21:00 out postfix/smtp[2108]: 7A7B7C7D7E: to=<sam@example.biz>, relay=mx.example.biz[192.0.2.50]:25, delay=1, delays=0/0/0.5/0.5, dsn=5.7.1, status=bounced (host mx.example.biz[192.0.2.50] said: 550 5.7.1 Message rejected as spam (in reply to end of DATA command))
Nov 28 09:22:00 out postfix/smtp[2109]: 8A8B8C8D8E: to=<lee@example.eu>, relay=mx.example.eu[192.0.2.60]:25, delay=1, delays=0/0/0.5/0.5, dsn=5.0.0, status=bounced (host mx.example.eu[192.0.2.60] refused to talk to me: 554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.org)
Nov 28 10:14:05 out postfix/qmgr[900]: 4B1C2D3E4F: from=<news@example.com>, status=expired, returned to sender
Nov 28 10:14:05 out postfix/qmgr[900]: 4B1C2D3E4F: removed
Nov 28 10:30:00 out postfix/smtpd[2110]: NOQUEUE: reject: RCPT from unknown[203.0.113.99]: 550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown in local recipient table; from=<spammer@example.ru> to=<nobody@example.com> proto=ESMTP helo=<x>
Nov 28 10:31:00 out postfix/smtpd[2111]: NOQUEUE: reject: RCPT from app.example.com[198.51.100.2]: 450 4.1.2 <kim@exmaple.org>: Recipient address rejected: Domain not found; from=<news@example.com> to=<kim@exmaple.org> proto=ESMTP helo=<app.example.com>
Nov 28 10:32:00 out postfix/master[900]: warning: process /usr/lib/postfix/sbin/smtpd pid 2111 exit status 1
garbage line without structure
"""


def parse(own=()):
    p = make_parser("postfix", own_senders=own, clock=Clock(REF))
    return [d for line in LOG.splitlines() for d in p.feed(line)], p


def test_outcomes_codes_and_join():
    records, _ = parse()
    got = [(d.recipient, d.action, d.status, d.reply_code, d.smtp_command, d.reason) for d in records]
    assert got == [
        ("Jane@example.org", "failed", "5.1.1", "550", "RCPT", ""),
        ("max@example.net", "delayed", "4.2.2", "452", "RCPT", ""),
        ("ok@example.com", "delivered", "2.0.0", "250", "", ""),
        ("pat@example.info", "delayed", "4.4.1", "", "", ""),
        ("sam@example.biz", "failed", "5.7.1", "550", "DATA", ""),
        ("lee@example.eu", "failed", "5.7.1", "554", "CONN", ""),  # dsn=5.0.0, the reply says 5.7.1
        ("max@example.net", "failed", "4.2.2", "452", "RCPT", "expired"),
    ]
    jane = records[0]
    assert jane.diagnostic == ("550 5.1.1 <Jane@example.org>: Recipient address rejected: "
                               "User unknown in virtual mailbox table")
    assert jane.diagnostic_type == "SMTP" and jane.remote_mta == "mx.example.org" and jane.reporting_mta == "out"
    assert jane.original.message_id == "nl-42@news.example.com" and jane.original.sender == "news@example.com"
    assert jane.original_recipient == "jane@example.org"
    assert jane.date == datetime(2026, 11, 28, 9, 14, 2).astimezone()
    assert jane.decoded_by == "postfix-log"
    assert records[3].diagnostic.startswith("connect to mx.example.info") and records[3].diagnostic_type == "X-Postfix"
    # the expiry carries the last deferral's words and the joined message
    assert records[-1].diagnostic == "452 4.2.2 <max@example.net>: Mailbox full"
    assert records[-1].original.message_id == "nl-42@news.example.com"


def test_null_sender_notices_and_inbound_rejections_are_not_events():
    records, p = parse()
    assert "news@example.com" not in [d.recipient for d in records]
    assert not any("nobody" in d.recipient or "kim" in d.recipient for d in records)
    assert len(p.queue) == 1  # removed messages left the table; only the deferred one is pending


def test_rejections_of_own_senders_count():
    records, _ = parse(own=("@example.com",))
    kim = [d for d in records if d.recipient == "kim@exmaple.org"]
    assert len(kim) == 1
    assert (kim[0].action, kim[0].reply_code, kim[0].status, kim[0].smtp_command) == ("delayed", "450", "4.1.2", "RCPT")
    assert kim[0].diagnostic.endswith("Recipient address rejected: Domain not found")
    assert not any(d.recipient == "nobody@example.com" for d in records)  # spammer@example.ru is not ours


def test_classified_like_a_decoded_bounce():
    from bounceback.classify import classify

    records, _ = parse()
    reasons = {d.recipient: classify(d).reason for d in records if d.action == "failed"}
    assert reasons["Jane@example.org"] == "userunknown"
    assert reasons["lee@example.eu"] == "blocked"
    assert classify(records[2]).reason == "delivered"


def test_queue_table_is_bounded():
    p = make_parser("postfix", clock=Clock(REF))
    p.queue._cap = 100
    for i in range(5000):
        p.feed(f"Nov 28 09:14:01 out postfix/cleanup[1]: {0xA0000 + i:X}: message-id=<{i}@x>")
    assert len(p.queue) == 100


def test_year_inference_and_iso_stamps():
    clock = Clock(datetime(2027, 1, 2, 8, 0).astimezone())
    assert clock.syslog("Dec 31 23:59:59").year == 2026
    assert clock.syslog("Jan  2 07:00:00").year == 2027
    assert clock.syslog("Jan  3 07:00:00").year == 2027  # a day of clock skew is tolerated
    assert clock.syslog("Feb 29 10:00:00") is None or clock.syslog("Feb 29 10:00:00").year == 2024
    p = make_parser("postfix", clock=clock)
    line = ("2026-11-28T09:14:02.123456+01:00 out postfix/smtp[1]: AB12CD: to=<a@example.org>, relay=none, "
            "delay=1, delays=0/0/1/0, dsn=4.4.1, status=deferred (connect to x[192.0.2.1]:25: Connection refused)")
    (d,) = p.feed(line)
    assert d.date.isoformat() == "2026-11-28T09:14:02.123456+01:00" and d.reporting_mta == "out"


def test_state_round_trip_keeps_the_join():
    _, p = parse()
    q = make_parser("postfix", clock=Clock(REF))
    q.restore(p.state())
    (d,) = q.feed("Nov 28 09:30:00 out postfix/smtp[1]: 6A6B6C6D6E: to=<pat@example.info>, relay=none, delay=1, "
                  "delays=0/0/1/0, dsn=4.4.1, status=deferred (connect to mx[192.0.2.40]:25: Connection timed out)")
    assert d.action == "delayed"
    (e,) = q.feed("Nov 28 10:30:00 out postfix/qmgr[900]: 6A6B6C6D6E: from=<x@example.com>, status=expired, "
                  "returned to sender")
    assert e.recipient == "pat@example.info" and e.reason == "expired"


def test_command_from_a_lost_connection():
    p = make_parser("postfix", clock=Clock(REF))
    (d,) = p.feed("Nov 28 09:14:02 out postfix/smtp[1]: ABCDEF12: to=<a@example.org>, relay=mx.example.org[192.0.2.1]:25,"
                  " delay=1, delays=0/0/0/1, dsn=4.4.2, status=deferred (lost connection with "
                  "mx.example.org[192.0.2.1] while sending RCPT TO)")
    assert (d.action, d.smtp_command, d.status, d.reply_code) == ("delayed", "RCPT", "4.4.2", "")


def test_a_generic_dsn_gives_way_to_the_reply_s_own_code():
    p = make_parser("postfix", clock=Clock(REF))
    (d,) = p.feed("Nov 28 09:14:02 out postfix/smtp[1]: ABCDEF13: to=<a@example.org>, relay=mx.example.org[192.0.2.1]:25,"
                  " delay=1, delays=0/0/0/1, dsn=5.0.0, status=bounced (host mx.example.org[192.0.2.1] said: "
                  "550-5.1.1 The email account that you tried to reach does not exist. 550 5.1.1 Try again "
                  "(in reply to RCPT TO command))")
    assert (d.status, d.reply_code, d.smtp_command) == ("5.1.1", "550", "RCPT")
