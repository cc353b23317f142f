"""Sisimai's anonymised "X5": a mail gateway that wraps the real bounce for "NotificationRecipients".

The gateway (Trend Micro style) sends its own "Mail Delivery Subsystem" notice
to ``"NotificationRecipients"`` with the MTA's original bounce attached as
``message/rfc822``; the deliveries are those of the attached bounce. Detection
after Sisimai::Lhost::X5.
"""

from __future__ import annotations

from ...model import Delivery
from ..common import from_report
from ..message import Message

NAME = "x5"


def detect(msg: Message) -> list[Delivery] | None:
    score = ("notificationrecipients" in msg.get("to").lower()) + ("mail delivery subsystem" in msg.sender.lower())
    score += "mail delivery subsystem" in msg.subject.lower()
    if score < 2:
        return None
    for p in msg.leaves:
        if p.content_type == "message/rfc822" and p.depth < 2:
            found = from_report(Message(p.raw_body.lstrip(b"\n")), NAME)
            if found:
                return found
    return None
