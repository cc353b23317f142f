"""SendGrid (``Return-Path: <apps@sendgrid.net>``).

Markers from Sisimai ``Lhost/SendGrid.pm`` (BSD-2-Clause): that Return-Path and
Subject ``Undelivered Mail Returned to Sender``; after ``This is an
automatically generated message from SendGrid.`` the RFC 3464 fields, with
``Action: expired`` for messages SendGrid gave up on and ``Diagnostic-Code``
holding the bare reply (``550 5.1.1 ...``). Without an enhanced code the status
is the reply code's class (``5.0.0``), as Sisimai reports it.
"""

from __future__ import annotations

from dataclasses import replace

from ...model import Delivery
from ..common import from_report_or_text, header_has
from ..message import Message
from ._provider import finish

NAME = "sendgrid"

_BEGIN = "This is an automatically generated message from SendGrid."


def detect(msg: Message) -> list[Delivery] | None:
    if not header_has(msg, "return-path", "apps@sendgrid.net"):
        return None
    found = from_report_or_text(msg, NAME, _BEGIN, anywhere=True)
    out = []
    for d in found:
        if not d.status and d.reply_code[:1] in ("4", "5"):
            d = replace(d, status=f"{d.reply_code[0]}.0.0")
        out.append(d)
    return finish(out)
