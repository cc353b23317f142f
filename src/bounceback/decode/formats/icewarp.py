"""IceWarp Mail Server (formerly Merak): RFC 3464 reports stamped by IceWarp.

IceWarp's delivery reports are ``multipart/report`` DSNs; the server is
recognised by the ``(IceWarp <version>)``/``(Merak <version>)`` stamp of the
Received line it adds to its own report. The text part completes diagnostics
the report omits.
"""

from __future__ import annotations

from ...model import Delivery
from ..message import Message
from ..textscan import TextFormat
from . import _lhost

NAME = "icewarp"

FORMAT = TextFormat()


def is_icewarp(msg: Message) -> bool:
    received = msg.get_all("received")[:2]
    return any("(IceWarp " in r or "(Merak " in r for r in received) or "icewarp" in msg.get("x-mailer").lower()


def detect(msg: Message) -> list[Delivery] | None:
    if not is_icewarp(msg) or not _lhost.report_fields(msg).recipients:
        return None
    return _lhost.combine(msg, NAME, FORMAT) or None
