"""Decode: bytes of a message -> ``Delivery`` records, one per recipient.

Knows formats, not meanings: finds recipients, codes, diagnostic text, MTAs,
dates and the returned original's headers. ``classify`` gives them meaning.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Delivery
from . import original, scan
from .common import NotABounce
from .message import Message
from .registry import DETECTORS

MAX_MESSAGE_BYTES = 64 * 1024 * 1024


def decode_message(msg: Message) -> list[Delivery]:
    try:
        for detector in DETECTORS:
            found = detector.detect(msg)
            if found:
                break
        else:
            return []
    except NotABounce:
        return []
    orig = original.find_original(msg, msg.body_text)
    if not orig.sender and msg.get("to"):
        # a bounce goes to the original's envelope sender (RFC 3461 §6.2, RFC 5321 §4.5.5)
        orig = replace(orig, sender=msg.decoded("to").strip())
    date = scan.parse_date(msg.get("date"))
    out, seen = [], set()
    for d in found:
        key = (d.recipient.lower(), d.action)
        if key in seen:
            continue
        seen.add(key)
        out.append(replace(d, original=orig, date=d.date or date))
    return out


def decode(raw: bytes) -> list[Delivery]:
    """All deliveries a raw message reports (empty when it is no bounce)."""
    return decode_message(Message(raw[:MAX_MESSAGE_BYTES]))
