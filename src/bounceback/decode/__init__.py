"""Decode: bytes of a message -> ``Delivery`` records, one per recipient.

Knows formats, not meanings: finds recipients, codes, diagnostic text, MTAs,
dates and the returned original's headers. ``classify`` gives them meaning.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Delivery
from ..verp import VerpPattern
from . import envelope, original, scan
from .common import NotABounce
from .message import Message
from .registry import DETECTORS

MAX_MESSAGE_BYTES = 64 * 1024 * 1024


def decode_message(msg: Message, verp: VerpPattern | None = None) -> list[Delivery]:
    found: list[Delivery] = []
    try:
        for detector in DETECTORS:
            found = detector.detect(msg) or []
            if found:
                break
    except NotABounce:
        return []  # a detector knows this is no bounce: not even VERP makes it one
    if verp is not None:
        found = envelope.apply(msg, found, verp)
    if not found:
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


def decode(raw: bytes, verp: VerpPattern | None = None) -> list[Delivery]:
    """All deliveries a raw message reports (empty when it is no bounce).

    With a VERP pattern, a report that does not name its recipient clearly gets the
    one the bounce's envelope address names (``decode/envelope.py``).
    """
    return decode_message(Message(raw[:MAX_MESSAGE_BYTES]), verp)
