from __future__ import annotations

from bounceback.decode import decode

HEAD = """From: "Postmaster" <postmaster@mail.example.net>
To: <lists-bounces@lists.example.org>
Subject: Undeliverable Mail
Date: Tue, 3 Mar 2009 10:00:00 -0500
X-Mailer: <SMTP32 v8.22>

"""


def test_unknown_user_with_remote_reply():
    raw = HEAD + """Unknown user: first.one@example.net

RCPT TO generated following response:
553 5.3.0 <first.one@example.net>... Addressee unknown


Original message follows.

From: lists-bounces@lists.example.org
To: first.one@example.net
Subject: weekly news

hello
"""
    [d] = decode(raw.encode())
    assert d.decoded_by == "smtp32"
    assert d.recipient == "first.one@example.net"
    assert d.action == "failed" and d.reply_code == "553" and d.status == "5.3.0"


def test_retries_exhausted_is_expired_and_several_recipients():
    raw = HEAD + """Delivery failed 12 attempts: slow@example.com
undeliverable to gone@example.org

Original message follows.

To: slow@example.com, gone@example.org
"""
    out = decode(raw.encode())
    assert [d.recipient for d in out] == ["slow@example.com", "gone@example.org"]
    assert out[0].reason == "expired" and out[0].action == "delayed"
    assert out[1].action == "failed" and not out[1].reason


def test_other_mailers_are_not_smtp32():
    raw = HEAD.replace("<SMTP32 v8.22>", "Thunderbird") + "Unknown user: a@example.com\n"
    assert all(d.decoded_by != "smtp32" for d in decode(raw.encode()))


def test_unknown_host_and_virus_lines_and_the_subject_alone():
    # Sisimai::Lhost::IMailServer: "Unknown host:" and "virus detected:" lines; the Subject
    # "Undeliverable Mail" is enough when the body has the server's own lines
    from bounceback.classify import classify
    raw = HEAD.replace("X-Mailer: <SMTP32 v8.22>\n", "") + """Unknown host: ann@nowhere.example
Requested action not taken: virus detected: bob@example.com

Original message follows.

To: ann@nowhere.example, bob@example.com
"""
    a, b = decode(raw.encode())
    assert (a.decoded_by, a.recipient, classify(a).reason) == ("smtp32", "ann@nowhere.example", "hostunknown")
    assert (b.recipient, classify(b).reason) == ("bob@example.com", "virusdetected")
