"""Kerio Connect (formerly Kerio MailServer): RFC 3464 reports stamped by Kerio.

Kerio Connect's reports are standard ``multipart/report`` DSNs; the server is
recognised by the ``(Kerio Connect ...)``/``(Kerio MailServer ...)`` stamp of the
Received line it adds or its ``X-Mailer``. The human-readable part lists the
failed addresses with the remote reply and completes diagnostics the report omits.
"""

from __future__ import annotations

from ...model import Delivery
from ..message import Message
from ..textscan import TextFormat
from . import _lhost

NAME = "kerio"

FORMAT = TextFormat()
_REPLIED = "remote server replied:"


def _clean(text: str) -> str:
    """The remote reply after "Remote server replied:", without the notes above it (error type, hop count)."""
    i = text.lower().rfind(_REPLIED)
    return text[i + len(_REPLIED):].strip() if i >= 0 else text.strip()


def is_kerio(msg: Message) -> bool:
    if "kerio" in msg.get("x-mailer").lower():
        return True
    received = msg.get_all("received")[:2]
    return any("(Kerio Connect" in r or "(Kerio MailServer" in r for r in received)


def detect(msg: Message) -> list[Delivery] | None:
    if not is_kerio(msg) or not _lhost.report_fields(msg).recipients:
        return None
    return _lhost.combine(msg, NAME, FORMAT, clean=_clean) or None
