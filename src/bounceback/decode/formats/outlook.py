"""Outlook.com / Hotmail: RFC 3464 reports from ``postmaster@*.hotmail.com``.

Markers from Sisimai ``Lhost/Outlook.pm`` (BSD-2-Clause): at least two of
Subject ``Delivery Status Notification``, ``X-Message-Delivery``,
``X-Message-Info`` and a Received header of ``.hotmail.com``. The report part
carries the fields; a delayed or timed-out delivery has no Diagnostic-Code, and
Status X.4.7 ("Delivery time expired", RFC 3463) makes the reason ``expired``.
"""

from __future__ import annotations

from dataclasses import replace

from ...model import Delivery
from ..common import from_report
from ..message import Message
from ._provider import finish, received_has

NAME = "outlook"


def detect(msg: Message) -> list[Delivery] | None:
    score = ("delivery status notification" in msg.subject.lower()) + bool(msg.get("x-message-delivery")) \
        + bool(msg.get("x-message-info")) + received_has(msg, ".hotmail.com")
    if score < 2:
        return None
    found = from_report(msg, NAME)
    return finish([replace(d, reason="expired") if d.status[2:] == "4.7" else d for d in found])
