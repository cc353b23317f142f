"""Novell GroupWise Internet Agent, NTMail and Exchange 5.5's Internet Mail Service notices.

Recognised by ``X-Mailer: Novell GroupWise Internet Agent ...``, ``NTMail v...`` or
``Internet Mail Service (5.5...)`` on a multipart/mixed notice (flufl.bounce
``groupwise.py``). The first text part lists the recipients, as ``<address>``
or as an address opening a line (``someone@example.com on <date>``), before the
returned original; the lines below an address explain it.

A GroupWise Internet Agent's own "Message status - undeliverable" says "The
message that you sent was undeliverable to the following:" with one indented
``address (reason)`` line per recipient; newer GWIAs add an RFC 3464 part.
"""

from __future__ import annotations

from ...model import Delivery
from .. import loose, scan
from ..common import delivery, from_report
from ..message import Message

NAME = "groupwise"

_MAILERS = ("novell groupwise", "ntmail", "internet mail service")


# GWIA's notes around the reply: "(host: mx.example.com) (queue: smtp) (delivery attempts: 1)"
_NOTES = ("host:", "queue:", "delivery attempts:")


def _groups(why: str) -> tuple[str, str]:
    """(remote host, reply) of "(host: X) (queue: Q) (delivery attempts: N) (reply)" or of "(reply)"."""
    why = why.strip()
    if not why.startswith("("):
        return "", why
    host, rest = "", []
    for g in why[1:].removesuffix(")").split(") ("):
        low = g.lower()
        if low.startswith("host:"):
            host = g[5:].strip()
        elif not low.startswith(_NOTES):
            rest.append(g)
    return host, " ".join(rest)


def _gwia(msg: Message) -> list[Delivery] | None:
    """GWIA's own status message: "... was undeliverable to the following:" / "\taddress (reason)"."""
    if "groupwise" not in msg.get("x-mailer").lower() and not msg.subject.lower().startswith("message status - "):
        return None
    found = from_report(msg, NAME)
    if found:
        return found
    text = msg.body_text
    i = text.lower().find("was undeliverable to the following")
    if i < 0:
        return None
    out = []
    for line in text[i:].split("\n")[1:]:
        s = line.strip()
        if not s:
            if out:
                break
            continue
        addr, _, why = s.partition(" ")
        rcpt = scan.clean_address(addr)
        if rcpt:
            host, diag = _groups(why)
            out.append(delivery(rcpt, action="failed", diagnostic=diag, remote_mta=host, decoded_by=NAME))
    return out or None


def detect(msg: Message) -> list[Delivery] | None:
    gwia = _gwia(msg)
    if gwia:
        return gwia
    if msg.content_type != "multipart/mixed" or not msg.get("x-mailer").lower().startswith(_MAILERS):
        return None
    text = msg.body_text
    sect = loose.section(text)
    if not sect:
        return None
    found = loose.blocks(sect, loose.sender_side(msg), loose.sender_side(msg, weak=True), anywhere=True)
    action = "delayed" if loose.is_delay(msg.subject, sect) else "failed"
    return [delivery(b.address, action=action, diagnostic=b.text, decoded_by=NAME, original_recipient=b.alias)
            for b in found] or None
