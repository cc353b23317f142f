"""Bounce messages written for the tests (and the benchmarks): real formats, our own content.

``dsn`` writes what Postfix writes (RFC 3464 multipart/report with a text part,
a delivery-status part and the returned headers), ``arf`` an RFC 5965 feedback
report, ``autoreply`` an RFC 3834 out-of-office answer. ``mbox`` joins messages
the way an MTA appends them to a mailbox file.
"""

from __future__ import annotations

import zlib
from datetime import datetime
from email.utils import format_datetime


def _date(when: datetime) -> str:
    return format_datetime(when)


def _tag(*parts: object) -> int:
    """A stable number from the parts (``hash`` changes between processes)."""
    return zlib.crc32(repr(parts).encode())


def dsn(recipient: str, when: datetime, status: str, diagnostic: str, *, remote_mta: str = "",
        message_id: str = "", campaign: str = "", action: str = "failed",
        reporting_mta: str = "mx1.news.example.com", received_from_mta: str = "",
        original_headers: str = "") -> bytes:
    """A Postfix-style delivery status notification for one recipient (``original_headers``:
    more header lines on top of the returned original's, e.g. Received or DKIM-Signature)."""
    domain = recipient.rpartition("@")[2]
    remote = remote_mta or f"mx.{domain}"
    stamp = when.strftime("%Y%m%d%H%M%S")
    boundary = f"{stamp}.{_tag(recipient, stamp, status) % 10**8}/mx1.news.example.com"
    original_id = message_id or f"{stamp}.{recipient}@news.example.com"
    campaign_header = f"X-Campaign-Id: {campaign}\n" if campaign else ""
    received_from = f"Received-From-MTA: dns; {received_from_mta}\n" if received_from_mta else ""
    extra = original_headers.strip("\n") + "\n" if original_headers else ""
    return f"""Return-Path: <>
Date: {_date(when)}
From: MAILER-DAEMON@mx1.news.example.com (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: bounces@news.example.com
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="{boundary}"
Message-Id: <{stamp}.{_tag(boundary) % 10**6}@mx1.news.example.com>

This is a MIME-encapsulated message.

--{boundary}
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx1.news.example.com.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

<{recipient}>: host {remote}[198.51.100.25] said: {diagnostic}
    (in reply to RCPT TO command)

--{boundary}
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; {reporting_mta}
{received_from}Arrival-Date: {_date(when)}

Final-Recipient: rfc822; {recipient}
Original-Recipient: rfc822;{recipient}
Action: {action}
Status: {status}
Remote-MTA: dns; {remote}
Diagnostic-Code: smtp; {diagnostic}

--{boundary}
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

{extra}From: Example News <news@news.example.com>
To: {recipient}
Subject: The newsletter
Message-ID: <{original_id}>
List-Id: Example News <news.example.com>
{campaign_header}Date: {_date(when)}

--{boundary}--
""".encode()


def user_unknown(recipient: str, when: datetime, **kw) -> bytes:
    return dsn(recipient, when, "5.1.1",
               f"550 5.1.1 <{recipient}>: Recipient address rejected: User unknown in virtual mailbox table", **kw)


def mailbox_full(recipient: str, when: datetime, **kw) -> bytes:
    return dsn(recipient, when, "4.2.2", f"452 4.2.2 <{recipient}>: Mailbox full, quota exceeded", **kw)


def blocklisted(recipient: str, when: datetime, *, ip: str = "192.0.2.44", **kw) -> bytes:
    return dsn(recipient, when, "5.7.1",
               f"554 5.7.1 Service unavailable; Client host [{ip}] blocked using zen.spamhaus.org", **kw)


def too_big(recipient: str, when: datetime, **kw) -> bytes:
    return dsn(recipient, when, "5.3.4", "552 5.3.4 Message size exceeds fixed limit", **kw)


def delivered(recipient: str, when: datetime, **kw) -> bytes:
    return dsn(recipient, when, "2.0.0", "250 2.0.0 Ok: queued as 4B2C1D", action="delivered", **kw)


def arf(recipient: str, when: datetime, feedback_type: str = "abuse") -> bytes:
    """An RFC 5965 feedback report from a mailbox provider's feedback loop."""
    boundary = f"fbl_{when.strftime('%Y%m%d%H%M%S')}_{_tag(recipient) % 10**6}"
    return f"""From: <staff@feedback.example-isp.net>
Date: {_date(when)}
Subject: FW: The newsletter
To: <abuse@news.example.com>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report;
\tboundary="{boundary}"

--{boundary}
Content-Type: text/plain; charset="US-ASCII"

This is an email abuse report for an email message received from IP
192.0.2.44 on {_date(when)}.

--{boundary}
Content-Type: message/feedback-report

Feedback-Type: {feedback_type}
User-Agent: ExampleFBL/1.0
Version: 1
Original-Mail-From: <bounces@news.example.com>
Original-Rcpt-To: <{recipient}>
Arrival-Date: {_date(when)}
Reporting-MTA: dns; mail.example-isp.net
Source-IP: 192.0.2.44

--{boundary}
Content-Type: message/rfc822
Content-Disposition: inline

From: Example News <news@news.example.com>
To: {recipient}
Subject: The newsletter
Message-ID: <{when.strftime('%Y%m%d%H%M%S')}.{recipient}@news.example.com>
Date: {_date(when)}

Hello, ...

--{boundary}--
""".encode()


def autoreply(sender: str, when: datetime) -> bytes:
    return f"""From: Someone <{sender}>
To: news@news.example.com
Subject: Automatic reply: The newsletter
Date: {_date(when)}
Auto-Submitted: auto-replied
Message-ID: <ooo-{when.strftime('%Y%m%d%H%M%S')}-{sender}>
Content-Type: text/plain; charset=utf-8

I am out of the office until next week with limited access to email.
""".encode()


def mbox(messages: list[bytes]) -> bytes:
    """An mbox file: each message after a "From " line, body lines starting with "From " quoted."""
    out = []
    for raw in messages:
        body = raw.replace(b"\nFrom ", b"\n>From ")
        out.append(b"From MAILER-DAEMON Thu Jan  1 00:00:00 2026\n" + body.rstrip(b"\n") + b"\n\n")
    return b"".join(out)
