"""Sisimai's anonymised "X2" MTA: "Delivery failure" / "failed delivery" from MAILER-DAEMON.

qmail-like text: "Unable to deliver message to the following address(es)." then
``<address>:`` and the error; newer versions write "Delivery failed: <address>"
and "Remote host said[Response Message]: ...". "this message has been in the queue
too long" is qmail-send's expiry. Markers after Sisimai::Lhost::X2.
"""

from __future__ import annotations

from ...model import Delivery
from .. import scan
from ..common import delivery, text_blocks
from ..message import Message
from ..textscan import TextFormat
from . import qmail

NAME = "x2"

FORMAT = TextFormat(begin=("unable to deliver message to the following address",
                           "your delivery to the following address has been failed"),
                    end=("--- original message follows",))
_SUBJECTS = ("delivery failure", "failure delivery", "failed delivery", "permanent delivery failure")


def _blocks(msg: Message) -> list[tuple[str, str]]:
    found = [(b.address, b.text) for b in text_blocks(msg, FORMAT)]
    if found:
        return found
    lines, address = [], ""
    for line in msg.body_text.split("\n"):  # "Delivery failed: <address>" then the details
        s = line.strip()
        if s.lower().startswith("delivery failed:"):
            address = scan.clean_address(s[16:])
        elif address and s:
            if not s.startswith("STEP:"):  # "STEP: DATA SEND" repeats what the text says
                lines.append(s)
        elif address:
            found.append((address, " ".join(lines)))
            lines, address = [], ""
    if address:
        found.append((address, " ".join(lines)))
    return found


def detect(msg: Message) -> list[Delivery] | None:
    if not msg.subject.strip().lower().startswith(_SUBJECTS):
        return None
    sender = msg.sender.lower()
    if "mailer-daemon@" not in sender and "postmaster@" not in sender:
        return None
    out = []
    for address, text in _blocks(msg):
        text = text.replace("Remote host said[Response Message]:", "Remote host said:")
        low = text.lower()
        expired = qmail.TOO_LONG in low
        out.append(delivery(address, action="delayed" if expired else "failed", diagnostic=qmail.reply(text),
                            command=qmail.stage(low), remote_mta=qmail.remote(text),
                            reason="expired" if expired else "", decoded_by=NAME))
    return out or None
