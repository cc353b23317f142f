"""A demo database: a month of a newsletter's bounces, written as real bounce messages and ingested.

Nothing is inserted behind the pipeline's back: the messages are RFC 3464
delivery status notifications and RFC 5965 feedback reports that go through
decode, classify, the store and the policy like any others. The mix is what a
list of a few thousand addresses sees: dead addresses, full mailboxes that come
back, a blocklisting at one provider, a DMARC failure at another, complaints.
"""

from __future__ import annotations

import random
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

SEED = 20261102
DOMAINS = ("gmail.com", "outlook.com", "yahoo.com", "web.de", "orange.fr", "icloud.com", "example.org",
           "fastmail.com", "gmx.net", "proton.me")
FIRST = ("anna", "ben", "carla", "dmitri", "emma", "farid", "grace", "hugo", "ines", "jon", "kim", "lena",
         "marco", "nora", "omar", "paula", "quinn", "rosa", "sam", "tara", "umar", "vera", "will", "xenia", "yuki")
LAST = ("meyer", "smith", "rossi", "dupont", "kowalski", "silva", "jensen", "novak", "garcia", "berg")


@dataclass(frozen=True, slots=True)
class Kind:
    status: str
    diagnostic: str
    action: str = "failed"


USER_UNKNOWN = Kind("5.1.1", "550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown in virtual mailbox table")
NO_SUCH_DOMAIN = Kind("5.1.2", "550 5.1.2 Host or domain name not found. Name service error for name={domain}")
MAILBOX_FULL = Kind("4.2.2", "452 4.2.2 <{rcpt}>: Mailbox full, quota exceeded")
DISABLED = Kind("5.2.1", "550 5.2.1 The email account that you tried to reach is disabled")
SYSTEM = Kind("4.3.0", "451 4.3.0 Temporary system problem, please try again later")
BLOCKED = Kind("5.7.1", "554 5.7.1 Service unavailable; Client host [192.0.2.44] blocked using zen.spamhaus.org")
DMARC = Kind("5.7.26", "550 5.7.26 Unauthenticated email from news.example.com is not accepted due to domain's "
                       "DMARC policy. Please contact the administrator of news.example.com domain")
TOO_BIG = Kind("5.3.4", "552 5.3.4 Message size exceeds fixed limit")
SPAM = Kind("5.7.1", "550 5.7.1 Message rejected as spam by Content Filtering")


def _dsn(rcpt: str, when: datetime, kind: Kind, n: int) -> bytes:
    domain = rcpt.rpartition("@")[2]
    diag = kind.diagnostic.format(rcpt=rcpt, domain=domain)
    date = format_datetime(when)
    boundary = f"demo-{n:06d}"
    return f"""Return-Path: <>
Date: {date}
From: MAILER-DAEMON@mx1.news.example.com (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: bounces@news.example.com
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="{boundary}"
Message-Id: <demo.{n}@mx1.news.example.com>

--{boundary}
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx1.news.example.com.

<{rcpt}>: host mx.{domain}[198.51.100.25] said: {diag} (in reply to RCPT TO command)

--{boundary}
Content-Type: message/delivery-status

Reporting-MTA: dns; mx1.news.example.com
Arrival-Date: {date}

Final-Recipient: rfc822; {rcpt}
Action: {kind.action}
Status: {kind.status}
Remote-MTA: dns; mx.{domain}
Diagnostic-Code: smtp; {diag}

--{boundary}
Content-Type: text/rfc822-headers

From: Example News <news@news.example.com>
To: {rcpt}
Subject: Example News, {when:%B %-d}
Message-ID: <{n}.{when:%Y%m%d}@news.example.com>
X-Campaign-Id: news-{when:%Y-%m-%d}
Date: {date}

--{boundary}--
""".encode()


def _complaint(rcpt: str, when: datetime, n: int) -> bytes:
    date = format_datetime(when)
    return f"""From: <staff@feedback.example-isp.net>
Date: {date}
Subject: FW: Example News
To: <abuse@news.example.com>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report; boundary="fbl-{n}"

--fbl-{n}
Content-Type: text/plain

This is an email abuse report for a message received from 192.0.2.44.

--fbl-{n}
Content-Type: message/feedback-report

Feedback-Type: abuse
User-Agent: ExampleFBL/1.0
Version: 1
Original-Rcpt-To: <{rcpt}>
Arrival-Date: {date}
Source-IP: 192.0.2.44

--fbl-{n}
Content-Type: text/rfc822-headers

From: Example News <news@news.example.com>
To: {rcpt}
Subject: Example News
Message-ID: <{n}.fbl@news.example.com>

--fbl-{n}--
""".encode()


def messages(now: datetime, days: int = 30, seed: int = SEED) -> list[bytes]:
    """The demo's bounce messages, for sends every few days over ``days`` days before ``now``."""
    rnd = random.Random(seed)
    people = [f"{rnd.choice(FIRST)}.{rnd.choice(LAST)}{rnd.randint(1, 99)}@{rnd.choice(DOMAINS)}"
              for _ in range(900)]
    dead = rnd.sample(people, 140)
    full = [p for p in rnd.sample(people, 60) if p not in dead]
    out: list[bytes] = []
    n = 0
    start = now - timedelta(days=days)
    sends = [start + timedelta(days=d, hours=9) for d in range(0, days + 1, 2)]
    for i, send in enumerate(sends):
        if send > now:
            break
        late = i >= len(sends) - 5  # the last ten days: a blocklisting at Outlook, DMARC at Gmail
        batch: list[tuple[str, Kind]] = []
        batch += [(a, USER_UNKNOWN if rnd.random() < .85 else NO_SUCH_DOMAIN) for a in rnd.sample(dead, 12)]
        batch += [(a, MAILBOX_FULL) for a in rnd.sample(full, 8)]
        batch += [(a, DISABLED) for a in rnd.sample(people, 2)]
        batch += [(a, SYSTEM) for a in rnd.sample(people, 3)]
        batch += [(a, TOO_BIG) for a in rnd.sample(people, 1 if rnd.random() < .5 else 0)]
        batch += [(a, SPAM) for a in rnd.sample(people, 2 if rnd.random() < .3 else 0)]
        if late:
            outlook = [p for p in people if p.endswith("@outlook.com")]
            batch += [(a, BLOCKED) for a in rnd.sample(outlook, min(len(outlook), 14 + 3 * i % 7))]
        if i >= len(sends) - 3:
            gmail = [p for p in people if p.endswith("@gmail.com")]
            batch += [(a, DMARC) for a in rnd.sample(gmail, min(len(gmail), 10))]
        for rcpt, kind in batch:
            n += 1
            out.append(_dsn(rcpt, send + timedelta(minutes=rnd.randint(1, 240)), kind, n))
        for rcpt in rnd.sample(people, rnd.choice((0, 0, 1, 2))):
            n += 1
            out.append(_complaint(rcpt, send + timedelta(hours=rnd.randint(3, 30)), n))
    return out


def build(store, now: datetime | None = None):
    """Ingest the demo messages into ``store``; returns the ingest summary."""
    from ..hygiene import ingest
    from ..store import utcnow

    now = now or utcnow()
    # anchored to the day, so the same day's demo is the same messages: running it twice adds nothing
    anchor = now.replace(hour=0, minute=0, second=0, microsecond=0)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "demo.mbox"
        with path.open("wb") as fh:
            for raw in messages(anchor):
                fh.write(b"From MAILER-DAEMON Mon Nov  2 09:00:00 2026\n" + raw.replace(b"\nFrom ", b"\n>From ")
                         + b"\n")
        return ingest(store, [str(path)], now=now)
