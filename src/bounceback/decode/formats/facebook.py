"""Facebook (``Facebook <mailer-daemon@mx.facebook.com>``).

Markers from Sisimai ``Lhost/Facebook.pm`` (BSD-2-Clause): that From and Subject
``Sorry, your message could not be delivered``; after ``This message was
created automatically by Facebook.`` the RFC 3464 fields are written into an
inline part. The diagnostic carries Facebook's own code (``RCP-P1``,
``POL-P2`` ...), which ``providers.toml`` reads.
"""

from __future__ import annotations

from ...model import Delivery
from ..common import from_field_text, from_has, from_report
from ..message import Message
from ._provider import finish

NAME = "facebook"

_BEGIN = "This message was created automatically by Facebook."


def detect(msg: Message) -> list[Delivery] | None:
    if not from_has(msg, "mailer-daemon@mx.facebook.com"):
        return None
    found = from_report(msg, NAME)
    if not found:
        for part in msg.leaves:
            text = part.text if part.content_type.startswith("text/") else ""
            i = text.find(_BEGIN)
            if i >= 0 or "final-recipient:" in text.lower():
                found = from_field_text(msg, NAME, text[max(i, 0):])
                if found:
                    break
    return finish(found)
