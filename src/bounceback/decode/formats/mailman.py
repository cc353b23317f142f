"""GNU Mailman list notices that refuse a post (Mailman 2.1 and 3).

Sent from ``<list>-owner@`` / ``<list>-bounces@`` to the poster: Moderate.py's
"You are not allowed to post to this mailing list, and your message has been
automatically rejected", the moderator's "Your request to the <list> mailing list
... has been rejected by the list moderator" (refuse.txt), Mailman 3's "Your
message to the <list> mailing-list was rejected for the following reasons:".
The address that refused the mail is the list's own; the reason is the format's.
Held-for-moderation notices are not failures and are left alone.
"""

from __future__ import annotations

from ...model import Delivery
from .. import scan
from ..common import delivery
from ..message import Message

NAME = "mailman"

_REFUSALS = ("you are not allowed to post to this mailing list", "has been rejected by the list moderator",
             "mailing-list was rejected for the following", "your message has been automatically rejected")
_SUFFIXES = ("-owner", "-bounces", "-request")


def detect(msg: Message) -> list[Delivery] | None:
    sender = scan.clean_address(msg.sender)
    local, _, domain = sender.rpartition("@")
    suffix = next((s for s in _SUFFIXES if local.lower().endswith(s)), "")
    if not suffix:
        return None
    text = msg.body_text
    low = " ".join(text[:4096].lower().split())
    if not any(r in low for r in _REFUSALS):
        return None
    diag = " ".join(p.strip() for p in text.split("\n\n")[:3] if p.strip())
    return [delivery(f"{local[:-len(suffix)]}@{domain}", action="failed", diagnostic=diag, reason="rejected",
                     decoded_by=NAME)]
