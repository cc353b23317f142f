"""Turning records into output: JSON lines, JSON, CSV, a table, or Sisimai's JSON shape."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from .model import Bounce

FORMATS = ("jsonl", "json", "csv", "table", "sisimai")

# the columns a person wants first; --format csv/table use these
COLUMNS = ("source", "recipient", "reason", "hard_bounce", "fault", "status", "reply_code", "action",
           "diagnostic", "remote_mta", "reporting_mta", "decoded_by", "date", "original_message_id", "advice")


def record(b: Bounce) -> dict[str, Any]:
    return b.to_dict()


def sisimai_token(addresser: str, recipient: str, epoch: int | None) -> str:
    """Sisimai's message token: SHA-1 of STX sender RS recipient RS epoch ETX, addresses lower-cased
    (Sisimai::String->token). Empty when an address or the time is missing, as in Sisimai."""
    if not addresser or not recipient or epoch is None:
        return ""
    import hashlib  # only --format sisimai needs it

    return hashlib.sha1(f"\x02{addresser.lower()}\x1e{recipient.lower()}\x1e{epoch:d}\x03".encode()).hexdigest()


def _softbounce(b: Bounce) -> int:
    """Sisimai 4's softbounce: 0 hard, 1 soft, -1 not a failure (delivered, feedback, vacation)."""
    if not b.is_failure:
        return -1
    return 0 if b.hard_bounce else 1


def _diagnostic_type(b: Bounce) -> str:
    """Sisimai names the type even when the report does not: X-UNIX for a mailer error, else SMTP
    (Sisimai::Data); feedback and auto-replies have none."""
    if b.diagnostic_type:
        return b.diagnostic_type.upper()
    if b.reason in ("feedback", "vacation"):
        return ""
    return "X-UNIX" if b.reason == "mailererror" else "SMTP"


def sisimai_record(b: Bounce) -> dict[str, Any]:
    """Sisimai::Fact field names and value conventions (``Sisimai::Fact->dump('json')``).

    Sisimai 5's names, plus Sisimai 4's (``smtpagent``, ``smtpcommand``, ``softbounce``) so
    pipelines written for either version read the same output. Every string field is a
    string ("" when unknown, never null), ``timestamp`` is Unix time, ``hardbounce`` 0/1.
    """
    from .decode.scan import clean_address
    from .knowledge import sisimai_name

    addresser = clean_address(b.original.sender) if b.original.sender else ""
    epoch = int(b.date.timestamp()) if b.date else None
    agent = sisimai_name(b.decoded_by)
    return {
        "action": b.action,
        "addresser": addresser,
        "alias": b.original_recipient,
        "catch": "",
        "command": b.smtp_command,
        "decodedby": agent,
        "deliverystatus": b.status,
        "destination": b.recipient.rpartition("@")[2].lower(),
        "diagnosticcode": b.diagnostic,
        "diagnostictype": _diagnostic_type(b),
        "feedbackid": "",
        "feedbacktype": b.feedback_type,
        "hardbounce": 1 if b.hard_bounce else 0,
        "lhost": b.reporting_mta,
        "listid": b.original.list_id.strip("<>"),
        "messageid": b.original.message_id,
        "origin": b.source,
        "reason": b.reason,
        "recipient": b.recipient,
        "replycode": b.reply_code,
        "rhost": b.remote_mta,
        "senderdomain": addresser.rpartition("@")[2].lower(),
        "smtpagent": agent,
        "smtpcommand": b.smtp_command,
        "softbounce": _softbounce(b),
        "subject": b.original.subject,
        "timestamp": epoch if epoch is not None else 0,
        "timezoneoffset": b.date.strftime("%z") if b.date and b.date.tzinfo else "+0000",
        "token": sisimai_token(addresser, b.recipient, epoch),
    }


def dumps(r: dict[str, Any]) -> str:
    """One record as one line of JSON (dates and other values as their text)."""
    return json.dumps(r, ensure_ascii=False, default=str)


def write_csv(records: Iterable[dict[str, Any]], out: io.TextIOBase, header: bool = True) -> None:
    w = csv.DictWriter(out, fieldnames=list(COLUMNS), extrasaction="ignore")
    if header:
        w.writeheader()
    for r in records:
        w.writerow({k: ("" if r.get(k) is None else r.get(k)) for k in COLUMNS})
