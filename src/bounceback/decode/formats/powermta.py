"""PowerMTA (Port25/SparkPost): "Delivery report" with its bounce category.

"Hello, this is the mail server on <host>." then RFC 3464 fields (in a
``message/delivery-status`` part or the text) and ``X-PowerMTA-BounceCategory``,
PowerMTA's own classification of the failure, which names the reason. Markers
after Sisimai::Lhost::PowerMTA and PowerMTA's bounce-category list.
"""

from __future__ import annotations

from dataclasses import replace

from ...model import Delivery
from ..common import from_field_text, from_report, subject_has
from ..message import Message

NAME = "powermta"

# PowerMTA bounce categories that name a reason (the others say less than the text does)
_CATEGORIES = {
    "bad-domain": "hostunknown", "bad-mailbox": "userunknown", "inactive-mailbox": "suspend",
    "message-expired": "expired", "no-answer-from-host": "networkerror", "policy-related": "policyviolation",
    "quota-issues": "mailboxfull", "routing-errors": "systemerror", "spam-related": "spamdetected",
    "virus-related": "virusdetected", "relaying-issues": "norelaying", "content-related": "contenterror",
}


def _categories(text: str) -> list[str]:
    return [ln.split(":", 1)[1].strip().lower() for ln in text.split("\n")
            if ln.lower().startswith("x-powermta-bouncecategory:")]


def detect(msg: Message) -> list[Delivery] | None:
    if not subject_has(msg, "delivery report"):
        return None
    text = msg.body_text
    if "hello, this is the mail server on " not in text[:4096].lower():
        return None
    found = from_report(msg, NAME) or from_field_text(msg, NAME, text)
    part = next((p.text for p in msg.leaves if "delivery-status" in p.content_type), text)
    cats = _categories(part) or _categories(text)
    if len(cats) == len(found):
        found = [replace(d, reason=_CATEGORIES.get(c, d.reason),
                         action="delayed" if _CATEGORIES.get(c) == "expired" else d.action)
                 for d, c in zip(found, cats, strict=True)]
    return found or None
