"""Bigfoot (LiteMail) forwarding service: Sendmail-style reports from bigfoot.com.

Recognised by a From at ``bigfoot.com`` or a Received line through
``.bigfoot.com``; the text and RFC 3464 part are Sendmail's, with the original
as ``message/partial``. Markers after Sisimai::Lhost::Bigfoot.
"""

from __future__ import annotations

from ...model import Delivery
from ..message import Message
from . import sendmail

NAME = "bigfoot"


def detect(msg: Message) -> list[Delivery] | None:
    if "@bigfoot.com>" not in msg.sender.lower() and \
            not any(".bigfoot.com " in r.lower() for r in msg.get_all("received")):
        return None
    return sendmail.parse(msg, NAME)
