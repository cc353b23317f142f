"""Sisimai's anonymised "X1" MTA: "Returned Mail: ..." from "Mail Deliver System".

The text lists ``address [reason]`` lines under "---The following addresses had
delivery errors---"; a "Warning--Could not send mail for past N hours" subject is
a delay notice. Markers after Sisimai::Lhost::X1.
"""

from __future__ import annotations

from ...model import Delivery
from ..common import delivery, from_has, text_blocks
from ..message import Message
from ..textscan import TextFormat

NAME = "x1"

FORMAT = TextFormat(begin=("---the following addresses had delivery errors---",))


def detect(msg: Message) -> list[Delivery] | None:
    if not from_has(msg, "mail deliver system", "mail delivery system", "mailer-daemon"):
        return None
    if "---the following addresses had delivery errors---" not in msg.body_text[:8192].lower():
        return None
    delayed = msg.subject.lower().startswith("warning")
    out = []
    for b in text_blocks(msg, FORMAT):
        diag = b.text[1:-1] if b.text.startswith("[") and b.text.endswith("]") else b.text
        out.append(delivery(b.address, action="delayed" if delayed else "failed", diagnostic=diag,
                            reason="expired" if delayed else "", decoded_by=NAME))
    return out or None
