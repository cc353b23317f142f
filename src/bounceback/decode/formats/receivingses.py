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

from dataclasses import replace

from ...model import Delivery
from .. import scan
from ..common import from_field_text, from_report
from ..message import Message
from ._provider import finish, report_text

NAME = "receivingses"

_BEGIN = "This message could not be delivered."


def quoted_status(d: Delivery) -> Delivery:
    """A class-only status (x.0.0, x.1.0) refined by the remote reply SES quotes.

    ``5.1.0 - Unknown address error 550-'5.1.1 <a@b>... User Unknown'``: the quoted
    reply's code is the remote server's verdict (Sisimai: AmazonSES, ReceivingSES).
    """
    if d.status[2:] not in ("0.0", "1.0"):
        return d
    diag = d.diagnostic
    for q in ("'", '"'):
        i = diag.find(q)
        while 0 <= i < len(diag) - 1:
            status = scan.find_status(diag[i + 1:i + 12]) if diag[i + 1].isdigit() else ""
            if status and diag[i + 1:].startswith(status) and status[0] == d.status[0]:
                return replace(d, status=status)
            i = diag.find(q, i + 1)
    return d


def detect(msg: Message) -> list[Delivery] | None:
    if not msg.get("x-ses-outgoing") or "amazon workmail" in msg.get("x-mailer").lower():
        return None
    text = report_text(msg.body_text)
    i = text.find(_BEGIN)
    if i < 0 or (i > 0 and text[i - 1] != "\n"):
        return None
    found = from_report(msg, NAME) or from_field_text(msg, NAME, text[i + len(_BEGIN):])
    return finish([quoted_status(d) for d in found])
