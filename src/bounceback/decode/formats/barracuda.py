"""Barracuda Spam Firewall: ``... our bulk email filter`` notices.

Markers from Sisimai ``Lhost/Barracuda.pm`` (BSD-2-Clause): a Subject containing
``our bulk email filter``; ``Your message to:`` and then RFC 3464 fields (in a
report part or in the text), the headers of the original in
``text/rfc822-headers``.
"""

from __future__ import annotations

from ...model import Delivery
from ..common import from_field_text, from_report
from ..message import Message
from ._provider import finish

NAME = "barracuda"


def detect(msg: Message) -> list[Delivery] | None:
    if "our bulk email filter" not in msg.subject.lower():
        return None
    found = from_report(msg, NAME)
    if not found:
        text = msg.body_text
        i = text.find("Your message to:")
        found = from_field_text(msg, NAME, text[i:]) if i >= 0 else []
    return finish(found)
