"""The VERP post-step: the recipient a bounce's envelope address names, used when the report is unclear.

Runs only when a ``VerpPattern`` is configured. "Unclear" means: the report names
no usable address (a recipient without ``@``), or no detector found any recipient
in a message that is plainly a delivery report (``multipart/report``, or sent by
MAILER-DAEMON/postmaster). A report that names a different, valid address is left
as it is: it says something about that address, and nothing is guessed.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Delivery
from ..verp import ENVELOPE_HEADERS, VerpPattern
from .common import delivery, one_line
from .message import Message
from .scan import addresses

NAME = "verp"
_DAEMONS = ("mailer-daemon", "postmaster", "mail delivery", "mailer_daemon")


def envelope_recipient(msg: Message, pattern: VerpPattern) -> str | None:
    """The first recipient decoded from the headers that carry the bounce's envelope address."""
    for name in ENVELOPE_HEADERS:
        for value in msg.get_all(name):
            for addr in addresses(value):
                rcpt = pattern.decode(addr)
                if rcpt:
                    return rcpt
    return None


def is_report(msg: Message) -> bool:
    if msg.content_type == "multipart/report":
        return True
    sender = msg.get("from").lower()
    return any(d in sender for d in _DAEMONS)


def apply(msg: Message, found: list[Delivery], pattern: VerpPattern) -> list[Delivery]:
    rcpt = envelope_recipient(msg, pattern)
    if rcpt is None:
        return found
    if not found:
        if not is_report(msg):
            return found
        return [delivery(rcpt, action="failed", diagnostic=one_line(msg.body_text)[:1000], decoded_by=NAME)]
    return [d if "@" in d.recipient else replace(d, recipient=rcpt, decoded_by=f"{d.decoded_by}+{NAME}")
            for d in found]
