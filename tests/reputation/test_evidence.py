"""What a sender-side bounce names about the sender (reputation/evidence.py): no DNS, no database."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bounceback import parse
from bounceback.decode.message import Message
from bounceback.reputation.evidence import Clue, clues, hop, reply_ips

from .. import builders as b
from ..conftest import SAMPLES

WHEN = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
REPUTATION = "550 5.7.1 Rejected: sender has a poor reputation"  # badreputation, names no IP


def clues_of(raw: bytes) -> tuple[Clue, ...]:
    bounces = parse(raw)
    assert len(bounces) == 1 and (bounces[0].fault == "sender" or bounces[0].reason == "feedback"), bounces
    return clues(bounces[0], Message(raw))


def ips(found: tuple[Clue, ...]) -> list[tuple[str, str, str]]:
    return [(c.target, c.kind, c.found_in) for c in found if c.kind != "domain"]


@pytest.mark.parametrize(("text", "expected"), [
    ("554 5.7.1 Service unavailable; Client host [192.0.2.44] blocked using zen.spamhaus.org", ["192.0.2.44"]),
    ("550 5.7.606 Access denied, banned sending IP [203.0.113.9]", ["203.0.113.9"]),  # Microsoft
    ("550 5.7.1 Unfortunately, messages from [198.51.100.3] weren't sent.", ["198.51.100.3"]),
    ("553 5.7.1 [BL21] Connections will not be accepted from 198.51.100.4, because the ip is in Spamhaus's list",
     ["198.51.100.4"]),  # Yahoo
    ("554 Blocked - see https://www.spamcop.net/bl.shtml?198.51.100.5", ["198.51.100.5"]),
    ("554 see https://www.barracudanetworks.com/reputation/?r=1&ip=198.51.100.6", ["198.51.100.6"]),
    ("550-5.7.1 [2001:db8::5      12] Our system has detected an unusual rate", ["2001:db8::5"]),  # Gmail
    ("550 5.7.26 Authentication results: SPF [news.example.com] with ip: [192.0.2.44] = did not pass",
     ["192.0.2.44"]),
    ("554 IP address 2001:DB8:0:0::7 is listed on our blocklist", ["2001:db8::7"]),  # canonical form
    ("554 5.7.1 1.2.3.4 is listed; ip 5.6.7.8 too", ["1.2.3.4", "5.6.7.8"]),  # in order of appearance
])
def test_the_reply_text_names_the_sending_ip(text, expected):
    assert reply_ips(text) == expected


@pytest.mark.parametrize("text", [
    "host mx.example.net[198.51.100.25] said: 554 5.7.1 rejected",  # the receiver's address, not ours
    "421 4.7.0 [TSS04] Messages from 10.0.0.1 temporarily deferred",  # private: never a sending address
    "554 5.7.1 blocked using zen.spamhaus.org; 127.0.0.2",
    "550 5.7.1 Our system has detected an unusual rate of unsolicited mail",
    "550 5.1.1 user unknown at 999.1.1.1 is listed",  # not an address
])
def test_no_sending_ip_where_there_is_none(text):
    assert reply_ips(text) == []


@pytest.mark.parametrize(("received", "ip", "by"), [
    ("from out.news.example.com (out.news.example.com [192.0.2.44]) by mx.example.net (Postfix) with ESMTPS id 1;"
     " Mon, 2 Mar 2026 09:00:00 +0000", "192.0.2.44", "mx.example.net"),
    # the client's HELO name is whatever it says; the address is the TCP peer in the comment
    ("from [198.51.100.9] (unknown [192.0.2.45]) by mx.example.net", "192.0.2.45", "mx.example.net"),
    ("from unknown (HELO [198.51.100.9]) (192.0.2.46) by mx.example.net", "192.0.2.46", "mx.example.net"),  # qmail
    ("from out ([192.0.2.47]:4123 helo=[198.51.100.9]) by mx.example.net with esmtp", "192.0.2.47",
     "mx.example.net"),  # Exim
    ("from NAM.outbound (2001:db8::48) by BN8.mail.protection.outlook.com (10.13.177.103)", "2001:db8::48",
     "bn8.mail.protection.outlook.com"),  # Microsoft
    ("from app.internal (10.1.2.3) by out.news.example.com", "", "out.news.example.com"),  # private: no address
    ("by mx.example.net with local (Exim 4.96)", "", "mx.example.net"),
])
def test_received_headers_give_the_connecting_address_and_the_receiving_host(received, ip, by):
    h = hop(received)
    assert (h.from_ip, h.by_host) == (ip, by)


def test_the_samples_name_their_sending_ip_and_domain():
    for name in ("03-sendmail-blocklisted.eml", "05-gmail-dmarc.eml"):
        found = clues_of((SAMPLES / name).read_bytes())
        assert ips(found) == [("192.0.2.44", "ip", "reply")]
        assert {(c.target, c.found_in) for c in found if c.kind == "domain"} == {
            ("news.example.com", "from"), ("news.example.com", "envelope")}


RECEIVER_HOPS = """Received: from mx2.example.net (mx2.example.net [198.51.100.30]) by mx3.example.net; Mon, 2 Mar 2026
Received: from out.news.example.com (out.news.example.com [192.0.2.60]) by mx2.example.net; Mon, 2 Mar 2026
Received: from app.news.example.com (app.news.example.com [198.51.100.70]) by out.news.example.com"""


def test_the_receivers_received_header_gives_the_ip_that_connected_to_it():
    """The receiver's hops are on top; the lowest of them received the message from the sender."""
    found = clues_of(b.dsn("carol@example.net", WHEN, "5.7.1", REPUTATION, original_headers=RECEIVER_HOPS))
    assert ips(found) == [("192.0.2.60", "ip", "received")]


def test_without_the_receivers_header_the_top_received_header_is_the_last_hop():
    hops = "Received: from app.news.example.com (app.news.example.com [198.51.100.70]) by out.news.example.com"
    found = clues_of(b.dsn("carol@example.net", WHEN, "5.7.1", REPUTATION, original_headers=hops))
    assert ips(found) == [("198.51.100.70", "ip", "received_top")]


def test_the_reply_text_beats_the_received_headers():
    found = clues_of(b.blocklisted("carol@example.net", WHEN, ip="192.0.2.10", original_headers=RECEIVER_HOPS))
    assert ips(found) == [("192.0.2.10", "ip", "reply")]


def test_with_no_address_anywhere_our_reporting_mta_is_the_sending_host():
    found = clues_of(b.dsn("carol@example.net", WHEN, "5.7.1", REPUTATION, reporting_mta="out.news.example.com"))
    assert ips(found) == [("out.news.example.com", "host", "reporting_mta")]


def test_a_bounce_the_receiver_wrote_names_the_sending_host_as_received_from_mta():
    raw = b.dsn("carol@example.net", WHEN, "5.7.1", REPUTATION, reporting_mta="mx9.example.net",
                received_from_mta="out.news.example.com")
    assert ips(clues_of(raw)) == [("out.news.example.com", "host", "received_from_mta")]


def test_the_sending_domains_are_from_envelope_and_dkim():
    headers = ("Return-Path: <bounces@mail.news.example.com>\n"
               "DKIM-Signature: v=1; a=rsa-sha256; d=esp.example; s=s1; h=from; bh=x; b=y\n"
               "DKIM-Signature: v=1; a=rsa-sha256; d=news.example.com; s=s2; h=from; bh=x; b=y")
    found = clues_of(b.blocklisted("carol@example.net", WHEN, original_headers=headers))
    assert [(c.target, c.found_in) for c in found if c.kind == "domain"] == [
        ("news.example.com", "from"), ("mail.news.example.com", "envelope"), ("esp.example", "dkim"),
        ("news.example.com", "dkim")]


def test_a_feedback_report_names_its_source_ip_and_original_mail_from():
    raw = b.arf("erin@example-isp.net", WHEN, "auth-failure").replace(
        b"Original-Mail-From: <bounces@news.example.com>", b"Original-Mail-From: <bounces@mailer.example.com>")
    found = clues_of(raw)
    assert ("192.0.2.44", "ip", "feedback") in ips(found)
    assert Clue("mailer.example.com", "domain", "envelope") in found  # not the To: of the report


def test_a_log_line_has_only_its_reply_text():
    bounce = parse(b.blocklisted("carol@example.net", WHEN, ip="192.0.2.10"))[0]
    assert clues(bounce) == (Clue("192.0.2.10", "ip", "reply"), Clue("news.example.com", "domain", "from"))
