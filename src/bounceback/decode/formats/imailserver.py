"""Ipswitch IMail Server (SMTP32): "Undeliverable Mail".

Each failure is a sentence ending in the address ("Unknown user: a@b",
"Delivery failed 20 attempts: a@b") or "undeliverable to a@b", followed by
"Body of message generated response:" and the remote reply; "Original message
follows." ends the report. "Delivery failed N attempts" is the queue giving up.
Markers after Sisimai::Lhost::IMailServer.
"""

from __future__ import annotations

from ...model import Delivery
from .. import scan
from ..common import delivery
from ..message import Message

NAME = "imailserver"


def _recipient(s: str) -> tuple[str, str]:
    """("a@b", "Unknown user") from "Unknown user: a@b" or "undeliverable to a@b"."""
    if s.lower().startswith("undeliverable to "):
        return scan.clean_address(s[17:]), ""
    head, sep, tail = s.rpartition(":")
    if sep and " " in head.strip() and "@" not in head and tail.strip().count("@") == 1 and " " not in tail.strip():
        return scan.clean_address(tail), head.strip()
    return "", ""


def detect(msg: Message) -> list[Delivery] | None:
    if not (msg.subject.strip().lower() == "undeliverable mail"
            or msg.get("x-mailer").startswith("<SMTP32 v")):
        return None
    found: list[tuple[str, str]] = []
    response: list[str] = []
    for line in msg.body_text.split("\n"):
        s = line.strip()
        if s.startswith("Original message follows"):
            break
        rcpt, why = _recipient(s)
        if rcpt:
            found.append((rcpt, why))
        elif s.startswith("Body of message generated response:") or response:
            response.append(s.split(":", 1)[1].strip() if s.startswith("Body of message") else s)
    out = []
    for rcpt, why in found:
        expired = why.lower().startswith("delivery failed") and "attempts" in why.lower()
        diag = " ".join(x for x in [" ".join(response).strip(), why] if x)
        out.append(delivery(rcpt, action="delayed" if expired else "failed", diagnostic=diag,
                            reason="expired" if expired else "", decoded_by=NAME))
    return out or None
