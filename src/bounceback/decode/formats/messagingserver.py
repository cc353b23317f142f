"""Sun/Oracle (iPlanet, Sun Java System) Messaging Server: "Delivery Notification: ...".

The report "relates to a message you sent with the following header fields:"
and lists per recipient ``  Recipient address: a@b``, ``  Original address:
a@b`` (the address the sender used), ``  Reason: ...`` / ``  Diagnostic code:
smtp;550 ...`` and ``  Remote system: dns;mx ...``; its PMDF ancestor writes the
error below the addresses instead (``%MAIL-E-OPENOUT ...``, ``-SYSTEM-F-EXDISKQUOTA, disk
quota exceeded``). MIME boundaries look like ``Boundary_(ID_...)``. Markers after
Sisimai::Lhost::MessagingServer.
"""

from __future__ import annotations

from ...model import Delivery
from .. import dsn, scan
from ..common import delivery
from ..message import Message
from . import _lhost

NAME = "messagingserver"


def _entries(text: str) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    open_entry = False  # lines under an entry up to a blank line are its words (PMDF's "%MAIL-E-...")
    for line in text.split("\n"):
        if not line.strip():
            open_entry = False
            continue
        key, sep, value = line.strip().partition(":")
        key = key.lower()
        if sep and line[:1].isspace() and key == "recipient address":
            out.append({"recipient": value.strip()})
            open_entry = True
        elif sep and line[:1].isspace() and out and key in ("original address", "reason", "diagnostic code",
                                                             "remote system"):
            out[-1].setdefault(key, value.strip())
        elif open_entry:
            out[-1]["text"] = f"{out[-1].get('text', '')} {line.strip()}".strip()
    return out


def detect(msg: Message) -> list[Delivery] | None:
    if "Boundary_(ID_" not in msg.get("content-type") and not msg.subject.startswith("Delivery Notification: "):
        return None
    entries = _entries(msg.body_text)
    report = _lhost.report_fields(msg)
    delayed = "delayed" in msg.subject.lower()
    out = []
    for i, e in enumerate(entries):
        rcpt = scan.clean_address(e.get("original address", "")) or scan.clean_address(e["recipient"])
        if not rcpt:
            continue
        fields = _lhost.fields_for(report, rcpt, i, len(entries))
        dtype, diag = dsn.diagnostic_of(e.get("diagnostic code", "") or fields.get("diagnostic-code", ""))
        status = fields.get("status", "")
        out.append(delivery(rcpt, action=fields.get("action") or ("delayed" if delayed else "failed"),
                            status=status, diagnostic=diag or e.get("reason", "") or e.get("text", "") or status.partition("(")[2][:-1],
                            diagnostic_type=dtype, remote_mta=scan.host_of(e.get("remote system", "")),
                            decoded_by=NAME))
    return out or None
