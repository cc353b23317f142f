"""Last resort: a bounce-looking message no format claimed.

Finds RFC 3464 fields pasted into the text, else per-recipient blocks in the
human-readable part, else the ``X-Failed-Recipients`` header with the text as
diagnostic. Only for messages that look like bounces (sender or subject), so a
newsletter that mentions an address is not taken for one.
"""

from __future__ import annotations

from ...model import Delivery
from .. import scan
from ..common import delivery, from_field_text, from_text
from ..message import Message

NAME = "fallback"

_SENDERS = ("mailer-daemon", "postmaster", "mail delivery", "mail administrator", "mailer_daemon",
            "maildaemon", "mail-daemon", "mmdf", "smtp gateway", "mail system", "administrator")
_SUBJECTS = (
    "undeliver", "delivery fail", "delivery status", "returned mail", "failure notice", "mail delivery",
    "delivery notification", "could not be delivered", "nondeliverable", "non-deliverable", "not delivered",
    "delivery problem", "mail system error", "bounce", "rejected", "returned to sender", "unzustellbar",
    "non remis", "no se pudo entregar", "non recapitabile", "onbestelbaar", "недоставленное",
    "warning: could not send", "delayed mail", "delivery delayed", "error sending", "permanent error",
)


def looks_like_bounce(msg: Message) -> bool:
    sender = msg.sender.lower()
    return (any(s in sender for s in _SENDERS) or any(s in msg.subject.lower() for s in _SUBJECTS)
            or bool(msg.get("x-failed-recipients")) or not msg.get("return-path").strip("<> \t"))


def _auto_reply(msg: Message) -> bool:
    """An RFC 3834 auto-reply from a person's mailbox (the null Return-Path is usual there)."""
    return (msg.get("auto-submitted").lower().startswith("auto-replied") and not msg.get("x-failed-recipients")
            and not any(s in msg.sender.lower() for s in _SENDERS)
            and not any(s in msg.subject.lower() for s in _SUBJECTS))


def detect(msg: Message) -> list[Delivery] | None:
    if not looks_like_bounce(msg) or _auto_reply(msg):
        return None
    text = msg.body_text
    if "final-recipient:" in text.lower():
        found = from_field_text(msg, NAME, text)
        if found:
            return found
    found = from_text(msg, NAME)
    failed = [scan.clean_address(a) for a in ",".join(msg.get_all("x-failed-recipients")).split(",")]
    failed = [a for a in failed if a]
    if failed:
        have = {d.recipient.lower() for d in found}
        found = [d for d in found if d.recipient.lower() in {a.lower() for a in failed}] or found
        for a in failed:
            if a.lower() not in have:
                found.append(delivery(a, action="failed", diagnostic="", decoded_by=NAME))
    return found or None

