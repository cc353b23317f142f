"""Digital Arts m-FILTER: no sample in the shared corpus; texts after Sisimai Lhost/mFILTER.pm (BSD-2-Clause)."""

from __future__ import annotations

from .helpers import run

HEAD = """\
Return-Path: <>
Received: from mfilter.example.co.jp (mfilter.example.co.jp [192.0.2.40])
\tby mx.example.com (Postfix) with ESMTP id 3F2E1D0C
\tfor <alice@example.com>; Wed, 6 Mar 2024 11:22:34 +0900 (JST)
Received: from localhost by mfilter.example.co.jp (m-FILTER); Wed, 6 Mar 2024 11:22:33 +0900
Date: Wed, 6 Mar 2024 11:22:33 +0900
From: MAILER-DAEMON@mfilter.example.co.jp
To: alice@example.com
Subject: failure notice
X-Mailer: m-FILTER
MIME-Version: 1.0
Content-Type: text/plain; charset=ISO-2022-JP
Content-Transfer-Encoding: 7bit

"""

BODY = """\
このメールは「m-FILTER」が自動的に生成して送信しています。
メールサーバーとの通信中、下記の理由により
このメールは送信できませんでした。

以下のメールアドレスへの送信に失敗しました。
kijitora@example.jp


-------server message
550 5.1.1 unknown user <kijitora@example.jp>

-------SMTP command
DATA

-------original message

From: Alice <alice@example.com>
To: kijitora@example.jp
Cc: bob@example.net
Subject: test
Date: Wed, 6 Mar 2024 11:22:30 +0900
Message-ID: <20240306112230.5555@example.com>

carol@example.net
"""


def _raw(body: str) -> bytes:
    return HEAD.encode() + body.encode("iso-2022-jp")


def test_mfilter_server_message_and_command():
    (d,) = run(_raw(BODY))
    assert (d.recipient, d.status, d.reply_code, d.smtp_command, d.action, d.decoded_by) == (
        "kijitora@example.jp", "5.1.1", "550", "DATA", "failed", "mfilter")
    assert d.diagnostic == "550 5.1.1 unknown user <kijitora@example.jp>"


def test_mfilter_rcpt_refusal_and_mail_info_separator():
    body = (BODY.replace("DATA\n", "RCPT TO:<kijitora@example.jp>\n")
            .replace("550 5.1.1 unknown user <kijitora@example.jp>", "550 Unknown user kijitora@example.jp")
            .replace("-------original message", "-------original mail info"))
    (d,) = run(_raw(body))
    assert (d.recipient, d.status, d.reply_code, d.smtp_command) == ("kijitora@example.jp", "", "550", "RCPT")
    assert d.diagnostic == "550 Unknown user kijitora@example.jp"


def test_mfilter_needs_its_x_mailer():
    raw = _raw(BODY).replace(b"X-Mailer: m-FILTER", b"X-Mailer: other")
    assert all(d.decoded_by != "mfilter" for d in run(raw))
