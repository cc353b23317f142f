"""Sympa and L-Soft LISTSERV notices that refuse a post, sent to the poster.

Sympa writes from its robot address (``sympa@<robot>``): "Your message for list
"<list>" (attached below) was rejected." / "You are not allowed to send this message
for the following reason:" (mail_tt2 ``authorization_reject.tt2``, ``reject.tt2``).
LISTSERV writes from ``LISTSERV@<host>``: "You are not authorized to send mail to the
<LIST> list from your <address> account." The address that refused the mail is the
list's own (``<list>@<host>``), as for Mailman's refusals; the reason is the format's
(``rejected``). Moderation notices ("forwarded to the moderator") say no such thing
and are left alone; the poster's address in the text is never a recipient.
"""

from __future__ import annotations

from ... import patterns
from ...model import Delivery
from .. import scan
from ..common import delivery, one_line
from ..message import Message

NAME = "listserver"

_ROBOTS = ("sympa", "listserv")
_REFUSALS = ("was rejected", "you are not allowed to send", "you are not authorized to send mail to",
             "not allowed to post", "has been rejected by")
# Sympa: 'list "team"', 'list team@lists.example.org'; LISTSERV: 'to the TEAM list'
_LIST = patterns.compile(r'(?i)\blist "?([a-z0-9][a-z0-9._+-]*(?:@[a-z0-9.-]+)?)"?|\bto the ([a-z0-9][a-z0-9._+-]*) list\b')


def detect(msg: Message) -> list[Delivery] | None:
    sender = scan.clean_address(msg.sender)
    local, _, domain = sender.rpartition("@")
    if local.lower() not in _ROBOTS or not domain:
        return None
    text = msg.body_text[:4096]
    low = " ".join(text.lower().split())
    if not any(r in low for r in _REFUSALS):
        return None
    m = _LIST.search(" ".join(text.split()))
    if m is None:
        return None
    name = (m.group(1) or m.group(2)).rstrip(".")
    rcpt = name if "@" in name else f"{name.lower()}@{domain.lower()}"
    paras = [p.strip() for p in text.split("\n\n") if p.strip()]
    return [delivery(rcpt, action="failed", diagnostic=one_line(" ".join(paras[:2])), reason="rejected",
                     decoded_by=NAME)]
