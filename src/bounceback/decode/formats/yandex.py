"""Yandex.Mail (``mailer-daemon@yandex.ru``): a Postfix report with a Russian preface.

Markers from Sisimai ``Lhost/Yandex.pm`` (BSD-2-Clause): ``X-Yandex-Uniq`` and
From ``mailer-daemon@yandex.ru``; the text says ``This is the mail system at
host yandex.ru.`` and the RFC 3464 part carries the fields
(``Diagnostic-Code: X-Yandex; ...``). As with Postfix, ``Action: failed`` with a
4.X.X status is a message returned when its queue lifetime ran out: ``expired``.
"""

from __future__ import annotations

from dataclasses import replace

from ...model import Delivery
from ..common import from_report, from_text
from ..message import Message
from ..textscan import TextFormat
from ._provider import finish

NAME = "yandex"


def detect(msg: Message) -> list[Delivery] | None:
    if not msg.get("x-yandex-uniq") or "mailer-daemon@yandex." not in msg.sender.lower():
        return None
    found = from_report(msg, NAME) or from_text(msg, NAME, TextFormat(begin=("this is the mail system at host",)))
    return finish([replace(d, reason="expired") if d.action == "failed" and d.status.startswith("4.") else d
                   for d in found])
