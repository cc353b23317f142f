"""Ipswitch IMail Server ("SMTP32"): ``X-Mailer: <SMTP32 vNNN>``, a plain-text notice.

One line per recipient before "Original message follows.", written by the
server's delivery agent (flufl.bounce ``smtp32.py``, Sisimai ``Lhost::IMailServer``)::

    Unknown user: someone@example.com
    User mailbox exceeds allowed size: someone@example.com
    Delivery failed 20 attempts: someone@example.com
    undeliverable to someone@example.com
    Invalid final delivery userid: someone@example.com

followed by the remote server's reply ("RCPT TO generated following response:").
The label is the server's own verdict (Sisimai reads it the same way): "Unknown
user" and "Invalid final delivery userid" say the mailbox does not exist
(``userunknown``, the remote reply may still refine it), "Delivery failed N
attempts" that the queue gave up retrying (``expired``).
"""

from __future__ import annotations

from ... import patterns
from ...model import Delivery
from .. import loose
from ..common import delivery, one_line
from ..message import Message

NAME = "smtp32"

# Sisimai::Lhost::IMailServer's table adds "Unknown host:" and "Requested action not taken: virus
# detected:"
_LINE = patterns.compile(
    r"(user mailbox[^:\n]*:|delivery failed[^:\n]*:|unknown user[^:\n]*:|undeliverable +to|delivery userid[^:\n]*:"
    r"|unknown host[^:\n]*:|virus detected[^:\n]*:)"
    r"[ \t]*<?([^\s<>]+@[^\s<>]+?)>?[ \t]*$"
)
_EXPIRED = patterns.compile(r"delivery failed \d+ attempts")
_NO_MAILBOX = patterns.compile(r"^(?:unknown user|invalid final delivery userid)")


def detect(msg: Message) -> list[Delivery] | None:
    mailer = msg.get("x-mailer").strip()
    text = msg.body_text
    end = text.lower().find("original message follows")
    # without an X-Mailer, the Subject "Undeliverable Mail" (Sisimai::Lhost::IMailServer) and the
    # server's "Original message follows." (another mailer named is never this server)
    if not mailer.lower().startswith("<smtp32 v") and \
            (mailer or msg.subject.strip() != "Undeliverable Mail" or end < 0):
        return None
    text = text[: end if end >= 0 else 64 * 1024]
    exclude = loose.sender_side(msg)
    found: list[tuple[str, str, list[str]]] = []
    for line in text.split("\n"):
        m = _LINE.search(line) if "@" in line else None
        addr = loose.clean(m.group(2), exclude) if m else ""
        if addr:
            found.append((addr, line[: m.start(2)], []))
        elif found and line.strip():
            found[-1][2].append(line)
    out = []
    for addr, label, rest in found:
        expired = bool(_EXPIRED.search(label))
        reason = "expired" if expired else "userunknown" if _NO_MAILBOX.search(label.strip()) else ""
        diag = label.strip().rstrip(":<").strip()
        diag = diag[:-3].rstrip() if diag.lower().endswith(" to") else diag
        rest_text = " ".join(rest)
        out.append(delivery(addr, action="delayed" if expired else "failed", reason=reason,
                            diagnostic=one_line(f"{diag}: {addr}. {rest_text}"), decoded_by=NAME,
                            command="RCPT" if "rcpt to generated" in rest_text.lower() else ""))
    return out or None
