"""GNU Mailman list notices that refuse a post (Mailman 2.1 and 3).

Sent from ``<list>-owner@`` / ``<list>-bounces@`` to the poster: Moderate.py's
"You are not allowed to post to this mailing list, and your message has been
automatically rejected", the moderator's "Your request to the <list> mailing list
... has been rejected by the list moderator" (refuse.txt), Mailman 3's "Your
message to the <list> mailing-list was rejected for the following reasons:".
The address that refused the mail is the list's own; the reason is the format's.
Held-for-moderation notices are not failures and are left alone.

The list owner's notices about a member whose mail keeps bouncing name that member:
Mailman 2.1's "This is a Mailman mailing list bounce action notice:" with a
``Member:`` line (Bouncer.py), Mailman 3's "<member>'s subscription has been
disabled on <list> due to their bounce score ..." (``list:admin:notice:disable``)
and "... has been removed from <list> ..." (``list:admin:notice:removal``). The
list's own addresses in them (owner, site administrator) are never recipients.
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


_ACTION_NOTICE = "this is a mailman mailing list bounce action notice"
_BOUNCE_SCORE = ("'s subscription has been disabled on ", "'s subscription has been removed from ")


def _member_notice(text: str, low: str) -> list[Delivery]:
    """The member a bounce action / bounce score notice to the list owner names."""
    member, diag = "", ""
    if low.startswith(_ACTION_NOTICE):
        # "    Member:     a@b" / "    Action:     Subscription disabled." / "    Reason:     Excessive ..."
        fields = {}
        for line in text.split("\n")[1:12]:
            key, sep, value = line.strip().partition(":")
            if sep:
                fields.setdefault(key.lower(), value.strip())
        member = scan.clean_address(fields.get("member", ""))
        diag = " ".join(f"{k.title()}: {fields[k]}" for k in ("action", "reason") if fields.get(k))
    else:
        flat = " ".join(text.split())  # as ``low``, not lower-cased
        for marker in _BOUNCE_SCORE:
            i = low.find(marker)
            if 0 < i < 320 and " " not in low[:i].strip():
                member, diag = scan.clean_address(flat[:i]), flat
                break
    if not member or "@" not in member:
        return []
    return [delivery(member, action="failed", diagnostic=diag, decoded_by=NAME)]


def detect(msg: Message) -> list[Delivery] | None:
    sender = scan.clean_address(msg.sender)
    local, _, domain = sender.rpartition("@")
    suffix = next((s for s in _SUFFIXES if local.lower().endswith(s)), "")
    if not suffix:
        return None
    text = msg.body_text
    low = " ".join(text[:4096].lower().split())
    if suffix == "-bounces" and (low.startswith(_ACTION_NOTICE) or any(m in low[:320] for m in _BOUNCE_SCORE)):
        return _member_notice(text.strip(), low) or None
    if not any(r in low for r in _REFUSALS):
        return None
    diag = " ".join(p.strip() for p in text.split("\n\n")[:3] if p.strip())
    return [delivery(f"{local[:-len(suffix)]}@{domain}", action="failed", diagnostic=diag, reason="rejected",
                     decoded_by=NAME)]
