"""RFC 3834 automatic responses (vacation / out-of-office): reason ``vacation``, never a failure.

Tried after every bounce format, because real bounces carry
``Auto-Submitted: auto-replied`` too (Postfix, Exim). The responder is the
recipient: the From of the reply.
"""

from __future__ import annotations

from dataclasses import replace

from ...model import Delivery
from .. import scan
from ..common import delivery, one_line
from ..message import Message

NAME = "rfc3834"

# Subjects of out-of-office replies in the languages bounceback supports
_SUBJECTS = (
    "out of office", "out of the office", "auto:", "automatic reply", "auto reply", "autoreply",
    "auto-reply", "vacation", "away from", "abwesenheit", "automatische antwort", "absence", "réponse automatique",
    "respuesta automática", "fuera de la oficina", "risposta automatica", "fuori ufficio", "resposta automática",
    "afwezig", "automatisch antwoord", "автоответ", "odpowiedź automatyczna", "自動応答", "自动回复", "자동 응답",
)
_GONE = ("no longer in use", "no longer active", "no longer monitored", "no longer valid", "no longer exists")
_DAEMONS = ("mailer-daemon", "postmaster", "mail delivery", "mail administrator")


def detect(msg: Message) -> list[Delivery] | None:
    auto = msg.get("auto-submitted").lower()
    flagged = (auto.startswith("auto-replied") or msg.get("x-autoreply") or msg.get("x-autorespond")
               or msg.get("x-apple-action").strip().lower() == "vacation"  # Sisimai RFC3834.pm
               or msg.get("precedence").lower() in ("auto_reply", "autoreply")
               or msg.get("x-auto-response-suppress") and any(s in msg.subject.lower() for s in _SUBJECTS))
    subject = msg.subject.lower()
    if not flagged and not any(subject.startswith(s) or f" {s}" in subject for s in _SUBJECTS):
        return None
    sender = msg.sender
    if any(d in sender.lower() for d in _DAEMONS):
        return None
    # the responder is the mailbox that answered: From, else Return-Path (Sisimai RFC3834.pm);
    # Reply-To may name a colleague to write to instead
    addr = scan.clean_address(sender) or scan.clean_address(msg.get("return-path"))
    if not addr:
        return None
    text = _opening(msg)
    # "This inbox is no longer in use": an auto-reply that says the address is gone is no
    # vacation notice; classify reads its words (Sisimai 5 reads suspend there)
    reason = "" if any(g in text.lower() for g in _GONE) else "vacation"
    d = delivery(addr, reason=reason, diagnostic=text, decoded_by=NAME, date=scan.parse_date(msg.get("date")))
    return [replace(d, status="", reply_code="", smtp_command="")]


def _opening(msg: Message) -> str:
    """The subject and the reply's first lines (Sisimai reads up to five), as the diagnostic."""
    body = msg.body_text.strip()
    para = " ".join(body.split("\n\n", 1)[0].split()[:80]) if body else ""
    return one_line(f"{msg.subject} {para}" if para else msg.subject)
