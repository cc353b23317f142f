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


WRAPPED = """
From: Microsoft Exchange <postmaster@corp.example.com>
Subject: Undeliverable: Minutes
Content-Language: en-US
X-MS-Exchange-Message-Is-Ndr:
Content-Type: text/plain; charset="us-ascii"

Delivery has failed to these recipients or groups:

nina@example.org
Your message wasn't delivered because the recipient's mailbox is full.

Diagnostic information for administrators:

Generating server: ex01.corp.example.com

nina@example.org
Remote Server returned '< #5.0.0 smtp; 552 5.2.2 <nina@example.org>: Mailbox quota exceeded>'

Original message headers:

To: nina@example.org, oscar@example.org
"""

DELAYED = """
From: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@corp.example.com>
Subject: Delivery delayed:Minutes
Content-Language: en-US
X-MS-Exchange-Message-Is-Ndr:
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

--b1
Content-Type: text/plain; charset="us-ascii"

Delivery is delayed to these recipients or groups:

Paul (paul@example.org)<mailto:paul@example.org>

Diagnostic information for administrators:

Generating server: ex01.corp.example.com

paul@example.org
Server at example.org (198.51.100.2) returned '400 4.4.7 Message delayed'
1/8/2024 10:35:02 AM - Server at example.org (198.51.100.2) returned '451 4.4.0 Primary target IP address responded with: "421 4.4.2 Too many connections." Attempted failover to alternate host, but that did not succeed.'

Original message headers:

To: paul@example.org, quinn@example.org

--b1
Content-Type: message/delivery-status

Reporting-MTA: dns;ex01.corp.example.com

Final-Recipient: rfc822;paul@example.org
Action: delayed
Status: 4.4.7

--b1--
"""


def test_quoted_2007_wrapper_gives_the_remote_reply(parse):
    [d] = parse(WRAPPED)
    assert (d.recipient, d.status, d.reply_code) == ("nina@example.org", "5.2.2", "552")
    assert d.diagnostic == "552 5.2.2 <nina@example.org>: Mailbox quota exceeded"


def test_delay_notice_keeps_each_attempts_reply(parse):
    [d] = parse(DELAYED)
    assert (d.recipient, d.status, d.action) == ("paul@example.org", "4.4.7", "delayed")
    assert d.diagnostic.startswith("400 4.4.7 Message delayed 451 4.4.0 Primary target IP address responded with")
    assert "returned '" not in d.diagnostic
