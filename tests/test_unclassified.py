"""``bounceback unclassified``: unclassified bounces grouped by their masked words."""

from __future__ import annotations

import json

from click.testing import CliRunner

from bounceback.cli import main
from bounceback.model import Bounce
from bounceback.unclassified import group, signature


def test_signature_masks_what_varies_between_bounces():
    a = signature("550 5.7.1 <jane@example.org>: host mx1.example.net[192.0.2.7] refused id=7d39d5299584f4be")
    b = signature("550 5.7.1 <joe@example.com>: host mx9.mail.example.co.jp[198.51.100.2] refused id=00ab12cd34ef")
    assert a == b == "<n> <n> <<addr>>: host <host>[<ip>] refused id=<id>"
    assert signature("see https://help.example.net/x?id=5 or call 555 0100") == "see <url> or call <n> <n>"
    assert signature("deferred from 2001:db8::25") == "deferred from <ip>"


def _b(text: str, reason: str = "onhold", source: str = "a.eml", **kw) -> Bounce:
    return Bounce(recipient="x@example.org", reason=reason, hard_bounce=False, fault="unknown", permanent=True,
                  advice="", diagnostic=text, source=source, **kw)


def test_groups_only_unclassified_most_frequent_first():
    bounces = [
        _b("Nope: message 123 not wanted by mx1.example.net", source="1.eml", reply_code="550"),
        _b("Nope: message 456 not wanted by mx2.example.org", source="2.eml", status="5.0.901"),
        _b("Strange thing happened", reason="undefined", source="3.eml"),
        _b("550 5.1.1 user unknown", reason="userunknown", source="4.eml"),
    ]
    groups = group(bounces)
    assert [(g.signature, g.count) for g in groups] == [
        ("nope: message <n> not wanted by <host>", 2), ("strange thing happened", 1)]
    first = groups[0]
    assert first.example_source == "1.eml" and first.codes == {"550": 1}  # pseudo codes are not listed
    assert group(bounces, ("userunknown",))[0].signature == "<n> <n> user unknown"


DSN = """From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
To: news@example.com
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

The message could not be delivered.

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; {rcpt}
Action: failed
Status: 5.0.0
Diagnostic-Code: smtp; Nope: message {n} was not wanted by gw{n}.example.net

--B--
"""


def test_cli_lists_groups_and_json(tmp_path):
    for i, rcpt in enumerate(["a@example.org", "b@example.net"]):
        (tmp_path / f"{i}.eml").write_text(DSN.replace("{rcpt}", rcpt).replace("{n}", str(1000 + i)))
    r = CliRunner().invoke(main, ["unclassified", "--json", str(tmp_path)])
    assert r.exit_code == 0, r.output
    (g,) = json.loads(r.stdout)
    assert g["count"] == 2 and g["signature"] == "nope: message <n> was not wanted by <host>"
    assert g["example"]["source"].endswith("0.eml") and g["reasons"] == {"onhold": 2}
    r = CliRunner().invoke(main, ["unclassified", str(tmp_path)])
    assert r.exit_code == 0 and "2 unclassified" in r.stdout
