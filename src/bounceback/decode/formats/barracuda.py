"""Barracuda Spam Firewall: ``... our bulk email filter`` notices.

Markers from Sisimai ``Lhost/Barracuda.pm`` (BSD-2-Clause): a Subject containing
``our bulk email filter``; ``Your message to:`` and then RFC 3464 fields (in a
report part or in the text), the headers of the original in
``text/rfc822-headers``.
"""

from __future__ import annotations

from ...model import Delivery
from ..common import from_report_or_text
from ..message import Message
from ._provider import finish

NAME = "barracuda"


def detect(msg: Message) -> list[Delivery] | None:
    if "our bulk email filter" not in msg.subject.lower():
        return None
    found = from_report_or_text(msg, NAME, "Your message to:")
    return finish(found)
