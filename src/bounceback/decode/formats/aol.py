"""AOL Mail (``MAILER-DAEMON@aol.com``): RFC 3464 reports.

Markers from Sisimai ``Lhost/Aol.pm`` (BSD-2-Clause): the ``X-AOL-IP`` header and a
``message/delivery-status`` part; continuation lines of Diagnostic-Code belong
to it.
"""

from __future__ import annotations

from ...model import Delivery
from ..common import from_report
from ..message import Message
from ._provider import finish

NAME = "aol"


def detect(msg: Message) -> list[Delivery] | None:
    if not msg.get("x-aol-ip"):
        return None
    return finish(from_report(msg, NAME))
