"""Amazon SES, receiving side: SES refused mail addressed to a domain it receives for.

Markers from Sisimai ``Lhost/ReceivingSES.pm`` (BSD-2-Clause): ``X-SES-Outgoing``
(not Amazon WorkMail, which also sends through SES); the text begins
``This message could not be delivered.`` and carries the RFC 3464 fields itself
(a ``message/delivery-status`` part when there is one), the original follows as
``text/rfc822-headers``. SES's own diagnostics ("Mailbox does not exist",
"Message too large", ...) are named in ``knowledge/formats.toml``.

Amazon SES's sending side (``amazonses``) opens with other sentences.
"""

from __future__ import annotations

from ...model import Delivery
from ..common import from_field_text, from_report
from ..message import Message
from ..textscan import report_text
from ._provider import finish
from .amazonses import quoted_status

NAME = "receivingses"

_BEGIN = "This message could not be delivered."


def detect(msg: Message) -> list[Delivery] | None:
    if not msg.get("x-ses-outgoing") or "amazon workmail" in msg.get("x-mailer").lower():
        return None
    text = report_text(msg.body_text)
    i = text.find(_BEGIN)
    if i < 0 or (i > 0 and text[i - 1] != "\n"):
        return None
    found = from_report(msg, NAME) or from_field_text(msg, NAME, text[i + len(_BEGIN):])
    return finish([quoted_status(d) for d in found])
