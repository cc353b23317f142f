"""Dovecot's rejection of a message it will not store (LDA / LMTP ``mail_send_rejection``).

When Dovecot's delivery agent cannot or will not put a message into the mailbox (quota
exceeded, no such mailbox, a Sieve ``reject``), it answers with a message disposition
notification (RFC 8098) instead of a DSN: ``multipart/report;
report-type=disposition-notification``, a text part that opens with "Your message to
<a@b> was automatically rejected:" followed by the reason (deliver.c
``DEFAULT_MAIL_REJECTION_HUMAN_REASON``), and a ``message/disposition-notification``
part with ``Final-Recipient`` and ``Disposition: automatic-action/MDN-sent-automatically;
deleted``. Unlike a read receipt it reports a failed delivery; Sisimai::MDA reads it
(agent ``dovecot``). The reason's words are the [mda] table's (knowledge/formats.toml).
"""

from __future__ import annotations

from ... import patterns
from ...model import Delivery
from .. import dsn, scan
from ..common import delivery
from ..message import Message
from ..textscan import mda_text, report_text

NAME = "dovecot"

_REJECTED = patterns.compile(r"(?m)^your message to ([^ ]+) was automatically rejected:[ \t]*$")


def detect(msg: Message) -> list[Delivery] | None:
    if "disposition-notification" not in msg.get("content-type").lower():
        return None  # the report type is on the top-level header: no walk over the parts
    mdn = next((p for p in msg.leaves if p.content_type == "message/disposition-notification"), None)
    if mdn is None:
        return None
    fields: dict[str, str] = {}
    for line in mdn.text.split("\n"):
        k, sep, v = line.partition(":")
        if sep and k.strip() and " " not in k.strip():
            fields.setdefault(k.strip().lower(), v.strip())
    if not " ".join(fields.get("disposition", "").lower().split()).endswith("deleted"):
        return None  # displayed, processed ...: a read receipt
    text = report_text(msg.body_text)
    m = _REJECTED.search(text)
    if m is None:
        return None
    final = dsn.field_address(fields.get("final-recipient", ""))
    rcpts = [final] if "@" in final else [scan.clean_address(m.group(1))]
    diag = mda_text(text)
    return [delivery(a, action="failed", diagnostic=diag, decoded_by=NAME,
                     reporting_mta=scan.host_of(fields.get("reporting-ua", "").split(";")[0]),
                     date=scan.parse_date(msg.get("date")))
            for a in rcpts if a]
