from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import bounceback
from bounceback.cli import main
from bounceback.errors import InputError
from bounceback.verp import VerpPattern, decode, encode, from_env


def test_encode_decode_round_trip():
    assert encode("Jane.Doe@Example.ORG", "bounces@example.com") == "bounces+Jane.Doe=example.org@example.com"
    assert decode("bounces+Jane.Doe=example.org@example.com") == "Jane.Doe@example.org"
    p = VerpPattern("list-bounces@lists.example.com", "-")
    v = p.encode("a=b+c@example.net")
    assert v == "list-bounces-a=b+c=example.net@lists.example.com"
    assert p.decode(v) == "a=b+c@example.net"
    assert p.decode("<" + v.upper() + ">") == "A=B+C@example.net"


def test_decode_refuses_what_is_not_the_pattern():
    p = VerpPattern("bounces@example.com")
    assert p.decode("bounces@example.com") is None
    assert p.decode("other+jane=example.org@example.com") is None
    assert p.decode("bounces+jane=example.org@elsewhere.com") is None
    assert p.decode("bounces+janeexample.org@example.com") is None
    assert decode("plain@example.com") is None


def test_bad_configuration_is_an_input_error():
    with pytest.raises(InputError):
        VerpPattern("not-an-address")
    with pytest.raises(InputError):
        VerpPattern("bounces@example.com", "#")
    assert from_env({}) is None
    assert from_env({"BOUNCEBACK_VERP": "b@example.com", "BOUNCEBACK_VERP_SEPARATOR": "-"}) == VerpPattern(
        "b@example.com", "-")


def test_cli():
    r = CliRunner().invoke(main, ["verp", "encode", "jane@example.org", "--bounce-address", "bounces@example.com"])
    assert r.exit_code == 0 and r.stdout.strip() == "bounces+jane=example.org@example.com"
    r = CliRunner().invoke(main, ["verp", "decode", "--json", "bounces+jane=example.org@example.com"])
    assert json.loads(r.stdout) == {"address": "bounces+jane=example.org@example.com", "recipient": "jane@example.org"}
    r = CliRunner().invoke(main, ["verp", "decode", "x@example.com", "--bounce-address", "bounces@example.com"])
    assert r.exit_code == 1 and "not a VERP address" in r.stderr
    r = CliRunner().invoke(main, ["verp", "encode", "nonsense", "--bounce-address", "bounces@example.com"])
    assert r.exit_code == 1 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr


# A bounce whose report names no usable recipient: only the envelope (VERP) address says whom it is about.
UNCLEAR = b"""\
Return-Path: <>
Delivered-To: bounces+kim=example.org@example.com
From: MAILER-DAEMON@mx.example.org
To: bounces+kim=example.org@example.com
Subject: Undeliverable
Content-Type: text/plain

Your message could not be delivered: the mailbox is disabled and not accepting messages.
"""

CLEAR = b"""\
Delivered-To: bounces+kim=example.org@example.com
From: Mail Delivery System <MAILER-DAEMON@mx.example.org>
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b"

--b
Content-Type: text/plain

failed
--b
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.org

Final-Recipient: rfc822; other@example.org
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 user unknown

--b--
"""


def test_verp_recovers_the_recipient_only_when_configured_and_unclear():
    assert bounceback.parse(UNCLEAR) == []
    pattern = VerpPattern("bounces@example.com")
    (b,) = bounceback.parse(UNCLEAR, verp=pattern)
    assert b.recipient == "kim@example.org" and b.decoded_by == "verp" and b.action == "failed"
    # a report that names its recipient keeps it
    assert [x.recipient for x in bounceback.parse(CLEAR, verp=pattern)] == ["other@example.org"]
    # not ours: another bounce address
    assert bounceback.parse(UNCLEAR, verp=VerpPattern("returns@example.com")) == []


def test_parse_cli_verp_option(tmp_path, monkeypatch):
    f = tmp_path / "b.eml"
    f.write_bytes(UNCLEAR)
    r = CliRunner().invoke(main, ["parse", "--format", "jsonl", str(f)])
    assert r.stdout == ""
    r = CliRunner().invoke(main, ["parse", "--format", "jsonl", "--verp", "bounces@example.com", str(f)])
    assert json.loads(r.stdout)["recipient"] == "kim@example.org"
    monkeypatch.setenv("BOUNCEBACK_VERP", "bounces@example.com")
    r = CliRunner().invoke(main, ["parse", "--format", "jsonl", str(f)])
    assert json.loads(r.stdout)["recipient"] == "kim@example.org"


def test_verp_from_bounceback_toml(tmp_path, monkeypatch):
    f = tmp_path / "b.eml"
    f.write_bytes(UNCLEAR)
    monkeypatch.delenv("BOUNCEBACK_VERP", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bounceback.toml").write_text('[verp]\nbounce_address = "bounces@example.com"\n')
    r = CliRunner().invoke(main, ["parse", "--format", "jsonl", str(f)])
    assert json.loads(r.stdout)["recipient"] == "kim@example.org"
    (tmp_path / "bounceback.toml").write_text('verp = "bounces@example.com"\n')
    r = CliRunner().invoke(main, ["parse", "--format", "jsonl", str(f)])
    assert r.exit_code == 1 and "[verp] must be a table" in r.stderr
