"""Symantec/Broadcom Email Security.cloud (MessageLabs): ``MAILER-DAEMON@messagelabs.com``.

Markers from Sisimai ``Lhost/MessageLabs.pm`` (BSD-2-Clause): ``X-Msg-Ref``,
that From, Subject ``Mail Delivery Failure``. The report part lists its fields
in reverse (Diagnostic-Code, Status, Action, then Final-Recipient) and writes a
multi-line reply without indentation (``550-...`` lines), so the full reply is
taken from the text: ``I was unable to deliver your message to the following
addresses:``, the address, then ``Reason: 550-...``.
"""

from __future__ import annotations

from ...model import Delivery
from .. import scan
from ..common import delivery, from_has, from_report
from ..message import Message
from ..textscan import report_text
from ._provider import finish

NAME = "messagelabs"


def _reasons(text: str) -> dict[str, str]:
    """{address: the text of its ``Reason:`` paragraph}."""
    out: dict[str, str] = {}
    current = ""
    for para in report_text(text).split("\n\n"):
        s = para.strip()
        if " " not in s and "@" in s and scan.clean_address(s):
            current = scan.clean_address(s).lower()
        elif current and s.lower().startswith("reason:"):
            out[current] = " ".join(s[7:].split())
            current = ""
    return out


def detect(msg: Message) -> list[Delivery] | None:
    if not from_has(msg, "mailer-daemon@messagelabs.com") or "x-msg-ref" not in msg.headers:
        return None
    reasons = _reasons(msg.body_text)
    found = from_report(msg, NAME) or [delivery(a, action="failed", decoded_by=NAME) for a in reasons]
    out = []
    for d in found:
        text = reasons.get(d.recipient.lower(), "")
        if len(text) > len(d.diagnostic):
            d = delivery(d.recipient, action=d.action, status=d.status, diagnostic=text,
                         diagnostic_type=d.diagnostic_type, remote_mta=d.remote_mta,
                         reporting_mta=d.reporting_mta, date=d.date, decoded_by=NAME)
        out.append(d)
    return finish(out)
