"""Novell GroupWise Internet Agent, NTMail and Exchange 5.5's Internet Mail Service notices.

Recognised by ``X-Mailer: Novell GroupWise Internet Agent ...``, ``NTMail v...`` or
``Internet Mail Service (5.5...)`` on a multipart/mixed notice (flufl.bounce
``groupwise.py``). The first text part lists the recipients, as ``<address>``
or as an address opening a line (``someone@example.com on <date>``), before the
returned original; the lines below an address explain it.
"""

from __future__ import annotations

from ...model import Delivery
from .. import loose
from ..common import delivery
from ..message import Message

NAME = "groupwise"

_MAILERS = ("novell groupwise", "ntmail", "internet mail service")


def detect(msg: Message) -> list[Delivery] | None:
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
