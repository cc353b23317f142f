from __future__ import annotations

from bounceback.decode import decode

RAW = """From: MAILER-DAEMON@sina.com
To: team-bounces@lists.example.org
Subject: =?gb2312?B?08q8/s3Lu9g=?=
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8

sina.com.
邮件无法发送到您指定的地址中。

<alpha@sina.com>:

<beta@sina.com>: user is over quota

--- 附件中的内容是原信件的一份拷贝

--b1
Content-Type: message/rfc822

From: team-bounces@lists.example.org
To: alpha@sina.com

hi
--b1--
"""


def test_angle_lines_of_the_first_part():
    out = decode(RAW.encode())
    assert [(d.recipient, d.decoded_by) for d in out] == [("alpha@sina.com", "sina"), ("beta@sina.com", "sina")]
    assert out[1].diagnostic == "user is over quota"
    assert "邮件无法发送" in out[0].diagnostic
