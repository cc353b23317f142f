"""Stalwart Mail Server: RFC 3464 reports with one line per recipient.

Stalwart's DSNs (crates/smtp/src/reporting/dsn.rs) come from ``"Mail Delivery Subsystem"
<MAILER-DAEMON@host>`` with Subject ``Failed to deliver message``, ``Warning: Delay in
message delivery`` or ``Partially delivered message``; the text part lists each recipient
as ``<rcpt> (error)`` under "Your message could not be delivered to the following
recipients:" or "There was a temporary problem delivering your message to the following
recipients:", the error in its own words (``host 'mx' rejected command 'RCPT TO:<...>'
with code 550 (5.1.1) '...'``, ``connection to 'mx' failed: ...``). The report part often
has no Diagnostic-Code for a delay: the text line is then the diagnostic.
"""

from __future__ import annotations

from dataclasses import replace

from ...model import Delivery
from ..common import from_has, from_report
from ..message import Message
from ..textscan import TextFormat
from ._provider import finish

NAME = "stalwart"

_SUBJECTS = ("failed to deliver message", "warning: delay in message delivery", "partially delivered message")
FORMAT = TextFormat(begin=("could not be delivered to the following recipients:",
                           "temporary problem delivering your message to the following recipients:"))


def detect(msg: Message) -> list[Delivery] | None:
    if msg.subject.strip().lower() not in _SUBJECTS or not from_has(msg, "mailer-daemon@"):
        return None
    found = from_report(msg, NAME, FORMAT)
    # "<rcpt> (error)": the parentheses are the template's, not the server's words
    return finish([replace(d, diagnostic=d.diagnostic[1:-1]) if d.diagnostic.startswith("(")
                   and d.diagnostic.endswith(")") else d for d in found])
