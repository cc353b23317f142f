"""Ipswitch IMail Server ("SMTP32"): ``X-Mailer: <SMTP32 vNNN>``, a plain-text notice.

One line per recipient before "Original message follows.", written by the
server's delivery agent (flufl.bounce ``smtp32.py``, Sisimai ``Lhost::IMailServer``)::

    Unknown user: someone@example.com
    User mailbox exceeds allowed size: someone@example.com
    Delivery failed 20 attempts: someone@example.com
    undeliverable to someone@example.com
    Invalid final delivery userid: someone@example.com

followed by the remote server's reply ("RCPT TO generated following response:").
"Delivery failed N attempts" means the queue gave up retrying: reason ``expired``.
"""

from __future__ import annotations

from ... import patterns
from ...model import Delivery
from .. import loose
from ..common import delivery, one_line
from ..message import Message

NAME = "smtp32"

_LINE = patterns.compile(
    r"(user mailbox[^:\n]*:|delivery failed[^:\n]*:|unknown user[^:\n]*:|undeliverable +to|delivery userid[^:\n]*:)"
    r"[ \t]*<?([^\s<>]+@[^\s<>]+?)>?[ \t]*$"
)
_EXPIRED = patterns.compile(r"delivery failed \d+ attempts")


def detect(msg: Message) -> list[Delivery] | None:
    if not msg.get("x-mailer").lower().lstrip().startswith("<smtp32 v"):
        return None
    text = msg.body_text
    end = text.lower().find("original message follows")
    text = text[: end if end >= 0 else 64 * 1024]
    exclude = loose.sender_side(msg)
    found: list[tuple[str, str, list[str]]] = []
    for line in text.split("\n"):
        m = _LINE.search(line) if "@" in line else None
        addr = loose.clean(m.group(2), exclude) if m else ""
        if addr:
            found.append((addr, m.group(1), []))
        elif found and line.strip():
            found[-1][2].append(line)
    out = []
    for addr, label, rest in found:
        expired = bool(_EXPIRED.search(label))
        out.append(delivery(addr, action="delayed" if expired else "failed", reason="expired" if expired else "",
                            diagnostic=one_line(label.rstrip(": ") + ". " + " ".join(rest)), decoded_by=NAME))
    return out or None
