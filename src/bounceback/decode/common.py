"""Shared helpers for detectors: DSN parts, text sections, and building ``Delivery`` records.

A detector usually needs three lines: which messages are its own, the opening
phrases of its error section, and a call to ``from_report`` (RFC 3464 part,
completed by the text) or ``from_text`` (text only).
"""

from __future__ import annotations

from datetime import datetime

from ..model import Delivery
from . import dsn, scan, textscan
from .message import Message, Part


class NotABounce(Exception):  # noqa: N818 - a verdict, not an error
    """Raised by a detector that recognises a message which only looks like a bounce (a read receipt,
    a challenge-response notice): decoding stops with no records."""


REPORT_TYPES = ("message/delivery-status", "message/global-delivery-status", "text/delivery-status",
                "message/x-delivery-status")
MAX_DIAGNOSTIC = 2000


def one_line(text: str) -> str:
    return " ".join(text.split())[:MAX_DIAGNOSTIC]


_SUCCESS = ("delivered", "relayed", "expanded")


def delivery(recipient: str, *, action: str = "", status: str = "", diagnostic: str = "",
             diagnostic_type: str = "", remote_mta: str = "", reporting_mta: str = "", command: str = "",
             date: datetime | None = None, reason: str = "", decoded_by: str = "",
             original_recipient: str = "", feedback_type: str = "", reply_code: str = "") -> Delivery:
    """A Delivery with codes filled in from the diagnostic where the fields lack them."""
    diag = one_line(diagnostic)
    status = status.strip()
    if not diag and status.endswith(")") and "(" in status:
        # "Status: 4.0.0 (cat.example.net: host name lookup failure)": the comment RFC 3464 §2.3.4
        # allows after the code is the only explanation the report gives
        diag = one_line(status[status.find("(") + 1 : -1])
    if not diag and status[3:4] == " " and scan.find_reply_code(status[:4]) and not scan.find_status(status):
        # "Status: 553 Exceeded maximum inbound message size": an SMTP reply where the code should
        # be, the only words the report gives (Sisimai::RFC3464 reads it as the diagnostic)
        diag = one_line(status)
    if status and not scan.find_status(status):
        status = ""  # "5.0.0 (permanent failure)" keeps its code; garbage does not
    status = scan.find_status(status) if status else ""
    action = action.strip().lower().split()[0] if action.strip() else ""
    text_status = scan.find_status(diag)
    text_reply = scan.find_reply_code(diag)
    if action not in _SUCCESS and (text_status[:1] == "2" or text_reply[:1] == "2"):
        # a failure whose text starts with a step that went well (a session transcript):
        # the refusal is what it failed with
        fail_status, fail_reply = scan.failure_codes(diag)
        if fail_status or fail_reply:
            text_status, text_reply = fail_status or text_status, fail_reply or text_reply
    # the remote server's own code beats the reporting MTA's summary (Status 5.0.0, 4.4.7 ...)
    if text_status and (not status or (text_status[0] == status[0]
                                       and (text_status[2:] != "0.0" or status[2:] == "0.0"))):
        status = text_status
    reply_code = reply_code or text_reply
    if not scan.codes_agree(reply_code, status):
        reply_code = ""  # "Status: 4.0.0" over "554 ...": the codes contradict, keep the status (Sisimai too)
    if action == "expired":
        action, reason = "failed", reason or "expired"
    return Delivery(
        recipient=recipient,
        action=action,
        status=status,
        reply_code=reply_code,
        diagnostic=diag,
        diagnostic_type=diagnostic_type,
        remote_mta=remote_mta or textscan.remote_host(diag),
        reporting_mta=reporting_mta,
        smtp_command=command or scan.find_command(diag),
        date=date,
        reason=reason,
        feedback_type=feedback_type,
        decoded_by=decoded_by,
        original_recipient=original_recipient,
    )


def report_part(msg: Message) -> Part | None:
    for p in msg.leaves:
        if p.content_type in REPORT_TYPES:
            return p
    return None


def text_blocks(msg: Message, fmt: textscan.TextFormat | None = None,
                text: str | None = None) -> list[textscan.Block]:
    body = msg.body_text if text is None else text
    sect = textscan.section(body, fmt or textscan.TextFormat())
    if sect is None:
        return []
    return textscan.blocks(sect)


def from_report(msg: Message, name: str, fmt: textscan.TextFormat | None = None,
                part: Part | None = None) -> list[Delivery]:
    """Deliveries from an RFC 3464 report part, diagnostics completed from the text part."""
    part = part or report_part(msg)
    if part is None:
        return []
    rep = dsn.parse_fields(part.text)
    if not rep.recipients:
        return []
    by_addr: dict[str, str] = {}
    # the text completes a missing diagnostic and names the SMTP command a reply came after
    if any(not r.get("diagnostic-code") or not scan.find_command(r["diagnostic-code"])
           for r in rep.recipients) or fmt is not None:
        for b in text_blocks(msg, fmt):
            by_addr.setdefault(b.address.lower(), b.text)
    reporting = scan.host_of(rep.message.get("reporting-mta", ""))
    arrival = scan.parse_date(rep.message.get("arrival-date", ""))
    out = []
    for r in rep.recipients:
        rcpt, orig = dsn.pick_recipient(r)
        if not rcpt:
            continue
        dtype, diag = dsn.diagnostic_of(r.get("diagnostic-code", ""))
        text = by_addr.get(rcpt.lower()) or by_addr.get(orig.lower(), "")
        command = scan.find_command(diag) or scan.find_command(text)  # e.g. "(in reply to RCPT TO command)"
        if text and (len(diag) < 12 or (not scan.find_reply_code(diag) and scan.find_reply_code(text))):
            diag = text if not diag or diag.lower() in text.lower() else f"{diag} {text}"
        out.append(delivery(
            rcpt, action=r.get("action", ""), status=r.get("status", ""), diagnostic=diag,
            diagnostic_type=dtype, remote_mta=scan.host_of(r.get("remote-mta", "")),
            reporting_mta=reporting, command=command,
            date=scan.parse_date(r.get("last-attempt-date", "")) or arrival,
            decoded_by=name, original_recipient=orig,
        ))
    return out


def from_text(msg: Message, name: str, fmt: textscan.TextFormat | None = None, *,
              text: str | None = None, action: str = "failed", reason: str = "") -> list[Delivery]:
    """Deliveries from per-recipient blocks of the human-readable text."""
    out = []
    for b in text_blocks(msg, fmt, text):
        out.append(delivery(b.address, action=action, diagnostic=b.text, decoded_by=name, reason=reason))
    return out


def from_field_text(msg: Message, name: str, text: str) -> list[Delivery]:
    """RFC 3464 fields pasted into a plain-text body (no delivery-status part)."""
    rep = dsn.parse_fields(text)
    out = []
    for r in rep.recipients:
        rcpt, orig = dsn.pick_recipient(r)
        if rcpt:
            dtype, diag = dsn.diagnostic_of(r.get("diagnostic-code", ""))
            out.append(delivery(rcpt, action=r.get("action", ""), status=r.get("status", ""),
                                diagnostic=diag, diagnostic_type=dtype,
                                remote_mta=scan.host_of(r.get("remote-mta", "")),
                                reporting_mta=scan.host_of(rep.message.get("reporting-mta", "")),
                                decoded_by=name, original_recipient=orig))
    return out


def from_report_or_text(msg: Message, name: str, marker: str, *, anywhere: bool = False) -> list[Delivery]:
    """The RFC 3464 report part, else its fields pasted into the body after ``marker``
    (services that flatten the report into text). ``anywhere``: the whole text when the
    marker is missing."""
    found = from_report(msg, name)
    if found:
        return found
    text = msg.body_text
    i = text.find(marker)
    if i < 0 and not anywhere:
        return []
    return from_field_text(msg, name, text[max(i, 0):])


def header_has(msg: Message, name: str, *needles: str) -> bool:
    v = msg.get(name).lower()
    return bool(v) and any(n in v for n in needles)


def subject_has(msg: Message, *needles: str) -> bool:
    s = msg.subject.lower()
    return any(n in s for n in needles)


def from_has(msg: Message, *needles: str) -> bool:
    return header_has(msg, "from", *needles)
