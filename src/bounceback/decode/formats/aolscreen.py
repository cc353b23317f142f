"""AOL's own notices that name recipients by screen name (``MAILER-DAEMON@aol.com``, text/plain).

::

    Sorry sender@example.com. Your mail to the following recipients could not be
    delivered because they are not accepting mail with attachments or embedded images:
            screenname

A screen name is the local part of an ``@aol.com`` address (flufl.bounce ``aol.py``,
Mail::DeliveryStatus::BounceParser's AOL rules). The list ends at the first line
with a space inside it.
"""

from __future__ import annotations

from ...model import Delivery
from .. import loose, scan
from ..common import delivery
from ..message import Message

NAME = "aolscreen"

_OPENING = "mail to the following recipients could not be delivered"


def detect(msg: Message) -> list[Delivery] | None:
    if msg.is_multipart or not scan.clean_address(msg.get("from")).lower().endswith("@aol.com"):
        return None
    text = msg.body_text
    lower = text.lower()
    start = lower.find(_OPENING)
    if start < 0:
        return None
    line_start = text.rfind("\n", 0, start) + 1
    head_end = text.find(":", start)
    nl = text.find("\n", head_end if head_end >= 0 else start)
    reason = " ".join(text[line_start : nl if nl >= 0 else len(text)].split())
    reason = reason[reason.lower().find("your mail") :] if "your mail" in reason.lower() else reason
    exclude = loose.sender_side(msg)
    out = []
    for line in text[nl + 1 :].split("\n") if nl >= 0 else []:
        name = line.strip()
        if not name:
            if out:
                break
            continue
        if any(c.isspace() for c in name):
            break
        addr = loose.clean(name if "@" in name else f"{name}@aol.com", exclude)
        if addr:
            out.append(delivery(addr, action="failed", diagnostic=reason, decoded_by=NAME))
    return out or None
