"""Apache James: "[BOUNCE]" with "Error message below:" and "Message details:".

Recognised by the Subject "[BOUNCE]", a ``.JavaMail.`` Message-Id or a "JAMES SMTP
Server" Received line; the failed recipients are the ``  RCPT TO: addr`` lines of
the message details. Markers after Sisimai::Lhost::ApacheJames.
"""

from __future__ import annotations

from ...model import Delivery
from .. import scan
from ..common import delivery
from ..message import Message

NAME = "apachejames"


def detect(msg: Message) -> list[Delivery] | None:
    if not (msg.subject.strip() == "[BOUNCE]" or ".JavaMail." in msg.get("message-id")
            or any("JAMES SMTP Server" in r for r in msg.get_all("received"))):
        return None
    rcpts, error, below = [], [], False
    for line in msg.body_text.split("\n"):
        s = line.strip()
        if s.startswith("Error message below:"):
            below, error = True, []
        elif s.startswith("Message details:"):
            below = False
        elif s.upper().startswith("RCPT TO:"):
            rcpts += [a for a in (scan.clean_address(x) for x in s[8:].split(",")) if a]
        elif s and (below or (s.startswith("Error:") and not error)):
            error.append(s)
    diag = " ".join(error)
    return [delivery(r, action="failed", diagnostic=diag, decoded_by=NAME) for r in dict.fromkeys(rcpts)] or None
