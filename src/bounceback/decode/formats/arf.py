"""RFC 5965 Abuse Reporting Format: feedback-loop complaints (reason ``feedback``).

``multipart/report; report-type=feedback-report`` with a
``message/feedback-report`` part; the complaining recipient is the
Original-Rcpt-To field, else the To of the returned original (RFC 5965 §3.5
lets providers redact it, so it may be a placeholder).
"""

from __future__ import annotations

from ...model import Delivery
from .. import original, scan
from ..common import delivery
from ..message import Message

NAME = "arf"


def _fields(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in text.split("\n"):
        k, sep, v = line.partition(":")
        if sep and k and " " not in k.strip():
            out.setdefault(k.strip().lower(), []).append(v.strip())
    return out


def detect(msg: Message) -> list[Delivery] | None:
    report = msg.first("message/feedback-report")
    if report is None:
        if msg.params.get("report-type", "").lower() != "feedback-report" and \
                "feedback-type:" not in msg.body_text[:4096].lower():
            return None
        report_text = msg.body_text
    else:
        report_text = report.text
    f = _fields(report_text)
    ftype = (f.get("feedback-type") or [""])[0].lower()
    if not ftype:
        return None
    rcpts = [scan.clean_address(v) for v in f.get("original-rcpt-to", [])]
    rcpts = [r for r in rcpts if r]
    if not rcpts:
        orig = original.original_part(msg)
        to = orig.get("to") if orig is not None else ""
        rcpts = [a for a in (scan.clean_address(x) for x in to.split(",")) if a] if to else []
    if not rcpts:
        for line in msg.body_text.split("\n"):
            if line.lower().startswith(("removal request", "to:")):
                rcpts = [a for a in scan.addresses(line)][:1]
                if rcpts:
                    break
    if not rcpts:
        return None
    arrival = scan.parse_date((f.get("arrival-date") or f.get("received-date") or [""])[0])
    reporting = (f.get("reporting-mta") or [""])[0]
    return [
        delivery(r, reason="feedback",
                 feedback_type=ftype, decoded_by=NAME, date=arrival,
                 reporting_mta=scan.host_of(reporting), original_recipient="")
        for r in dict.fromkeys(rcpts)
    ]

