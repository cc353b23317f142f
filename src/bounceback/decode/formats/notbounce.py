"""Messages that look like bounces but report no failed delivery: tried first, stops decoding.

* Read receipts (RFC 8098 message disposition notifications): a
  ``multipart/report; report-type=disposition-notification``; they travel with a
  null Return-Path like bounces, and say the message *was* received.
* Challenge-response notices (Boxbe, SpamArrest, Mailblocks, TMDA and
  mail servers that hold mail until the sender confirms): the message is waiting
  for the sender to prove they are a person, the address is good. Some of these
  come as a DSN with ``Action: failed`` (Boxbe's "Sender not pre-approved") or
  as an MTA's 550 "requires confirmation"; Mail::DeliveryStatus::BounceParser
  counts them as not bounces, and so does bounceback.

Only the notice itself is read (the first text part before the returned
original, and the delivery-status part), never the returned original.
"""

from __future__ import annotations

from ... import patterns
from ...model import Delivery
from .. import loose, original
from ..common import NotABounce, report_part
from ..message import Message

NAME = "notbounce"

_CHALLENGE = patterns.compile(
    r"sender not pre-?approved|requires? (?:your |a )?confirmation|please confirm (?:that )?you|"
    r"(?:verify|confirm) (?:that )?you are (?:a )?(?:real )?(?:human|person)|has been waitlisted|"
    r"challenge[- ]response|add yourself to my [a-z ]{0,20}(?:guest|allowed|approved) list|"
    r"(?:click|use|visit) the link below to (?:be added|verify|confirm)"
)
MAX_TEXT = 16 * 1024


def _notice(msg: Message) -> str:
    text = msg.body_text[:MAX_TEXT]
    sep = original.find_separator(text.lower())
    if sep >= 0:
        text = text[:sep]
    rep = report_part(msg)
    if rep is not None:
        text += "\n" + rep.text[:MAX_TEXT]
    return text


def detect(msg: Message) -> list[Delivery] | None:
    if loose.is_mdn(msg):
        raise NotABounce
    if not loose.looks_like_bounce(msg) and report_part(msg) is None:
        return None  # nothing later would read a failure into it
    if _CHALLENGE.search(msg.subject) or _CHALLENGE.search(_notice(msg)):
        raise NotABounce
    return None
