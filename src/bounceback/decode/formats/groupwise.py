"""Novell/Micro Focus GroupWise Internet Agent (GWIA): "Message status - undeliverable".

``X-Mailer: Novell GroupWise Internet Agent`` (Received "with Novell_GroupWise");
"The message that you sent was undeliverable to the following:" then one
indented ``address (reason)`` line per recipient; newer GWIAs add an RFC 3464
part, which is read first.
"""

from __future__ import annotations

from ...model import Delivery
from .. import scan
from ..common import delivery, from_report
from ..message import Message

NAME = "groupwise"


def detect(msg: Message) -> list[Delivery] | None:
    if "groupwise" not in msg.get("x-mailer").lower() and not msg.subject.lower().startswith("message status - "):
        return None
    found = from_report(msg, NAME)
    if found:
        return found
    text = msg.body_text
    i = text.lower().find("was undeliverable to the following")
    if i < 0:
        return None
    out = []
    for line in text[i:].split("\n")[1:]:
        s = line.strip()
        if not s:
            if out:
                break
            continue
        addr, _, why = s.partition(" ")
        rcpt = scan.clean_address(addr)
        if rcpt:  # "user@example.net (user not found)"
            out.append(delivery(rcpt, action="failed", diagnostic=why.strip().strip("()"), decoded_by=NAME))
    return out or None
