from __future__ import annotations

from datetime import datetime

from bounceback.sources.logs import Clock, make_parser

LOG = """\
2026-11-28 09:14:01 1vQz1a-000AbC-0D <= news@example.com H=app.example.com [198.51.100.2] P=esmtp S=2048 id=nl-43@news.example.com for jane@example.org max@example.net ok@example.com
2026-11-28 09:14:02 1vQz1a-000AbC-0D ** jane@example.org F=<news@example.com> R=dnslookup T=remote_smtp H=mx.example.org [192.0.2.10]: SMTP error from remote mail server after RCPT TO:<jane@example.org>: 550 5.1.1 <jane@example.org>: Recipient address rejected: User unknown DT=0s
2026-11-28 09:14:02 1vQz1a-000AbC-0D == max@example.net R=dnslookup T=remote_smtp defer (-44) H=mx.example.net [192.0.2.20] DT=0s: SMTP error from remote mail server after RCPT TO:<max@example.net>: 452 4.2.2 Mailbox full
2026-11-28 09:14:02 1vQz1a-000AbC-0D => ok@example.com F=<news@example.com> R=dnslookup T=remote_smtp S=2100 H=mx.example.com [192.0.2.30] C="250 2.0.0 Ok: queued as 77" DT=0s
2026-11-28 09:14:02 1vQz1b-000AbD-1E <= <> R=1vQz1a-000AbC-0D U=Debian-exim P=local S=3000 for news@example.com
2026-11-28 09:14:02 1vQz1b-000AbD-1E => news <news@example.com> F=<> R=local_user T=maildir S=3100 DT=0s
2026-11-28 09:14:02 1vQz1b-000AbD-1E Completed
2026-11-28 09:15:00 +0100 [4242] 1vQz1c-000AbE-2F ** sam@example.biz F=<news@example.com> R=dnslookup T=remote_smtp H=mx.example.biz [192.0.2.50]: SMTP error from remote mail server after end of data: 550 5.7.1 Message rejected as spam DT=1s
2026-11-28 09:16:00 1vQz1d-000AbF-3G ** kim@exmaple.org: Unrouteable address
2026-11-28 09:17:00 1vQz1e-000AbG-4H ** lee@example.eu R=dnslookup T=remote_smtp: all hosts for 'example.eu' have been failing for a long time (and retry time not reached)
2026-11-28 10:14:05 1vQz1a-000AbC-0D ** max@example.net: retry timeout exceeded
2026-11-28 10:14:05 1vQz1a-000AbC-0D Completed
2026-11-28 10:20:00 H=(helo.example.ru) [203.0.113.99] F=<spammer@example.ru> rejected RCPT <nobody@example.com>: relay not permitted
2026-11-28 10:21:00 H=app.example.com [198.51.100.2] F=<news@example.com> rejected RCPT <kim@exmaple.org>: Unrouteable address
2026-11-28 10:22:00 exim 4.96 daemon started: pid=29430, -q1s, listening for SMTP on [127.0.0.1]:25
"""


def parse(own=()):
    p = make_parser("exim", own_senders=own, clock=Clock(datetime(2026, 12, 1).astimezone()))
    return [d for line in LOG.splitlines() for d in p.feed(line)], p


def test_flags_codes_and_join():
    records, p = parse()
    got = [(d.recipient, d.action, d.status, d.reply_code, d.smtp_command, d.reason) for d in records]
    assert got == [
        ("jane@example.org", "failed", "5.1.1", "550", "RCPT", ""),
        ("max@example.net", "delayed", "4.2.2", "452", "RCPT", ""),
        ("ok@example.com", "delivered", "2.0.0", "250", "", ""),
        ("sam@example.biz", "failed", "5.7.1", "550", "DATA", ""),
        ("kim@exmaple.org", "failed", "", "", "", ""),
        ("lee@example.eu", "failed", "", "", "", ""),
        ("max@example.net", "failed", "4.2.2", "452", "RCPT", "expired"),
    ]
    jane = records[0]
    assert jane.diagnostic == "550 5.1.1 <jane@example.org>: Recipient address rejected: User unknown"
    assert jane.remote_mta == "mx.example.org" and jane.decoded_by == "exim-log"
    assert jane.original.message_id == "nl-43@news.example.com" and jane.original.sender == "news@example.com"
    assert jane.date == datetime(2026, 11, 28, 9, 14, 2).astimezone()
    assert records[3].date.isoformat() == "2026-11-28T09:15:00+01:00"
    assert records[3].diagnostic == "550 5.7.1 Message rejected as spam"
    assert records[4].diagnostic == "Unrouteable address"
    assert records[5].diagnostic.startswith("all hosts for 'example.eu' have been failing")
    assert records[-1].diagnostic == "452 4.2.2 Mailbox full: retry timeout exceeded"
    assert len(p.queue) == 2  # completed messages left the table; the bounce's delivery was skipped


def test_inbound_rejections_count_only_for_own_senders():
    records, _ = parse()
    assert not any(d.recipient in ("nobody@example.com",) for d in records)
    records, _ = parse(own=("news@example.com",))
    rej = [d for d in records if d.smtp_command == "RCPT" and d.reply_code == "550" and d.recipient == "kim@exmaple.org"]
    assert len(rej) == 1 and rej[0].diagnostic == "Unrouteable address" and rej[0].original.sender == "news@example.com"
    assert not any(d.recipient == "nobody@example.com" for d in records)


def test_syslog_written_exim_lines():
    p = make_parser("exim", clock=Clock(datetime(2026, 12, 1).astimezone()))
    (d,) = p.feed("Nov 28 09:14:02 mx2 exim[123]: 1vQz1a-000AbC-0D ** a@example.org R=r T=t H=mx.example.org "
                  "[192.0.2.1]: SMTP error from remote mail server after MAIL FROM:<n@example.com> SIZE=100: "
                  "550 5.7.1 Sender rejected")
    assert (d.recipient, d.smtp_command, d.reply_code, d.reporting_mta) == ("a@example.org", "MAIL", "550", "mx2")
    assert d.date.year == 2026
