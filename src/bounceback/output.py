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


def sisimai_record(b: Bounce) -> dict[str, Any]:
    """Sisimai::Fact field names and value conventions (``dump('json')``)."""
    domain = b.recipient.rpartition("@")[2]
    sender = b.original.sender
    from .decode.scan import clean_address
    addresser = clean_address(sender) if sender else ""
    return {
        "action": b.action,
        "addresser": addresser,
        "alias": "",
        "catch": None,
        "deliverystatus": b.status,
        "destination": domain,
        "diagnosticcode": b.diagnostic,
        "diagnostictype": b.diagnostic_type,
        "feedbacktype": b.feedback_type,
        "hardbounce": 1 if b.hard_bounce else 0,
        "lhost": b.reporting_mta,
        "listid": b.original.list_id,
        "messageid": b.original.message_id,
        "origin": b.source,
        "reason": b.reason,
        "recipient": b.recipient,
        "replycode": b.reply_code,
        "rhost": b.remote_mta,
        "senderdomain": addresser.rpartition("@")[2],
        "smtpagent": b.decoded_by,
        "smtpcommand": b.smtp_command,
        "subject": b.original.subject,
        "timestamp": int(b.date.timestamp()) if b.date else None,
        "timezoneoffset": b.date.strftime("%z") if b.date and b.date.tzinfo else "+0000",
        "token": "",
    }


def write_jsonl(records: Iterable[dict[str, Any]], out: io.TextIOBase) -> None:
    for r in records:
        out.write(json.dumps(r, ensure_ascii=False, default=str))
        out.write("\n")


def write_csv(records: Iterable[dict[str, Any]], out: io.TextIOBase, header: bool = True) -> None:
    w = csv.DictWriter(out, fieldnames=list(COLUMNS), extrasaction="ignore")
    if header:
        w.writeheader()
    for r in records:
        w.writerow({k: ("" if r.get(k) is None else r.get(k)) for k in COLUMNS})
