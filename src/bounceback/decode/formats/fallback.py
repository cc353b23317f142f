"""Last resort: a bounce-looking message no format claimed.

Only for messages that look like bounces by their headers (``loose.looks_like_bounce``:
sender, subject, X-Failed-Recipients, null Return-Path; never a read receipt), so
a newsletter or a personal mail that mentions an address is not taken for one.
Then, in order:

1. RFC 3464 fields pasted into the text;
2. recipients in the text before the returned original (``decode.loose``);
3. the ``X-Failed-Recipients`` header, with the text as diagnostic;
4. when the notice itself names nobody: a DSN attached as ``message/rfc822``
   (a disclaimer or virus-scan relay wrapped the report, or forwarded it).
"""

from __future__ import annotations

from ...model import Delivery
from .. import loose, scan
from ..common import REPORT_TYPES, delivery, from_field_text, from_report
from ..message import Message

NAME = "fallback"


def _wrapped_report(msg: Message) -> list[Delivery]:
    """The DSN inside an attached message (a relay wrapped a report, or forwarded it unchanged)."""
    for p in msg.leaves:
        if p.content_type != "message/rfc822":
            continue
        inner = p.attached
        if inner is None or not inner.content_type.startswith("multipart/"):
            return []
        wrapped = Message(p.raw_body.lstrip(b"\n"))
        if any(q.content_type in REPORT_TYPES for q in wrapped.leaves):
            return from_report(wrapped, NAME)
        return []
    return []


def detect(msg: Message) -> list[Delivery] | None:
    if not loose.looks_like_bounce(msg):
        return None
    text = msg.body_text
    if "final-recipient:" in text.lower():
        found = from_field_text(msg, NAME, text)
        if found:
            return found
    sect = loose.section(text) or ""
    action = "delayed" if loose.is_delay(msg.subject, sect) else "failed"
    found = []
    # headers alone (a null Return-Path, "bounce" in a subject) are not enough: the text must say what failed
    if loose.reports_failure(sect):
        found = [delivery(b.address, action=action, diagnostic=b.text, decoded_by=NAME, original_recipient=b.alias)
                 for b in loose.blocks(sect, loose.sender_side(msg), loose.sender_side(msg, weak=True))]
    failed = [scan.clean_address(a) for a in ",".join(msg.get_all("x-failed-recipients")).split(",")]
    failed = [a for a in failed if a]
    if failed:
        wanted = {a.lower() for a in failed}
        found = [d for d in found if d.recipient.lower() in wanted] or found
        have = {d.recipient.lower() for d in found}
        for a in failed:
            if a.lower() not in have:
                found.append(delivery(a, action=action, diagnostic=" ".join(sect.split()), decoded_by=NAME))
    return found or _wrapped_report(msg) or None
