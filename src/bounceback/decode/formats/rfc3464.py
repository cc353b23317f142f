"""RFC 3464 / RFC 6522 delivery status notifications from any MTA.

The catch-all for standard DSNs: a ``message/delivery-status`` part (or its
RFC 6533 ``global`` twin) with per-recipient fields; diagnostics missing from the
fields are completed from the human-readable part.
"""

from __future__ import annotations

from ...model import Delivery
from ..common import from_report
from ..message import Message

NAME = "rfc3464"


def detect(msg: Message) -> list[Delivery] | None:
    return from_report(msg, NAME) or None
