"""Sisimai's anonymised "X3" MTA: "Delivery status notification" from "Mail Delivery System".

"This is an automatically generated Delivery Status Notification.", recipients
as ``  * address`` lines, then "Technical details:" with ``SMTP:RCPT host X: 550
...`` or ``Routing: ...`` lines; some versions add an RFC 3464 part. "was
aborted after N hour(s)" with no reply from a server is the queue's expiry.
Markers after Sisimai::Lhost::X3.
"""

from __future__ import annotations

from ...model import Delivery
from .. import scan
from ..common import delivery, from_has, subject_has
from ..message import Message
from . import _lhost

NAME = "x3"


def _details(text: str) -> list[tuple[str, str]]:
    """(command, text) of each "SMTP:RCPT host ...: reply" / "Routing: ..." technical detail."""
    out = []
    for line in text.split("\n"):
        s = line.strip()
        if s.startswith("SMTP:") and " " in s:
            verb, _, rest = s[5:].partition(" ")
            out.append((verb.upper(), rest))
        elif s.startswith(("Routing:", "Diagnostic-Code: smtp;")):
            out.append(("", s.split(":", 1)[1].removeprefix(" smtp;").strip()))
    return out


def detect(msg: Message) -> list[Delivery] | None:
    if not subject_has(msg, "delivery status notification") or not from_has(msg, "mail delivery system"):
        return None
    text = msg.body_text
    low = text.lower()
    if "this is an automatically generated delivery status notification" not in low:
        return None
    rcpts = [scan.clean_address(ln.strip()[1:]) for ln in text.split("\n") if ln.strip().startswith("* ")]
    rcpts = [r for r in rcpts if r]
    report = _lhost.report_fields(msg)
    details = _details(text)
    aborted = "was aborted after" in low
    out = []
    for i, rcpt in enumerate(rcpts):
        fields = _lhost.fields_for(report, rcpt, i, len(rcpts))
        mine = [d for d in details if rcpt.lower() in d[1].lower()] or details[i:i + 1] or details[:1]
        command, diag = mine[0] if mine else ("", "")
        if fields.get("diagnostic-code") and not diag:
            diag = fields["diagnostic-code"].partition(";")[2].strip()
        if diag.startswith("host ") and ": " in diag:
            remote, _, diag = diag[5:].partition(": ")
        else:
            remote = ""
        expired = aborted and not scan.find_reply_code(diag)
        out.append(delivery(rcpt, action="delayed" if expired else fields.get("action", "failed"),
                            status=fields.get("status", ""), diagnostic=diag, command=command,
                            remote_mta=remote.strip(), reason="expired" if expired else "", decoded_by=NAME))
    return out or None
