"""Amazon SES: its RFC 3464 reports, and its SNS notifications delivered as email (JSON).

Markers from Sisimai ``Lhost/AmazonSES.pm`` (BSD-2-Clause) and the SES
notification contents documented by AWS:

* an email report carries ``X-SES-Outgoing`` or ``X-AWS-Outgoing`` (and is not
  from Amazon WorkMail); the text begins ``An error occurred while trying to
  deliver the mail to the following recipients:`` or ``The following message
  to <...> was undeliverable.``; the fields may put ``Action`` before
  ``Final-Recipient``; a ``Delivery expired`` diagnostic is ``expired``; a class-only Status
  (x.0.0, x.1.0) takes the code of the remote reply SES quotes; without the report part
  the recipient is the one of ``The following message to <...> was undeliverable.`` and
  the line after ``The reason for the problem:`` its diagnostic;
* an SNS notification (``X-Amz-Sns-Message-Id``) has a JSON body, its
  ``Message`` the SES event: ``notificationType`` ``Bounce``
  (``bounce.bouncedRecipients[]``: emailAddress, action, status,
  diagnosticCode; ``bounceType``/``bounceSubType``), ``Complaint``
  (``complaint.complainedRecipients[]``, ``complaintFeedbackType``: reason
  ``feedback``) or ``Delivery`` (``delivered``). Sisimai's samples fold long
  JSON lines with a trailing ``!``, which is undone here.
"""

from __future__ import annotations

import json
from dataclasses import replace

from ...model import Delivery
from .. import scan, textscan
from ..common import delivery, from_report, from_text
from ..message import Message
from ..textscan import TextFormat
from ._provider import finish

NAME = "amazonses"

_BEGIN = ("an error occurred while trying to deliver the mail", "the following message to <")
# SES bounceSubType values that name the reason themselves (AWS "Bounce types")
_SUBTYPES = {"MailboxFull": "mailboxfull", "MessageTooLarge": "mesgtoobig"}


def _json_body(text: str) -> dict | None:
    lines, folded, any_folded = [], False, False
    for line in text.split("\n"):
        if line.rstrip() == "--":
            break  # SNS's unsubscribe footer
        if folded:
            line = line[1:]
        folded = line.endswith("!")
        any_folded = any_folded or folded
        lines.append(line[:-1] if folded else line)
    try:
        outer = json.loads(("" if any_folded else "\n").join(lines))
        inner = json.loads(outer["Message"]) if isinstance(outer.get("Message"), str) else outer
    except (ValueError, TypeError, KeyError):
        return None
    return inner if isinstance(inner, dict) and "notificationType" in inner else None


def _from_event(p: dict) -> list[Delivery]:
    kind = p.get("notificationType") or p.get("eventType")
    out: list[Delivery] = []
    if kind == "Bounce":
        b = p.get("bounce") or {}
        reporting = scan.host_of(str(b.get("reportingMTA", "")))
        reason = _SUBTYPES.get(str(b.get("bounceSubType", "")), "") if b.get("bounceType") == "Transient" else ""
        for r in b.get("bouncedRecipients") or []:
            addr = scan.clean_address(str(r.get("emailAddress", "")))
            if not addr:
                continue
            code = str(r.get("diagnosticCode", ""))
            dtype, _, diag = code.partition(";") if ";" in code[:12] else ("", "", code)
            out.append(delivery(addr, action=str(r.get("action", "")) or "failed", status=str(r.get("status", "")),
                                diagnostic=diag.strip(), diagnostic_type=dtype.strip().upper(),
                                reporting_mta=reporting, reason=reason, decoded_by=NAME,
                                date=scan.parse_date(str(b.get("timestamp", "")))))
    elif kind == "Complaint":
        c = p.get("complaint") or {}
        ftype = str(c.get("complaintFeedbackType", "")) or "abuse"
        for r in c.get("complainedRecipients") or []:
            addr = scan.clean_address(str(r.get("emailAddress", "")))
            if addr:
                out.append(replace(delivery(addr, reason="feedback", feedback_type=ftype, decoded_by=NAME),
                                   action=""))
    elif kind == "Delivery":
        d = p.get("delivery") or {}
        for r in d.get("recipients") or []:
            addr = scan.clean_address(str(r))
            if addr:
                out.append(delivery(addr, action="delivered", reason="delivered", decoded_by=NAME,
                                    diagnostic=str(d.get("smtpResponse", "")),
                                    reporting_mta=scan.host_of(str(d.get("reportingMTA", "")))))
    return out


def quoted_status(d: Delivery) -> Delivery:
    """A class-only status (x.0.0, x.1.0) refined by the remote reply SES quotes.

    ``5.1.0 - Unknown address error 550-'5.1.1 <a@b>... User Unknown'``: the quoted
    reply's code is the remote server's verdict (Sisimai: AmazonSES, ReceivingSES).
    """
    if d.status[2:] not in ("0.0", "1.0"):
        return d
    diag = d.diagnostic
    for q in ("'", '"'):
        i = diag.find(q)
        while 0 <= i < len(diag) - 1:
            status = scan.find_status(diag[i + 1:i + 12]) if diag[i + 1].isdigit() else ""
            if status and diag[i + 1:].startswith(status) and status[0] == d.status[0]:
                return replace(d, status=status)
            i = diag.find(q, i + 1)
    return d


def _undeliverable(msg: Message) -> list[Delivery]:
    """``The following message to <a@b> was undeliverable.`` / ``The reason for the problem:``
    / ``5.1.0 - Unknown address error 550-'...'``: the text without its report part."""
    text = msg.body_text
    i = text.find("The following message to <")
    j = text.find(">", i)
    if i < 0 or j < 0 or not text[j:].startswith("> was undeliverable"):
        return []
    addr = scan.clean_address(text[i + 26:j])
    diag = textscan.after(text[j:], "The reason for the problem:")
    return [delivery(addr, diagnostic=diag, decoded_by=NAME)] if addr else []


def detect(msg: Message) -> list[Delivery] | None:
    if msg.get("x-amz-sns-message-id"):
        body = msg.body_text.lstrip()
        if not body.startswith("{"):
            return None
        event = _json_body(body)
        return _from_event(event) or None if event else None
    if not (msg.get("x-ses-outgoing") or msg.get("x-aws-outgoing")) or "amazon workmail" in msg.get("x-mailer").lower():
        return None
    found = from_report(msg, NAME) or _undeliverable(msg) or from_text(msg, NAME, TextFormat(begin=_BEGIN))
    found = [quoted_status(d) for d in found]
    return finish([replace(d, reason="expired") if "delivery expired" in d.diagnostic.lower() else d for d in found])
