from __future__ import annotations

TEXT_ONLY = """
From: postmaster@corp.example.com
Subject: Undeliverable: Quarterly numbers
Content-Language: en-US
Content-Type: text/plain; charset="us-ascii"

Delivery has failed to these recipients or groups:

Liam Smith<mailto:liam@corp.example.com>
The e-mail address you entered couldn't be found.

Diagnostic information for administrators:

Generating server: mail01.corp.example.com

liam@corp.example.com
#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##

Original message headers:

To: Liam Smith <liam@corp.example.com>, mia@corp.example.com
"""

EXPIRED = """
From: postmaster@school.example
Subject: Undeliverable: Newsletter
Content-Language: en-AU
X-MS-Exchange-Message-Is-Ndr:
Content-Type: multipart/report; report-type=delivery-status; boundary="nd"

--nd
Content-Type: text/plain; charset="us-ascii"

Delivery has failed to these recipients or groups:

noah@student.school.example<mailto:noah@student.school.example>
The server has tried to deliver this message, without success, and has stopped trying.

Diagnostic information for administrators:

Generating server: exch1.school.example
Receiving server: student.school.example (10.0.0.3)

noah@student.school.example
3/09/2016 8:05:56 PM - Remote Server at student.school.example (10.0.0.3) returned '550 4.4.7 QUEUE.Expired; message expired'

Original message headers:

To: noah@student.school.example

--nd
Content-Type: message/delivery-status

Reporting-MTA: dns;exch1.school.example

Final-Recipient: rfc822;noah@student.school.example
Action: failed
Status: 4.4.7
Diagnostic-Code: smtp;550 4.4.7 QUEUE.Expired; message expired

--nd--
"""


def test_text_only_ndr(parse):
    [d] = parse(TEXT_ONLY)
    assert (d.recipient, d.status, d.reply_code, d.action, d.decoded_by) == (
        "liam@corp.example.com", "5.1.1", "550", "failed", "exchange2007")
    assert d.diagnostic == "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found"


def test_queue_expired(parse):
    [d] = parse(EXPIRED)
    assert (d.recipient, d.status, d.reason, d.action) == ("noah@student.school.example", "4.4.7", "expired", "delayed")


def test_resolver_adr_is_the_rcpt_stage(parse):
    [d] = parse(TEXT_ONLY)
    assert d.smtp_command == "RCPT"
