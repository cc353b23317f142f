"""Active!hunter (TransWARE) mail filter: "FAILURE NOTICE : <subject>".

Always writes an ``X-AHMailID`` header; under "----- The following addresses had
permanent fatal errors -----" each recipient is a ``>>> addr <addr>`` line and the
transcript below holds the remote reply. Markers after Sisimai::Lhost::Activehunter.
"""

from __future__ import annotations

from ...model import Delivery
from .. import scan
from ..common import delivery
from ..message import Message

NAME = "activehunter"


def detect(msg: Message) -> list[Delivery] | None:
    if not msg.get("x-ahmailid"):
        return None
    text = msg.body_text
    i = text.lower().find("----- the following addresses had permanent fatal errors -----")
    if i < 0:
        return None
    rcpts, diag = [], ""
    for line in text[i:].split("\n")[1:]:
        s = line.strip()
        if s.startswith(">>>"):
            a = scan.clean_address(s[3:])
            if a:
                rcpts.append(a)
        elif rcpts and s[:1].isalnum() and not diag:
            diag = s  # "550 sorry, no mailbox here by that name (#5.1.1 - chkusr)"
    return [delivery(r, action="failed", diagnostic=diag, decoded_by=NAME) for r in dict.fromkeys(rcpts)] or None
