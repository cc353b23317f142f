from __future__ import annotations

from bounceback.decode import dsn


def test_action_before_final_recipient_stays_in_its_block():
    # Exim's order: Action, Final-Recipient, Status (exim/src/deliver.c)
    rep = dsn.parse_fields("Reporting-MTA: dns; mx.example.net\n\nAction: failed\n"
                           "Final-Recipient: rfc822;a@example.org\nStatus: 5.0.0\n\n"
                           "Action: delayed\nFinal-Recipient: rfc822;b@example.org\nStatus: 4.0.0\n")
    assert [(r["final-recipient"], r["action"]) for r in rep.recipients] == [
        ("rfc822;a@example.org", "failed"), ("rfc822;b@example.org", "delayed")]


def test_blocks_without_blank_lines_split_on_a_repeated_recipient():
    rep = dsn.parse_fields("Final-Recipient: rfc822; a@example.org\nAction: failed\nStatus: 5.1.1\n"
                           "Final-Recipient: rfc822; b@example.org\nAction: failed\nStatus: 5.2.2\n")
    assert [r["status"] for r in rep.recipients] == ["5.1.1", "5.2.2"]


def test_quoted_local_part_is_kept_as_written():
    rcpt, orig = dsn.pick_recipient({"final-recipient": 'rfc822; "j..doe"@Example.ORG',
                                     "original-recipient": "rfc822;j..doe@example.org"})
    assert (rcpt, orig) == ('"j..doe"@example.org', "j..doe@example.org")
    assert dsn.field_address("rfc822; <bob@example.org>") == "bob@example.org"
    assert dsn.field_address("rfc822; Bob Smith <bob@example.org>") == "bob@example.org"


def test_a_status_comment_is_the_diagnostic_when_the_report_has_no_other():
    from bounceback.decode.common import delivery

    d = delivery("a@example.net", status="4.0.0 (cat.example.net: host name lookup failure)")
    assert (d.status, d.diagnostic) == ("4.0.0", "cat.example.net: host name lookup failure")
    d = delivery("a@example.net", status="5.0.0 (permanent failure)", diagnostic="550 user unknown")
    assert (d.status, d.diagnostic) == ("5.0.0", "550 user unknown")


def test_final_recipient_wins_even_on_a_dotless_domain_and_the_original_stays_beside_it():
    from bounceback.decode.dsn import pick_recipient

    fields = {"final-recipient": "rfc822; kijitora@mailhub0", "original-recipient": "rfc822;nekko@c.example.co.jp"}
    assert pick_recipient(fields) == ("kijitora@mailhub0", "nekko@c.example.co.jp")
    x400 = {"final-recipient": "x400; /C=JP/ADMD=/PRMD=x/O=y/S=neko/", "original-recipient": "rfc822;neko@example.jp"}
    assert pick_recipient(x400) == ("neko@example.jp", "")


def test_a_long_diagnostic_type_is_split_off():
    from bounceback.decode.dsn import diagnostic_of

    assert diagnostic_of("X-Outbound-Mail-Relay; Host or domain name not found") == (
        "X-OUTBOUND-MAIL-RELAY", "Host or domain name not found")  # AOL
    assert diagnostic_of("smtp; 550 5.1.1 unknown") == ("SMTP", "550 5.1.1 unknown")
    assert diagnostic_of("550 5.1.1 unknown; try again") == ("", "550 5.1.1 unknown; try again")
