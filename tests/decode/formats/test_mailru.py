from __future__ import annotations

SAMPLE = """
From: mailer-daemon@corp.mail.ru
Subject: Mail failure.
X-Failed-Recipients: sam@example.jp, tao@gone.example

Это письмо создано автоматически сервером Mail.Ru, отвечать на него не нужно.

  sam@example.jp
    SMTP error from remote mail server after RCPT TO:<sam@example.jp>:
    host mx.example.jp [192.0.2.10]: 550 5.1.1 <sam@example.jp>... User Unknown

This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  sam@example.jp
    SMTP error from remote mail server after RCPT TO:<sam@example.jp>:
    host mx.example.jp [192.0.2.10]: 550 5.1.1 <sam@example.jp>... User Unknown
  tao@gone.example
    retry timeout exceeded

------ This is a copy of the message, including all the headers. ------

To: sam@example.jp, tao@gone.example, uma@example.jp
"""


def test_exim_blocks(parse):
    a, b = parse(SAMPLE)
    assert (a.recipient, a.status, a.reply_code, a.smtp_command) == ("sam@example.jp", "5.1.1", "550", "RCPT")
    assert (b.recipient, b.reason, b.action) == ("tao@gone.example", "expired", "delayed")


def test_the_diagnostic_is_the_remote_reply(parse):
    a = parse(SAMPLE)[0]
    assert a.diagnostic == "550 5.1.1 <sam@example.jp>... User Unknown"
    assert a.remote_mta == "mx.example.jp"
