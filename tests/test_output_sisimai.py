"""``--format sisimai``: Sisimai::Fact's JSON field names and value conventions."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess

import pytest

from bounceback import parse
from bounceback.output import sisimai_record, sisimai_token

from .conftest import SAMPLES

# Sisimai 5 (Sisimai::Fact, go-sisimai sis.Fact) and the Sisimai 4 names kept beside them
SISIMAI5 = {"action", "addresser", "alias", "catch", "command", "decodedby", "deliverystatus", "destination",
            "diagnosticcode", "diagnostictype", "feedbackid", "feedbacktype", "hardbounce", "lhost", "listid",
            "messageid", "origin", "reason", "recipient", "replycode", "rhost", "senderdomain", "subject",
            "timestamp", "timezoneoffset", "token"}
SISIMAI4 = {"smtpagent", "smtpcommand", "softbounce"}


def facts(name: str) -> list[dict]:
    return [sisimai_record(b) for b in parse((SAMPLES / name).read_bytes(), str(SAMPLES / name))]


def test_field_names_are_sisimais():
    (f,) = facts("01-postfix-user-unknown.eml")
    assert set(f) == SISIMAI5 | SISIMAI4


def test_values_follow_sisimais_conventions():
    (f,) = facts("01-postfix-user-unknown.eml")
    assert f["recipient"] == "jane.doe@example.org" and f["destination"] == "example.org"
    assert (f["addresser"], f["senderdomain"]) == ("news@news.example.com", "news.example.com")
    assert f["messageid"] == "nov-2026-0001@news.example.com"  # without angle brackets
    assert (f["hardbounce"], f["softbounce"], f["reason"]) == (1, 0, "userunknown")
    assert isinstance(f["timestamp"], int) and f["timezoneoffset"] == "+0000"
    assert f["decodedby"] == f["smtpagent"] == "Postfix"  # Sisimai's module name
    assert f["command"] == f["smtpcommand"] == "RCPT"
    assert f["catch"] == "" and f["feedbackid"] == ""  # strings, never null
    assert all(v is not None for v in f.values())


def test_token_is_sisimais_sha1_of_sender_recipient_and_time():
    (f,) = facts("01-postfix-user-unknown.eml")
    raw = f"\x02news@news.example.com\x1ejane.doe@example.org\x1e{f['timestamp']}\x03".encode()
    assert f["token"] == hashlib.sha1(raw).hexdigest()
    # the value Debian's Sisimai 4.25 prints for the same message
    assert f["token"] == "4418b0db0d1ef65f38f4ea239eb7b856a46b280c"
    assert sisimai_token("A@Example.COM", "b@example.org", 0) == sisimai_token("a@example.com", "B@EXAMPLE.ORG", 0)
    assert sisimai_token("", "b@example.org", 0) == "" and sisimai_token("a@example.com", "b@example.org", None) == ""


def test_not_a_failure_has_softbounce_minus_one():
    (f,) = facts("07-out-of-office.eml")
    assert (f["reason"], f["softbounce"], f["hardbounce"]) == ("vacation", -1, 0)


@pytest.mark.skipif(shutil.which("perl") is None or
                    subprocess.run(["perl", "-MSisimai", "-e", "1"], capture_output=True).returncode != 0,
                    reason="Debian's Sisimai (libsisimai-perl) is not installed")
@pytest.mark.parametrize("name", ["01-postfix-user-unknown.eml", "03-sendmail-blocklisted.eml",
                                  "04-qmail-host-unknown.eml", "05-gmail-dmarc.eml"])
def test_same_identity_fields_as_debian_sisimai(name):
    script = ("use Sisimai; use JSON; my $d = Sisimai->make($ARGV[0]) || [];"
              "print JSON->new->canonical->encode([map { $_->damn } @$d]);")
    p = subprocess.run(["perl", "-e", script, str(SAMPLES / name)], capture_output=True, text=True, check=True)
    theirs = json.loads(p.stdout)
    ours = facts(name)
    keys = ("recipient", "addresser", "senderdomain", "destination", "messageid", "timestamp", "token",
            "deliverystatus", "diagnostictype")
    assert [{k: o[k] for k in keys} for o in ours] == [{k: t[k] for k in keys} for t in theirs]
