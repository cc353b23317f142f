"""Amazon WorkMail: RFC 3464 reports sent through SES.

Markers from Sisimai ``Lhost/AmazonWorkMail.pm`` (BSD-2-Clause): ``X-SES-Outgoing``
together with ``X-Mailer`` (or ``X-Original-Mailer``) ``Amazon WorkMail``; the
text part says ``Technical report:`` followed by the fields. The remote reply
is often quoted in angle brackets inside the diagnostic
(``... <550 5.1.1 user unknown>``); ``Message expired`` is ``expired``.
"""

from __future__ import annotations

from dataclasses import replace

from ...model import Delivery
from ..common import from_field_text, from_report
from ..message import Message
from ._provider import finish

NAME = "amazonworkmail"


def detect(msg: Message) -> list[Delivery] | None:
    mailer = (msg.get("x-original-mailer") or msg.get("x-mailer")).strip()
    if mailer != "Amazon WorkMail" or not msg.get("x-ses-outgoing"):
        return None
    found = from_report(msg, NAME)
    if not found:
        text = msg.body_text
        i = text.find("Technical report:")
        found = from_field_text(msg, NAME, text[i:]) if i >= 0 else []
    return finish([replace(d, reason="expired") if "message expired" in d.diagnostic.lower() else d for d in found])
