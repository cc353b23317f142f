"""RFC 3834 automatic responses (vacation / out-of-office): reason ``vacation``, never a failure.

Tried after every bounce format, because real bounces carry
``Auto-Submitted: auto-replied`` too (Postfix, Exim). The responder is the
recipient: the From of the reply.
"""

from __future__ import annotations

from ...model import Delivery
from .. import scan
from ..common import delivery
from ..message import Message

NAME = "rfc3834"

# Subjects of out-of-office replies in the languages bounceback supports
_SUBJECTS = (
    "out of office", "out of the office", "auto:", "automatic reply", "auto reply", "autoreply",
    "auto-reply", "vacation", "away from", "abwesenheit", "automatische antwort", "absence", "réponse automatique",
    "respuesta automática", "fuera de la oficina", "risposta automatica", "fuori ufficio", "resposta automática",
    "afwezig", "automatisch antwoord", "автоответ", "odpowiedź automatyczna", "自動応答", "自动回复", "자동 응답",
)
_DAEMONS = ("mailer-daemon", "postmaster", "mail delivery", "mail administrator")


def detect(msg: Message) -> list[Delivery] | None:
    auto = msg.get("auto-submitted").lower()
    flagged = (auto.startswith("auto-replied") or msg.get("x-autoreply") or msg.get("x-autorespond")
               or msg.get("precedence").lower() in ("auto_reply", "autoreply")
               or msg.get("x-auto-response-suppress") and any(s in msg.subject.lower() for s in _SUBJECTS))
    subject = msg.subject.lower()
    if not flagged and not any(subject.startswith(s) or f" {s}" in subject for s in _SUBJECTS):
        return None
    sender = msg.sender
    if any(d in sender.lower() for d in _DAEMONS):
        return None
    addr = scan.clean_address(msg.get("reply-to") or sender) or scan.clean_address(sender)
    if not addr:
        return None
    return [delivery(addr, reason="vacation", diagnostic=msg.subject, decoded_by=NAME,
                     date=scan.parse_date(msg.get("date")))]
