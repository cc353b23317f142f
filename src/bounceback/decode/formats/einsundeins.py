"""1&1 / IONOS (kundenserver.de): Exim-like "Mail delivery failed: returning message to sender".

"This message was created automatically by mail delivery software.", then "The
following address(es) failed:", the bare address, and "For the following reason:"
or a ``SMTP error from remote server for TEXT command, host: mx (ip) reason: 550
...`` line; "--- The header of the original message is following. ---" ends it.
Markers after Sisimai::Lhost::EinsUndEins.
"""

from __future__ import annotations

from ...model import Delivery
from ..common import delivery, text_blocks
from ..message import Message
from ..textscan import TextFormat

NAME = "einsundeins"

FORMAT = TextFormat(begin=("this message was created automatically by mail delivery software",),
                    end=("--- the header of the original message is following",))


def detect(msg: Message) -> list[Delivery] | None:
    if not msg.sender.lower().startswith('"mail delivery system"'):
        return None
    if msg.subject.strip() != "Mail delivery failed: returning message to sender":
        return None
    if "--- the header of the original message is following" not in msg.body_text.lower():
        return None
    body = msg.body_text
    i = body.find("For the following reason:")
    stop = body.lower().find("--- the header of the original message")
    reason = " ".join(body[i + 25:stop].split()) if 0 <= i < stop else ""
    out = []
    for b in text_blocks(msg, FORMAT):
        text = b.text
        if text.startswith("For the following reason:"):
            text = text[25:].strip() or reason  # the reason is the next paragraph
        low = text.lower()
        remote = command = ""
        if "host: " in low and " reason: " in low:
            # "SMTP error from remote server for TEXT command, host: mx (ip) reason: 550 ..."
            remote = low[low.find("host: ") + 6:].split()[0]
            command = "DATA" if "for text command" in low else ""
            text = text[low.find(" reason: ") + 9:].strip()
        out.append(delivery(b.address, action="failed", diagnostic=text, remote_mta=remote, command=command,
                            decoded_by=NAME))
    return out or None
