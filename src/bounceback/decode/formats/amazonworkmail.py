"""Amazon WorkMail: RFC 3464 reports sent through SES.

Markers from Sisimai ``Lhost/AmazonWorkMail.pm`` (BSD-2-Clause): ``X-SES-Outgoing``
together with ``X-Mailer`` (or ``X-Original-Mailer``) ``Amazon WorkMail``; the
text part says ``Technical report:`` followed by the fields. The remote reply
is often quoted in angle brackets inside the diagnostic
(``554 4.4.7 Message expired: ... <421 4.4.2 Connection timed out>``): its reply
code is the remote server's; ``Message expired`` is ``expired``. A class-only Status
(x.0.0, x.1.0) takes the code of a reply SES quotes (``5.1.0 - ... 552-'5.2.2 ...'``),
as for Amazon SES.
"""

from __future__ import annotations

from dataclasses import replace

from ...model import Delivery
from .. import scan
from ..common import from_report_or_text
from ..message import Message
from ._provider import finish
from .amazonses import quoted_status

NAME = "amazonworkmail"


def quoted_reply(diag: str) -> str:
    """The reply code of the remote reply WorkMail quotes in angle brackets: ``<421 4.4.2 ...>``."""
    i = diag.find("<")
    while 0 <= i < len(diag) - 4:
        code = diag[i + 1:i + 4]
        if code.isdigit() and code[0] in "245" and diag[i + 4] == " " and diag.find(">", i) > 0:
            return code
        i = diag.find("<", i + 1)
    return ""


def _refine(d: Delivery) -> Delivery:
    d = quoted_status(d)
    code = quoted_reply(d.diagnostic)
    if code and scan.codes_agree(code, d.status):
        d = replace(d, reply_code=code)
    if "message expired" in d.diagnostic.lower():
        d = replace(d, reason="expired")
    return d


def detect(msg: Message) -> list[Delivery] | None:
    mailer = (msg.get("x-original-mailer") or msg.get("x-mailer")).strip()
    if mailer != "Amazon WorkMail" or not msg.get("x-ses-outgoing"):
        return None
    return finish([_refine(d) for d in from_report_or_text(msg, NAME, "Technical report:")])
