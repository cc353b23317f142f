"""Feedback-loop complaints (reason ``feedback``): RFC 5965 ARF and the providers' variants.

* RFC 5965: ``multipart/report; report-type=feedback-report`` with a
  ``message/feedback-report`` part. The complaining recipient is
  ``Original-Rcpt-To`` (§3.2); providers may redact it (RFC 6590
  ``Redacted-Address``, often ``redacted@``), and then the To of the returned
  original (§3.5: the complainer received it) names the mailbox.
* Microsoft JMRP and Amazon SES forwarded complaints: ``multipart/mixed`` from
  ``staff@hotmail.com`` / ``complaints@email-abuse.amazonses.com`` with Subject
  ``complaint about message from <ip>``; the recipient is the attached
  message's ``X-HmXmrOriginalRecipient`` (Sisimai ``ARF.pm``, BSD-2-Clause).
* Apple Mail's unsubscribe message (``X-Apple-Unsubscribe: true``): an opt-out
  from the From address (RFC 8058-style one-click by mail).

When a report names no mailbox at all (``To: <Undisclosed Recipients>``), the
record keeps Sisimai's placeholder ``undisclosed-recipient-in-headers@libsisimai.org.invalid``
(``Sisimai::Address->undisclosed``; ``.invalid`` per RFC 2606) so the complaint
is not lost.
"""

from __future__ import annotations

from dataclasses import replace

from ...model import Delivery
from .. import original, scan
from ..common import delivery, one_line
from ..message import Message, Part

NAME = "arf"
UNDISCLOSED = "undisclosed-recipient-in-headers@libsisimai.org.invalid"

_JMRP_FROM = ("staff@hotmail.com", "complaints@email-abuse.amazonses.com")
_JMRP_SUBJECT = "complaint about message from "


def _fields(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in text.split("\n"):
        k, sep, v = line.partition(":")
        if sep and k and " " not in k.strip():
            out.setdefault(k.strip().lower(), []).append(v.strip())
    return out


def _addresses(values: list[str]) -> list[str]:
    out = []
    for v in values:
        for item in v.split(","):
            a = scan.clean_address(item)
            if a and not a.endswith("@") and "." in a.rpartition("@")[2]:
                out.append(a)
    return out


def _original(msg: Message) -> Part | None:
    return original.original_part(msg)


def _report(msg: Message) -> tuple[str, dict[str, list[str]]] | None:
    """(feedback type, report fields) when the message is a complaint of some kind."""
    part = msg.first("message/feedback-report")
    if part is not None:
        f = _fields(part.text)
    elif msg.params.get("report-type", "").lower() == "feedback-report" or \
            "feedback-type:" in msg.body_text[:4096].lower():
        f = _fields(msg.body_text)
    elif msg.sender and scan.clean_address(msg.sender).lower() in _JMRP_FROM and \
            _JMRP_SUBJECT in msg.subject.lower():
        return "abuse", {}
    elif msg.get("x-apple-unsubscribe").strip().lower() == "true":
        return "opt-out", {}
    else:
        return None
    words = (f.get("feedback-type") or [""])[0].split()  # "abuse", "abuse (spam)"; blank in a broken report
    ftype = words[0].lower() if words else ""
    return (ftype, f) if ftype else None


def _recipients(msg: Message, f: dict[str, list[str]]) -> list[str]:
    rcpts = _addresses(f.get("original-rcpt-to", [])) or _addresses(f.get("redacted-address", []))
    if rcpts:
        return rcpts
    orig = _original(msg)
    if orig is not None:
        rcpts = _addresses(orig.get_all("x-hmxmroriginalrecipient")) or _addresses(orig.get_all("to"))
    if not rcpts and msg.get("x-apple-unsubscribe"):
        rcpts = _addresses([msg.sender])
    return rcpts or [UNDISCLOSED]


def _diagnostic(msg: Message, ftype: str, f: dict[str, list[str]]) -> str:
    """The report's opening sentence ("This is an email abuse report for ..."), plus
    Authentication-Results for auth-failure reports."""
    text = msg.body_text if msg.is_multipart else ""
    paras = [p.strip() for p in text.strip().split("\n\n") if p.strip()] if text else []
    first = next((p for p in paras if "report" in p.lower()), paras[0] if paras else msg.subject)
    if ftype == "auth-failure" and f.get("authentication-results"):
        first = f"{first} {f['authentication-results'][0]}"
    return one_line(first)[:500]


def detect(msg: Message) -> list[Delivery] | None:
    found = _report(msg)
    if found is None:
        return None
    ftype, f = found
    arrival = scan.parse_date((f.get("arrival-date") or f.get("received-date") or [""])[0]) \
        or scan.parse_date(msg.get("date"))
    reporting = (f.get("reporting-mta") or [""])[0]
    source_ip = (f.get("source-ip") or [""])[0]
    if not source_ip and _JMRP_SUBJECT in msg.subject.lower():
        source_ip = msg.subject.lower().split(_JMRP_SUBJECT)[1].split()[0] if msg.subject.split() else ""
    diag = _diagnostic(msg, ftype, f)
    # a report carries no SMTP codes: none are read out of its sentence
    return [
        replace(delivery(r, reason="feedback", feedback_type=ftype, decoded_by=NAME, date=arrival,
                         diagnostic=diag, reporting_mta=scan.host_of(reporting), remote_mta=source_ip),
                status="", reply_code="", smtp_command="")
        for r in dict.fromkeys(_recipients(msg, f))
    ]
