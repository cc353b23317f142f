from __future__ import annotations

from bounceback.classify import classify

SAMPLE = """
From: MAILER-DAEMON@yahoo.com
Subject: Failure Notice
X-YMailISG: abcdefghijklmnop

Sorry, we were unable to deliver your message to the following address.

<henry@example.net>:
Remote host said: 550 5.1.1 <henry@example.net>... User Unknown [RCPT_TO]

<ivy@example.net>:
550: 5.2.2 <ivy@example.net>... Mailbox Full

<jack@far.example>:
Unable to deliver message after multiple retries, giving up.

--- Below this line is a copy of the message.

To: henry@example.net, ivy@example.net, kim@example.net
"""


def test_each_block(parse):
    a, b, c = parse(SAMPLE)
    assert (a.recipient, a.status, a.reply_code, a.smtp_command) == ("henry@example.net", "5.1.1", "550", "RCPT")
    assert a.diagnostic == "550 5.1.1 <henry@example.net>... User Unknown"
    assert (b.recipient, b.status, b.reply_code) == ("ivy@example.net", "5.2.2", "550")
    assert (c.recipient, c.reason, c.action) == ("jack@far.example", "expired", "delayed")


def test_reply_on_its_own_lines(parse):
    [d] = parse(SAMPLE.split("<ivy")[0].replace(
        "Remote host said: 550 5.1.1 <henry@example.net>... User Unknown [RCPT_TO]",
        "Remote host said:\n550 5.1.1 <henry@example.net>... User Unknown\n[RCPT_TO]") + "--- Below this line is a copy of the message.\n")
    assert (d.status, d.reply_code, d.smtp_command) == ("5.1.1", "550", "RCPT")


def _one(block: str) -> str:
    head = SAMPLE.split("<henry")[0]
    return f"{head}<henry@example.net>:\n{block}\n\n--- Below this line is a copy of the message.\n"


def test_body_names_the_end_of_data(parse):
    [d] = parse(_one("Remote host said: 552 5.3.4 Message size exceeds fixed maximum message size [BODY]"))
    assert (d.smtp_command, d.diagnostic) == ("DATA", "552 5.3.4 Message size exceeds fixed maximum message size")


def test_a_reply_naming_an_address_answered_rcpt(parse):
    # Sisimai::Lhost::Yahoo: no [COMMAND] but an <address> in the reply: RCPT TO
    text = "Remote host said: 550 <henry@example.net>: Recipient address rejected: User unknown in local recipient table"
    [d] = parse(_one(text))
    assert (d.smtp_command, classify(d).reason) == ("RCPT", "userunknown")
    [d] = parse(_one("501: 5.1.8 Sender address rejected"))
    assert d.smtp_command == ""


AOL = """
From: MAILER-DAEMON@aol.com
To: alice@aol.com
Subject: Failure Notice

Sorry, we were unable to deliver your message to the following address.

<lena@example.net>:
554: 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org

--- Below this line is a copy of the message.

To: lena@example.net, max@example.net
"""


def test_aol_sends_yahoos_notice(parse):
    [d] = parse(AOL)
    assert (d.recipient, d.status, d.reply_code, d.decoded_by) == ("lena@example.net", "5.7.1", "554", "yahoo")
