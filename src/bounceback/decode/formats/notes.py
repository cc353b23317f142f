"""Lotus Notes SMTP MTA (R4/R5): "Undeliverable message".

Between "------- Failure Reasons --------" and "------- Returned Message --------"
the reason comes first (often in the sender's language and charset), then the
address it applies to. Markers after Sisimai::Lhost::Notes.
"""

from __future__ import annotations

from ...model import Delivery
from .. import scan
from ..common import delivery
from ..message import Message

NAME = "notes"


def detect(msg: Message) -> list[Delivery] | None:
    if not msg.subject.strip().startswith("Undeliverable message"):
        return None
    text = msg.body_text
    i = text.find("------- Failure Reasons")
    if i < 0:
        return None
    out, reasons = [], []
    for line in text[i:].split("\n")[1:]:
        s = line.strip()
        if s.startswith("------- Returned Message"):
            break
        if not s or s.startswith("-"):
            continue
        addr = scan.clean_address(s) if "@" in s and " " not in s else ""
        if addr:
            out.append(delivery(addr, action="failed", diagnostic=" ".join(reasons), decoded_by=NAME))
            reasons = []
        else:
            reasons.append(s)
    return out or None
