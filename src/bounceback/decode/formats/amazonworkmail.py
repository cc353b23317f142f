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
from ..common import from_report_or_text
from ..message import Message
from ._provider import finish

NAME = "amazonworkmail"


def detect(msg: Message) -> list[Delivery] | None:
    mailer = (msg.get("x-original-mailer") or msg.get("x-mailer")).strip()
    if mailer != "Amazon WorkMail" or not msg.get("x-ses-outgoing"):
        return None
    found = from_report_or_text(msg, NAME, "Technical report:")
    return finish([replace(d, reason="expired") if "message expired" in d.diagnostic.lower() else d for d in found])
