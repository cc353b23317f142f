from __future__ import annotations

from datetime import datetime

from bounceback.sources.logs import Clock, make_parser

LOG = """\
Nov 28 09:14:01 gw sm-mta[3101]: 5ASM9E1a003101: from=<news@example.com>, size=2048, class=0, nrcpts=3, msgid=<nl-44@news.example.com>, proto=ESMTP, daemon=MTA, relay=app.example.com [198.51.100.2]
Nov 28 09:14:02 gw sm-mta[3102]: 5ASM9E1a003101: to=<jane@example.org>,<joe@example.org>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=120594, relay=mx.example.org. [192.0.2.10], dsn=5.1.1, stat=User unknown
Nov 28 09:14:02 gw sm-mta[3102]: 5ASM9E1a003101: to=<max@example.net>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=120594, relay=mx.example.net. [192.0.2.20], dsn=4.2.2, stat=Deferred: 452 4.2.2 Mailbox full
Nov 28 09:14:02 gw sm-mta[3102]: 5ASM9E1a003101: to=<ok@example.com>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=120594, relay=mx.example.com. [192.0.2.30], dsn=2.0.0, stat=Sent (Ok: queued as 9Z8Y)
Nov 28 09:14:02 gw sm-mta[3102]: 5ASM9E1a003101: 5ASM9E1b003102: DSN: User unknown
Nov 28 09:14:02 gw sm-mta[3102]: 5ASM9E1b003102: from=<>, size=3000, class=0, nrcpts=1, msgid=<x@gw>, proto=local
Nov 28 09:14:02 gw sm-mta[3102]: 5ASM9E1b003102: to=<news@example.com>, delay=00:00:00, mailer=local, pri=30000, dsn=2.0.0, stat=Sent
Nov 28 09:15:00 gw sm-mta[3103]: 5ASM9F1c003103: to=<sam@example.biz>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=120594, relay=mx.example.biz. [192.0.2.50], reply=554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.org, dsn=5.7.1, stat=Service unavailable
Dec  3 09:14:05 gw sm-mta[3104]: 5ASM9E1a003101: 5ASM9E1d003104: DSN: Cannot send message for 5 days
"""


def test_sendmail_lines():
    p = make_parser("sendmail", clock=Clock(datetime(2026, 12, 5).astimezone()))
    records = [d for line in LOG.splitlines() for d in p.feed(line)]
    got = [(d.recipient, d.action, d.status, d.reply_code, d.reason) for d in records]
    assert got == [
        ("jane@example.org", "failed", "5.1.1", "", ""),
        ("joe@example.org", "failed", "5.1.1", "", ""),
        ("max@example.net", "delayed", "4.2.2", "452", ""),
        ("ok@example.com", "delivered", "2.0.0", "", ""),
        ("sam@example.biz", "failed", "5.7.1", "554", ""),
        ("max@example.net", "failed", "4.2.2", "452", "expired"),
    ]
    assert records[0].diagnostic == "User unknown" and records[0].remote_mta == "mx.example.org"
    assert records[0].original.message_id == "nl-44@news.example.com"
    assert records[2].diagnostic == "452 4.2.2 Mailbox full"
    assert records[4].diagnostic.endswith("blocked using zen.spamhaus.org")
    assert records[-1].diagnostic == "452 4.2.2 Mailbox full; Cannot send message for 5 days"
    assert records[-1].date.month == 12 and records[0].decoded_by == "sendmail-log"
