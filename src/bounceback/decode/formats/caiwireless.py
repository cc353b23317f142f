"""The MTA at caiwireless.net: a multipart/mixed notice whose text lists ``<address>`` lines.

::

    Mail delivery failed.

    The following recipients did not receive this message:

    <someone@example.com>

flufl.bounce ``caiwireless.py`` (the message claims MIME but its report part
is empty, so the standard parser finds nothing).
"""

from __future__ import annotations

from ...model import Delivery
from .. import loose
from ..common import delivery
from ..message import Message

NAME = "caiwireless"

_OPENING = "the following recipients did not receive this message:"


def detect(msg: Message) -> list[Delivery] | None:
    if msg.content_type != "multipart/mixed" or not loose.looks_like_bounce(msg):
        return None
    text = msg.body_text
    lower = text.lower()
    start = lower.find(_OPENING)
    if start < 0:
        return None
    before = " ".join(text[:start].split())
    out = []
    for line in text[start + len(_OPENING) :].split("\n"):
        s = line.strip()
        if not s:
            continue
        if not s.startswith("<") or ">" not in s:
            break
        addr = loose.clean(s[1 : s.find(">")], loose.sender_side(msg))
        if addr:
            out.append(delivery(addr, action="failed", diagnostic=before or "Mail delivery failed",
                                decoded_by=NAME))
    return out or None
