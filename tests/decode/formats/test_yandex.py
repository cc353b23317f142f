from __future__ import annotations

SAMPLE = """
From: mailer-daemon@yandex.ru
Subject: Недоставленное сообщение
X-Yandex-Uniq: 00000000-1111-2222-3333-444444444444
Content-Type: multipart/report; report-type=delivery-status; boundary="yx"

--yx
Content-Type: text/plain; charset=utf-8

This is the mail system at host yandex.ru.

<vera@slow.example.jp>: connect to slow.example.jp[192.0.2.79]:25: Connection timed out

--yx
Content-Type: message/delivery-status

Reporting-MTA: dns; forward1.mail.yandex.net

Final-Recipient: rfc822; vera@slow.example.jp
Action: failed
Status: 4.4.1
Diagnostic-Code: X-Yandex; connect to slow.example.jp[192.0.2.79]:25: Connection timed out

--yx--
"""


def test_returned_after_queue_lifetime_is_expired(parse):
    [d] = parse(SAMPLE)
    assert (d.recipient, d.status, d.reason, d.action, d.decoded_by) == (
        "vera@slow.example.jp", "4.4.1", "expired", "delayed", "yandex")


def test_permanent_failure(parse):
    [d] = parse(SAMPLE.replace("Status: 4.4.1", "Status: 5.1.1").replace(
        "X-Yandex; connect to slow.example.jp[192.0.2.79]:25: Connection timed out", "smtp; 550 5.1.1 no such user"))
    assert (d.status, d.reply_code, d.reason, d.action) == ("5.1.1", "550", "", "failed")
