from __future__ import annotations

from bounceback.decode.common import delivery


def test_the_remote_code_in_the_diagnostic_beats_the_status_field():
    # Sendmail summarises a deferral that timed out as 4.4.7; the remote said 4.7.1
    assert delivery("a@example.org", status="4.4.7", diagnostic="450 4.7.1 Client host rejected").status == "4.7.1"
    assert delivery("a@example.org", status="5.0.0", diagnostic="550 5.1.1 No such user").status == "5.1.1"
    # a vaguer or other-class code in the text does not
    assert delivery("a@example.org", status="5.1.1", diagnostic="550 5.0.0 rejected").status == "5.1.1"
    assert delivery("a@example.org", status="5.1.1", diagnostic="421 4.7.0 try later").status == "5.1.1"
    assert delivery("a@example.org", diagnostic="550 5.2.2 Mailbox full").reply_code == "550"


def test_a_reply_code_that_contradicts_the_status_is_dropped():
    d = delivery("a@example.org", status="4.0.0", diagnostic="554 Blocked - see https://dnsbl.example/")
    assert (d.status, d.reply_code) == ("4.0.0", "")
