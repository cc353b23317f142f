"""BIGLOBE and its partner ISPs (``postmaster@biglobe.ne.jp``, inacatv, tmtv, ttv).

Markers from Sisimai ``Lhost/Biglobe.pm`` (BSD-2-Clause): From
``postmaster@{biglobe,inacatv,tmtv,ttv}.ne.jp``, Subject ``Returned mail:``; the
text

       ----- The following addresses had delivery problems -----
    user@example.jp
       ----- Non-delivered information -----
    The number of messages in recipient's mailbox exceeded the local limit.

with the original in a ``message/rfc822`` part.
"""

from __future__ import annotations

from ...model import Delivery
from .. import scan
from ..common import delivery
from ..message import Message
from ..textscan import report_text
from ._provider import finish

NAME = "biglobe"

_DOMAINS = ("@biglobe.ne.jp", "@inacatv.ne.jp", "@tmtv.ne.jp", "@ttv.ne.jp")
_BEGIN = "----- the following addresses had delivery problems -----"


def detect(msg: Message) -> list[Delivery] | None:
    sender = scan.clean_address(msg.sender).lower()
    if not sender.startswith("postmaster@") or not sender.endswith(_DOMAINS):
        return None
    if not msg.subject.startswith("Returned mail:"):
        return None
    text = report_text(msg.body_text)
    start = text.lower().find(_BEGIN)
    if start < 0:
        return None
    rcpts: list[str] = []
    lines: list[str] = []
    for line in text[start:].split("\n")[1:]:
        s = line.strip()
        if not s or s.startswith("-----"):
            continue
        if " " not in s and "@" in s and scan.clean_address(s):
            rcpts.append(scan.clean_address(s))
        elif rcpts and s[:1].isalnum():
            lines.append(s)
    diag = " ".join(lines)
    return finish([delivery(r, action="failed", diagnostic=diag, decoded_by=NAME) for r in rcpts])
