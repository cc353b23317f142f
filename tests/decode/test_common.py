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


def test_a_transcript_fails_with_its_refusal_not_its_first_ok():
    from bounceback.decode.common import delivery

    d = delivery("a@example.org", action="failed",
                 diagnostic="In: RCPT TO:<a@example.org> Out: 250 2.1.5 Ok In: DATA Out: 451 4.3.0 Error: queue file write error")
    assert (d.status, d.reply_code) == ("4.3.0", "451")
    ok = delivery("a@example.org", action="delivered", diagnostic="250 2.1.5 Ok")
    assert (ok.status, ok.reply_code) == ("2.1.5", "250")
    unusual = delivery("a@example.org", action="deliverable", diagnostic="250 2.1.5 Ok")  # no refusal anywhere
    assert (unusual.status, unusual.reply_code) == ("2.1.5", "250")


def test_a_transcript_names_the_command_sent_before_the_refusal():
    from bounceback.decode.scan import find_command

    assert find_command(">>> MAIL From:<a@b.example> <<< 250 ok >>> RCPT To:<c@d.example> <<< 550 User unknown "
                        ">>> QUIT") == "RCPT"
    assert find_command(">>> DATA <<< 554 5.7.1 spam") == "DATA"
    assert find_command("550 5.1.1 user unknown (in reply to RCPT TO command)") == "RCPT"


def test_provider_and_mta_notations_name_the_command():
    from bounceback.decode.scan import find_command

    assert find_command("550 5.2.1 <a@b.example>... User Unknown [RCPT_TO]") == "RCPT"  # Yahoo
    assert find_command("SMTP:RCPT host 192.0.2.8: 553 5.3.0 No such user here") == "RCPT"
    assert find_command("192.0.2.153 does not like recipient. Remote host said: 550") == "RCPT"  # qmail
    assert find_command("connect to mx.example.net[192.0.2.9]: server refused to talk to me: 421") == "CONN"
    assert find_command("[data] nothing to see") == ""
    assert find_command("host x[192.0.2.1]: connection to mail exchanger failed") == ""
    assert find_command("connection to mail server lost after MAIL FROM:<a@b.example>") == "MAIL"


def test_the_scan_caches_never_hold_more_than_a_few_kilobytes_of_a_text():
    from bounceback.decode import scan

    huge = "550 5.1.1 user unknown " + "x" * 1_000_000
    assert scan.find_status(huge) == "5.1.1" and scan.find_reply_code(huge) == "550"
    assert scan.find_status("x" * (scan.CACHED_TEXT + 10) + " 5.1.1") == ""  # past the scanned part


def test_an_address_type_written_twice_is_stripped():
    from bounceback.decode.scan import clean_address

    assert clean_address("rfc822; rfc822;fred@example.net") == "fred@example.net"
