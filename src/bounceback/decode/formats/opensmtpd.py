"""OpenSMTPD: "Delivery status notification: error|delayed|failed".

smtpd/bounce.c: "This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail.",
then "... the following list of recipients:" and one ``rcpt: error`` line each,
"Below is a copy of the original message:" (newer versions attach a
``message/delivery-status`` part). Detection and markers after
Sisimai::Lhost::OpenSMTPD; "Envelope expired" is smtpd/queue.c's expiry.
"""

from __future__ import annotations

from ...model import Delivery
from ..common import from_has, subject_has
from ..message import Message
from ..textscan import TextFormat
from . import _lhost

NAME = "opensmtpd"

FORMAT = TextFormat(begin=("list of recipients:",),
                    end=("below is a copy of the original message", "please note that this is only a temporary"))


def _reason(diag: str) -> str:
    return "expired" if diag.lower().startswith("envelope expired") else ""


def detect(msg: Message) -> list[Delivery] | None:
    if not subject_has(msg, "delivery status notification") or not from_has(msg, "mailer daemon", "mailer-daemon"):
        return None
    if "this is the mailer-daemon, please do not reply" not in msg.body_text[:4096].lower():
        return None
    delayed = msg.subject.lower().rstrip().endswith("delayed")
    return _lhost.combine(msg, NAME, FORMAT, action="delayed" if delayed else "failed", reason=_reason) or None
