"""RFC 3834 automatic responses (vacation / out-of-office): reason ``vacation``, never a failure.

Tried after every bounce format, because real bounces carry
``Auto-Submitted: auto-replied`` too (Postfix, Exim). The responder is the
recipient: the From of the reply.

What counts (Sisimai::RFC3834): a reply marked as one (``Auto-Submitted: auto-replied``,
``X-Autoreply``, ``X-Apple-Action: vacation``, ``Precedence: auto_reply``); or a message
marked as automatic (``Auto-Submitted: auto-generated`` / ``auto-notified``, the
``X-Auto-Response-Suppress: OOF`` / ``AutoReply`` that Exchange and ticket systems put on
their own automatic answers) or titled like an out-of-office reply, unless it is list
mail (``List-Id`` / ``List-Unsubscribe``: a newsletter about vacations is no vacation
notice) or says it is not automatic (``Auto-Submitted: no``, RFC 3834 §5). Never a
message from root or to root (system mail: cron, sudo's "security information for"),
Exim's "Mail failure -" notices, or a mail system's own sender.
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
    "auto-reply", "auto response", "autoresponse", "vacation:", "vacation reply", "vacation notice",
    "vacation message", "vacation response", "on vacation", "away from the office", "away from office", "abwesenheit", "automatische antwort", "absence", "réponse automatique",
    "respuesta automática", "fuera de la oficina", "risposta automatica", "fuori ufficio", "resposta automática",
    "afwezig", "automatisch antwoord", "автоответ", "odpowiedź automatyczna", "自動応答", "自动回复", "자동 응답",
)
_GONE = ("no longer in use", "no longer active", "no longer monitored", "no longer valid", "no longer exists")
_DAEMONS = ("mailer-daemon", "postmaster", "mail delivery", "mail administrator")
# sudo's "*** SECURITY information for host ***" and Exim's "Mail failure - malformed
# recipient address" (Sisimai::RFC3834 $excludings)
_NOT_REPLIES = ("security information for", "mail failure -")


def _titled(subject: str) -> bool:
    """An out-of-office title: the subject opens with the phrase ("Out of Office: hello",
    "Automatische Antwort: ..."), also after a reply prefix or in brackets ("RE: Auto: ...",
    "[Auto-Reply] ...")."""
    s = subject.strip().lstrip("[(").lstrip()
    for _ in range(2):
        if any(s.startswith(p) for p in _SUBJECTS):
            return True
        head, sep, rest = s.partition(":")
        if not sep or len(head) > 4:
            return False
        s = rest.strip().lstrip("[(").lstrip()
    return False


def _root(value: str) -> bool:
    return scan.clean_address(value).lower().startswith("root@")


def detect(msg: Message) -> list[Delivery] | None:
    auto = msg.get("auto-submitted").strip().lower()
    subject = msg.subject.lower()
    replied = (auto.startswith("auto-replied") or msg.get("x-autoreply") or msg.get("x-autorespond")
               or msg.get("x-apple-action").strip().lower() == "vacation"  # Sisimai RFC3834.pm
               or msg.get("precedence").strip().lower() in ("auto_reply", "autoreply"))
    if not replied:
        suppress = msg.get("x-auto-response-suppress").lower()
        automatic = (auto.startswith(("auto-generated", "auto-notified"))
                     or "oof" in suppress or "autoreply" in suppress or _titled(subject))
        if not automatic or auto == "no" or msg.get("list-id") or msg.get("list-unsubscribe"):
            return None
    sender = msg.sender
    if any(d in sender.lower() for d in _DAEMONS) or _root(sender) or _root(msg.get("to")) \
            or any(x in subject for x in _NOT_REPLIES):
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
