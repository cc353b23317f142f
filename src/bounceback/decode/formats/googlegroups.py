"""Google Groups: a post the group did not take (``mailer-daemon@googlemail.com``).

Markers from Sisimai ``Lhost/GoogleGroups.pm`` (BSD-2-Clause): From
``mailer-daemon@googlemail.com``, Subject ``Delivery Status Notification``,
``X-Failed-Recipients`` (the group's address) and ``X-Google-Smtp-Source``.
The text, in the sender's language, says the group may not exist or the sender
may not post to it, and lists four reasons as `` * `` bullets: that layout means
the group refused the post (reason ``rejected``).
"""

from __future__ import annotations

from dataclasses import replace

from ...model import Delivery
from ..common import delivery, from_has, one_line, subject_has
from ..message import Message
from ..textscan import report_text
from ._provider import finish, header_addresses

NAME = "googlegroups"
_RESPONSE = "the response was:"


def _diagnostic(text: str) -> tuple[str, int]:
    """The first paragraphs of the notice (greeting, explanation, bullets) and the bullet count."""
    bullets = sum(1 for line in text.split("\n") if line.lstrip(" ").startswith("*"))
    # the current notice opens with Gmail's "** Address not found **" boilerplate; the group's own
    # words come after "The response was:"
    i = text.lower().find(_RESPONSE)
    if i >= 0:
        text = text[i + len(_RESPONSE):]
    paras = [p.strip() for p in text.strip().split("\n\n") if p.strip()]
    return one_line(" ".join(paras[:3 if i < 0 else 1])), bullets


def detect(msg: Message) -> list[Delivery] | None:
    if not msg.get("x-google-smtp-source") or not msg.get("x-failed-recipients"):
        return None
    if not from_has(msg, "mailer-daemon@googlemail.com") or not subject_has(msg, "delivery status notification"):
        return None
    text = report_text(msg.body_text)
    if "groups.google.com" not in text and "google groups" not in text.lower():
        return None
    diag, bullets = _diagnostic(text)
    out = []
    for rcpt in header_addresses(msg, "x-failed-recipients"):
        d = delivery(rcpt, action="failed", diagnostic=diag, decoded_by=NAME)
        out.append(replace(d, reason="rejected") if bullets >= 4 else d)
    return finish(out)
