"""KDDI au one net (``no-reply@*.dion.ne.jp``): Japanese notice, English error lines.

Markers from Sisimai ``Lhost/KDDI.pm`` (BSD-2-Clause): From
``no-reply@*.dion.ne.jp``, Reply-To ``no-reply@app.auone-net.jp``, or a Received
header of ``ezweb.ne.jp (`` / ``.au.com (``. The error part:

    Your mail sent on: Thu, 29 Apr 2013 23:45:22 +0900
         Could not be delivered to: <user@example.jp>
         As their mailbox is full.

(``Your mail attempted to be delivered on:`` in other notices).
``X-SPASIGN: NG`` says au's filter refused the message: reason ``filtered``.
"""

from __future__ import annotations

from dataclasses import replace

from ...model import Delivery
from .. import scan
from ..common import delivery, from_has, header_has
from ..message import Message
from ..textscan import TextFormat, section
from ._provider import finish, received_has

NAME = "kddi"

FORMAT = TextFormat(begin=("your mail sent on", "your mail attempted to be delivered on"))
_TO = "could not be delivered to:"


def ours(msg: Message) -> bool:
    sender = msg.sender.lower()
    return (("no-reply@" in sender and sender.rstrip("> ").endswith(".dion.ne.jp"))
            or header_has(msg, "reply-to", "no-reply@app.auone-net.jp")
            or received_has(msg, "ezweb.ne.jp (", ".au.com ("))


def detect(msg: Message) -> list[Delivery] | None:
    if not ours(msg) or from_has(msg, "postmaster@ezweb.ne.jp", "postmaster@au.com"):
        return None
    text = section(msg.body_text, FORMAT)
    if text is None:
        return None
    blocks: list[tuple[str, list[str]]] = []
    for line in text.split("\n"):
        s = line.strip()
        i = s.lower().find(_TO)
        if i >= 0 and scan.clean_address(s[i + len(_TO):]):
            blocks.append((scan.clean_address(s[i + len(_TO):]), []))
        elif blocks and s and line[:1] in " \t":
            blocks[-1][1].append(s)
        elif blocks and s:
            break
    filtered = msg.get("x-spasign").strip().upper() == "NG"
    out = [delivery(r, action="failed", diagnostic=" ".join(lines), decoded_by=NAME) for r, lines in blocks]
    return finish([replace(d, reason="filtered") if filtered else d for d in out])
